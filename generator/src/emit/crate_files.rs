//! The crate around the models and operations: manifest, README, `lib.rs`, credentials, client,
//! errors and the runtime helpers the document needs.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::features::{inputs, Features};
use super::{docs, rust_file, template_file, text_file, Files, PendingFile};
use crate::ir::{Api, Operation, SecurityKind, TypeRef};
use crate::lower::camel;

pub fn emit(api: &Api, features: &Features, files: &mut Files) -> Result<(), String> {
    files.push(text_file("Cargo.toml", "#", manifest(api, features)));
    files.push(text_file("README.md", "<!--", readme(api, features)).with_comment_closed());
    files.push(rust_file("src/lib.rs", lib_rs(api, features))?);
    files.push(rust_file("src/auth.rs", auth_rs(api, features))?);
    files.push(template_file(
        "src/client.rs",
        &[include_str!("../../templates/client.rs")],
    )?);
    files.push(template_file(
        "src/error.rs",
        &[include_str!("../../templates/error.rs")],
    )?);
    files.push(template_file(
        "src/clock.rs",
        &[include_str!("../../templates/clock.rs")],
    )?);
    files.push(template_file(
        "src/retry.rs",
        &[include_str!("../../templates/retry.rs")],
    )?);
    if features.dates {
        files.push(template_file(
            "src/datetime.rs",
            &[include_str!("../../templates/datetime.rs")],
        )?);
    }
    if features.tokens {
        let mut pieces = vec![include_str!("../../templates/token.rs")];
        if features.client_credentials {
            pieces.push(include_str!("../../templates/client_credentials.rs"));
        }
        files.push(template_file("src/token.rs", &pieces)?);
    }
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
        "# Models decode from and encode to JSON (their serde impls are emitted, so no derive macros).",
        "serde = \"1\"",
        "serde_json = \"1\"",
    ];
    deps.push(if features.tokens {
        "# Waiting between retries, and one token fetch shared by concurrent calls (tokio is already in reqwest's tree)."
    } else {
        "# Waiting between retries (tokio is already in reqwest's tree)."
    });
    deps.push(if features.tokens {
        "tokio = { version = \"1\", default-features = false, features = [\"time\", \"sync\"] }"
    } else {
        "tokio = { version = \"1\", default-features = false, features = [\"time\"] }"
    });
    if features.params || features.client_credentials {
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

fn readme(api: &Api, features: &Features) -> String {
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
            Some(SecurityKind::OAuth2ClientCredentials { .. }) => (
                "{Client, Credentials}",
                "Client::new(Credentials::client_credentials(\"your_client_id\", \"your_client_secret\"))",
            ),
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
    out.push_str(&tokens_section(api, features));
    out.push_str(&retries_section(api));
    out.push_str(&format!(
        "\nErrors are one type, [`{krate}::Error`]: the status and body of a non-success reply (with Twilio's\n`code`, `message` and `more_info` when present), a body that does not decode, or a transport failure.\n\nThis crate is generated by `cargo xtask codegen`; do not edit it by hand.\n"
    ));
    out
}

/// How the client gets access tokens, or how to keep one fresh with the API's own token operation.
fn tokens_section(api: &Api, features: &Features) -> String {
    let krate = crate_ident(api);
    if let Some(url) = super::features::client_credentials_url(api) {
        return format!(
            "\n## Access tokens\n\nWith `Credentials::client_credentials(id, secret)` the client gets its own OAuth 2 access tokens from\n`{url}`: on the first call that needs one, one fetch shared by all concurrent calls,\nreplaced 30 s before it expires (its `expires_in`, else the JWT `exp` claim, else after\n`TokenCache::DEFAULT_LIFETIME`) and once after a 401, which repeats the call once. A failed fetch fails\nthe call; nothing is sent without a token. Each client has its own cache. `token::ClientCredentials`\nchanges the token URL, the margin and the assumed lifetime; `Credentials::token_source` takes your own\n`token::TokenSource`.\n\n```rust,no_run\nuse std::time::Duration;\nuse {krate}::token::ClientCredentials;\nuse {krate}::{{Client, Credentials}};\n\n# fn example() -> Result<(), {krate}::Error> {{\nlet credentials = ClientCredentials::new(\"your_client_id\", \"your_client_secret\")\n    .refresh_margin(Duration::from_secs(60));\nlet client = Client::new(Credentials::from(credentials))?;\n# let _ = client;\n# Ok(())\n# }}\n```\n"
        );
    }
    if api.security_schemes.iter().any(|s| s.kind.sends_bearer()) {
        return "\n## Access tokens\n\n`Credentials::bearer(token)` sends a fixed token; `Credentials::token_source` takes a `token::TokenSource`\nthat is asked before every call (a `token::TokenCache` keeps one token, shares its fetch between concurrent\ncalls and refreshes it before it expires), and after a 401 is told so and asked once more.\n".to_string();
    }
    if !features.tokens {
        return String::new();
    }
    let Some((op, model)) = api.operations.iter().find_map(|op| {
        let Some(TypeRef::Named(name)) = &op.output else {
            return None;
        };
        let def = api.types.iter().find(|t| &t.rust_name == name)?;
        match &def.kind {
            crate::ir::TypeKind::Struct { fields } if fields.iter().any(|f| f.wire_name == "access_token") => {
                Some((op, fields))
            }
            _ => None,
        }
    }) else {
        return String::new();
    };
    let args: Vec<String> = inputs(op)
        .filter(|p| p.required)
        .map(|p| match p.wire_name.as_str() {
            "GrantType" | "grant_type" => "\"client_credentials\"".to_string(),
            _ => example_value(api, &p.ty, &p.wire_name),
        })
        .collect();
    let secret: String = inputs(op)
        .filter(|p| !p.required && p.rust_name == "client_secret")
        .map(|p| format!(".client_secret({})", example_value(api, &p.ty, &p.wire_name)))
        .collect();
    let lifetime = if model
        .iter()
        .any(|f| f.wire_name == "expires_in" && matches!(f.ty, TypeRef::Integer(_)))
    {
        "\n        let lifetime = reply.expires_in.and_then(|s| u64::try_from(s).ok()).unwrap_or(0);\n        Ok::<_, TokenError>(FetchedToken::new(token).expires_in(Duration::from_secs(lifetime)))"
    } else {
        "\n        // No `expires_in`: the cache reads the JWT's `exp` claim.\n        Ok::<_, TokenError>(FetchedToken::new(token))"
    };
    let duration_import = if lifetime.contains("Duration") {
        "use std::time::Duration;\n"
    } else {
        ""
    };
    format!(
        "\n## Keeping an access token fresh\n\n`{fname}` issues access tokens; `token::TokenCache` keeps one: it calls the operation on first use,\nshares that call between concurrent callers, and calls it again 30 s before the token expires\n(`FetchedToken::expires_in`, else the JWT `exp` claim, else `TokenCache::DEFAULT_LIFETIME`) or after\n`invalidate` (a 401 elsewhere). Clones share the token.\n\n```rust,no_run\n{duration_import}use {krate}::token::{{FetchedToken, TokenCache, TokenError}};\nuse {krate}::{{Client, Credentials}};\n\n# async fn example() -> Result<(), TokenError> {{\nlet client = Client::new(Credentials::basic(\"ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\", \"your_auth_token\"))?;\nlet tokens = TokenCache::new(move || {{\n    let client = client.clone();\n    async move {{\n        let reply = client.{fname}({args}){secret}.send().await?;\n        let token = reply.access_token.ok_or(\"the reply has no access token\")?;{lifetime}\n    }}\n}});\nlet token = tokens.get().await?; // the same token until it is about to expire\nprintln!(\"{{token:?}}\"); // AccessToken([redacted]); `token.secret()` is the token itself\n# Ok(())\n# }}\n```\n",
        fname = op.fn_name,
        args = args.join(", "),
    )
}

/// How to turn on retries.
fn retries_section(api: &Api) -> String {
    let krate = crate_ident(api);
    format!(
        "\n## Retries\n\nOff by default. With a `RetryPolicy` the client repeats a call that got `429` or `503` (when it is safe to\nrepeat: GET, HEAD, OPTIONS, PUT, DELETE, or a call marked with its builder's `idempotent()`) or whose\nconnection failed before anything was sent. It waits as `Retry-After` says (seconds or an HTTP date), else an\nexponential backoff with jitter, up to a number of attempts and a total wait; then the call fails with\n`Error::Exhausted`, which holds the last error and the attempt count. `on_retry` sees every retry.\n\n```rust,no_run\nuse std::time::Duration;\nuse {krate}::{{Client, RetryPolicy}};\n\n# fn example() -> Result<(), {krate}::Error> {{\nlet client = Client::builder()\n    .retry(\n        RetryPolicy::new()\n            .max_attempts(4)\n            .max_total_delay(Duration::from_secs(60))\n            .on_retry(|retry| eprintln!(\"retrying {{}} {{}} in {{:?}}\", retry.method, retry.path, retry.delay)),\n    )\n    .build()?;\n# let _ = client;\n# Ok(())\n# }}\n```\n"
    )
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
        TypeRef::DateTime => format!("{krate}::Timestamp::from_unix(1_706_702_400, 0).unwrap()"),
        TypeRef::Date => format!("{krate}::Date::new(2024, 1, 31).unwrap()"),
        TypeRef::Map(_) => "Default::default()".to_string(),
    }
}

