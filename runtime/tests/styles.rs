//! Parameter styles (`runtime::styles`) against the OpenAPI 3.0.3 style examples table, for `color`
//! as "blue", ["blue","black","brown"] and {"R":100,"G":200,"B":150}, asserted byte for byte.
use client_runtime::error::Error;
use client_runtime::runtime::styles::{cookie, header, path, query, Style, Value};
use serde_json::json;

fn s(text: &str) -> String {
    text.to_owned()
}

fn blue() -> Value {
    Value::primitive(&s("blue"))
}

fn colors() -> Value {
    Value::array(&[s("blue"), s("black"), s("brown")])
}

fn rgb() -> Value {
    Value::Object(vec![(s("R"), s("100")), (s("G"), s("200")), (s("B"), s("150"))])
}

fn empty() -> Value {
    Value::primitive(&s(""))
}

/// The query pieces as they go on the wire, joined with `&`.
fn q(value: &Value, style: Style, explode: bool) -> String {
    query("color", value, style, explode, false).unwrap().join("&")
}

fn refusal(result: Result<impl std::fmt::Debug, Error>) -> String {
    match result {
        Err(Error::InvalidRequest(why)) => why,
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
}

#[test]
fn matrix_rows() {
    let p = |value: &Value, explode| path("color", value, Style::Matrix, explode).unwrap();
    assert_eq!(p(&empty(), false), ";color");
    assert_eq!(p(&blue(), false), ";color=blue");
    assert_eq!(p(&colors(), false), ";color=blue,black,brown");
    assert_eq!(p(&rgb(), false), ";color=R,100,G,200,B,150");
    assert_eq!(p(&empty(), true), ";color");
    assert_eq!(p(&blue(), true), ";color=blue");
    assert_eq!(p(&colors(), true), ";color=blue;color=black;color=brown");
    assert_eq!(p(&rgb(), true), ";R=100;G=200;B=150");
    assert_eq!(p(&Value::Array(vec![]), true), ";color");
}

#[test]
fn label_rows() {
    let p = |value: &Value, explode| path("color", value, Style::Label, explode).unwrap();
    assert_eq!(p(&empty(), false), ".");
    assert_eq!(p(&blue(), false), ".blue");
    // 3.0.3 prints `.blue.black.brown` and `.R.100.G.200.B.150` here; RFC 6570, which defines label,
    // joins with commas when not exploded, and 3.0.4 corrected the table to say so.
    assert_eq!(p(&colors(), false), ".blue,black,brown");
    assert_eq!(p(&rgb(), false), ".R,100,G,200,B,150");
    assert_eq!(p(&empty(), true), ".");
    assert_eq!(p(&blue(), true), ".blue");
    assert_eq!(p(&colors(), true), ".blue.black.brown");
    assert_eq!(p(&rgb(), true), ".R=100.G=200.B=150");
    assert_eq!(p(&Value::Object(vec![]), true), ".");
}

#[test]
fn form_rows() {
    assert_eq!(q(&empty(), Style::Form, false), "color=");
    assert_eq!(q(&blue(), Style::Form, false), "color=blue");
    // The table's `,` goes as `%2C`, as in any form value (and as `Pairs::push_joined` sends it).
    assert_eq!(q(&colors(), Style::Form, false), "color=blue%2Cblack%2Cbrown");
    assert_eq!(q(&rgb(), Style::Form, false), "color=R%2C100%2CG%2C200%2CB%2C150");
    assert_eq!(q(&empty(), Style::Form, true), "color=");
    assert_eq!(q(&blue(), Style::Form, true), "color=blue");
    assert_eq!(q(&colors(), Style::Form, true), "color=blue&color=black&color=brown");
    assert_eq!(q(&rgb(), Style::Form, true), "R=100&G=200&B=150");
    assert_eq!(
        query("color", &Value::Array(vec![]), Style::Form, true, false).unwrap(),
        Vec::<String>::new()
    );
    assert_eq!(
        query("color", &Value::Object(vec![]), Style::Form, false, false).unwrap(),
        Vec::<String>::new()
    );
}

#[test]
fn simple_rows_in_path_and_header() {
    let p = |value: &Value, explode| path("color", value, Style::Simple, explode).unwrap();
    assert_eq!(p(&blue(), false), "blue");
    assert_eq!(p(&colors(), false), "blue,black,brown");
    assert_eq!(p(&rgb(), false), "R,100,G,200,B,150");
    assert_eq!(p(&blue(), true), "blue");
    assert_eq!(p(&colors(), true), "blue,black,brown");
    assert_eq!(p(&rgb(), true), "R=100,G=200,B=150");
    assert_eq!(header(&blue(), false), "blue");
    assert_eq!(header(&colors(), false), "blue,black,brown");
    assert_eq!(header(&rgb(), false), "R,100,G,200,B,150");
    assert_eq!(header(&colors(), true), "blue,black,brown");
    assert_eq!(header(&rgb(), true), "R=100,G=200,B=150");
}

#[test]
fn delimited_and_deep_object_rows() {
    assert_eq!(q(&colors(), Style::SpaceDelimited, false), "color=blue%20black%20brown");
    assert_eq!(
        q(&rgb(), Style::SpaceDelimited, false),
        "color=R%20100%20G%20200%20B%20150"
    );
    // The table's `|` goes as `%7C`: it is not allowed in a query as it is.
    assert_eq!(q(&colors(), Style::PipeDelimited, false), "color=blue%7Cblack%7Cbrown");
    assert_eq!(
        q(&rgb(), Style::PipeDelimited, false),
        "color=R%7C100%7CG%7C200%7CB%7C150"
    );
    // The brackets go as the table writes them; the names inside are escaped.
    let deep = "color[R]=100&color[G]=200&color[B]=150";
    assert_eq!(q(&rgb(), Style::DeepObject, true), deep);
    assert_eq!(q(&rgb(), Style::DeepObject, false), deep);
    // Exploded, no delimiter is left to write: one pair per element, as form sends them.
    assert_eq!(
        q(&colors(), Style::PipeDelimited, true),
        "color=blue&color=black&color=brown"
    );
}

#[test]
fn form_encoding_of_names_and_values() {
    let value = Value::Array(vec![s("a b"), s("x,y"), s("é")]);
    let sent = query("my tag", &value, Style::Form, false, false).unwrap();
    assert_eq!(sent, vec![s("my+tag=a+b%2Cx%2Cy%2C%C3%A9")]);
    let numbers = Value::array(&[1i32, 2, 3]);
    assert_eq!(
        query("n", &numbers, Style::Form, true, false).unwrap(),
        vec![s("n=1"), s("n=2"), s("n=3")]
    );
    assert_eq!(Value::primitive(&true), Value::Primitive(s("true")));
}

#[test]
fn allow_reserved_keeps_reserved_characters() {
    let value = Value::primitive(&s("a/b?c=d&e"));
    assert_eq!(
        query("q", &value, Style::Form, true, true).unwrap(),
        vec![s("q=a/b?c=d&e")]
    );
    assert_eq!(
        query("q", &value, Style::Form, true, false).unwrap(),
        vec![s("q=a%2Fb%3Fc%3Dd%26e")]
    );
    // Space, `%` and `#` (which would start a fragment) are still escaped; the `,` delimiter is kept.
    let value = Value::Array(vec![s("a b"), s("50%#x"), s(":@!$'()*+,;=[]~")]);
    let sent = query("q", &value, Style::Form, false, true).unwrap();
    assert_eq!(sent, vec![s("q=a%20b,50%25%23x,:@!$'()*+,;=[]~")]);
}

#[test]
fn path_values_are_encoded_as_segments() {
    let value = Value::Array(vec![s("a/b"), s("c d"), s("e.f~g")]);
    assert_eq!(path("p", &value, Style::Simple, false).unwrap(), "a%2Fb,c%20d,e.f~g");
    assert_eq!(
        path("p", &value, Style::Matrix, true).unwrap(),
        ";p=a%2Fb;p=c%20d;p=e.f~g"
    );
}

#[test]
fn path_refuses_values_that_address_another_resource() {
    for text in ["", ".", ".."] {
        let why = refusal(path("id", &Value::primitive(&s(text)), Style::Simple, false));
        let expected =
            format!("path parameter `id` cannot be `{text}`: as a path segment it would address another resource");
        assert_eq!(why, expected);
    }
    let why = refusal(path("id", &Value::Array(vec![]), Style::Simple, false));
    assert_eq!(
        why,
        "path parameter `id` cannot be ``: as a path segment it would address another resource"
    );
    assert_eq!(
        path("id", &Value::primitive(&s("..")), Style::Label, false).unwrap(),
        "..."
    );
}

#[test]
fn styles_that_do_not_apply_are_refused() {
    let why = refusal(query("color", &blue(), Style::Simple, false, false));
    assert_eq!(
        why,
        "parameter `color` cannot be sent with style `simple`: it is not a style for query parameters"
    );
    let why = refusal(path("color", &blue(), Style::DeepObject, true));
    assert_eq!(
        why,
        "parameter `color` cannot be sent with style `deepObject`: it is not a style for path parameters"
    );
    let why = refusal(query("color", &blue(), Style::SpaceDelimited, false, false));
    assert_eq!(
        why,
        "parameter `color` cannot be sent with style `spaceDelimited`: a single value has nothing to delimit"
    );
    let why = refusal(query("color", &blue(), Style::PipeDelimited, false, false));
    assert_eq!(
        why,
        "parameter `color` cannot be sent with style `pipeDelimited`: a single value has nothing to delimit"
    );
    let why = refusal(query("color", &colors(), Style::DeepObject, true, false));
    assert_eq!(
        why,
        "parameter `color` cannot be sent with style `deepObject`: it applies to objects only"
    );
    let why = refusal(query("color", &Value::Array(vec![]), Style::DeepObject, true, false));
    assert_eq!(
        why,
        "parameter `color` cannot be sent with style `deepObject`: it applies to objects only"
    );
    assert_eq!(Style::SpaceDelimited.to_string(), "spaceDelimited");
}

#[test]
fn serialized_values() {
    // Written in name order, so the order holds with or without serde_json's `preserve_order`.
    let object = json!({"B": 150, "G": 200, "R": 100, "X": null});
    let value = Value::serialized("color", &object).unwrap();
    assert_eq!(
        value,
        Value::Object(vec![(s("B"), s("150")), (s("G"), s("200")), (s("R"), s("100"))])
    );
    assert_eq!(path("color", &value, Style::Simple, true).unwrap(), "B=150,G=200,R=100");
    let model = json!({"active": true, "name": "Ann Lee", "nickname": null, "ratio": 0.5});
    let value = Value::serialized("filter", &model).unwrap();
    let sent = query("filter", &value, Style::DeepObject, true, false).unwrap();
    assert_eq!(
        sent,
        ["filter[active]=true", "filter[name]=Ann+Lee", "filter[ratio]=0.5"]
    );
    let list = Value::serialized("ids", &json!(["a", 2, false, null])).unwrap();
    assert_eq!(list, Value::Array(vec![s("a"), s("2"), s("false")]));
    assert_eq!(Value::serialized("n", &7u8).unwrap(), Value::Primitive(s("7")));
    assert_eq!(Value::serialized("t", &"x y").unwrap(), Value::Primitive(s("x y")));
}

#[test]
fn serialized_refuses_nesting_and_null() {
    let nested = "parameter `color` holds a nested object or list, which no OpenAPI style can send";
    assert_eq!(refusal(Value::serialized("color", &json!({"rgb": {"R": 100}}))), nested);
    assert_eq!(refusal(Value::serialized("color", &json!({"R": [100]}))), nested);
    assert_eq!(refusal(Value::serialized("color", &json!([["blue"]]))), nested);
    let why = refusal(Value::serialized("color", &Option::<String>::None));
    assert_eq!(
        why,
        "parameter `color` is null; an absent parameter is left out, not sent"
    );
}

#[test]
fn cookie_rows_and_encoding() {
    assert_eq!(cookie("color", &blue(), true), ["color=blue"]);
    assert_eq!(cookie("color", &colors(), false), ["color=blue,black,brown"]);
    assert_eq!(
        cookie("color", &colors(), true),
        ["color=blue", "color=black", "color=brown"]
    );
    assert_eq!(cookie("color", &rgb(), false), ["color=R,100,G,200,B,150"]);
    assert_eq!(cookie("color", &rgb(), true), ["R=100", "G=200", "B=150"]);
    assert_eq!(cookie("color", &empty(), true), ["color="]);
    assert!(cookie("color", &Value::Array(vec![]), false).is_empty());
    let value = Value::primitive(&s("a b;c=d/e:f,g\"h\\i%é"));
    assert_eq!(
        cookie("session", &value, true),
        ["session=a%20b%3Bc=d/e:f%2Cg%22h%5Ci%25%C3%A9"]
    );
    let tabbed = Value::Object(vec![(s("k=1"), s("x\ty"))]);
    assert_eq!(cookie("c", &tabbed, true), ["k%3D1=x%09y"]);
}
