//! Structs: a field per property, the entries no field names when the schema allows more, a `new`
//! that takes the fields a value cannot be without, and `Debug` that hides secrets.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::super::docs;
use super::super::types::rust_type;
use super::serde_impls;
use crate::ir::{Additional, Field, TypeDef};

pub fn struct_model(def: &TypeDef, fields: &[Field], additional: Option<&Additional>) -> TokenStream {
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
    let additional_item = additional.map(|a| {
        let ident = format_ident!("{}", a.rust_name);
        let ty = rust_type(&a.ty);
        quote! {
            /// The object's other entries, which the document allows beyond the fields above.
            pub #ident: ::std::collections::BTreeMap<::std::string::String, #ty>,
        }
    });
    let constructor = constructor(&name, fields, additional);
    let debug_impl = has_secrets.then(|| debug_impl(def, fields, additional));
    let serialize = serde_impls::serialize_impl(def, fields, additional);
    let deserialize = serde_impls::deserialize_impl(def, fields, additional, all_optional);
    quote! {
        #doc
        #separator
        #[doc = #origin]
        #[derive(#(#derives,)*)]
        pub struct #name {
            #(#field_items)*
            #additional_item
        }

        #constructor

        #debug_impl

        #serialize

        #deserialize
    }
}

/// The field's type as the struct holds it: `Box`ed when it contains the struct again, in an
/// `Option` when it may be missing.
pub fn field_type(field: &Field) -> TokenStream {
    let mut ty = rust_type(&field.ty);
    if field.boxed {
        ty = quote!(::std::boxed::Box<#ty>);
    }
    if field.optional {
        ty = quote!(::std::option::Option<#ty>);
    }
    ty
}

fn field_item(field: &Field) -> TokenStream {
    let ident = format_ident!("{}", field.rust_name);
    let doc = docs::outer(&field.docs);
    let ty = field_type(field);
    let read_only = field
        .read_only
        .then(|| quote!(#[doc = ""] #[doc = " Read-only: filled by the server, never sent."]));
    quote! {
        #doc
        #read_only
        pub #ident: #ty,
    }
}

/// `new`, taking every field a value needs; the others start empty.
fn constructor(name: &proc_macro2::Ident, fields: &[Field], additional: Option<&Additional>) -> Option<TokenStream> {
    if !fields.iter().any(|f| f.in_constructor) {
        return None;
    }
    let args = fields.iter().filter(|f| f.in_constructor).map(|f| {
        let ident = format_ident!("{}", f.rust_name);
        let ty = rust_type(&f.ty);
        quote!(#ident: #ty)
    });
    let inits = fields.iter().map(|f| {
        let ident = format_ident!("{}", f.rust_name);
        match (f.in_constructor, f.boxed, f.optional) {
            (false, _, _) => quote!(#ident: ::std::option::Option::None,),
            (true, false, false) => quote!(#ident,),
            (true, true, false) => quote!(#ident: ::std::boxed::Box::new(#ident),),
            (true, false, true) => quote!(#ident: ::std::option::Option::Some(#ident),),
            (true, true, true) => quote!(#ident: ::std::option::Option::Some(::std::boxed::Box::new(#ident)),),
        }
    });
    let additional = additional.map(|a| {
        let ident = format_ident!("{}", a.rust_name);
        quote!(#ident: ::std::collections::BTreeMap::new(),)
    });
    let many = (fields.iter().filter(|f| f.in_constructor).count() > 6).then(|| {
        quote!(#[allow(clippy::too_many_arguments, reason = "every required field is an argument, so none can be forgotten")])
    });
    Some(quote! {
        impl #name {
            /// A value with every field the document requires; set the others on the result.
            #many
            pub fn new(#(#args),*) -> Self {
                Self {
                    #(#inits)*
                    #additional
                }
            }
        }
    })
}

/// Prints secrets as `[redacted]`.
fn debug_impl(def: &TypeDef, fields: &[Field], additional: Option<&Additional>) -> TokenStream {
    let name = format_ident!("{}", def.rust_name);
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
    let additional = additional.map(|a| {
        let ident = format_ident!("{}", a.rust_name);
        let label = a.rust_name.as_str();
        quote!(.field(#label, &self.#ident))
    });
    quote! {
        /// Prints secrets as `[redacted]`.
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#name_text)
                    #(#entries)*
                    #additional
                    .finish()
            }
        }
    }
}
