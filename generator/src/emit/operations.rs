//! Operations: a method on `Client` per operation, returning a request builder whose required
//! inputs were the method's arguments and whose optional inputs are setters; `send` performs the call.
//! One file per tag under `src/operations/`.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::features::inputs;
use super::types::rust_type;
use super::{docs, rust_file, Files};
use crate::ir::{Api, Body, Location, NextLink, Operation, Param, PathSegment, TypeRef};

pub fn emit(api: &Api, files: &mut Files) -> Result<(), String> {
    let mut by_module: BTreeMap<&str, Vec<&Operation>> = BTreeMap::new();
    for op in &api.operations {
        by_module.entry(op.module.as_str()).or_default().push(op);
    }
    let mut modules = Vec::new();
    for (module, ops) in &by_module {
        let ident = format_ident!("{}", module);
        modules.push(quote! {
            mod #ident;
            pub use #ident::*;
        });
        let items = ops.iter().map(|op| operation(op));
        files.push(rust_file(
            &format!("src/operations/{module}.rs"),
            quote! {
                #(#items)*
            },
        )?);
    }
    files.push(rust_file(
        "src/operations/mod.rs",
        quote! {
            //! Request builders, one per operation; each is created by the `Client` method of the same name.
            #(#modules)*
        },
    )?);
    Ok(())
}

/// An input as the builder stores it, and how a caller passes it.
struct Input<'a> {
    ident: proc_macro2::Ident,
    param: Option<&'a Param>,
    ty: &'a TypeRef,
    required: bool,
    sensitive: bool,
    docs: &'a Option<String>,
}

