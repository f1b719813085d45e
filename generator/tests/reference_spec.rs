//! The project's OAuth v1 document against Twilio's published one.
//!
//! `spec/twilio_oauth_v1.yaml` was written by this project with descriptions in its own words; its
//! structure must be Twilio's. These tests hold that claim: the two documents are equal once the
//! prose is removed, and they generate the same client apart from its doc comments.

use std::path::{Path, PathBuf};

use generator::emit::GeneratedFile;
use generator::Options;
use serde_yaml::Value;

fn ours() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/twilio_oauth_v1.yaml")
}

/// Twilio's document, in `../shared` beside the clone. A bare clone has none: the tests that need
/// it say they were skipped, unless `REQUIRE_SHARED` is set (as `.ci/run` sets it), which makes a
/// missing document a failure.
fn reference() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/specs/twilio-oai-2024-01/twilio_oauth_v1.yaml");
    if path.is_file() {
        return Some(path);
    }
    assert!(
        std::env::var_os("REQUIRE_SHARED").is_none(),
        "Twilio's reference document is missing: {} (it is needed to compare spec/twilio_oauth_v1.yaml with it)",
        path.display()
    );
    println!("skipped: {} is not beside this clone", path.display());
    None
}

fn read_yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{} is not valid YAML: {e}", path.display()))
}

/// Removes every `description` key, except where `description` is the name of a property (a key of
/// a `properties` mapping), whose schema is kept and cleaned like any other.
fn strip_descriptions(value: &mut Value) {
    strip(value, false);
}

fn strip(value: &mut Value, keys_are_property_names: bool) {
    match value {
        Value::Mapping(map) => {
            if !keys_are_property_names {
                map.remove("description");
            }
            for (key, child) in map.iter_mut() {
                let child_keys_are_property_names = !keys_are_property_names && key.as_str() == Some("properties");
                strip(child, child_keys_are_property_names);
            }
        }
        Value::Sequence(items) => items.iter_mut().for_each(|item| strip(item, false)),
        Value::Tagged(tagged) => strip(&mut tagged.value, keys_are_property_names),
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => {}
    }
}

/// Escapes one JSON pointer reference token (RFC 6901).
fn token(key: &Value) -> String {
    let text = match key {
        Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other).unwrap_or_default().trim_end().to_string(),
    };
    text.replace('~', "~0").replace('/', "~1")
}

fn short(value: Option<&Value>) -> String {
    match value {
        None => "(absent)".to_string(),
        Some(v) => {
            let text = serde_json::to_string(v).unwrap_or_else(|_| format!("{v:?}"));
            if text.chars().count() > 200 {
                format!("{}…", text.chars().take(200).collect::<String>())
            } else {
                text
            }
        }
    }
}

/// The first place where `a` and `b` differ, as a JSON pointer with both values.
fn first_difference(a: &Value, b: &Value, pointer: &str) -> Option<String> {
    if a == b {
        return None;
    }
    match (a, b) {
        (Value::Mapping(ma), Value::Mapping(mb)) => {
            for (key, va) in ma {
                let here = format!("{pointer}/{}", token(key));
                match mb.get(key) {
                    Some(vb) => {
                        if let Some(found) = first_difference(va, vb, &here) {
                            return Some(found);
                        }
                    }
                    None => return Some(format!("{here}: ours {}, reference (absent)", short(Some(va)))),
                }
            }
            for (key, vb) in mb {
                if !ma.contains_key(key) {
                    let here = format!("{pointer}/{}", token(key));
                    return Some(format!("{here}: ours (absent), reference {}", short(Some(vb))));
                }
            }
            // Same entries; only the order of keys can differ, which `==` does not look at.
            None
        }
        (Value::Sequence(sa), Value::Sequence(sb)) => {
            for (index, (va, vb)) in sa.iter().zip(sb).enumerate() {
                if let Some(found) = first_difference(va, vb, &format!("{pointer}/{index}")) {
                    return Some(found);
                }
            }
            let index = sa.len().min(sb.len());
            Some(format!(
                "{pointer}/{index}: ours {}, reference {} (lists of {} and {} items)",
                short(sa.get(index)),
                short(sb.get(index)),
                sa.len(),
                sb.len()
            ))
        }
        _ => Some(format!(
            "{pointer}: ours {}, reference {}",
            short(Some(a)),
            short(Some(b))
        )),
    }
}

#[test]
fn first_difference_names_the_place() {
    let a: Value = serde_yaml::from_str("paths: {/v1/token: {post: {x: [1, 2]}}}").unwrap();
    let b: Value = serde_yaml::from_str("paths: {/v1/token: {post: {x: [1, 3]}}}").unwrap();
    let found = first_difference(&a, &b, "#").unwrap();
    assert!(
        found.starts_with("#/paths/~1v1~1token/post/x/1: ours 2, reference 3"),
        "{found}"
    );
    assert_eq!(first_difference(&a, &a, "#"), None);
}