fn lib_rs(api: &Api, features: &Features) -> TokenStream {
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
    let token_mod = features.tokens.then(|| {
        quote!(
            pub mod token;
        )
    });
    let token_url = super::features::client_credentials_url(api)
        .filter(|_| features.client_credentials)
        .map(|url| {
            quote! {
                /// Where client credentials are exchanged for access tokens, as the document says;
                /// [`token::ClientCredentials::token_url`] fetches elsewhere.
                pub const DEFAULT_TOKEN_URL: &str = #url;
            }
        });
    let datetime_mod = features.dates.then(|| {
        quote! {
            pub mod datetime;
        }
    });
    let datetime_use = features.dates.then(|| {
        quote! {
            pub use datetime::{Date, Timestamp};
        }
    });
    quote! {
        #crate_docs
        #no_operations

        pub mod auth;
        pub mod client;
        pub mod clock;
        #datetime_mod
        pub mod error;
        pub mod models;
        pub mod operations;
        pub mod retry;
        #token_mod
        /// Helpers the generated code shares; not part of the public API.
        #[doc(hidden)]
        pub mod runtime;

        pub use auth::Credentials;
        pub use client::{Client, ClientBuilder};
        #datetime_use
        pub use error::{ApiError, Error, TwilioError};
        pub use retry::RetryPolicy;

        /// The server the document names; `Client::builder().base_url(..)` sends elsewhere.
        pub const DEFAULT_BASE_URL: &str = #base_url;
        #token_url

        #[doc = include_str!("../README.md")]
        #[cfg(doctest)]
        pub struct ReadmeDoctests;
    }
}

