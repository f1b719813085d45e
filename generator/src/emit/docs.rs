//! Document text to rustdoc attributes.
//!
//! Descriptions are Markdown, and Markdown lets a list item or a quote go on lazily on a line that
//! is not indented or quoted; rustdoc reads that as written, but it is easy to misread, and clippy
//! (`doc_lazy_continuation`) refuses it. Such lines are indented under their item, or quoted, so
//! the text renders as it did and reads as it renders.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc]` attributes, one per line, for an item.
pub fn outer(docs: &Option<String>) -> TokenStream {
    lines(docs.as_deref())
        .into_iter()
        .map(|line| quote!(#[doc = #line]))
        .collect()
}

/// `#![doc]` attributes, one per line, for a module or crate.
pub fn inner(text: &str) -> TokenStream {
    lines(Some(text))
        .into_iter()
        .map(|line| quote!(#![doc = #line]))
        .collect()
}

fn lines(docs: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    // What a lazy continuation line needs in front: the item's indentation, or a quote marker.
    let mut continuation: Option<String> = None;
    let mut in_code = false;
    for line in docs.into_iter().flat_map(str::lines) {
        let line = line.trim_end();
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continuation = None;
        }
        let text = if line.is_empty() {
            continuation = None;
            String::new()
        } else if in_code || line.trim_start().starts_with("```") {
            line.to_string()
        } else if let Some(marker) = list_marker(line) {
            continuation = Some(" ".repeat(marker));
            line.to_string()
        } else if line.starts_with('>') {
            continuation = Some("> ".to_string());
            line.to_string()
        } else {
            match &continuation {
                Some(prefix) if !line.starts_with(prefix.as_str()) => format!("{prefix}{}", line.trim_start()),
                _ => line.to_string(),
            }
        };
        out.push(if text.is_empty() { text } else { format!(" {text}") });
    }
    out
}

/// The width of a list item's marker and its space (`- `, `* `, `12. `), if `line` starts one.
fn list_marker(line: &str) -> Option<usize> {
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    let bullet = ["- ", "* ", "+ "].iter().any(|b| rest.starts_with(b));
    if bullet {
        return Some(indent + 2);
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after = &rest[digits..];
    (digits > 0 && digits < 10 && (after.starts_with(". ") || after.starts_with(") "))).then_some(indent + digits + 2)
}

#[cfg(test)]
mod tests {
    use super::lines;

    #[test]
    fn lazy_list_and_quote_lines_are_indented_or_quoted() {
        let text = "Intro:\n- first item\ngoes on\n10. tenth\nalso\n\n> quoted\nand more\n\nplain";
        assert_eq!(
            lines(Some(text)),
            [
                " Intro:",
                " - first item",
                "   goes on",
                " 10. tenth",
                "     also",
                "",
                " > quoted",
                " > and more",
                "",
                " plain",
            ]
        );
    }

    #[test]
    fn code_blocks_are_left_alone() {
        let text = "- item\n```\ncode\n```";
        assert_eq!(lines(Some(text)), [" - item", " ```", " code", " ```"]);
    }
}
