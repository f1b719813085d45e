//! Snapshots of what the generator emits and decides, so every change shows up as a reviewable diff
//! (`cargo insta review`).
//!
//! - every file emitted for the project's document, `spec/twilio_oauth_v1.yaml`;
//! - for each fixture under `tests/fixtures/`, the IR it lowers to (every name and type decision)
//!   and the files emitted from it.

use std::path::{Path, PathBuf};

use generator::{emit, load, lower, Options};

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn snapshot_files(prefix: &str, files: &[emit::GeneratedFile]) {
    for file in files {
        let name = format!("{prefix}__{}", file.path.replace('/', "__"));
        insta::assert_snapshot!(name, &file.contents);
    }
}

#[test]
fn oauth_v1_every_emitted_file() {
    let spec = manifest_dir().join("../spec/twilio_oauth_v1.yaml");
    let files = generator::generate(&spec, &Options::new("twilio-oauth-v1")).expect("the project's document generates");
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    insta::assert_debug_snapshot!("oauth_v1__file_list", paths);
    snapshot_files("oauth_v1", &files);
}

fn fixture(name: &str) -> (PathBuf, generator::ir::Api) {
    let path = manifest_dir().join("tests/fixtures").join(name);
    let doc = load::load_file(&path).unwrap_or_else(|e| panic!("{e}"));
    let api =
        lower::lower(&doc, &path, &Options::new(name.trim_end_matches(".yaml"))).unwrap_or_else(|e| panic!("{e}"));
    (path, api)
}

#[test]
fn fixture_names() {
    let (_, api) = fixture("names.yaml");
    insta::assert_debug_snapshot!("names__ir", api);
    snapshot_files("names", &emit::emit(&api).unwrap());
}

#[test]
fn fixture_types() {
    let (_, api) = fixture("types.yaml");
    insta::assert_debug_snapshot!("types__ir", api);
    snapshot_files("types", &emit::emit(&api).unwrap());
}

#[test]
fn fixture_operations() {
    let (_, api) = fixture("operations.yaml");
    insta::assert_debug_snapshot!("operations__ir", api);
    snapshot_files("operations", &emit::emit(&api).unwrap());
}

#[test]
fn fixture_schemes_and_shapes() {
    let (_, api) = fixture("schemes_and_shapes.yaml");
    insta::assert_debug_snapshot!("schemes_and_shapes__ir", api);
    snapshot_files("schemes_and_shapes", &emit::emit(&api).unwrap());
}
