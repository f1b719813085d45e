//! What goes on the wire: method, path, headers and the exact form bodies of every operation.
mod common;

use common::*;
use twilio_oauth_v1::{Client, Credentials};
use wiremock::Request;

/// A GET of `path` with the test credentials, JSON accepted, and no body.
fn assert_authenticated_get(request: &Request, path: &str) {
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.path(), path);
    assert_eq!(request.url.query(), None);
    assert_eq!(
        header(request, "authorization").as_deref(),
        Some(EXPECTED_AUTHORIZATION)
    );
    assert_eq!(header(request, "accept").as_deref(), Some("application/json"));
    assert_eq!(header(request, "content-type"), None);
    assert!(
        request.body.is_empty(),
        "a GET has no body, got {:?}",
        body_text(request)
    );
}

/// A form POST of `path` with the test credentials, JSON accepted, and exactly `body`.
fn assert_authenticated_form_post(request: &Request, path: &str, body: &str) {
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), path);
    assert_eq!(request.url.query(), None);
    assert_eq!(
        header(request, "authorization").as_deref(),
        Some(EXPECTED_AUTHORIZATION)
    );
    assert_eq!(header(request, "accept").as_deref(), Some("application/json"));
    assert_eq!(
        header(request, "content-type").as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(body_text(request), body);
}

#[tokio::test]
async fn fetch_certs_sends_authenticated_get_of_v1_certs() {
    let server = server().await;
    reply_json(&server, 200, "{}").await;
    client(&server).fetch_certs().send().await.expect("the call succeeds");
    assert_authenticated_get(&only_request(&server).await, "/v1/certs");
}

#[tokio::test]
async fn fetch_openid_discovery_sends_authenticated_get_of_well_known_path() {
    let server = server().await;
    reply_json(&server, 200, "{}").await;
    client(&server)
        .fetch_openid_discovery()
        .send()
        .await
        .expect("the call succeeds");
    assert_authenticated_get(&only_request(&server).await, "/v1/.well-known/openid-configuration");
}

#[tokio::test]
async fn fetch_user_info_sends_authenticated_get_of_v1_userinfo() {
    let server = server().await;
    reply_json(&server, 200, "{}").await;
    client(&server)
        .fetch_user_info()
        .send()
        .await
        .expect("the call succeeds");
    assert_authenticated_get(&only_request(&server).await, "/v1/userinfo");
}

#[tokio::test]
async fn create_token_with_required_inputs_only_sends_exactly_those_pairs() {
    let server = server().await;
    reply_json(&server, 201, "{}").await;
    client(&server)
        .create_token("client_credentials", "OQ123")
        .send()
        .await
        .expect("the call succeeds");
    assert_authenticated_form_post(
        &only_request(&server).await,
        "/v1/token",
        "GrantType=client_credentials&ClientSid=OQ123",
    );
}

#[tokio::test]
async fn create_token_with_every_input_sends_all_eight_pairs_in_document_order() {
    let server = server().await;
    reply_json(&server, 201, "{}").await;
    // Setters called in an order different from the document's, which must not matter.
    client(&server)
        .create_token("authorization_code", "OQ123")
        .device_id("dev-1")
        .refresh_token("rt-1")
        .device_code("dc-1")
        .code_verifier("cv-1")
        .code("code-1")
        .client_secret("cs-1")
        .send()
        .await
        .expect("the call succeeds");
    assert_authenticated_form_post(
        &only_request(&server).await,
        "/v1/token",
        "GrantType=authorization_code&ClientSid=OQ123&ClientSecret=cs-1&Code=code-1&CodeVerifier=cv-1\
         &DeviceCode=dc-1&RefreshToken=rt-1&DeviceId=dev-1",
    );
}

#[tokio::test]
async fn create_token_sends_only_the_optional_inputs_that_were_set() {
    let server = server().await;
    reply_json(&server, 201, "{}").await;
    client(&server)
        .create_token("refresh_token", "OQ123")
        .refresh_token("rt-9")
        .client_secret("cs-9")
        .send()
        .await
        .expect("the call succeeds");
    assert_authenticated_form_post(
        &only_request(&server).await,
        "/v1/token",
        "GrantType=refresh_token&ClientSid=OQ123&ClientSecret=cs-9&RefreshToken=rt-9",
    );
}

#[tokio::test]
async fn create_token_percent_encodes_values_as_form_urlencoded() {
    let server = server().await;
    reply_json(&server, 201, "{}").await;
    client(&server)
        .create_token("authorization code", "OQ 1&2=3+4")
        .client_secret("sé crét/?#%")
        .code("ü€😀")
        .code_verifier("a*b~c-d.e_f")
        .device_id("")
        .send()
        .await
        .expect("the call succeeds");
    assert_authenticated_form_post(
        &only_request(&server).await,
        "/v1/token",
        "GrantType=authorization+code&ClientSid=OQ+1%262%3D3%2B4&ClientSecret=s%C3%A9+cr%C3%A9t%2F%3F%23%25\
         &Code=%C3%BC%E2%82%AC%F0%9F%98%80&CodeVerifier=a*b%7Ec-d.e_f&DeviceId=",
    );
}

