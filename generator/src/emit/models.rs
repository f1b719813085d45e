//! Models: one file per named type under `src/models/`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::features::Features;
use super::types::rust_type;
use super::{docs, rust_file, Files};
use crate::ir::{Api, Discriminator, Field, OneOfVariant, TypeDef, TypeKind, TypeRef, Variant};

pub fn emit(api: &Api, features: &Features, files: &mut Files) -> Result<(), String> {
    let mut modules = Vec::new();
    for def in &api.types {
        let module = format_ident!("{}", def.module);
        let name = format_ident!("{}", def.rust_name);
        modules.push(quote! {
            mod #module;
            pub use #module::#name;
        });
        let body = match &def.kind {
            TypeKind::Struct { fields } => struct_model(def, fields),
            TypeKind::Enum { variants, other } => enum_model(def, variants, other, features),
            TypeKind::OneOf {
                variants,
                discriminator,
            } => one_of_model(def, variants, discriminator.as_ref()),
        };
        files.push(rust_file(&format!("src/models/{}.rs", def.module), body)?);
    }
    files.push(rust_file(
        "src/models/mod.rs",
        quote! {
            //! The document's schemas as Rust types: replies decode into these.
            #(#modules)*
        },
    )?);
    Ok(())
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
            match (f.sensitive, f.optional) {
                (false, _) => quote!(.field(#label, &self.#ident)),
                (true, true) => quote!(.field(#label, &self.#ident.as_ref().map(|_| crate::runtime::redact::Redacted))),
                (true, false) => quote!(.field(#label, &crate::runtime::redact::Redacted)),
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
    quote! {
        #doc
        #separator
        #[doc = #origin]
        #[derive(#(#derives,)* ::serde::Serialize, ::serde::Deserialize)]
        pub struct #name {
            #(#field_items)*
        }

        #debug_impl
    }
}

fn field_item(field: &Field) -> TokenStream {
    let ident = format_ident!("{}", field.rust_name);
    let doc = docs::outer(&field.docs);
    let inner = rust_type(&field.ty);
    let mut serde_args = Vec::new();
    if field.wire_name != field.rust_name {
        let wire = field.wire_name.as_str();
        serde_args.push(quote!(rename = #wire));
    }
    let ty = if field.optional {
        serde_args.push(quote!(default));
        serde_args.push(quote!(skip_serializing_if = "::std::option::Option::is_none"));
        let lenient = match field.ty {
            TypeRef::DateTime => Some("crate::runtime::datetime::lenient"),
            TypeRef::Number => Some("crate::runtime::lenient::f64_opt"),
            TypeRef::Integer(crate::ir::IntWidth::I64) => Some("crate::runtime::lenient::i64_opt"),
            TypeRef::Integer(crate::ir::IntWidth::I32) => Some("crate::runtime::lenient::i32_opt"),
            _ => None,
        };
        if let Some(path) = lenient {
            serde_args.push(quote!(deserialize_with = #path));
        }
        quote!(::std::option::Option<#inner>)
    } else {
        if field.ty == TypeRef::DateTime {
            serde_args.push(quote!(deserialize_with = "crate::runtime::datetime::strict"));
        }
        inner
    };
    let serde_attr = (!serde_args.is_empty()).then(|| quote!(#[serde(#(#serde_args),*)]));
    quote! {
        #doc
        #serde_attr
        pub #ident: #ty,
    }
}

fn enum_model(def: &TypeDef, variants: &[Variant], other: &str, features: &Features) -> TokenStream {
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
    let param_impl = features.params.then(|| {
        quote! {
            impl crate::runtime::params::ParamValue for #name {
                fn to_param(&self) -> ::std::string::String {
                    self.as_str().to_owned()
                }
            }
        }
    });
    quote! {
        #doc
        #separator
        #[doc = #origin]
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(from = "::std::string::String", into = "::std::string::String")]
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

        #param_impl
    }
}

fn one_of_model(def: &TypeDef, variants: &[OneOfVariant], discriminator: Option<&Discriminator>) -> TokenStream {
    let name = format_ident!("{}", def.rust_name);
    let doc = docs::outer(&def.docs);
    let separator = def.docs.is_some().then(|| quote!(#[doc = ""]));
    let idents: Vec<_> = variants.iter().map(|v| format_ident!("{}", v.rust_name)).collect();
    let types: Vec<_> = variants.iter().map(|v| rust_type(&v.ty)).collect();
    let Some(discriminator) = discriminator else {
        let origin = format!(
            " Schema `{}`: one of several shapes, tried in this order.",
            def.wire_name
        );
        return quote! {
            #doc
            #separator
            #[doc = #origin]
            #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #[serde(untagged)]
            pub enum #name {
                #(#idents(#types),)*
            }
        };
    };
    let property = discriminator.property.as_str();
    let origin = format!(
        " Schema `{}`: one of several shapes, chosen by the value of `{property}` (the first that decodes when the value is unknown).",
        def.wire_name
    );
    let arms = discriminator.mapping.iter().map(|(value, variant)| {
        let variant = format_ident!("{}", variant);
        quote!(::std::option::Option::Some(#value) => ::serde_json::from_value(value).map(Self::#variant).map_err(::serde::de::Error::custom),)
    });
    let name_text = def.rust_name.as_str();
    quote! {
        #doc
        #separator
        #[doc = #origin]
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize)]
        #[serde(untagged)]
        pub enum #name {
            #(#idents(#types),)*
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let tag = value.get(#property).and_then(::serde_json::Value::as_str).map(::std::borrow::ToOwned::to_owned);
                match tag.as_deref() {
                    #(#arms)*
                    _ => {
                        #(
                            if let ::std::result::Result::Ok(found) = ::serde_json::from_value(value.clone()) {
                                return ::std::result::Result::Ok(Self::#idents(found));
                            }
                        )*
                        ::std::result::Result::Err(::serde::de::Error::custom(concat!("no alternative of ", #name_text, " matches")))
                    }
                }
            }
        }
    }
}
