//! The crate around the models and operations: manifest, README, `lib.rs`, credentials, client,
//! errors and the runtime helpers the document needs.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::features::{inputs, Features};
use super::{docs, rust_file, template_file, text_file, PendingFile};
use crate::ir::{Api, Operation, SecurityKind, TypeRef};
use crate::lower::camel;

pub fn emit(api: &Api, features: &Features, files: &mut Vec<PendingFile>) -> Result<(), String> {
    files.push(text_file("Cargo.toml", "#", manifest(api, features)));
    files.push(text_file("README.md", "<!--", readme(api)).with_comment_closed());
    files.push(rust_file("src/lib.rs", lib_rs(api))?);
    files.push(rust_file("src/auth.rs", auth_rs(api))?);
    files.push(template_file(
        "src/client.rs",
        &[include_str!("../../templates/client.rs")],
    )?);
    files.push(template_file(
        "src/error.rs",
        &[include_str!("../../templates/error.rs")],
    )?);
    emit_runtime(features, files)
}

impl PendingFile {
    /// Closes an HTML comment header (`<!-- … -->`).
    fn with_comment_closed(mut self) -> Self {
        if let Some(end) = self.contents.find('\n') {
            self.contents.insert_str(end, " -->");
        }
        self
    }
}

fn manifest(api: &Api, features: &Features) -> String {
    let mut deps = vec![
        "# HTTP, with rustls so no system OpenSSL is needed; no redirects are followed by the client.",
        "reqwest = { version = \"0.12\", default-features = false, features = [\"rustls-tls\", \"http2\"] }",
        "# Models decode from and encode to JSON.",
        "serde = { version = \"1\", features = [\"derive\"] }",
        "serde_json = \"1\"",
    ];
    if features.dates {
        deps.push("# Date-times in RFC 3339 and RFC 2822, dates.");
        deps.push("chrono = { version = \"0.4\", default-features = false, features = [\"std\", \"serde\"] }");
    }
    if features.params {
        deps.push("# Form bodies and query strings (already in reqwest's tree, through url).");
        deps.push("form_urlencoded = \"1\"");
    }
    if features.path_params {
        deps.push("# Path parameters as escaped segments (already in reqwest's tree, through url).");
        deps.push("percent-encoding = \"2\"");
    }
    let dev_deps = if features.request_examples {
        "\n[dev-dependencies]\n# The emitted request-example tests run a loopback server.\ntokio = { version = \"1\", features = [\"macros\", \"rt\", \"net\", \"io-util\"] }\n"
    } else {
        ""
    };
    format!(
        "[package]\nname = \"{name}\"\nversion = \"{version}\"\nedition = \"2021\"\nrust-version = \"1.82\"\ndescription = \"{description}\"\npublish = false\n\n[lib]\n# No unit tests live in the library (its tests are in tests/ and the README): do not build it twice.\ntest = false\n\n[dependencies]\n{deps}\n{dev_deps}",
        name = api.crate_name,
        version = cargo_version(&api.version),
        description = format!("Async client for {}, generated from its OpenAPI document", api.title).replace('"', "'"),
        deps = deps.join("\n"),
    )
}

