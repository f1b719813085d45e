//! Inputs on the wire: form and query pairs (`runtime::params`), path segments (`runtime::path`) and
//! dates as inputs (`runtime::date_params`), asserted byte for byte.
use client_runtime::datetime::{Date, Timestamp};
use client_runtime::runtime::params::{Pairs, ParamValue};
use client_runtime::runtime::path::segment;
use serde_json::json;

fn s(text: &str) -> String {
    text.to_owned()
}

/// The pairs `build` pushes, encoded.
fn encode(build: impl FnOnce(&mut Pairs)) -> String {
    let mut pairs = Pairs::new();
    build(&mut pairs);
    pairs.finish()
}

#[test]
fn no_pairs_encode_as_nothing() {
    assert_eq!(Pairs::new().finish(), "");
    assert_eq!(Pairs::default().finish(), "");
}

#[test]
fn push_keeps_the_order_pushed() {
    let encoded = encode(|p| {
        p.push("To", &s("+15005550006"));
        p.push("Body", &s("Hello"));
        p.push("Attempt", &2i32);
        p.push("Alpha", &true);
    });
    assert_eq!(encoded, "To=%2B15005550006&Body=Hello&Attempt=2&Alpha=true");
}

#[test]
fn push_opt_sends_only_what_is_set() {
    let encoded = encode(|p| {
        p.push_opt("Unset", &None::<String>);
        p.push_opt("Set", &Some(s("x")));
        p.push_opt("Empty", &Some(s("")));
        p.push_opt("Flag", &Some(false));
        p.push_opt("Count", &None::<i64>);
    });
    assert_eq!(encoded, "Set=x&Empty=&Flag=false");
    assert_eq!(encode(|p| p.push_opt("Unset", &None::<i32>)), "");
}

#[test]
fn push_each_repeats_the_key() {
    assert_eq!(
        encode(|p| p.push_each("Scopes", &[s("a"), s("b")])),
        "Scopes=a&Scopes=b"
    );
    assert_eq!(encode(|p| p.push_each("N", &[3i64, -1, 0])), "N=3&N=-1&N=0");
    // Each element escaped on its own, in order.
    assert_eq!(
        encode(|p| p.push_each("Tag", &[s("x y"), s("a&b"), s("")])),
        "Tag=x+y&Tag=a%26b&Tag="
    );
}

#[test]
fn push_joined_sends_one_comma_joined_pair() {
    // form_urlencoded escapes the comma: the server reads `Ids=a,b`.
    assert_eq!(encode(|p| p.push_joined("Ids", &[s("a"), s("b")])), "Ids=a%2Cb");
    assert_eq!(encode(|p| p.push_joined("Ids", &[s("only")])), "Ids=only");
    assert_eq!(encode(|p| p.push_joined("N", &[1i32, 2, 3])), "N=1%2C2%2C3");
    assert_eq!(encode(|p| p.push_joined("B", &[true, false])), "B=true%2Cfalse");
    // A comma inside an element is not told apart from the separator (as with any `explode: false`
    // form array).
    assert_eq!(encode(|p| p.push_joined("Ids", &[s("a,b"), s("c")])), "Ids=a%2Cb%2Cc");
}

#[test]
fn empty_arrays_send_nothing() {
    assert_eq!(encode(|p| p.push_each::<String>("Scopes", &[])), "");
    assert_eq!(encode(|p| p.push_joined::<String>("Ids", &[])), "");
    let encoded = encode(|p| {
        p.push("A", &1i32);
        p.push_each::<i32>("Each", &[]);
        p.push_joined::<i32>("Joined", &[]);
        p.push("B", &2i32);
    });
    assert_eq!(encoded, "A=1&B=2");
}

