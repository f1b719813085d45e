//! The tests a generated crate gets: every reply example decodes (`tests/examples.rs`), every
//! request example goes on the wire as written (`tests/request_examples.rs`), and the list walker
//! follows links to the end (`tests/pages.rs`). The ones that send requests use the runtime's
//! loopback server, which generated crates carry as `tests/loopback/mod.rs`.

mod examples;
mod pages;
mod request_examples;
mod values;

use proc_macro2::TokenStream;
use quote::quote;

use super::files::Files;
use crate::ir::{Api, SecurityKind};

pub fn emit(api: &Api, files: &mut Files) {
    examples::emit(api, files);
    request_examples::emit(api, files);
    pages::emit(api, files);
}

/// The `ClientBuilder` call that gives an emitted test's client the credentials of the scheme
/// lowering chose for examples.
fn test_credentials(api: &Api, root: &TokenStream) -> TokenStream {
    let Some(scheme) = api.readme.credentials.map(|index| &api.security_schemes[index]) else {
        return quote!();
    };
    match &scheme.kind {
        SecurityKind::HttpBasic => quote!(.credentials(#root::Credentials::basic("ACexample", "token"))),
        SecurityKind::HttpBearer
        | SecurityKind::OAuth2ClientCredentials { .. }
        | SecurityKind::OAuth2 { .. }
        | SecurityKind::OpenIdConnect { .. } => {
            quote!(.credentials(#root::Credentials::bearer("token")))
        }
        SecurityKind::ApiKey { constructor, .. } => {
            let constructor = quote::format_ident!("{}", constructor);
            quote!(.credentials(#root::Credentials::#constructor("key")))
        }
    }
}

/// Declares the loopback server module in a test file.
fn uses_loopback() -> TokenStream {
    quote! {
        /// The runtime's loopback HTTP server.
        mod loopback;
    }
}
