//! Twilio's conventions, as its documents and replies have them. Everything else in lowering
//! follows the OpenAPI specification; what is here follows what Twilio's servers really do.
//!
//! - Replies leave out and `null` fields whatever `required` and `nullable` say, send numbers as
//!   strings (`"price": "-0.0025"`) and dates in RFC 2822 as well as RFC 3339: such fields decode
//!   leniently (see [`reads_leniently`]).
//! - `x-twilio: {overrideType: string}`: the document's type is not what is sent.
//! - `x-twilio: {pii: {handling: sensitive}}`: the value is a secret.

use crate::ir::TypeRef;

type Extensions = indexmap::IndexMap<String, serde_json::Value>;

/// Types whose optional model fields decode leniently (`runtime/lenient.rs`): numbers from their
/// string form too, dates in either format, and a value that does not fit as `None`.
pub fn reads_leniently(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::Number | TypeRef::Integer(_) | TypeRef::DateTime | TypeRef::Date
    )
}

/// `x-twilio: {overrideType: string}`: the value is sent as a string, whatever its schema says.
pub fn overridden_to_string(extensions: &Extensions) -> bool {
    extensions
        .get("x-twilio")
        .and_then(|x| x.get("overrideType"))
        .and_then(|t| t.as_str())
        == Some("string")
}

/// `x-twilio: {pii: {handling: sensitive}}`: the document marks the value as a secret.
pub fn marked_sensitive(extensions: &Extensions) -> bool {
    extensions
        .get("x-twilio")
        .and_then(|x| x.pointer("/pii/handling"))
        .and_then(|h| h.as_str())
        .is_some_and(|h| h.eq_ignore_ascii_case("sensitive"))
}
