//! What a program does with the client besides one call: await a builder directly, move it into a
//! task, limit one call's time, read a reply's status and headers, and act on an error's kind.
mod common;

use std::time::Duration;

use common::*;
use wiremock::matchers::any;
use wiremock::{Mock, ResponseTemplate};

#[tokio::test]
async fn a_builder_is_awaited_directly() {
    let server = server().await;
    reply_json(&server, 200, r#"{"keys":[]}"#).await;
    let certs = client(&server).fetch_certs().await.expect("the call succeeds");
    assert_eq!(format!("{:?}", certs.keys), "Some(Array [])");
}

#[tokio::test]
async fn a_builder_owns_what_it_needs_and_moves_into_a_task() {
    let server = server().await;
    reply_json(&server, 200, r#"{"keys":[]}"#).await;
    let client = client(&server);
    let request = client.fetch_certs();
    drop(client);
    let spawned = tokio::spawn(request.send());
    let awaited = tokio::spawn(async move { client_for_task(&server).fetch_certs().await });
    spawned.await.expect("the task ran").expect("the call succeeds");
    awaited.await.expect("the task ran").expect("the call succeeds");
}

fn client_for_task(server: &wiremock::MockServer) -> twilio_oauth_v1::Client {
    client(server)
}

#[tokio::test]
async fn a_slow_reply_times_out_and_says_so() {
    let server = server().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw("{}", "application/json")
                .set_delay(Duration::from_secs(5)),
        )
        .mount(&server)
        .await;
    let error = client(&server)
        .fetch_certs()
        .request_timeout(Duration::from_millis(200))
        .await
        .expect_err("the reply comes too late");
    assert!(error.is_timeout(), "{error:?}");
    assert!(error.is_retryable());
    assert!(!error.is_connect());
    assert!(error.to_string().starts_with("the request timed out: "), "{error}");
}

#[tokio::test]
async fn a_refused_connection_is_a_connect_error() {
    // Nothing listens on port 9 of localhost (discard): the connection is refused.
    let client = twilio_oauth_v1::Client::builder()
        .base_url("http://127.0.0.1:9")
        .build()
        .expect("the client builds");
    let error = client.fetch_certs().await.expect_err("nothing listens");
    assert!(error.is_connect(), "{error:?}");
    assert!(error.is_retryable());
    assert!(!error.is_timeout());
    assert!(error.to_string().starts_with("could not connect: "), "{error}");
}

#[tokio::test]
async fn a_reply_keeps_its_status_and_headers() {
    let server = server().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(r#"{"keys":[]}"#, "application/json")
                .insert_header("Twilio-Request-Id", "RQ0123"),
        )
        .mount(&server)
        .await;
    let response = client(&server)
        .fetch_certs()
        .send_with_metadata()
        .await
        .expect("the call succeeds");
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.header("twilio-request-id"), Some("RQ0123"));
    assert!(response.value().keys.is_some());
}

#[tokio::test]
async fn an_api_error_keeps_the_reply_headers_with_their_values_out_of_debug() {
    let server = server().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(429)
                .set_body_raw(r#"{"code":20429,"message":"Too Many Requests"}"#, "application/json")
                .insert_header("Twilio-Request-Id", "RQ0456")
                .insert_header("Set-Cookie", "session=cookie-secret-value"),
        )
        .mount(&server)
        .await;
    let error = client(&server).fetch_certs().await.expect_err("a 429");
    assert!(error.is_retryable());
    let twilio_oauth_v1::Error::Api(api) = &error else {
        panic!("expected an API error, got {error:?}")
    };
    assert_eq!(
        api.headers.get("twilio-request-id").and_then(|v| v.to_str().ok()),
        Some("RQ0456")
    );
    let debug = format!("{error:?}");
    assert!(
        !debug.contains("cookie-secret-value") && !debug.contains("RQ0456"),
        "{debug}"
    );
    assert!(debug.contains("\"set-cookie\": Sensitive"), "{debug}");
}

#[tokio::test]
async fn client_errors_are_not_worth_repeating() {
    let server = server().await;
    reply_json(&server, 400, r#"{"code":20001,"message":"Bad"}"#).await;
    let error = client(&server).fetch_certs().await.expect_err("a 400");
    assert!(!error.is_retryable() && !error.is_timeout() && !error.is_connect());
}

#[tokio::test]
async fn the_user_agent_names_the_crate_and_the_application() {
    let server = server().await;
    reply_json(&server, 200, r#"{"keys":[]}"#).await;
    let client = twilio_oauth_v1::Client::builder()
        .base_url(server.uri())
        .user_agent_suffix("acme-billing/2.1")
        .build()
        .expect("the client builds");
    client.fetch_certs().await.expect("the call succeeds");
    assert_eq!(
        header(&only_request(&server).await, "user-agent").as_deref(),
        Some("twilio-oauth-v1/1.53.0 acme-billing/2.1")
    );
}

#[tokio::test]
async fn a_custom_http_client_that_follows_redirects_is_refused_on_the_call_it_redirected() {
    let target = server().await;
    reply_json(&target, 200, r#"{"keys":[]}"#).await;
    let redirecting = server().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("Location", format!("{}/elsewhere?code=secret-code-123", target.uri())),
        )
        .mount(&redirecting)
        .await;
    // Built with the crate's own re-export of reqwest, and its default redirect policy (follows).
    let http = twilio_oauth_v1::reqwest::Client::builder()
        .build()
        .expect("an HTTP client");
    let client = twilio_oauth_v1::Client::builder()
        .base_url(redirecting.uri())
        .http_client(http)
        .build()
        .expect("the client builds");
    let error = client.fetch_certs().await.expect_err("a followed redirect is refused");
    let text = error.to_string();
    assert!(
        text.starts_with("the request could not be built: the HTTP client followed a redirect to http://127.0.0.1:"),
        "{text}"
    );
    assert!(text.contains("/elsewhere?code=[redacted]"), "{text}");
    assert!(
        text.ends_with("with `.redirect(reqwest::redirect::Policy::none())`"),
        "{text}"
    );
    assert!(!text.contains("secret-code-123"));
}

#[tokio::test]
async fn a_custom_http_client_without_redirects_works_as_the_default_one() {
    let server = server().await;
    reply_json(&server, 200, r#"{"keys":[]}"#).await;
    let http = twilio_oauth_v1::reqwest::Client::builder()
        .redirect(twilio_oauth_v1::reqwest::redirect::Policy::none())
        .build()
        .expect("an HTTP client");
    let client = twilio_oauth_v1::Client::builder()
        .base_url(server.uri())
        .http_client(http)
        .build()
        .expect("the client builds");
    client.fetch_certs().await.expect("the call succeeds");
}
