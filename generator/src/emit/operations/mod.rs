//! Operations: a method on `Client` per operation, returning a request builder whose required
//! inputs were the method's arguments and whose optional inputs are setters; `send` performs the call.
//! One file per tag under `src/operations/`.
//!
//! Operation files define only builders (named `…Request`), so they use the prelude's short names
//! (`String`, `Option`, `None`) where models spell paths in full.

mod builder;
mod send;

use std::collections::BTreeMap;

use quote::{format_ident, quote};

use super::files::{rust_file, Files};
use crate::ir::{Api, Operation, PathSegment};

pub fn emit(api: &Api, files: &mut Files) {
    let mut by_module: BTreeMap<&str, Vec<&Operation>> = BTreeMap::new();
    for op in &api.operations {
        by_module.entry(op.module.as_str()).or_default().push(op);
    }
    for (module, ops) in &by_module {
        let items = ops.iter().map(|op| builder::operation(op));
        files.push(rust_file(
            &format!("src/operations/{module}.rs"),
            quote! {
                #(#items)*
            },
        ));
    }
    let modules: Vec<_> = by_module.keys().map(|module| format_ident!("{}", module)).collect();
    files.push(rust_file(
        "src/operations/mod.rs",
        quote! {
            //! Request builders, one per operation; each is created by the `Client` method of the same name.

            #(mod #modules;)*
            #(pub use #modules::*;)*
        },
    ));
}

/// The path template as the document writes it: `/v1/Things/{Sid}`.
fn path_text(op: &Operation) -> String {
    op.path
        .iter()
        .map(|segment| match segment {
            PathSegment::Literal(text) => text.clone(),
            PathSegment::Param(index) => format!("{{{}}}", op.params[*index].wire_name),
        })
        .collect()
}
