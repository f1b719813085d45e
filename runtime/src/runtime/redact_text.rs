//! Secrets in the text an error keeps: reply bodies, decode messages, URLs and `Location` headers.
//!
//! An error prints what it keeps, in `Debug` (what `.unwrap()` and `{:?}` logging show) and in
//! `Display`, and a reply that failed to decode or an error reply may hold tokens. So the client
//! keeps that text only after it went through here: the value of every secret key becomes
//! `[redacted]`, as in the models' `Debug`, whatever shape the text has (JSON, JSON cut short or
//! broken, a form, a query string, a message).

use super::redact_scan::{find, json, lexical, quoted_end, Writer};

/// What a secret value is replaced with.
pub const MASK: &str = "[redacted]";

/// Keys whose values are secret in every crate, beside the ones its document marks
/// ([`crate::SECRET_FIELDS`]): OAuth 2's and OpenID Connect's tokens and client secrets
/// (`access_token`, `refresh_token`, `id_token`, `client_secret`, …), and the usual names of
/// passwords, keys, tokens and secrets. A reply may hold keys its document never mentions (an
/// error body echoing a request), and a document may forget to mark them: they are masked anyway.
pub const ALWAYS_SECRET: &[&str] = &[
    "access_token",
    "api_key",
    "auth_token",
    "client_assertion",
    "client_secret",
    "code_verifier",
    "device_code",
    "id_token",
    "password",
    "private_key",
    "refresh_token",
    "secret",
    "token",
];

/// Whether a key (of a JSON object, a form, a query string) names a secret: one of
/// [`crate::SECRET_FIELDS`] or [`ALWAYS_SECRET`], compared as the generator compares names, without
/// case, `_`, `-`, `.` and spaces (`ClientSecret`, `client_secret` and `client-secret` are one name).
pub fn is_secret_key(key: &str) -> bool {
    ALWAYS_SECRET
        .iter()
        .chain(crate::SECRET_FIELDS)
        .any(|name| same_name(key, name))
}

/// Whether a key outside JSON (of a form, a query string, `key: value` text) names a secret: one
/// [`is_secret_key`] knows, or one of [`crate::SECRET_INPUTS`], which such text echoes.
pub fn is_secret_input(key: &str) -> bool {
    is_secret_key(key) || crate::SECRET_INPUTS.iter().any(|name| same_name(key, name))
}

fn same_name(key: &str, name: &str) -> bool {
    fn folded(text: &str) -> impl Iterator<Item = u8> + '_ {
        text.bytes()
            .filter(|b| !matches!(b, b'_' | b'-' | b'.' | b' '))
            .map(|b| b.to_ascii_lowercase())
    }
    folded(key).next().is_some() && folded(key).eq(folded(name))
}

/// Text with its secrets masked, and the secrets it held, to mask wherever else they show up (a
/// decode message quotes values). Deliberately not `Debug`.
pub struct Scrubbed {
    pub text: String,
    pub secrets: Vec<String>,
}

/// A reply body with its secrets masked. Valid JSON keeps its layout and order: the value of every
/// secret key, at any depth, becomes `"[redacted]"` when it can hold text (a string, an array, an
/// object; numbers, `true`, `false` and `null` are never secrets, as in the generator), and every
/// other string is read as [`text`], so a message or escaped JSON inside it is masked too.
/// Anything else (JSON cut short or broken, a form, HTML, plain text) goes through [`text`].
/// Then every secret found (of at least eight characters) is masked wherever else the body holds it,
/// as in a message that quotes it.
pub fn body(text: &str) -> Scrubbed {
    swept(masked(text))
}

/// [`body`] without its last step: the values of secret keys masked, and the secrets found. For a
/// body longer than an error keeps, read whole for its secrets and kept in part.
pub fn masked(text: &str) -> Scrubbed {
    let valid = serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok();
    valid.then(|| json(text)).flatten().unwrap_or_else(|| lexical(text))
}

/// Masks secrets in any text, tolerating whatever it is: JSON cut short or broken, a form, a query
/// string, HTML, a message. It masks the value after
/// - a secret key in quotes (`"password"` or `'password'`), then optional whitespace, `:` or `=`,
///   and optional whitespace: a string up to its closing quote or the end of the text, an object or
///   array up to its matching bracket or the end, else everything up to `,`, `}`, `]`, a line
///   break, `<` or the end (unless it is a number, `true`, `false` or `null`);
/// - a secret key without quotes (`password: …`, `client_secret=…` in a form or a URL), the same
///   way after `:`; after `=`, everything up to `&`, `#`, whitespace, a quote, `<`, `>` or the end;
///
/// then every secret found (of at least eight characters) wherever else the text holds it.
pub fn text(source: &str) -> Scrubbed {
    swept(lexical(source))
}

