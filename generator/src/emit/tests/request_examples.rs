//! `tests/request_examples.rs` of the emitted crate: every form-body request example of the document
//! is sent through the client to a loopback server, which checks the body holds exactly the pairs
//! the example lists (in any order): arrays as repeated keys, nothing added, nothing dropped.
//!
//! Inputs the example does not give but the operation requires (path parameters, required fields)
//! get placeholder values; required form fields so filled are expected on the wire too. An example
//! that names a field the operation does not have, or a value the emitter cannot write as Rust, gets
//! no test (the field list is checked by lowering, and such examples are rare).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::values::{placeholder, value_expr};
use super::{test_credentials, uses_loopback};
use crate::emit::files::{rust_file, Files};
use crate::ir::{Api, Body, Location, Operation, Param, Refusal, RequestExample, TypeRef};

pub fn emit(api: &Api, files: &mut Files) {
    let root = {
        let krate = format_ident!("{}", api.crate_ident);
        quote!(::#krate)
    };
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
                    if let Some(test) = json_example_test(api, op, &root, body, example) {
                        tests.push(test);
                        json_tests = true;
                    }
                }
            }
            Some(Body::Raw { .. } | Body::Multipart { .. }) | None => {}
        }
    }
    if tests.is_empty() {
        return;
    }
    files.push(rust_file(
        "tests/request_examples.rs",
        test_file(api, &root, form_tests, json_tests, &tests),
    ));
}

fn test_file(api: &Api, root: &TokenStream, form_tests: bool, json_tests: bool, tests: &[TokenStream]) -> TokenStream {
    let credentials = test_credentials(api, root);
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
            /// A JSON value as it is compared: without its `null` members (absent and `null` say the
            /// same), and every number as the number it is (`1` and `1.0` are one JSON number).
            fn normalized(value: ::serde_json::Value) -> ::serde_json::Value {
                match value {
                    ::serde_json::Value::Object(map) => ::serde_json::Value::Object(
                        map.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, normalized(v))).collect(),
                    ),
                    ::serde_json::Value::Array(items) => ::serde_json::Value::Array(items.into_iter().map(normalized).collect()),
                    ::serde_json::Value::Number(n) => n.as_f64().map_or(::serde_json::Value::Number(n), ::serde_json::Value::from),
                    other => other,
                }
            }
        }
    });
    let loopback = uses_loopback();
    quote! {
        //! Every request example of the document goes on the wire as it is written: a form body with
        //! exactly the pairs it lists, a JSON body with the same value.

        #loopback

        /// Sends one request through `call` to a loopback server and returns the body it got.
        async fn body_sent<F, Fut>(call: F) -> ::std::vec::Vec<u8>
        where
            F: FnOnce(#root::Client) -> Fut,
            Fut: ::std::future::Future<Output = ()>,
        {
            let (url, server) = loopback::serve(&["{}"]).await;
            let client = #root::Client::builder().base_url(url) #credentials .build().expect("a client");
            call(client).await;
            let mut received = server.await.expect("the server task");
            received.remove(0).body
        }

        #form_helpers

        #json_helpers

        #(#tests)*
    }
}

/// A JSON body example: decoded into the body type, sent, and compared as JSON with the example.
fn json_example_test(
    api: &Api,
    op: &Operation,
    root: &TokenStream,
    (ty, required, rust_name): (&TypeRef, bool, &str),
    example: &RequestExample,
) -> Option<TokenStream> {
    let fn_name = format_ident!("{}", op.fn_name);
    let body_type = crate::emit::types::rust_type_from(ty, root);
    let text = example.value.to_string();
    let name = format_ident!("{}", example.test_name);
    if let Some(refusal) = &example.refusal {
        return Some(refused_body_test(op, &name, &body_type, &text, refusal));
    }
    let mut args = Vec::new();
    for param in op.inputs().filter(|p| p.required) {
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
    let (doc, expected) = match &example.sent {
        None => (
            vec![format!(
                " `{}`: the JSON request example goes on the wire as written.",
                op.wire_id
            )],
            text.clone(),
        ),
        Some((sent, left_out)) => {
            let mut doc = vec![format!(
                " `{}`: the JSON request example goes on the wire, but for what a body of this type cannot hold or does not send:",
                op.wire_id
            )];
            doc.extend(left_out.iter().map(|p| format!(" - `{p}`")));
            (doc, sent.to_string())
        }
    };
    Some(quote! {
        #(#[doc = #doc])*
        #[::tokio::test]
        async fn #name() {
            let example: ::serde_json::Value = ::serde_json::from_str(#text).expect("the example is JSON");
            let expected: ::serde_json::Value = ::serde_json::from_str(#expected).expect("the expected body is JSON");
            let body: #body_type = ::serde_json::from_value(example).expect("the example is a body of this operation");
            let sent = body_sent(|client| async move {
                let _ = client.#fn_name(#(#args),*) #setter .send().await;
            })
            .await;
            let sent: ::serde_json::Value = ::serde_json::from_slice(&sent).expect("the body sent is JSON");
            assert_eq!(normalized(sent), normalized(expected));
        }
    })
}

/// A JSON body example that contradicts its own schema cannot be built as the body: the client
/// refuses it, with the error the generator predicts when it knows it.
fn refused_body_test(
    op: &Operation,
    name: &Ident,
    body_type: &TokenStream,
    text: &str,
    refusal: &Refusal,
) -> TokenStream {
    let (expected, problems) = match refusal {
        Refusal::MissingField { model, field } => (
            format!("missing field `{field}` of {model}, which the document requires"),
            vec![format!("missing field `{field}` of {model}")],
        ),
        Refusal::Problems(problems) => (String::new(), problems.clone()),
    };
    let doc = format!(
        " `{}`: the JSON request example contradicts its own schema, so it is not a body the client can send:",
        op.wire_id
    );
    let lines = problems.iter().map(|p| format!(" - {p}"));
    quote! {
        #[doc = #doc]
        #(#[doc = #lines])*
        #[test]
        fn #name() {
            match ::serde_json::from_str::<#body_type>(#text) {
                ::std::result::Result::Ok(body) => panic!("the example is a body, though it contradicts its schema: {body:?}"),
                ::std::result::Result::Err(e) => assert!(e.to_string().starts_with(#expected), "unexpected error: {e}"),
            }
        }
    }
}

fn example_test(
    api: &Api,
    op: &Operation,
    root: &TokenStream,
    test_name: &str,
    example: &serde_json::Value,
) -> Option<TokenStream> {
    let object = example.as_object()?;
    let all: Vec<&Param> = op.inputs().collect();
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
