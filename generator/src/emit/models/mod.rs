//! Models: one file per named type under `src/models/`.

mod enums;
mod one_of;
mod serde_impls;
mod structs;

use quote::{format_ident, quote};

use super::files::{rust_file, rust_file_with_note, Files};
use crate::ir::{Api, TypeKind};

/// Said at the top of every model file, where the long paths would otherwise puzzle a reader.
const PATHS_NOTE: &str =
    "// Paths are written in full (`::std::option::Option`): a schema may be named like a std type.\n";

pub fn emit(api: &Api, files: &mut Files) {
    for def in &api.types {
        let body = match &def.kind {
            TypeKind::Struct { fields, additional } => structs::struct_model(def, fields, additional.as_ref()),
            TypeKind::Enum { variants, other } => enums::enum_model(def, variants, other, api.runtime.params),
            TypeKind::OneOf {
                variants,
                discriminator,
                catch_all,
            } => one_of::one_of_model(def, variants, (discriminator.as_ref(), catch_all.as_deref()), api),
        };
        files.push(rust_file_with_note(
            &format!("src/models/{}.rs", def.module),
            PATHS_NOTE,
            body,
        ));
    }
    let modules = api.types.iter().map(|def| format_ident!("{}", def.module));
    let uses = api.types.iter().map(|def| {
        let (module, name) = (format_ident!("{}", def.module), format_ident!("{}", def.rust_name));
        quote!(pub use #module::#name;)
    });
    files.push(rust_file(
        "src/models/mod.rs",
        quote! {
            //! The document's schemas as Rust types: replies decode into these.

            #(mod #modules;)*
            #(#uses)*
        },
    ));
}
