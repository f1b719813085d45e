//! Twilio's conventions, as its documents and replies have them. Everything else in lowering
//! follows the OpenAPI specification; what is here follows what Twilio's servers really do.
//!
//! - Replies leave out and `null` fields whatever `required` and `nullable` say, send numbers as
//!   strings (`"price": "-0.0025"`) and dates in RFC 2822 as well as RFC 3339: such fields decode
//!   leniently (see [`reads_leniently`]).
//! - `x-twilio: {overrideType: string}`: the document's type is not what is sent.
//! - `x-twilio: {pii: {handling: sensitive}}`: the value is a secret.
//! - A list's page links to the next one in `meta.next_page_url` (the v1+ APIs) or in a top-level
//!   `next_page_uri` (api.twilio.com): such operations get `pages()` ([`Lowerer::pagination`]).
//! - An operation whose reply has a string `access_token` issues tokens, and the README shows it
//!   feeding a token cache (`crate_parts::token_issuer`).
//! - Error replies carry `code`, `message` and `more_info`: the runtime's `TwilioError` reads them
//!   when they are there (`runtime/src/error.rs`), and nothing depends on them.

use super::Lowerer;
use crate::ir::{self, TypeRef};

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

impl Lowerer<'_> {
    /// Recognises a page of a list: exactly one array field, and a string next-page link either in
    /// `meta` (`meta.next_page_url`) or at the top (`next_page_uri`, `next_page_url`).
    pub(super) fn pagination(&self, page: &str) -> Option<ir::Pagination> {
        let fields = self.struct_fields_of(page)?;
        let mut arrays = fields.iter().filter_map(|f| match &f.ty {
            TypeRef::Array(item) => Some((f, item)),
            _ => None,
        });
        let (items, item) = arrays.next()?;
        if arrays.next().is_some() {
            return None;
        }
        let link = |f: &&ir::Field| f.ty == TypeRef::String && !f.boxed;
        let next = if let Some(meta) = fields.iter().find(|f| f.wire_name == "meta") {
            let TypeRef::Named(meta_type) = &meta.ty else {
                return None;
            };
            let next = self
                .struct_fields_of(meta_type)?
                .iter()
                .filter(link)
                .find(|f| f.wire_name == "next_page_url")?;
            ir::NextLink::InMeta {
                meta_field: meta.rust_name.clone(),
                meta_optional: meta.optional,
                next_field: next.rust_name.clone(),
                next_optional: next.optional,
            }
        } else {
            let next = fields
                .iter()
                .filter(link)
                .find(|f| f.wire_name == "next_page_uri" || f.wire_name == "next_page_url")?;
            ir::NextLink::TopLevel {
                field: next.rust_name.clone(),
                wire: next.wire_name.clone(),
                optional: next.optional,
            }
        };
        Some(ir::Pagination {
            items_field: items.rust_name.clone(),
            items_wire: items.wire_name.clone(),
            items_optional: items.optional,
            item: (**item).clone(),
            next,
        })
    }

    fn struct_fields_of(&self, name: &str) -> Option<&[ir::Field]> {
        match &self.types.get(name)?.kind {
            ir::TypeKind::Struct { fields, .. } => Some(fields),
            _ => None,
        }
    }
}
