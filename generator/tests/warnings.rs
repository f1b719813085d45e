//! Mistakes in a document that cost only what they name: generation goes on and says each once,
//! with its pointer.

use std::path::Path;

#[test]
fn an_undefined_scheme_and_a_default_outside_its_enum_are_warnings_said_once() {
    let path = Path::new("tests/mistakes/undefined_scheme_and_default.yaml");
    let generated = generator::generate_with_warnings(path, &generator::Options::new("mistakes"))
        .expect("the document generates despite its mistakes");
    let warnings: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "tests/mistakes/undefined_scheme_and_default.yaml: #/paths/~1a/get/security/0/apiKy: security scheme `apiKy` is not defined in components/securitySchemes; requirements naming it are left out",
            "tests/mistakes/undefined_scheme_and_default.yaml: #/servers/0/variables/zone/default: the default `central` of server variable `zone` is not one of its `enum` values; it is allowed too",
        ]
    );
    let lib = generated
        .files
        .iter()
        .find(|f| f.path == "src/lib.rs")
        .expect("a lib.rs");
    assert!(lib
        .contents
        .contains(r#"pub const DEFAULT_BASE_URL: &str = "https://central.example.com";"#));
    // Both operations keep the requirement that names a defined scheme.
    let operations = generated
        .files
        .iter()
        .find(|f| f.path == "src/operations/default.rs")
        .expect("the operations");
    assert_eq!(
        operations
            .contents
            .matches("auth: &[&[crate::auth::Scheme::ApiKey]],")
            .count(),
        2
    );
}

#[test]
fn an_undefined_server_variable_is_an_error() {
    let path = Path::new("tests/broken/undefined_server_variable.yaml");
    let error = generator::generate(path, &generator::Options::new("broken")).expect_err("no URL to call");
    assert_eq!(
        error.to_string(),
        "tests/broken/undefined_server_variable.yaml: #/servers/0/variables: server URL `https://{zone}.example.com/{version}` uses `{version}` but no variable `version` is defined"
    );
}
