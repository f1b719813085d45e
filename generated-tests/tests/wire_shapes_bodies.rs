//! Request bodies and replies of every kind on the wire: multipart with files, arrays and the
//! document's part types, binary and text bodies, the JSON-first choice among media types, binary,
//! text and optional JSON results, reply headers, and a reply that is not what the operation says.

use wire_shapes::models::Filter;
use wire_shapes::{Client, Error, File};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

async fn server_replying(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(template).mount(&server).await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .build()
        .expect("the client builds")
}

async fn only_request(server: &MockServer) -> Request {
    let mut all = server.received_requests().await.expect("recording is on");
    assert_eq!(all.len(), 1, "expected one request, got {}", all.len());
    all.remove(0)
}

fn header(request: &Request, name: &str) -> Option<String> {
    request.headers.get(name).map(|v| v.to_str().expect("ASCII").to_owned())
}

#[tokio::test]
async fn a_multipart_upload_sends_every_part_byte_for_byte() {
    let server =
        server_replying(ResponseTemplate::new(201).set_body_raw(r#"{"id":"F1","size":4}"#, "application/json")).await;
    let png: &[u8] = b"\x89PNG\r\n\x1a\n";
    let info = client(&server)
        .upload_file("Q3 report", File::new(png).file_name("chart.png"))
        .tags(["a", "b"])
        .attachments([
            File::new(b"hello".to_vec())
                .file_name("a.txt")
                .content_type("text/plain"),
            File::new(vec![0u8, 1, 2]),
        ])
        .meta(Filter {
            status: Some("open".to_owned()),
            limit: None,
        })
        .notes("# hi")
        .send()
        .await
        .expect("the call succeeds");
    assert_eq!((info.id.as_str(), info.size), ("F1", 4));
    let request = only_request(&server).await;
    let content_type = header(&request, "content-type").expect("a Content-Type");
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .expect("a multipart type with its boundary");
    assert!(boundary.starts_with("boundary-") && boundary.len() == 25, "{boundary}");
    let part = |headers: &str, body: &[u8]| -> Vec<u8> {
        let mut bytes = format!("--{boundary}\r\n{headers}\r\n\r\n").into_bytes();
        bytes.extend_from_slice(body);
        bytes.extend_from_slice(b"\r\n");
        bytes
    };
    let mut expected = Vec::new();
    expected.extend(part("Content-Disposition: form-data; name=\"title\"", b"Q3 report"));
    expected.extend(part("Content-Disposition: form-data; name=\"tags\"", b"a"));
    expected.extend(part("Content-Disposition: form-data; name=\"tags\"", b"b"));
    expected.extend(part(
        "Content-Disposition: form-data; name=\"file\"; filename=\"chart.png\"\r\nContent-Type: image/png",
        png,
    ));
    expected.extend(part(
        "Content-Disposition: form-data; name=\"attachments\"; filename=\"a.txt\"\r\nContent-Type: text/plain",
        b"hello",
    ));
    expected.extend(part(
        "Content-Disposition: form-data; name=\"attachments\"; filename=\"attachments\"\r\nContent-Type: application/octet-stream",
        &[0, 1, 2],
    ));
    expected.extend(part(
        "Content-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json",
        br#"{"status":"open"}"#,
    ));
    expected.extend(part(
        "Content-Disposition: form-data; name=\"notes\"\r\nContent-Type: text/markdown",
        b"# hi",
    ));
    expected.extend(format!("--{boundary}--\r\n").into_bytes());
    assert_eq!(
        String::from_utf8_lossy(&request.body),
        String::from_utf8_lossy(&expected)
    );
    assert_eq!(request.body, expected);
}

#[tokio::test]
async fn the_same_upload_gives_the_same_bytes() {
    let server =
        server_replying(ResponseTemplate::new(201).set_body_raw(r#"{"id":"F","size":1}"#, "application/json")).await;
    let client = client(&server);
    for _ in 0..2 {
        client
            .upload_file("t", vec![7u8])
            .send()
            .await
            .expect("the call succeeds");
    }
    let all = server.received_requests().await.expect("recording is on");
    assert_eq!(all[0].body, all[1].body);
    assert_eq!(header(&all[0], "content-type"), header(&all[1], "content-type"));
}

#[tokio::test]
async fn a_binary_body_goes_as_it_is_with_the_first_documented_type_or_the_callers() {
    let server = server_replying(ResponseTemplate::new(204)).await;
    let bytes: Vec<u8> = (0..=255).collect();
    let client = client(&server);
    client
        .put_raw_file(bytes.clone())
        .send()
        .await
        .expect("the call succeeds");
    client
        .put_raw_file(bytes.clone())
        .content_type("image/png")
        .send()
        .await
        .expect("the call succeeds");
    let all = server.received_requests().await.expect("recording is on");
    assert_eq!(all[0].body, bytes);
    assert_eq!(
        header(&all[0], "content-type").as_deref(),
        Some("application/octet-stream")
    );
    assert_eq!(all[1].body, bytes);
    assert_eq!(header(&all[1], "content-type").as_deref(), Some("image/png"));
}

#[tokio::test]
async fn a_text_body_is_sent_as_text_and_an_unset_optional_one_not_at_all() {
    let server = server_replying(ResponseTemplate::new(204)).await;
    let client = client(&server);
    client
        .put_note()
        .body("héllo\nworld")
        .send()
        .await
        .expect("the call succeeds");
    client.put_note().send().await.expect("the call succeeds");
    let all = server.received_requests().await.expect("recording is on");
    assert_eq!(all[0].body, "héllo\nworld".as_bytes());
    assert_eq!(header(&all[0], "content-type").as_deref(), Some("text/plain"));
    assert!(all[1].body.is_empty());
    assert_eq!(header(&all[1], "content-type"), None);
}

#[tokio::test]
async fn json_is_chosen_over_a_form() {
    let server = server_replying(ResponseTemplate::new(204)).await;
    let filter = Filter {
        status: Some("x".to_owned()),
        limit: Some(3),
    };
    client(&server)
        .create_with_choice(filter)
        .send()
        .await
        .expect("the call succeeds");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "content-type").as_deref(), Some("application/json"));
    assert_eq!(request.body, br#"{"status":"x","limit":3}"#);
}

#[tokio::test]
async fn a_binary_result_is_the_bytes_with_the_reply_headers_at_hand() {
    let bytes: Vec<u8> = (0..=255).rev().collect();
    let reply = ResponseTemplate::new(200)
        .set_body_raw(bytes.clone(), "application/octet-stream")
        .insert_header("X-Checksum", "abc123");
    let server = server_replying(reply).await;
    let response = client(&server)
        .download_file("F1")
        .send_with_metadata()
        .await
        .expect("the call succeeds");
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.header("x-checksum"), Some("abc123"));
    assert_eq!(response.value(), &bytes);
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/files/F1");
    assert_eq!(
        header(&request, "accept").as_deref(),
        Some("application/octet-stream, image/png")
    );
}

#[tokio::test]
async fn a_binary_result_streams_in_chunks() {
    let bytes: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
    let server = server_replying(ResponseTemplate::new(200).set_body_raw(bytes.clone(), "image/png")).await;
    let mut stream = client(&server)
        .download_file("F2")
        .send_stream()
        .await
        .expect("the call succeeds");
    assert_eq!(stream.status().as_u16(), 200);
    let mut received = Vec::new();
    while let Some(chunk) = stream.chunk().await.expect("the body reads") {
        received.extend_from_slice(&chunk);
    }
    assert_eq!(received, bytes);
    assert_eq!(stream.chunk().await.expect("the end stays the end"), None);
}

#[tokio::test]
async fn a_text_result_is_a_string() {
    let server = server_replying(ResponseTemplate::new(200).set_body_raw("id,size\nF1,4\n", "text/csv")).await;
    let text = client(&server)
        .read_file_text("F1")
        .send()
        .await
        .expect("the call succeeds");
    assert_eq!(text, "id,size\nF1,4\n");
    assert_eq!(
        header(&only_request(&server).await, "accept").as_deref(),
        Some("text/csv")
    );
}

#[tokio::test]
async fn a_json_result_beside_a_bodiless_304_is_an_option() {
    let server = server_replying(
        ResponseTemplate::new(200)
            .set_body_raw(r#"{"id":"F1","size":9,"name":"a.png"}"#, "application/json")
            .insert_header("ETag", "\"v1\"")
            .insert_header("X-RateLimit-Remaining", "41"),
    )
    .await;
    let response = client(&server)
        .read_file_info("F1")
        .send_with_metadata()
        .await
        .expect("the call succeeds");
    let info = response.value().as_ref().expect("a 200 carries the info");
    assert_eq!(
        (info.id.as_str(), info.size, info.name.as_deref()),
        ("F1", 9, Some("a.png"))
    );
    assert_eq!(response.header("etag"), Some("\"v1\""));
    assert_eq!(response.header("x-ratelimit-remaining"), Some("41"));
    let debug = format!("{response:?}");
    assert!(
        debug.contains("\"etag\"") && !debug.contains("v1"),
        "header values stay out of Debug: {debug}"
    );

    let not_modified = server_replying(ResponseTemplate::new(304).insert_header("ETag", "\"v1\"")).await;
    let info = client(&not_modified)
        .read_file_info("F1")
        .if_none_match("\"v1\"")
        .send()
        .await
        .expect("a 304 is a result");
    assert_eq!(info, None);
    assert_eq!(
        header(&only_request(&not_modified).await, "if-none-match").as_deref(),
        Some("\"v1\"")
    );
}

#[tokio::test]
async fn a_reply_that_is_not_the_documented_type_is_a_typed_error() {
    let server = server_replying(
        ResponseTemplate::new(200).set_body_raw("<html><body>Gateway</body></html>", "text/html; charset=utf-8"),
    )
    .await;
    let error = client(&server)
        .read_file_info("F1")
        .send()
        .await
        .expect_err("HTML is not the info");
    assert_eq!(
        error.to_string(),
        "the 200 OK reply is `text/html; charset=utf-8`, not the `application/json` the operation documents"
    );
    assert!(matches!(
        &error,
        Error::UnexpectedContentType { status, content_type, expected: "application/json", .. }
            if status.as_u16() == 200 && content_type == "text/html; charset=utf-8"
    ));
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
}

#[tokio::test]
async fn json_in_a_reply_labelled_otherwise_still_decodes() {
    let server =
        server_replying(ResponseTemplate::new(200).set_body_raw(r#"{"id":"F1","size":1}"#, "text/plain")).await;
    let info = client(&server)
        .read_file_info("F1")
        .send()
        .await
        .expect("the body is the info");
    assert_eq!(info.map(|i| i.size), Some(1));
}

#[test]
fn a_file_prints_without_its_bytes() {
    let file = File::new(b"secret-bytes".to_vec()).file_name("k.pem");
    assert_eq!(
        format!("{file:?}"),
        "File { file_name: Some(\"k.pem\"), content_type: None, len: 12 }"
    );
}
