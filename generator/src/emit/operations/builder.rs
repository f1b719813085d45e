//! One operation's client method, its request builder, the builder's setters and its `Debug`.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::super::docs;
use super::super::types::short_type;
use super::{path_text, send};
use crate::ir::{Body, Operation, Param, TypeRef};

/// An input as the builder stores it, and how a caller passes it.
pub(super) struct Input<'a> {
    pub ident: Ident,
    /// `None` for a JSON body.
    pub param: Option<&'a Param>,
    pub ty: &'a TypeRef,
    pub required: bool,
    sensitive: bool,
    docs: Option<String>,
}

impl Input<'_> {
    /// Lists of parameters or form fields are stored as a `Vec`, empty when not set (nothing goes
    /// on the wire either way); other optional values, a JSON body among them, as an `Option`.
    pub fn is_list(&self) -> bool {
        self.param.is_some() && matches!(self.ty, TypeRef::Array(_))
    }

    fn stored_type(&self) -> TokenStream {
        let ty = short_type(self.ty);
        if self.required || self.is_list() {
            ty
        } else {
            quote!(Option<#ty>)
        }
    }

    /// The parameter type callers pass, and how it becomes the stored value.
    fn accepted(&self) -> (TokenStream, TokenStream) {
        let ident = &self.ident;
        match self.ty {
            TypeRef::String => (quote!(impl Into<String>), quote!(#ident.into())),
            TypeRef::Bytes => (quote!(impl Into<Vec<u8>>), quote!(#ident.into())),
            TypeRef::File => (quote!(impl Into<crate::File>), quote!(#ident.into())),
            TypeRef::Array(inner) if **inner == TypeRef::File => (
                quote!(impl IntoIterator<Item = impl Into<crate::File>>),
                quote!(#ident.into_iter().map(Into::into).collect()),
            ),
            TypeRef::Array(inner) if **inner == TypeRef::String => (
                quote!(impl IntoIterator<Item = impl Into<String>>),
                quote!(#ident.into_iter().map(Into::into).collect()),
            ),
            TypeRef::Array(inner) => {
                let inner = short_type(inner);
                (
                    quote!(impl IntoIterator<Item = #inner>),
                    quote!(#ident.into_iter().collect()),
                )
            }
            other => (short_type(other), quote!(#ident)),
        }
    }
}

/// The operation's inputs: parameters and form fields, then a JSON body.
pub(super) fn inputs(op: &Operation) -> Vec<Input<'_>> {
    let mut list: Vec<Input<'_>> = op
        .inputs()
        .map(|p| Input {
            ident: format_ident!("{}", p.rust_name),
            param: Some(p),
            ty: &p.ty,
            required: p.required,
            sensitive: p.sensitive,
            docs: p.docs.clone(),
        })
        .collect();
    match &op.body {
        Some(Body::Json {
            rust_name,
            ty,
            required,
            ..
        }) => list.push(Input {
            ident: format_ident!("{}", rust_name),
            param: None,
            ty,
            required: *required,
            sensitive: false,
            docs: None,
        }),
        Some(Body::Raw {
            rust_name,
            ty,
            required,
            media_type,
            content_type_setter,
        }) => {
            list.push(Input {
                ident: format_ident!("{}", rust_name),
                param: None,
                ty,
                required: *required,
                // Bytes are not printed: they may be large, binary or private.
                sensitive: *ty == TypeRef::Bytes,
                docs: None,
            });
            list.push(Input {
                ident: format_ident!("{}", content_type_setter),
                param: None,
                ty: &TypeRef::String,
                required: false,
                sensitive: false,
                docs: Some(format!(
                    "Sends the body as this `Content-Type` instead of `{media_type}` (another type the operation accepts)."
                )),
            });
        }
        Some(Body::Form { .. } | Body::Multipart { .. }) | None => {}
    }
    list
}

/// The client method, the builder, its setters, `send` and `Debug`.
pub(super) fn operation(op: &Operation) -> TokenStream {
    let builder = format_ident!("{}", op.builder_name);
    let inputs = inputs(op);
    let method = client_method(op, &inputs);
    let fields = inputs.iter().map(|i| {
        let ident = &i.ident;
        let ty = i.stored_type();
        quote!(#ident: #ty,)
    });
    let setters = inputs.iter().filter(|i| !i.required).map(setter);
    let builder_doc = format!(
        " A call of [`Client::{}`](crate::Client::{}): set optional inputs, then `.await` it (or `send`). It owns what it needs, so it can be moved into a task.",
        op.fn_name, op.fn_name
    );
    // Calls of other methods are safe to repeat already; these only when the caller says so.
    let marked = !op.method.is_idempotent();
    let idempotent_field = marked.then(|| quote!(idempotent: bool,));
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
    let send = send::send_fns(op, &inputs);
    let output = send::output_type(op);
    let debug = debug_impl(op, &inputs);
    quote! {
        #method

        #[doc = #builder_doc]
        #[must_use = "a request does nothing until it is sent with `send`"]
        pub struct #builder {
            client: crate::Client,
            #(#fields)*
            #idempotent_field
            request_timeout: Option<std::time::Duration>,
        }

        impl #builder {
            #(#setters)*
            #idempotent_setter

            /// Limits how long this call may take (each attempt, from connecting to the last byte
            /// of the reply) instead of the client's [`timeout`](crate::ClientBuilder::timeout).
            pub fn request_timeout(mut self, timeout: std::time::Duration) -> Self {
                self.request_timeout = Some(timeout);
                self
            }

            #send
        }

        /// `client.call(..).await` sends the call, as `.send().await` does.
        impl std::future::IntoFuture for #builder {
            type Output = Result<#output, crate::Error>;
            type IntoFuture = crate::Pending<#output>;

            fn into_future(self) -> Self::IntoFuture {
                self.send()
            }
        }

        #debug
    }
}

/// `impl Client { pub fn operation(&self, required…) -> Builder }`, with its docs.
fn client_method(op: &Operation, inputs: &[Input]) -> TokenStream {
    let fn_name = format_ident!("{}", op.fn_name);
    let builder = format_ident!("{}", op.builder_name);
    let required: Vec<&Input> = inputs.iter().filter(|i| i.required).collect();
    let args = required.iter().map(|i| {
        let ident = &i.ident;
        let (ty, _) = i.accepted();
        quote!(#ident: #ty)
    });
    let inits = inputs.iter().map(|i| {
        let ident = &i.ident;
        match (i.required, i.is_list()) {
            (true, _) => {
                let (_, convert) = i.accepted();
                if *ident == convert.to_string() {
                    quote!(#ident,)
                } else {
                    quote!(#ident: #convert,)
                }
            }
            (false, true) => quote!(#ident: Vec::new(),),
            (false, false) => quote!(#ident: None,),
        }
    });
    let idempotent_init = (!op.method.is_idempotent()).then(|| quote!(idempotent: false,));
    let docs = method_docs(op, &required);
    let deprecated = op
        .deprecated
        .then(|| quote!(#[deprecated = "the document marks this operation deprecated"]));
    // Required inputs are arguments so that none can be forgotten; some operations have many.
    let many_args = (required.len() > 6).then(|| {
        quote!(#[allow(clippy::too_many_arguments, reason = "every required input is an argument, so none can be forgotten")])
    });
    quote! {
        impl crate::Client {
            #docs
            #deprecated
            #many_args
            pub fn #fn_name(&self, #(#args),*) -> #builder {
                #builder {
                    client: self.clone(),
                    #(#inits)*
                    #idempotent_init
                    request_timeout: None,
                }
            }
        }
    }
}

/// The document's description, the route, and a line per required input.
fn method_docs(op: &Operation, required: &[&Input]) -> TokenStream {
    let description = docs::outer(&op.docs);
    let route = format!(
        " `{} {}` (operation `{}`).",
        op.method.as_str(),
        path_text(op),
        op.wire_id
    );
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
    let heading = (!required.is_empty()).then(|| quote!(#[doc = ""] #[doc = " Required inputs:"]));
    quote! {
        #description
        #[doc = ""]
        #[doc = #route]
        #heading
        #(#arg_docs)*
    }
}

fn setter(input: &Input) -> TokenStream {
    let ident = &input.ident;
    let doc = docs::outer(&input.docs);
    let (ty, convert) = input.accepted();
    let store = if input.is_list() {
        convert
    } else {
        quote!(Some(#convert))
    };
    quote! {
        #doc
        pub fn #ident(mut self, #ident: #ty) -> Self {
            self.#ident = #store;
            self
        }
    }
}

/// Prints inputs, with secrets redacted.
fn debug_impl(op: &Operation, inputs: &[Input]) -> TokenStream {
    let builder = format_ident!("{}", op.builder_name);
    let name = op.builder_name.as_str();
    let fields = inputs.iter().map(|i| {
        let ident = &i.ident;
        let label = ident.to_string();
        if i.sensitive {
            quote!(.field(#label, crate::runtime::redact::redacted(&self.#ident)))
        } else {
            quote!(.field(#label, &self.#ident))
        }
    });
    quote! {
        /// Prints inputs, with secrets as `[redacted]`.
        impl std::fmt::Debug for #builder {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#name)
                    #(#fields)*
                    .finish_non_exhaustive()
            }
        }
    }
}
