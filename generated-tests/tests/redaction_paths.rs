//! Secrets in errors, continued from `redaction.rs`: the other ways a reply's secret can reach an
//! error. A body the client cut at 64 KiB in the middle of a token, an error wrapped in
//! `Error::Exhausted` (retries) or `Error::Token` (a token server that failed), a redirect whose
//! `Location` carries tokens, and a decode message that quotes a value the body holds under a
//! secret key. None of them may print a secret, in `Debug` or in `Display`.
mod common;

use common::*;
use twilio_oauth_v1::{ApiError, Client, Credentials, Error, RetryPolicy};
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ACCESS_TOKEN: &str = "eyJhbGciOiJSUzI1NiJ9.access.sig-1";
const REFRESH_TOKEN: &str = "eyJhbGciOiJSUzI1NiJ9.refresh.sig-2";
const ID_TOKEN: &str = "eyJhbGciOiJSUzI1NiJ9.identity.sig-3";
const CODE: &str = "authorization-code-4";
const CLIENT_SECRET: &str = "client-secret-5";

/// Fails when `err`'s `Debug` (plain or pretty) or `Display` holds a secret or `[redacted]` is missing.
fn assert_no_secret(err: &impl std::fmt::Debug, display: &str) {
    let debug = format!("{err:?}");
    for text in [debug.as_str(), &format!("{err:#?}"), display] {
        for secret in [ACCESS_TOKEN, REFRESH_TOKEN, ID_TOKEN, CODE, CLIENT_SECRET, PASS] {
            assert!(!text.contains(secret), "`{secret}` leaked into: {text}");
        }
    }
    assert!(debug.contains("[redacted]"), "{debug}");
}

async fn answer(server: &MockServer, reply: ResponseTemplate) {
    Mock::given(any()).respond_with(reply).mount(server).await;
}

fn json(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), "application/json")
}

#[tokio::test]
async fn a_body_cut_at_64_kib_in_a_token_keeps_no_part_of_it() {
    let head = r#"{"padding":""#;
    let padding = "x".repeat(ApiError::BODY_LIMIT - head.len() - r#"","id_token":""#.len() - 5);
    let server = server().await;
    answer(
        &server,
        json(
            400,
            &format!(r#"{head}{padding}","id_token":"{ID_TOKEN}","access_token":"{ACCESS_TOKEN}"}}"#),
        ),
    )
    .await;
    let err = client(&server).fetch_user_info().send().await.unwrap_err();
    let Error::Api(api) = &err else {
        panic!("expected Error::Api, got {err:?}")
    };
    assert!(api.truncated);
    let kept = api
        .body
        .strip_suffix(r#"","id_token":"[redacted]"#)
        .expect("the cut token is masked");
    assert_eq!(kept, format!("{head}{padding}"), "the rest is kept as it came");
    assert_no_secret(&err, &err.to_string());
    assert!(
        !format!("{err:?}").contains(&ID_TOKEN[..5]),
        "the start of the identity token leaked"
    );
}

#[tokio::test]
async fn exhausted_retries_keep_the_last_body_masked() {
    let server = server().await;
    let body = format!(r#"{{"error":"try later","access_token":"{ACCESS_TOKEN}","refresh_token":"{REFRESH_TOKEN}"}}"#);
    answer(&server, json(503, &body)).await;
    let client = Client::builder()
        .base_url(server.uri())
        .credentials(Credentials::basic(USER, PASS))
        .retry(RetryPolicy::new())
        .clock(TestClock::new())
        .build()
        .unwrap();
    let err = client
        .create_token("refresh_token", "OQ1")
        .refresh_token(REFRESH_TOKEN)
        .idempotent()
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Exhausted { attempts: 3, .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        r#"the server answered 503 Service Unavailable: {"error":"try later","access_token":"[redacted]","refresh_token":"[redacted]"} (gave up after 3 attempts)"#
    );
    assert_no_secret(&err, &err.to_string());
}

#[tokio::test]
async fn a_redirect_location_with_tokens_is_kept_masked() {
    let server = server().await;
    let location = format!(
        "https://app.example.com/callback?code={CODE}&state=s1#access_token={ACCESS_TOKEN}&id_token={ID_TOKEN}"
    );
    answer(
        &server,
        ResponseTemplate::new(302).insert_header("Location", location.as_str()),
    )
    .await;
    let err = client(&server)
        .create_token("authorization_code", "OQ1")
        .send()
        .await
        .unwrap_err();
    let masked =
        "https://app.example.com/callback?code=[redacted]&state=s1#access_token=[redacted]&id_token=[redacted]";
    assert!(
        matches!(&err, Error::Api(api) if api.location.as_deref() == Some(masked)),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!("the server answered 302 Found (Location: {masked})")
    );
    assert_no_secret(&err, &err.to_string());
}

/// serde quotes the string it rejects; the body holds that value under `id_token`, so it is a secret.
#[tokio::test]
async fn a_decode_message_quoting_a_secret_value_masks_it() {
    let server = server().await;
    let body =
        format!(r#"{{"issuer":"https://oauth.twilio.com","id_token":"{ID_TOKEN}","scopes_supported":"{ID_TOKEN}"}}"#);
    answer(&server, json(200, &body)).await;
    let err = client(&server).fetch_openid_discovery().send().await.unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"the 200 OK reply could not be decoded: invalid type: string "[redacted]", expected a sequence at line 1 column 142"#
    );
    assert!(matches!(&err, Error::Decode { body, .. }
        if body == r#"{"issuer":"https://oauth.twilio.com","id_token":"[redacted]","scopes_supported":"[redacted]"}"#));
    assert_no_secret(&err, &err.to_string());
}

/// A token server's refusal reaches the call as `Error::Token`, its body masked like any other.
#[tokio::test]
async fn a_token_servers_error_is_kept_masked() {
    let server = MockServer::start().await;
    let body = format!(
        r#"{{"error":"invalid_client","error_description":"client_secret={CLIENT_SECRET} is wrong","client_secret":"{CLIENT_SECRET}"}}"#
    );
    Mock::given(method("POST"))
        .and(path("/v1/token"))
        .respond_with(json(401, &body))
        .mount(&server)
        .await;
    let err = fixture_client(&server).fetch_price().send().await.unwrap_err();
    assert!(matches!(err, schemes_and_shapes::Error::Token(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        r#"no access token: the server answered 401 Unauthorized: {"error":"invalid_client","error_description":"client_secret=[redacted] is wrong","client_secret":"[redacted]"}"#
    );
    assert_no_secret(&err, &err.to_string());

    // A token reply cut short says so without quoting it.
    let server = MockServer::start().await;
    let cut = format!(r#"{{"token_type":"bearer","access_token":"{}"#, &ACCESS_TOKEN[..12]);
    answer(&server, json(200, &cut)).await;
    let err = fixture_client(&server).fetch_price().send().await.unwrap_err();
    assert_eq!(err.to_string(), "no access token: the token reply (200 OK) is not JSON");
    assert!(!format!("{err:?}").contains(&ACCESS_TOKEN[..5]), "{err:?}");
}

/// The fixture document's client, with client credentials fetched from `server`.
fn fixture_client(server: &MockServer) -> schemes_and_shapes::Client {
    let credentials = schemes_and_shapes::token::ClientCredentials::new("OQ1", CLIENT_SECRET)
        .token_url(format!("{}/v1/token", server.uri()));
    schemes_and_shapes::Client::builder()
        .base_url(server.uri())
        .credentials(schemes_and_shapes::Credentials::from(credentials))
        .clock(TestClock::new())
        .build()
        .unwrap()
}
