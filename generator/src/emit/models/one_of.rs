//! `oneOf`, `anyOf` and bases with a discriminator: an enum over the alternatives, chosen by the
//! discriminator's value when there is one, else the first that decodes, in document order.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::super::docs;
use super::super::types::rust_type;
use crate::ir::{Api, Discriminator, OneOfVariant, TypeDef, TypeKind, TypeRef};

pub fn one_of_model(
    def: &TypeDef,
    variants: &[OneOfVariant],
    (discriminator, catch_all): (Option<&Discriminator>, Option<&str>),
    api: &Api,
) -> TokenStream {
    let name = format_ident!("{}", def.rust_name);
    let doc = docs::outer(&def.docs);
    let separator = def.docs.is_some().then(|| quote!(#[doc = ""]));
    let idents: Vec<_> = variants.iter().map(|v| format_ident!("{}", v.rust_name)).collect();
    let types = variants.iter().map(|v| {
        let ty = rust_type(&v.ty);
        if v.boxed {
            quote!(::std::boxed::Box<#ty>)
        } else {
            ty
        }
    });
    let origin = match (discriminator, catch_all) {
        (None, _) => format!(" Schema `{}`: one of several shapes, tried in this order.", def.wire_name),
        (Some(d), None) => format!(
            " Schema `{}`: one of several shapes, chosen by the value of `{}` (the first that decodes when the value is unknown).",
            def.wire_name, d.property
        ),
        (Some(d), Some(other)) => format!(
            " Schema `{}`: one of the schemas that extend it, chosen by the value of `{}`; a value this version does not know is kept in `{other}`.",
            def.wire_name, d.property
        ),
    };
    let deserialize = deserialize_impl(api, def, variants, (discriminator, catch_all));
    let param_impl = api.runtime.params.then(|| param_impl(api, def, variants));
    quote! {
        #doc
        #separator
        #[doc = #origin]
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant, reason = "each alternative holds the document's model as it is, as a struct field would")]
        pub enum #name {
            #(#idents(#types),)*
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    #(Self::#idents(value) => ::serde::Serialize::serialize(value, serializer),)*
                }
            }
        }

        #deserialize

        #param_impl
    }
}

/// As an input: the alternative's own text, or JSON text for an object or a list.
fn param_impl(api: &Api, def: &TypeDef, variants: &[OneOfVariant]) -> TokenStream {
    let name = format_ident!("{}", def.rust_name);
    let arms = variants.iter().map(|v| {
        let ident = format_ident!("{}", v.rust_name);
        let as_json = match &v.ty {
            TypeRef::Array(_) | TypeRef::Map(_) | TypeRef::Bytes | TypeRef::File => true,
            TypeRef::Named(name) => matches!(api.type_def(name).map(|t| &t.kind), Some(TypeKind::Struct { .. })),
            TypeRef::String
            | TypeRef::Integer(_)
            | TypeRef::Number
            | TypeRef::Boolean
            | TypeRef::DateTime
            | TypeRef::Date
            | TypeRef::Any => false,
        };
        let text = if as_json {
            quote!(::serde_json::to_string(value).unwrap_or_default())
        } else {
            quote!(crate::runtime::params::ParamValue::to_param(&**value))
        };
        let text = if v.boxed || as_json {
            text
        } else {
            quote!(crate::runtime::params::ParamValue::to_param(value))
        };
        quote!(Self::#ident(value) => #text,)
    });
    quote! {
        impl crate::runtime::params::ParamValue for #name {
            fn to_param(&self) -> ::std::string::String {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

/// Decoding buffers the value, picks the alternative its discriminator names, else keeps it in the
/// catch-all variant or tries each alternative in order.
fn deserialize_impl(
    api: &Api,
    def: &TypeDef,
    variants: &[OneOfVariant],
    (discriminator, catch_all): (Option<&Discriminator>, Option<&str>),
) -> TokenStream {
    let name = format_ident!("{}", def.rust_name);
    let name_text = def.rust_name.as_str();
    let by_tag = discriminator.filter(|d| !d.mapping.is_empty()).map(|d| {
        let property = d.property.as_str();
        let arms = d.mapping.iter().map(|(value, variant)| {
            let variant = format_ident!("{}", variant);
            quote!(::std::option::Option::Some(#value) => return ::serde_json::from_value(value).map(Self::#variant).map_err(::serde::de::Error::custom),)
        });
        quote! {
            match value.get(#property).and_then(::serde_json::Value::as_str) {
                #(#arms)*
                _ => {}
            }
        }
    });
    let rest = match catch_all {
        Some(other) => {
            let other = format_ident!("{}", other);
            quote!(::std::result::Result::Ok(Self::#other(value)))
        }
        None => {
            let idents = variants.iter().map(|v| format_ident!("{}", v.rust_name));
            let no_match = match discriminator {
                None => format!("data did not match any variant of untagged enum {name_text}"),
                Some(_) => format!("no alternative of {name_text} matches"),
            };
            let exact = exact_matches(api, variants);
            quote! {
                #exact
                #(
                    if let ::std::result::Result::Ok(found) = ::serde_json::from_value(value.clone()) {
                        return ::std::result::Result::Ok(Self::#idents(found));
                    }
                )*
                ::std::result::Result::Err(::serde::de::Error::custom(#no_match))
            }
        }
    };
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                #by_tag
                #rest
            }
        }
    }
}

/// Before the first alternative that decodes, the first object alternative whose fields name every
/// key of the value: alternatives whose fields are all optional decode from any object, and the
/// first of them would drop what a later one keeps.
fn exact_matches(api: &Api, variants: &[OneOfVariant]) -> Option<TokenStream> {
    let checks: Vec<TokenStream> = variants
        .iter()
        .filter_map(|v| {
            let TypeRef::Named(name) = &v.ty else { return None };
            let TypeKind::Struct {
                fields,
                additional: None,
            } = &api.type_def(name)?.kind
            else {
                return None;
            };
            let ident = format_ident!("{}", v.rust_name);
            let known = fields.iter().map(|f| f.wire_name.as_str());
            Some(quote! {
                if keys.iter().all(|key| [#(#known),*].contains(key)) {
                    if let ::std::result::Result::Ok(found) = ::serde_json::from_value(value.clone()) {
                        return ::std::result::Result::Ok(Self::#ident(found));
                    }
                }
            })
        })
        .collect();
    if checks.len() < 2 {
        return None;
    }
    Some(quote! {
        if let ::std::option::Option::Some(object) = value.as_object() {
            let keys: ::std::vec::Vec<&str> = object.keys().map(::std::string::String::as_str).collect();
            #(#checks)*
        }
    })
}
