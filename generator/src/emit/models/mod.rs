//! Models: one file per named type under `src/models/`.

mod enums;
mod one_of;
mod serde_impls;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use super::files::{rust_file, rust_file_with_note, Files};
use super::types::rust_type;
use crate::ir::{Api, Field, TypeDef, TypeKind};

/// Said at the top of every model file, where the long paths would otherwise puzzle a reader.
const PATHS_NOTE: &str =
    "// Paths are written in full (`::std::option::Option`): a schema may be named like a std type.\n";

pub fn emit(api: &Api, files: &mut Files) {
    for def in &api.types {
        let body = match &def.kind {
            TypeKind::Struct { fields } => struct_model(def, fields),
            TypeKind::Enum { variants, other } => enums::enum_model(def, variants, other, api.runtime.params),
            TypeKind::OneOf {
                variants,
                discriminator,
            } => one_of::one_of_model(def, variants, discriminator.as_ref()),
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

fn struct_model(def: &TypeDef, fields: &[Field]) -> TokenStream {
    let name = format_ident!("{}", def.rust_name);
    let doc = docs::outer(&def.docs);
    let separator = def.docs.is_some().then(|| quote!(#[doc = ""]));
    let origin = format!(" Schema `{}`.", def.wire_name);
    let has_secrets = fields.iter().any(|f| f.sensitive);
    let all_optional = fields.iter().all(|f| f.optional);
    let mut derives = vec![quote!(Clone), quote!(PartialEq)];
    if !has_secrets {
        derives.insert(0, quote!(Debug));
    }
    if all_optional {
        derives.push(quote!(Default));
    }
    let field_items = fields.iter().map(field_item);
    let debug_impl = has_secrets.then(|| {
        let name_text = def.rust_name.as_str();
        let entries = fields.iter().map(|f| {
            let ident = format_ident!("{}", f.rust_name);
            let label = f.rust_name.as_str();
            if f.sensitive {
                quote!(.field(#label, crate::runtime::redact::redacted(&self.#ident)))
            } else {
                quote!(.field(#label, &self.#ident))
            }
        });
        quote! {
            /// Prints secrets as `[redacted]`.
            impl ::std::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.debug_struct(#name_text)
                        #(#entries)*
                        .finish()
                }
            }
        }
    });
    let serialize = serde_impls::serialize_impl(def, fields);
    let deserialize = serde_impls::deserialize_impl(def, fields, all_optional);
    quote! {
        #doc
        #separator
        #[doc = #origin]
        #[derive(#(#derives,)*)]
        pub struct #name {
            #(#field_items)*
        }

        #debug_impl

        #serialize

        #deserialize
    }
}

fn field_item(field: &Field) -> TokenStream {
    let ident = format_ident!("{}", field.rust_name);
    let doc = docs::outer(&field.docs);
    let inner = rust_type(&field.ty);
    let ty = if field.optional {
        quote!(::std::option::Option<#inner>)
    } else {
        inner
    };
    quote! {
        #doc
        pub #ident: #ty,
    }
}