#[test]
fn strip_descriptions_keeps_a_property_named_description() {
    let mut value: Value = serde_yaml::from_str(
        "description: d\n\
         properties:\n  description: {type: string, description: the description}\n  name: {description: n}\n\
         x-maturity: [{name: GA, description: g}]\n",
    )
    .unwrap();
    strip_descriptions(&mut value);
    let expected: Value =
        serde_yaml::from_str("properties:\n  description: {type: string}\n  name: {}\nx-maturity: [{name: GA}]\n")
            .unwrap();
    assert_eq!(value, expected);
}

#[test]
fn documents_are_equal_apart_from_descriptions() {
    let Some(reference_path) = reference() else { return };
    let mut ours = read_yaml(&ours());
    let mut reference = read_yaml(&reference_path);
    strip_descriptions(&mut ours);
    strip_descriptions(&mut reference);
    if let Some(difference) = first_difference(&ours, &reference, "#") {
        panic!(
            "spec/twilio_oauth_v1.yaml and {} differ in more than descriptions; first difference at {difference}",
            reference_path.display()
        );
    }
    assert_eq!(ours, reference);
}

fn options(keep_docs: bool) -> Options {
    Options {
        crate_name: "twilio-oauth-v1".into(),
        keep_docs,
        // As spec/twilio_oauth_v1.toml says, for both documents.
        replies: generator::ReplyMode::Lenient,
    }
}

fn lower(path: &Path, keep_docs: bool) -> generator::ir::Api {
    let doc = generator::load::load_file(path).unwrap_or_else(|e| panic!("{e}"));
    generator::lower::lower(&doc, path, &options(keep_docs)).unwrap_or_else(|e| panic!("{e}"))
}

fn emit(api: &generator::ir::Api) -> Vec<GeneratedFile> {
    generator::emit::emit(api).unwrap_or_else(|e| panic!("{e}"))
}

fn paths(files: &[GeneratedFile]) -> Vec<&str> {
    files.iter().map(|f| f.path.as_str()).collect()
}

/// The first line where two texts differ, for a readable failure.
fn first_line_difference(a: &str, b: &str) -> String {
    let (la, lb): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let line = la
        .iter()
        .zip(&lb)
        .position(|(x, y)| x != y)
        .unwrap_or(la.len().min(lb.len()));
    format!(
        "line {}: ours {:?}, reference {:?}",
        line + 1,
        la.get(line).copied().unwrap_or("(end)"),
        lb.get(line).copied().unwrap_or("(end)")
    )
}

fn assert_same_files(ours: &[GeneratedFile], reference: &[GeneratedFile]) {
    assert_eq!(paths(ours), paths(reference), "the two documents emit different files");
    for (a, b) in ours.iter().zip(reference) {
        assert!(
            a.contents == b.contents,
            "{} differs: {}",
            a.path,
            first_line_difference(&a.contents, &b.contents)
        );
    }
}

#[test]
fn without_docs_both_documents_lower_and_emit_the_same_client() {
    let Some(reference_path) = reference() else { return };
    let ours = lower(&ours(), false);
    let reference = lower(&reference_path, false);
    assert_eq!(
        ours, reference,
        "the two documents lower to different IR once docs are dropped"
    );
    let (ours, reference) = (emit(&ours), emit(&reference));
    assert!(!ours.is_empty());
    assert_same_files(&ours, &reference);
}

/// A Rust file without its doc comments.
fn code_only(text: &str) -> String {
    text.lines()
        .filter(|line| {
            let line = line.trim_start();
            !line.starts_with("///") && !line.starts_with("//!")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn with_docs_the_clients_differ_only_in_doc_comments() {
    let Some(reference_path) = reference() else { return };
    let ours = emit(&lower(&ours(), true));
    let reference = emit(&lower(&reference_path, true));
    assert_eq!(
        paths(&ours),
        paths(&reference),
        "the two documents emit different files"
    );
    let mut rust_files = 0;
    for (a, b) in ours.iter().zip(&reference) {
        if !a.path.ends_with(".rs") {
            // README.md and Cargo.toml carry the document's description as text.
            continue;
        }
        rust_files += 1;
        let (code_a, code_b) = (code_only(&a.contents), code_only(&b.contents));
        assert!(
            code_a == code_b,
            "{} differs outside doc comments: {}",
            a.path,
            first_line_difference(&code_a, &code_b)
        );
    }
    assert!(rust_files > 0);
    // Not vacuous: with docs kept, the wording of each document reaches the emitted crate.
    assert!(
        ours != reference,
        "keep_docs: true emitted the same files for differently worded documents"
    );
}
