//! Replies from a misbehaving server: cut bodies, lying lengths, wrong types, bad UTF-8, HTML pages, huge
//! bodies, silence, resets, redirects and bytes that are not HTTP at all. Each must end in the right
//! `Error` variant, quickly, and without a panic.
//!
//! The server here is a raw `TcpListener`: it reads the request, writes exactly the bytes a test gives,
//! then closes, hangs or resets the connection as told.
mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{EXPECTED_AUTHORIZATION, PASS, USER};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use twilio_oauth_v1::{ApiError, Client, ClientBuilder, Credentials, Error};

/// A timeout for clients of servers that answer (and then close): only a safety net, never reached.
const SAFETY_TIMEOUT: Duration = Duration::from_secs(3);

/// What the server does once it has written its bytes.
#[derive(Clone, Copy, Debug)]
enum Then {
    /// Closes the connection normally (FIN).
    Close,
    /// Keeps the connection open and never writes again.
    Hang,
    /// Aborts the connection (`SO_LINGER` 0, then close: RST).
    Reset,
}

/// A misbehaving server on 127.0.0.1 that answers every connection with the same bytes.
struct Hostile {
    base_url: String,
    connections: Arc<AtomicUsize>,
    requests: Arc<Mutex<Vec<Vec<u8>>>>,
}

impl Hostile {
    /// Starts a server that, on each connection, reads the request, writes `reply` and then does `then`.
    /// `pause` is how long it waits between its last write and a reset, so the bytes reach the client first.
    async fn start(reply: impl Into<Vec<u8>>, then: Then) -> Hostile {
        Hostile::start_with_pause(reply, then, Duration::ZERO).await
    }

    async fn start_with_pause(reply: impl Into<Vec<u8>>, then: Then, pause: Duration) -> Hostile {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1:0");
        let address = listener.local_addr().expect("the listener has an address");
        let reply: Arc<[u8]> = reply.into().into();
        let connections = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (count, log) = (connections.clone(), requests.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                count.fetch_add(1, Ordering::SeqCst);
                let (reply, log) = (reply.clone(), log.clone());
                tokio::spawn(answer(stream, reply, then, pause, log));
            }
        });
        Hostile {
            base_url: format!("http://{address}"),
            connections,
            requests,
        }
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// The requests received so far, head and body, as (lossy) text.
    fn requests(&self) -> Vec<String> {
        self.requests
            .lock()
            .expect("the request log is not poisoned")
            .iter()
            .map(|r| String::from_utf8_lossy(r).into_owned())
            .collect()
    }

    /// A client for this server with the test credentials and the given whole-call timeout.
    fn client(&self, timeout: Duration) -> Client {
        Client::builder()
            .base_url(&self.base_url)
            .credentials(Credentials::basic(USER, PASS))
            .timeout(timeout)
            .connect_timeout(Duration::from_secs(1))
            .build()
            .expect("the client builds")
    }
}

/// One connection: read the request, write the reply in chunks (ignoring a peer that stopped reading),
/// then close, hang or reset.
async fn answer(mut stream: TcpStream, reply: Arc<[u8]>, then: Then, pause: Duration, log: Arc<Mutex<Vec<Vec<u8>>>>) {
    let request = read_request(&mut stream).await;
    log.lock().expect("the request log is not poisoned").push(request);
    for chunk in reply.chunks(64 * 1024) {
        if stream.write_all(chunk).await.is_err() {
            // The client stopped reading and closed: a broken pipe or a reset is expected here.
            return;
        }
    }
    let _ = stream.flush().await;
    match then {
        Then::Close => {
            let _ = stream.shutdown().await;
        }
        Then::Hang => {
            // Holds the connection open until the test's runtime shuts down.
            std::future::pending::<()>().await;
        }
        Then::Reset => {
            tokio::time::sleep(pause).await;
            stream.set_zero_linger().expect("SO_LINGER 0 can be set");
            drop(stream);
        }
    }
}

