//! `README.md`: what the crate is, an example call, how it gets access tokens, retries and errors.
//! The prose lives in `generator/templates/readme/`; this module fills in the document's names.

use super::files::{text_file, PendingFile};
use crate::ir::{Api, Body, Operation, ReplyMode, SecurityKind, TokenIssuer, TypeKind, TypeRef};

pub fn emit(api: &Api) -> PendingFile {
    let krate = api.crate_ident.as_str();
    let description = api.docs.as_ref().map(|d| format!("\n{d}\n")).unwrap_or_default();
    let mut out = fill(
        include_str!("../../templates/readme/intro.md"),
        &[
            ("crate_name", &api.crate_name),
            ("title", &api.title),
            ("version", &api.version),
            ("description", &description),
            ("replies", replies_text(api.replies)),
        ],
    );
    if let Some(op) = api.readme.example.map(|index| &api.operations[index]) {
        out.push_str(&example(api, op));
    }
    out.push_str(&tokens_section(api));
    out.push_str(&fill(
        include_str!("../../templates/readme/retries.md"),
        &[("crate", krate)],
    ));
    out.push_str(&fill(
        include_str!("../../templates/readme/errors.md"),
        &[("crate", krate)],
    ));
    text_file("README.md", ("<!--", " -->"), out)
}

/// What the crate's docs say of how it reads replies.
fn replies_text(replies: ReplyMode) -> &'static str {
    match replies {
        ReplyMode::Strict => {
            "Replies are read as the document describes them (generated with `replies = \"strict\"`): a required\nfield is a plain value, and a reply without it fails with `Error::Decode`, naming the model and the field."
        }
        ReplyMode::Lenient => {
            "Replies are read leniently (generated with `replies = \"lenient\"`): every field is an `Option`, since\nthe API's replies leave out and `null` fields whatever the document says; numbers also decode from\nstrings, and an optional number or date that does not fit decodes as `None`."
        }
    }
}

/// `template` with every `{{key}}` replaced by its value.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (key, value) in values {
        out = out.replace(&format!("{{{{{key}}}}}"), value);
    }
    debug_assert!(
        !out.contains("{{"),
        "a README template placeholder was left unfilled: {out}"
    );
    out
}

/// The first example: a client, and a call with its required arguments and two setters.
fn example(api: &Api, op: &Operation) -> String {
    let mut args: Vec<String> = op
        .inputs()
        .filter(|p| p.required)
        .map(|p| example_value(api, &p.ty, &p.wire_name))
        .collect();
    if let Some(Body::Json { ty, required: true, .. }) = &op.body {
        args.push(example_value(api, ty, "body"));
    }
    let setters: String = op
        .inputs()
        .filter(|p| !p.required)
        .take(2)
        .map(|p| format!("\n    .{}({})", p.rust_name, example_value(api, &p.ty, &p.wire_name)))
        .collect();
    let call = format!("{}({}){setters}", op.fn_name, args.join(", "));
    let (imports, new_client) = match new_client(api) {
        Some(new_client) => ("{Client, Credentials}", new_client),
        None => ("Client", "Client::builder().build()".to_string()),
    };
    let show = if op.output.is_some() {
        "println!(\"{reply:?}\");"
    } else {
        "let () = reply;"
    };
    fill(
        include_str!("../../templates/readme/example.md"),
        &[
            ("crate", &api.crate_ident),
            ("imports", imports),
            ("new_client", &new_client),
            ("call", &call),
            ("show", show),
        ],
    )
}

/// How the README's examples make a client: with the credentials of the scheme lowering chose.
fn new_client(api: &Api) -> Option<String> {
    let scheme = &api.security_schemes[api.readme.credentials?];
    Some(match &scheme.kind {
        SecurityKind::HttpBasic => {
            "Client::new(Credentials::basic(\"ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\", \"your_auth_token\"))".to_string()
        }
        SecurityKind::HttpBearer | SecurityKind::OAuth2 { .. } | SecurityKind::OpenIdConnect { .. } => {
            "Client::new(Credentials::bearer(\"your-token\"))".to_string()
        }
        SecurityKind::OAuth2ClientCredentials { .. } => {
            "Client::new(Credentials::client_credentials(\"your_client_id\", \"your_client_secret\"))".to_string()
        }
        SecurityKind::ApiKey { constructor, .. } => {
            format!("Client::new(Credentials::{constructor}(\"your-api-key\"))")
        }
    })
}

/// How the client gets access tokens, or how to keep one fresh with the API's own token operation.
fn tokens_section(api: &Api) -> String {
    let krate = api.crate_ident.as_str();
    if let Some(url) = api.client_credentials_url() {
        let template = include_str!("../../templates/readme/client_credentials.md");
        return fill(template, &[("crate", krate), ("token_url", url)]);
    }
    if api.security_schemes.iter().any(|s| s.kind.sends_bearer()) {
        return include_str!("../../templates/readme/bearer.md").to_string();
    }
    match &api.readme.token_issuer {
        Some(issuer) => token_cache_section(api, issuer),
        None => String::new(),
    }
}

