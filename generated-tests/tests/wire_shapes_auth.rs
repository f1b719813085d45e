//! Every way the wire-shapes fixture authenticates: API keys in a header, a query parameter and a
//! cookie, bearer tokens for OAuth 2 flows and OpenID Connect, several schemes in one requirement,
//! alternatives, and a requirement that names a scheme the document lacks.

use wire_shapes::{Client, Credentials};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer, credentials: Credentials) -> Client {
    Client::builder()
        .base_url(server.uri())
        .credentials(credentials)
        .build()
        .expect("the client builds")
}

async fn only_request(server: &MockServer) -> Request {
    let mut all = server.received_requests().await.expect("recording is on");
    assert_eq!(all.len(), 1, "expected one request, got {}", all.len());
    all.remove(0)
}

fn header(request: &Request, name: &str) -> Option<String> {
    let values: Vec<String> = request
        .headers
        .get_all(name)
        .iter()
        .map(|v| v.to_str().expect("ASCII").to_owned())
        .collect();
    assert!(values.len() <= 1, "header `{name}` is repeated: {values:?}");
    values.into_iter().next()
}

#[tokio::test]
async fn a_header_key_goes_in_its_header() {
    let server = server().await;
    let client = client(&server, Credentials::api_key_header("key-123"));
    client.read_with_header_key().send().await.expect("the call succeeds");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "x-api-key").as_deref(), Some("key-123"));
    assert_eq!(header(&request, "authorization"), None);
    assert_eq!(request.url.query(), None);
}

#[tokio::test]
async fn the_second_alternative_is_sent_when_the_client_has_only_its_credentials() {
    let server = server().await;
    let client = client(&server, Credentials::bearer("token-9"));
    client.read_with_header_key().send().await.expect("the call succeeds");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "authorization").as_deref(), Some("Bearer token-9"));
    assert_eq!(header(&request, "x-api-key"), None);
}

#[tokio::test]
async fn a_query_key_follows_the_parameters() {
    let server = server().await;
    let client = client(&server, Credentials::api_key_query("key/with space"));
    client
        .read_with_query_key()
        .page(2)
        .send()
        .await
        .expect("the call succeeds");
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), Some("page=2&api_key=key%2Fwith+space"));
    assert_eq!(header(&request, "authorization"), None);
}

#[tokio::test]
async fn a_cookie_key_shares_the_one_cookie_header_with_cookie_parameters() {
    let server = server().await;
    let client = client(&server, Credentials::api_key_cookie("key-c"));
    client
        .read_with_cookie_key()
        .theme("dark")
        .send()
        .await
        .expect("the call succeeds");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "cookie").as_deref(), Some("theme=dark; session=key-c"));
}

#[tokio::test]
async fn a_requirement_of_two_schemes_sends_both() {
    let server = server().await;
    let credentials = Credentials::api_key_header("key-1").and(Credentials::bearer("code-token"));
    client(&server, credentials)
        .read_with_key_and_token()
        .send()
        .await
        .expect("the call succeeds");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "x-api-key").as_deref(), Some("key-1"));
    assert_eq!(header(&request, "authorization").as_deref(), Some("Bearer code-token"));
}

#[tokio::test]
async fn a_requirement_only_half_met_sends_nothing() {
    let server = server().await;
    let client = client(&server, Credentials::api_key_header("key-1"));
    client
        .read_with_key_and_token()
        .send()
        .await
        .expect("the call succeeds");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "x-api-key"), None);
    assert_eq!(header(&request, "authorization"), None);
}

#[tokio::test]
async fn openid_connect_and_oauth_flows_take_the_applications_token() {
    let server = server().await;
    let client = client(&server, Credentials::bearer("id-token"));
    client.read_with_any_token().send().await.expect("the call succeeds");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "authorization").as_deref(), Some("Bearer id-token"));
    assert_eq!(request.url.query(), None);
}

#[tokio::test]
async fn the_last_alternative_is_used_when_it_is_the_one_the_client_can_meet() {
    let server = server().await;
    let client = client(&server, Credentials::api_key_query("q-key"));
    client.read_with_any_token().send().await.expect("the call succeeds");
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), Some("api_key=q-key"));
    assert_eq!(header(&request, "authorization"), None);
}

#[tokio::test]
async fn a_requirement_naming_an_undefined_scheme_is_left_out_and_the_next_is_used() {
    let server = server().await;
    let client = client(&server, Credentials::api_key_header("key-2"));
    client
        .read_with_misnamed_scheme()
        .send()
        .await
        .expect("the call succeeds");
    assert_eq!(
        header(&only_request(&server).await, "x-api-key").as_deref(),
        Some("key-2")
    );
}

