//! The client never follows redirects: a 3xx is an error, and the credentials stay home.
mod common;

use common::*;
use twilio_oauth_v1::Error;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Makes `server` answer everything with `status` and a `Location` on `target`.
async fn redirect_to(server: &MockServer, status: u16, target: &MockServer, path: &str) {
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).insert_header("Location", format!("{}{path}", target.uri())))
        .mount(server)
        .await;
}

#[tokio::test]
async fn found_302_is_not_followed_and_is_an_api_error() {
    let server = server().await;
    let elsewhere = common::server().await;
    reply_json(&elsewhere, 200, r#"{"url":"https://elsewhere.example.com/v1/certs"}"#).await;
    redirect_to(&server, 302, &elsewhere, "/v1/certs").await;

    let err = client(&server)
        .fetch_certs()
        .send()
        .await
        .expect_err("a 302 is not a result");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(302));
    assert_eq!(
        err.to_string(),
        format!("the server answered 302 Found (Location: {}/v1/certs)", elsewhere.uri())
    );
    match err {
        Error::Api(api) => {
            assert_eq!(api.status.as_u16(), 302);
            assert_eq!(api.location, Some(format!("{}/v1/certs", elsewhere.uri())));
            assert_eq!(api.twilio, None);
            assert_eq!(api.body, "");
        }
        other => panic!("expected Error::Api, got {other:?}"),
    }
    assert_eq!(requests(&server).await.len(), 1);
    assert_eq!(requests(&elsewhere).await.len(), 0, "the redirect was followed");
}

#[tokio::test]
async fn every_redirect_status_on_every_get_is_not_followed() {
    for status in [301_u16, 302, 303, 307, 308] {
        let server = server().await;
        let elsewhere = common::server().await;
        reply_json(&elsewhere, 200, "{}").await;
        redirect_to(&server, status, &elsewhere, "/v1/userinfo").await;
        let client = client(&server);

        let errors = [
            client.fetch_certs().send().await.map(drop),
            client.fetch_openid_discovery().send().await.map(drop),
            client.fetch_user_info().send().await.map(drop),
        ];
        for result in errors {
            match result {
                Err(Error::Api(api)) => assert_eq!(api.status.as_u16(), status),
                other => panic!("expected Error::Api with {status}, got {other:?}"),
            }
        }
        assert_eq!(requests(&server).await.len(), 3);
        assert_eq!(requests(&elsewhere).await.len(), 0, "a {status} redirect was followed");
    }
}

#[tokio::test]
async fn redirect_of_a_form_post_does_not_resend_credentials_or_body() {
    for status in [302_u16, 307, 308] {
        let server = server().await;
        let elsewhere = common::server().await;
        reply_json(&elsewhere, 201, r#"{"access_token":"stolen"}"#).await;
        redirect_to(&server, status, &elsewhere, "/v1/token").await;
        let client = client(&server);

        let token = client
            .create_token("client_credentials", "OQ123")
            .client_secret("cs-1")
            .send()
            .await;
        match token {
            Err(Error::Api(api)) => assert_eq!(api.status.as_u16(), status),
            other => panic!("expected Error::Api with {status}, got {other:?}"),
        }
        let device = client.create_device_code("OQ1", ["openid"]).send().await;
        match device {
            Err(Error::Api(api)) => assert_eq!(api.status.as_u16(), status),
            other => panic!("expected Error::Api with {status}, got {other:?}"),
        }
        let sent = requests(&server).await;
        assert_eq!(sent.len(), 2);
        assert_eq!(
            body_text(&sent[0]),
            "GrantType=client_credentials&ClientSid=OQ123&ClientSecret=cs-1"
        );
        assert_eq!(
            header(&sent[0], "authorization").as_deref(),
            Some(EXPECTED_AUTHORIZATION)
        );
        assert_eq!(requests(&elsewhere).await.len(), 0, "a {status} redirect was followed");
    }
}

#[tokio::test]
async fn redirect_with_a_twilio_error_body_keeps_the_parsed_error() {
    let server = server().await;
    let elsewhere = common::server().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(307)
                .insert_header("Location", format!("{}/v1/userinfo", elsewhere.uri()))
                .set_body_raw(r#"{"code":20307,"message":"Moved"}"#, "application/json"),
        )
        .mount(&server)
        .await;
    let err = client(&server)
        .fetch_user_info()
        .send()
        .await
        .expect_err("a 307 is not a result");
    assert_eq!(
        err.to_string(),
        format!(
            "the server answered 307 Temporary Redirect (Location: {}/v1/userinfo): Moved (Twilio error 20307)",
            elsewhere.uri()
        )
    );
    assert_eq!(requests(&elsewhere).await.len(), 0);
}
