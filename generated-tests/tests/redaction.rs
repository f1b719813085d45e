//! Secrets never show up in `Debug` or `Display` output: credentials, clients, request builders,
//! token models and errors.
mod common;

use common::*;
use twilio_oauth_v1::models::{OauthV1DeviceCode, OauthV1Token};
use twilio_oauth_v1::{Client, Credentials, Error};
use wiremock::MockServer;

const USERNAME: &str = "ACuser";
const AUTH_TOKEN: &str = "supersecret-auth-token";
/// base64 of `ACuser:supersecret-auth-token`, as it would appear in an Authorization header.
const AUTH_TOKEN_BASE64: &str = "QUN1c2VyOnN1cGVyc2VjcmV0LWF1dGgtdG9rZW4=";
const CLIENT_SECRET: &str = "client-secret-value-1";
const CODE: &str = "authorization-code-value-2";
const CODE_VERIFIER: &str = "pkce-code-verifier-value-3";
const DEVICE_CODE: &str = "device-code-value-4";
const REFRESH_TOKEN: &str = "refresh-token-value-5";
const ACCESS_TOKEN: &str = "access-token-value-6";
const ID_TOKEN: &str = "id-token-value-7";

const SECRETS: [&str; 9] = [
    AUTH_TOKEN,
    AUTH_TOKEN_BASE64,
    CLIENT_SECRET,
    CODE,
    CODE_VERIFIER,
    DEVICE_CODE,
    REFRESH_TOKEN,
    ACCESS_TOKEN,
    ID_TOKEN,
];

/// Fails when `text` contains any of the secrets.
fn assert_no_secret(text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "`{secret}` leaked into: {text}");
    }
}

fn secret_client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .credentials(Credentials::basic(USERNAME, AUTH_TOKEN))
        .build()
        .expect("the client builds")
}

#[test]
fn credentials_debug_shows_username_and_redacts_password() {
    let credentials = Credentials::basic(USERNAME, AUTH_TOKEN);
    let debug = format!("{credentials:?}");
    assert_eq!(
        debug,
        r#"Credentials::Basic { username: "ACuser", password: [redacted] }"#
    );
    assert_no_secret(&debug);
    let pretty = format!("{credentials:#?}");
    assert_no_secret(&pretty);
    assert!(pretty.contains("[redacted]") && pretty.contains("ACuser"), "{pretty}");
}

#[tokio::test]
async fn client_and_builder_debug_redact_the_password() {
    let server = server().await;
    let client = secret_client(&server);
    let debug = format!("{client:?}");
    assert_eq!(
        debug,
        format!(
            r#"Client {{ base_url: "{}", credentials: Some(Credentials::Basic {{ username: "ACuser", password: [redacted] }}), retry: None, .. }}"#,
            server.uri()
        )
    );
    assert_no_secret(&format!("{client:#?}"));
    // Clones share the credentials and print the same.
    assert_eq!(format!("{:?}", client.clone()), debug);

    let builder = Client::builder()
        .base_url(server.uri())
        .credentials(Credentials::basic(USERNAME, AUTH_TOKEN));
    let debug = format!("{builder:?}");
    assert_no_secret(&debug);
    assert!(debug.contains("[redacted]") && debug.contains("ACuser"), "{debug}");
}

#[tokio::test]
async fn create_token_request_debug_redacts_every_secret_input() {
    let server = server().await;
    let client = secret_client(&server);
    let request = client
        .create_token("authorization_code", "OQ123")
        .client_secret(CLIENT_SECRET)
        .code(CODE)
        .code_verifier(CODE_VERIFIER)
        .device_code(DEVICE_CODE)
        .refresh_token(REFRESH_TOKEN)
        .device_id("device-42");
    let debug = format!("{request:?}");
    assert_eq!(
        debug,
        r#"CreateTokenRequest { grant_type: "authorization_code", client_sid: "OQ123", client_secret: Some([redacted]), code: Some([redacted]), code_verifier: Some([redacted]), device_code: Some([redacted]), refresh_token: Some([redacted]), device_id: Some("device-42"), .. }"#
    );
    assert_no_secret(&debug);
    assert_no_secret(&format!("{request:#?}"));
}

#[tokio::test]
async fn create_token_request_debug_shows_unset_secrets_as_none() {
    let server = server().await;
    let client = secret_client(&server);
    let request = client
        .create_token("refresh_token", "OQ123")
        .refresh_token(REFRESH_TOKEN);
    let debug = format!("{request:?}");
    assert_eq!(
        debug,
        r#"CreateTokenRequest { grant_type: "refresh_token", client_sid: "OQ123", client_secret: None, code: None, code_verifier: None, device_code: None, refresh_token: Some([redacted]), device_id: None, .. }"#
    );
    assert_no_secret(&debug);
}

