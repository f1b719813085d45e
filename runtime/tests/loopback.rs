//! The loopback test server (`loopback::serve`): what it records of a real client's requests, and
//! the replies it sends, in order.
use client_runtime::loopback::{serve, Received};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().expect("a client")
}

fn has_header(received: &Received, line: &str) -> bool {
    received.headers.iter().any(|header| header == line)
}

#[tokio::test]
async fn records_a_post_and_its_body() {
    let (url, server) = serve(&[r#"{"sid":"SM1"}"#]).await;
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let host = url.trim_start_matches("http://");

    let response = client()
        .post(format!("{url}/v1/Messages.json?Page=2"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("X-Custom", "yes")
        .body("To=%2B1&Body=hello+world")
        .send()
        .await
        .expect("the server answers");
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers().get("content-type").map(|v| v.as_bytes()),
        Some(&b"application/json"[..])
    );
    assert_eq!(response.bytes().await.expect("a body").as_ref(), br#"{"sid":"SM1"}"#);

    let received = server.await.expect("the server ends");
    assert_eq!(received.len(), 1);
    let post = &received[0];
    assert_eq!(post.request_line, "POST /v1/Messages.json?Page=2 HTTP/1.1");
    assert!(
        has_header(post, "content-type: application/x-www-form-urlencoded"),
        "{:?}",
        post.headers
    );
    assert!(has_header(post, "x-custom: yes"), "{:?}", post.headers);
    assert!(has_header(post, "content-length: 24"), "{:?}", post.headers);
    assert!(has_header(post, &format!("host: {host}")), "{:?}", post.headers);
    assert_eq!(post.body, b"To=%2B1&Body=hello+world");
}

#[tokio::test]
async fn serves_replies_in_order() {
    let (url, server) = serve(&[r#"{"page":0}"#, r#"{"page":1,"end":true}"#]).await;
    let http = client();

    let first = http
        .get(format!("{url}/v1/Things?PageSize=2"))
        .header("accept", "application/json")
        .send()
        .await
        .expect("the first reply");
    assert_eq!(first.text().await.expect("a body"), r#"{"page":0}"#);
    let body = vec![0u8, 1, 2, 255, b'\r', b'\n'];
    let second = http
        .put(format!("{url}/v1/Things/TH%2F1"))
        .body(body.clone())
        .send()
        .await
        .expect("the second reply");
    let json: serde_json::Value = serde_json::from_slice(&second.bytes().await.expect("a body")).expect("JSON");
    assert_eq!(json, serde_json::json!({"page": 1, "end": true}));

    let received = server.await.expect("the server ends");
    assert_eq!(received.len(), 2);
    let (get, put) = (&received[0], &received[1]);
    assert_eq!(get.request_line, "GET /v1/Things?PageSize=2 HTTP/1.1");
    assert!(has_header(get, "accept: application/json"), "{:?}", get.headers);
    assert!(
        !get.headers.iter().any(|h| h.starts_with("content-length")),
        "{:?}",
        get.headers
    );
    assert_eq!(get.body, b"");
    assert_eq!(put.request_line, "PUT /v1/Things/TH%2F1 HTTP/1.1");
    assert!(has_header(put, "content-length: 6"), "{:?}", put.headers);
    assert_eq!(put.body, body);
}

#[tokio::test]
async fn reads_a_body_larger_than_its_buffer() {
    let (url, server) = serve(&["[]"]).await;
    let body: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
    let reply = client()
        .post(format!("{url}/upload"))
        .body(body.clone())
        .send()
        .await
        .expect("the server answers");
    assert_eq!(reply.text().await.expect("a body"), "[]");
    let received = server.await.expect("the server ends");
    assert_eq!(received[0].request_line, "POST /upload HTTP/1.1");
    assert!(has_header(&received[0], "content-length: 100000"));
    assert_eq!(received[0].body.len(), 100_000);
    assert_eq!(received[0].body, body);
}

/// A raw client: the exact reply bytes, headers as sent, `Content-Length` in any case, and a body
/// that arrives in pieces.
#[tokio::test]
async fn exact_bytes_with_a_raw_client() {
    let (url, server) = serve(&[r#"{"ok":true}"#]).await;
    let mut socket = TcpStream::connect(url.trim_start_matches("http://"))
        .await
        .expect("connect");
    socket
        .write_all(b"PATCH /x?a=1 HTTP/1.1\r\nHost: example\r\nCONTENT-LENGTH:  5 \r\nX-A: b\r\n\r\nhel")
        .await
        .expect("write the head");
    socket.flush().await.expect("flush");
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    socket.write_all(b"lo").await.expect("write the rest");

    let mut reply = Vec::new();
    socket.read_to_end(&mut reply).await.expect("read the reply");
    assert_eq!(
        String::from_utf8(reply).expect("UTF-8"),
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\nconnection: close\r\n\r\n\
         {\"ok\":true}"
    );
    let received = server.await.expect("the server ends");
    assert_eq!(
        received,
        vec![Received {
            request_line: "PATCH /x?a=1 HTTP/1.1".to_owned(),
            headers: vec![
                "Host: example".to_owned(),
                "CONTENT-LENGTH:  5 ".to_owned(),
                "X-A: b".to_owned()
            ],
            body: b"hello".to_vec(),
        }]
    );
}

/// Why a path parameter of `.` or `..` cannot be sent as a segment: the client resolves dot
/// segments, percent-encoded or not, before the request leaves, so the request addresses another
/// resource.
#[tokio::test]
async fn the_client_resolves_dot_segments_even_encoded() {
    let paths = [
        "/v1/Accounts/../Calls.json",
        "/v1/Accounts/%2E%2E/Calls.json",
        "/v1/Accounts/.%2e/Calls.json",
        "/v1/Accounts/./Calls.json",
        "/v1/Accounts/%2e/Calls.json",
        "/v1/Accounts/%252E%252E/Calls.json",
    ];
    let (url, server) = serve(&["{}", "{}", "{}", "{}", "{}", "{}"]).await;
    let http = client();
    for path in paths {
        http.get(format!("{url}{path}"))
            .send()
            .await
            .expect("the server answers");
    }
    let lines: Vec<String> = server
        .await
        .expect("the server ends")
        .into_iter()
        .map(|r| r.request_line)
        .collect();
    assert_eq!(
        lines,
        [
            "GET /v1/Calls.json HTTP/1.1",
            "GET /v1/Calls.json HTTP/1.1",
            "GET /v1/Calls.json HTTP/1.1",
            "GET /v1/Accounts/Calls.json HTTP/1.1",
            "GET /v1/Accounts/Calls.json HTTP/1.1",
            "GET /v1/Accounts/%252E%252E/Calls.json HTTP/1.1",
        ]
    );
}
