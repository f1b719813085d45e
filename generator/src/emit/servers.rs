//! `src/servers.rs`: a `ClientBuilder` setter per variable of the document's server URL.

use quote::{format_ident, quote};

use super::docs;
use super::files::{rust_file, PendingFile};
use crate::ir::Api;

/// The setters, when the server URL has variables.
pub fn emit(api: &Api) -> Option<PendingFile> {
    if api.server_variables.is_empty() {
        return None;
    }
    let template = api.servers.first().map(String::as_str).unwrap_or_default();
    let setters = api.server_variables.iter().map(|variable| {
        let setter = format_ident!("{}", variable.setter);
        let name = variable.name.as_str();
        let summary = format!(" Sets `{{{name}}}` in the server URL `{template}`.");
        let allowed = match variable.allowed.as_slice() {
            [] => format!(" Default: `{}`.", variable.default),
            values => format!(
                " One of `{}`; default: `{}`. Another value fails `build`.",
                values.join("`, `"),
                variable.default
            ),
        };
        let more = docs::outer(&variable.docs);
        quote! {
            #[doc = #summary]
            #more
            #[doc = ""]
            #[doc = #allowed]
            pub fn #setter(self, #setter: impl Into<String>) -> Self {
                self.server_variable(#name, #setter.into())
            }
        }
    });
    Some(rust_file(
        "src/servers.rs",
        quote! {
            //! The variables of the document's server URL, as `ClientBuilder` settings.

            impl crate::ClientBuilder {
                #(#setters)*
            }
        },
    ))
}
