//! Opt-in retries of the OAuth v1 client, against a loopback server and a clock the tests move:
//! which replies and calls are repeated, how long the client waits (`Retry-After` in seconds and as
//! a date, backoff with jitter), and what a call returns when the attempts run out.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{requests, TestClock, PASS, USER};
use twilio_oauth_v1::retry::{RetryPolicy, RetryReason};
use twilio_oauth_v1::{Client, Credentials, Error};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const CERTS: &str = r#"{"keys": [], "url": "https://oauth.twilio.com/v1/certs"}"#;
const TOKEN: &str = r#"{"access_token": "at", "token_type": "Bearer", "expires_in": 3600}"#;

/// Answers with the replies in `script` in order, then repeats the last one.
struct Script(Mutex<Vec<ResponseTemplate>>, AtomicUsize);

impl Respond for Script {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let script = self.0.lock().unwrap();
        let n = self.1.fetch_add(1, Ordering::SeqCst);
        script[n.min(script.len() - 1)].clone()
    }
}

async fn scripted(replies: Vec<ResponseTemplate>) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(Script(Mutex::new(replies), AtomicUsize::new(0)))
        .mount(&server)
        .await;
    server
}

fn status(code: u16) -> ResponseTemplate {
    ResponseTemplate::new(code).set_body_raw(
        r#"{"code": 20429, "message": "Too many requests", "status": 429}"#,
        "application/json",
    )
}

fn retry_after(code: u16, value: &str) -> ResponseTemplate {
    status(code).insert_header("Retry-After", value)
}

fn ok(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body, "application/json")
}

/// What the hook saw: attempt, reason, wait.
type Seen = Arc<Mutex<Vec<(u32, RetryReason, Duration)>>>;

fn client(server_uri: &str, policy: Option<RetryPolicy>, clock: &Arc<TestClock>) -> (Client, Seen) {
    let seen: Seen = Arc::default();
    let mut builder = Client::builder()
        .base_url(server_uri)
        .credentials(Credentials::basic(USER, PASS))
        .clock(clock.clone());
    if let Some(policy) = policy {
        let log = seen.clone();
        builder = builder.retry(policy.on_retry(move |event| {
            log.lock().unwrap().push((event.attempt, event.reason, event.delay));
        }));
    }
    (builder.build().expect("the client builds"), seen)
}

fn seen(seen: &Seen) -> Vec<(u32, RetryReason, Duration)> {
    seen.lock().unwrap().clone()
}

const TOO_MANY: RetryReason = RetryReason::Status(reqwest::StatusCode::TOO_MANY_REQUESTS);
const UNAVAILABLE: RetryReason = RetryReason::Status(reqwest::StatusCode::SERVICE_UNAVAILABLE);

#[tokio::test]
async fn a_429_with_retry_after_in_seconds_is_repeated_after_exactly_that_wait() {
    let server = scripted(vec![retry_after(429, "7"), ok(CERTS)]).await;
    let clock = TestClock::new();
    let (client, hook) = client(&server.uri(), Some(RetryPolicy::new()), &clock);

    let certs = client.fetch_certs().send().await.expect("the second attempt succeeds");

    assert_eq!(certs.url.as_deref(), Some("https://oauth.twilio.com/v1/certs"));
    assert_eq!(requests(&server).await.len(), 2);
    assert_eq!(clock.sleeps(), [Duration::from_secs(7)]);
    assert_eq!(seen(&hook), [(1, TOO_MANY, Duration::from_secs(7))]);
}

#[tokio::test]
async fn a_503_with_retry_after_as_an_http_date_waits_until_that_date() {
    // The test clock starts at 2024-01-31T12:00:00Z; the server asks to wait until 12:00:12.
    let server = scripted(vec![retry_after(503, "Wed, 31 Jan 2024 12:00:12 GMT"), ok(CERTS)]).await;
    let clock = TestClock::new();
    let (client, hook) = client(&server.uri(), Some(RetryPolicy::new()), &clock);

    client.fetch_certs().send().await.expect("the second attempt succeeds");

    assert_eq!(clock.sleeps(), [Duration::from_secs(12)]);
    assert_eq!(seen(&hook), [(1, UNAVAILABLE, Duration::from_secs(12))]);
}