#[tokio::test]
async fn other_request_builders_debug_print_no_credentials() {
    let server = server().await;
    let client = secret_client(&server);
    let device = client
        .create_device_code("OQ1", ["openid", "profile"])
        .audiences(["aud-1"]);
    assert_eq!(
        format!("{device:?}"),
        r#"CreateDeviceCodeRequest { client_sid: "OQ1", scopes: ["openid", "profile"], audiences: ["aud-1"], .. }"#
    );
    let certs = client.fetch_certs();
    let discovery = client.fetch_openid_discovery();
    let user = client.fetch_user_info();
    assert_eq!(format!("{certs:?}"), "FetchCertsRequest { .. }");
    assert_eq!(format!("{discovery:?}"), "FetchOpenidDiscoveryRequest { .. }");
    assert_eq!(format!("{user:?}"), "FetchUserInfoRequest { .. }");
    for text in [
        format!("{device:#?}"),
        format!("{certs:#?}"),
        format!("{discovery:#?}"),
        format!("{user:#?}"),
    ] {
        assert_no_secret(&text);
    }
}

#[test]
fn token_model_debug_redacts_tokens_and_shows_dates() {
    let at = twilio_oauth_v1::Timestamp::from_unix(1_706_640_310, 0).unwrap();
    let token = OauthV1Token {
        access_token: Some(ACCESS_TOKEN.to_owned()),
        refresh_token: Some(REFRESH_TOKEN.to_owned()),
        id_token: Some(ID_TOKEN.to_owned()),
        refresh_token_expires_at: Some(at),
        access_token_expires_at: None,
    };
    let debug = format!("{token:?}");
    assert_eq!(
        debug,
        "OauthV1Token { access_token: Some([redacted]), refresh_token: Some([redacted]), id_token: Some([redacted]), \
         refresh_token_expires_at: Some(Timestamp(2024-01-30T18:45:10Z)), access_token_expires_at: None }"
    );
    assert_no_secret(&debug);
    assert_no_secret(&format!("{token:#?}"));
}

#[tokio::test]
async fn decoded_token_debug_redacts_tokens() {
    let server = server().await;
    reply_json(
        &server,
        201,
        &format!(r#"{{"access_token":"{ACCESS_TOKEN}","refresh_token":"{REFRESH_TOKEN}","id_token":"{ID_TOKEN}"}}"#),
    )
    .await;
    let token = secret_client(&server)
        .create_token("client_credentials", "OQ123")
        .send()
        .await
        .unwrap();
    assert_eq!(token.access_token.as_deref(), Some(ACCESS_TOKEN));
    let debug = format!("{token:?}");
    assert_no_secret(&debug);
    assert_eq!(debug.matches("[redacted]").count(), 3, "{debug}");
}

#[test]
fn device_code_model_debug_redacts_the_device_code_and_shows_the_user_code() {
    let code = OauthV1DeviceCode {
        device_code: Some(DEVICE_CODE.to_owned()),
        user_code: Some("WDJB-MJHT".to_owned()),
        verification_uri: Some("https://www.twilio.com/device".to_owned()),
        verification_uri_complete: None,
        expires_in: Some(600),
        interval: Some(5),
    };
    let debug = format!("{code:?}");
    assert_eq!(
        debug,
        r#"OauthV1DeviceCode { device_code: Some([redacted]), user_code: Some("WDJB-MJHT"), verification_uri: Some("https://www.twilio.com/device"), verification_uri_complete: None, expires_in: Some(600), interval: Some(5) }"#
    );
    assert_no_secret(&debug);
}

#[tokio::test]
async fn api_error_from_401_shows_neither_auth_token_nor_client_secret() {
    let server = server().await;
    reply_json(
        &server,
        401,
        r#"{"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401}"#,
    )
    .await;
    let err = secret_client(&server)
        .create_token("client_credentials", "OQ123")
        .client_secret(CLIENT_SECRET)
        .code(CODE)
        .refresh_token(REFRESH_TOKEN)
        .send()
        .await
        .expect_err("a 401 fails");
    assert!(matches!(err, Error::Api(_)), "{err:?}");

    // The request really carried the secrets, so their absence from the error means something.
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "authorization"),
        Some(format!("Basic {AUTH_TOKEN_BASE64}"))
    );
    assert!(body_text(&request).contains(&format!("ClientSecret={CLIENT_SECRET}")));

    for text in [err.to_string(), format!("{err:?}"), format!("{err:#?}")] {
        assert_no_secret(&text);
    }
    assert_eq!(
        err.to_string(),
        "the server answered 401 Unauthorized: Authenticate (Twilio error 20003), \
         see https://www.twilio.com/docs/errors/20003"
    );
}

