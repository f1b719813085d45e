//! Parameters in every OpenAPI 3.0 `style` (matrix, label, form, simple, spaceDelimited,
//! pipeDelimited, deepObject), as the specification's style examples table writes them, encoded for
//! the place each one goes: a query string, a path, a header or a cookie.

use super::params::ParamValue;
use crate::error::Error;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::fmt;

/// What a path segment keeps as it is: RFC 3986's unreserved characters (as `path::segment`).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// What `allowReserved` keeps: the unreserved and reserved characters, except `#`, which would end
/// the query and turn the rest of the value into a fragment the server never sees.
#[rustfmt::skip]
const RESERVED: &AsciiSet = &SEGMENT
    .remove(b':').remove(b'/').remove(b'?').remove(b'[').remove(b']').remove(b'@')
    .remove(b'!').remove(b'$').remove(b'&').remove(b'\'').remove(b'(').remove(b')')
    .remove(b'*').remove(b'+').remove(b',').remove(b';').remove(b'=');

/// What a cookie value escapes: whatever RFC 6265's cookie-octets leave out (CTLs, whitespace, `"`,
/// `,`, `;`, `\`, non-ASCII), and `%` itself, so that the escapes can be told from the text.
#[rustfmt::skip]
const COOKIE: &AsciiSet = &percent_encoding::CONTROLS
    .add(b' ').add(b'"').add(b',').add(b';').add(b'\\').add(b'%');

/// A cookie name is a token: the value's escapes, and `=` too, which would end the name early.
const COOKIE_NAME: &AsciiSet = &COOKIE.add(b'=');

/// A parameter's value as the styles see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A primitive, as text (numbers and booleans as their JSON text).
    Primitive(String),
    Array(Vec<String>),
    /// An object's properties in order: name and text value.
    Object(Vec<(String, String)>),
}

impl Value {
    pub fn primitive<T: ParamValue>(value: &T) -> Value {
        Value::Primitive(value.to_param())
    }

    pub fn array<T: ParamValue>(values: &[T]) -> Value {
        Value::Array(values.iter().map(ParamValue::to_param).collect())
    }

    /// Any serde value (a generated model): strings as themselves, numbers and booleans as their
    /// JSON text, `null` elements and properties left out (absent). Properties keep the order the
    /// value writes them in (a model's declaration order, a map's key order) whatever serde_json's
    /// features, so the same value is always the same bytes. Nesting and a bare `null` are refused:
    /// no style has a spelling for them.
    pub fn serialized<T: serde::Serialize>(name: &str, value: &T) -> Result<Value, Error> {
        let failed =
            |e: serde_json::Error| Error::InvalidRequest(format!("parameter `{name}` could not be serialised: {e}"));
        // Written as text, then read back in order: `serde_json::Value` would sort the keys unless
        // `preserve_order`, which Cargo may or may not have unified in, is on.
        let text = serde_json::to_string(value).map_err(failed)?;
        let json: InOrder = serde_json::from_str(&text).map_err(failed)?;
        match json {
            InOrder::Object(properties) => {
                let properties = properties.iter().filter_map(|(key, item)| {
                    scalar(name, item)
                        .transpose()
                        .map(|text| text.map(|text| (key.clone(), text)))
                });
                Ok(Value::Object(properties.collect::<Result<_, _>>()?))
            }
            InOrder::Other(serde_json::Value::Array(items)) => {
                let texts = items.iter().filter_map(|item| scalar(name, item).transpose());
                Ok(Value::Array(texts.collect::<Result<_, _>>()?))
            }
            InOrder::Other(other) => match scalar(name, &other)? {
                Some(text) => Ok(Value::Primitive(text)),
                None => Err(Error::InvalidRequest(format!(
                    "parameter `{name}` is null; an absent parameter is left out, not sent"
                ))),
            },
        }
    }
}

/// A JSON value whose top-level object keeps its keys in the order they were written.
enum InOrder {
    Object(Vec<(String, serde_json::Value)>),
    Other(serde_json::Value),
}

