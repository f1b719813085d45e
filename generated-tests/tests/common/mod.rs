//! Shared helpers for the behaviour tests: one wiremock server per test, a client pointed at it,
//! and access to the requests the server recorded.
#![allow(dead_code)]

use twilio_oauth_v1::{Client, Credentials};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The Account SID the tests authenticate with.
pub const USER: &str = "AC0123456789abcdef0123456789abcdef";
/// The Auth Token the tests authenticate with.
pub const PASS: &str = "auth-token-42";
/// `Basic ` followed by base64 of `AC0123456789abcdef0123456789abcdef:auth-token-42`, written out by hand.
pub const EXPECTED_AUTHORIZATION: &str = "Basic QUMwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZjphdXRoLXRva2VuLTQy";

/// A fresh mock server on 127.0.0.1.
pub async fn server() -> MockServer {
    MockServer::start().await
}

/// A client for `server` that authenticates with [`USER`] and [`PASS`].
pub fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .credentials(Credentials::basic(USER, PASS))
        .build()
        .expect("the client builds")
}

/// A client for `server` with no credentials at all.
pub fn anonymous_client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .build()
        .expect("the client builds")
}

/// Answers every request with `status` and the JSON text `body`.
pub async fn reply_json(server: &MockServer, status: u16, body: &str) {
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), "application/json"))
        .mount(server)
        .await;
}

/// Answers every request with `status`, the raw `body` and its `content_type`.
pub async fn reply_raw(server: &MockServer, status: u16, body: &str, content_type: &str) {
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), content_type))
        .mount(server)
        .await;
}

/// Every request the server received.
pub async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("request recording is on")
}

/// The one request the server received; fails when there were none or several.
pub async fn only_request(server: &MockServer) -> Request {
    let mut all = requests(server).await;
    assert_eq!(all.len(), 1, "expected exactly one request, got {}", all.len());
    all.remove(0)
}

/// Every value of header `name` on the request, as text.
pub fn header_values(request: &Request, name: &str) -> Vec<String> {
    request
        .headers
        .get_all(name)
        .iter()
        .map(|v| v.to_str().expect("header value is ASCII").to_owned())
        .collect()
}

/// The single value of header `name`, or `None` when absent; fails when it is repeated.
pub fn header(request: &Request, name: &str) -> Option<String> {
    let mut values = header_values(request, name);
    assert!(values.len() <= 1, "header `{name}` is repeated: {values:?}");
    values.pop()
}

/// The request body as UTF-8 text.
pub fn body_text(request: &Request) -> String {
    String::from_utf8(request.body.clone()).expect("the body is UTF-8")
}

/// A clock the test moves by hand: it starts at 2024-01-31T12:00:00Z, and `sleep` records the wait
/// and moves time forward at once, so expiry and retry waits are tested without waiting.
pub struct TestClock {
    state: std::sync::Mutex<(std::time::SystemTime, Vec<std::time::Duration>)>,
}

/// 2024-01-31T12:00:00Z, where every [`TestClock`] starts.
pub const CLOCK_START_SECS: u64 = 1_706_702_400;

impl TestClock {
    pub fn new() -> std::sync::Arc<TestClock> {
        let start = std::time::UNIX_EPOCH + std::time::Duration::from_secs(CLOCK_START_SECS);
        std::sync::Arc::new(TestClock {
            state: std::sync::Mutex::new((start, Vec::new())),
        })
    }

    pub fn now(&self) -> std::time::SystemTime {
        self.state.lock().unwrap().0
    }

    pub fn advance(&self, by: std::time::Duration) {
        self.state.lock().unwrap().0 += by;
    }

    /// Every wait asked of the clock, in order.
    pub fn sleeps(&self) -> Vec<std::time::Duration> {
        self.state.lock().unwrap().1.clone()
    }

    fn record_sleep(&self, duration: std::time::Duration) {
        let mut state = self.state.lock().unwrap();
        state.0 += duration;
        state.1.push(duration);
    }
}

type SleepFuture = std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send + 'static>>;

impl twilio_oauth_v1::clock::Clock for TestClock {
    fn now(&self) -> std::time::SystemTime {
        TestClock::now(self)
    }

    fn sleep(&self, duration: std::time::Duration) -> SleepFuture {
        self.record_sleep(duration);
        Box::pin(std::future::ready(()))
    }
}

impl schemes_and_shapes::clock::Clock for TestClock {
    fn now(&self) -> std::time::SystemTime {
        TestClock::now(self)
    }

    fn sleep(&self, duration: std::time::Duration) -> SleepFuture {
        self.record_sleep(duration);
        Box::pin(std::future::ready(()))
    }
}
