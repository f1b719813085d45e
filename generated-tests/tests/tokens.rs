//! OAuth 2 client credentials and token sources, against a loopback server that is both the token
//! server and the API (the fixture document's client, `schemes-and-shapes`): the token form on the
//! wire, caching and refresh with a clock the tests move, one fetch for concurrent calls, failures,
//! and a new token after a 401.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::{header, requests, TestClock, CLOCK_START_SECS};
use schemes_and_shapes::token::{AccessToken, ClientCredentials, TokenCache, TokenFuture, TokenSource};
use schemes_and_shapes::{Client, Credentials, Error};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const CLIENT_ID: &str = "OQ0123456789abcdef0123456789abcdef";
/// Has characters the form must escape.
const CLIENT_SECRET: &str = "s3cr+t/=&x";
const PRICE: &str = r#"{"kind": "price", "amount": "1.25", "count": 3}"#;

/// Issues `tok-1`, `tok-2`, … with the given `expires_in` (none when `None`), after `delay`.
struct Issuer {
    issued: AtomicUsize,
    expires_in: Option<u64>,
    delay: Duration,
}

impl Respond for Issuer {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        let mut body = serde_json::json!({"access_token": format!("tok-{n}"), "token_type": "bearer"});
        if let Some(seconds) = self.expires_in {
            body["expires_in"] = seconds.into();
        }
        ResponseTemplate::new(200).set_body_json(body).set_delay(self.delay)
    }
}

async fn token_server(server: &MockServer, expires_in: Option<u64>) {
    token_server_with(server, expires_in, Duration::ZERO).await;
}

async fn token_server_with(server: &MockServer, expires_in: Option<u64>, delay: Duration) {
    let issuer = Issuer {
        issued: AtomicUsize::new(0),
        expires_in,
        delay,
    };
    Mock::given(method("POST"))
        .and(path("/v1/token"))
        .respond_with(issuer)
        .mount(server)
        .await;
}

/// Answers the API with a price, or a 401 to the tokens in `refused`.
struct Api {
    refused: &'static [&'static str],
}

impl Respond for Api {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let authorization = header(request, "authorization").unwrap_or_default();
        if self
            .refused
            .iter()
            .any(|token| authorization == format!("Bearer {token}"))
        {
            return ResponseTemplate::new(401).set_body_raw(
                r#"{"code": 20003, "message": "Authenticate", "status": 401}"#,
                "application/json",
            );
        }
        ResponseTemplate::new(200).set_body_raw(PRICE, "application/json")
    }
}

async fn api(server: &MockServer, refused: &'static [&'static str]) {
    Mock::given(method("GET"))
        .and(path("/v1/Prices"))
        .respond_with(Api { refused })
        .mount(server)
        .await;
}

fn credentials(server: &MockServer) -> ClientCredentials {
    ClientCredentials::new(CLIENT_ID, CLIENT_SECRET).token_url(format!("{}/v1/token", server.uri()))
}

fn client(server: &MockServer, credentials: ClientCredentials, clock: &Arc<TestClock>) -> Client {
    Client::builder()
        .base_url(server.uri())
        .credentials(Credentials::from(credentials))
        .clock(clock.clone())
        .build()
        .expect("the client builds")
}

/// A server that issues tokens with `expires_in` and refuses the tokens in `refused`, and a client of it
/// with client credentials and a test clock.
async fn setup(expires_in: Option<u64>, refused: &'static [&'static str]) -> (MockServer, Client, Arc<TestClock>) {
    let server = MockServer::start().await;
    token_server(&server, expires_in).await;
    api(&server, refused).await;
    let clock = TestClock::new();
    let client = client(&server, credentials(&server), &clock);
    (server, client, clock)
}

/// The requests the server received at `at`, in order.
async fn requests_to(server: &MockServer, at: &str) -> Vec<Request> {
    requests(server)
        .await
        .into_iter()
        .filter(|r| r.url.path() == at)
        .collect()
}

/// The `Authorization` header of every API call, in order.
async fn api_authorizations(server: &MockServer) -> Vec<String> {
    requests_to(server, "/v1/Prices")
        .await
        .iter()
        .map(|r| header(r, "authorization").unwrap_or_else(|| "(none)".to_owned()))
        .collect()
}

async fn token_fetches(server: &MockServer) -> usize {
    requests_to(server, "/v1/token").await.len()
}

async fn fetch_price(client: &Client) -> Result<(), Error> {
    client.fetch_price().send().await.map(|_| ())
}

