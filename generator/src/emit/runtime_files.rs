//! The runtime modules a crate carries: copies of the `runtime` crate's files (`runtime/src` in this
//! repository), exactly those its document needs, and the module files that declare them.
//!
//! A new runtime module: write it in `runtime/src` (declared in the runtime crate's own module file),
//! give it a line in [`MODULES`] with the condition that includes it, and, when that condition is
//! new, a flag in `ir::RuntimeParts` that `lower::crate_parts` sets.

use quote::{format_ident, quote};

use super::files::{runtime_file, rust_file, Files, PendingFile};
use crate::ir::{Api, RuntimeParts};

/// A module of the runtime crate: where it goes in a generated crate, its text, and when a crate
/// needs it.
struct Module {
    path: &'static str,
    source: &'static str,
    needed: fn(&RuntimeParts) -> bool,
}

macro_rules! module {
    ($path:literal, $needed:expr) => {
        Module {
            path: $path,
            source: include_str!(concat!("../../../runtime/", $path)),
            needed: $needed,
        }
    };
}

/// Every module of the runtime, in the order of their paths.
const MODULES: &[Module] = &[
    module!("src/client.rs", |_| true),
    module!("src/clock.rs", |_| true),
    module!("src/datetime.rs", |p| p.dates),
    module!("src/error.rs", |_| true),
    module!("src/reply.rs", |_| true),
    module!("src/retry.rs", |_| true),
    module!("src/runtime/date_params.rs", |p| p.params && p.dates),
    module!("src/runtime/finish.rs", |_| true),
    module!("src/runtime/http.rs", |_| true),
    module!("src/runtime/lenient.rs", |p| p.lenient),
    module!("src/runtime/lenient_dates.rs", |p| p.lenient && p.dates),
    module!("src/runtime/model.rs", |p| p.models),
    module!("src/runtime/multipart.rs", |p| p.multipart),
    module!("src/runtime/pages.rs", |p| p.pages),
    module!("src/runtime/params.rs", |p| p.params),
    module!("src/runtime/path.rs", |p| p.path_params),
    module!("src/runtime/redact.rs", |_| true),
    module!("src/runtime/redact_scan.rs", |_| true),
    module!("src/runtime/redact_text.rs", |_| true),
    module!("src/runtime/styles.rs", |p| p.styles),
    module!("src/runtime/trace.rs", |_| true),
    module!("src/token/cache.rs", |p| p.tokens),
    module!("src/token/client_credentials.rs", |p| p.client_credentials),
    module!("src/twilio.rs", |p| p.twilio),
];

/// The loopback server of the emitted tests, which declare it as `mod loopback;`.
const LOOPBACK: Module = Module {
    path: "tests/loopback/mod.rs",
    source: include_str!("../../../runtime/src/loopback.rs"),
    needed: |p| p.loopback_tests,
};

pub fn emit(api: &Api, files: &mut Files) {
    let needed: Vec<&Module> = MODULES
        .iter()
        .chain([&LOOPBACK])
        .filter(|m| (m.needed)(&api.runtime))
        .collect();
    for module in &needed {
        files.push(runtime_file(module.path, module.source));
    }
    files.push(runtime_mod(&needed));
    if api.runtime.tokens {
        files.push(token_mod(api.runtime.client_credentials));
    }
}

/// `src/runtime/mod.rs`: the helpers this crate carries.
fn runtime_mod(needed: &[&Module]) -> PendingFile {
    let names = needed
        .iter()
        .filter_map(|m| m.path.strip_prefix("src/runtime/")?.strip_suffix(".rs"))
        .map(|name| format_ident!("{}", name));
    rust_file(
        "src/runtime/mod.rs",
        quote! {
            //! Helpers shared by every operation and model of this crate, emitted once.

            #(pub mod #names;)*
        },
    )
}

/// `src/token/mod.rs`: token sources and the cache, and client credentials when the document has them.
fn token_mod(client_credentials: bool) -> PendingFile {
    let client_credentials_mod = client_credentials.then(|| {
        quote!(
            mod client_credentials;
        )
    });
    let client_credentials_use = client_credentials.then(|| {
        quote!(
            pub use client_credentials::ClientCredentials;
        )
    });
    rust_file(
        "src/token/mod.rs",
        quote! {
            //! Access tokens: where a client gets the bearer token it sends, and a cache that fetches one when
            //! needed, shares the fetch between concurrent callers and refreshes it before it expires.

            mod cache;
            #client_credentials_mod

            pub use cache::*;
            #client_credentials_use
        },
    )
}
