//! `multipart/form-data` bodies (`runtime::multipart`), asserted byte for byte.
use std::collections::BTreeMap;

use client_runtime::runtime::multipart::{boundary_for, File, Multipart};
use client_runtime::Error;
use serde_json::json;

fn s(text: &str) -> String {
    text.to_owned()
}

/// The boundary and body of the parts `build` adds, checking the Content-Type names that boundary.
fn encode(build: impl FnOnce(&mut Multipart)) -> (String, Vec<u8>) {
    let mut multipart = Multipart::new();
    build(&mut multipart);
    let (content_type, body) = multipart.finish();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .expect("a multipart content type")
        .to_owned();
    assert!(boundary.starts_with("boundary-") && boundary.len() == 25, "{boundary}");
    (boundary, body)
}

/// The body of the parts `build` adds, as text, with its boundary written `{b}`.
fn body(build: impl FnOnce(&mut Multipart)) -> String {
    let (boundary, body) = encode(build);
    String::from_utf8(body).expect("a UTF-8 body").replace(&boundary, "{b}")
}

/// FNV-1a 64, written out again so the boundary's definition is pinned independently.
fn fnv1a(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf29ce484222325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    });
    format!("boundary-{hash:016x}")
}

#[test]
fn an_empty_body_is_only_the_closing_delimiter() {
    let (boundary, body) = encode(|_| {});
    assert_eq!(boundary, "boundary-cbf29ce484222325");
    assert_eq!(body, b"--boundary-cbf29ce484222325--\r\n");
    assert_eq!(Multipart::default().finish().1, body);
}

#[test]
fn text_fields_in_the_order_added_unset_ones_absent() {
    let body = body(|m| {
        m.text("To", &s("+15005550006"), None);
        m.text_opt("Unset", &None::<String>, None);
        m.text_opt("Attempt", &Some(2i32), None);
        m.text_each("Tag", &[s("a"), s("b")], None);
        m.text("Csv", &s("x,y"), Some("text/csv"));
    });
    assert_eq!(
        body,
        "--{b}\r\nContent-Disposition: form-data; name=\"To\"\r\n\r\n+15005550006\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"Attempt\"\r\n\r\n2\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"Tag\"\r\n\r\na\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"Tag\"\r\n\r\nb\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"Csv\"\r\nContent-Type: text/csv\r\n\r\nx,y\r\n\
         --{b}--\r\n"
    );
}

#[test]
fn file_parts_always_have_a_filename_and_a_content_type() {
    let body = body(|m| {
        m.file(
            "Photo",
            &File::new(*b"png").file_name("a.png").content_type("image/png"),
            None,
        );
        m.file("Raw", &File::from(&b"raw"[..]), None);
        m.file("Doc", &File::from(b"pdf".to_vec()), Some("application/pdf"));
        m.file(
            "Own",
            &File::from(*b"txt").content_type("text/plain"),
            Some("application/pdf"),
        );
        m.file_opt("Unset", &None, None);
        m.file_each("Many", &[File::new(*b"1"), File::new(*b"2").file_name("two")], None);
    });
    let part = |name: &str, file_name: &str, content_type: &str, content: &str| {
        format!(
            "--{{b}}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\n\
             Content-Type: {content_type}\r\n\r\n{content}\r\n"
        )
    };
    let expected = [
        part("Photo", "a.png", "image/png", "png"),
        part("Raw", "Raw", "application/octet-stream", "raw"),
        part("Doc", "Doc", "application/pdf", "pdf"),
        part("Own", "Own", "text/plain", "txt"),
        part("Many", "Many", "application/octet-stream", "1"),
        part("Many", "two", "application/octet-stream", "2"),
    ]
    .concat()
        + "--{b}--\r\n";
    assert_eq!(body, expected);
}

#[test]
fn file_bytes_are_sent_as_they_are() {
    let bytes = [0u8, 0xff, b'\r', b'\n', 0x80];
    let (boundary, body) = encode(|m| m.file_opt("Bin", &Some(File::from(bytes)), None));
    let mut expected = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"Bin\"; filename=\"Bin\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    expected.extend_from_slice(&bytes);
    expected.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    assert_eq!(body, expected);
    assert_eq!(File::from(bytes).bytes(), &bytes);
}

#[test]
fn json_parts_are_application_json_unless_the_document_says_otherwise() {
    let body = body(|m| {
        m.json("Meta", &json!({"a": [1, "x"]}), None).unwrap();
        m.json_opt("Unset", &None::<serde_json::Value>, None).unwrap();
        m.json_opt("Ld", &Some(json!([true])), Some("application/ld+json"))
            .unwrap();
    });
    assert_eq!(
        body,
        "--{b}\r\nContent-Disposition: form-data; name=\"Meta\"\r\nContent-Type: application/json\r\n\r\n\
         {\"a\":[1,\"x\"]}\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"Ld\"\r\nContent-Type: application/ld+json\r\n\r\n\
         [true]\r\n\
         --{b}--\r\n"
    );
}