#[test]
fn escaping_of_keys_and_values() {
    assert_eq!(encode(|p| p.push("Body", &s("hello world"))), "Body=hello+world");
    assert_eq!(encode(|p| p.push("Q", &s("a&b=c"))), "Q=a%26b%3Dc");
    assert_eq!(encode(|p| p.push("a b&c=d", &s("v"))), "a+b%26c%3Dd=v");
    assert_eq!(encode(|p| p.push("Plus", &s("1+1"))), "Plus=1%2B1");
    assert_eq!(encode(|p| p.push("Pct", &s("100%"))), "Pct=100%25");
    assert_eq!(encode(|p| p.push("Slash", &s("a/b?c#d"))), "Slash=a%2Fb%3Fc%23d");
    // Left as is: ASCII letters and digits and `*-._`; `~` is escaped by form encoding.
    assert_eq!(encode(|p| p.push("K", &s("Az09*-._~"))), "K=Az09*-._%7E");
    // Unicode as UTF-8 bytes, uppercase hex.
    assert_eq!(encode(|p| p.push("Name", &s("Zoë"))), "Name=Zo%C3%AB");
    assert_eq!(encode(|p| p.push("Emoji", &s("🙂"))), "Emoji=%F0%9F%99%82");
    assert_eq!(encode(|p| p.push("Line", &s("a\r\nb\tc"))), "Line=a%0D%0Ab%09c");
}

#[test]
fn scalars_as_params() {
    assert_eq!(true.to_param(), "true");
    assert_eq!(false.to_param(), "false");
    assert_eq!(0i32.to_param(), "0");
    assert_eq!(i32::MIN.to_param(), "-2147483648");
    assert_eq!(i64::MAX.to_param(), "9223372036854775807");
    assert_eq!(s("as is").to_param(), "as is");
}

#[test]
fn floats_use_rusts_shortest_display() {
    assert_eq!(1.5f64.to_param(), "1.5");
    // Whole numbers have no fraction, and Display never uses an exponent.
    assert_eq!(1.0f64.to_param(), "1");
    assert_eq!(0.0f64.to_param(), "0");
    assert_eq!((-0.0f64).to_param(), "-0");
    assert_eq!((-0.0025f64).to_param(), "-0.0025");
    assert_eq!(1e21f64.to_param(), "1000000000000000000000");
    assert_eq!(1e-7f64.to_param(), "0.0000001");
    assert_eq!((0.1f64 + 0.2).to_param(), "0.30000000000000004");
    assert_eq!(f64::NAN.to_param(), "NaN");
    assert_eq!(f64::INFINITY.to_param(), "inf");
    assert_eq!(encode(|p| p.push("Price", &-1.25f64)), "Price=-1.25");
    assert_eq!(
        encode(|p| p.push_joined("Ll", &[19.72f64, -155.09])),
        "Ll=19.72%2C-155.09"
    );
}

#[test]
fn json_values_strings_bare_everything_else_as_json_text() {
    assert_eq!(json!("plain text").to_param(), "plain text");
    assert_eq!(json!("say \"hi\"").to_param(), "say \"hi\"");
    assert_eq!(json!("").to_param(), "");
    assert_eq!(json!(null).to_param(), "null");
    assert_eq!(json!(true).to_param(), "true");
    assert_eq!(json!(42).to_param(), "42");
    assert_eq!(json!(-1.5).to_param(), "-1.5");
    assert_eq!(json!(["a", 1]).to_param(), r#"["a",1]"#);
    assert_eq!(json!({"a": 1, "b": "x"}).to_param(), r#"{"a":1,"b":"x"}"#);
    assert_eq!(json!({"s": "é\n"}).to_param(), "{\"s\":\"é\\n\"}");

    assert_eq!(encode(|p| p.push("V", &json!("a b"))), "V=a+b");
    assert_eq!(
        encode(|p| p.push("Attrs", &json!({"a": 1, "b": "x"}))),
        "Attrs=%7B%22a%22%3A1%2C%22b%22%3A%22x%22%7D"
    );
    assert_eq!(
        encode(|p| p.push_each("V", &[json!("x"), json!(1), json!(null)])),
        "V=x&V=1&V=null"
    );
    assert_eq!(encode(|p| p.push_opt("V", &Some(json!(["a"])))), "V=%5B%22a%22%5D");
}

#[test]
fn path_segments_that_would_address_another_resource_are_refused() {
    for value in ["", ".", ".."] {
        let error = segment(&s(value)).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "the request could not be built: path parameter `{value}` cannot be sent: as a path segment it would address another resource"
            )
        );
    }
    assert_eq!(segment(&s("...")).unwrap(), "...");
}

