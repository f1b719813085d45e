//! The files of a document: each read and parsed once (known by its canonical path), shown in errors
//! by the path it was reached by (the root's path joined with the references, `..` folded), and the
//! reading of a `$ref` (`file#/json/pointer`) and of JSON pointers in a parsed tree.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use serde_yaml::Value;

use crate::error::Error;

/// Index of a file in [`Files`]; the root document is [`ROOT`].
pub(super) type FileId = usize;

pub(super) const ROOT: FileId = 0;

/// A place in one file: the file, and a JSON pointer into it (`#` for the whole file).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct Place {
    pub file: FileId,
    pub pointer: String,
}

pub(super) struct File {
    /// The path errors and [`super::Sources`] show.
    pub shown: PathBuf,
    pub value: Value,
}

pub(super) struct Files {
    pub files: Vec<File>,
    /// By canonical path: one file reached by different paths is read once.
    by_path: HashMap<PathBuf, FileId>,
    /// By the path it was reached by, to ask the file system only once per path.
    by_shown: HashMap<PathBuf, FileId>,
}

impl Files {
    /// The root document, already parsed; other files are read relative to `shown`'s folder.
    pub fn new(shown: &Path, value: Value) -> Files {
        let key = std::fs::canonicalize(shown)
            .or_else(|_| std::path::absolute(shown).map(|p| normalized(&p)))
            .unwrap_or_else(|_| shown.to_path_buf());
        Files {
            files: vec![File {
                shown: shown.to_path_buf(),
                value,
            }],
            by_path: HashMap::from([(key, ROOT)]),
            by_shown: HashMap::from([(shown.to_path_buf(), ROOT)]),
        }
    }

    pub fn shown(&self, file: FileId) -> &Path {
        &self.files[file].shown
    }

    /// The node at `place`, if there is one.
    pub fn get(&self, place: &Place) -> Option<&Value> {
        lookup(&self.files[place.file].value, &place.pointer)
    }

    /// Where `reference`, found at `at`, points: the file is read and parsed on first use.
    pub fn target(&mut self, reference: &str, at: &Place) -> Result<Place, Error> {
        let fail = |message: String| Error::new(self.shown(at.file), at.pointer.as_str(), message);
        let (path, pointer) = split(reference).map_err(|why| fail(format!("$ref `{reference}` {why}")))?;
        let file = match path {
            None => at.file,
            Some(path) => self.open(&path, reference, at)?,
        };
        Ok(Place { file, pointer })
    }

    fn open(&mut self, relative: &str, reference: &str, at: &Place) -> Result<FileId, Error> {
        let from = self.shown(at.file);
        let shown = normalized(&from.parent().unwrap_or(Path::new("")).join(relative));
        let fail = |e: std::io::Error| {
            Error::new(
                from,
                at.pointer.as_str(),
                format!(
                    "$ref `{reference}` does not resolve: cannot read `{}`: {e}",
                    shown.display()
                ),
            )
        };
        if let Some(&id) = self.by_shown.get(&shown) {
            return Ok(id);
        }
        let key = std::fs::canonicalize(&shown).map_err(fail)?;
        if let Some(&id) = self.by_path.get(&key) {
            self.by_shown.insert(shown, id);
            return Ok(id);
        }
        // Not a folder, a device or a pipe, which could be read forever.
        if !std::fs::metadata(&key).map_err(fail)?.is_file() {
            let message = format!(
                "$ref `{reference}` does not resolve: `{}` is not a file",
                shown.display()
            );
            return Err(Error::new(from, at.pointer.as_str(), message));
        }
        let text = std::fs::read_to_string(&key).map_err(fail)?;
        let value = parse_text(&text).map_err(|e| {
            Error::new(
                &shown,
                "#",
                format!(
                    "not valid YAML or JSON: {e} (the file is referred to by {}: {})",
                    from.display(),
                    at.pointer
                ),
            )
        })?;
        let id = self.files.len();
        self.by_shown.insert(shown.clone(), id);
        self.files.push(File { shown, value });
        self.by_path.insert(key, id);
        Ok(id)
    }
}

