//! Document text to rustdoc attributes.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc]` attributes, one per line, for an item.
pub fn outer(docs: &Option<String>) -> TokenStream {
    lines(docs).map(|line| quote!(#[doc = #line])).collect()
}

/// `#![doc]` attributes, one per line, for a module or crate.
pub fn inner(text: &str) -> TokenStream {
    lines(&Some(text.to_string()))
        .map(|line| quote!(#![doc = #line]))
        .collect()
}

fn lines(docs: &Option<String>) -> impl Iterator<Item = String> + '_ {
    docs.iter().flat_map(|text| text.lines()).map(|line| {
        let line = line.trim_end();
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    })
}