#[test]
fn path_segments_escape_everything_but_unreserved() {
    assert_eq!(segment(&s("AC123")).unwrap(), "AC123");
    assert_eq!(segment(&s("-._~")).unwrap(), "-._~");
    assert_eq!(segment(&s("a/b")).unwrap(), "a%2Fb");
    assert_eq!(segment(&s("a b")).unwrap(), "a%20b");
    assert_eq!(segment(&s("a+b")).unwrap(), "a%2Bb");
    assert_eq!(segment(&s("?#%&=;:@")).unwrap(), "%3F%23%25%26%3D%3B%3A%40");
    assert_eq!(segment(&s("..%2F")).unwrap(), "..%252F");
    assert_eq!(segment(&s("Zoë")).unwrap(), "Zo%C3%AB");
    assert_eq!(segment(&s("日本")).unwrap(), "%E6%97%A5%E6%9C%AC");
    assert_eq!(segment(&42i64).unwrap(), "42");
    assert_eq!(segment(&-1i32).unwrap(), "-1");
    assert_eq!(segment(&true).unwrap(), "true");
    assert_eq!(segment(&1.5f64).unwrap(), "1.5");
    assert_eq!(segment(&json!("a/b")).unwrap(), "a%2Fb");
    assert_eq!(segment(&json!({"k": 1})).unwrap(), "%7B%22k%22%3A1%7D");
}

#[test]
fn dates_as_inputs() {
    let noon = Timestamp::from_unix(1_706_702_400, 0).expect("in range");
    assert_eq!(noon.to_param(), "2024-01-31T12:00:00Z");
    let later = Timestamp::from_unix(1_706_702_400, 250_000_000).expect("in range");
    assert_eq!(later.to_param(), "2024-01-31T12:00:00.250Z");
    // Any offset is sent in UTC.
    let offset = Timestamp::parse("2024-01-31T12:00:00+05:30").expect("parses");
    assert_eq!(offset.to_param(), "2024-01-31T06:30:00Z");
    let rfc2822 = Timestamp::parse("Wed, 31 Jan 2024 12:00:00 +0000").expect("parses");
    assert_eq!(rfc2822.to_param(), "2024-01-31T12:00:00Z");

    let day = Date::new(2024, 1, 31).expect("a date");
    assert_eq!(day.to_param(), "2024-01-31");
    assert_eq!(Date::new(7, 3, 9).expect("a date").to_param(), "0007-03-09");

    let encoded = encode(|p| {
        p.push("StartTime>", &noon);
        p.push_opt("EndTime<", &Some(later));
        p.push_opt("Never", &None::<Timestamp>);
        p.push("Day", &day);
        p.push_each("Days", &[day, Date::new(2024, 2, 29).expect("a date")]);
    });
    assert_eq!(
        encoded,
        "StartTime%3E=2024-01-31T12%3A00%3A00Z&EndTime%3C=2024-01-31T12%3A00%3A00.250Z\
         &Day=2024-01-31&Days=2024-01-31&Days=2024-02-29"
    );
    assert_eq!(
        encode(|p| p.push_joined("Range", &[noon, later])),
        "Range=2024-01-31T12%3A00%3A00Z%2C2024-01-31T12%3A00%3A00.250Z"
    );
    assert_eq!(segment(&noon).unwrap(), "2024-01-31T12%3A00%3A00Z");
    assert_eq!(segment(&day).unwrap(), "2024-01-31");
}