/// Cargo needs `MAJOR.MINOR.PATCH`; documents say `1.53.0`, `v2`, `2010-04-01`.
fn cargo_version(version: &str) -> String {
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

fn crate_ident(api: &Api) -> String {
    api.crate_name.replace('-', "_")
}

/// The operation the README shows: the one with the most optional inputs (it shows arguments and
/// setters both), the first in document order on a tie.
fn example_operation(api: &Api) -> Option<&Operation> {
    let optional = |op: &Operation| inputs(op).filter(|p| !p.required).count();
    api.operations.iter().rev().max_by_key(|op| optional(op))
}

fn readme(api: &Api) -> String {
    let krate = crate_ident(api);
    let mut out = format!(
        "\n# {}\n\nAn async Rust client for **{}** (API version {}), generated from its OpenAPI document.\n",
        api.crate_name, api.title, api.version
    );
    if let Some(description) = &api.docs {
        out.push_str(&format!("\n{description}\n"));
    }
    out.push_str("\nRequired inputs are arguments of the operation's method, optional ones are setters named for them,\nand `send()` performs the call. Secrets print as `[redacted]` in `Debug` output.\n");
    if let Some(op) = example_operation(api) {
        let mut args: Vec<String> = inputs(op)
            .filter(|p| p.required)
            .map(|p| example_value(api, &p.ty, &p.wire_name))
            .collect();
        if let Some(crate::ir::Body::Json { ty, required: true, .. }) = &op.body {
            args.push(example_value(api, ty, "body"));
        }
        let setters: String = inputs(op)
            .filter(|p| !p.required)
            .take(2)
            .map(|p| format!("\n    .{}({})", p.rust_name, example_value(api, &p.ty, &p.wire_name)))
            .collect();
        let (imports, new_client) = match api.security_schemes.first().map(|s| &s.kind) {
            Some(kind) if kind.sends_bearer() => (
                "{Client, Credentials}",
                "Client::new(Credentials::bearer(\"your-token\"))",
            ),
            Some(_) => (
                "{Client, Credentials}",
                "Client::new(Credentials::basic(\"ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\", \"your_auth_token\"))",
            ),
            // Nothing to authenticate with.
            None => ("Client", "Client::builder().build()"),
        };
        let show = if op.output.is_some() {
            "println!(\"{reply:?}\");"
        } else {
            "let () = reply;"
        };
        out.push_str(&format!(
            "\n```rust,no_run\nuse {krate}::{imports};\n\n# async fn example() -> Result<(), {krate}::Error> {{\nlet client = {new_client}?;\nlet reply = client\n    .{fname}({args}){setters}\n    .send()\n    .await?;\n{show}\n# Ok(())\n# }}\n```\n",
            fname = op.fn_name,
            args = args.join(", "),
        ));
    }
    out.push_str(&format!(
        "\nErrors are one type, [`{krate}::Error`]: the status and body of a non-success reply (with Twilio's\n`code`, `message` and `more_info` when present), a body that does not decode, or a transport failure.\n\nThis crate is generated by `cargo xtask codegen`; do not edit it by hand.\n"
    ));
    out
}

/// A plausible value of a type, as Rust source, for the README.
fn example_value(api: &Api, ty: &TypeRef, wire_name: &str) -> String {
    let krate = crate_ident(api);
    match ty {
        TypeRef::String => format!("\"{wire_name}\""),
        TypeRef::Any => format!("serde_json::Value::from(\"{wire_name}\")"),
        TypeRef::Integer(_) => "1".to_string(),
        TypeRef::Number => "1.0".to_string(),
        TypeRef::Boolean => "true".to_string(),
        TypeRef::Array(inner) => format!("[{}]", example_value(api, inner, wire_name)),
        TypeRef::Named(name) => match api.types.iter().find(|t| &t.rust_name == name).map(|t| &t.kind) {
            Some(crate::ir::TypeKind::Enum { variants, other }) => {
                let value = variants.first().map_or(other.as_str(), |v| v.wire_value.as_str());
                format!("{krate}::models::{name}::from({value:?})")
            }
            Some(crate::ir::TypeKind::OneOf { variants, .. }) => match variants.first() {
                Some(first) => format!(
                    "{krate}::models::{name}::{}({})",
                    first.rust_name,
                    example_value(api, &first.ty, wire_name)
                ),
                None => "Default::default()".to_string(),
            },
            _ => format!("{krate}::models::{name}::default()"),
        },
        TypeRef::DateTime => "chrono::DateTime::from_timestamp(1_706_702_400, 0).unwrap()".to_string(),
        TypeRef::Date => "chrono::NaiveDate::from_ymd_opt(2024, 1, 31).unwrap()".to_string(),
        TypeRef::Map(_) => "Default::default()".to_string(),
    }
}

fn lib_rs(api: &Api) -> TokenStream {
    let mut crate_docs = format!(
        "{}\n\nAn async client for this API, generated from its OpenAPI document (version {}).",
        api.title, api.version
    );
    if let Some(description) = &api.docs {
        crate_docs.push_str(&format!("\n\n{description}"));
    }
    crate_docs.push_str("\n\nStart with [`Client`]; every operation is a method on it that returns a request builder.");
    let crate_docs = docs::inner(&crate_docs);
    let base_url = api.servers.first().cloned().unwrap_or_default();
    let no_operations = api.operations.is_empty().then(
        || quote!(#![allow(dead_code, reason = "the document has no operations: the client has nothing to send yet")]),
    );
    quote! {
        #crate_docs
        #no_operations

        pub mod auth;
        pub mod client;
        pub mod error;
        pub mod models;
        pub mod operations;
        /// Helpers the generated code shares; not part of the public API.
        #[doc(hidden)]
        pub mod runtime;

        pub use auth::Credentials;
        pub use client::{Client, ClientBuilder};
        pub use error::{ApiError, Error, TwilioError};

        /// The server the document names; `Client::builder().base_url(..)` sends elsewhere.
        pub const DEFAULT_BASE_URL: &str = #base_url;

        #[doc = include_str!("../README.md")]
        #[cfg(doctest)]
        pub struct ReadmeDoctests;
    }
}

fn auth_rs(api: &Api) -> TokenStream {
    let has_basic = api.security_schemes.iter().any(|s| s.kind == SecurityKind::HttpBasic);
    let has_bearer = api.security_schemes.iter().any(|s| s.kind.sends_bearer());
    let mut kinds = Vec::new();
    let mut constructors = Vec::new();
    let mut debug_arms = Vec::new();
    if has_basic {
        kinds.push(quote!(Basic {
            username: ::std::string::String,
            password: ::std::string::String
        }));
        constructors.push(quote! {
            /// HTTP basic authentication: an Account SID and its Auth Token, or an API key SID and its secret.
            pub fn basic(username: impl ::std::convert::Into<::std::string::String>, password: impl ::std::convert::Into<::std::string::String>) -> Self {
                Credentials(Kind::Basic { username: username.into(), password: password.into() })
            }
        });
        debug_arms.push(quote! {
            Kind::Basic { username, .. } => f
                .debug_struct("Credentials::Basic")
                .field("username", username)
                .field("password", &crate::runtime::redact::Redacted)
                .finish(),
        });
    }
    if has_bearer {
        kinds.push(quote!(Bearer {
            token: ::std::string::String
        }));
        constructors.push(quote! {
            /// A bearer token, sent as `Authorization: Bearer …`; for OAuth 2 schemes, an access token
            /// obtained from the scheme's token URL.
            pub fn bearer(token: impl ::std::convert::Into<::std::string::String>) -> Self {
                Credentials(Kind::Bearer { token: token.into() })
            }
        });
        debug_arms.push(quote! {
            Kind::Bearer { .. } => f
                .debug_struct("Credentials::Bearer")
                .field("token", &crate::runtime::redact::Redacted)
                .finish(),
        });
    }
    // A document without security schemes has nothing to authenticate with: `Kind` is empty.
    let debug_body = if debug_arms.is_empty() {
        quote!({
            let _ = f;
            match self.0 {}
        })
    } else {
        quote!(match &self.0 { #(#debug_arms)* })
    };
    let schemes: Vec<_> = api
        .security_schemes
        .iter()
        .map(|s| format_ident!("{}", camel(&s.key)))
        .collect();
    let scheme_docs: Vec<_> = api
        .security_schemes
        .iter()
        .map(|s| {
            let key = format!(" `{}` in the document's `securitySchemes`.", s.key);
            quote!(#[doc = #key])
        })
        .collect();
    let of_kind = |wanted: fn(&SecurityKind) -> bool| -> Vec<_> {
        api.security_schemes
            .iter()
            .zip(&schemes)
            .filter(|(s, _)| wanted(&s.kind))
            .map(|(_, ident)| ident)
            .collect()
    };
    let mut apply_arms = Vec::new();
    let basic = of_kind(|k| *k == SecurityKind::HttpBasic);
    if !basic.is_empty() {
        apply_arms.push(quote! {
            Kind::Basic { username, password } if accepted.iter().any(|s| matches!(s, #(Scheme::#basic)|*)) => {
                builder.basic_auth(username, Some(password))
            }
        });
    }
    let bearer = of_kind(SecurityKind::sends_bearer);
    if !bearer.is_empty() {
        apply_arms.push(quote! {
            Kind::Bearer { token } if accepted.iter().any(|s| matches!(s, #(Scheme::#bearer)|*)) => builder.bearer_auth(token),
        });
    }
    let apply_body = if schemes.is_empty() {
        quote! {
            let _ = (credentials, accepted);
            builder
        }
    } else {
        quote! {
            let ::std::option::Option::Some(Credentials(kind)) = credentials else {
                return builder;
            };
            match kind {
                #(#apply_arms)*
                _ => builder,
            }
        }
    };
    quote! {
        //! Credentials, and which operations they are sent to.

        use std::fmt;

        /// What the client authenticates with. Printing it never shows the secret.
        #[derive(Clone)]
        pub struct Credentials(Kind);

        #[derive(Clone)]
        enum Kind {
            #(#kinds,)*
        }

        impl Credentials {
            #(#constructors)*
        }

        impl fmt::Debug for Credentials {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                #debug_body
            }
        }

        /// The document's security schemes, as operations list the ones they accept.
        #[doc(hidden)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Scheme {
            #(#scheme_docs #schemes,)*
        }

        /// Adds the credentials to a request when one of the schemes it accepts matches them.
        pub(crate) fn apply(
            builder: reqwest::RequestBuilder,
            credentials: ::std::option::Option<&Credentials>,
            accepted: &[Scheme],
        ) -> reqwest::RequestBuilder {
            #apply_body
        }
    }
}

fn emit_runtime(features: &Features, files: &mut Vec<PendingFile>) -> Result<(), String> {
    let mut modules = vec![
        quote!(
            pub mod http;
        ),
        quote!(
            pub mod redact;
        ),
    ];
    files.push(template_file(
        "src/runtime/http.rs",
        &[include_str!("../../templates/runtime/http.rs")],
    )?);
    files.push(template_file(
        "src/runtime/redact.rs",
        &[include_str!("../../templates/runtime/redact.rs")],
    )?);
    if features.params {
        modules.push(quote!(
            pub mod params;
        ));
        let mut pieces = vec![include_str!("../../templates/runtime/params.rs")];
        if features.path_params {
            pieces.push(include_str!("../../templates/runtime/path.rs"));
        }
        files.push(template_file("src/runtime/params.rs", &pieces)?);
    }
    if features.pages {
        modules.push(quote!(
            pub mod pages;
        ));
        files.push(template_file(
            "src/runtime/pages.rs",
            &[include_str!("../../templates/runtime/pages.rs")],
        )?);
    }
    if features.numbers {
        modules.push(quote!(
            pub mod lenient;
        ));
        files.push(template_file(
            "src/runtime/lenient.rs",
            &[include_str!("../../templates/runtime/lenient.rs")],
        )?);
    }
    if features.dates {
        modules.push(quote!(
            pub mod datetime;
        ));
        let mut pieces = vec![include_str!("../../templates/runtime/datetime.rs")];
        if features.params {
            pieces.push(include_str!("../../templates/runtime/datetime_params.rs"));
        }
        files.push(template_file("src/runtime/datetime.rs", &pieces)?);
    }
    files.push(rust_file(
        "src/runtime/mod.rs",
        quote! {
            //! Helpers shared by every operation and model of this crate, emitted once.
            #(#modules)*
        },
    )?);
    Ok(())
}
