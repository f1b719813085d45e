//! Every naming decision: case conversion, Rust keywords, operators in wire names, collisions.
//!
//! Lowering asks this module for every identifier it puts in the IR, so emission never has to
//! wonder whether a name is valid, readable or unique.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words Rust reserves (strict and reserved-for-future, 2021 edition and 2024's `gen`).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Method names the generated `Client` and request builders already use for themselves
/// (`execute` and `prepare` are the client's private ones, `request`, `pages` and `idempotent` the
/// builders'). `client` is also the request builders' own field.
const RESERVED_METHODS: &[&str] = &[
    "new",
    "builder",
    "base_url",
    "send",
    "clone",
    "fmt",
    "client",
    "execute",
    "prepare",
    "request",
    "pages",
    "idempotent",
    "send_with_metadata",
    "send_stream",
    "request_timeout",
    "into_future",
];

/// Turns a wire name into words heck can case: comparison suffixes become words
/// (`DateCreated<` → `DateCreated Before`), everything that is not alphanumeric separates words.
fn words(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 8);
    for ch in raw.chars() {
        match ch {
            '<' => out.push_str(" Before "),
            '>' => out.push_str(" After "),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ => out.push(' '),
        }
    }
    out
}

/// A snake_case identifier (functions, fields, arguments, modules) for a wire name.
pub fn snake(raw: &str) -> String {
    let name = words(raw).to_snake_case();
    fix_identifier(name, "value")
}

/// An UpperCamelCase identifier (types, variants) for a wire name.
pub fn camel(raw: &str) -> String {
    let name = words(raw).to_upper_camel_case();
    fix_identifier(name, "Value")
}

/// Makes a cased name a valid, non-keyword identifier.
fn fix_identifier(mut name: String, empty: &str) -> String {
    if name.is_empty() {
        return empty.to_string();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        let prefix = if empty == "Value" { "V" } else { "n" };
        name.insert_str(0, prefix);
    }
    if KEYWORDS.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// A client method name for an operation; avoids the names the client uses itself.
pub fn operation_fn(raw: &str) -> String {
    let mut name = snake(raw);
    if RESERVED_METHODS.contains(&name.as_str()) {
        name.push_str("_operation");
    }
    name
}

/// A setter or argument name on a request builder; avoids the builder's own methods.
pub fn input(raw: &str) -> String {
    let mut name = snake(raw);
    if RESERVED_METHODS.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// Hands out names unique within one scope (a struct's fields, an operation's inputs, the crate's
/// types), adding a suffix on collision. Deterministic: the first comer keeps the plain name.
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    pub fn new() -> Self {
        Scope::default()
    }

    /// A scope where `taken` are already in use.
    pub fn with(taken: &[&str]) -> Self {
        Scope {
            taken: taken.iter().map(|name| name.to_string()).collect(),
        }
    }

    /// Claims `name` if free; otherwise the first of `name{suffix}`, `name{suffix}2`, … that is.
    pub fn claim(&mut self, name: String, suffix: &str) -> String {
        if self.taken.insert(name.clone()) {
            return name;
        }
        let base = format!("{name}{suffix}");
        if self.taken.insert(base.clone()) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unbounded range always yields a free name")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_become_snake_case() {
        assert_eq!(snake("GrantType"), "grant_type");
        assert_eq!(snake("ClientSid"), "client_sid");
        assert_eq!(snake("X-Twilio-Webhook-Enabled"), "x_twilio_webhook_enabled");
        assert_eq!(snake("Parameter1.Name"), "parameter1_name");
        assert_eq!(snake("access_token_expires_at"), "access_token_expires_at");
    }

    #[test]
    fn comparison_suffixes_become_words() {
        assert_eq!(snake("DateCreated<"), "date_created_before");
        assert_eq!(snake("DateCreated>"), "date_created_after");
        assert_eq!(snake("DateCreated"), "date_created");
    }

    #[test]
    fn keywords_and_digits_are_fixed() {
        assert_eq!(snake("Type"), "type_");
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("self"), "self_");
        assert_eq!(camel("Self"), "Self_");
        assert_eq!(snake("3d"), "n3d");
        assert_eq!(camel("3d-video"), "V3dVideo");
        assert_eq!(snake("--"), "value");
        assert_eq!(camel(""), "Value");
    }

    #[test]
    fn type_names_are_upper_camel_case() {
        assert_eq!(camel("oauth.v1.token"), "OauthV1Token");
        assert_eq!(camel("api.v2010.account.call"), "ApiV2010AccountCall");
        assert_eq!(camel("in-progress"), "InProgress");
        assert_eq!(camel("audio/mpeg"), "AudioMpeg");
    }

    #[test]
    fn reserved_method_names_are_avoided() {
        assert_eq!(operation_fn("Send"), "send_operation");
        assert_eq!(input("Send"), "send_");
        assert_eq!(operation_fn("Prepare"), "prepare_operation");
        assert_eq!(input("Request"), "request_");
        assert_eq!(input("Idempotent"), "idempotent_");
        assert_eq!(input("To"), "to");
    }

    #[test]
    fn scope_disambiguates_in_order() {
        let mut scope = Scope::new();
        assert_eq!(scope.claim("sid".into(), "_form"), "sid");
        assert_eq!(scope.claim("sid".into(), "_form"), "sid_form");
        assert_eq!(scope.claim("sid".into(), "_form"), "sid_form2");
    }
}
