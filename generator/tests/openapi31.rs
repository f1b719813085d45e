//! OpenAPI 3.1 documents are read as the 3.0 documents they translate to: the same IR, so the same
//! client.

use std::path::Path;

fn ir(name: &str) -> generator::ir::Api {
    let path = Path::new("tests/equivalence").join(name);
    let doc = generator::load::load_file(&path).unwrap_or_else(|e| panic!("{e}"));
    generator::lower::lower(&doc, &path, &generator::Options::new("pets")).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_3_1_document_lowers_to_the_same_ir_as_its_3_0_translation() {
    let (v30, v31) = (ir("pets_30.yaml"), ir("pets_31.yaml"));
    assert_eq!(format!("{v30:#?}"), format!("{v31:#?}"));
    assert_eq!(v30, v31);
}

#[test]
fn webhooks_are_left_out_with_one_warning() {
    let path = Path::new("tests/fixtures/openapi31.yaml");
    let generated =
        generator::generate_with_warnings(path, &generator::Options::new("openapi31")).expect("it generates");
    let warnings: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        ["tests/fixtures/openapi31.yaml: #/webhooks: 1 webhook(s) left out: webhooks are requests the API sends, not calls a client makes"]
    );
}

#[test]
fn validation_numbers_the_model_cannot_hold_do_not_fail_the_load() {
    let text = r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
        "components": {"schemas": {"Count": {"type": "integer", "minimum": -9223372036854776000,
        "maximum": 9223372036854775807, "multipleOf": 0.5, "maxLength": -1}}}}"#;
    let doc = generator::load::parse(Path::new("numbers.json"), text).unwrap_or_else(|e| panic!("{e}"));
    let schema = &doc.components.expect("components").schemas["Count"];
    let openapiv3::ReferenceOr::Item(schema) = schema else {
        panic!("a schema")
    };
    let openapiv3::SchemaKind::Type(openapiv3::Type::Integer(integer)) = &schema.schema_kind else {
        panic!("an integer: {schema:?}")
    };
    assert_eq!(
        (integer.minimum, integer.maximum, integer.multiple_of),
        (None, Some(i64::MAX), None)
    );
}