/// Parses a document's text: YAML (which JSON almost always is), else JSON that YAML refuses (JSON
/// allows characters in strings that YAML does not, such as C1 controls). The error is YAML's, with
/// the line and column of the character at fault where YAML gives only an offset.
pub(super) fn parse_text(text: &str) -> Result<Value, String> {
    let yaml_error = match parse_yaml(text) {
        Ok(value) => return Ok(value),
        Err(e) => e,
    };
    if text.trim_start().starts_with(['{', '[']) {
        if let Ok(json) = serde_json::from_str::<serde_json::Value>(text) {
            return serde_yaml::to_value(json).map_err(|e| e.to_string());
        }
    }
    let message = yaml_error.to_string();
    if message.contains("control characters are not allowed") {
        if let Some((line, column, c)) = first_control_character(text) {
            return Err(format!(
                "control character U+{:04X} at line {line} column {column}: YAML allows none outside \\t, \\n and \\r (write it escaped)",
                c as u32
            ));
        }
    }
    match yaml_error.location() {
        Some(at) if !message.contains(" line ") => {
            Err(format!("{message} (line {} column {})", at.line(), at.column()))
        }
        _ => Err(message),
    }
}

/// The first character YAML refuses anywhere: a C0 control but tab, line feed and carriage return,
/// DEL, or a C1 control; with its line and column (both from 1, the column in characters).
fn first_control_character(text: &str) -> Option<(usize, usize, char)> {
    for (index, line) in text.split('\n').enumerate() {
        for (column, c) in line.chars().enumerate() {
            let refused = c.is_control() && !matches!(c, '\t' | '\r');
            if refused {
                return Some((index + 1, column + 1, c));
            }
        }
    }
    None
}

/// Parses YAML or JSON. serde_yaml cannot hold an integer beyond 64 bits in a `Value` ("invalid type:
/// integer `18446744073709552000` as u128"); such a number is read as a float instead, as JSON
/// readers do, by giving it a `.0`. Any other error is the first parse's.
pub(super) fn parse_yaml(text: &str) -> Result<Value, serde_yaml::Error> {
    let first = match serde_yaml::from_str(text) {
        Ok(value) => return Ok(value),
        Err(e) => e,
    };
    let mut patched = text.to_string();
    let mut error = first.to_string();
    let mut location = first.location();
    for _ in 0..1000 {
        let Some(end) = huge_integer_end(&patched, &error, location) else {
            break;
        };
        patched.insert_str(end, ".0");
        match serde_yaml::from_str(&patched) {
            Ok(value) => return Ok(value),
            Err(e) => (error, location) = (e.to_string(), e.location()),
        }
    }
    Err(first)
}

/// Where the integer too large for serde_yaml that `error` is about ends in `text`.
fn huge_integer_end(text: &str, error: &str, location: Option<serde_yaml::Location>) -> Option<usize> {
    if !error.contains("as u128") && !error.contains("as i128") {
        return None;
    }
    let location = location?;
    let line_start: usize = text
        .split_inclusive('\n')
        .take(location.line().checked_sub(1)?)
        .map(str::len)
        .sum();
    let line = &text[line_start..];
    let (offset, _) = line.char_indices().nth(location.column().checked_sub(1)?)?;
    let start = line_start + offset;
    let length = text[start..]
        .bytes()
        .take_while(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+'))
        .count();
    (length > 0).then_some(start + length)
}

/// The string of a `$ref` if `node` is a reference object.
pub(super) fn ref_of(node: &Value) -> Option<&str> {
    match node {
        Value::Mapping(map) => map.get("$ref").and_then(Value::as_str),
        _ => None,
    }
}

/// `file#/pointer` → the file (none: this file) and `#/pointer`, percent-decoded.
fn split(reference: &str) -> Result<(Option<String>, String), &'static str> {
    if reference.contains("://") {
        return Err("is a URL; only references to files and `#/...` pointers are supported");
    }
    let (path, fragment) = reference.split_once('#').unwrap_or((reference, ""));
    let fragment = decoded(fragment).ok_or("is not valid percent-encoded UTF-8")?;
    if !fragment.is_empty() && !fragment.starts_with('/') {
        return Err("is not a JSON pointer: the part after `#` should be empty or start with `/`");
    }
    let path = match path {
        "" => None,
        path => Some(decoded(path).ok_or("is not valid percent-encoded UTF-8")?),
    };
    Ok((path, format!("#{fragment}")))
}

