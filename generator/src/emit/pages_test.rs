//! `tests/pages.rs` of the emitted crate: the list walker, on the crate's first list operation,
//! against a loopback server serving three pages: it follows an absolute next-page link (to another
//! host) and a relative one on the client's own server, and stops at a page without a link.

use quote::{format_ident, quote};

use super::features::inputs;
use super::request_examples::{placeholder, test_credentials, value_expr};
use super::{rust_file, Files};
use crate::ir::{Api, NextLink, Operation, TypeKind, TypeRef};

pub fn emit(api: &Api, files: &mut Files) -> Result<(), String> {
    let krate = format_ident!("{}", api.crate_name.replace('-', "_"));
    let root = quote!(::#krate);
    let Some((op, args)) = api
        .operations
        .iter()
        .find_map(|op| Some((op, list_call_args(api, op, &root)?)))
    else {
        return Ok(());
    };
    let Some(pagination) = &op.pagination else {
        return Ok(());
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
    files.push(rust_file(
        "tests/pages.rs",
        quote! {
            //! The list walker follows next-page links on the client's own server until a page has none.

            /// Serves `pages` one connection each and returns the request line of every request.
            async fn serve(pages: &'static [&'static str]) -> (::std::string::String, ::tokio::task::JoinHandle<::std::vec::Vec<::std::string::String>>) {
                use ::tokio::io::{AsyncReadExt, AsyncWriteExt};
                let listener = ::tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind a loopback port");
                let url = format!("http://{}", listener.local_addr().expect("local address"));
                let server = ::tokio::spawn(async move {
                    let mut lines = ::std::vec::Vec::new();
                    for page in pages {
                        let (mut socket, _) = listener.accept().await.expect("the client connects");
                        let mut request = ::std::vec::Vec::new();
                        let mut buffer = [0u8; 4096];
                        while !::std::string::String::from_utf8_lossy(&request).contains("\r\n\r\n") {
                            let read = socket.read(&mut buffer).await.expect("read the request");
                            if read == 0 {
                                break;
                            }
                            request.extend_from_slice(&buffer[..read]);
                        }
                        let text = ::std::string::String::from_utf8_lossy(&request).to_string();
                        lines.push(text.lines().next().unwrap_or_default().to_string());
                        let reply = format!(
                            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{}",
                            page.len(),
                            page
                        );
                        socket.write_all(reply.as_bytes()).await.expect("write the page");
                    }
                    lines
                });
                (url, server)
            }

            #[doc = #doc]
            #[::tokio::test]
            async fn pages_follow_next_links_to_the_end() {
                let (url, server) = serve(&[#(#pages),*]).await;
                let client = #root::Client::builder().base_url(url) #credentials .build().expect("a client");
                let mut pages = client.#fn_name(#(#args),*).pages();
                let mut items = 0;
                while let ::std::option::Option::Some(item) = pages.next().await {
                    item.expect("every page decodes");
                    items += 1;
                }
                assert_eq!(items, 3);
                let lines = server.await.expect("the server task");
                assert_eq!(lines.len(), 3);
                assert_eq!(lines[1], "GET /v1/Next?PageSize=2&Page=1&PageToken=PT1 HTTP/1.1");
                assert_eq!(lines[2], "GET /v1/Next?Page=2 HTTP/1.1");
            }
        },
    )?);
    Ok(())
}

/// Placeholder arguments for a list operation whose items are objects, if it has any.
fn list_call_args(api: &Api, op: &Operation, root: &proc_macro2::TokenStream) -> Option<Vec<proc_macro2::TokenStream>> {
    let pagination = op.pagination.as_ref()?;
    let TypeRef::Named(item) = &pagination.item else {
        return None;
    };
    if !matches!(
        api.types.iter().find(|t| &t.rust_name == item)?.kind,
        TypeKind::Struct { .. }
    ) {
        return None;
    }
    inputs(op)
        .filter(|p| p.required)
        .map(|p| Some(value_expr(api, root, &p.ty, &placeholder(api, &p.ty)?, &p.wire_name, p.explode)?.0))
        .collect()
}
