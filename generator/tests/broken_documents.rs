//! Broken and unsupported documents: each gives one exact, one-line error that names the file, the
//! place in the document (a JSON pointer) and what is wrong. None panics.

use std::path::Path;

fn error_for(name: &str) -> String {
    let path = Path::new("tests/broken").join(name);
    let options = generator::Options::new("broken");
    match generator::generate(&path, &options) {
        Ok(files) => panic!("{name} generated {} files instead of failing", files.len()),
        Err(e) => e.to_string(),
    }
}

#[track_caller]
fn assert_error(name: &str, expected: &str) {
    let actual = error_for(name);
    assert_eq!(actual, expected);
    assert!(!actual.contains('\n'), "errors are one line: {actual}");
}

#[test]
fn not_yaml_or_json() {
    assert_error(
        "not_openapi.txt",
        "tests/broken/not_openapi.txt: #: expected an OpenAPI object at the top, found a string",
    );
}

#[test]
fn yaml_syntax_error_has_line_and_column() {
    assert_error(
        "yaml_syntax.yaml",
        "tests/broken/yaml_syntax.yaml: #: not valid YAML or JSON: did not find expected ',' or ']' at line 4 column 10, while parsing a flow sequence at line 3 column 10",
    );
}

#[test]
fn swagger_2_is_refused_by_name() {
    assert_error(
        "swagger2.yaml",
        "tests/broken/swagger2.yaml: #/swagger: Swagger 2.0 is not supported; convert the document to OpenAPI 3.0 first",
    );
}

#[test]
fn an_openapi_version_after_3_1_is_refused() {
    assert_error(
        "openapi32.json",
        "tests/broken/openapi32.json: #/openapi: OpenAPI version `3.2.0` is not supported; OpenAPI 3.0.x and 3.1.x documents are",
    );
}

#[test]
fn a_control_character_is_found_by_line_and_column() {
    assert_error(
        "control_character.yaml",
        "tests/broken/control_character.yaml: #: not valid YAML or JSON: control character U+0007 at line 6 column 26: YAML allows none outside \\t, \\n and \\r (write it escaped)",
    );
}

#[test]
fn dangling_ref() {
    assert_error(
        "dangling_ref.yaml",
        "tests/broken/dangling_ref.yaml: #/paths/~1v1~1things/get/responses/200/content/application~1json/schema: $ref `#/components/schemas/missing` does not resolve: no such component in this document",
    );
}

#[test]
fn ref_to_a_file_that_is_not_there() {
    assert_error(
        "external_ref.yaml",
        &format!(
            "tests/broken/external_ref.yaml: #/paths/~1v1~1things/get/responses/200/content/application~1json/schema: $ref `other.yaml#/components/schemas/thing` does not resolve: cannot read `tests/broken/other.yaml`: {}",
            not_found()
        ),
    );
    assert_error(
        "ref_missing_file.yaml",
        &format!(
            "tests/broken/ref_missing_file.yaml: #/paths/~1v1~1things/get/responses/200/content/application~1json/schema: $ref `models/nowhere.yml` does not resolve: cannot read `tests/broken/models/nowhere.yml`: {}",
            not_found()
        ),
    );
}

/// The OS's words for a missing file.
fn not_found() -> std::io::Error {
    std::io::Error::from_raw_os_error(2)
}

/// The error names the file that holds the `$ref` (here a referred file), and the `$ref`'s place in it.
#[test]
fn ref_to_a_pointer_that_is_not_there() {
    assert_error(
        "ref_missing_pointer.yaml",
        "tests/broken/ref_parts.yml: #/limit/schema: $ref `#/schemas/count` does not resolve: `tests/broken/ref_parts.yml` has nothing at `#/schemas/count`",
    );
}

#[test]
fn yaml_syntax_error_in_a_referred_file() {
    assert_error(
        "ref_bad_yaml.yaml",
        "tests/broken/ref_bad_yaml_part.yml: #: not valid YAML or JSON: did not find expected ',' or ']' at line 4 column 47, while parsing a flow sequence at line 4 column 38 (the file is referred to by tests/broken/ref_bad_yaml.yaml: #/paths/~1v1~1things/get/responses/200)",
    );
}

/// Schemas may refer to themselves (they are hoisted and named); anything else would be copied
/// into itself forever.
#[test]
fn ref_cycle_that_is_not_a_schema() {
    assert_error(
        "ref_cycle.yaml",
        "tests/broken/ref_cycle_item.yml: #/post/callbacks/event/{$request.body#~1url}: $ref `ref_cycle_item.yml` makes a cycle: `tests/broken/ref_cycle_item.yml` would be copied into itself; only schemas can refer to themselves",
    );
}

#[test]
fn chain_of_refs_that_never_ends() {
    assert_error(
        "ref_chain_cycle.yaml",
        "tests/broken/ref_chain_cycle.yaml: #/paths/~1v1~1things/get/parameters/0: $ref `#/components/parameters/a` is a cycle of references: it leads back to `tests/broken/ref_chain_cycle.yaml#/components/parameters/a`",
    );
}

#[test]
fn ref_to_a_url() {
    assert_error(
        "ref_url.yaml",
        "tests/broken/ref_url.yaml: #/paths/~1v1~1things/get/responses/200/content/application~1json/schema: $ref `https://example.com/thing.yaml` is a URL; only references to files and `#/...` pointers are supported",
    );
}

