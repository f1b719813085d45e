//! Which fields and inputs hold secrets, so that `Debug` never prints them.

use super::conventions::marked_sensitive;
use super::names::snake;
use crate::ir::TypeRef;

/// A field or input is secret when the document marks it so or its name says it holds one, and its
/// type can hold a secret at all.
pub fn is_secret(
    wire_name: &str,
    extensions: Option<&indexmap::IndexMap<String, serde_json::Value>>,
    ty: &TypeRef,
) -> bool {
    (extensions.is_some_and(marked_sensitive) || is_secret_name(wire_name)) && can_hold_secret(ty)
}

/// Values that must never be printed: credentials and one-time codes, by name.
fn is_secret_name(wire_name: &str) -> bool {
    let name = snake(wire_name);
    let name = name.trim_end_matches('_');
    const EXACT: &[&str] = &[
        "code",
        "token",
        "secret",
        "password",
        "code_verifier",
        "api_key",
        "private_key",
    ];
    const SUFFIXES: &[&str] = &["_token", "_secret", "_password", "_code", "_verifier", "_private_key"];
    const NOT_SECRET: &[&str] = &[
        "user_code",
        "country_code",
        "iso_country_code",
        "error_code",
        "status_code",
    ];
    if NOT_SECRET.contains(&name) {
        return false;
    }
    EXACT.contains(&name) || SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// Whether a value of this type can hold a secret worth hiding (strings, free-form values, lists of them).
fn can_hold_secret(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::String | TypeRef::Any => true,
        TypeRef::Array(inner) | TypeRef::Map(inner) => can_hold_secret(inner),
        TypeRef::Named(_)
        | TypeRef::Integer(_)
        | TypeRef::Number
        | TypeRef::Boolean
        | TypeRef::DateTime
        | TypeRef::Date
        | TypeRef::Bytes
        | TypeRef::File => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names() {
        for secret in [
            "ClientSecret",
            "Code",
            "CodeVerifier",
            "DeviceCode",
            "RefreshToken",
            "access_token",
            "id_token",
            "AuthToken",
            "Password",
        ] {
            assert!(is_secret_name(secret), "{secret} should be secret");
        }
        for public in [
            "ClientSid",
            "GrantType",
            "user_code",
            "CountryCode",
            "url",
            "token_endpoint",
            "DeviceId",
            "expires_in",
        ] {
            assert!(!is_secret_name(public), "{public} should not be secret");
        }
    }

    #[test]
    fn only_text_can_be_secret() {
        assert!(is_secret("password", None, &TypeRef::String));
        assert!(!is_secret("password", None, &TypeRef::Boolean));
    }
}
