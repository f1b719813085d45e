//! `oneOf`: an enum over the alternatives, chosen by the discriminator or by which one decodes.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::super::docs;
use super::super::types::rust_type;
use crate::ir::{Discriminator, OneOfVariant, TypeDef};

pub fn one_of_model(def: &TypeDef, variants: &[OneOfVariant], discriminator: Option<&Discriminator>) -> TokenStream {
    let name = format_ident!("{}", def.rust_name);
    let doc = docs::outer(&def.docs);
    let separator = def.docs.is_some().then(|| quote!(#[doc = ""]));
    let idents: Vec<_> = variants.iter().map(|v| format_ident!("{}", v.rust_name)).collect();
    let types: Vec<_> = variants.iter().map(|v| rust_type(&v.ty)).collect();
    let name_text = def.rust_name.as_str();
    // Decoding buffers the value, picks the alternative its discriminator names, else tries each
    // alternative in order; encoding writes the alternative as it is.
    let (origin, by_tag, no_match) = match discriminator {
        None => (
            format!(
                " Schema `{}`: one of several shapes, tried in this order.",
                def.wire_name
            ),
            None,
            format!("data did not match any variant of untagged enum {name_text}"),
        ),
        Some(discriminator) => {
            let property = discriminator.property.as_str();
            let arms = discriminator.mapping.iter().map(|(value, variant)| {
                let variant = format_ident!("{}", variant);
                quote!(::std::option::Option::Some(#value) => return ::serde_json::from_value(value).map(Self::#variant).map_err(::serde::de::Error::custom),)
            });
            let by_tag = quote! {
                match value.get(#property).and_then(::serde_json::Value::as_str) {
                    #(#arms)*
                    _ => {}
                }
            };
            (
                format!(
                    " Schema `{}`: one of several shapes, chosen by the value of `{property}` (the first that decodes when the value is unknown).",
                    def.wire_name
                ),
                Some(by_tag),
                format!("no alternative of {name_text} matches"),
            )
        }
    };
    quote! {
        #doc
        #separator
        #[doc = #origin]
        #[derive(Debug, Clone, PartialEq)]
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

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                #by_tag
                #(
                    if let ::std::result::Result::Ok(found) = ::serde_json::from_value(value.clone()) {
                        return ::std::result::Result::Ok(Self::#idents(found));
                    }
                )*
                ::std::result::Result::Err(::serde::de::Error::custom(#no_match))
            }
        }
    }
}