#[tokio::test]
async fn decode_error_shows_neither_auth_token_nor_client_secret() {
    let server = server().await;
    reply_raw(&server, 201, "<html>not json</html>", "text/html").await;
    let err = secret_client(&server)
        .create_token("client_credentials", "OQ123")
        .client_secret(CLIENT_SECRET)
        .send()
        .await
        .expect_err("decoding fails");
    assert!(matches!(err, Error::UnexpectedContentType { .. }), "{err:?}");
    for text in [err.to_string(), format!("{err:?}")] {
        assert_no_secret(&text);
    }
}

#[tokio::test]
async fn transport_error_shows_neither_auth_token_nor_client_secret() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .credentials(Credentials::basic(USERNAME, AUTH_TOKEN))
        .build()
        .expect("the client builds");
    let err = client
        .create_token("client_credentials", "OQ123")
        .client_secret(CLIENT_SECRET)
        .send()
        .await
        .expect_err("nothing listens");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    for text in [err.to_string(), format!("{err:?}")] {
        assert_no_secret(&text);
    }
}

#[test]
fn base_url_with_credentials_is_refused_without_echoing_them() {
    let err = twilio_oauth_v1::Client::builder()
        .base_url("https://ACuser:supersecret-auth-token@oauth.twilio.com")
        .build()
        .unwrap_err();
    let text = format!("{err} {err:?}");
    assert!(!text.contains("supersecret-auth-token"), "{text}");
    assert_eq!(
        err.to_string(),
        "the request could not be built: the base URL carries a username or password; give them with `ClientBuilder::credentials` instead"
    );
}

// What errors keep of a reply: the body, serde_json's message and Twilio's error, with the
// secrets of every OAuth v1 model (`OauthV1Token`: access, refresh and identity token;
// `OauthV1DeviceCode`: the device code) and input masked, whatever shape the reply had.

/// The error of `create_token` (with `device`, `create_device_code`) answered with `status`, `body`
/// and `content_type`.
async fn failed_call(device: bool, status: u16, body: &str, content_type: &str) -> Error {
    let server = server().await;
    reply_raw(&server, status, body, content_type).await;
    let client = secret_client(&server);
    let result = if device {
        client.create_device_code("OQ1", ["openid"]).send().await.map(drop)
    } else {
        let call = client.create_token("refresh_token", "OQ1");
        call.refresh_token(REFRESH_TOKEN).send().await.map(drop)
    };
    result.expect_err("the call fails")
}

/// `err` keeps exactly `body` and prints exactly `display`; neither `Debug` nor `Display` holds a secret.
fn assert_redacted(err: &Error, body: &str, display: &str) {
    let kept = match err {
        Error::Decode { body, .. } | Error::UnexpectedContentType { body, .. } => body.as_str(),
        Error::Api(api) => api.body.as_str(),
        other => panic!("expected an error that keeps a body, got {other:?}"),
    };
    assert_eq!(kept, body);
    assert_eq!(err.to_string(), display);
    for text in [format!("{err:?}"), format!("{err:#?}"), err.to_string()] {
        assert_no_secret(&text);
    }
}

const JSON: &str = "application/json";
const FORM: &str = "application/x-www-form-urlencoded";

