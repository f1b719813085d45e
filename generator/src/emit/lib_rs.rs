//! `src/lib.rs`: the crate's docs, its modules and what it exports.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::files::{rust_file, PendingFile};
use crate::ir::{Api, TypeKind};

pub fn emit(api: &Api) -> PendingFile {
    // The front page is the README, so its example is the one that compiles (as a doctest).
    let crate_docs = quote!(#![doc = include_str!("../README.md")]);
    let servers = servers(api);
    let servers_mod = (!api.server_variables.is_empty()).then(|| {
        quote!(
            mod servers;
        )
    });
    let no_operations = api.operations.is_empty().then(
        || quote!(#![allow(dead_code, reason = "the document has no operations: the client has nothing to send yet")]),
    );
    let parts = &api.runtime;
    let token_mod = parts.tokens.then(|| {
        quote!(
            pub mod token;
        )
    });
    let token_url = api.client_credentials_url().map(|url| {
        quote! {
            /// Where client credentials are exchanged for access tokens, as the document says;
            /// [`token::ClientCredentials::token_url`] fetches elsewhere.
            pub const DEFAULT_TOKEN_URL: &str = #url;
        }
    });
    let datetime_mod = parts.dates.then(|| {
        quote!(
            pub mod datetime;
        )
    });
    let datetime_use = parts.dates.then(|| {
        quote!(
            pub use datetime::{Date, Timestamp};
        )
    });
    let twilio_mod = parts.twilio.then(|| {
        quote!(
            pub mod twilio;
        )
    });
    let file_use = parts.multipart.then(|| {
        quote!(
            pub use runtime::multipart::File;
        )
    });
    let secret_fields = secret_fields(api);
    rust_file(
        "src/lib.rs",
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
            pub mod reply;
            pub mod retry;
            #servers_mod
            #token_mod
            #twilio_mod
            /// Helpers the generated code shares; not part of the public API.
            #[doc(hidden)]
            pub mod runtime;

            pub use auth::Credentials;
            pub use client::{Client, ClientBuilder};
            #datetime_use
            pub use error::{ApiError, DecodeError, Error, TwilioError};
            pub use reply::{ByteStream, Pending, Response};
            pub use retry::RetryPolicy;
            #file_use
            /// The HTTP client this crate is built on, at the version it uses: a custom
            /// `reqwest::Client` for `ClientBuilder::http_client` needs no dependency of its own.
            pub use reqwest;

            #servers
            #token_url

            #secret_fields
        },
    )
}

/// `SECRET_FIELDS`: the wire names of every model field the document holds secrets in, sorted, for
/// the runtime to mask their values in what errors keep of replies (`runtime/redact_text.rs`).
/// Replies are models; inputs are sent, not received, and the names of the usual secret inputs are
/// in the runtime's `ALWAYS_SECRET` anyway. Taking inputs too masked every `code` of every error
/// body in a crate whose OAuth `Code` input is secret (Prism's `"code": "type"`, say).
fn secret_fields(api: &Api) -> TokenStream {
    let fields = api.types.iter().flat_map(|def| match &def.kind {
        TypeKind::Struct { fields, .. } => fields.as_slice(),
        TypeKind::OneOf { .. } | TypeKind::Enum { .. } => &[],
    });
    let names: BTreeSet<&str> = fields
        .filter(|field| field.sensitive)
        .map(|field| field.wire_name.as_str())
        .collect();
    let names = names.into_iter();
    let inputs: BTreeSet<&str> = api
        .operations
        .iter()
        .flat_map(|operation| operation.inputs())
        .filter(|input| input.sensitive)
        .map(|input| input.wire_name.as_str())
        .chain(
            api.security_schemes
                .iter()
                .filter_map(|scheme| scheme.kind.api_key().map(|key| key.name)),
        )
        .collect();
    let inputs = inputs.into_iter();
    quote! {
        /// The wire names of the model fields that hold secrets, as the document marks them or their
        /// names say: errors keep reply bodies and messages with their values masked as `[redacted]`
        /// (and those of `runtime::redact_text::ALWAYS_SECRET`, whatever the document says).
        #[doc(hidden)]
        pub const SECRET_FIELDS: &[&str] = &[#(#names),*];

        /// The wire names of the inputs that hold secrets, API keys among them: masked where a form or a query string in
        /// an error (an error body echoing the request) names them, not in JSON replies, whose keys
        /// are the models' (`code` is a secret input of OAuth and an error's code in a reply).
        #[doc(hidden)]
        pub const SECRET_INPUTS: &[&str] = &[#(#inputs),*];
    }
}

/// The server constants: the default base URL, and the template with its variables.
fn servers(api: &Api) -> TokenStream {
    let base_url = api.base_url.as_str();
    let template = api.servers.first().map(String::as_str).unwrap_or_default();
    let variables = api.server_variables.iter().map(|v| {
        let (name, default) = (v.name.as_str(), v.default.as_str());
        let allowed = v.allowed.iter();
        quote!((#name, #default, &[#(#allowed),*]))
    });
    quote! {
        /// The server the document names; `Client::builder().base_url(..)` sends elsewhere.
        pub const DEFAULT_BASE_URL: &str = #base_url;

        /// The server URL as the document writes it, and its variables: name, default, the
        /// values allowed (none: any).
        #[doc(hidden)]
        pub const SERVER_TEMPLATE: &str = #template;
        #[doc(hidden)]
        pub const SERVER_VARIABLES: &[(&str, &str, &[&str])] = &[#(#variables),*];
    }
}