#[tokio::test]
async fn the_first_call_fetches_a_token_with_the_rfc_6749_form_and_sends_it_as_bearer() {
    let (server, client, _) = setup(Some(3600), &[]).await;
    assert_eq!(
        token_fetches(&server).await,
        0,
        "nothing is fetched before the first call"
    );

    fetch_price(&client).await.expect("the call succeeds");

    let fetches = requests_to(&server, "/v1/token").await;
    assert_eq!(fetches.len(), 1);
    let fetch = &fetches[0];
    assert_eq!(fetch.method.as_str(), "POST");
    assert_eq!(
        String::from_utf8(fetch.body.clone()).unwrap(),
        "grant_type=client_credentials&client_id=OQ0123456789abcdef0123456789abcdef&client_secret=s3cr%2Bt%2F%3D%26x"
    );
    assert_eq!(
        header(fetch, "content-type").as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(header(fetch, "accept").as_deref(), Some("application/json"));
    assert_eq!(
        header(fetch, "authorization"),
        None,
        "the secret travels in the form only"
    );
    assert_eq!(api_authorizations(&server).await, ["Bearer tok-1"]);
}

#[tokio::test]
async fn the_token_is_reused_until_30_seconds_before_it_expires_then_refreshed() {
    let (server, client, clock) = setup(Some(3600), &[]).await;

    fetch_price(&client).await.unwrap();
    clock.advance(Duration::from_secs(3569));
    fetch_price(&client).await.unwrap();
    assert_eq!(
        token_fetches(&server).await,
        1,
        "31 s before expiry the token is still used"
    );
    clock.advance(Duration::from_secs(1));
    fetch_price(&client).await.unwrap();
    fetch_price(&client).await.unwrap();

    assert_eq!(token_fetches(&server).await, 2);
    assert_eq!(
        api_authorizations(&server).await,
        ["Bearer tok-1", "Bearer tok-1", "Bearer tok-2", "Bearer tok-2"]
    );
}

#[tokio::test]
async fn the_refresh_margin_is_configurable() {
    let server = MockServer::start().await;
    token_server(&server, Some(3600)).await;
    api(&server, &[]).await;
    let clock = TestClock::new();
    let client = client(
        &server,
        credentials(&server).refresh_margin(Duration::from_secs(600)),
        &clock,
    );

    fetch_price(&client).await.unwrap();
    clock.advance(Duration::from_secs(2999));
    fetch_price(&client).await.unwrap();
    clock.advance(Duration::from_secs(1));
    fetch_price(&client).await.unwrap();

    assert_eq!(
        api_authorizations(&server).await,
        ["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]
    );
}

/// A JWT (unsigned: the client reads `exp` only to know when to refresh) expiring at `exp`.
fn jwt(exp: u64) -> String {
    // {"alg":"none"} and {"sub":"OQ1","exp":<exp>}, base64url without padding, encoded by hand below.
    let payload = format!(r#"{{"sub":"OQ1","exp":{exp}}}"#);
    format!("eyJhbGciOiJub25lIn0.{}.sig", base64url(payload.as_bytes()))
}

fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

#[test]
fn the_test_base64url_encoder_matches_rfc_4648() {
    // RFC 4648 §10 test vectors, without padding.
    assert_eq!(base64url(b"f"), "Zg");
    assert_eq!(base64url(b"fo"), "Zm8");
    assert_eq!(base64url(b"foo"), "Zm9v");
    assert_eq!(base64url(b"foob"), "Zm9vYg");
    assert_eq!(base64url(b"\xfb\xff"), "-_8");
}

#[tokio::test]
async fn without_expires_in_the_jwt_exp_claim_sets_the_expiry() {
    let server = MockServer::start().await;
    let token = jwt(CLOCK_START_SECS + 600);
    Mock::given(method("POST"))
        .and(path("/v1/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"access_token": token})))
        .mount(&server)
        .await;
    api(&server, &[]).await;
    let clock = TestClock::new();
    let client = client(&server, credentials(&server), &clock);

    fetch_price(&client).await.unwrap();
    clock.advance(Duration::from_secs(569));
    fetch_price(&client).await.unwrap();
    assert_eq!(token_fetches(&server).await, 1, "valid until 30 s before exp");
    clock.advance(Duration::from_secs(1));
    fetch_price(&client).await.unwrap();
    assert_eq!(token_fetches(&server).await, 2, "refreshed 30 s before exp");
}

#[tokio::test]
async fn without_expires_in_or_exp_the_default_lifetime_of_five_minutes_is_assumed() {
    let (server, client, clock) = setup(None, &[]).await;
    assert_eq!(TokenCache::DEFAULT_LIFETIME, Duration::from_secs(300));

    fetch_price(&client).await.unwrap();
    clock.advance(Duration::from_secs(269));
    fetch_price(&client).await.unwrap();
    clock.advance(Duration::from_secs(1));
    fetch_price(&client).await.unwrap();

    assert_eq!(
        api_authorizations(&server).await,
        ["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]
    );
}

#[tokio::test]
async fn a_token_shorter_lived_than_the_margin_is_kept_for_half_its_life() {
    let (server, client, clock) = setup(Some(40), &[]).await;

    fetch_price(&client).await.unwrap();
    clock.advance(Duration::from_secs(19));
    fetch_price(&client).await.unwrap();
    clock.advance(Duration::from_secs(1));
    fetch_price(&client).await.unwrap();

    assert_eq!(
        api_authorizations(&server).await,
        ["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_concurrent_calls_share_one_token_fetch() {
    let server = MockServer::start().await;
    // The fetch is slow, so every call starts while it runs.
    token_server_with(&server, Some(3600), Duration::from_millis(300)).await;
    api(&server, &[]).await;
    let client = client(&server, credentials(&server), &TestClock::new());

    let calls: Vec<_> = (0..100)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { fetch_price(&client).await })
        })
        .collect();
    for call in calls {
        call.await.expect("the task ends").expect("the call succeeds");
    }

    assert_eq!(token_fetches(&server).await, 1);
    let authorizations = api_authorizations(&server).await;
    assert_eq!(authorizations.len(), 100);
    assert!(authorizations.iter().all(|a| a == "Bearer tok-1"), "{authorizations:?}");
}

#[tokio::test]
async fn clients_do_not_share_tokens() {
    let server = MockServer::start().await;
    token_server(&server, Some(3600)).await;
    api(&server, &[]).await;
    let clock = TestClock::new();
    let first = client(&server, credentials(&server), &clock);
    let second = client(&server, credentials(&server), &clock);

    fetch_price(&first).await.unwrap();
    fetch_price(&second).await.unwrap();
    fetch_price(&first.clone()).await.unwrap();

    assert_eq!(
        api_authorizations(&server).await,
        ["Bearer tok-1", "Bearer tok-2", "Bearer tok-1"]
    );
}

#[tokio::test]
async fn a_failed_fetch_fails_the_call_and_nothing_is_sent_without_a_token() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/token"))
        .respond_with(ResponseTemplate::new(401).set_body_raw(
            r#"{"error": "invalid_client", "error_description": "Client authentication failed"}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    api(&server, &[]).await;
    let client = client(&server, credentials(&server), &TestClock::new());

    let error = fetch_price(&client).await.expect_err("no token, no call");

    assert!(matches!(error, Error::Token(_)), "{error:?}");
    assert_eq!(
        error.status().map(|s| s.as_u16()),
        Some(401),
        "the token server's status"
    );
    assert_eq!(
        error.to_string(),
        r#"no access token: the server answered 401 Unauthorized: {"error": "invalid_client", "error_description": "Client authentication failed"}"#
    );
    assert!(api_authorizations(&server).await.is_empty(), "the API saw no call");
    // Nothing was cached: the next call asks again.
    let _ = fetch_price(&client).await;
    assert_eq!(token_fetches(&server).await, 2);
}

#[tokio::test]
async fn a_token_reply_without_an_access_token_is_an_error_that_does_not_quote_the_reply() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/token"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"token": "tok-secret", "expires_in": 60})),
        )
        .mount(&server)
        .await;
    api(&server, &[]).await;
    let client = client(&server, credentials(&server), &TestClock::new());

    let error = fetch_price(&client).await.expect_err("no usable token");

    assert_eq!(
        error.to_string(),
        "no access token: the token reply (200 OK) has no `access_token` string"
    );
    assert!(!format!("{error:?}").contains("tok-secret"));
    assert!(api_authorizations(&server).await.is_empty());
}

#[tokio::test]
async fn a_hanging_token_server_times_out_and_fails_the_call() {
    let server = MockServer::start().await;
    token_server_with(&server, Some(3600), Duration::from_secs(30)).await;
    api(&server, &[]).await;
    let client = Client::builder()
        .base_url(server.uri())
        .credentials(Credentials::from(credentials(&server)))
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();

    let error = fetch_price(&client).await.expect_err("the token never comes");

    let Error::Token(source) = &error else {
        panic!("expected a token error, got {error:?}")
    };
    let Some(Error::Transport(transport)) = source.downcast_ref::<Error>() else {
        panic!("expected a transport error, got {source:?}")
    };
    assert!(transport.is_timeout(), "{transport:?}");
    assert!(api_authorizations(&server).await.is_empty());
}

#[tokio::test]
async fn after_a_401_the_client_fetches_a_new_token_and_repeats_the_call_once() {
    let (server, client, _) = setup(Some(3600), &["tok-1"]).await;

    fetch_price(&client).await.expect("the second try succeeds");
    fetch_price(&client).await.expect("the new token is cached");

    assert_eq!(token_fetches(&server).await, 2);
    assert_eq!(
        api_authorizations(&server).await,
        ["Bearer tok-1", "Bearer tok-2", "Bearer tok-2"]
    );
}

#[tokio::test]
async fn a_second_401_is_returned_without_another_try() {
    let (server, client, _) = setup(Some(3600), &["tok-1", "tok-2", "tok-3"]).await;

    let error = fetch_price(&client).await.expect_err("refused twice");

    assert_eq!(
        error.to_string(),
        "the server answered 401 Unauthorized: Authenticate (Twilio error 20003)"
    );
    assert_eq!(token_fetches(&server).await, 2);
    assert_eq!(api_authorizations(&server).await, ["Bearer tok-1", "Bearer tok-2"]);
}

#[tokio::test]
async fn an_operation_without_security_fetches_no_token() {
    let server = MockServer::start().await;
    token_server(&server, Some(3600)).await;
    Mock::given(method("GET"))
        .and(path("/v1/Health"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = client(&server, credentials(&server), &TestClock::new());

    client.fetch_health().send().await.expect("healthy");

    assert_eq!(token_fetches(&server).await, 0);
    assert_eq!(
        header(&requests_to(&server, "/v1/Health").await[0], "authorization"),
        None
    );
}

#[tokio::test]
async fn a_fixed_bearer_token_is_sent_and_a_401_is_returned_as_is() {
    let server = MockServer::start().await;
    api(&server, &["fixed"]).await;
    let client = Client::builder()
        .base_url(server.uri())
        .credentials(Credentials::bearer("fixed"))
        .build()
        .unwrap();

    let error = fetch_price(&client).await.expect_err("refused");

    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(
        api_authorizations(&server).await,
        ["Bearer fixed"],
        "no second try: there is no other token"
    );
}

/// A provider of the user's own: counts the tokens it hands out and the ones it was told were refused.
#[derive(Default)]
struct Vault {
    handed: AtomicUsize,
    rejected: std::sync::Mutex<Vec<String>>,
}

impl TokenSource for Vault {
    fn token(&self) -> TokenFuture<'_> {
        let n = self.handed.fetch_add(1, Ordering::SeqCst) + 1;
        Box::pin(async move { Ok(AccessToken::new(format!("vault-{n}"))) })
    }

    fn reject(&self, token: &AccessToken) -> bool {
        self.rejected.lock().unwrap().push(token.secret().to_owned());
        true
    }
}

#[tokio::test]
async fn a_token_source_of_the_user_is_asked_for_every_call_and_told_of_a_401() {
    let server = MockServer::start().await;
    api(&server, &["vault-1"]).await;
    let vault = Arc::new(Vault::default());
    struct Shared(Arc<Vault>);
    impl TokenSource for Shared {
        fn token(&self) -> TokenFuture<'_> {
            self.0.token()
        }
        fn reject(&self, token: &AccessToken) -> bool {
            self.0.reject(token)
        }
    }
    let client = Client::builder()
        .base_url(server.uri())
        .credentials(Credentials::token_source(Shared(vault.clone())))
        .build()
        .unwrap();

    fetch_price(&client).await.expect("the second token is accepted");

    assert_eq!(api_authorizations(&server).await, ["Bearer vault-1", "Bearer vault-2"]);
    assert_eq!(*vault.rejected.lock().unwrap(), ["vault-1"]);
}

#[tokio::test]
async fn a_source_that_fails_fails_the_call_with_its_error() {
    struct Broken;
    impl TokenSource for Broken {
        fn token(&self) -> TokenFuture<'_> {
            Box::pin(async { Err("the vault is sealed".into()) })
        }
    }
    let server = MockServer::start().await;
    api(&server, &[]).await;
    let client = Client::builder()
        .base_url(server.uri())
        .credentials(Credentials::token_source(Broken))
        .build()
        .unwrap();

    let error = fetch_price(&client).await.expect_err("no token");

    assert_eq!(error.to_string(), "no access token: the vault is sealed");
    assert_eq!(error.status(), None);
    assert!(api_authorizations(&server).await.is_empty());
}

#[tokio::test]
async fn a_token_cache_of_the_user_fetches_once_and_refreshes_after_invalidate() {
    let fetched = Arc::new(AtomicUsize::new(0));
    let counter = fetched.clone();
    let clock = TestClock::new();
    let cache = TokenCache::new(move || {
        let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
        async move {
            Ok::<_, std::convert::Infallible>(
                schemes_and_shapes::token::FetchedToken::new(format!("own-{n}")).expires_in(Duration::from_secs(120)),
            )
        }
    })
    .clock(clock.clone());

    let first = cache.get().await.unwrap();
    assert_eq!(cache.get().await.unwrap(), first);
    cache.invalidate(&AccessToken::new("someone-else"));
    assert_eq!(
        cache.get().await.unwrap().secret(),
        "own-1",
        "only the cached token is forgotten"
    );
    cache.invalidate(&first);
    assert_eq!(cache.get().await.unwrap().secret(), "own-2");
    clock.advance(Duration::from_secs(90));
    assert_eq!(
        cache.get().await.unwrap().secret(),
        "own-3",
        "refreshed 30 s before its 120 s ran out"
    );
    assert_eq!(fetched.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn secrets_and_tokens_never_show_in_debug_output() {
    let server = MockServer::start().await;
    token_server(&server, Some(3600)).await;
    api(&server, &[]).await;
    let credentials = credentials(&server);
    assert_eq!(
        format!("{credentials:?}"),
        format!(
            r#"ClientCredentials {{ client_id: "{CLIENT_ID}", client_secret: [redacted], token_url: "{}/v1/token", .. }}"#,
            server.uri()
        )
    );
    let as_credentials = Credentials::from(credentials.clone());
    assert_eq!(format!("{as_credentials:?}"), format!("{credentials:?}"));
    let client = client(&server, credentials, &TestClock::new());
    fetch_price(&client).await.unwrap();

    for text in [
        format!("{client:?}"),
        format!("{client:#?}"),
        format!("{:?}", AccessToken::new("tok-1")),
        format!("{:?}", Credentials::bearer("tok-1")),
    ] {
        assert!(!text.contains("tok-1") && !text.contains(CLIENT_SECRET), "{text}");
        assert!(text.contains("[redacted]"), "{text}");
    }
    assert_eq!(
        format!("{client:?}"),
        format!(
            r#"Client {{ base_url: "{}", credentials: Some(Credentials::Bearer {{ token: [redacted] }}), retry: None, .. }}"#,
            server.uri()
        )
    );
}

/// The OAuth v1 crate's README pattern: a `TokenCache` over `create_token`, refreshed by the JWT's `exp`.
#[tokio::test]
async fn a_token_cache_over_create_token_calls_it_once_until_the_token_is_about_to_expire() {
    use twilio_oauth_v1::token::{FetchedToken, TokenCache, TokenError};
    let server = MockServer::start().await;
    let token = jwt(CLOCK_START_SECS + 3600);
    Mock::given(method("POST"))
        .and(path("/v1/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"access_token": token, "token_type": "Bearer"})),
        )
        .mount(&server)
        .await;
    let client = common::client(&server);
    let clock = TestClock::new();
    let tokens = TokenCache::new(move || {
        let client = client.clone();
        async move {
            let reply = client
                .create_token("client_credentials", "OQ1")
                .client_secret("shh")
                .send()
                .await?;
            let token = reply.access_token.ok_or("the reply has no access token")?;
            Ok::<_, TokenError>(FetchedToken::new(token))
        }
    })
    .clock(clock.clone());

    assert_eq!(tokens.get().await.unwrap().secret(), token);
    clock.advance(Duration::from_secs(3569));
    assert_eq!(tokens.get().await.unwrap().secret(), token);
    assert_eq!(requests(&server).await.len(), 1);
    clock.advance(Duration::from_secs(1));
    tokens.get().await.unwrap();
    let sent = requests(&server).await;
    assert_eq!(sent.len(), 2);
    assert_eq!(
        sent[1].body,
        b"GrantType=client_credentials&ClientSid=OQ1&ClientSecret=shh"
    );
}
