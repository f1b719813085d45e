//! The two passes behind `runtime::redact_text`, which says what is secret: one over valid JSON,
//! which masks in place and keeps the body's layout, and a tolerant one over any text (JSON cut
//! short or broken, forms, URLs, HTML, messages), which must never miss a key because the text
//! around it is malformed. Both are linear in the text.

use std::borrow::Cow;

use super::redact_text::{is_secret_input, is_secret_key, Scrubbed, MASK};

/// Masks valid JSON in place; `None` if a string does not unescape after all.
pub(crate) fn json(source: &str) -> Option<Scrubbed> {
    let bytes = source.as_bytes();
    let mut out = Writer::new(source);
    let mut at = 0;
    while let Some(offset) = bytes[at..].iter().position(|&b| b == b'"') {
        let start = at + offset;
        let (end, _) = quoted_end(bytes, start);
        let content: String = serde_json::from_str(source.get(start..end)?).ok()?;
        let after = skip_space(bytes, end);
        at = end;
        if bytes.get(after) == Some(&b':') {
            if is_secret_key(&content) {
                let value = skip_space(bytes, after + 1);
                at = json_value_end(bytes, value);
                if matches!(bytes.get(value), Some(b'"' | b'{' | b'[')) {
                    strings_in(&source[value..at], &mut out.secrets);
                    out.replace(value..at, &format!("\"{MASK}\""));
                }
            }
            continue;
        }
        let inner = lexical(&content);
        if inner.text != content {
            out.replace(start..end, &serde_json::to_string(&inner.text).ok()?);
        }
        out.secrets.extend(inner.secrets);
    }
    Some(out.finish())
}

/// Where a value of valid JSON that starts at `at` ends.
fn json_value_end(bytes: &[u8], at: usize) -> usize {
    match bytes.get(at) {
        Some(b'"') => quoted_end(bytes, at).0,
        Some(b'{' | b'[') => balanced_end(bytes, at),
        _ => find(bytes, at, |b| {
            matches!(b, b',' | b'}' | b']') || b.is_ascii_whitespace()
        }),
    }
}

/// The lexical pass of `redact_text::text`, which says what it masks.
pub(crate) fn lexical(source: &str) -> Scrubbed {
    let bytes = source.as_bytes();
    let mut out = Writer::new(source);
    let mut at = 0;
    while at < bytes.len() {
        let Some(key) = key_at(source, at) else {
            at += 1;
            continue;
        };
        let separator = key.secret.then(|| separator(bytes, key.end)).flatten();
        at = match separator {
            Some((sep, value)) => mask_value(source, sep, value, &mut out).max(key.end),
            None => key.next,
        };
    }
    out.finish()
}

/// A key found in text: where it ends, whether it is secret, and where to look next if not.
struct Key {
    end: usize,
    secret: bool,
    next: usize,
}

/// The longest key considered in quotes; nothing longer is a field name.
const MAX_KEY: usize = 256;

fn key_at(source: &str, at: usize) -> Option<Key> {
    let bytes = source.as_bytes();
    let first = bytes[at];
    if first == b'"' || first == b'\'' {
        let length = bytes[at + 1..]
            .iter()
            .take(MAX_KEY)
            .position(|&b| b == first || matches!(b, b'\\' | b'\n' | b'\r'))?;
        let end = at + 1 + length;
        (bytes[end] == first).then(|| Key {
            end: end + 1,
            secret: source.get(at + 1..end).is_some_and(is_secret_key),
            // The closing quote may open the next key.
            next: at + 1,
        })
    } else if is_key_byte(first) && (at == 0 || !is_key_byte(bytes[at - 1])) {
        let end = find(bytes, at, |b| !is_key_byte(b));
        let key = percent_decoded(&source[at..end]);
        Some(Key {
            end,
            secret: is_secret_input(&key),
            next: end,
        })
    } else {
        None
    }
}

fn is_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'%')
}

/// A form's or URL's key as it reads (`client%5Fsecret` is `client_secret`).
fn percent_decoded(key: &str) -> Cow<'_, str> {
    if !key.contains('%') {
        return Cow::Borrowed(key);
    }
    let bytes = key.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let hex = key.get(at + 1..at + 3).and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[at], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                at += 3;
            }
            (byte, _) => {
                out.push(byte);
                at += 1;
            }
        }
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

/// After a key: optional whitespace, `:` or `=`, optional whitespace; the separator and where the
/// value starts.
fn separator(bytes: &[u8], at: usize) -> Option<(u8, usize)> {
    let at = skip_space(bytes, at);
    let sep = *bytes.get(at).filter(|b| matches!(b, b':' | b'='))?;
    Some((sep, skip_space(bytes, at + 1)))
}