/// Secrets shorter than this are masked only where they are a value of a secret key (or, in a
/// message, quoted whole): a short one masked everywhere would cut words, numbers (`line 1`) and
/// keys (`"type"`) apart. Tokens, keys and passwords worth hiding are longer.
const MIN_UNQUOTED: usize = 8;

/// A message about a body (serde_json's decode error) with the body's `secrets` masked: every string
/// it quotes (`"…"`, `` `…` ``) that is one of them, every other place it holds one of at least eight
/// characters, and whatever [`text`] finds.
pub fn message(message: &str, secrets: &[String]) -> String {
    let forms = forms(secrets.iter());
    let masked = sweep_forms(mask_quoted(message, &forms), &forms);
    text(&masked).text
}

/// Each secret as text may hold it: as it reads, escaped as JSON writes it, and escaped as `Debug`
/// prints it (serde's messages quote that way); the longest first.
fn forms<'a>(secrets: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut forms: Vec<String> = secrets
        .flat_map(|s| [s.clone(), json_escaped(s), debug_escaped(s)])
        .filter(|s| !s.is_empty())
        .collect();
    forms.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    forms.dedup();
    forms
}

fn swept(scrubbed: Scrubbed) -> Scrubbed {
    Scrubbed {
        text: sweep(scrubbed.text, &scrubbed.secrets),
        secrets: scrubbed.secrets,
    }
}

/// How many secrets [`sweep`] looks for: each costs a pass over the text.
const MAX_SWEPT: usize = 256;

/// `text` with every place it holds one of `secrets` (of at least eight characters) masked: the
/// first `MAX_SWEPT` distinct ones, so a body full of tokens costs a bounded number of passes
/// (every value under a secret key is masked all the same).
pub fn sweep(text: String, secrets: &[String]) -> String {
    let mut seen = std::collections::HashSet::new();
    let distinct = secrets
        .iter()
        .filter(|s| s.chars().count() >= MIN_UNQUOTED && seen.insert(s.as_str()))
        .take(MAX_SWEPT);
    sweep_forms(text, &forms(distinct))
}

/// Masks every place `text` holds one of `forms` of at least [`MIN_UNQUOTED`] characters.
fn sweep_forms(mut text: String, forms: &[String]) -> String {
    for form in forms.iter().filter(|f| f.chars().count() >= MIN_UNQUOTED) {
        if text.contains(form.as_str()) {
            text = text.replace(form.as_str(), MASK);
        }
    }
    text
}

fn json_escaped(secret: &str) -> String {
    let quoted = serde_json::to_string(secret).unwrap_or_default();
    quoted
        .get(1..quoted.len().saturating_sub(1))
        .unwrap_or_default()
        .to_owned()
}

/// A string as `Debug` prints it (and serde's messages quote it), without the quotes.
fn debug_escaped(secret: &str) -> String {
    let quoted = format!("{secret:?}");
    quoted[1..quoted.len() - 1].to_owned()
}

/// Masks the quoted parts of a message (`"…"` with escapes, `` `…` ``) that are one of `forms`.
fn mask_quoted(message: &str, forms: &[String]) -> String {
    let bytes = message.as_bytes();
    let mut out = Writer::new(message);
    let mut at = 0;
    while let Some(offset) = bytes[at..].iter().position(|&b| b == b'"' || b == b'`') {
        let start = at + offset;
        let (end, closed) = if bytes[start] == b'"' {
            quoted_end(bytes, start)
        } else {
            let close = find(bytes, start + 1, |b| b == b'`');
            if close < bytes.len() {
                (close + 1, true)
            } else {
                (bytes.len(), false)
            }
        };
        let content = &message[start + 1..if closed { end - 1 } else { end }];
        if forms.iter().any(|form| form == content) {
            out.replace(start + 1..start + 1 + content.len(), MASK);
        }
        at = end;
    }
    out.finish().text
}

/// A URL with the values of its secret query and fragment keys masked (`?code=[redacted]&state=1`).
pub fn url(url: &mut reqwest::Url) {
    if let Some(query) = url.query() {
        let masked = text(query).text;
        if masked != query {
            url.set_query(Some(&masked));
        }
    }
    if let Some(fragment) = url.fragment() {
        let masked = text(fragment).text;
        if masked != fragment {
            url.set_fragment(Some(&masked));
        }
    }
}

/// A transport error whose URL (which `Debug` and `Display` print) has its secrets masked.
pub fn reqwest_error(mut error: reqwest::Error) -> reqwest::Error {
    if let Some(url) = error.url_mut() {
        self::url(url);
    }
    error
}
