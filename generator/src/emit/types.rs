//! Rust types for IR type references.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{IntWidth, TypeRef};

/// How a file names types.
#[derive(Clone, Copy)]
enum Paths {
    /// `::std::string::String`: in files where a schema may be named like a std type (models,
    /// emitted tests).
    Full,
    /// `String`: in files that define no type a schema names (operations: builders end in `Request`).
    Short,
}

/// The Rust type of a value in a model, with fully qualified paths so no model name can shadow it.
pub fn rust_type(ty: &TypeRef) -> TokenStream {
    print(ty, &quote!(crate), Paths::Full)
}

/// The same, naming this crate's own models through `root` (`::name` from its tests).
pub fn rust_type_from(ty: &TypeRef, root: &TokenStream) -> TokenStream {
    print(ty, root, Paths::Full)
}

/// The Rust type of a value in an operation file, with the prelude's short names.
pub fn short_type(ty: &TypeRef) -> TokenStream {
    print(ty, &quote!(crate), Paths::Short)
}

fn print(ty: &TypeRef, root: &TokenStream, paths: Paths) -> TokenStream {
    let string = match paths {
        Paths::Full => quote!(::std::string::String),
        Paths::Short => quote!(String),
    };
    match ty {
        TypeRef::Named(name) => {
            let name = format_ident!("{}", name);
            quote!(#root::models::#name)
        }
        TypeRef::String => string,
        TypeRef::Integer(IntWidth::I32) => quote!(i32),
        TypeRef::Integer(IntWidth::I64) => quote!(i64),
        TypeRef::Number => quote!(f64),
        TypeRef::Boolean => quote!(bool),
        TypeRef::DateTime => quote!(#root::datetime::Timestamp),
        TypeRef::Date => quote!(#root::datetime::Date),
        TypeRef::Array(inner) => {
            let inner = print(inner, root, paths);
            match paths {
                Paths::Full => quote!(::std::vec::Vec<#inner>),
                Paths::Short => quote!(Vec<#inner>),
            }
        }
        TypeRef::Map(inner) => {
            let inner = print(inner, root, paths);
            quote!(::std::collections::BTreeMap<#string, #inner>)
        }
        TypeRef::Any => quote!(::serde_json::Value),
        TypeRef::Bytes => match paths {
            Paths::Full => quote!(::std::vec::Vec<u8>),
            Paths::Short => quote!(Vec<u8>),
        },
        TypeRef::File => quote!(#root::File),
    }
}
