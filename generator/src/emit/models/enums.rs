//! String enums: open, with a catch-all variant that keeps values the document does not list.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::super::docs;
use crate::ir::{TypeDef, Variant};

pub fn enum_model(def: &TypeDef, variants: &[Variant], other: &str, params: bool) -> TokenStream {
    let name = format_ident!("{}", def.rust_name);
    let doc = docs::outer(&def.docs);
    let separator = def.docs.is_some().then(|| quote!(#[doc = ""]));
    let origin = format!(
        " Schema `{}`. Open: a value this version does not list decodes into `{other}`.",
        def.wire_name
    );
    let other = format_ident!("{}", other);
    let idents: Vec<_> = variants.iter().map(|v| format_ident!("{}", v.rust_name)).collect();
    let values: Vec<_> = variants.iter().map(|v| v.wire_value.as_str()).collect();
    let variant_docs = values.iter().map(|v| format!(" `{v}`"));
    let param_impl = params.then(|| {
        quote! {
            impl crate::runtime::params::ParamValue for #name {
                fn to_param(&self) -> ::std::string::String {
                    self.as_str().to_owned()
                }
            }
        }
    });
    let conversions = conversions(&name, &other, &idents, &values);
    quote! {
        #doc
        #separator
        #[doc = #origin]
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #(#[doc = #variant_docs] #idents,)*
            /// A value the document did not list, kept as sent.
            #other(::std::string::String),
        }

        impl #name {
            /// The value as it goes on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#idents => #values,)*
                    Self::#other(value) => value,
                }
            }
        }

        #conversions

        #param_impl
    }
}

/// `From` both ways between the enum and strings, `Display`, and serde's impls as a string.
fn conversions(name: &Ident, other: &Ident, idents: &[Ident], values: &[&str]) -> TokenStream {
    quote! {
        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#values => Self::#idents,)*
                    other => Self::#other(other.to_owned()),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for #name {
            fn from(value: ::std::string::String) -> Self {
                match Self::from(value.as_str()) {
                    Self::#other(_) => Self::#other(value),
                    known => known,
                }
            }
        }

        impl ::std::convert::From<#name> for ::std::string::String {
            fn from(value: #name) -> Self {
                match value {
                    #name::#other(value) => value,
                    known => known.as_str().to_owned(),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                <::std::string::String as ::serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }

    }
}
