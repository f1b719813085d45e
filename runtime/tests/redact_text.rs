//! What errors keep of replies (`runtime::redact_text`): the values of secret keys masked as
//! `[redacted]` in JSON, in JSON cut short or broken, in forms, URLs and plain text, and in the
//! messages serde_json writes about them. Exact outputs, so a change of shape shows.
//!
//! The runtime crate's stand-in `SECRET_FIELDS` is the fixture document's, `["owner_phone"]`;
//! `ALWAYS_SECRET` adds the OAuth names.

use std::collections::BTreeMap;

use client_runtime::runtime::http::Reply;
use client_runtime::runtime::redact_text::{body, is_secret_key, message, text, url, ALWAYS_SECRET};
use client_runtime::Error;

/// The masked text of a body, and the secrets found in it.
fn scrub(source: &str) -> (String, Vec<String>) {
    let scrubbed = body(source);
    (scrubbed.text, scrubbed.secrets)
}

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| (*v).to_owned()).collect()
}

#[test]
fn secret_keys_are_the_documents_and_the_oauth_names_in_any_spelling() {
    assert_eq!(client_runtime::SECRET_FIELDS, ["owner_phone"]);
    for name in ALWAYS_SECRET {
        assert!(is_secret_key(name), "{name}");
    }
    for key in [
        "access_token",
        "AccessToken",
        "ACCESS-TOKEN",
        "refresh_token",
        "id_token",
        "client_secret",
        "ClientSecret",
        "password",
        "Password",
        "owner_phone",
        "OwnerPhone",
        "token",
        "Secret",
    ] {
        assert!(is_secret_key(key), "{key} is secret");
    }
    for key in [
        "token_type",
        "expires_in",
        "code",
        "message",
        "",
        "_",
        "access",
        "tokens",
    ] {
        assert!(!is_secret_key(key), "{key} is not secret");
    }
}

/// The stand-in constant is the fixture document's, as the generator prints it.
#[test]
fn the_stand_in_secret_fields_are_the_fixture_documents() {
    let lib = include_str!("../../generated-fixture/src/lib.rs");
    let start = lib
        .find("pub const SECRET_FIELDS: &[&str] = &[")
        .expect("the fixture's lib.rs has SECRET_FIELDS");
    let list = &lib[start..start + lib[start..].find("];").unwrap()];
    let names: Vec<&str> = list.split('"').skip(1).step_by(2).collect();
    assert_eq!(names, client_runtime::SECRET_FIELDS);
}

#[test]
fn json_keeps_its_layout_and_masks_every_secret_value() {
    let (masked, secrets) = scrub(
        r#"{"token_type":"bearer","access_token":"AT-1","expires_in":3600,"refresh_token":"RT-2","id_token":"IT-3"}"#,
    );
    assert_eq!(
        masked,
        r#"{"token_type":"bearer","access_token":"[redacted]","expires_in":3600,"refresh_token":"[redacted]","id_token":"[redacted]"}"#
    );
    assert_eq!(secrets, strings(&["AT-1", "RT-2", "IT-3"]));

    let (masked, _) = scrub("{ \"Password\" :\n  \"hunter2\" ,\n \"b\": 1, \"a\": 2 }\n");
    assert_eq!(masked, "{ \"Password\" :\n  \"[redacted]\" ,\n \"b\": 1, \"a\": 2 }\n");
}

#[test]
fn json_without_secrets_is_kept_as_it_came() {
    for source in [
        r#"{"b":1,"a":{"c":[1,2.50,"x"]}}"#,
        r#"{"code":20404,"message":"Not found","more_info":"https://www.twilio.com/docs/errors/20404","status":404}"#,
        r#""just a string""#,
        "[]",
    ] {
        assert_eq!(scrub(source), (source.to_owned(), Vec::new()));
    }
}