#[test]
fn a_value_json_cannot_encode_is_an_invalid_request() {
    let mut multipart = Multipart::new();
    let map = BTreeMap::from([(vec![1u8], 1)]);
    match multipart.json("Map", &map, None) {
        Err(Error::InvalidRequest(why)) => {
            assert!(
                why.starts_with("multipart field `Map` could not be encoded as JSON: "),
                "{why}"
            )
        }
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
    assert_eq!(multipart.finish().1, Multipart::new().finish().1, "nothing was added");
}

#[test]
fn names_escape_quotes_and_line_breaks_and_keep_other_characters() {
    let body = body(|m| {
        m.text("say \"hi\"\r\nX: y", &s("v"), None);
        m.file("f", &File::new(*b"x").file_name("a\"b\nc é.txt"), None);
    });
    assert_eq!(
        body,
        "--{b}\r\nContent-Disposition: form-data; name=\"say %22hi%22%0D%0AX: y\"\r\n\r\nv\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a%22b%0Ac é.txt\"\r\n\
         Content-Type: application/octet-stream\r\n\r\nx\r\n\
         --{b}--\r\n"
    );
}

#[test]
fn content_types_cannot_add_headers() {
    let body = body(|m| {
        m.text("t", &s("v"), Some("text/csv\r\nX-Injected: 1"));
        m.file("f", &File::new(*b"x").content_type("image/png\nX-Injected: 2"), None);
        m.json("j", &1, Some("application/json\r\n\r\nbody")).unwrap();
    });
    assert_eq!(
        body,
        "--{b}\r\nContent-Disposition: form-data; name=\"t\"\r\nContent-Type: text/csvX-Injected: 1\r\n\r\nv\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f\"\r\n\
         Content-Type: image/pngX-Injected: 2\r\n\r\nx\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"j\"\r\nContent-Type: application/jsonbody\r\n\r\n1\r\n\
         --{b}--\r\n"
    );
}

#[test]
fn the_boundary_is_the_same_for_the_same_parts_and_differs_for_others() {
    let build = |value: &str| encode(|m| m.text("a", &s(value), None)).0;
    assert_eq!(build("1"), build("1"));
    assert_ne!(build("1"), build("2"));
    let file = |name: &str| encode(|m| m.file("a", &File::new(*b"x").file_name(name), None)).0;
    assert_eq!(file("x"), file("x"));
    assert_ne!(file("x"), file("y"));
}

#[test]
fn the_boundary_is_the_fnv1a_hash_of_the_parts_headers_and_contents() {
    let (boundary, _) = encode(|m| {
        m.text("a", &s("1"), None);
        m.file("f", &File::new(*b"xy"), None);
    });
    let head_a = "Content-Disposition: form-data; name=\"a\"\r\n\r\n";
    let head_f = "Content-Disposition: form-data; name=\"f\"; filename=\"f\"\r\n\
                  Content-Type: application/octet-stream\r\n\r\n";
    assert_eq!(boundary, fnv1a(format!("{head_a}1{head_f}xy").as_bytes()));
    let chunks: [&[u8]; 4] = [head_a.as_bytes(), b"1", head_f.as_bytes(), b"xy"];
    assert_eq!(boundary, boundary_for(&chunks, &chunks));
}

#[test]
fn content_holding_the_first_boundary_forces_another() {
    let first = boundary_for(&[b"parts"], &[]);
    assert_eq!(first, fnv1a(b"parts"));
    let content = format!("before --{first} after");
    let second = boundary_for(&[b"parts"], &[b"unrelated", content.as_bytes()]);
    assert_eq!(second, fnv1a(b"parts1"), "hashed again with the counter 1 appended");
    let held = format!("{first}{second}");
    let third = boundary_for(&[b"parts"], &[held.as_bytes()]);
    assert_eq!(third, fnv1a(b"parts2"));
    assert_eq!(
        boundary_for(&[b"parts"], &[b"boundary-"]),
        first,
        "a prefix alone is no clash"
    );
}

#[test]
fn file_debug_shows_no_bytes() {
    let file = File::new(*b"secret")
        .file_name("key.pem")
        .content_type("application/x-pem-file");
    assert_eq!(
        format!("{file:?}"),
        "File { file_name: Some(\"key.pem\"), content_type: Some(\"application/x-pem-file\"), len: 6 }"
    );
    assert_eq!(
        format!("{:?}", File::new(Vec::new())),
        "File { file_name: None, content_type: None, len: 0 }"
    );
    assert_eq!(file.clone(), file);
}