/// `%XX` escapes decoded (URI references may have them); `None` if the bytes are not UTF-8.
fn decoded(text: &str) -> Option<String> {
    if !text.contains('%') {
        return Some(text.to_string());
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// The reference tokens of `#/a/b~1c`, unescaped: `["a", "b/c"]`.
pub(super) fn tokens(pointer: &str) -> Vec<String> {
    match pointer.strip_prefix("#/") {
        Some(rest) => rest.split('/').map(unescape).collect(),
        None => Vec::new(),
    }
}

/// The node a JSON pointer (`#/...`) names in `root`.
pub(super) fn lookup<'v>(root: &'v Value, pointer: &str) -> Option<&'v Value> {
    let rest = pointer.strip_prefix('#')?;
    if rest.is_empty() {
        return Some(root);
    }
    let rest = rest.strip_prefix('/')?;
    rest.split('/').try_fold(root, |node, token| {
        let token = unescape(token);
        match node {
            Value::Mapping(map) => map.get(token.as_str()).or_else(|| {
                // Keys that YAML reads as numbers or booleans (`200:`) match their text.
                map.iter()
                    .find(|(k, _)| !k.is_string() && super::scalar_text(k) == token)
                    .map(|(_, v)| v)
            }),
            Value::Sequence(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        }
    })
}

fn unescape(token: &str) -> String {
    if token.contains('~') {
        token.replace("~1", "/").replace("~0", "~")
    } else {
        token.to_string()
    }
}

/// `a/./b/../c` → `a/c`, without asking the file system (so a missing file can still be named).
fn normalized(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.components().next_back(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_split_into_file_and_pointer() {
        assert_eq!(split("a.yml"), Ok((Some("a.yml".into()), "#".into())));
        assert_eq!(split("../a.yml#/Pet"), Ok((Some("../a.yml".into()), "#/Pet".into())));
        assert_eq!(split("#/paths/~1a~1%7Bid%7D"), Ok((None, "#/paths/~1a~1{id}".into())));
        assert!(split("#Pet").is_err());
        assert!(split("https://example.com/a.yml").is_err());
    }

    #[test]
    fn integers_beyond_64_bits_become_floats() {
        let value = parse_yaml("a: 1\nb: {max: 18446744073709552000, min: -18446744073709552000}\n").unwrap();
        assert_eq!(value["b"]["max"].as_f64(), Some(18446744073709552000.0));
        assert_eq!(value["b"]["min"].as_f64(), Some(-18446744073709552000.0));
        let error = parse_yaml("a: [1, 2").unwrap_err().to_string();
        assert!(error.starts_with("did not find expected"), "{error}");
    }

    #[test]
    fn paths_fold_parent_folders() {
        assert_eq!(normalized(Path::new("a/./b/../c.yml")), PathBuf::from("a/c.yml"));
        assert_eq!(normalized(Path::new("../a/../../b")), PathBuf::from("../../b"));
    }

    #[test]
    fn pointers_find_numeric_keys() {
        let value: Value = serde_yaml::from_str("responses: {200: {description: ok}}\nl: [a, b]").unwrap();
        assert_eq!(
            lookup(&value, "#/responses/200/description").and_then(Value::as_str),
            Some("ok")
        );
        assert_eq!(lookup(&value, "#/l/1").and_then(Value::as_str), Some("b"));
        assert!(lookup(&value, "#/l/2").is_none());
    }
}