fn auth_rs(api: &Api, features: &Features) -> TokenStream {
    let has_basic = api.security_schemes.iter().any(|s| s.kind == SecurityKind::HttpBasic);
    let has_bearer = api.security_schemes.iter().any(|s| s.kind.sends_bearer());
    // Kinds as the user gives them (`Kind`), and as a built client holds them (`ActiveKind`: client
    // credentials become a token cache), with the `Auth` each call sends.
    let mut kinds = Vec::new();
    let mut active_kinds = Vec::new();
    let mut auth_kinds = Vec::new();
    let mut constructors = Vec::new();
    let mut debug_arms = Vec::new();
    let mut active_debug_arms = Vec::new();
    let mut activate_arms = Vec::new();
    let mut apply_arms = Vec::new();
    let mut select_arms = Vec::new();
    let schemes: Vec<_> = api
        .security_schemes
        .iter()
        .map(|s| format_ident!("{}", camel(&s.key)))
        .collect();
    let of_kind = |wanted: fn(&SecurityKind) -> bool| -> Vec<_> {
        api.security_schemes
            .iter()
            .zip(&schemes)
            .filter(|(s, _)| wanted(&s.kind))
            .map(|(_, ident)| ident)
            .collect()
    };
    if has_basic {
        let basic = of_kind(|k| *k == SecurityKind::HttpBasic);
        let basic_fields = quote!(Basic {
            username: ::std::string::String,
            password: ::std::string::String
        });
        kinds.push(basic_fields.clone());
        active_kinds.push(basic_fields);
        auth_kinds.push(quote!(Basic { username: &'a str, password: &'a str }));
        constructors.push(quote! {
            /// HTTP basic authentication: an Account SID and its Auth Token, or an API key SID and its secret.
            pub fn basic(username: impl ::std::convert::Into<::std::string::String>, password: impl ::std::convert::Into<::std::string::String>) -> Self {
                Credentials(Kind::Basic { username: username.into(), password: password.into() })
            }
        });
        let basic_debug = quote! {
            f.debug_struct("Credentials::Basic")
                .field("username", username)
                .field("password", &crate::runtime::redact::Redacted)
                .finish()
        };
        debug_arms.push(quote!(Kind::Basic { username, .. } => #basic_debug,));
        active_debug_arms.push(quote!(ActiveKind::Basic { username, .. } => #basic_debug,));
        activate_arms.push(quote!(Kind::Basic { username, password } => ActiveKind::Basic { username, password },));
        select_arms.push(quote! {
            ActiveKind::Basic { username, password } if accepted.iter().any(|s| matches!(s, #(Scheme::#basic)|*)) => {
                Auth::Basic { username, password }
            }
        });
        apply_arms.push(quote! {
            Auth::Basic { username, password } => ::std::result::Result::Ok((builder.basic_auth(username, ::std::option::Option::Some(password)), ::std::option::Option::None)),
        });
    }
    if has_bearer {
        let bearer = of_kind(SecurityKind::sends_bearer);
        kinds.push(quote!(Token(::std::sync::Arc<dyn crate::token::TokenSource>)));
        active_kinds.push(quote!(Token(::std::sync::Arc<dyn crate::token::TokenSource>)));
        auth_kinds.push(quote!(Bearer(&'a dyn crate::token::TokenSource)));
        constructors.push(quote! {
            /// A fixed bearer token, sent as `Authorization: Bearer …`. A 401 is returned as is: the
            /// client cannot get another token (see [`Credentials::token_source`]).
            pub fn bearer(token: impl ::std::convert::Into<::std::string::String>) -> Self {
                Credentials(Kind::Token(::std::sync::Arc::new(crate::token::AccessToken::new(token))))
            }

            /// Bearer tokens from your own provider, asked before every call that needs one (cache
            /// them: a [`crate::token::TokenCache`] does). After a 401 the client tells the source
            /// with [`crate::token::TokenSource::reject`] and may try once more.
            pub fn token_source(source: impl crate::token::TokenSource + 'static) -> Self {
                Credentials(Kind::Token(::std::sync::Arc::new(source)))
            }
        });
        let token_debug = quote! {
            f.debug_struct("Credentials::Bearer")
                .field("token", &crate::runtime::redact::Redacted)
                .finish()
        };
        debug_arms.push(quote!(Kind::Token(_) => #token_debug,));
        active_debug_arms.push(quote!(ActiveKind::Token(_) => #token_debug,));
        activate_arms.push(quote!(Kind::Token(source) => ActiveKind::Token(source),));
        select_arms.push(quote! {
            ActiveKind::Token(source) if accepted.iter().any(|s| matches!(s, #(Scheme::#bearer)|*)) => Auth::Bearer(source.as_ref()),
        });
        apply_arms.push(quote! {
            Auth::Bearer(source) => {
                let token = source.token().await.map_err(crate::Error::Token)?;
                ::std::result::Result::Ok((builder.bearer_auth(token.secret()), ::std::option::Option::Some(token)))
            }
        });
    }
    if features.client_credentials {
        kinds.push(quote!(ClientCredentials(crate::token::ClientCredentials)));
        constructors.push(quote! {
            /// OAuth 2 client credentials: the client fetches an access token from the document's
            /// token URL on first use, shares it between concurrent calls, and refreshes it before it
            /// expires and after a 401. Configure it with [`crate::token::ClientCredentials`] and
            /// `Credentials::from`.
            pub fn client_credentials(client_id: impl ::std::convert::Into<::std::string::String>, client_secret: impl ::std::convert::Into<::std::string::String>) -> Self {
                Credentials(Kind::ClientCredentials(crate::token::ClientCredentials::new(client_id, client_secret)))
            }
        });
        debug_arms.push(quote!(Kind::ClientCredentials(credentials) => fmt::Debug::fmt(credentials, f),));
        activate_arms.push(quote! {
            Kind::ClientCredentials(credentials) => ActiveKind::Token(::std::sync::Arc::new(credentials.into_cache(http.clone(), max_body, clock.clone()))),
        });
    }
    let sent = if has_bearer {
        quote!(crate::token::AccessToken)
    } else {
        quote!(::std::convert::Infallible)
    };
    let reject_body = if has_bearer {
        quote! {
            match self {
                Auth::Bearer(source) => source.reject(token),
                _ => false,
            }
        }
    } else {
        quote!(match *token {})
    };
    let from_client_credentials = features.client_credentials.then(|| {
        quote! {
            impl ::std::convert::From<crate::token::ClientCredentials> for Credentials {
                fn from(credentials: crate::token::ClientCredentials) -> Self {
                    Credentials(Kind::ClientCredentials(credentials))
                }
            }
        }
    });
    // A document without security schemes has nothing to authenticate with: the kinds are empty.
    let (debug_body, active_debug_body, activate_body, select_body) = if kinds.is_empty() {
        (
            quote!({
                let _ = f;
                match self.0 {}
            }),
            quote!({
                let _ = f;
                match self.0 {}
            }),
            quote! {
                let _ = (http, max_body, clock);
                match self.0 {}
            },
            quote! {
                let _ = (credentials, accepted);
                Auth::None
            },
        )
    } else {
        let needs_http = features.client_credentials;
        let unused = (!needs_http).then(|| quote!(let _ = (http, max_body, clock);));
        (
            quote!(match &self.0 { #(#debug_arms)* }),
            quote!(match &self.0 { #(#active_debug_arms)* }),
            quote! {
                #unused
                Active(match self.0 { #(#activate_arms)* })
            },
            quote! {
                let ::std::option::Option::Some(Active(kind)) = credentials else {
                    return Auth::None;
                };
                match kind {
                    #(#select_arms)*
                    _ => Auth::None,
                }
            },
        )
    };
    // Without credentials to borrow, `Auth` has no lifetime (an unused one does not compile).
    let (auth_lifetime, auth_anonymous, borrow) = if auth_kinds.is_empty() {
        (quote!(), quote!(), quote!())
    } else {
        (quote!(<'a>), quote!(<'_>), quote!('a))
    };
    let scheme_docs: Vec<_> = api
        .security_schemes
        .iter()
        .map(|s| {
            let key = format!(" `{}` in the document's `securitySchemes`.", s.key);
            quote!(#[doc = #key])
        })
        .collect();
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

            /// The credentials a built client holds: client credentials become a token cache that
            /// fetches with the client's own HTTP client.
            pub(crate) fn activate(self, http: &reqwest::Client, max_body: usize, clock: &::std::sync::Arc<dyn crate::clock::Clock>) -> Active {
                #activate_body
            }
        }

        #from_client_credentials

        impl fmt::Debug for Credentials {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                #debug_body
            }
        }

        /// Credentials in a built client.
        pub(crate) struct Active(ActiveKind);

        enum ActiveKind {
            #(#active_kinds,)*
        }

        impl fmt::Debug for Active {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                #active_debug_body
            }
        }

        /// The document's security schemes, as operations list the ones they accept.
        #[doc(hidden)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Scheme {
            #(#scheme_docs #schemes,)*
        }

        /// What one call authenticates with, chosen once for all its attempts.
        pub(crate) enum Auth #auth_lifetime {
            None,
            #(#auth_kinds,)*
        }

        /// A token that was sent, to reject after a 401.
        pub(crate) type Sent = #sent;

        /// The credentials a call sends: those of the client, if one of the schemes its operation
        /// accepts matches them.
        pub(crate) fn select #auth_lifetime (credentials: ::std::option::Option<& #borrow Active>, accepted: &[Scheme]) -> Auth #auth_lifetime {
            #select_body
        }

        impl Auth #auth_anonymous {
            /// Adds the credentials to one attempt, with the token sent if there is one. A token that
            /// cannot be had fails the call: it is never sent without.
            pub(crate) async fn apply(&self, builder: reqwest::RequestBuilder) -> ::std::result::Result<(reqwest::RequestBuilder, ::std::option::Option<Sent>), crate::Error> {
                match self {
                    Auth::None => ::std::result::Result::Ok((builder, ::std::option::Option::None)),
                    #(#apply_arms)*
                }
            }

            /// After a 401 with `token`: whether a new token may come, so the call is worth one more try.
            pub(crate) fn reject(&self, token: &Sent) -> bool {
                #reject_body
            }
        }
    }
}

fn emit_runtime(features: &Features, files: &mut Files) -> Result<(), String> {
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
        if features.dates {
            pieces.push(include_str!("../../templates/runtime/datetime_params.rs"));
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
    if features.models {
        modules.push(quote!(
            pub mod model;
        ));
        files.push(template_file(
            "src/runtime/model.rs",
            &[include_str!("../../templates/runtime/model.rs")],
        )?);
    }
    if features.lenient {
        modules.push(quote!(
            pub mod lenient;
        ));
        let mut pieces = vec![include_str!("../../templates/runtime/lenient.rs")];
        if features.dates {
            pieces.push(include_str!("../../templates/runtime/lenient_dates.rs"));
        }
        files.push(template_file("src/runtime/lenient.rs", &pieces)?);
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
