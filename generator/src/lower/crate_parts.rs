//! Decisions about the crate around the operations and models: its Rust name and Cargo version,
//! which optional runtime modules it needs, and what its README shows.

use crate::ir::{Api, Body, Location, Operation, RuntimeParts, TokenIssuer, TypeKind, TypeRef};

/// The crate's name as a Rust identifier: `twilio-oauth-v1` → `twilio_oauth_v1`.
pub fn crate_ident(crate_name: &str) -> String {
    crate_name.replace('-', "_")
}

/// Cargo needs `MAJOR.MINOR.PATCH`; documents say `1.53.0`, `v2`, `2010-04-01`.
pub fn cargo_version(version: &str) -> String {
    let numbers: Vec<u64> = version
        .trim_start_matches(['v', 'V'])
        .split(['.', '-'])
        .map_while(|part| part.parse().ok())
        .take(3)
        .collect();
    match numbers.as_slice() {
        [major, minor, patch] => format!("{major}.{minor}.{patch}"),
        [major, minor] => format!("{major}.{minor}.0"),
        [major] => format!("{major}.0.0"),
        _ => "0.0.0".to_string(),
    }
}

/// Which optional runtime modules `api` needs; `api.runtime` is not read. Call after
/// [`token_issuer`], whose operation needs the `token` module.
pub fn runtime_parts(api: &Api) -> RuntimeParts {
    let mut parts = RuntimeParts {
        models: api.types.iter().any(|t| matches!(t.kind, TypeKind::Struct { .. })),
        pages: api.operations.iter().any(|op| op.pagination.is_some()),
        loopback_tests: api.operations.iter().any(has_loopback_test),
        tokens: api.security_schemes.iter().any(|s| s.kind.sends_bearer()) || api.readme.token_issuer.is_some(),
        client_credentials: api.client_credentials_url().is_some(),
        ..RuntimeParts::default()
    };
    for op in &api.operations {
        for p in op.inputs() {
            parts.params = true;
            parts.path_params |= p.location == Location::Path && !p.uses_styles();
            parts.styles |= p.uses_styles();
            parts.dates |= uses_dates(&p.ty);
        }
        if let Some(Body::Json { ty, .. }) = &op.body {
            parts.dates |= uses_dates(ty);
        }
        parts.multipart |= matches!(op.body, Some(Body::Multipart { .. }));
    }
    parts.twilio = super::servers::is_twilio_host(&api.base_url)
        && api
            .security_schemes
            .iter()
            .any(|s| s.kind == crate::ir::SecurityKind::HttpBasic);
    for def in &api.types {
        if let TypeKind::Struct { fields, .. } = &def.kind {
            for field in fields {
                parts.lenient |= field.lenient;
                parts.dates |= uses_dates(&field.ty);
            }
        }
    }
    parts
}

/// Request-example tests and the pages test send to a loopback server.
fn has_loopback_test(op: &Operation) -> bool {
    let examples = match &op.body {
        Some(Body::Form { examples, .. } | Body::Json { examples, .. }) => examples.len(),
        Some(Body::Raw { .. } | Body::Multipart { .. }) | None => 0,
    };
    op.pagination.is_some() || examples > 0
}

fn uses_dates(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::DateTime | TypeRef::Date => true,
        TypeRef::Array(inner) | TypeRef::Map(inner) => uses_dates(inner),
        TypeRef::Named(_)
        | TypeRef::String
        | TypeRef::Integer(_)
        | TypeRef::Number
        | TypeRef::Boolean
        | TypeRef::Any
        | TypeRef::Bytes
        | TypeRef::File => false,
    }
}

/// The operation the README shows: of those whose required inputs the README can write, the one
/// with the most optional inputs (it shows arguments and setters both), the first on a tie.
pub fn readme_example(api: &Api) -> Option<usize> {
    let optional = |op: &Operation| op.inputs().filter(|p| !p.required).count();
    let writable = |op: &Operation| {
        let body = match &op.body {
            Some(Body::Json { ty, required: true, .. }) => Some(ty),
            _ => None,
        };
        op.inputs()
            .filter(|p| p.required)
            .map(|p| &p.ty)
            .chain(body)
            .all(|ty| constructible(api, ty, 0))
    };
    let best = api.operations.iter().filter(|op| writable(op)).map(optional).max()?;
    api.operations
        .iter()
        .position(|op| writable(op) && optional(op) == best)
}

/// Whether the README can write a value of `ty`: a model through `new` or `default`, a few levels deep.
pub fn constructible(api: &Api, ty: &TypeRef, depth: usize) -> bool {
    if depth > 4 {
        return false;
    }
    match ty {
        TypeRef::Array(inner) => constructible(api, inner, depth + 1),
        TypeRef::Named(name) => match api.type_def(name).map(|def| &def.kind) {
            Some(TypeKind::Struct { fields, .. }) => fields
                .iter()
                .filter(|f| f.in_constructor)
                .all(|f| constructible(api, &f.ty, depth + 1)),
            Some(TypeKind::OneOf { variants, .. }) => {
                variants.first().is_some_and(|v| constructible(api, &v.ty, depth + 1))
            }
            Some(TypeKind::Enum { .. }) => true,
            None => false,
        },
        TypeRef::String
        | TypeRef::Integer(_)
        | TypeRef::Number
        | TypeRef::Boolean
        | TypeRef::DateTime
        | TypeRef::Date
        | TypeRef::Map(_)
        | TypeRef::Any
        | TypeRef::Bytes
        | TypeRef::File => true,
    }
}

/// The first operation whose result is a model with a string `access_token` field: an API that
/// issues tokens (OAuth's token endpoint), whose README shows it feeding a token cache.
pub fn token_issuer(api: &Api) -> Option<TokenIssuer> {
    api.operations.iter().enumerate().find_map(|(index, op)| {
        let Some(TypeRef::Named(name)) = &op.output else {
            return None;
        };
        let TypeKind::Struct { fields, .. } = &api.type_def(name)?.kind else {
            return None;
        };
        let field = |wire: &str, fits: fn(&TypeRef) -> bool| {
            fields
                .iter()
                .find(|f| f.wire_name == wire && f.optional && fits(&f.ty))
                .map(|f| f.rust_name.clone())
        };
        let input = |wires: &[&str], required: bool| {
            op.inputs()
                .find(|p| wires.contains(&p.wire_name.as_str()) && p.required == required && p.ty == TypeRef::String)
                .map(|p| p.rust_name.clone())
        };
        Some(TokenIssuer {
            operation: index,
            access_token: field("access_token", |ty| *ty == TypeRef::String)?,
            expires_in: field("expires_in", |ty| matches!(ty, TypeRef::Integer(_))),
            grant_type: input(&["GrantType", "grant_type"], true),
            client_secret: input(&["ClientSecret", "client_secret"], false),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cargo_versions_from_document_versions() {
        assert_eq!(cargo_version("1.53.0"), "1.53.0");
        assert_eq!(cargo_version("v2"), "2.0.0");
        assert_eq!(cargo_version("2010-04-01"), "2010.4.1");
        assert_eq!(cargo_version("1.2"), "1.2.0");
        assert_eq!(cargo_version("beta"), "0.0.0");
    }

    #[test]
    fn crate_idents_replace_dashes() {
        assert_eq!(crate_ident("twilio-oauth-v1"), "twilio_oauth_v1");
    }
}