#[tokio::test]
async fn a_retry_after_date_in_the_past_retries_at_once() {
    let server = scripted(vec![retry_after(503, "Wed, 31 Jan 2024 11:59:00 GMT"), ok(CERTS)]).await;
    let clock = TestClock::new();
    let (client, _) = client(&server.uri(), Some(RetryPolicy::new()), &clock);

    client.fetch_certs().send().await.expect("the second attempt succeeds");

    assert_eq!(clock.sleeps(), [Duration::ZERO]);
}

#[tokio::test]
async fn without_retry_after_the_wait_is_an_exponential_backoff_with_jitter() {
    let server = scripted(vec![status(503), status(503), status(503), ok(CERTS)]).await;
    let clock = TestClock::new();
    let policy = RetryPolicy::new()
        .max_attempts(4)
        .backoff(Duration::from_millis(400), Duration::from_millis(1000));
    let (client, _) = client(&server.uri(), Some(policy), &clock);

    client.fetch_certs().send().await.expect("the fourth attempt succeeds");

    let sleeps = clock.sleeps();
    assert_eq!(sleeps.len(), 3);
    // Each wait is between half the backoff and all of it: 400 ms, then 800 ms, then 1000 ms (capped).
    for (wait, backoff) in sleeps.iter().zip([400u64, 800, 1000]) {
        let backoff = Duration::from_millis(backoff);
        assert!(
            *wait >= backoff / 2 && *wait <= backoff,
            "{wait:?} is not within {backoff:?}/2..={backoff:?}"
        );
    }
}

#[tokio::test]
async fn an_unreadable_retry_after_falls_back_to_the_backoff() {
    let server = scripted(vec![retry_after(429, "soon"), ok(CERTS)]).await;
    let clock = TestClock::new();
    let policy = RetryPolicy::new().backoff(Duration::from_secs(2), Duration::from_secs(2));
    let (client, _) = client(&server.uri(), Some(policy), &clock);

    client.fetch_certs().send().await.expect("the second attempt succeeds");

    let sleeps = clock.sleeps();
    assert!(
        sleeps.len() == 1 && sleeps[0] >= Duration::from_secs(1) && sleeps[0] <= Duration::from_secs(2),
        "{sleeps:?}"
    );
}

#[tokio::test]
async fn when_attempts_run_out_the_last_error_is_returned_with_the_attempt_count() {
    let server = scripted(vec![retry_after(503, "1")]).await;
    let clock = TestClock::new();
    let (client, hook) = client(&server.uri(), Some(RetryPolicy::new().max_attempts(3)), &clock);

    let error = client.fetch_certs().send().await.expect_err("always unavailable");

    let Error::Exhausted { attempts, last } = &error else {
        panic!("expected Exhausted, got {error:?}")
    };
    assert_eq!(*attempts, 3);
    assert!(matches!(last.as_ref(), Error::Api(api) if api.status == 503 && api.retry_after.as_deref() == Some("1")));
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(error.twilio().and_then(|t| t.code), Some(20429));
    assert_eq!(
        error.to_string(),
        "the server answered 503 Service Unavailable: Too many requests (Twilio error 20429) (gave up after 3 attempts)"
    );
    assert_eq!(requests(&server).await.len(), 3);
    assert_eq!(clock.sleeps(), [Duration::from_secs(1); 2]);
    assert_eq!(
        seen(&hook),
        [
            (1, UNAVAILABLE, Duration::from_secs(1)),
            (2, UNAVAILABLE, Duration::from_secs(1))
        ]
    );
}

