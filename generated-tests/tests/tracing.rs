//! The `tracing` feature: one span per call, named for the operation with its method, path template
//! and attempt, and events for retries and failures; nothing secret in any field.
mod common;

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use common::*;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use twilio_oauth_v1::{Client, Credentials, RetryPolicy};
use wiremock::matchers::any;
use wiremock::{Mock, Request, Respond, ResponseTemplate};

/// Every span, field record and event of the client crate (not reqwest's), as one line of text
/// each; it keeps the stack of entered spans, which `Span::current` asks for.
#[derive(Clone, Default)]
struct Capture {
    lines: Arc<Mutex<Vec<String>>>,
    next_id: Arc<AtomicU64>,
    spans: Arc<Mutex<Vec<(Id, &'static Metadata<'static>)>>>,
    entered: Arc<Mutex<Vec<Id>>>,
}

struct Line(String);

impl Visit for Line {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!(" {}={:?}", field.name(), value));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push_str(&format!(" {}={}", field.name(), value));
    }
}

impl Subscriber for Capture {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.target().starts_with("twilio_oauth_v1")
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut line = Line(format!("span {}:", span.metadata().name()));
        span.record(&mut line);
        self.lines.lock().unwrap().push(line.0);
        let id = Id::from_u64(self.next_id.fetch_add(1, Ordering::SeqCst) + 1);
        self.spans.lock().unwrap().push((id.clone(), span.metadata()));
        id
    }

    fn current_span(&self) -> tracing_core::span::Current {
        let entered = self.entered.lock().unwrap();
        let spans = self.spans.lock().unwrap();
        match entered.last().and_then(|id| spans.iter().find(|(s, _)| s == id)) {
            Some((id, metadata)) => tracing_core::span::Current::new(id.clone(), metadata),
            None => tracing_core::span::Current::none(),
        }
    }

    fn record(&self, _: &Id, values: &Record<'_>) {
        let mut line = Line("record:".to_owned());
        values.record(&mut line);
        self.lines.lock().unwrap().push(line.0);
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut line = Line(format!("{}:", event.metadata().level()));
        event.record(&mut line);
        self.lines.lock().unwrap().push(line.0);
    }

    fn enter(&self, span: &Id) {
        self.entered.lock().unwrap().push(span.clone());
    }

    fn exit(&self, span: &Id) {
        let mut entered = self.entered.lock().unwrap();
        if let Some(at) = entered.iter().rposition(|id| id == span) {
            entered.remove(at);
        }
    }
}

/// A 503 first, then `200` with `body`.
struct ThenOk(AtomicUsize, &'static str);

impl Respond for ThenOk {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        match self.0.fetch_add(1, Ordering::SeqCst) {
            0 => ResponseTemplate::new(503).set_body_raw(r#"{"message":"busy"}"#, "application/json"),
            _ => ResponseTemplate::new(200).set_body_raw(self.1, "application/json"),
        }
    }
}

#[tokio::test]
async fn a_call_is_a_span_with_its_attempts_and_a_retry_is_an_event() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let server = server().await;
    Mock::given(any())
        .respond_with(ThenOk(AtomicUsize::new(0), r#"{"keys":[]}"#))
        .mount(&server)
        .await;
    let clock = TestClock::new();
    let client = Client::builder()
        .base_url(server.uri())
        .credentials(Credentials::basic(USER, PASS))
        .retry(RetryPolicy::new())
        .clock(clock)
        .build()
        .expect("the client builds");
    client.fetch_certs().await.expect("the second attempt succeeds");
    let mut lines = capture.lines.lock().unwrap().clone();
    // The wait has jitter: at most the first backoff, 500 ms.
    let retry = &lines[2];
    let delay: u64 = retry
        .rsplit("delay_ms=")
        .next()
        .and_then(|d| d.parse().ok())
        .expect("a delay");
    assert!(delay <= 500, "{retry}");
    lines[2] = retry.replace(&format!("delay_ms={delay}"), "delay_ms=…");
    assert_eq!(
        lines,
        [
            "span call: operation=FetchCerts method=GET path=/v1/certs",
            "record: attempt=1",
            "WARN: message=retrying error=the server answered 503 Service Unavailable: busy delay_ms=…",
            "record: attempt=2",
        ]
    );
}

#[tokio::test]
async fn a_failure_is_an_event_without_the_secrets_of_the_call() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let server = server().await;
    reply_json(
        &server,
        401,
        &format!(r#"{{"message":"bad password {PASS}","access_token":"AT-leaked-1"}}"#),
    )
    .await;
    client(&server).fetch_certs().await.expect_err("a 401");
    let lines = capture.lines.lock().unwrap().join("\n");
    assert_eq!(
        lines,
        "span call: operation=FetchCerts method=GET path=/v1/certs\nrecord: attempt=1\n\
         WARN: message=the call failed error=the server answered 401 Unauthorized: bad password [redacted] status=401"
    );
    assert!(!lines.contains(PASS) && !lines.contains("AT-leaked-1"), "{lines}");
}
