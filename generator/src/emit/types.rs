//! Rust types for IR type references.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{IntWidth, TypeRef};

/// The Rust type of a value, with fully qualified paths so no model name can shadow it.
pub fn rust_type(ty: &TypeRef) -> TokenStream {
    rust_type_from(ty, &quote!(crate))
}

/// The same, naming this crate's own models through `root` (`crate`, or `::name` from its tests).
pub fn rust_type_from(ty: &TypeRef, root: &TokenStream) -> TokenStream {
    let rust_type = |ty: &TypeRef| rust_type_from(ty, root);
    match ty {
        TypeRef::Named(name) => {
            let name = format_ident!("{}", name);
            quote!(#root::models::#name)
        }
        TypeRef::String => quote!(::std::string::String),
        TypeRef::Integer(IntWidth::I32) => quote!(i32),
        TypeRef::Integer(IntWidth::I64) => quote!(i64),
        TypeRef::Number => quote!(f64),
        TypeRef::Boolean => quote!(bool),
        TypeRef::DateTime => quote!(#root::datetime::Timestamp),
        TypeRef::Date => quote!(#root::datetime::Date),
        TypeRef::Array(inner) => {
            let inner = rust_type(inner);
            quote!(::std::vec::Vec<#inner>)
        }
        TypeRef::Map(inner) => {
            let inner = rust_type(inner);
            quote!(::std::collections::BTreeMap<::std::string::String, #inner>)
        }
        TypeRef::Any => quote!(::serde_json::Value),
    }
}