#[test]
fn json_secrets_are_masked_at_any_depth() {
    let (masked, secrets) =
        scrub(r#"{"data":[{"id_token":"IT-1"},{"owner":{"owner_phone":"+15551234567","name":"Ada"}}]}"#);
    assert_eq!(
        masked,
        r#"{"data":[{"id_token":"[redacted]"},{"owner":{"owner_phone":"[redacted]","name":"Ada"}}]}"#
    );
    assert_eq!(secrets, strings(&["IT-1", "+15551234567"]));
}

/// Arrays and objects under a secret key are masked whole; numbers, booleans and null are no
/// secrets (the generator marks only fields that can hold text).
#[test]
fn json_values_that_can_hold_text_are_masked_and_others_kept() {
    let (masked, secrets) = scrub(
        r#"{"client_secret":["CS-1","CS-2"],"password":{"old":"PW-1"},"access_token":5,"id_token":null,"refresh_token":true}"#,
    );
    assert_eq!(
        masked,
        r#"{"client_secret":"[redacted]","password":"[redacted]","access_token":5,"id_token":null,"refresh_token":true}"#
    );
    assert_eq!(secrets, strings(&["CS-1", "CS-2", "PW-1"]));
}

#[test]
fn json_keys_are_read_unescaped() {
    let (masked, secrets) = scrub(r#"{"access\u005ftoken":"AT-1"}"#);
    assert_eq!(masked, r#"{"access\u005ftoken":"[redacted]"}"#);
    assert_eq!(secrets, strings(&["AT-1"]));
}

/// A message (or JSON, escaped) inside a string is text too.
#[test]
fn json_strings_are_read_as_text() {
    let (masked, secrets) = scrub(
        r#"{"error":"invalid_grant","error_description":"refresh_token=RT-1 expired","detail":"{\"access_token\":\"AT-2\"}"}"#,
    );
    assert_eq!(
        masked,
        r#"{"error":"invalid_grant","error_description":"refresh_token=[redacted] expired","detail":"{\"access_token\":\"[redacted]\"}"}"#
    );
    assert_eq!(secrets, strings(&["RT-1", "AT-2"]));
}

#[test]
fn truncated_json_is_masked_to_the_end() {
    assert_eq!(
        scrub(r#"{"access_token": "ab"#),
        (r#"{"access_token": "[redacted]"#.to_owned(), strings(&["ab"]))
    );
    assert_eq!(
        scrub(r#"{"access_token":"AT-1","refresh_token":"RT-2","id_tok"#).0,
        r#"{"access_token":"[redacted]","refresh_token":"[redacted]","id_tok"#
    );
    assert_eq!(scrub(r#"{"access_token":"#).0, r#"{"access_token":"#);
    assert_eq!(
        scrub(r#"{"password": {"a": "b, c", "d": "#),
        (r#"{"password": [redacted]"#.to_owned(), strings(&["b, c"]))
    );
    assert_eq!(
        scrub(r#"{"x": 1, "access_token": "a\"b", "y"#),
        (
            r#"{"x": 1, "access_token": "[redacted]", "y"#.to_owned(),
            strings(&["a\"b"])
        )
    );
}

#[test]
fn broken_json_is_masked_lexically() {
    assert_eq!(
        scrub(r#"{"id_token": eyJhbGciOi.x.y, "expires_in": 5}"#),
        (
            r#"{"id_token": [redacted], "expires_in": 5}"#.to_owned(),
            strings(&["eyJhbGciOi.x.y"])
        )
    );
    // An unbalanced quote earlier does not hide the keys after it.
    assert_eq!(
        scrub(r#"{"a": "x"y", "refresh_token": "RT-1"}"#).0,
        r#"{"a": "x"y", "refresh_token": "[redacted]"}"#
    );
    // Python's repr, as some servers print their errors.
    assert_eq!(
        scrub("{'access_token': 'AT-1', 'x': 1"),
        ("{'access_token': '[redacted]', 'x': 1".to_owned(), strings(&["AT-1"]))
    );
    assert_eq!(
        scrub(r#"{"access_token": 12345, "x"#).0,
        r#"{"access_token": 12345, "x"#
    );
}

#[test]
fn form_bodies_have_their_secret_values_masked() {
    let (masked, secrets) = scrub(
        "error=invalid_client&client_secret=CS-1&ClientSecret=CS%2D2&client%5Fsecret=CS-3&grant_type=refresh_token&state=xyz",
    );
    assert_eq!(
        masked,
        "error=invalid_client&client_secret=[redacted]&ClientSecret=[redacted]&client%5Fsecret=[redacted]&grant_type=refresh_token&state=xyz"
    );
    assert_eq!(secrets, strings(&["CS-1", "CS%2D2", "CS-3"]));
    assert_eq!(
        scrub("grant_type=refresh_token&refresh_token=RT-").0,
        "grant_type=refresh_token&refresh_token=[redacted]"
    );
    assert_eq!(scrub("password=&user=bob").0, "password=&user=bob");
}

#[test]
fn plain_text_and_html_have_their_secret_values_masked() {
    assert_eq!(
        text("<p>Invalid password: hunter2</p>").text,
        "<p>Invalid password: [redacted]</p>"
    );
    assert_eq!(
        text("https://app.example.com/cb?state=s#access_token=AT-1&token_type=bearer").text,
        "https://app.example.com/cb?state=s#access_token=[redacted]&token_type=bearer"
    );
    assert_eq!(text("no secrets here: none").text, "no secrets here: none");
}

#[test]
fn urls_have_their_secret_query_and_fragment_values_masked() {
    let mut address =
        reqwest::Url::parse("https://api.example.com/v1/x?access_token=AT-1&page=2#id_token=IT-2").unwrap();
    url(&mut address);
    assert_eq!(
        address.as_str(),
        "https://api.example.com/v1/x?access_token=[redacted]&page=2#id_token=[redacted]"
    );
}

#[test]
fn messages_have_the_bodys_secrets_masked() {
    let secrets = strings(&["AT-1", "ab", "a\"b\\c", "eyJhbGciOi"]);
    assert_eq!(
        message(r#"invalid type: string "AT-1", expected a sequence"#, &secrets),
        r#"invalid type: string "[redacted]", expected a sequence"#
    );
    // A short secret only where it is quoted whole: "ab" stays in "about".
    assert_eq!(
        message(r#"invalid value: string "ab", expected about"#, &secrets),
        r#"invalid value: string "[redacted]", expected about"#
    );
    assert_eq!(
        message("unknown variant `ab`, expected `x`", &secrets),
        "unknown variant `[redacted]`, expected `x`"
    );
    assert_eq!(
        message(r#"invalid type: string "a\"b\\c", expected u64"#, &secrets),
        r#"invalid type: string "[redacted]", expected u64"#
    );
    // Unquoted, only secrets of eight characters or more: "AT-1" could be part of anything.
    assert_eq!(
        message("no alternative of Thing matches: AT-1-and-more", &secrets),
        "no alternative of Thing matches: AT-1-and-more"
    );
    assert_eq!(
        message("no alternative of Thing matches: eyJhbGciOi-and-more", &secrets),
        "no alternative of Thing matches: [redacted]-and-more"
    );
    assert_eq!(
        message("invalid type: integer `5`, expected a string", &secrets),
        "invalid type: integer `5`, expected a string"
    );
}

/// The decode error a reply gets: its Display keeps serde_json's form, with the secret it quotes
/// masked, and its body is masked.
#[test]
fn decode_errors_keep_the_masked_body_and_message() {
    let reply = Reply::new(
        reqwest::StatusCode::OK,
        br#"{"owner_phone":"+15551234567","name":"Ada"}"#.to_vec(),
    );
    let err = reply.json::<BTreeMap<String, Vec<String>>>().unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"the 200 OK reply could not be decoded: invalid type: string "[redacted]", expected a sequence at line 1 column 29"#
    );
    let Error::Decode { source, body, .. } = &err else {
        panic!("expected Error::Decode, got {err:?}")
    };
    assert_eq!(body, r#"{"owner_phone":"[redacted]","name":"Ada"}"#);
    assert_eq!((source.line(), source.column(), source.is_data()), (1, 29, true));
    assert_eq!(
        source.message(),
        r#"invalid type: string "[redacted]", expected a sequence"#
    );
    let debug = format!("{err:?}");
    assert!(!debug.contains("5551234567"), "{debug}");
}

#[test]
fn decode_errors_of_truncated_and_deep_replies_keep_their_form() {
    let truncated = Reply::new(reqwest::StatusCode::CREATED, br#"{"access_token":"AT-1"#.to_vec());
    let err = truncated.json::<serde_json::Value>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "the 201 Created reply could not be decoded: EOF while parsing a string at line 1 column 21"
    );
    assert!(
        matches!(&err, Error::Decode { body, source, .. } if body == r#"{"access_token":"[redacted]"# && source.is_eof())
    );

    let deep = Reply::new(
        reqwest::StatusCode::OK,
        format!(r#"{{"password":"PW-1","x":{}{}}}"#, "[".repeat(300), "]".repeat(300)).into_bytes(),
    );
    let err = deep.json::<serde_json::Value>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "the 200 OK reply could not be decoded: the reply nests arrays and objects more than 256 deep"
    );
    assert!(matches!(&err, Error::Decode { body, .. } if body.starts_with(r#"{"password":"[redacted]","x":[[["#)));
}

/// A body over the limit is read whole for its secrets; the error keeps its first 64 KiB, masked.
#[test]
fn long_bodies_are_masked_before_they_are_cut() {
    let padding = "x".repeat(70 * 1024);
    let reply = Reply::new(
        reqwest::StatusCode::OK,
        format!(r#"{{"access_token":"AT-1","padding":"{padding}","id_token":"IT-2"}}"#).into_bytes(),
    );
    let err = reply.json::<Vec<String>>().unwrap_err();
    let Error::Decode { body, .. } = &err else {
        panic!("expected Error::Decode, got {err:?}")
    };
    let limit = client_runtime::ApiError::BODY_LIMIT;
    let kept = body
        .strip_prefix(r#"{"access_token":"[redacted]","padding":""#)
        .expect("the token is masked");
    assert_eq!(kept, &padding[..limit - r#"{"access_token":"AT-1","padding":""#.len()]);
}

/// A secret found under a secret key is masked wherever else the body holds it (four characters
/// or more), escaped or not.
#[test]
fn secrets_are_masked_wherever_else_the_body_holds_them() {
    let (masked, _) = scrub(r#"{"message":"Refresh token RT-1/2 \"x\" expired","refresh_token":"RT-1/2 \"x\""}"#);
    assert_eq!(
        masked,
        r#"{"message":"Refresh token [redacted] expired","refresh_token":"[redacted]"}"#
    );
    let (masked, _) = scrub("refresh_token=RT-12345&error=RT-12345+expired&n=RT");
    assert_eq!(masked, "refresh_token=[redacted]&error=[redacted]+expired&n=RT");
}

#[tokio::test]
async fn transport_errors_print_their_url_masked() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/v1/x?access_token=AT-1&page=2");
    let err = Error::from(reqwest::Client::new().get(&url).send().await.unwrap_err());
    let masked = format!("http://127.0.0.1:{port}/v1/x?access_token=[redacted]&page=2");
    for text in [err.to_string(), format!("{err:?}")] {
        assert!(text.contains(&masked) && !text.contains("AT-1"), "{text}");
    }
}
