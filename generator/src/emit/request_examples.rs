//! `tests/request_examples.rs` of the emitted crate: every form-body request example of the document
//! is sent through the client to a loopback server, which checks the body holds exactly the pairs
//! the example lists (in any order): arrays as repeated keys, nothing added, nothing dropped.
//!
//! Inputs the example does not give but the operation requires (path parameters, required fields)
//! get placeholder values; required form fields so filled are expected on the wire too. An example
//! that names a field the operation does not have, or a value the emitter cannot write as Rust, gets
//! no test (the field list is checked by lowering, and such examples are rare).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::features::inputs;
use super::{rust_file, Files};
use crate::ir::{Api, Body, IntWidth, Location, Operation, Param, SecurityKind, TypeKind, TypeRef};

pub fn emit(api: &Api, files: &mut Files) -> Result<(), String> {
    let krate = format_ident!("{}", api.crate_name.replace('-', "_"));
    let root = quote!(::#krate);
    let mut tests = Vec::new();
    let (mut form_tests, mut json_tests) = (false, false);
    for op in &api.operations {
        match &op.body {
            Some(Body::Form { examples, .. }) => {
                for example in examples {
                    if let Some(test) = example_test(api, op, &root, &example.test_name, &example.value) {
                        tests.push(test);
                        form_tests = true;
                    }
                }
            }
            Some(Body::Json {
                examples,
                ty,
                required,
                rust_name,
                ..
            }) => {
                for example in examples {
                    let body = (ty, *required, rust_name.as_str());
                    if let Some(test) = json_example_test(api, op, &root, body, &example.test_name, &example.value) {
                        tests.push(test);
                        json_tests = true;
                    }
                }
            }
            None => {}
        }
    }
    if tests.is_empty() {
        return Ok(());
    }
    let credentials = test_credentials(api, &root);
    let form_helpers = form_tests.then(|| {
        quote! {
            /// The form pairs of a body, sorted.
            fn pairs(body: &[u8]) -> ::std::vec::Vec<(::std::string::String, ::std::string::String)> {
                let mut pairs: ::std::vec::Vec<(::std::string::String, ::std::string::String)> =
                    ::form_urlencoded::parse(body).into_owned().collect();
                pairs.sort();
                pairs
            }

        }
    });
    let json_helpers = json_tests.then(|| {
        quote! {
            /// A JSON value without its `null` members: absent and `null` say the same.
            fn without_nulls(value: ::serde_json::Value) -> ::serde_json::Value {
                match value {
                    ::serde_json::Value::Object(map) => ::serde_json::Value::Object(
                        map.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, without_nulls(v))).collect(),
                    ),
                    ::serde_json::Value::Array(items) => ::serde_json::Value::Array(items.into_iter().map(without_nulls).collect()),
                    other => other,
                }
            }


        }
    });
    files.push(rust_file(
        "tests/request_examples.rs",
        quote! {
            //! Every form-body request example of the document goes on the wire with exactly the pairs
            //! it lists.

            /// Sends one request through `call` to a loopback server and returns the body it got.
            async fn body_sent<F, Fut>(call: F) -> ::std::vec::Vec<u8>
            where
                F: FnOnce(#root::Client) -> Fut,
                Fut: ::std::future::Future<Output = ()>,
            {
                use ::tokio::io::{AsyncReadExt, AsyncWriteExt};
                let listener = ::tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind a loopback port");
                let url = format!("http://{}", listener.local_addr().expect("local address"));
                let server = ::tokio::spawn(async move {
                    let (mut socket, _) = listener.accept().await.expect("the client connects");
                    let mut request = ::std::vec::Vec::new();
                    let mut buffer = [0u8; 8192];
                    loop {
                        let read = socket.read(&mut buffer).await.expect("read the request");
                        if read == 0 {
                            break;
                        }
                        request.extend_from_slice(&buffer[..read]);
                        let text = ::std::string::String::from_utf8_lossy(&request).to_string();
                        if let Some(end) = text.find("\r\n\r\n") {
                            let length = text[..end]
                                .lines()
                                .find_map(|line| {
                                    let (name, value) = line.split_once(':')?;
                                    name.eq_ignore_ascii_case("content-length").then(|| value.trim().parse::<usize>().ok())?
                                })
                                .unwrap_or(0);
                            if request.len() >= end + 4 + length {
                                break;
                            }
                        }
                    }
                    let reply = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}";
                    let _ = socket.write_all(reply.as_bytes()).await;
                    request
                });
                let client = #root::Client::builder().base_url(url) #credentials .build().expect("a client");
                call(client).await;
                let request = server.await.expect("the server task");
                let end = request.windows(4).position(|w| w == b"\r\n\r\n").map_or(request.len(), |end| end + 4);
                request[end..].to_vec()
            }

            #form_helpers
            #json_helpers

            #(#tests)*
        },
    )?);
    Ok(())
}

