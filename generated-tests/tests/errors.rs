//! Failures: non-success replies, replies that do not decode, bad base URLs, unreachable servers.
mod common;

use std::error::Error as _;

use common::*;
use twilio_oauth_v1::{ApiError, Client, Credentials, Error};

const TWILIO_401: &str =
    r#"{"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401}"#;

/// Unwraps an `Error::Api`, failing on any other result.
fn api<T: std::fmt::Debug>(result: Result<T, Error>) -> ApiError {
    match result {
        Err(Error::Api(api)) => *api,
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

#[tokio::test]
async fn status_401_with_twilio_body_is_an_api_error_with_parsed_fields() {
    let server = server().await;
    reply_json(&server, 401, TWILIO_401).await;
    let err = client(&server).fetch_user_info().send().await.expect_err("a 401 fails");

    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(
        err.to_string(),
        "the server answered 401 Unauthorized: Authenticate (Twilio error 20003), \
         see https://www.twilio.com/docs/errors/20003"
    );
    let twilio = err.twilio().expect("the body is a Twilio error");
    assert_eq!(twilio.code, Some(20003));
    assert_eq!(twilio.message.as_deref(), Some("Authenticate"));
    assert_eq!(
        twilio.more_info.as_deref(),
        Some("https://www.twilio.com/docs/errors/20003")
    );
    assert_eq!(twilio.status, Some(401));
    assert_eq!(
        twilio.to_string(),
        "Authenticate (Twilio error 20003), see https://www.twilio.com/docs/errors/20003"
    );
    assert!(err.source().is_none());

    let api = api::<()>(Err(err));
    assert_eq!(api.status.as_u16(), 401);
    assert_eq!(api.body, TWILIO_401);
    assert!(!api.truncated);
    assert_eq!(
        api.to_string(),
        "the server answered 401 Unauthorized: Authenticate (Twilio error 20003), \
         see https://www.twilio.com/docs/errors/20003"
    );
}

#[tokio::test]
async fn status_400_with_twilio_body_on_create_token_is_an_api_error() {
    let body = r#"{"code":20001,"message":"Invalid GrantType","more_info":"https://www.twilio.com/docs/errors/20001","status":400}"#;
    let server = server().await;
    reply_json(&server, 400, body).await;
    let result = client(&server).create_token("bogus", "OQ123").send().await;
    let api = api(result);

    assert_eq!(api.status.as_u16(), 400);
    let twilio = api.twilio.clone().expect("the body is a Twilio error");
    assert_eq!(twilio.code, Some(20001));
    assert_eq!(twilio.message.as_deref(), Some("Invalid GrantType"));
    assert_eq!(
        twilio.more_info.as_deref(),
        Some("https://www.twilio.com/docs/errors/20001")
    );
    assert_eq!(twilio.status, Some(400));
    assert_eq!(api.body, body);
    assert!(!api.truncated);
    assert_eq!(
        Error::Api(Box::new(api)).to_string(),
        "the server answered 400 Bad Request: Invalid GrantType (Twilio error 20001), \
         see https://www.twilio.com/docs/errors/20001"
    );
}

#[tokio::test]
async fn status_401_on_every_operation_is_an_api_error() {
    let server = server().await;
    reply_json(&server, 401, TWILIO_401).await;
    let client = client(&server);
    let expected = "the server answered 401 Unauthorized: Authenticate (Twilio error 20003), \
                    see https://www.twilio.com/docs/errors/20003";
    let errors = [
        client.fetch_certs().send().await.expect_err("fetch_certs fails"),
        client
            .create_device_code("OQ1", ["openid"])
            .send()
            .await
            .expect_err("create_device_code fails"),
        client
            .fetch_openid_discovery()
            .send()
            .await
            .expect_err("fetch_openid_discovery fails"),
        client
            .create_token("client_credentials", "OQ1")
            .send()
            .await
            .expect_err("create_token fails"),
        client
            .fetch_user_info()
            .send()
            .await
            .expect_err("fetch_user_info fails"),
    ];
    for err in errors {
        assert!(matches!(err, Error::Api(_)), "{err:?}");
        assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
        assert_eq!(err.twilio().and_then(|t| t.code), Some(20003));
        assert_eq!(err.to_string(), expected);
    }
}

#[tokio::test]
async fn twilio_error_with_code_as_string_and_no_more_info() {
    let server = server().await;
    reply_json(&server, 429, r#"{"code":"20429","message":"Too Many Requests"}"#).await;
    let err = client(&server).fetch_certs().send().await.expect_err("a 429 fails");
    let twilio = err.twilio().expect("the body is a Twilio error");
    assert_eq!(
        (
            twilio.code,
            twilio.message.as_deref(),
            twilio.more_info.as_deref(),
            twilio.status
        ),
        (Some(20429), Some("Too Many Requests"), None, None)
    );
    assert_eq!(
        err.to_string(),
        "the server answered 429 Too Many Requests: Too Many Requests (Twilio error 20429)"
    );
}

#[tokio::test]
async fn non_json_500_keeps_the_body_and_has_no_twilio_error() {
    let server = server().await;
    reply_raw(&server, 500, "<html>oops</html>", "text/html").await;
    let err = client(&server)
        .fetch_openid_discovery()
        .send()
        .await
        .expect_err("a 500 fails");

    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
    assert!(err.twilio().is_none());
    assert_eq!(
        err.to_string(),
        "the server answered 500 Internal Server Error: <html>oops</html>"
    );
    let api = api::<()>(Err(err));
    assert_eq!(api.twilio, None);
    assert_eq!(api.body, "<html>oops</html>");
    assert!(!api.truncated);
}

#[tokio::test]
async fn json_error_body_that_is_not_a_twilio_error_has_no_twilio_error() {
    let server = server().await;
    reply_json(&server, 503, r#"{"error":"unavailable"}"#).await;
    let err = client(&server).fetch_certs().send().await.expect_err("a 503 fails");
    assert!(err.twilio().is_none());
    assert_eq!(
        err.to_string(),
        r#"the server answered 503 Service Unavailable: {"error":"unavailable"}"#
    );
}

#[tokio::test]
async fn empty_error_body_displays_only_the_status() {
    let server = server().await;
    reply_raw(&server, 404, "", "text/plain").await;
    let err = client(&server).fetch_user_info().send().await.expect_err("a 404 fails");
    assert_eq!(err.to_string(), "the server answered 404 Not Found");
    let api = api::<()>(Err(err));
    assert_eq!(
        (api.status.as_u16(), api.body.as_str(), api.twilio, api.truncated),
        (404, "", None, false)
    );
}

#[tokio::test]
async fn long_non_json_error_body_is_cut_to_200_characters_in_display_but_kept_whole() {
    let body = "é".repeat(250);
    let server = server().await;
    reply_raw(&server, 502, &body, "text/plain; charset=utf-8").await;
    let err = client(&server).fetch_certs().send().await.expect_err("a 502 fails");
    assert_eq!(
        err.to_string(),
        format!("the server answered 502 Bad Gateway: {}…", "é".repeat(200))
    );
    let api = api::<()>(Err(err));
    assert_eq!(api.body, body);
    assert!(!api.truncated);
}

#[tokio::test]
async fn error_body_over_the_limit_is_truncated() {
    let body = "x".repeat(ApiError::BODY_LIMIT + 10);
    let server = server().await;
    reply_raw(&server, 500, &body, "text/plain").await;
    let api = api(client(&server).fetch_certs().send().await);
    assert_eq!(api.body.len(), ApiError::BODY_LIMIT);
    assert_eq!(api.body, "x".repeat(ApiError::BODY_LIMIT));
    assert!(api.truncated);
}

#[tokio::test]
async fn success_reply_that_is_not_json_is_a_decode_error_with_status_and_body() {
    let server = server().await;
    // Labelled JSON: a decode error. Labelled otherwise it is `UnexpectedContentType` (below).
    reply_raw(&server, 201, "not json", "application/json").await;
    let err = client(&server)
        .create_token("client_credentials", "OQ123")
        .send()
        .await
        .expect_err("decoding fails");

    assert_eq!(err.status().map(|s| s.as_u16()), Some(201));
    assert!(err.twilio().is_none());
    assert_eq!(
        err.to_string(),
        "the 201 Created reply could not be decoded: expected ident at line 1 column 2"
    );
    assert!(err.source().is_some());
    match err {
        Error::Decode { status, source, body } => {
            assert_eq!(status.as_u16(), 201);
            assert_eq!(body, "not json");
            assert!(source.is_syntax());
            assert_eq!((source.line(), source.column()), (1, 2));
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn success_reply_with_a_wrong_type_is_a_decode_error() {
    let server = server().await;
    reply_json(&server, 201, r#"{"access_token":5}"#).await;
    let err = client(&server)
        .create_token("client_credentials", "OQ123")
        .send()
        .await
        .expect_err("decoding fails");

    assert_eq!(err.status().map(|s| s.as_u16()), Some(201));
    assert_eq!(
        err.to_string(),
        "the 201 Created reply could not be decoded: invalid type: integer `5`, expected a string at line 1 column 17"
    );
    match err {
        Error::Decode { status, source, body } => {
            assert_eq!(status.as_u16(), 201);
            assert_eq!(body, r#"{"access_token":5}"#);
            assert!(source.is_data());
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn success_reply_with_an_empty_body_is_a_decode_error() {
    let server = server().await;
    reply_raw(&server, 200, "", "application/json").await;
    let err = client(&server).fetch_certs().send().await.expect_err("decoding fails");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(200));
    assert_eq!(
        err.to_string(),
        "the 200 OK reply could not be decoded: EOF while parsing a value at line 1 column 0"
    );
    assert!(matches!(err, Error::Decode { ref body, .. } if body.is_empty()));
}

#[tokio::test]
async fn success_reply_with_a_number_where_a_string_belongs_is_a_decode_error() {
    let server = server().await;
    reply_json(&server, 201, r#"{"device_code":5,"expires_in":600}"#).await;
    let err = client(&server)
        .create_device_code("OQ1", ["openid"])
        .send()
        .await
        .expect_err("decoding fails");
    assert_eq!(
        err.to_string(),
        "the 201 Created reply could not be decoded: invalid type: integer `5`, expected a string at line 1 column 16"
    );
    match err {
        Error::Decode { status, body, .. } => {
            assert_eq!(status.as_u16(), 201);
            assert_eq!(body, r#"{"device_code":5,"expires_in":600}"#);
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

/// Twilio sends numbers as strings in places (`"price": "-0.0025"`); they decode, and a value that
/// is no number at all becomes `None` instead of failing the reply.
#[tokio::test]
async fn integers_sent_as_strings_decode_and_non_numbers_are_none() {
    let server = server().await;
    reply_json(
        &server,
        201,
        r#"{"device_code":"dc","expires_in":"600","interval":"soon"}"#,
    )
    .await;
    let device = client(&server)
        .create_device_code("OQ1", ["openid"])
        .send()
        .await
        .unwrap();
    assert_eq!(device.expires_in, Some(600));
    assert_eq!(device.interval, None);
}

#[test]
fn base_url_that_is_not_a_url_is_an_invalid_request() {
    let err = Client::builder()
        .base_url("not a url")
        .credentials(Credentials::basic(USER, PASS))
        .build()
        .expect_err("building fails");
    match &err {
        Error::InvalidRequest(why) => {
            assert_eq!(why, "base URL `not a url` is not a URL: relative URL without a base");
        }
        other => panic!("expected Error::InvalidRequest, got {other:?}"),
    }
    assert_eq!(err.status(), None);
    assert!(err.twilio().is_none());
    assert_eq!(
        err.to_string(),
        "the request could not be built: base URL `not a url` is not a URL: relative URL without a base"
    );
}

#[test]
fn base_url_with_a_scheme_other_than_http_is_an_invalid_request() {
    let err = Client::builder()
        .base_url("ftp://example.com/")
        .build()
        .expect_err("building fails");
    match &err {
        Error::InvalidRequest(why) => {
            assert_eq!(
                why,
                "base URL `ftp://example.com` has scheme `ftp`; http or https is needed"
            );
        }
        other => panic!("expected Error::InvalidRequest, got {other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "the request could not be built: base URL `ftp://example.com` has scheme `ftp`; http or https is needed"
    );
}

#[test]
fn default_client_uses_the_document_server() {
    let client = Client::new(Credentials::basic(USER, PASS)).expect("the client builds");
    assert_eq!(client.base_url(), "https://oauth.twilio.com");
    assert_eq!(twilio_oauth_v1::DEFAULT_BASE_URL, "https://oauth.twilio.com");
}

#[tokio::test]
async fn unreachable_server_is_a_transport_error_without_status() {
    // A port that was just free: bind it, note it, release it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .credentials(Credentials::basic(USER, PASS))
        .build()
        .expect("the client builds");
    let err = client.fetch_certs().send().await.expect_err("nothing listens");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(err.status(), None);
    assert!(err.twilio().is_none());
    assert!(err.source().is_some());
    assert!(err.to_string().starts_with("could not connect: "), "{err}");
}

#[tokio::test]
async fn success_reply_of_another_content_type_names_it() {
    let server = server().await;
    reply_raw(&server, 201, "not json", "text/plain").await;
    let err = client(&server)
        .create_token("client_credentials", "OQ123")
        .send()
        .await
        .expect_err("text is not a token");
    assert_eq!(
        err.to_string(),
        "the 201 Created reply is `text/plain`, not the `application/json` the operation documents"
    );
    assert_eq!(err.status().map(|s| s.as_u16()), Some(201));
}

#[tokio::test]
async fn reply_slower_than_the_timeout_is_a_transport_timeout() {
    let server = server().await;
    wiremock::Mock::given(wiremock::matchers::any())
        .respond_with(
            wiremock::ResponseTemplate::new(200)
                .set_body_raw("{}", "application/json")
                .set_delay(std::time::Duration::from_secs(5)),
        )
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .timeout(std::time::Duration::from_millis(200))
        .build()
        .expect("the client builds");
    let started = std::time::Instant::now();
    let err = client.fetch_certs().send().await.expect_err("the call times out");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(4),
        "took {:?}",
        started.elapsed()
    );
    match &err {
        Error::Transport(e) => assert!(e.is_timeout(), "{e:?}"),
        other => panic!("expected Error::Transport, got {other:?}"),
    }
    assert_eq!(err.status(), None);
}

/// The organizations API spells `more_info` as `moreInfo`; SCIM sends `detail` and a string status.
#[tokio::test]
async fn other_spellings_of_twilio_errors_are_parsed() {
    let server = server().await;
    reply_json(
        &server,
        400,
        r#"{"code":20001,"message":"Invalid","moreInfo":"https://www.twilio.com/docs/errors/20001","status":400}"#,
    )
    .await;
    let err = client(&server).fetch_certs().send().await.unwrap_err();
    let twilio = err.twilio().expect("parsed");
    assert_eq!(twilio.code, Some(20001));
    assert_eq!(
        twilio.more_info.as_deref(),
        Some("https://www.twilio.com/docs/errors/20001")
    );
    assert_eq!(twilio.status, Some(400));

    let server = common::server().await;
    reply_json(&server, 409, r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"detail":"User exists","scimType":"uniqueness","status":"409"}"#).await;
    let err = client(&server).fetch_certs().send().await.unwrap_err();
    let twilio = err.twilio().expect("parsed");
    assert_eq!(twilio.code, None);
    assert_eq!(twilio.message.as_deref(), Some("User exists"));
    assert_eq!(twilio.status, Some(409));
    assert_eq!(err.to_string(), "the server answered 409 Conflict: User exists");
}
