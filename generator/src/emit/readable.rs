//! Blank lines where a person expects them: prettyplease prints items back to back, which reads
//! like a wall in an editor. A pass over the printed text adds one blank line after the file's
//! inner doc comments and attributes, between items, and between a group of `mod` declarations and
//! the `use` declarations after it.

/// `text` (prettyplease's output) with blank lines between items.
pub fn with_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous: Option<&str> = None;
    for line in text.lines() {
        if let Some(previous) = previous {
            if needs_blank_line(previous, line) {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out
}

fn needs_blank_line(previous: &str, line: &str) -> bool {
    let (indent, code) = split_indent(line);
    let (previous_indent, previous_code) = split_indent(previous);
    if code.is_empty() || previous_code.is_empty() {
        return false;
    }
    if is_inner(previous_code) {
        return !is_inner(code);
    }
    if indent != previous_indent || !starts_item(code) {
        return false;
    }
    let block_ended = matches!(previous_code, "}" | "};" | "];");
    // A one-line item (`use`, `mod`, a unit struct) ends a group when a documented item or an item
    // of another kind follows.
    let line_item_ended = previous_code.ends_with(';')
        && starts_item(previous_code)
        && !previous_code.starts_with("//")
        && !previous_code.starts_with("#[")
        && (code.starts_with("///") || code.starts_with("#[") || kind(previous_code) != kind(code));
    block_ended || line_item_ended
}

#[derive(PartialEq)]
enum ItemKind {
    Use,
    Mod,
    Other,
}

fn kind(code: &str) -> ItemKind {
    let code = code.strip_prefix("pub ").unwrap_or(code);
    if code.starts_with("use ") {
        ItemKind::Use
    } else if code.starts_with("mod ") {
        ItemKind::Mod
    } else {
        ItemKind::Other
    }
}

fn split_indent(line: &str) -> (usize, &str) {
    let code = line.trim_start();
    (line.len() - code.len(), code.trim_end())
}

/// `//!` doc comments and `#![…]` attributes, which belong to the enclosing module.
fn is_inner(code: &str) -> bool {
    code.starts_with("//!") || code.starts_with("#![")
}

/// The first line of an item, its doc comment or its attributes.
fn starts_item(code: &str) -> bool {
    const STARTS: &[&str] = &[
        "///",
        "#[",
        "pub ",
        "pub(",
        "fn ",
        "async fn ",
        "impl ",
        "impl<",
        "struct ",
        "enum ",
        "mod ",
        "const ",
        "static ",
        "type ",
        "trait ",
        "use ",
    ];
    STARTS.iter().any(|start| code.starts_with(start))
}

#[cfg(test)]
mod tests {
    use super::with_blank_lines;

    #[test]
    fn items_are_separated_and_bodies_are_not() {
        let printed = "//! Module docs.\nuse std::fmt;\npub struct A {\n    pub a: i32,\n}\nimpl A {\n    pub fn new() -> Self {\n        if true {\n            x();\n        }\n        let y = 1;\n        A { a: y }\n    }\n    /// Docs.\n    pub fn get(&self) -> i32 {\n        self.a\n    }\n}\n";
        let expected = "//! Module docs.\n\nuse std::fmt;\n\npub struct A {\n    pub a: i32,\n}\n\nimpl A {\n    pub fn new() -> Self {\n        if true {\n            x();\n        }\n        let y = 1;\n        A { a: y }\n    }\n\n    /// Docs.\n    pub fn get(&self) -> i32 {\n        self.a\n    }\n}\n";
        assert_eq!(with_blank_lines(printed), expected);
    }

    #[test]
    fn doc_comments_stay_together() {
        let printed = "/// Ends with a semicolon;\n/// and goes on.\npub const URL: &str = \"x\";\n";
        assert_eq!(with_blank_lines(printed), printed);
    }

    #[test]
    fn a_list_over_several_lines_ends_an_item() {
        let printed = "pub const A: &[&str] = &[\n    \"a\",\n];\n#[doc = \"B\"]\npub struct B;\n";
        let expected = "pub const A: &[&str] = &[\n    \"a\",\n];\n\n#[doc = \"B\"]\npub struct B;\n";
        assert_eq!(with_blank_lines(printed), expected);
    }

    #[test]
    fn module_declarations_and_documented_items_form_groups() {
        let printed = "mod a;\nmod b;\npub use a::A;\npub use b::B;\n/// The server.\npub const URL: &str = \"x\";\n";
        let expected =
            "mod a;\nmod b;\n\npub use a::A;\npub use b::B;\n\n/// The server.\npub const URL: &str = \"x\";\n";
        assert_eq!(with_blank_lines(printed), expected);
    }
}
