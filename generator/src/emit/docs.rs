//! Document text to rustdoc attributes.
//!
//! Descriptions are Markdown, and Markdown lets a list item or a quote go on lazily on a line that
//! is not indented or quoted; rustdoc reads that as written, but it is easy to misread, and clippy
//! (`doc_lazy_continuation`) refuses it. Such lines are indented under their item, or quoted, so
//! the text renders as it did and reads as it renders.
//!
//! Code in a description is the API's (a shell command, a template), not Rust: rustdoc would
//! compile an unlabelled fenced block or an indented block as a doctest, so both become ```text
//! blocks.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc]` attributes, one per line, for an item.
pub fn outer(docs: &Option<String>) -> TokenStream {
    lines(docs.as_deref())
        .into_iter()
        .map(|line| quote!(#[doc = #line]))
        .collect()
}

fn lines(docs: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    // What a lazy continuation line needs in front: the item's indentation, or a quote marker.
    let mut continuation: Option<String> = None;
    let mut in_code = false;
    // Inside an indented code block, which began after a blank line.
    let mut in_indented = false;
    let mut previous_blank = true;
    for line in docs.into_iter().flat_map(str::lines) {
        // Tabs render unpredictably in rustdoc (and clippy refuses them): four spaces each.
        let untabbed = line.replace('\t', "    ");
        let line = untabbed.trim_end();
        let indented = line.starts_with("    ") || line.starts_with('\t');
        if in_indented && !indented && !line.is_empty() {
            out.push(" ```".to_string());
            in_indented = false;
        }
        let fence = line.trim_start().starts_with("```");
        if fence {
            continuation = None;
        }
        let text = if fence && !in_code {
            in_code = true;
            let label = line.trim_start().trim_start_matches('`').trim();
            let indent = &line[..line.len() - line.trim_start().len()];
            if label.is_empty() || label == "rust" {
                format!("{indent}```text")
            } else {
                line.to_string()
            }
        } else if fence {
            in_code = false;
            line.to_string()
        } else if in_code || in_indented {
            line.to_string()
        } else if line.is_empty() {
            continuation = None;
            String::new()
        } else if indented && previous_blank && continuation.is_none() {
            in_indented = true;
            out.push(" ```text".to_string());
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
        previous_blank = line.is_empty();
        out.push(if text.is_empty() { text } else { format!(" {text}") });
    }
    if in_indented || in_code {
        out.push(" ```".to_string());
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
    fn code_blocks_are_text_not_doctests() {
        let text = "- item\n```\ncode\n- not an item\n```\n\n```json\n{}\n```";
        assert_eq!(
            lines(Some(text)),
            [
                " - item",
                " ```text",
                " code",
                " - not an item",
                " ```",
                "",
                " ```json",
                " {}",
                " ```"
            ]
        );
    }

    #[test]
    fn indented_blocks_are_fenced_as_text() {
        let text = "Run:\n\n    kubectl apply \\\n      -f x\n\nThen more.";
        assert_eq!(
            lines(Some(text)),
            [
                " Run:",
                "",
                " ```text",
                "     kubectl apply \\",
                "       -f x",
                "",
                " ```",
                " Then more."
            ]
        );
    }
}