#[tokio::test]
async fn a_wait_that_would_pass_the_total_delay_is_not_taken() {
    let server = scripted(vec![retry_after(429, "20"), retry_after(429, "20"), ok(CERTS)]).await;
    let clock = TestClock::new();
    let policy = RetryPolicy::new()
        .max_attempts(5)
        .max_total_delay(Duration::from_secs(30));
    let (client, _) = client(&server.uri(), Some(policy), &clock);

    let error = client
        .fetch_certs()
        .send()
        .await
        .expect_err("20 + 20 s is more than 30 s");

    assert!(matches!(&error, Error::Exhausted { attempts: 2, .. }), "{error:?}");
    assert_eq!(clock.sleeps(), [Duration::from_secs(20)]);
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn a_first_wait_longer_than_the_total_delay_returns_the_reply_as_is() {
    let server = scripted(vec![retry_after(429, "3600"), ok(CERTS)]).await;
    let clock = TestClock::new();
    let (client, hook) = client(&server.uri(), Some(RetryPolicy::new()), &clock);

    let error = client.fetch_certs().send().await.expect_err("an hour is too long");

    assert!(matches!(&error, Error::Api(api) if api.status == 429), "{error:?}");
    assert!(clock.sleeps().is_empty() && seen(&hook).is_empty());
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn a_post_is_not_repeated_by_default() {
    let server = scripted(vec![retry_after(429, "1"), ok(TOKEN)]).await;
    let clock = TestClock::new();
    let (client, hook) = client(&server.uri(), Some(RetryPolicy::new()), &clock);

    let error = client
        .create_token("client_credentials", "OQ1")
        .send()
        .await
        .expect_err("not repeated");

    assert!(matches!(&error, Error::Api(api) if api.status == 429), "{error:?}");
    assert_eq!(requests(&server).await.len(), 1);
    assert!(clock.sleeps().is_empty() && seen(&hook).is_empty());
}

#[tokio::test]
async fn a_post_marked_idempotent_is_repeated_with_the_same_bytes() {
    let server = scripted(vec![retry_after(429, "1"), ok(TOKEN)]).await;
    let clock = TestClock::new();
    let (client, hook) = client(&server.uri(), Some(RetryPolicy::new()), &clock);

    let token = client
        .create_token("client_credentials", "OQ1")
        .client_secret("shh")
        .idempotent()
        .send()
        .await
        .expect("the second attempt succeeds");

    assert!(token.access_token.is_some());
    let sent = requests(&server).await;
    assert_eq!(sent.len(), 2);
    assert_eq!(
        sent[0].body,
        b"GrantType=client_credentials&ClientSid=OQ1&ClientSecret=shh"
    );
    assert_eq!(sent[1].body, sent[0].body);
    assert_eq!(
        sent[1].headers.get("authorization"),
        sent[0].headers.get("authorization")
    );
    assert_eq!(seen(&hook), [(1, TOO_MANY, Duration::from_secs(1))]);
}

#[tokio::test]
async fn other_errors_are_not_repeated() {
    let server = scripted(vec![retry_after(429, "1"), status(400), ok(CERTS)]).await;
    let clock = TestClock::new();
    let (client, _) = client(&server.uri(), Some(RetryPolicy::new()), &clock);

    let error = client.fetch_certs().send().await.expect_err("a 400 is final");

    assert!(
        matches!(&error, Error::Api(api) if api.status == 400),
        "not Exhausted: {error:?}"
    );
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn without_a_policy_nothing_is_repeated() {
    let server = scripted(vec![retry_after(503, "1"), ok(CERTS)]).await;
    let clock = TestClock::new();
    let (client, _) = client(&server.uri(), None, &clock);

    let error = client.fetch_certs().send().await.expect_err("no retries");

    assert!(matches!(&error, Error::Api(api) if api.status == 503), "{error:?}");
    assert_eq!(requests(&server).await.len(), 1);
    assert!(clock.sleeps().is_empty());
}

/// A loopback port nothing listens on.
fn closed_port() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{address}")
}

#[tokio::test]
async fn a_refused_connection_is_repeated_even_for_a_post_since_nothing_was_sent() {
    let clock = TestClock::new();
    let (client, hook) = client(&closed_port(), Some(RetryPolicy::new().max_attempts(3)), &clock);

    let error = client
        .create_token("client_credentials", "OQ1")
        .send()
        .await
        .expect_err("nobody listens");

    let Error::Exhausted { attempts: 3, last } = &error else {
        panic!("expected 3 attempts, got {error:?}")
    };
    assert!(
        matches!(last.as_ref(), Error::Transport(e) if e.is_connect()),
        "{last:?}"
    );
    let reasons: Vec<RetryReason> = seen(&hook).iter().map(|(_, reason, _)| *reason).collect();
    assert_eq!(reasons, [RetryReason::Connect, RetryReason::Connect]);
}

#[tokio::test]
async fn the_policy_prints_its_settings() {
    let policy = RetryPolicy::new();
    assert_eq!(
        format!("{policy:?}"),
        "RetryPolicy { max_attempts: 3, initial_delay: 500ms, max_delay: 10s, max_total_delay: 30s, on_retry: false }"
    );
}