impl Input<'_> {
    /// Lists are stored as a `Vec`, empty when not set; other optional values as an `Option`.
    fn stored_type(&self) -> TokenStream {
        let ty = rust_type(self.ty);
        if self.required || matches!(self.ty, TypeRef::Array(_)) {
            ty
        } else {
            quote!(::std::option::Option<#ty>)
        }
    }

    /// The parameter type callers pass, and how it becomes the stored value.
    fn accepted(&self) -> (TokenStream, TokenStream) {
        let ident = &self.ident;
        match self.ty {
            TypeRef::String => (
                quote!(impl ::std::convert::Into<::std::string::String>),
                quote!(#ident.into()),
            ),
            TypeRef::Array(inner) if **inner == TypeRef::String => (
                quote!(impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<::std::string::String>>),
                quote!(#ident.into_iter().map(::std::convert::Into::into).collect()),
            ),
            TypeRef::Array(inner) => {
                let inner = rust_type(inner);
                (
                    quote!(impl ::std::iter::IntoIterator<Item = #inner>),
                    quote!(#ident.into_iter().collect()),
                )
            }
            other => (rust_type(other), quote!(#ident)),
        }
    }
}

fn operation_inputs(op: &Operation) -> Vec<Input<'_>> {
    let mut list: Vec<Input<'_>> = inputs(op)
        .map(|p| Input {
            ident: format_ident!("{}", p.rust_name),
            param: Some(p),
            ty: &p.ty,
            required: p.required,
            sensitive: p.sensitive,
            docs: &p.docs,
        })
        .collect();
    if let Some(Body::Json {
        rust_name,
        ty,
        required,
        ..
    }) = &op.body
    {
        list.push(Input {
            ident: format_ident!("{}", rust_name),
            param: None,
            ty,
            required: *required,
            sensitive: false,
            docs: &None,
        });
    }
    list
}

fn operation(op: &Operation) -> TokenStream {
    let fn_name = format_ident!("{}", op.fn_name);
    let builder = format_ident!("{}", op.builder_name);
    let inputs = operation_inputs(op);
    let required: Vec<&Input> = inputs.iter().filter(|i| i.required).collect();
    let fields = inputs.iter().map(|i| {
        let ident = &i.ident;
        let ty = i.stored_type();
        quote!(#ident: #ty,)
    });
    let args = required.iter().map(|i| {
        let ident = &i.ident;
        let (ty, _) = i.accepted();
        quote!(#ident: #ty)
    });
    let inits = inputs.iter().map(|i| {
        let ident = &i.ident;
        if i.required {
            let (_, convert) = i.accepted();
            if *ident == convert.to_string() {
                quote!(#ident,)
            } else {
                quote!(#ident: #convert,)
            }
        } else {
            quote!(#ident: ::std::default::Default::default(),)
        }
    });
    let setters = inputs.iter().filter(|i| !i.required).map(|i| {
        let ident = &i.ident;
        let doc = docs::outer(i.docs);
        let (ty, convert) = i.accepted();
        let store = if matches!(i.ty, TypeRef::Array(_)) {
            convert
        } else {
            quote!(::std::option::Option::Some(#convert))
        };
        quote! {
            #doc
            pub fn #ident(mut self, #ident: #ty) -> Self {
                self.#ident = #store;
                self
            }
        }
    });
    let arg_docs = required.iter().map(|i| {
        let name = i.ident.to_string();
        let text = i.docs.as_deref().map(|d| d.lines().collect::<Vec<_>>().join(" "));
        let line = match (i.param, text) {
            (Some(p), Some(text)) => format!(" - `{name}` (`{}`): {text}", p.wire_name),
            (Some(p), None) => format!(" - `{name}` (`{}`)", p.wire_name),
            (None, _) => format!(" - `{name}`: the request body"),
        };
        quote!(#[doc = #line])
    });
    let has_args = !required.is_empty();
    let args_heading = has_args.then(|| quote!(#[doc = ""] #[doc = " Required inputs:"]));
    let method_doc = docs::outer(&op.docs);
    let route = format!(
        " `{} {}` (operation `{}`).",
        op.method.as_str(),
        path_text(op),
        op.wire_id
    );
    let builder_doc = format!(
        " A call of [`Client::{}`](crate::Client::{}): set optional inputs, then `send`.",
        op.fn_name, op.fn_name
    );
    let deprecated = op
        .deprecated
        .then(|| quote!(#[deprecated = "the document marks this operation deprecated"]));
    // Required inputs are arguments so that none can be forgotten; some operations have many.
    let many_args = (required.len() > 6).then(|| {
        quote!(#[allow(clippy::too_many_arguments, reason = "every required input is an argument, so none can be forgotten")])
    });
    let debug_fields = inputs.iter().map(|i| {
        let ident = &i.ident;
        let label = ident.to_string();
        match (i.sensitive, i.required || matches!(i.ty, TypeRef::Array(_))) {
            (false, _) => quote!(.field(#label, &self.#ident)),
            (true, false) => quote!(.field(#label, &self.#ident.as_ref().map(|_| crate::runtime::redact::Redacted))),
            (true, true) => quote!(.field(#label, &crate::runtime::redact::Redacted)),
        }
    });
    let builder_name_text = op.builder_name.as_str();
    let send = send_fn(op, &inputs);
    // Calls of other methods are safe to repeat already; these only when the caller says so.
    let marked = !op.method.is_idempotent();
    let idempotent_field = marked.then(|| quote!(idempotent: bool,));
    let idempotent_init = marked.then(|| quote!(idempotent: false,));
    let idempotent_setter = marked.then(|| {
        quote! {
            /// Marks this call as safe to repeat (the server ignores a duplicate), so the client's
            /// [`RetryPolicy`](crate::RetryPolicy) may send it again after a 429 or 503.
            pub fn idempotent(mut self) -> Self {
                self.idempotent = true;
                self
            }
        }
    });
    quote! {
        impl crate::Client {
            #method_doc
            #[doc = ""]
            #[doc = #route]
            #args_heading
            #(#arg_docs)*
            #deprecated
            #many_args
            pub fn #fn_name(&self, #(#args),*) -> #builder<'_> {
                #builder {
                    client: self,
                    #(#inits)*
                    #idempotent_init
                }
            }
        }

        #[doc = #builder_doc]
        #[must_use = "a request does nothing until it is sent with `send`"]
        pub struct #builder<'a> {
            client: &'a crate::Client,
            #(#fields)*
            #idempotent_field
        }

        impl<'a> #builder<'a> {
            #(#setters)*
            #idempotent_setter

            #send
        }

        /// Prints inputs, with secrets as `[redacted]`.
        impl ::std::fmt::Debug for #builder<'_> {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#builder_name_text)
                    #(#debug_fields)*
                    .finish_non_exhaustive()
            }
        }
    }
}

fn path_text(op: &Operation) -> String {
    op.path
        .iter()
        .map(|segment| match segment {
            PathSegment::Literal(text) => text.clone(),
            PathSegment::Param(index) => format!("{{{}}}", op.params[*index].wire_name),
        })
        .collect()
}

/// How one input is added to a list of pairs (`query` or `form`).
fn push_pair(target: &proc_macro2::Ident, input: &Input, param: &Param) -> TokenStream {
    let ident = &input.ident;
    let wire = param.wire_name.as_str();
    match (input.ty, input.required) {
        (TypeRef::Array(_), _) if param.explode => quote!(#target.push_each(#wire, &self.#ident);),
        (TypeRef::Array(_), _) => quote!(#target.push_joined(#wire, &self.#ident);),
        (_, true) => quote!(#target.push(#wire, &self.#ident);),
        (_, false) => quote!(#target.push_opt(#wire, &self.#ident);),
    }
}

fn send_fn(op: &Operation, inputs: &[Input]) -> TokenStream {
    let idempotent = if op.method.is_idempotent() {
        quote!(true)
    } else {
        quote!(self.idempotent)
    };
    let query_ident = format_ident!("query");
    let form_ident = format_ident!("form");
    let by_location = |location: Location| {
        inputs
            .iter()
            .filter_map(move |i| i.param.filter(|p| p.location == location).map(|p| (i, p)))
    };

    let path = {
        let parts = op.path.iter().map(|segment| match segment {
            PathSegment::Literal(text) => quote!(#text),
            PathSegment::Param(index) => {
                let ident = format_ident!("{}", op.params[*index].rust_name);
                quote!(&crate::runtime::params::path_segment(&self.#ident))
            }
        });
        if op.path.iter().all(|s| matches!(s, PathSegment::Literal(_))) {
            let text = path_text(op);
            quote!(#text.to_owned())
        } else {
            quote!([#(#parts),*].concat())
        }
    };

    let query_pushes: Vec<_> = by_location(Location::Query)
        .map(|(i, p)| push_pair(&query_ident, i, p))
        .collect();
    let query = if query_pushes.is_empty() {
        quote!(::std::string::String::new())
    } else {
        quote!({
            let mut #query_ident = crate::runtime::params::Pairs::new();
            #(#query_pushes)*
            #query_ident.finish()
        })
    };

    let header_pushes: Vec<_> = by_location(Location::Header)
        .map(|(i, p)| {
            let ident = &i.ident;
            let wire = p.wire_name.as_str();
            if i.required {
                quote!(headers.push((#wire, crate::runtime::params::ParamValue::to_param(&self.#ident)));)
            } else {
                quote! {
                    if let ::std::option::Option::Some(value) = &self.#ident {
                        headers.push((#wire, crate::runtime::params::ParamValue::to_param(value)));
                    }
                }
            }
        })
        .collect();
    let headers = if header_pushes.is_empty() {
        quote!(::std::vec::Vec::new())
    } else {
        quote!({
            let mut headers = ::std::vec::Vec::new();
            #(#header_pushes)*
            headers
        })
    };

    let body = match &op.body {
        Some(Body::Form { .. }) => {
            let pushes = by_location(Location::Form).map(|(i, p)| push_pair(&form_ident, i, p));
            quote!({
                let mut #form_ident = crate::runtime::params::Pairs::new();
                #(#pushes)*
                crate::runtime::http::Body::Form(#form_ident.finish())
            })
        }
        Some(Body::Json {
            rust_name,
            media_type,
            required,
            ..
        }) => {
            let ident = format_ident!("{}", rust_name);
            let encode = quote!(crate::runtime::http::Body::Json {
                media_type: #media_type,
                bytes: ::serde_json::to_vec(value).map_err(|e| crate::Error::InvalidRequest(e.to_string()))?,
            });
            if *required {
                quote!({
                    let value = &self.#ident;
                    #encode
                })
            } else {
                quote!(match &self.#ident {
                    ::std::option::Option::Some(value) => #encode,
                    ::std::option::Option::None => crate::runtime::http::Body::Empty,
                })
            }
        }
        None => quote!(crate::runtime::http::Body::Empty),
    };

    // reqwest's `Method` constants are named like the wire methods.
    let method = format_ident!("{}", op.method.as_str());
    let schemes = op.security.iter().map(|key| {
        let ident = format_ident!("{}", crate::lower::camel(key));
        quote!(crate::auth::Scheme::#ident)
    });
    let results = &op.result_statuses;
    let (output, finish) = match &op.output {
        Some(ty) => (rust_type(ty), quote!(reply.json())),
        None => (
            quote!(()),
            quote!({
                let _ = reply;
                ::std::result::Result::Ok(())
            }),
        ),
    };
    let pages = op.pagination.as_ref().and_then(|pagination| {
        let page = rust_type(op.output.as_ref()?);
        let item = rust_type(&pagination.item);
        let items = format_ident!("{}", pagination.items_field);
        let next = match &pagination.next {
            NextLink::InMeta { meta_field, next_field } => {
                let (meta, next) = (format_ident!("{}", meta_field), format_ident!("{}", next_field));
                quote!(page.#meta.and_then(|meta| meta.#next))
            }
            NextLink::TopLevel { field, .. } => {
                let field = format_ident!("{}", field);
                quote!(page.#field)
            }
        };
        Some(quote! {
            /// Every item of the list, page after page: `while let Some(item) = pages.next().await`.
            pub fn pages(self) -> crate::runtime::pages::Pages<'a, #page, #item> {
                crate::runtime::pages::Pages::new(self.client, self.request(), |page: #page| {
                    (page.#items.unwrap_or_default(), #next)
                })
            }
        })
    });
    quote! {
        fn request(&self) -> ::std::result::Result<crate::runtime::http::Request, crate::Error> {
            ::std::result::Result::Ok(crate::runtime::http::Request {
                method: reqwest::Method::#method,
                path: #path,
                query: #query,
                headers: #headers,
                body: #body,
                auth: &[#(#schemes),*],
                results: &[#(#results),*],
                idempotent: #idempotent,
            })
        }

        /// Sends the request and decodes the reply.
        pub async fn send(self) -> ::std::result::Result<#output, crate::Error> {
            let request = self.request()?;
            let reply = self.client.execute(request).await?;
            #finish
        }

        #pages
    }
}