/// Masks the value that starts at `at` (see [`lexical`]); returns where it ends.
fn mask_value(source: &str, sep: u8, at: usize, out: &mut Writer<'_>) -> usize {
    let bytes = source.as_bytes();
    let Some(&first) = bytes.get(at) else {
        return at;
    };
    if first == b'"' || first == b'\'' {
        let (end, closed) = quoted_end(bytes, at);
        let content = &source[at + 1..if closed { end - 1 } else { end }];
        out.secret(if first == b'"' {
            unescaped(content)
        } else {
            content.to_owned()
        });
        out.replace(at + 1..at + 1 + content.len(), MASK);
        return end;
    }
    if sep == b':' && (first == b'{' || first == b'[') {
        let end = balanced_end(bytes, at);
        strings_in(&source[at..end], &mut out.secrets);
        out.replace(at..end, MASK);
        return end;
    }
    let end = if sep == b':' {
        find(bytes, at, |b| matches!(b, b',' | b'}' | b']' | b'\n' | b'\r' | b'<'))
    } else {
        find(bytes, at, |b| {
            matches!(b, b'&' | b'#' | b'"' | b'\'' | b'<' | b'>') || b.is_ascii_whitespace()
        })
    };
    let token = source[at..end].trim_end();
    let literal = || {
        matches!(
            serde_json::from_str(token),
            Ok(serde_json::Value::Number(_) | serde_json::Value::Bool(_) | serde_json::Value::Null)
        )
    };
    // Nothing, or a number, `true`, `false` or `null` after `:`: no secret.
    let no_secret = token.is_empty() || (sep == b':' && literal());
    if !no_secret {
        out.secret(token.to_owned());
        out.replace(at..at + token.len(), MASK);
    }
    end
}

/// Where a string that opens at `at` (with `"` or `'`) ends, after its closing quote, and whether
/// it was closed: a string cut short runs to the end of the text.
pub(crate) fn quoted_end(bytes: &[u8], at: usize) -> (usize, bool) {
    let quote = bytes[at];
    let mut i = at + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b if b == quote => return (i + 1, true),
            _ => i += 1,
        }
    }
    (bytes.len(), false)
}

/// Where the object or array that opens at `at` ends, after its matching bracket, or the end of the
/// text; brackets in strings do not count.
fn balanced_end(bytes: &[u8], at: usize) -> usize {
    let mut depth = 0usize;
    let mut i = at;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i = quoted_end(bytes, i).0;
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// Every string value in a piece of JSON (not its keys), as a secret: the value of a secret key may
/// be an array or object, and a decode message may quote any string in it.
fn strings_in(source: &str, secrets: &mut Vec<String>) {
    let bytes = source.as_bytes();
    let mut at = 0;
    while let Some(offset) = bytes[at..].iter().position(|&b| b == b'"') {
        let start = at + offset;
        let (end, closed) = quoted_end(bytes, start);
        let content = &source[start + 1..if closed { end - 1 } else { end }];
        if !content.is_empty() && bytes.get(skip_space(bytes, end)) != Some(&b':') {
            secrets.push(unescaped(content));
        }
        at = end;
    }
}

/// The content of a JSON string as it reads, or as written when it does not unescape (cut short).
fn unescaped(content: &str) -> String {
    serde_json::from_str(&format!("\"{content}\"")).unwrap_or_else(|_| content.to_owned())
}

fn skip_space(bytes: &[u8], at: usize) -> usize {
    find(bytes, at, |b| !b.is_ascii_whitespace())
}

/// The first index from `at` whose byte matches, or the end.
pub(crate) fn find(bytes: &[u8], at: usize, matches: impl Fn(u8) -> bool) -> usize {
    bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(|&b| matches(b)))
        .map_or(bytes.len(), |offset| at + offset)
}

/// Copies text with some ranges replaced; every range starts and ends at an ASCII byte or an end.
pub(crate) struct Writer<'a> {
    source: &'a str,
    text: String,
    copied: usize,
    secrets: Vec<String>,
}

impl<'a> Writer<'a> {
    pub(crate) fn new(source: &'a str) -> Self {
        Writer {
            source,
            text: String::new(),
            copied: 0,
            secrets: Vec::new(),
        }
    }

    pub(crate) fn replace(&mut self, range: std::ops::Range<usize>, with: &str) {
        self.text.push_str(&self.source[self.copied..range.start]);
        self.text.push_str(with);
        self.copied = range.end;
    }

    fn secret(&mut self, value: String) {
        if !value.is_empty() {
            self.secrets.push(value);
        }
    }

    pub(crate) fn finish(mut self) -> Scrubbed {
        self.text.push_str(&self.source[self.copied..]);
        Scrubbed {
            text: self.text,
            secrets: self.secrets,
        }
    }
}
