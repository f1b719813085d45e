//! Models' `Serialize` and `Deserialize`, through the runtime's `model` module instead of serde's
//! derives (see `runtime/src/runtime/model.rs` for why).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{Additional, Field, TypeDef};

/// `Serialize` through `runtime::model`: the fields as map entries under their wire names, `None`
/// left out.
pub fn serialize_impl(def: &TypeDef, fields: &[Field], additional: Option<&Additional>) -> TokenStream {
    let name = format_ident!("{}", def.rust_name);
    // Read-only fields are the server's: never sent.
    let fields: Vec<&Field> = fields.iter().filter(|f| !f.read_only).collect();
    let entries = fields.iter().map(|f| {
        let ident = format_ident!("{}", f.rust_name);
        let wire = f.wire_name.as_str();
        if f.optional {
            quote!(map.optional(#wire, &self.#ident)?;)
        } else {
            quote!(map.serialize_entry(#wire, &self.#ident)?;)
        }
    });
    let rest = additional.map(|a| {
        let ident = format_ident!("{}", a.rust_name);
        quote! {
            for (key, value) in &self.#ident {
                map.serialize_entry(key, value)?;
            }
        }
    });
    let map = if fields.is_empty() && rest.is_none() {
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
                #rest
                map.end()
            }
        }
    }
}

/// `Deserialize` through `runtime::model`: one pass over the object's entries, unknown keys skipped,
/// optional numbers and dates read leniently.
pub fn deserialize_impl(
    def: &TypeDef,
    fields: &[Field],
    additional: Option<&Additional>,
    all_optional: bool,
) -> TokenStream {
    let name = format_ident!("{}", def.rust_name);
    let expecting = format!("struct {}", def.rust_name);
    let read = if fields.is_empty() && additional.is_none() {
        quote! {
            while map.next_entry::<::serde::de::IgnoredAny, ::serde::de::IgnoredAny>()?.is_some() {}
            ::std::result::Result::Ok(Self {})
        }
    } else {
        read_fields(def, fields, additional, all_optional)
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

/// The body of `Object::read`. `all_optional`: the struct derives `Default`, and is read straight
/// into a default value; otherwise into a local per field, so a required one that never came is an
/// error.
fn read_fields(def: &TypeDef, fields: &[Field], additional: Option<&Additional>, all_optional: bool) -> TokenStream {
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
        let value = match (f.optional, f.lenient) {
            (true, true) => quote!(map.next_lenient()?),
            (true, false) => quote!(map.next_value()?),
            (false, _) => quote!(::std::option::Option::Some(map.next_value()?)),
        };
        quote!(#wire => #target = #value,)
    });
    let fields_use = fields.iter().any(|f| f.optional && f.lenient).then(|| {
        quote!(
            use crate::runtime::model::Fields as _;
        )
    });
    let rest_local = additional.map(|_| quote!(let mut rest = ::std::collections::BTreeMap::new();));
    let rest_field = additional.map(|a| {
        let ident = format_ident!("{}", a.rust_name);
        quote!(#ident: rest,)
    });
    let (start, result) = if all_optional {
        let rest_set = additional.map(|a| {
            let ident = format_ident!("{}", a.rust_name);
            quote!(value.#ident = rest;)
        });
        (
            quote!(let mut value = <Self as ::std::default::Default>::default(); #rest_local),
            quote!(#rest_set ::std::result::Result::Ok(value)),
        )
    } else {
        let locals = fields.iter().map(&target);
        let values = fields.iter().map(|f| {
            let ident = format_ident!("{}", f.rust_name);
            let local = target(f);
            if f.optional {
                quote!(#ident: #local,)
            } else {
                let (model, wire) = (def.rust_name.as_str(), f.wire_name.as_str());
                quote!(#ident: crate::runtime::model::required(#local, #model, #wire)?,)
            }
        });
        (
            quote!(#(let mut #locals = ::std::option::Option::None;)* #rest_local),
            quote!(::std::result::Result::Ok(Self { #(#values)* #rest_field })),
        )
    };
    let other = match additional {
        Some(_) => quote! {
            other => {
                rest.insert(other.to_owned(), map.next_value()?);
            }
        },
        None => quote! {
            _ => {
                map.next_value::<::serde::de::IgnoredAny>()?;
            }
        },
    };
    quote! {
        #fields_use
        #start
        while let ::std::option::Option::Some(key) = map.next_key::<crate::runtime::model::Key<'de>>()? {
            match key.as_str() {
                #(#arms)*
                #other
            }
        }
        #result
    }
}