/// References that copy a part many times over (each level twice the one below) fail fast instead
/// of filling memory.
#[test]
fn refs_that_expand_exponentially_fail_fast() {
    let mut levels = String::new();
    for level in 0..40 {
        let next = level + 1;
        levels.push_str(&format!(
            "  - [{{$ref: '#/levels/{next}'}}, {{$ref: '#/levels/{next}'}}]\n"
        ));
    }
    let text = format!(
        "openapi: 3.0.1\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ntags:\n  - name: t\n    description: {{$ref: '#/levels/0'}}\nlevels:\n{levels}  - end\n"
    );
    let started = std::time::Instant::now();
    let error = generator::load::parse(Path::new("laughs.yaml"), &text).unwrap_err();
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(
        error.to_string(),
        "laughs.yaml: #: references copy referred parts more than 250000 times (or 5000000 objects and lists): the bundled document would be too large"
    );
}

/// Copies inside copies may not nest deeper than one file could: what reads the tree recurses.
#[test]
fn refs_that_nest_too_deep_fail() {
    let mut levels = String::new();
    for level in 0..200 {
        levels.push_str(&format!("  l{level}: [{{$ref: '#/levels/l{}'}}]\n", level + 1));
    }
    let text = format!(
        "openapi: 3.0.1\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ntags:\n  - name: t\n    description: {{$ref: '#/levels/l0'}}\nlevels:\n{levels}  l200: end\n"
    );
    let error = generator::load::parse(Path::new("nested.yaml"), &text).unwrap_err();
    assert_eq!(
        error.to_string(),
        "nested.yaml: #/levels/l123/0: the copy of `nested.yaml#/levels/l124` referred to here would nest the document more than 128 levels deep"
    );
}

#[test]
fn duplicate_operation_ids() {
    assert_error(
        "duplicate_operation_id.yaml",
        "tests/broken/duplicate_operation_id.yaml: #/paths/~1v1~1other/get/operationId: duplicate operationId `FetchThing`: #/paths/~1v1~1things/get/operationId has it too",
    );
}

#[test]
fn path_parameter_missing_from_template() {
    assert_error(
        "path_param_not_in_template.yaml",
        "tests/broken/path_param_not_in_template.yaml: #/paths/~1v1~1things/get/parameters: path parameter `Sid` does not appear in the path template `/v1/things`",
    );
}

#[test]
fn template_parameter_missing_from_parameters() {
    assert_error(
        "template_param_not_declared.yaml",
        "tests/broken/template_param_not_declared.yaml: #/paths/~1v1~1things~1{Sid}/get/parameters: path template `/v1/things/{Sid}` uses `{Sid}` but no path parameter `Sid` is declared",
    );
}

#[test]
fn unsupported_request_media_type() {
    assert_error(
        "unsupported_media_type.yaml",
        "tests/broken/unsupported_media_type.yaml: #/paths/~1v1~1token/post/requestBody/content/multipart~1mixed: request body media type `multipart/mixed` is not supported (multipart/form-data is; other multipart types are not)",
    );
}

#[test]
fn schema_the_ir_cannot_express() {
    assert_error(
        "unsupported_schema.yaml",
        "tests/broken/unsupported_schema.yaml: #/components/schemas/pet/properties/kind: `not` is not supported yet: the generator cannot express this schema",
    );
}

#[test]
fn wrong_type_is_located() {
    assert_error(
        "wrong_type.yaml",
        "tests/broken/wrong_type.yaml: #/paths/~1v1~1things/get/deprecated: not a valid OpenAPI 3.0 document here: invalid type: string \"sometimes\", expected a boolean",
    );
}

#[test]
fn missing_file() {
    let actual = error_for("no_such_file.yaml");
    assert!(
        actual.starts_with("tests/broken/no_such_file.yaml: #: cannot read the document: "),
        "{actual}"
    );
}

#[test]
fn wrong_type_inside_a_schema_is_located() {
    assert_error(
        "wrong_type_in_schema.yaml",
        "tests/broken/wrong_type_in_schema.yaml: #/components/schemas/thing/properties/count/nullable: not a valid OpenAPI 3.0 schema here: invalid type: string \"maybe\", expected a boolean",
    );
}

/// openapiv3 reads schemas through untagged enums, exponential in depth on invalid input; the loader
/// checks schemas one level at a time first. Without that, this document takes minutes.
#[test]
fn deeply_nested_invalid_schema_fails_fast_and_precisely() {
    let mut schema = "{type: integer, nullable: maybe}".to_string();
    let mut pointer = String::new();
    for level in 0..40 {
        if level % 2 == 0 {
            schema = format!("{{type: array, items: {schema}}}");
            pointer.insert_str(0, "/items");
        } else {
            schema = format!("{{type: object, properties: {{p{level}: {schema}}}}}");
            pointer.insert_str(0, &format!("/properties/p{level}"));
        }
    }
    let text = format!(
        "openapi: 3.0.1\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    deep: {schema}\n"
    );
    let started = std::time::Instant::now();
    let error = generator::load::parse(Path::new("deep.yaml"), &text).unwrap_err();
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(
        error.to_string(),
        format!("deep.yaml: #/components/schemas/deep{pointer}/nullable: not a valid OpenAPI 3.0 schema here: invalid type: string \"maybe\", expected a boolean")
    );
}

#[test]
fn huge_keys_and_values_are_shortened_in_the_message() {
    let key = "k".repeat(1000);
    let text = format!(
        "openapi: 3.0.1\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    thing:\n      properties:\n        {key}: 7\n"
    );
    let error = generator::load::parse(Path::new("huge.yaml"), &text).unwrap_err();
    assert_eq!(error.pointer, format!("#/components/schemas/thing/properties/{key}"));
    assert_eq!(
        error.to_string(),
        format!(
            "huge.yaml: #/components/schemas/thing/properties/{}…: not a valid OpenAPI 3.0 schema here: expected a schema object, found a number",
            "k".repeat(80)
        )
    );
}
