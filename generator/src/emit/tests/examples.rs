//! `tests/examples.rs` of the emitted crate: every reply example of the document decodes into its
//! operation's result, and every field the model knows that the example fills survives decoding.
//!
//! Which fields must survive is worked out here, from the IR: the example is walked alongside the
//! result's type, and each non-null value at a known field becomes a JSON pointer the test checks
//! in the decoded value, encoded back to JSON. Fields the model does not know are not checked:
//! dropping them is the point of tolerant decoding.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::files::{rust_file, Files};
use crate::emit::types::rust_type_from;
use crate::ir::{Api, Operation, Refusal, ResponseExample, TypeKind, TypeRef};

pub fn emit(api: &Api, files: &mut Files) {
    let krate = format_ident!("{}", api.crate_ident);
    let root = quote!(::#krate);
    let mut tests = Vec::new();
    for op in &api.operations {
        let Some(output) = &op.output else { continue };
        for example in &op.examples {
            tests.push(example_test(api, op, output, example, &root));
        }
    }
    if tests.is_empty() {
        return;
    }
    let refused = api.operations.iter().flat_map(|op| &op.examples).any(|e| e.refusal.is_some()).then(|| {
        quote! {
            /// Checks that `text` does not decode as `T`, with an error that starts with `expected`.
            fn refused<T: ::serde::de::DeserializeOwned + ::std::fmt::Debug>(text: &str, expected: &str) {
                match #root::runtime::http::decode::<T>(text.as_bytes()) {
                    ::std::result::Result::Ok(decoded) => panic!("the example decoded, though it contradicts its schema: {decoded:?}"),
                    ::std::result::Result::Err(e) => assert!(e.to_string().starts_with(expected), "unexpected error: {e}"),
                }
            }
        }
    });
    files.push(rust_file(
        "tests/examples.rs",
        quote! {
            //! Every reply example of the document decodes into its operation's result without losing a
            //! field the model knows; one that contradicts its own schema is refused.

            /// Decodes `text` as `T` as the client does, encodes it back, and checks every pointer in
            /// `known` is still filled.
            fn check<T: ::serde::de::DeserializeOwned + ::serde::Serialize>(text: &str, known: &[&str]) {
                let decoded: T = match #root::runtime::http::decode(text.as_bytes()) {
                    ::std::result::Result::Ok(decoded) => decoded,
                    ::std::result::Result::Err(e) => panic!("the example does not decode: {e}"),
                };
                let back = ::serde_json::to_value(&decoded).expect("a decoded model encodes");
                let lost: ::std::vec::Vec<&&str> = known
                    .iter()
                    .filter(|pointer| back.pointer(pointer).is_none_or(::serde_json::Value::is_null))
                    .collect();
                assert!(lost.is_empty(), "fields the model knows were lost in decoding: {lost:?}");
            }

            #refused

            #(#tests)*
        },
    ));
}

/// JSON pointers of every non-null value in `value` at a place `ty` knows.
fn known_pointers(api: &Api, ty: &TypeRef, value: &serde_json::Value, at: String, out: &mut Vec<String>) {
    match (ty, value) {
        (_, serde_json::Value::Null) => {}
        (TypeRef::Named(name), serde_json::Value::Object(object)) => {
            // A oneOf's alternative is not known here; only the value as a whole is checked.
            let Some(TypeKind::Struct { fields, .. }) = api.type_def(name).map(|def| &def.kind) else {
                return;
            };
            // Read-only fields are not sent back, so re-encoding cannot show them.
            for field in fields.iter().filter(|f| !f.read_only) {
                if let Some(child) = object.get(&field.wire_name).filter(|v| !v.is_null()) {
                    let pointer = format!("{at}/{}", escape(&field.wire_name));
                    out.push(pointer.clone());
                    known_pointers(api, &field.ty, child, pointer, out);
                }
            }
        }
        (TypeRef::Array(inner), serde_json::Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                if !item.is_null() {
                    let pointer = format!("{at}/{i}");
                    out.push(pointer.clone());
                    known_pointers(api, inner, item, pointer, out);
                }
            }
        }
        (TypeRef::Map(inner), serde_json::Value::Object(object)) => {
            for (key, child) in object.iter().filter(|(_, v)| !v.is_null()) {
                let pointer = format!("{at}/{}", escape(key));
                out.push(pointer.clone());
                known_pointers(api, inner, child, pointer, out);
            }
        }
        _ => {}
    }
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// One example's test: it decodes without losing a field, or, contradicting its schema, is refused.
fn example_test(
    api: &Api,
    op: &Operation,
    output: &TypeRef,
    example: &ResponseExample,
    root: &TokenStream,
) -> TokenStream {
    let ty = rust_type_from(output, root);
    let name = format_ident!("{}", example.test_name);
    let text = example.value.to_string();
    let doc = format!(" `{}` example `{}` ({}).", op.wire_id, example.name, example.status);
    let body = match &example.refusal {
        None => {
            let mut known = Vec::new();
            known_pointers(api, output, &example.value, String::new(), &mut known);
            quote!(check::<#ty>(#text, &[#(#known),*]);)
        }
        Some(Refusal::MissingField { model, field }) => {
            let expected = format!("missing field `{field}` of {model}, which the document requires");
            quote!(refused::<#ty>(#text, #expected);)
        }
        Some(Refusal::Problems(_)) => quote!(refused::<#ty>(#text, "");),
    };
    let note = example.refusal.as_ref().map(|refusal| {
        let problems = match refusal {
            Refusal::MissingField { model, field } => vec![format!("missing field `{field}` of {model}")],
            Refusal::Problems(problems) => problems.clone(),
        };
        let lines = problems.iter().map(|p| format!(" - {p}"));
        quote!(#[doc = ""] #[doc = " The example contradicts its own schema, so the client refuses it:"] #(#[doc = #lines])*)
    });
    quote! {
        #[doc = #doc]
        #note
        #[test]
        fn #name() {
            #body
        }
    }
}
