//! Models: one file per named type under `src/models/`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::features::{reads_leniently, Features};
use super::types::rust_type;
use super::{docs, rust_file, Files};
use crate::ir::{Api, Discriminator, Field, OneOfVariant, TypeDef, TypeKind, Variant};

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
    let serialize = serialize_impl(def, fields);
    let deserialize = deserialize_impl(def, fields, all_optional);
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

/// `Serialize` through `runtime::model`: the fields as map entries under their wire names, `None`
/// left out.
fn serialize_impl(def: &TypeDef, fields: &[Field]) -> TokenStream {
    let name = format_ident!("{}", def.rust_name);
    let entries = fields.iter().map(|f| {
        let ident = format_ident!("{}", f.rust_name);
        let wire = f.wire_name.as_str();
        if f.optional {
            quote!(map.optional(#wire, &self.#ident)?;)
        } else {
            quote!(map.serialize_entry(#wire, &self.#ident)?;)
        }
    });
    let map = if fields.is_empty() {
        quote!(map)
    } else {
        quote!(mut map)
    };
    let entries_use = fields.iter().any(|f| f.optional).then(|| {
        quote!(
            use crate::runtime::model::Entries as _;
        )
    });
    quote! {
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                #entries_use
                let #map = serializer.serialize_map(::std::option::Option::None)?;
                #(#entries)*
                map.end()
            }
        }
    }
}

/// `Deserialize` through `runtime::model`: one pass over the object's entries, unknown keys skipped,
/// optional numbers and dates read leniently.
/// `all_optional`: the struct derives `Default`, and is read straight into a default value;
/// otherwise into a local per field, so a required one that never came is an error.
fn deserialize_impl(def: &TypeDef, fields: &[Field], all_optional: bool) -> TokenStream {
    let name = format_ident!("{}", def.rust_name);
    let expecting = format!("struct {}", def.rust_name);
    let target = |f: &Field| {
        if all_optional {
            let ident = format_ident!("{}", f.rust_name);
            quote!(value.#ident)
        } else {
            let local = format_ident!("field_{}", f.rust_name);
            quote!(#local)
        }
    };
    let arms = fields.iter().map(|f| {
        let target = target(f);
        let wire = f.wire_name.as_str();
        let value = match (f.optional, reads_leniently(&f.ty)) {
            (true, true) => quote!(map.next_lenient()?),
            (true, false) => quote!(map.next_value()?),
            (false, _) => quote!(::std::option::Option::Some(map.next_value()?)),
        };
        quote!(#wire => #target = #value,)
    });
    let fields_use = fields.iter().any(|f| f.optional && reads_leniently(&f.ty)).then(|| {
        quote!(
            use crate::runtime::model::Fields as _;
        )
    });
    let (start, result) = if all_optional {
        (
            quote!(let mut value = <Self as ::std::default::Default>::default();),
            quote!(::std::result::Result::Ok(value)),
        )
    } else {
        let locals = fields.iter().map(&target);
        let values = fields.iter().map(|f| {
            let ident = format_ident!("{}", f.rust_name);
            let local = target(f);
            if f.optional {
                quote!(#ident: #local,)
            } else {
                let wire = f.wire_name.as_str();
                quote!(#ident: crate::runtime::model::required(#local, #wire)?,)
            }
        });
        (
            quote!(#(let mut #locals = ::std::option::Option::None;)*),
            quote!(::std::result::Result::Ok(Self { #(#values)* })),
        )
    };
    let read = if fields.is_empty() {
        quote! {
            while map.next_entry::<::serde::de::IgnoredAny, ::serde::de::IgnoredAny>()?.is_some() {}
            ::std::result::Result::Ok(Self {})
        }
    } else {
        quote! {
            #fields_use
            #start
            while let ::std::option::Option::Some(key) = map.next_key::<crate::runtime::model::Key<'de>>()? {
                match key.as_str() {
                    #(#arms)*
                    _ => {
                        map.next_value::<::serde::de::IgnoredAny>()?;
                    }
                }
            }
            #result
        }
    };
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                crate::runtime::model::object(deserializer)
            }
        }

        impl crate::runtime::model::Object for #name {
            const EXPECTING: &'static str = #expecting;

            fn read<'de, A: ::serde::de::MapAccess<'de>>(mut map: A) -> ::std::result::Result<Self, A::Error> {
                #read
            }
        }
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

        #param_impl
    }
}

fn one_of_model(def: &TypeDef, variants: &[OneOfVariant], discriminator: Option<&Discriminator>) -> TokenStream {
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
