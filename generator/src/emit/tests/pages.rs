//! `tests/pages.rs` of the emitted crate: the list walker, on the crate's first list operation,
//! against a loopback server serving three pages: it follows an absolute next-page link (to another
//! host) and a relative one on the client's own server, and stops at a page without a link.

use quote::{format_ident, quote};

use super::values::{placeholder, value_expr};
use super::{test_credentials, uses_loopback};
use crate::emit::files::{rust_file, Files};
use crate::ir::{Api, NextLink, Operation, TypeKind, TypeRef};

pub fn emit(api: &Api, files: &mut Files) {
    let krate = format_ident!("{}", api.crate_ident);
    let root = quote!(::#krate);
    let Some((op, args)) = api
        .operations
        .iter()
        .find_map(|op| Some((op, list_call_args(api, op, &root)?)))
    else {
        return;
    };
    let Some(pagination) = &op.pagination else {
        return;
    };
    let items = pagination.items_wire.as_str();
    let page = |count: usize, link: Option<&str>| -> String {
        let list = vec![serde_json::json!({}); count];
        let link = link.map_or(serde_json::Value::Null, serde_json::Value::from);
        let value = match &pagination.next {
            NextLink::InMeta { .. } => serde_json::json!({ items: list, "meta": { "next_page_url": link } }),
            NextLink::TopLevel { wire, .. } => serde_json::json!({ items: list, wire.as_str(): link }),
        };
        value.to_string()
    };
    let pages = [
        page(
            2,
            Some("https://elsewhere.example.com/v1/Next?PageSize=2&Page=1&PageToken=PT1"),
        ),
        page(1, Some("/v1/Next?Page=2")),
        page(0, None),
    ];
    let fn_name = format_ident!("{}", op.fn_name);
    let credentials = test_credentials(api, &root);
    let doc = format!(
        " `{}`: every page is walked, links are followed on the client's own server.",
        op.wire_id
    );
    let loopback = uses_loopback();
    files.push(rust_file(
        "tests/pages.rs",
        quote! {
            //! The list walker follows next-page links on the client's own server until a page has none.

            #loopback

            #[doc = #doc]
            #[::tokio::test]
            async fn pages_follow_next_links_to_the_end() {
                let (url, server) = loopback::serve(&[#(#pages),*]).await;
                let client = #root::Client::builder().base_url(url) #credentials .build().expect("a client");
                let mut pages = client.#fn_name(#(#args),*).pages();
                let mut items = 0;
                while let ::std::option::Option::Some(item) = pages.next().await {
                    item.expect("every page decodes");
                    items += 1;
                }
                assert_eq!(items, 3);
                let lines: ::std::vec::Vec<::std::string::String> =
                    server.await.expect("the server task").into_iter().map(|request| request.request_line).collect();
                assert_eq!(lines.len(), 3);
                assert_eq!(lines[1], "GET /v1/Next?PageSize=2&Page=1&PageToken=PT1 HTTP/1.1");
                assert_eq!(lines[2], "GET /v1/Next?Page=2 HTTP/1.1");
            }
        },
    ));
}

/// Placeholder arguments for a list operation whose pages the test can write: the page and its
/// items are objects of optional fields (`{}` is an item), if it has any.
fn list_call_args(api: &Api, op: &Operation, root: &proc_macro2::TokenStream) -> Option<Vec<proc_macro2::TokenStream>> {
    let pagination = op.pagination.as_ref()?;
    let all_optional = |ty: &TypeRef| match ty {
        TypeRef::Named(name) => match &api.type_def(name)?.kind {
            TypeKind::Struct { fields, .. } => Some(fields.iter().all(|f| f.optional)),
            TypeKind::Enum { .. } | TypeKind::OneOf { .. } => Some(false),
        },
        TypeRef::String
        | TypeRef::Integer(_)
        | TypeRef::Number
        | TypeRef::Boolean
        | TypeRef::DateTime
        | TypeRef::Date
        | TypeRef::Array(_)
        | TypeRef::Map(_)
        | TypeRef::Any
        | TypeRef::Bytes
        | TypeRef::File => Some(false),
    };
    if !all_optional(&pagination.item)? || !all_optional(op.output.as_ref()?)? {
        return None;
    }
    op.inputs()
        .filter(|p| p.required)
        .map(|p| Some(value_expr(api, root, &p.ty, &placeholder(api, &p.ty)?, &p.wire_name, p.explode)?.0))
        .collect()
}
