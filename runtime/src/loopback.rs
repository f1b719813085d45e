//! A loopback HTTP server for tests: it answers each connection with the next of a list of JSON
//! bodies and records what the client sent. The tests a generated crate gets (request examples,
//! pages) use it; generated crates carry it as `tests/loopback/mod.rs`.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// One request as the server received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// `GET /v1/Things?Page=2 HTTP/1.1`
    pub request_line: String,
    /// The header lines after the request line, as sent.
    pub headers: Vec<String>,
    pub body: Vec<u8>,
}

/// Serves `replies` on a loopback port, one connection each, in order, as `200 OK` JSON replies.
/// Returns the server's base URL and a task that ends with every request received.
pub async fn serve(replies: &'static [&'static str]) -> (String, JoinHandle<Vec<Received>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind a loopback port");
    let url = format!("http://{}", listener.local_addr().expect("the port's address"));
    let server = tokio::spawn(async move {
        let mut received = Vec::with_capacity(replies.len());
        for reply in replies {
            let (mut socket, _) = listener.accept().await.expect("the client connects");
            received.push(read_request(&mut socket).await);
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                reply.len()
            );
            socket.write_all(head.as_bytes()).await.expect("write the reply's head");
            socket
                .write_all(reply.as_bytes())
                .await
                .expect("write the reply's body");
        }
        received
    });
    (url, server)
}

/// Reads one request: the head, then as many body bytes as its `content-length` says.
async fn read_request(socket: &mut TcpStream) -> Received {
    let mut bytes = Vec::new();
    let mut buffer = [0u8; 8192];
    let (head_end, length) = loop {
        if let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&bytes[..end]).into_owned();
            break (end + 4, content_length(&head));
        }
        let read = socket.read(&mut buffer).await.expect("read the request");
        assert!(
            read > 0,
            "the client closed the connection before the end of the request's head"
        );
        bytes.extend_from_slice(&buffer[..read]);
    };
    while bytes.len() < head_end + length {
        let read = socket.read(&mut buffer).await.expect("read the request's body");
        assert!(
            read > 0,
            "the client closed the connection before the end of the request's body"
        );
        bytes.extend_from_slice(&buffer[..read]);
    }
    let head = String::from_utf8_lossy(&bytes[..head_end - 4]).into_owned();
    let mut lines = head.split("\r\n").map(str::to_owned);
    Received {
        request_line: lines.next().unwrap_or_default(),
        headers: lines.collect(),
        body: bytes[head_end..].to_vec(),
    }
}

fn content_length(head: &str) -> usize {
    head.split("\r\n")
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0)
}
