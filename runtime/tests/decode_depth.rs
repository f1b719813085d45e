//! How deep a reply may nest: the client's own limit, checked before decoding, in place of
//! serde_json's 128, so recursive models decode at real depths and no reply exhausts the stack.

use client_runtime::runtime::http::{decode, MAX_DEPTH};
use serde_json::Value;

fn nested(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

#[test]
fn replies_nested_up_to_the_limit_decode() {
    assert_eq!(MAX_DEPTH, 256);
    let value: Value = decode(nested(MAX_DEPTH).as_bytes()).expect("256 levels decode");
    let mut depth = 0;
    let mut current = &value;
    while let Some(inner) = current.as_array().and_then(|items| items.first()) {
        depth += 1;
        current = inner;
    }
    assert_eq!(depth, MAX_DEPTH - 1);
}

#[test]
fn replies_nested_deeper_are_refused_before_decoding() {
    let error = decode::<Value>(nested(MAX_DEPTH + 1).as_bytes()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the reply nests arrays and objects more than 256 deep"
    );
    // Far deeper than any stack could take, refused all the same.
    let error = decode::<Value>(nested(1_000_000).as_bytes()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the reply nests arrays and objects more than 256 deep"
    );
}

#[test]
fn brackets_inside_strings_do_not_count() {
    let text = format!("{{\"a\": \"{}\\\"{}\"}}", "[".repeat(1000), "{".repeat(1000));
    let value: Value = decode(text.as_bytes()).expect("one object");
    assert_eq!(value["a"].as_str().map(str::len), Some(2001));
}

#[test]
fn trailing_text_is_an_error() {
    let error = decode::<Value>(b"{} {}").unwrap_err();
    assert_eq!(error.to_string(), "trailing characters at line 1 column 4");
}