fn token_cache_section(api: &Api, issuer: &TokenIssuer) -> String {
    let op = &api.operations[issuer.operation];
    let args: Vec<String> = op
        .inputs()
        .filter(|p| p.required)
        .map(|p| match &issuer.grant_type {
            Some(grant_type) if *grant_type == p.rust_name => "\"client_credentials\"".to_string(),
            _ => example_value(api, &p.ty, &p.wire_name),
        })
        .collect();
    let secret = op
        .inputs()
        .find(|p| Some(&p.rust_name) == issuer.client_secret.as_ref())
        .map(|p| format!(".{}({})", p.rust_name, example_value(api, &p.ty, &p.wire_name)))
        .unwrap_or_default();
    let (imports, lifetime) = match &issuer.expires_in {
        Some(field) => (
            "use std::time::Duration;\n",
            format!("let lifetime = reply.{field}.and_then(|s| u64::try_from(s).ok()).unwrap_or(0);\n        Ok::<_, TokenError>(FetchedToken::new(token).expires_in(Duration::from_secs(lifetime)))"),
        ),
        None => (
            "",
            "// No `expires_in`: the cache reads the JWT's `exp` claim.\n        Ok::<_, TokenError>(FetchedToken::new(token))".to_string(),
        ),
    };
    let new_client = new_client(api).unwrap_or_else(|| "Client::builder().build()".to_string());
    fill(
        include_str!("../../templates/readme/token_cache.md"),
        &[
            ("operation", &op.fn_name),
            ("imports", imports),
            ("crate", &api.crate_ident),
            ("new_client", &new_client),
            ("call", &format!("{}({}){secret}", op.fn_name, args.join(", "))),
            ("access_token", &issuer.access_token),
            ("lifetime", &lifetime),
        ],
    )
}

/// A plausible value of a type, as Rust source, for the README: as an argument or setter of an
/// operation, which take `impl Into<String>` and any `IntoIterator`.
fn example_value(api: &Api, ty: &TypeRef, wire_name: &str) -> String {
    match ty {
        TypeRef::String => format!("\"{wire_name}\""),
        TypeRef::Array(inner) => format!("[{}]", example_value(api, inner, wire_name)),
        TypeRef::Named(_)
        | TypeRef::Integer(_)
        | TypeRef::Number
        | TypeRef::Boolean
        | TypeRef::DateTime
        | TypeRef::Date
        | TypeRef::Map(_)
        | TypeRef::Any
        | TypeRef::Bytes
        | TypeRef::File => owned_value(api, ty, wire_name),
    }
}

/// A plausible value of a type as a model's constructor or an enum's variant holds it.
fn owned_value(api: &Api, ty: &TypeRef, wire_name: &str) -> String {
    let krate = api.crate_ident.as_str();
    match ty {
        TypeRef::String => format!("\"{wire_name}\".to_string()"),
        TypeRef::Any => format!("serde_json::Value::from(\"{wire_name}\")"),
        TypeRef::Integer(_) => "1".to_string(),
        TypeRef::Number => "1.0".to_string(),
        TypeRef::Boolean => "true".to_string(),
        TypeRef::Array(inner) => format!("vec![{}]", owned_value(api, inner, wire_name)),
        TypeRef::Named(name) => match api.type_def(name).map(|t| &t.kind) {
            Some(TypeKind::Enum { variants, other }) => {
                let value = variants.first().map_or(other.as_str(), |v| v.wire_value.as_str());
                format!("{krate}::models::{name}::from({value:?})")
            }
            Some(TypeKind::OneOf { variants, .. }) => match variants.first() {
                Some(first) => {
                    let value = owned_value(api, &first.ty, wire_name);
                    let value = if first.boxed {
                        format!("Box::new({value})")
                    } else {
                        value
                    };
                    format!("{krate}::models::{name}::{}({value})", first.rust_name)
                }
                None => "Default::default()".to_string(),
            },
            Some(TypeKind::Struct { fields, .. }) if fields.iter().any(|f| f.in_constructor) => {
                let args: Vec<String> = fields
                    .iter()
                    .filter(|f| f.in_constructor)
                    .map(|f| owned_value(api, &f.ty, &f.wire_name))
                    .collect();
                format!("{krate}::models::{name}::new({})", args.join(", "))
            }
            Some(TypeKind::Struct { .. }) | None => format!("{krate}::models::{name}::default()"),
        },
        TypeRef::DateTime => format!("{krate}::Timestamp::from_unix(1_706_702_400, 0).unwrap()"),
        TypeRef::Date => format!("{krate}::Date::new(2024, 1, 31).unwrap()"),
        TypeRef::Map(_) => "Default::default()".to_string(),
        TypeRef::Bytes => "b\"bytes\".to_vec()".to_string(),
        TypeRef::File => format!("{krate}::File::new(b\"bytes\".to_vec()).file_name(\"example.bin\")"),
    }
}