impl<'de> serde::Deserialize<'de> for InOrder {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = InOrder;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<InOrder, A::Error> {
                let mut properties = Vec::new();
                while let Some(entry) = map.next_entry::<String, serde_json::Value>()? {
                    properties.push(entry);
                }
                Ok(InOrder::Object(properties))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<InOrder, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<serde_json::Value>()? {
                    items.push(item);
                }
                Ok(InOrder::Other(serde_json::Value::Array(items)))
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<InOrder, E> {
                Ok(InOrder::Other(serde_json::Value::String(text.to_owned())))
            }
            fn visit_bool<E: serde::de::Error>(self, value: bool) -> Result<InOrder, E> {
                Ok(InOrder::Other(serde_json::Value::Bool(value)))
            }
            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<InOrder, E> {
                Ok(InOrder::Other(value.into()))
            }
            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<InOrder, E> {
                Ok(InOrder::Other(value.into()))
            }
            fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<InOrder, E> {
                Ok(InOrder::Other(
                    serde_json::Number::from_f64(value).map_or(serde_json::Value::Null, Into::into),
                ))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<InOrder, E> {
                Ok(InOrder::Other(serde_json::Value::Null))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A primitive's text; `None` for `null`, an error for anything nested.
fn scalar(name: &str, json: &serde_json::Value) -> Result<Option<String>, Error> {
    match json {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::String(text) => Ok(Some(text.clone())),
        serde_json::Value::Bool(_) | serde_json::Value::Number(_) => Ok(Some(json.to_string())),
        serde_json::Value::Array(_) | serde_json::Value::Object(_) => Err(Error::InvalidRequest(format!(
            "parameter `{name}` holds a nested object or list, which no OpenAPI style can send"
        ))),
    }
}

/// The OpenAPI `style` of a parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
    Simple,
    Label,
    Matrix,
}

impl Style {
    /// The spelling an OpenAPI document uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Style::Form => "form",
            Style::SpaceDelimited => "spaceDelimited",
            Style::PipeDelimited => "pipeDelimited",
            Style::DeepObject => "deepObject",
            Style::Simple => "simple",
            Style::Label => "label",
            Style::Matrix => "matrix",
        }
    }
}

impl fmt::Display for Style {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

fn refuse(name: &str, style: Style, why: &str) -> Error {
    Error::InvalidRequest(format!("parameter `{name}` cannot be sent with style `{style}`: {why}"))
}

fn form(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

fn reserved(text: &str) -> String {
    utf8_percent_encode(text, RESERVED).to_string()
}

fn segment(text: &str) -> String {
    utf8_percent_encode(text, SEGMENT).to_string()
}

fn cookie_value(text: &str) -> String {
    utf8_percent_encode(text, COOKIE).to_string()
}

fn cookie_name(text: &str) -> String {
    utf8_percent_encode(text, COOKIE_NAME).to_string()
}

fn pair(key: &str, text: &str) -> String {
    format!("{key}={text}")
}

/// An empty list or object: the table's `empty` column.
fn is_empty(value: &Value) -> bool {
    matches!(value, Value::Array(items) if items.is_empty())
        || matches!(value, Value::Object(properties) if properties.is_empty())
}

/// The value as one text: elements joined by `delimiter`; properties as `name=value` joined by
/// `delimiter` when exploded, else names and values alternating, all joined by `delimiter`.
fn joined(value: &Value, explode: bool, delimiter: &str, encode: fn(&str) -> String) -> String {
    match value {
        Value::Primitive(text) => encode(text),
        Value::Array(items) => items
            .iter()
            .map(|item| encode(item))
            .collect::<Vec<_>>()
            .join(delimiter),
        Value::Object(props) => {
            let separator = if explode { "=" } else { delimiter };
            let pieces = props
                .iter()
                .map(|(key, text)| format!("{}{separator}{}", encode(key), encode(text)));
            pieces.collect::<Vec<_>>().join(delimiter)
        }
    }
}

/// One `name=value` pair per element, or per property named by its own name (`explode: true`).
fn exploded(name: &str, value: &Value, key: fn(&str) -> String, encode: fn(&str) -> String) -> Vec<String> {
    match value {
        Value::Primitive(text) => vec![pair(&key(name), &encode(text))],
        Value::Array(items) => items.iter().map(|item| pair(&key(name), &encode(item))).collect(),
        Value::Object(props) => props.iter().map(|(k, text)| pair(&key(k), &encode(text))).collect(),
    }
}

/// Query parameter: the encoded `key=value` pieces to join with `&`. Names and values are encoded
/// as `application/x-www-form-urlencoded` (space as `+`, as `params::Pairs` does), so the form
/// delimiter `,` goes as `%2C`; spaceDelimited joins with `%20`, pipeDelimited with `%7C`.
/// `allow_reserved` keeps RFC 3986's reserved characters in values (and the `,` delimiter) as they
/// are, `#` excepted; everything else outside the unreserved set is escaped, space as `%20`.
/// An empty list or object sends nothing. spaceDelimited and pipeDelimited with `explode: true`
/// have no delimiter left to write and go as form does; deepObject has one spelling, either way.
pub fn query(
    name: &str,
    value: &Value,
    style: Style,
    explode: bool,
    allow_reserved: bool,
) -> Result<Vec<String>, Error> {
    let encode: fn(&str) -> String = if allow_reserved { reserved } else { form };
    let delimiter = match style {
        Style::Form if allow_reserved => ",",
        Style::Form => "%2C",
        Style::SpaceDelimited => "%20",
        Style::PipeDelimited => "%7C",
        Style::DeepObject => "",
        Style::Simple | Style::Label | Style::Matrix => {
            return Err(refuse(name, style, "it is not a style for query parameters"))
        }
    };
    match (style, value) {
        (Style::SpaceDelimited | Style::PipeDelimited, Value::Primitive(_)) => {
            Err(refuse(name, style, "a single value has nothing to delimit"))
        }
        (Style::DeepObject, Value::Primitive(_) | Value::Array(_)) => {
            Err(refuse(name, style, "it applies to objects only"))
        }
        _ if is_empty(value) => Ok(Vec::new()),
        // The brackets stay as the style table writes them (`color[R]=100`), as browsers send them;
        // the names inside are escaped.
        (Style::DeepObject, Value::Object(props)) => Ok(props
            .iter()
            .map(|(key, text)| pair(&format!("{}[{}]", form(name), form(key)), &encode(text)))
            .collect()),
        _ if explode => Ok(exploded(name, value, form, encode)),
        _ => Ok(vec![pair(&form(name), &joined(value, false, delimiter, encode))]),
    }
}

/// Path parameter text for `{name}`: each value percent-encoded as `path::segment` does (unreserved
/// kept), delimiters literal. An empty value is the style's prefix alone (label `.`, matrix
/// `;name`); simple refuses a text of "", "." or "..", which would address another resource.
pub fn path(name: &str, value: &Value, style: Style, explode: bool) -> Result<String, Error> {
    match style {
        Style::Simple => {
            let text = joined(value, explode, ",", segment);
            if matches!(text.as_str(), "" | "." | "..") {
                return Err(Error::InvalidRequest(format!(
                    "path parameter `{name}` cannot be `{text}`: as a path segment it would address another resource"
                )));
            }
            Ok(text)
        }
        Style::Label => {
            let delimiter = if explode { "." } else { "," };
            Ok(format!(".{}", joined(value, explode, delimiter, segment)))
        }
        Style::Matrix => Ok(matrix(name, value, explode)),
        Style::Form | Style::SpaceDelimited | Style::PipeDelimited | Style::DeepObject => {
            Err(refuse(name, style, "it is not a style for path parameters"))
        }
    }
}

/// `;name=value` pieces; a piece with an empty value is `;name` alone, as RFC 6570 writes it.
fn matrix(name: &str, value: &Value, explode: bool) -> String {
    let piece = |key: &str, text: String| match text.is_empty() {
        true => format!(";{}", segment(key)),
        false => format!(";{}={text}", segment(key)),
    };
    match value {
        _ if is_empty(value) => piece(name, String::new()),
        Value::Array(items) if explode => items.iter().map(|item| piece(name, segment(item))).collect(),
        Value::Object(props) if explode => props.iter().map(|(key, text)| piece(key, segment(text))).collect(),
        _ => piece(name, joined(value, false, ",", segment)),
    }
}

/// Header value (style simple only), as the text it is: a value a header cannot hold is refused
/// where the header is built.
pub fn header(value: &Value, explode: bool) -> String {
    joined(value, explode, ",", str::to_owned)
}

/// Cookie (style form only): the `name=value` pieces for the Cookie header, joined by the caller
/// with "; ". Names and values are percent-encoded where RFC 6265 does not allow them; the `,`
/// between elements is literal, as the table writes it, and the elements' own commas `%2C`, so the
/// two stay apart. An empty list or object sends nothing.
pub fn cookie(name: &str, value: &Value, explode: bool) -> Vec<String> {
    match value {
        _ if is_empty(value) => Vec::new(),
        _ if explode => exploded(name, value, cookie_name, cookie_value),
        _ => vec![pair(&cookie_name(name), &joined(value, false, ",", cookie_value))],
    }
}
