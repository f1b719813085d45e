//! A builder's `request` (the call as the runtime's `http::Request`), `send` and `pages`.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::super::types::short_type;
use super::builder::Input;
use super::path_text;
use crate::ir::{
    Body, Location, NextLink, Operation, Param, ParamShape, ParamStyle, PathSegment, ReplyFormat, TypeRef,
};

/// What `send` returns.
pub(super) fn output_type(op: &Operation) -> TokenStream {
    match (&op.output, op.output_format) {
        (None, _) => quote!(()),
        (Some(ty), ReplyFormat::Json) if op.output_optional => {
            let ty = short_type(ty);
            quote!(Option<#ty>)
        }
        (Some(ty), ReplyFormat::Json) => short_type(ty),
        (Some(_), ReplyFormat::Text) => quote!(String),
        (Some(_), ReplyFormat::Binary) => quote!(Vec<u8>),
    }
}

pub(super) fn send_fns(op: &Operation, inputs: &[Input]) -> TokenStream {
    let request = request_fn(op, inputs);
    let output = output_type(op);
    // How the reply becomes the result: a runtime function for its kind, so every call shares one
    // future type and no operation carries a helper of its own.
    let kind = match (&op.output, op.output_format) {
        (None, _) => quote!(crate::runtime::finish::Nothing),
        (Some(ty), ReplyFormat::Json) if op.output_optional => {
            let ty = short_type(ty);
            quote!(crate::runtime::finish::JsonOptional<#ty>)
        }
        (Some(ty), ReplyFormat::Json) => {
            let ty = short_type(ty);
            quote!(crate::runtime::finish::Json<#ty>)
        }
        (Some(_), ReplyFormat::Text) => quote!(crate::runtime::finish::Text),
        (Some(_), ReplyFormat::Binary) => quote!(crate::runtime::finish::Bytes),
    };
    let finish = quote!(crate::runtime::finish::value::<#kind>);
    let finish_with_metadata = quote!(crate::runtime::finish::with_metadata::<#kind>);
    let stream = (op.output.is_some() && op.output_format == ReplyFormat::Binary).then(|| {
        quote! {
            /// Sends the request and returns the reply's body as a stream of chunks, read as they
            /// come: for downloads too large to hold in memory (which `send` refuses beyond the
            /// client's `max_body`).
            pub fn send_stream(self) -> crate::Pending<crate::ByteStream> {
                let request = self.request();
                crate::Pending::new(self.client, request, true, crate::runtime::finish::value::<crate::runtime::finish::Stream>)
            }
        }
    });
    let metadata_doc = metadata_doc(op);
    let pages = pages_fn(op);
    quote! {
        #request

        /// Sends the request and decodes the reply (awaiting the builder itself does the same).
        pub fn send(self) -> crate::Pending<#output> {
            let request = self.request();
            crate::Pending::new(self.client, request, false, #finish)
        }

        #metadata_doc
        pub fn send_with_metadata(self) -> crate::Pending<crate::Response<#output>> {
            let request = self.request();
            crate::Pending::new(self.client, request, false, #finish_with_metadata)
        }

        #stream

        #pages
    }
}

/// The doc comment of `send_with_metadata`, naming the reply headers the document declares.
fn metadata_doc(op: &Operation) -> TokenStream {
    let mut text = String::from(" Sends the request and decodes the reply, kept with its status and headers.");
    if !op.reply_headers.is_empty() {
        let names: Vec<String> = op.reply_headers.iter().map(|h| format!("`{h}`")).collect();
        text.push_str(&format!(" The document declares {}.", names.join(", ")));
    }
    quote!(#[doc = #text])
}

fn request_fn(op: &Operation, inputs: &[Input]) -> TokenStream {
    let idempotent = if op.method.is_idempotent() {
        quote!(true)
    } else {
        quote!(self.idempotent)
    };
    // reqwest's `Method` constants are named like the wire methods.
    let method = format_ident!("{}", op.method.as_str());
    let path = path_expr(op);
    let query = pairs_expr(
        inputs,
        Location::Query,
        quote!(String::new()),
        |pairs| quote!(#pairs.finish()),
    );
    let headers = headers_expr(inputs);
    let cookies = cookies_expr(inputs);
    let body = body_expr(op, inputs);
    let requirements = op.security.iter().map(|requirement| {
        let schemes = requirement.iter().map(|name| format_ident!("{}", name));
        quote!(&[#(crate::auth::Scheme::#schemes),*])
    });
    let results = &op.result_statuses;
    let accept = op.accept.as_str();
    let wire_id = op.wire_id.as_str();
    let template = super::path_text(op);
    quote! {
        fn request(&self) -> Result<crate::runtime::http::Request, crate::Error> {
            Ok(crate::runtime::http::Request {
                method: reqwest::Method::#method,
                path: #path,
                query: #query,
                headers: #headers,
                cookies: #cookies,
                body: #body,
                auth: &[#(#requirements),*],
                results: &[#(#results),*],
                idempotent: #idempotent,
                accept: #accept,
                timeout: self.request_timeout,
                operation: #wire_id,
                path_template: #template,
            })
        }
    }
}

fn path_expr(op: &Operation) -> TokenStream {
    if op.path.iter().all(|s| matches!(s, PathSegment::Literal(_))) {
        let text = path_text(op);
        return quote!(#text.to_owned());
    }
    let parts = op.path.iter().map(|segment| match segment {
        PathSegment::Literal(text) => quote!(#text),
        PathSegment::Param(index) => {
            let param = &op.params[*index];
            let ident = format_ident!("{}", param.rust_name);
            if param.uses_styles() {
                let (wire, value, style, explode) = (
                    param.wire_name.as_str(),
                    styled_value(param),
                    style_path(param.style),
                    param.explode,
                );
                quote!(&{
                    let value = &self.#ident;
                    crate::runtime::styles::path(#wire, &#value, #style, #explode)?
                })
            } else {
                quote!(&crate::runtime::path::segment(&self.#ident)?)
            }
        }
    });
    quote!([#(#parts),*].concat())
}

fn by_location<'i, 'a>(
    inputs: &'i [Input<'a>],
    location: Location,
) -> impl Iterator<Item = (&'i Input<'a>, &'a Param)> {
    inputs
        .iter()
        .filter_map(move |i| i.param.filter(|p| p.location == location).map(|p| (i, p)))
}

/// The inputs at `location` as encoded pairs (`finish` turns the `Pairs` into the value), or `none`
/// when there are none.
fn pairs_expr(
    inputs: &[Input],
    location: Location,
    none: TokenStream,
    finish: impl Fn(&Ident) -> TokenStream,
) -> TokenStream {
    let target = format_ident!("{}", if location == Location::Form { "form" } else { "query" });
    let pushes: Vec<_> = by_location(inputs, location)
        .map(|(i, p)| push_pair(&target, i, p))
        .collect();
    if pushes.is_empty() {
        return none;
    }
    let finish = finish(&target);
    quote!({
        let mut #target = crate::runtime::params::Pairs::new();
        #(#pushes)*
        #finish
    })
}

/// How one input is added to a list of pairs (`query` or `form`).
fn push_pair(target: &Ident, input: &Input, param: &Param) -> TokenStream {
    let ident = &input.ident;
    let wire = param.wire_name.as_str();
    if param.uses_styles() {
        let value = styled_value(param);
        let (style, explode, allow_reserved) = (style_path(param.style), param.explode, param.allow_reserved);
        return when_set(
            input,
            quote! {
                #target.push_encoded(crate::runtime::styles::query(#wire, &#value, #style, #explode, #allow_reserved)?);
            },
        );
    }
    match (input.is_list(), input.required) {
        (true, _) if param.explode => quote!(#target.push_each(#wire, &self.#ident);),
        (true, _) => quote!(#target.push_joined(#wire, &self.#ident);),
        (false, true) => quote!(#target.push(#wire, &self.#ident);),
        (false, false) => quote!(#target.push_opt(#wire, &self.#ident);),
    }
}

fn headers_expr(inputs: &[Input]) -> TokenStream {
    let mut required = Vec::new();
    let mut others = Vec::new();
    for (i, p) in by_location(inputs, Location::Header) {
        let ident = &i.ident;
        let wire = p.wire_name.as_str();
        if p.uses_styles() {
            let (value, explode) = (styled_value(p), p.explode);
            others.push(when_set(
                i,
                quote!(headers.push((#wire, crate::runtime::styles::header(&#value, #explode)));),
            ));
        } else if i.required {
            required.push(quote!((#wire, crate::runtime::params::ParamValue::to_param(&self.#ident))));
        } else {
            others.push(quote! {
                if let Some(value) = &self.#ident {
                    headers.push((#wire, crate::runtime::params::ParamValue::to_param(value)));
                }
            });
        }
    }
    match (required.is_empty(), others.is_empty()) {
        (true, true) => quote!(Vec::new()),
        (false, true) => quote!(vec![#(#required),*]),
        (true, false) => quote!({
            let mut headers = Vec::new();
            #(#others)*
            headers
        }),
        (false, false) => quote!({
            let mut headers = vec![#(#required),*];
            #(#others)*
            headers
        }),
    }
}

/// Cookie parameters as `name=value` pieces, for the request's one `Cookie` header.
fn cookies_expr(inputs: &[Input]) -> TokenStream {
    let pushes: Vec<TokenStream> = by_location(inputs, Location::Cookie)
        .map(|(i, p)| {
            let (wire, value, explode) = (p.wire_name.as_str(), styled_value(p), p.explode);
            when_set(
                i,
                quote!(cookies.extend(crate::runtime::styles::cookie(#wire, &#value, #explode));),
            )
        })
        .collect();
    if pushes.is_empty() {
        return quote!(Vec::new());
    }
    quote!({
        let mut cookies = Vec::new();
        #(#pushes)*
        cookies
    })
}

/// `body` run with `value` bound to the input's value, when it was given: a list that is not empty,
/// an `Option` that is `Some`, a required value always.
fn when_set(input: &Input, body: TokenStream) -> TokenStream {
    let ident = &input.ident;
    if input.is_list() {
        quote!(if !self.#ident.is_empty() {
            let value = &self.#ident;
            #body
        })
    } else if input.required {
        quote!({
            let value = &self.#ident;
            #body
        })
    } else {
        quote!(if let Some(value) = &self.#ident {
            #body
        })
    }
}

/// `value` (a reference to the input's value) as the styles see it.
fn styled_value(param: &Param) -> TokenStream {
    let wire = param.wire_name.as_str();
    if param.json {
        return quote!(crate::runtime::styles::Value::Primitive(
            serde_json::to_string(value).map_err(|e| crate::Error::InvalidRequest(e.to_string()))?
        ));
    }
    match param.shape {
        ParamShape::Primitive => quote!(crate::runtime::styles::Value::primitive(value)),
        ParamShape::List => quote!(crate::runtime::styles::Value::array(value)),
        ParamShape::Object => quote!(crate::runtime::styles::Value::serialized(#wire, value)?),
    }
}

fn style_path(style: ParamStyle) -> TokenStream {
    let variant = format_ident!(
        "{}",
        match style {
            ParamStyle::Form => "Form",
            ParamStyle::SpaceDelimited => "SpaceDelimited",
            ParamStyle::PipeDelimited => "PipeDelimited",
            ParamStyle::DeepObject => "DeepObject",
            ParamStyle::Simple => "Simple",
            ParamStyle::Label => "Label",
            ParamStyle::Matrix => "Matrix",
        }
    );
    quote!(crate::runtime::styles::Style::#variant)
}

fn body_expr(op: &Operation, inputs: &[Input]) -> TokenStream {
    match &op.body {
        Some(Body::Form { .. }) => {
            let empty = quote!(crate::runtime::http::Body::Form(String::new()));
            pairs_expr(
                inputs,
                Location::Form,
                empty,
                |form| quote!(crate::runtime::http::Body::Form(#form.finish())),
            )
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
                bytes: serde_json::to_vec(value).map_err(|e| crate::Error::InvalidRequest(e.to_string()))?,
            });
            if *required {
                quote!({
                    let value = &self.#ident;
                    #encode
                })
            } else {
                quote!(match &self.#ident {
                    Some(value) => #encode,
                    None => crate::runtime::http::Body::Empty,
                })
            }
        }
        Some(Body::Raw {
            rust_name,
            media_type,
            required,
            ty,
            content_type_setter,
        }) => {
            let ident = format_ident!("{}", rust_name);
            let content_type = format_ident!("{}", content_type_setter);
            // Lowering gives a raw body text (a `String`) or bytes (a `Vec<u8>`).
            let bytes = if *ty == TypeRef::String {
                quote!(value.clone().into_bytes())
            } else {
                quote!(value.clone())
            };
            let encode = quote!(crate::runtime::http::Body::Raw {
                media_type: self.#content_type.clone().unwrap_or_else(|| #media_type.to_owned()),
                bytes: #bytes,
            });
            if *required {
                quote!({
                    let value = &self.#ident;
                    #encode
                })
            } else {
                quote!(match &self.#ident {
                    Some(value) => #encode,
                    None => crate::runtime::http::Body::Empty,
                })
            }
        }
        Some(Body::Multipart { .. }) => multipart_expr(inputs),
        None => quote!(crate::runtime::http::Body::Empty),
    }
}

/// A multipart body: a part per field that was given, in the document's order.
fn multipart_expr(inputs: &[Input]) -> TokenStream {
    let parts = by_location(inputs, Location::Part).map(|(i, p)| {
        let ident = &i.ident;
        let wire = p.wire_name.as_str();
        let content_type = match &p.content_type {
            Some(ct) => quote!(Some(#ct)),
            None => quote!(None),
        };
        let element = match &p.ty {
            TypeRef::Array(inner) => inner,
            other => other,
        };
        let kind = match element {
            TypeRef::File => "file",
            TypeRef::Named(_) | TypeRef::Map(_) | TypeRef::Any | TypeRef::Array(_) => "json",
            _ => "text",
        };
        let list = i.is_list();
        let method = match (kind, list, i.required) {
            ("json", _, true) => format_ident!("json"),
            ("json", _, false) if !list => format_ident!("json_opt"),
            ("json", _, false) => format_ident!("json"),
            (_, true, _) => format_ident!("{kind}_each"),
            (_, false, true) => format_ident!("{kind}"),
            (_, false, false) => format_ident!("{kind}_opt"),
        };
        let call = quote!(multipart.#method(#wire, &self.#ident, #content_type));
        match kind {
            "json" if list => quote!(if !self.#ident.is_empty() { #call?; }),
            "json" => quote!(#call?;),
            _ => quote!(#call;),
        }
    });
    quote!({
        let mut multipart = crate::runtime::multipart::Multipart::new();
        #(#parts)*
        let (media_type, bytes) = multipart.finish();
        crate::runtime::http::Body::Raw { media_type, bytes }
    })
}

/// `pages()`, for a list operation: every item, page after page.
fn pages_fn(op: &Operation) -> Option<TokenStream> {
    let pagination = op.pagination.as_ref()?;
    let page = short_type(op.output.as_ref()?);
    let item = short_type(&pagination.item);
    let items = format_ident!("{}", pagination.items_field);
    let items = if pagination.items_optional {
        quote!(page.#items.unwrap_or_default())
    } else {
        quote!(page.#items)
    };
    let next = match &pagination.next {
        NextLink::InMeta {
            meta_field,
            meta_optional,
            next_field,
            next_optional,
        } => {
            let (meta, next) = (format_ident!("{}", meta_field), format_ident!("{}", next_field));
            match (meta_optional, next_optional) {
                (true, true) => quote!(page.#meta.and_then(|meta| meta.#next)),
                (true, false) => quote!(page.#meta.map(|meta| meta.#next)),
                (false, true) => quote!(page.#meta.#next),
                (false, false) => quote!(Some(page.#meta.#next)),
            }
        }
        NextLink::TopLevel { field, optional, .. } => {
            let field = format_ident!("{}", field);
            if *optional {
                quote!(page.#field)
            } else {
                quote!(Some(page.#field))
            }
        }
    };
    Some(quote! {
        /// Every item of the list, page after page: `while let Some(item) = pages.next().await`.
        pub fn pages(self) -> crate::runtime::pages::Pages<#page, #item> {
            let first = self.request();
            crate::runtime::pages::Pages::new(self.client, first, |page: #page| {
                (#items, #next)
            })
        }
    })
}
