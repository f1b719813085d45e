//! Rust types for IR type references.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{IntWidth, TypeRef};

/// The Rust type of a value, with fully qualified paths so no model name can shadow it.
pub fn rust_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Named(name) => {
            let name = format_ident!("{}", name);
            quote!(crate::models::#name)
        }
        TypeRef::String => quote!(::std::string::String),
        TypeRef::Integer(IntWidth::I32) => quote!(i32),
        TypeRef::Integer(IntWidth::I64) => quote!(i64),
        TypeRef::Number => quote!(f64),
        TypeRef::Boolean => quote!(bool),
        TypeRef::DateTime => quote!(::chrono::DateTime<::chrono::Utc>),
        TypeRef::Date => quote!(::chrono::NaiveDate),
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
