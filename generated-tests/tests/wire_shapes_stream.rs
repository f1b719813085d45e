//! A 50 MB download read as a stream: every byte arrives, in order, while the client holds no more
//! than a chunk. Alone in its test binary, so the process's memory is this test's.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wire_shapes::Client;

const SIZE: usize = 50 * 1024 * 1024;
const CHUNK: usize = 64 * 1024;

/// The byte at `offset` of the download: a pattern, so order and completeness can be checked
/// without keeping the body.
fn byte_at(offset: usize) -> u8 {
    (offset % 251) as u8
}

/// Serves one request with a `SIZE`-byte body written chunk by chunk (never held whole).
async fn serve_once(listener: TcpListener) {
    let (mut socket, _) = listener.accept().await.expect("a connection");
    let mut request = Vec::new();
    let mut buffer = [0u8; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        let read = socket.read(&mut buffer).await.expect("the request");
        assert!(read > 0, "the client closed before its request ended");
        request.extend_from_slice(&buffer[..read]);
    }
    let head = format!("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {SIZE}\r\n\r\n");
    socket.write_all(head.as_bytes()).await.expect("the head");
    let mut chunk = vec![0u8; CHUNK];
    let mut offset = 0;
    while offset < SIZE {
        let len = CHUNK.min(SIZE - offset);
        for (i, byte) in chunk[..len].iter_mut().enumerate() {
            *byte = byte_at(offset + i);
        }
        socket.write_all(&chunk[..len]).await.expect("a chunk");
        offset += len;
    }
    socket.shutdown().await.expect("the end");
}

/// The process's resident memory, in bytes (Linux: `/proc/self/statm`, in pages of 4 KiB).
#[cfg(target_os = "linux")]
fn resident_bytes() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").expect("/proc/self/statm");
    let pages: usize = statm
        .split_whitespace()
        .nth(1)
        .expect("resident pages")
        .parse()
        .expect("a number");
    pages * 4096
}

#[tokio::test]
async fn a_50_mb_download_streams_with_memory_that_does_not_grow_with_it() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let address = listener.local_addr().expect("its address");
    let server = tokio::spawn(serve_once(listener));
    // A whole-body read would refuse anything over 1 MiB: streaming does not read it whole.
    let client = Client::builder()
        .base_url(format!("http://{address}"))
        .max_body(1024 * 1024)
        .build()
        .expect("the client builds");
    let mut stream = client
        .download_file("big")
        .send_stream()
        .await
        .expect("the reply begins");
    #[cfg(target_os = "linux")]
    let before = resident_bytes();
    let mut received = 0usize;
    let mut largest_chunk = 0usize;
    while let Some(chunk) = stream.chunk().await.expect("the body reads") {
        for (i, byte) in chunk.iter().enumerate() {
            assert_eq!(*byte, byte_at(received + i), "byte {}", received + i);
        }
        received += chunk.len();
        largest_chunk = largest_chunk.max(chunk.len());
    }
    assert_eq!(received, SIZE);
    assert!(largest_chunk <= 1024 * 1024, "chunks stay small: {largest_chunk}");
    #[cfg(target_os = "linux")]
    {
        let grown = resident_bytes().saturating_sub(before);
        assert!(
            grown < 16 * 1024 * 1024,
            "memory grew by {grown} bytes for a {SIZE}-byte download"
        );
    }
    server.await.expect("the server finished");
}