/// A JSON body example: decoded into the body type, sent, and compared as JSON with the example.
fn json_example_test(
    api: &Api,
    op: &Operation,
    root: &TokenStream,
    (ty, required, rust_name): (&TypeRef, bool, &str),
    test_name: &str,
    example: &serde_json::Value,
) -> Option<TokenStream> {
    let fn_name = format_ident!("{}", op.fn_name);
    let body_type = super::types::rust_type_from(ty, root);
    let text = example.to_string();
    let mut args = Vec::new();
    for param in inputs(op).filter(|p| p.required) {
        args.push(
            value_expr(
                api,
                root,
                &param.ty,
                &placeholder(api, &param.ty)?,
                &param.wire_name,
                param.explode,
            )?
            .0,
        );
    }
    let setter = if required {
        args.push(quote!(body));
        quote!()
    } else {
        let setter = format_ident!("{}", rust_name);
        quote!(.#setter(body))
    };
    let name = format_ident!("{}", test_name);
    let doc = format!(
        " `{}`: the JSON request example goes on the wire as written.",
        op.wire_id
    );
    Some(quote! {
        #[doc = #doc]
        #[::tokio::test]
        async fn #name() {
            let example: ::serde_json::Value = ::serde_json::from_str(#text).expect("the example is JSON");
            let body: #body_type = ::serde_json::from_value(example.clone()).expect("the example is a body of this operation");
            let sent = body_sent(|client| async move {
                let _ = client.#fn_name(#(#args),*) #setter .send().await;
            })
            .await;
            let sent: ::serde_json::Value = ::serde_json::from_slice(&sent).expect("the body sent is JSON");
            assert_eq!(without_nulls(sent), without_nulls(example));
        }
    })
}

fn example_test(
    api: &Api,
    op: &Operation,
    root: &TokenStream,
    test_name: &str,
    example: &serde_json::Value,
) -> Option<TokenStream> {
    let object = example.as_object()?;
    let all: Vec<&Param> = inputs(op).collect();
    // Every key of the example must be a form field of the operation.
    if object
        .keys()
        .any(|key| !all.iter().any(|p| p.location == Location::Form && &p.wire_name == key))
    {
        return None;
    }
    let fn_name = format_ident!("{}", op.fn_name);
    let mut args = Vec::new();
    let mut setters = Vec::new();
    let mut expected = Vec::new();
    for param in &all {
        let given = object.get(&param.wire_name).filter(|v| !v.is_null());
        let value = match given {
            Some(value) => value.clone(),
            None if param.required => placeholder(api, &param.ty)?,
            None => continue,
        };
        let (expr, pairs) = value_expr(api, root, &param.ty, &value, &param.wire_name, param.explode)?;
        if param.location == Location::Form {
            expected.extend(pairs);
        }
        if param.required {
            args.push(expr);
        } else {
            let setter = format_ident!("{}", param.rust_name);
            setters.push(quote!(.#setter(#expr)));
        }
    }
    let name = format_ident!("{}", test_name);
    let doc = format!(
        " `{}`: the request example sends exactly the pairs it lists.",
        op.wire_id
    );
    Some(quote! {
        #[doc = #doc]
        #[::tokio::test]
        async fn #name() {
            let sent = pairs(&body_sent(|client| async move {
                let _ = client.#fn_name(#(#args),*) #(#setters)* .send().await;
            })
            .await);
            let mut expected: ::std::vec::Vec<(::std::string::String, ::std::string::String)> = vec![#(#expected),*];
            expected.sort();
            assert_eq!(sent, expected);
        }
    })
}

/// The `ClientBuilder` call that gives an emitted test's client credentials the document accepts.
pub(super) fn test_credentials(api: &Api, root: &TokenStream) -> TokenStream {
    match api.security_schemes.first().map(|s| &s.kind) {
        Some(SecurityKind::HttpBasic) => quote!(.credentials(#root::Credentials::basic("ACexample", "token"))),
        Some(_) => quote!(.credentials(#root::Credentials::bearer("token"))),
        None => quote!(),
    }
}

/// A stand-in for a required input the example does not give.
pub(super) fn placeholder(api: &Api, ty: &TypeRef) -> Option<serde_json::Value> {
    Some(match ty {
        TypeRef::String | TypeRef::Any => serde_json::Value::from("placeholder"),
        TypeRef::Integer(_) => serde_json::Value::from(1),
        TypeRef::Number => serde_json::Value::from(1.5),
        TypeRef::Boolean => serde_json::Value::from(true),
        TypeRef::DateTime => serde_json::Value::from("2024-01-31T12:00:00Z"),
        TypeRef::Date => serde_json::Value::from("2024-01-31"),
        TypeRef::Array(inner) => serde_json::Value::Array(vec![placeholder(api, inner)?]),
        TypeRef::Named(name) => match &api.types.iter().find(|t| &t.rust_name == name)?.kind {
            TypeKind::Enum { variants, .. } => serde_json::Value::from(variants.first()?.wire_value.clone()),
            _ => return None,
        },
        TypeRef::Map(_) => return None,
    })
}

/// The Rust expression passing `value` as an input of type `ty`, and the pairs it must put on the wire.
pub(super) fn value_expr(
    api: &Api,
    root: &TokenStream,
    ty: &TypeRef,
    value: &serde_json::Value,
    wire: &str,
    explode: bool,
) -> Option<(TokenStream, Vec<TokenStream>)> {
    if let TypeRef::Array(inner) = ty {
        let items: Vec<serde_json::Value> = match value {
            serde_json::Value::Array(items) => items.clone(),
            single => vec![single.clone()],
        };
        let mut exprs = Vec::new();
        let mut texts = Vec::new();
        for item in &items {
            let (expr, text) = scalar_expr(api, root, inner, item)?;
            exprs.push(expr);
            texts.push(text);
        }
        let pairs = if explode {
            texts.iter().map(|text| quote!((#wire.to_string(), #text))).collect()
        } else if texts.is_empty() {
            Vec::new()
        } else {
            vec![quote!((#wire.to_string(), vec![#(#texts),*].join(",")))]
        };
        let expr = if **inner == TypeRef::String {
            quote!([#(#exprs),*])
        } else {
            quote!(vec![#(#exprs),*])
        };
        return Some((expr, pairs));
    }
    let (expr, text) = scalar_expr(api, root, ty, value)?;
    Some((expr, vec![quote!((#wire.to_string(), #text))]))
}

/// A single value: its Rust expression, and an expression of the text it must have on the wire.
fn scalar_expr(
    api: &Api,
    root: &TokenStream,
    ty: &TypeRef,
    value: &serde_json::Value,
) -> Option<(TokenStream, TokenStream)> {
    let text_of = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    Some(match ty {
        TypeRef::String => {
            let text = text_of(value);
            (quote!(#text), quote!(#text.to_string()))
        }
        TypeRef::Boolean => {
            let flag = match value {
                serde_json::Value::Bool(b) => *b,
                serde_json::Value::String(s) => s.parse().ok()?,
                _ => return None,
            };
            let text = flag.to_string();
            (quote!(#flag), quote!(#text.to_string()))
        }
        TypeRef::Integer(width) => {
            let number: i64 = match value {
                serde_json::Value::Number(n) => n.as_i64()?,
                serde_json::Value::String(s) => s.trim().parse().ok()?,
                _ => return None,
            };
            let text = number.to_string();
            let literal = match width {
                IntWidth::I32 => {
                    let n = i32::try_from(number).ok()?;
                    quote!(#n)
                }
                IntWidth::I64 => quote!(#number),
            };
            (literal, quote!(#text.to_string()))
        }
        TypeRef::Number => {
            let number: f64 = match value {
                serde_json::Value::Number(n) => n.as_f64()?,
                serde_json::Value::String(s) => s.trim().parse().ok()?,
                _ => return None,
            };
            let literal = proc_macro2::Literal::f64_suffixed(number);
            (
                quote!(#literal),
                quote!(#root::runtime::params::ParamValue::to_param(&#literal)),
            )
        }
        TypeRef::DateTime => {
            let text = text_of(value);
            let expr = quote!(#root::datetime::Timestamp::parse(#text).expect("the example's date-time parses"));
            (
                expr.clone(),
                quote!(#root::runtime::params::ParamValue::to_param(&#expr)),
            )
        }
        TypeRef::Date => {
            let text = text_of(value);
            let expr = quote!(#text.parse::<#root::datetime::Date>().expect("the example's date parses"));
            (
                expr.clone(),
                quote!(#root::runtime::params::ParamValue::to_param(&#expr)),
            )
        }
        TypeRef::Any => {
            let json = value.to_string();
            let expr = quote!(::serde_json::from_str::<::serde_json::Value>(#json).expect("the example is JSON"));
            (
                expr.clone(),
                quote!(#root::runtime::params::ParamValue::to_param(&#expr)),
            )
        }
        TypeRef::Named(name) => {
            let def = api.types.iter().find(|t| &t.rust_name == name)?;
            let TypeKind::Enum { .. } = def.kind else { return None };
            let ident = format_ident!("{}", name);
            let text = text_of(value);
            (quote!(#root::models::#ident::from(#text)), quote!(#text.to_string()))
        }
        TypeRef::Array(_) | TypeRef::Map(_) => return None,
    })
}
