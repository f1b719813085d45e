//! Which parts of the runtime an API needs, so no crate carries code for what its document does not use.

use crate::ir::{Api, Body, Location, SecurityKind, TypeKind, TypeRef};

#[derive(Debug, Clone, Copy)]
pub struct Features {
    /// Any query, header, path or form input: the `params` runtime.
    pub params: bool,
    /// Any path parameter: percent-encoded segments.
    pub path_params: bool,
    /// Any date-time or date anywhere: the `datetime` module.
    pub dates: bool,
    /// Any struct model: the `model` runtime its serde impls go through.
    pub models: bool,
    /// Any optional model field read leniently (see [`reads_leniently`]): the `lenient` runtime.
    pub lenient: bool,
    /// Any secret field or input: the `Redacted` marker.
    pub secrets: bool,
    /// Any list operation: the `Pages` walker.
    pub pages: bool,
    /// Any form-body request example: the emitted tests that send them need tokio.
    pub request_examples: bool,
    /// Any bearer or OAuth 2 scheme, or a reply with an `access_token` (the API issues tokens): the
    /// `token` module, with its cache.
    pub tokens: bool,
    /// An OAuth 2 client-credentials scheme: the client fetches its own tokens.
    pub client_credentials: bool,
}

impl Features {
    pub fn of(api: &Api) -> Features {
        let mut f = Features {
            params: false,
            path_params: false,
            dates: false,
            models: api.types.iter().any(|t| matches!(t.kind, TypeKind::Struct { .. })),
            lenient: false,
            secrets: false,
            pages: api.operations.iter().any(|op| op.pagination.is_some()),
            // Request-example tests and the pages test run a loopback server on tokio.
            request_examples: api.operations.iter().any(|op| {
                op.pagination.is_some()
                    || matches!(&op.body, Some(Body::Form { examples, .. } | Body::Json { examples, .. }) if !examples.is_empty())
            }),
            tokens: api.security_schemes.iter().any(|s| s.kind.sends_bearer()),
            client_credentials: client_credentials_url(api).is_some(),
        };
        let note_type = |ty: &TypeRef, f: &mut Features| f.dates |= uses_dates(ty);
        for op in &api.operations {
            for p in inputs(op) {
                f.params = true;
                f.path_params |= p.location == Location::Path;
                f.secrets |= p.sensitive;
                note_type(&p.ty, &mut f);
            }
            if let Some(Body::Json { ty, .. }) = &op.body {
                note_type(ty, &mut f);
            }
        }
        for def in &api.types {
            if let TypeKind::Struct { fields } = &def.kind {
                for field in fields {
                    f.secrets |= field.sensitive;
                    f.lenient |= field.optional && reads_leniently(&field.ty);
                    f.tokens |= field.wire_name == "access_token";
                    note_type(&field.ty, &mut f);
                }
            }
        }
        f
    }
}

/// The token URL of the document's first OAuth 2 client-credentials scheme.
pub fn client_credentials_url(api: &Api) -> Option<&str> {
    api.security_schemes.iter().find_map(|s| match &s.kind {
        SecurityKind::OAuth2ClientCredentials { token_url } => Some(token_url.as_str()),
        _ => None,
    })
}

/// Every parameter and form field of an operation, in the order they are declared.
pub fn inputs(op: &crate::ir::Operation) -> impl Iterator<Item = &crate::ir::Param> {
    let form: &[crate::ir::Param] = match &op.body {
        Some(Body::Form { fields, .. }) => fields,
        _ => &[],
    };
    op.params.iter().chain(form)
}

/// Types whose optional model fields decode leniently (`runtime/lenient.rs`): Twilio sends numbers
/// as strings, and dates in more than one format.
pub fn reads_leniently(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::Number | TypeRef::Integer(_) | TypeRef::DateTime | TypeRef::Date
    )
}

fn uses_dates(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::DateTime | TypeRef::Date => true,
        TypeRef::Array(inner) | TypeRef::Map(inner) => uses_dates(inner),
        _ => false,
    }
}