#[tokio::test]
async fn create_device_code_sends_arrays_as_repeated_keys() {
    let server = server().await;
    reply_json(&server, 201, "{}").await;
    client(&server)
        .create_device_code("OQ1", ["openid", "profile"])
        .audiences(vec!["a".to_owned(), "b".to_owned()])
        .send()
        .await
        .expect("the call succeeds");
    assert_authenticated_form_post(
        &only_request(&server).await,
        "/v1/device/code",
        "ClientSid=OQ1&Scopes=openid&Scopes=profile&Audiences=a&Audiences=b",
    );
}

#[tokio::test]
async fn create_device_code_without_audiences_sends_no_audiences_key() {
    let server = server().await;
    reply_json(&server, 201, "{}").await;
    client(&server)
        .create_device_code("OQ1", ["openid"])
        .send()
        .await
        .expect("the call succeeds");
    assert_authenticated_form_post(
        &only_request(&server).await,
        "/v1/device/code",
        "ClientSid=OQ1&Scopes=openid",
    );
}

#[tokio::test]
async fn create_device_code_percent_encodes_array_elements() {
    let server = server().await;
    reply_json(&server, 201, "{}").await;
    client(&server)
        .create_device_code("OQ1", ["offline access", "a&b=c"])
        .audiences(["https://api.example.com/x?y=1"])
        .send()
        .await
        .expect("the call succeeds");
    assert_authenticated_form_post(
        &only_request(&server).await,
        "/v1/device/code",
        "ClientSid=OQ1&Scopes=offline+access&Scopes=a%26b%3Dc&Audiences=https%3A%2F%2Fapi.example.com%2Fx%3Fy%3D1",
    );
}

#[tokio::test]
async fn client_without_credentials_sends_no_authorization_header_to_any_operation() {
    let server = server().await;
    reply_json(&server, 200, "{}").await;
    let client = anonymous_client(&server);
    client.fetch_certs().send().await.expect("fetch_certs succeeds");
    client
        .create_device_code("OQ1", ["openid"])
        .send()
        .await
        .expect("create_device_code succeeds");
    client
        .fetch_openid_discovery()
        .send()
        .await
        .expect("fetch_openid_discovery succeeds");
    client
        .create_token("client_credentials", "OQ123")
        .send()
        .await
        .expect("create_token succeeds");
    client.fetch_user_info().send().await.expect("fetch_user_info succeeds");

    let requests = requests(&server).await;
    let seen: Vec<(String, String)> = requests
        .iter()
        .map(|r| (r.method.as_str().to_owned(), r.url.path().to_owned()))
        .collect();
    assert_eq!(
        seen,
        [
            ("GET", "/v1/certs"),
            ("POST", "/v1/device/code"),
            ("GET", "/v1/.well-known/openid-configuration"),
            ("POST", "/v1/token"),
            ("GET", "/v1/userinfo"),
        ]
        .map(|(m, p)| (m.to_owned(), p.to_owned()))
    );
    for request in &requests {
        assert_eq!(
            header_values(request, "authorization"),
            Vec::<String>::new(),
            "{}",
            request.url
        );
        assert_eq!(header(request, "accept").as_deref(), Some("application/json"));
    }
    assert_eq!(body_text(&requests[1]), "ClientSid=OQ1&Scopes=openid");
    assert_eq!(body_text(&requests[3]), "GrantType=client_credentials&ClientSid=OQ123");
}

#[tokio::test]
async fn basic_authorization_header_for_short_credentials() {
    let server = server().await;
    reply_json(&server, 200, "{}").await;
    let client = Client::builder()
        .base_url(server.uri())
        .credentials(Credentials::basic("ACxxx", "secret"))
        .build()
        .expect("the client builds");
    client.fetch_certs().send().await.expect("the call succeeds");
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "authorization").as_deref(),
        Some("Basic QUN4eHg6c2VjcmV0")
    );
}

#[tokio::test]
async fn base_url_with_trailing_slash_does_not_double_the_slash() {
    let server = server().await;
    reply_json(&server, 200, "{}").await;
    let client = Client::builder()
        .base_url(format!("{}/", server.uri()))
        .credentials(Credentials::basic(USER, PASS))
        .build()
        .expect("the client builds");
    assert_eq!(client.base_url(), server.uri());
    client.fetch_user_info().send().await.expect("the call succeeds");
    assert_authenticated_get(&only_request(&server).await, "/v1/userinfo");
}

#[tokio::test]
async fn base_url_with_a_path_prefix_keeps_the_prefix() {
    let server = server().await;
    reply_json(&server, 200, "{}").await;
    let client = Client::builder()
        .base_url(format!("{}/proxy/twilio/", server.uri()))
        .credentials(Credentials::basic(USER, PASS))
        .build()
        .expect("the client builds");
    client.fetch_certs().send().await.expect("the call succeeds");
    assert_authenticated_get(&only_request(&server).await, "/proxy/twilio/v1/certs");
}

#[tokio::test]
async fn requests_carry_the_crate_user_agent() {
    let server = server().await;
    reply_json(&server, 200, "{}").await;
    client(&server).fetch_certs().send().await.expect("the call succeeds");
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "user-agent").as_deref(),
        Some("twilio-oauth-v1/1.53.0")
    );
}
