//! Twilio's conventions, as its helper libraries have them: credentials from the environment, and
//! the region and edge in the host.
mod common;

use common::*;
use twilio_oauth_v1::twilio::routed;
use twilio_oauth_v1::{Client, Credentials};

#[test]
fn region_and_edge_go_in_the_host() {
    let oauth = "https://oauth.twilio.com";
    assert_eq!(routed(oauth, None, None), "https://oauth.twilio.com");
    assert_eq!(routed(oauth, Some("au1"), None), "https://oauth.au1.twilio.com");
    assert_eq!(
        routed(oauth, Some("au1"), Some("sydney")),
        "https://oauth.sydney.au1.twilio.com"
    );
    // An edge alone is in the US region, as Twilio's helper libraries do.
    assert_eq!(
        routed(oauth, None, Some("ashburn")),
        "https://oauth.ashburn.us1.twilio.com"
    );
    assert_eq!(
        routed("https://api.twilio.com/2010-04-01", Some("ie1"), Some("dublin")),
        "https://api.dublin.ie1.twilio.com/2010-04-01"
    );
    assert_eq!(
        routed("http://127.0.0.1:8080", Some("au1"), None),
        "http://127.0.0.1:8080"
    );
}

#[test]
fn builder_settings_route_the_client() {
    let client = Client::builder()
        .region("au1")
        .edge("sydney")
        .build()
        .expect("the client builds");
    assert_eq!(client.base_url(), "https://oauth.sydney.au1.twilio.com");
    let client = Client::builder()
        .edge("sydney")
        .region("au1")
        .build()
        .expect("the client builds");
    assert_eq!(
        client.base_url(),
        "https://oauth.sydney.au1.twilio.com",
        "in either order"
    );
}

/// One test for every variable, as the environment is the process's.
#[tokio::test]
async fn the_environment_gives_credentials_region_and_edge() {
    for name in [
        "TWILIO_API_KEY",
        "TWILIO_API_SECRET",
        "TWILIO_ACCOUNT_SID",
        "TWILIO_AUTH_TOKEN",
        "TWILIO_REGION",
        "TWILIO_EDGE",
    ] {
        std::env::remove_var(name);
    }
    let error = Credentials::from_env().expect_err("nothing is set");
    assert_eq!(
        error.to_string(),
        "the request could not be built: no Twilio credentials in the environment: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, or TWILIO_API_KEY and TWILIO_API_SECRET"
    );

    std::env::set_var("TWILIO_ACCOUNT_SID", USER);
    std::env::set_var("TWILIO_AUTH_TOKEN", PASS);
    let server = server().await;
    reply_json(&server, 200, r#"{"keys":[]}"#).await;
    let client = Client::builder()
        .base_url(server.uri())
        .credentials(Credentials::from_env().expect("the account's credentials"))
        .build()
        .expect("the client builds");
    client.fetch_certs().await.expect("the call succeeds");
    assert_eq!(
        header(&only_request(&server).await, "authorization").as_deref(),
        Some(EXPECTED_AUTHORIZATION)
    );

    // An API key wins over the account's token.
    std::env::set_var("TWILIO_API_KEY", "SKkey");
    std::env::set_var("TWILIO_API_SECRET", "key-secret");
    let credentials = Credentials::from_env().expect("the API key");
    assert_eq!(
        format!("{credentials:?}"),
        "Credentials::Basic { username: \"SKkey\", password: [redacted] }"
    );

    std::env::set_var("TWILIO_REGION", "ie1");
    std::env::set_var("TWILIO_EDGE", "dublin");
    let client = Client::builder().twilio_env().build().expect("the client builds");
    assert_eq!(client.base_url(), "https://oauth.dublin.ie1.twilio.com");
}