/// Reads until the end of the request head (`\r\n\r\n`) and then the `Content-Length` body, if any; stops
/// early on end of stream or an error.
async fn read_request(stream: &mut TcpStream) -> Vec<u8> {
    let mut request = Vec::new();
    let mut buffer = [0_u8; 8192];
    loop {
        if let Some(end) = request.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&request[..end]);
            let length = head
                .lines()
                .filter_map(|line| line.split_once(':'))
                .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
                .and_then(|(_, value)| value.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if request.len() >= end + 4 + length {
                return request;
            }
        }
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => return request,
            Ok(n) => request.extend_from_slice(&buffer[..n]),
        }
    }
}

/// A raw HTTP/1.1 reply: status line, the given headers, `Content-Length` of `body` unless `length`
/// overrides it, and the body.
fn http(status: &str, headers: &[&str], length: Option<usize>, body: &[u8]) -> Vec<u8> {
    let mut reply = format!("HTTP/1.1 {status}\r\n");
    for header in headers {
        reply.push_str(header);
        reply.push_str("\r\n");
    }
    reply.push_str(&format!("Content-Length: {}\r\n", length.unwrap_or(body.len())));
    reply.push_str("Connection: close\r\n\r\n");
    let mut bytes = reply.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

const JSON: &str = "Content-Type: application/json";

/// Unwraps an `Error::Api`, failing on anything else.
fn api<T: std::fmt::Debug>(result: Result<T, Error>) -> ApiError {
    match result {
        Err(Error::Api(api)) => *api,
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

/// Unwraps an `Error::Decode` into its status and body text (and checks `Error::status` agrees).
fn decode<T: std::fmt::Debug>(result: Result<T, Error>) -> (u16, String, String) {
    match result {
        Err(err @ Error::Decode { .. }) => {
            let display = err.to_string();
            let from_status = err.status().map(|s| s.as_u16());
            let Error::Decode { status, body, .. } = err else {
                unreachable!()
            };
            assert_eq!(from_status, Some(status.as_u16()));
            (status.as_u16(), body, display)
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

// 1. Truncated JSON with a correct Content-Length.

#[tokio::test]
async fn truncated_json_on_a_200_is_a_decode_error_keeping_the_body_with_the_secret_masked() {
    let server = Hostile::start(http("200 OK", &[JSON], None, br#"{"access_token": "ab"#), Then::Close).await;
    let result = server
        .client(SAFETY_TIMEOUT)
        .create_token("client_credentials", "OQ123")
        .send()
        .await;
    let (status, body, display) = decode(result);
    assert_eq!(status, 200);
    // What arrived of the access token is a secret too (redaction.rs tests this at length).
    assert_eq!(body, r#"{"access_token": "[redacted]"#);
    assert_eq!(
        display,
        "the 200 OK reply could not be decoded: EOF while parsing a string at line 1 column 20"
    );
    assert_eq!(server.connections(), 1);
}

// 2. A Content-Length larger than what is sent.

#[tokio::test]
async fn content_length_larger_than_the_body_then_close_is_a_body_error() {
    let server = Hostile::start(
        http(
            "200 OK",
            &[JSON],
            Some(1000),
            br#"{"url":"https://oauth.twilio.com/v1/certs"#,
        ),
        Then::Close,
    )
    .await;
    let err = server
        .client(SAFETY_TIMEOUT)
        .fetch_certs()
        .send()
        .await
        .expect_err("an incomplete body fails");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(200));
    let display = err.to_string();
    match err {
        Error::Body { status, source } => {
            assert_eq!(status.as_u16(), 200);
            assert!(source.is_body() || source.is_decode(), "{source:?}");
            assert!(!source.is_timeout(), "{source:?}");
        }
        other => panic!("expected Error::Body, got {other:?}"),
    }
    assert!(
        display.starts_with("the body of the 200 OK reply could not be read: "),
        "{display}"
    );
}

// 3. A field of the wrong JSON type.

#[tokio::test]
async fn wrong_json_type_on_create_device_code_201_is_a_decode_error() {
    let server = Hostile::start(
        http("201 Created", &[JSON], None, br#"{"user_code":["soon"]}"#),
        Then::Close,
    )
    .await;
    let result = server
        .client(SAFETY_TIMEOUT)
        .create_device_code("OQ123", ["openid"])
        .send()
        .await;
    let (status, body, display) = decode(result);
    assert_eq!(status, 201);
    assert_eq!(body, r#"{"user_code":["soon"]}"#);
    assert_eq!(
        display,
        "the 201 Created reply could not be decoded: invalid type: sequence, expected a string at line 1 column 13"
    );
    let sent = server.requests();
    assert_eq!(sent.len(), 1);
    assert!(sent[0].starts_with("POST /v1/device/code HTTP/1.1\r\n"), "{}", sent[0]);
    assert!(
        sent[0].ends_with("\r\n\r\nClientSid=OQ123&Scopes=openid"),
        "{}",
        sent[0]
    );
}

// 4. Invalid UTF-8.

#[tokio::test]
async fn invalid_utf8_in_a_200_json_string_is_a_decode_error() {
    let server = Hostile::start(http("200 OK", &[JSON], None, b"{\"url\":\"\xff\xfe\"}"), Then::Close).await;
    let result = server.client(SAFETY_TIMEOUT).fetch_certs().send().await;
    let (status, body, display) = decode(result);
    assert_eq!(status, 200);
    assert_eq!(body, "{\"url\":\"\u{FFFD}\u{FFFD}\"}");
    assert_eq!(
        display,
        "the 200 OK reply could not be decoded: invalid unicode code point at line 1 column 9"
    );
}

#[tokio::test]
async fn invalid_utf8_in_a_500_body_is_an_api_error_with_a_lossy_body() {
    let server = Hostile::start(
        http(
            "500 Internal Server Error",
            &["Content-Type: text/plain"],
            None,
            b"oops \xff\xfe end",
        ),
        Then::Close,
    )
    .await;
    let result = server.client(SAFETY_TIMEOUT).fetch_user_info().send().await;
    let api = api(result);
    assert_eq!(api.status.as_u16(), 500);
    assert_eq!(api.body, "oops \u{FFFD}\u{FFFD} end");
    assert!(api.body.contains('\u{FFFD}'));
    assert_eq!(api.twilio, None);
    assert!(!api.truncated);
    assert_eq!(api.location, None);
    assert_eq!(
        api.to_string(),
        "the server answered 500 Internal Server Error: oops \u{FFFD}\u{FFFD} end"
    );
}

#[tokio::test]
async fn invalid_utf8_in_a_json_looking_500_body_has_no_twilio_error() {
    let server = Hostile::start(
        http(
            "500 Internal Server Error",
            &[JSON],
            None,
            b"{\"code\":20500,\"message\":\"\xff\"}",
        ),
        Then::Close,
    )
    .await;
    let api = api(server.client(SAFETY_TIMEOUT).fetch_user_info().send().await);
    assert_eq!(api.status.as_u16(), 500);
    assert_eq!(api.twilio, None, "a body that is not UTF-8 is not JSON");
    assert_eq!(api.body, "{\"code\":20500,\"message\":\"\u{FFFD}\"}");
}

// 5. An HTML error page.

#[tokio::test]
async fn html_error_page_on_a_503_is_an_api_error_without_twilio_error() {
    let page = "<html><head><title>503</title></head><body>Service Unavailable</body></html>\n";
    let server = Hostile::start(
        http(
            "503 Service Unavailable",
            &["Content-Type: text/html; charset=utf-8"],
            None,
            page.as_bytes(),
        ),
        Then::Close,
    )
    .await;
    let err = server
        .client(SAFETY_TIMEOUT)
        .fetch_openid_discovery()
        .send()
        .await
        .expect_err("a 503 fails");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert!(err.twilio().is_none());
    let display = err.to_string();
    assert!(
        display.starts_with("the server answered 503 Service Unavailable: <html>"),
        "{display}"
    );
    assert_eq!(
        display,
        "the server answered 503 Service Unavailable: \
         <html><head><title>503</title></head><body>Service Unavailable</body></html>"
    );
    let api = api::<()>(Err(err));
    assert_eq!(api.twilio, None);
    assert_eq!(api.body, page);
    assert!(!api.truncated);
}

// 6. An empty 200.

#[tokio::test]
async fn empty_200_body_is_a_decode_error() {
    let server = Hostile::start(http("200 OK", &[JSON], Some(0), b""), Then::Close).await;
    let result = server.client(SAFETY_TIMEOUT).fetch_user_info().send().await;
    let (status, body, display) = decode(result);
    assert_eq!(status, 200);
    assert_eq!(body, "");
    assert_eq!(
        display,
        "the 200 OK reply could not be decoded: EOF while parsing a value at line 1 column 0"
    );
}

// 7. Huge bodies.

#[tokio::test]
async fn huge_error_body_is_cut_at_the_limit_and_marked_truncated() {
    let body = vec![b'x'; 10 * 1024 * 1024];
    let server = Hostile::start(
        http("500 Internal Server Error", &["Content-Type: text/plain"], None, &body),
        Then::Close,
    )
    .await;
    let started = Instant::now();
    let err = server
        .client(SAFETY_TIMEOUT)
        .fetch_certs()
        .send()
        .await
        .expect_err("a 500 fails");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
    assert_eq!(
        err.to_string(),
        format!("the server answered 500 Internal Server Error: {}…", "x".repeat(200))
    );
    let api = api::<()>(Err(err));
    assert_eq!(ApiError::BODY_LIMIT, 64 * 1024);
    assert!(api.truncated);
    assert_eq!(api.body.len(), 64 * 1024);
    assert!(api.body.bytes().all(|b| b == b'x'));
    assert_eq!(api.twilio, None);
}

#[tokio::test]
async fn error_body_of_exactly_the_limit_is_not_truncated() {
    let body = vec![b'y'; ApiError::BODY_LIMIT];
    let server = Hostile::start(
        http("500 Internal Server Error", &["Content-Type: text/plain"], None, &body),
        Then::Close,
    )
    .await;
    let api = api(server.client(SAFETY_TIMEOUT).fetch_certs().send().await);
    assert_eq!(api.body.len(), ApiError::BODY_LIMIT);
    assert!(!api.truncated);
}

#[tokio::test]
async fn huge_success_body_over_max_body_is_body_too_large() {
    let body = format!(r#"{{"url":"{}"}}"#, "z".repeat(1024 * 1024));
    let server = Hostile::start(http("200 OK", &[JSON], None, body.as_bytes()), Then::Close).await;
    let client = Client::builder()
        .base_url(&server.base_url)
        .credentials(Credentials::basic(USER, PASS))
        .timeout(SAFETY_TIMEOUT)
        .max_body(1024)
        .build()
        .expect("the client builds");
    let err = client.fetch_certs().send().await.expect_err("the body is too large");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(200));
    assert_eq!(
        err.to_string(),
        "the body of the 200 OK reply is larger than the 1024 bytes this client accepts"
    );
    match err {
        Error::BodyTooLarge { status, limit } => {
            assert_eq!(status.as_u16(), 200);
            assert_eq!(limit, 1024);
        }
        other => panic!("expected Error::BodyTooLarge, got {other:?}"),
    }
}

#[tokio::test]
async fn success_body_of_exactly_max_body_is_accepted_and_one_more_byte_is_not() {
    let padding = 1024 - r#"{"url":""}"#.len();
    for (extra, fits) in [(0, true), (1, false)] {
        let url = "u".repeat(padding + extra);
        let body = format!(r#"{{"url":"{url}"}}"#);
        assert_eq!(body.len(), 1024 + extra);
        let server = Hostile::start(http("200 OK", &[JSON], None, body.as_bytes()), Then::Close).await;
        let client = Client::builder()
            .base_url(&server.base_url)
            .timeout(SAFETY_TIMEOUT)
            .max_body(1024)
            .build()
            .expect("the client builds");
        let result = client.fetch_certs().send().await;
        match (fits, result) {
            (true, Ok(certs)) => assert_eq!(certs.url.as_deref(), Some(url.as_str())),
            (false, Err(Error::BodyTooLarge { status, limit })) => {
                assert_eq!((status.as_u16(), limit), (200, 1024));
            }
            (fits, other) => panic!("a body of {} bytes (fits: {fits}) gave {other:?}", body.len()),
        }
    }
}

// 8. Silence.

#[tokio::test]
async fn server_that_never_answers_times_out_as_a_transport_error() {
    assert_eq!(ClientBuilder::DEFAULT_TIMEOUT, Duration::from_secs(60));
    assert_eq!(ClientBuilder::DEFAULT_CONNECT_TIMEOUT, Duration::from_secs(10));

    let server = Hostile::start(Vec::new(), Then::Hang).await;
    let started = Instant::now();
    let err = server
        .client(Duration::from_millis(500))
        .fetch_user_info()
        .send()
        .await
        .expect_err("no answer fails");
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(5), "took {elapsed:?}");
    assert_eq!(err.status(), None);
    assert!(err.to_string().starts_with("the request timed out: "), "{err}");
    match err {
        Error::Transport(e) => assert!(e.is_timeout(), "{e:?}"),
        other => panic!("expected Error::Transport, got {other:?}"),
    }
    assert_eq!(server.connections(), 1);
}

#[tokio::test]
async fn server_that_sends_headers_and_then_stalls_times_out_as_a_body_error() {
    let server = Hostile::start(http("200 OK", &[JSON], Some(100), br#"{"url":"#), Then::Hang).await;
    let started = Instant::now();
    let err = server
        .client(Duration::from_millis(500))
        .fetch_certs()
        .send()
        .await
        .expect_err("a stalled body fails");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    match err {
        Error::Body { status, source } => {
            assert_eq!(status.as_u16(), 200);
            assert!(source.is_timeout(), "{source:?}");
        }
        other => panic!("expected Error::Body, got {other:?}"),
    }
}

#[tokio::test]
async fn error_reply_whose_body_stalls_keeps_the_status_and_is_marked_truncated() {
    let server = Hostile::start(
        http("502 Bad Gateway", &["Content-Type: text/plain"], Some(100), b"upstream"),
        Then::Hang,
    )
    .await;
    let started = Instant::now();
    let api = api(server.client(Duration::from_millis(500)).fetch_certs().send().await);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(api.status.as_u16(), 502);
    assert!(api.truncated);
}

#[tokio::test]
async fn error_reply_whose_connection_breaks_keeps_what_arrived() {
    // `read_reply` says: "if the connection breaks, keep what arrived and say it is cut".
    let server = Hostile::start(
        http("502 Bad Gateway", &["Content-Type: text/plain"], Some(100), b"upstream"),
        Then::Close,
    )
    .await;
    let api = api(server.client(SAFETY_TIMEOUT).fetch_certs().send().await);
    assert_eq!(api.status.as_u16(), 502);
    assert!(api.truncated);
    assert_eq!(api.body, "upstream");
}

// 9. Resets.

#[tokio::test]
async fn reset_in_the_middle_of_the_body_is_a_body_error() {
    let server = Hostile::start_with_pause(
        http("200 OK", &[JSON], Some(1000), b"{\"url\":\"h"),
        Then::Reset,
        Duration::from_millis(100),
    )
    .await;
    let result = server.client(SAFETY_TIMEOUT).fetch_certs().send().await;
    match result {
        Err(Error::Body { status, source }) => {
            assert_eq!(status.as_u16(), 200);
            assert!(!source.is_timeout(), "{source:?}");
        }
        // The reset may overtake the head: then no reply began.
        Err(Error::Transport(e)) => assert!(!e.is_timeout(), "{e:?}"),
        other => panic!("expected Error::Body (or Error::Transport), got {other:?}"),
    }
}

#[tokio::test]
async fn reset_before_any_byte_of_reply_is_a_transport_error_without_status() {
    let server = Hostile::start(Vec::new(), Then::Reset).await;
    let err = server
        .client(SAFETY_TIMEOUT)
        .fetch_user_info()
        .send()
        .await
        .expect_err("a reset fails");
    assert_eq!(err.status(), None);
    match err {
        Error::Transport(e) => {
            assert_eq!(e.status(), None);
            assert!(!e.is_timeout(), "{e:?}");
        }
        other => panic!("expected Error::Transport, got {other:?}"),
    }
}

// 10. Redirects are not followed.

#[tokio::test]
async fn found_302_with_a_location_keeps_it() {
    let location = "https://elsewhere.example.com/v1/certs?x=1";
    let server = Hostile::start(
        http("302 Found", &[&format!("Location: {location}")], None, b""),
        Then::Close,
    )
    .await;
    let err = server
        .client(SAFETY_TIMEOUT)
        .fetch_certs()
        .send()
        .await
        .expect_err("a 302 fails");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(302));
    assert_eq!(
        err.to_string(),
        format!("the server answered 302 Found (Location: {location})")
    );
    let api = api::<()>(Err(err));
    assert_eq!(api.status.as_u16(), 302);
    assert_eq!(api.location.as_deref(), Some(location));
    assert_eq!(api.body, "");
    assert_eq!(server.connections(), 1);
}

#[tokio::test]
async fn found_302_without_a_location_has_none() {
    let server = Hostile::start(http("302 Found", &[], None, b""), Then::Close).await;
    let err = server
        .client(SAFETY_TIMEOUT)
        .fetch_certs()
        .send()
        .await
        .expect_err("a 302 fails");
    assert_eq!(err.to_string(), "the server answered 302 Found");
    let api = api::<()>(Err(err));
    assert_eq!(api.status.as_u16(), 302);
    assert_eq!(api.location, None);
}

#[tokio::test]
async fn moved_301_to_another_listener_is_not_followed_and_credentials_stay_home() {
    let elsewhere = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1:0");
    let target = format!("http://{}/v1/userinfo", elsewhere.local_addr().expect("an address"));
    let server = Hostile::start(
        http("301 Moved Permanently", &[&format!("Location: {target}")], None, b""),
        Then::Close,
    )
    .await;
    let err = server
        .client(SAFETY_TIMEOUT)
        .fetch_user_info()
        .send()
        .await
        .expect_err("a 301 fails");
    match err {
        Error::Api(api) => {
            assert_eq!(api.status.as_u16(), 301);
            assert_eq!(api.location.as_deref(), Some(target.as_str()));
        }
        other => panic!("expected Error::Api, got {other:?}"),
    }
    let accepted = tokio::time::timeout(Duration::from_millis(300), elsewhere.accept()).await;
    assert!(accepted.is_err(), "the redirect target received a connection");

    // The credentials went to the base URL, and only there.
    let sent = server.requests();
    assert_eq!(sent.len(), 1);
    assert!(sent[0].starts_with("GET /v1/userinfo HTTP/1.1\r\n"), "{}", sent[0]);
    assert!(
        sent[0].to_ascii_lowercase().contains(&format!(
            "\r\nauthorization: {}\r\n",
            EXPECTED_AUTHORIZATION.to_ascii_lowercase()
        )),
        "{}",
        sent[0]
    );
}

// 11. Not HTTP at all.

#[tokio::test]
async fn garbage_instead_of_http_is_a_transport_error() {
    let server = Hostile::start(b"hello\r\n\r\n".to_vec(), Then::Close).await;
    let err = server
        .client(SAFETY_TIMEOUT)
        .fetch_certs()
        .send()
        .await
        .expect_err("garbage fails");
    assert_eq!(err.status(), None);
    match err {
        Error::Transport(e) => assert!(!e.is_timeout(), "{e:?}"),
        other => panic!("expected Error::Transport, got {other:?}"),
    }
}

#[tokio::test]
async fn connection_closed_without_a_reply_is_a_transport_error() {
    let server = Hostile::start(Vec::new(), Then::Close).await;
    let err = server
        .client(SAFETY_TIMEOUT)
        .fetch_certs()
        .send()
        .await
        .expect_err("no reply fails");
    match err {
        Error::Transport(e) => assert_eq!(e.status(), None),
        other => panic!("expected Error::Transport, got {other:?}"),
    }
}