#[tokio::test]
async fn decode_error_of_a_token_reply_with_a_field_of_the_wrong_type_masks_every_token() {
    let body = format!(
        r#"{{"access_token":{{"jwt":"{ACCESS_TOKEN}"}},"refresh_token":"{REFRESH_TOKEN}","id_token":"{ID_TOKEN}","expires_in":3600}}"#
    );
    let err = failed_call(false, 201, &body, JSON).await;
    let masked =
        r#"{"access_token":"[redacted]","refresh_token":"[redacted]","id_token":"[redacted]","expires_in":3600}"#;
    let display =
        "the 201 Created reply could not be decoded: invalid type: map, expected a string at line 1 column 16";
    assert_redacted(&err, masked, display);
    assert_eq!(
        format!("{err:?}"),
        format!(
            "Decode {{ status: 201, source: DecodeError {{ message: \"invalid type: map, expected a string\", \
             line: 1, column: 16, category: Data }}, body: {masked:?} }}"
        )
    );

    let body = format!(r#"{{"device_code":"{DEVICE_CODE}","user_code":5,"interval":5}}"#);
    let err = failed_call(true, 201, &body, JSON).await;
    assert_redacted(
        &err,
        r#"{"device_code":"[redacted]","user_code":5,"interval":5}"#,
        "the 201 Created reply could not be decoded: invalid type: integer `5`, expected a string at line 1 column 50",
    );
}

#[tokio::test]
async fn decode_error_of_a_truncated_reply_masks_the_token_it_cut() {
    let body = format!(
        r#"{{"refresh_token":"{REFRESH_TOKEN}","id_token":"{ID_TOKEN}","access_token":"{}"#,
        &ACCESS_TOKEN[..10]
    );
    let err = failed_call(false, 200, &body, JSON).await;
    assert_redacted(
        &err,
        r#"{"refresh_token":"[redacted]","id_token":"[redacted]","access_token":"[redacted]"#,
        "the 200 OK reply could not be decoded: EOF while parsing a string at line 1 column 97",
    );

    let body = format!(r#"{{"user_code":"WDJB-MJHT","device_code":"{}"#, &DEVICE_CODE[..8]);
    let err = failed_call(true, 200, &body, JSON).await;
    assert_redacted(
        &err,
        r#"{"user_code":"WDJB-MJHT","device_code":"[redacted]"#,
        "the 200 OK reply could not be decoded: EOF while parsing a string at line 1 column 48",
    );
}

#[tokio::test]
async fn decode_error_of_a_reply_that_is_not_json_masks_its_secrets() {
    let body =
        format!("access_token={ACCESS_TOKEN}&refresh_token={REFRESH_TOKEN}&id_token={ID_TOKEN}&token_type=bearer");
    let err = failed_call(false, 200, &body, FORM).await;
    assert_redacted(
        &err,
        "access_token=[redacted]&refresh_token=[redacted]&id_token=[redacted]&token_type=bearer",
        "the 200 OK reply is `application/x-www-form-urlencoded`, not the `application/json` the operation documents",
    );

    let body = format!("<html><p>device_code: {DEVICE_CODE}</p><p>user_code: WDJB-MJHT</p></html>");
    let err = failed_call(true, 200, &body, "text/html").await;
    assert_redacted(
        &err,
        "<html><p>device_code: [redacted]</p><p>user_code: WDJB-MJHT</p></html>",
        "the 200 OK reply is `text/html`, not the `application/json` the operation documents",
    );
}

#[tokio::test]
async fn api_error_with_a_json_body_masks_its_secrets_and_twilios_message() {
    let body = format!(
        r#"{{"code":20001,"message":"Refresh token {REFRESH_TOKEN} is expired","more_info":"https://www.twilio.com/docs/errors/20001","status":400,"refresh_token":"{REFRESH_TOKEN}","access_token":"{ACCESS_TOKEN}","id_token":"{ID_TOKEN}"}}"#
    );
    let err = failed_call(false, 400, &body, JSON).await;
    assert_redacted(
        &err,
        r#"{"code":20001,"message":"Refresh token [redacted] is expired","more_info":"https://www.twilio.com/docs/errors/20001","status":400,"refresh_token":"[redacted]","access_token":"[redacted]","id_token":"[redacted]"}"#,
        "the server answered 400 Bad Request: Refresh token [redacted] is expired (Twilio error 20001), \
         see https://www.twilio.com/docs/errors/20001",
    );
    assert_eq!(err.twilio().and_then(|t| t.code), Some(20001));

    let body = format!(r#"{{"error":"authorization_pending","device_code":"{DEVICE_CODE}"}}"#);
    let err = failed_call(true, 400, &body, JSON).await;
    let masked = r#"{"error":"authorization_pending","device_code":"[redacted]"}"#;
    assert_redacted(&err, masked, &format!("the server answered 400 Bad Request: {masked}"));
}

#[tokio::test]
async fn api_error_with_a_form_body_masks_its_secrets() {
    let body = format!(
        "error=invalid_grant&refresh_token={REFRESH_TOKEN}&ClientSecret={CLIENT_SECRET}&Code={CODE}&CodeVerifier={CODE_VERIFIER}&DeviceCode={DEVICE_CODE}&id_token={ID_TOKEN}"
    );
    let err = failed_call(false, 400, &body, FORM).await;
    let masked = "error=invalid_grant&refresh_token=[redacted]&ClientSecret=[redacted]&Code=[redacted]&CodeVerifier=[redacted]&DeviceCode=[redacted]&id_token=[redacted]";
    assert_redacted(&err, masked, &format!("the server answered 400 Bad Request: {masked}"));
}

#[tokio::test]
async fn api_error_with_a_truncated_body_masks_the_token_it_cut() {
    let body = format!(
        r#"{{"error":"invalid_grant","access_token":"{ACCESS_TOKEN}","refresh_token":"{}"#,
        &REFRESH_TOKEN[..9]
    );
    let err = failed_call(false, 400, &body, JSON).await;
    let masked = r#"{"error":"invalid_grant","access_token":"[redacted]","refresh_token":"[redacted]"#;
    assert_redacted(&err, masked, &format!("the server answered 400 Bad Request: {masked}"));
}