#[tokio::test]
async fn an_operation_without_security_sends_no_credentials() {
    let server = server().await;
    let credentials = Credentials::api_key_header("key-1")
        .and(Credentials::api_key_query("key-2"))
        .and(Credentials::api_key_cookie("key-3"))
        .and(Credentials::bearer("token"));
    client(&server, credentials)
        .read_health()
        .send()
        .await
        .expect("the call succeeds");
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), None);
    for name in ["x-api-key", "authorization", "cookie"] {
        assert_eq!(header(&request, name), None, "{name}");
    }
}

#[test]
fn credentials_print_without_their_secrets() {
    let one = Credentials::api_key_header("key-secret-1");
    assert_eq!(
        format!("{one:?}"),
        "Credentials::ApiKey { scheme: ApiKeyHeader, key: [redacted] }"
    );
    let both = Credentials::api_key_query("key-secret-2").and(Credentials::bearer("token-secret-3"));
    assert_eq!(
        format!("{both:?}"),
        "[Credentials::ApiKey { scheme: ApiKeyQuery, key: [redacted] }, Credentials::Bearer { token: [redacted] }]"
    );
}

#[test]
fn a_later_credential_of_the_same_kind_replaces_the_earlier() {
    let credentials = Credentials::bearer("first")
        .and(Credentials::api_key_header("a"))
        .and(Credentials::bearer("second"));
    assert_eq!(
        format!("{credentials:?}"),
        "[Credentials::ApiKey { scheme: ApiKeyHeader, key: [redacted] }, Credentials::Bearer { token: [redacted] }]"
    );
}

#[tokio::test]
async fn a_query_key_is_masked_in_the_url_of_a_transport_error() {
    // Nothing listens on port 9 of localhost (discard): the connection is refused.
    let client = Client::builder()
        .base_url("http://127.0.0.1:9")
        .credentials(Credentials::api_key_query("query-key-secret"))
        .build()
        .expect("the client builds");
    let error = client
        .read_with_query_key()
        .page(1)
        .send()
        .await
        .expect_err("nothing listens");
    let (display, debug) = (error.to_string(), format!("{error:?}"));
    for text in [&display, &debug] {
        assert!(!text.contains("query-key-secret"), "{text}");
    }
    assert!(display.contains("api_key=[redacted]"), "{display}");
}

/// A server that refuses every call with `401` and a body echoing `echo`.
async fn refusing(echo: &str) -> MockServer {
    let server = MockServer::start().await;
    let body = format!(r#"{{"message":"the key {echo} is not valid","code":401}}"#);
    Mock::given(any())
        .respond_with(ResponseTemplate::new(401).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn api_keys_a_reply_echoes_are_masked_wherever_they_were_sent() {
    let cases: [(&str, Credentials); 3] = [
        ("header-key-0001", Credentials::api_key_header("header-key-0001")),
        ("query-key-00002", Credentials::api_key_query("query-key-00002")),
        ("cookie-key-0003", Credentials::api_key_cookie("cookie-key-0003")),
    ];
    for (key, credentials) in cases {
        let server = refusing(key).await;
        let client = client(&server, credentials);
        let error = match key.split('-').next() {
            Some("header") => client.read_with_header_key().send().await,
            Some("query") => client.read_with_query_key().send().await,
            _ => client.read_with_cookie_key().send().await,
        }
        .expect_err("the server refuses");
        let (display, debug) = (error.to_string(), format!("{error:?}"));
        for text in [&display, &debug] {
            assert!(!text.contains(key), "{key} leaked: {text}");
        }
        let wire_shapes::Error::Api(api) = &error else {
            panic!("expected an API error, got {error:?}")
        };
        assert_eq!(api.body, r#"{"message":"the key [redacted] is not valid","code":401}"#);
    }
}

#[tokio::test]
async fn a_bearer_token_a_reply_echoes_is_masked() {
    let server = refusing("token-from-oidc-77").await;
    let error = client(&server, Credentials::bearer("token-from-oidc-77"))
        .read_with_any_token()
        .send()
        .await
        .expect_err("the server refuses");
    let debug = format!("{error:?}");
    assert!(!debug.contains("token-from-oidc-77"), "{debug}");
    assert!(debug.contains("the key [redacted] is not valid"), "{debug}");
}
