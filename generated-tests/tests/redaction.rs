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
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
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
