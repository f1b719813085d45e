//! Documents split over many files, and references to any place: the loader bundles them into one
//! document whose references are all `#/components/{section}/{name}`, hoisting schemas into
//! `components/schemas` and copying everything else in place. The fixtures are in
//! `tests/multi_file/`: `droplets/` (files in folders, `../shared`), `cycle/` (schemas that refer to
//! each other across files, and to themselves), `local/` (pointers that are not components, chains)
//! and `mapping/` (discriminator mappings that name schemas in other files).

use std::path::{Path, PathBuf};

use generator::ir::TypeKind;
use generator::load::{load_document, Document};

fn fixture(name: &str) -> PathBuf {
    Path::new("tests/multi_file").join(name).join("api.yaml")
}

fn load(name: &str) -> Document {
    load_document(&fixture(name)).unwrap_or_else(|e| panic!("{e}"))
}

fn schema_names(doc: &Document) -> Vec<String> {
    let components = doc.openapi.components.as_ref().expect("components");
    components.schemas.keys().cloned().collect()
}

/// Every `$ref` of the bundled document outside examples and extensions, with its place.
fn refs(doc: &Document) -> Vec<(String, String)> {
    let value = serde_json::to_value(&doc.openapi).expect("serializes");
    let mut found = Vec::new();
    let mut stack = vec![(String::from("#"), &value)];
    while let Some((at, node)) = stack.pop() {
        match node {
            serde_json::Value::Object(map) => {
                for (key, child) in map {
                    if key == "$ref" {
                        found.push((at.clone(), child.as_str().unwrap_or_default().to_string()));
                    } else if !key.starts_with("x-") && key != "example" {
                        let token = key.replace('~', "~0").replace('/', "~1");
                        stack.push((format!("{at}/{token}"), child));
                    }
                }
            }
            serde_json::Value::Array(items) => {
                stack.extend(items.iter().enumerate().map(|(i, item)| (format!("{at}/{i}"), item)));
            }
            _ => {}
        }
    }
    found.sort();
    found
}

fn ref_at(doc: &Document, at: &str) -> String {
    let found = refs(doc);
    let hit = found.iter().find(|(place, _)| place == at);
    hit.unwrap_or_else(|| panic!("no $ref at {at}: {found:#?}")).1.clone()
}

fn locate(doc: &Document, pointer: &str) -> Option<String> {
    let (file, at) = doc.sources.locate(pointer)?;
    Some(format!("{}{at}", file.display()))
}

#[track_caller]
fn assert_lowers(name: &str, doc: &Document) {
    let options = generator::Options::new("x");
    if let Err(e) = generator::lower::lower(&doc.openapi, &fixture(name), &options) {
        panic!("{name} does not lower: {}", doc.sources.relocate(e));
    }
}

#[track_caller]
fn assert_all_refs_are_components(doc: &Document) {
    for (at, reference) in refs(doc) {
        let rest = reference.strip_prefix("#/components/").unwrap_or_default();
        assert_eq!(rest.split('/').count(), 2, "{at}: $ref `{reference}`");
    }
}

#[test]
fn files_in_folders_are_bundled() {
    let doc = load("droplets");
    assert_eq!(
        schema_names(&doc),
        ["region", "Size", "droplet_create", "droplet", "error", "backup"]
    );
    assert_eq!(
        doc.sources.hoisted(),
        ["Size", "droplet_create", "droplet", "error", "backup"]
    );
    assert_all_refs_are_components(&doc);
    // The operation came from its own file, its parameter from another, relative to the first.
    let list = doc.openapi.paths.paths["/v2/droplets"].as_item().expect("a path item");
    let get = list.get.as_ref().expect("GET /v2/droplets");
    assert_eq!(get.operation_id.as_deref(), Some("ListDroplets"));
    let param = get.parameters[0].as_item().expect("copied in place");
    assert_eq!(param.parameter_data_ref().name, "per_page");
    assert_eq!(
        ref_at(
            &doc,
            "#/paths/~1v2~1droplets/get/responses/200/content/application~1json/schema/properties/droplets/items"
        ),
        "#/components/schemas/droplet"
    );
    // One schema reached by two relative paths is one component; a ref back to the root's own
    // component stays; a component that was a reference holds the schema.
    assert_eq!(
        ref_at(&doc, "#/components/schemas/droplet/properties/size"),
        "#/components/schemas/Size"
    );
    assert_eq!(
        ref_at(&doc, "#/components/schemas/droplet/properties/region"),
        "#/components/schemas/region"
    );
    assert_eq!(
        ref_at(&doc, "#/components/schemas/droplet/properties/backup"),
        "#/components/schemas/backup"
    );
    assert_eq!(
        ref_at(
            &doc,
            "#/paths/~1v2~1droplets~1{droplet_id}/get/responses/404/content/application~1json/schema"
        ),
        "#/components/schemas/error"
    );
    assert_eq!(
        doc.openapi.tags[0].description.as_deref(),
        Some("Droplets are virtual machines.")
    );
    assert_lowers("droplets", &doc);
}

#[test]
fn examples_and_extensions_keep_their_refs() {
    let doc = load("droplets");
    let get = doc.openapi.paths.paths["/v2/droplets"]
        .as_item()
        .and_then(|p| p.get.as_ref());
    let samples = &get.expect("GET").extensions["x-codeSamples"];
    assert_eq!(samples[0]["$ref"], "samples/droplets_list_curl.yml");
    let schemas = &doc.openapi.components.as_ref().expect("components").schemas;
    let droplet = schemas["droplet"].as_item().expect("a schema");
    let example = droplet.schema_data.example.as_ref().expect("an example");
    assert_eq!(example["size"]["$ref"], "this is data, not a reference");
}

#[test]
fn sources_say_where_each_part_came_from() {
    let doc = load("droplets");
    let dir = "tests/multi_file/droplets";
    assert_eq!(
        locate(&doc, "#/components/schemas/droplet/properties/size").as_deref(),
        Some(format!("{dir}/models/droplet.yml#/properties/size").as_str())
    );
    assert_eq!(
        locate(&doc, "#/paths/~1v2~1droplets~1{droplet_id}/get/parameters/0").as_deref(),
        Some(format!("{dir}/parameters.yml#/droplet_id").as_str())
    );
    assert_eq!(
        locate(&doc, "#/paths/~1v2~1droplets/get/parameters/0/schema").as_deref(),
        Some(format!("{dir}/parameters.yml#/per_page/schema").as_str())
    );
    assert_eq!(
        locate(&doc, "#/paths/~1v2~1droplets/get/responses/200").as_deref(),
        Some(format!("{dir}/resources/droplets_list.yml#/responses/200").as_str())
    );
    assert_eq!(
        locate(
            &doc,
            "#/paths/~1v2~1droplets~1{droplet_id}/get/responses/404/description"
        )
        .as_deref(),
        Some("tests/multi_file/shared/responses.yml#/not_found/description")
    );
    assert_eq!(
        locate(&doc, "#/components/schemas/Size").as_deref(),
        Some(format!("{dir}/models/size.yml#").as_str())
    );
    assert_eq!(locate(&doc, "#/components/schemas/region/properties/slug"), None);
    assert_eq!(locate(&doc, "#/paths/~1v2~1droplets~1{droplet_id}/get"), None);
}

#[test]
fn schemas_refer_to_each_other_across_files() {
    let doc = load("cycle");
    assert_eq!(schema_names(&doc), ["A", "tree", "B"]);
    assert_all_refs_are_components(&doc);
    assert_eq!(
        ref_at(&doc, "#/components/schemas/A/properties/b"),
        "#/components/schemas/B"
    );
    assert_eq!(
        ref_at(&doc, "#/components/schemas/B/properties/a"),
        "#/components/schemas/A"
    );
    assert_eq!(
        ref_at(&doc, "#/components/schemas/B/properties/more/items"),
        "#/components/schemas/B"
    );
    assert_eq!(
        ref_at(&doc, "#/components/schemas/tree/properties/children/items"),
        "#/components/schemas/tree"
    );
    assert_eq!(
        locate(&doc, "#/components/schemas/B/properties/more").as_deref(),
        Some("tests/multi_file/cycle/b.yaml#/B/properties/more")
    );
    assert_lowers("cycle", &doc);
}

#[test]
fn local_pointers_and_chains() {
    let doc = load("local");
    assert_eq!(
        schema_names(&doc),
        ["Pet", "Owner", "OwnerAlias", "owner", "owner2", "schema"]
    );
    assert_all_refs_are_components(&doc);
    let pets = "#/paths/~1pets/get/responses/200/content/application~1json/schema";
    assert_eq!(
        ref_at(&doc, &format!("{pets}/properties/first_owner")),
        "#/components/schemas/owner2"
    );
    assert_eq!(
        ref_at(&doc, &format!("{pets}/properties/pets/items")),
        "#/components/schemas/Pet"
    );
    let pet = "#/paths/~1pets~1{id}/get";
    assert_eq!(
        ref_at(&doc, &format!("{pet}/responses/200/content/application~1json/schema")),
        "#/components/schemas/schema"
    );
    // Chains end at the component that is not a reference.
    assert_eq!(
        ref_at(&doc, &format!("{pet}/parameters/0")),
        "#/components/parameters/PetId"
    );
    assert_eq!(
        ref_at(&doc, &format!("{pet}/responses/404")),
        "#/components/responses/NotFound"
    );
    let owners = "#/paths/~1owners/get";
    assert_eq!(
        ref_at(
            &doc,
            &format!("{owners}/responses/200/content/application~1json/schema")
        ),
        "#/components/schemas/Owner"
    );
    assert_eq!(
        ref_at(&doc, &format!("{owners}/responses/404")),
        "#/components/responses/NotFound"
    );
    // A parameter that is not a component is copied.
    let limit = doc.openapi.paths.paths["/owners"]
        .as_item()
        .and_then(|p| p.get.as_ref());
    let limit = limit.expect("GET /owners").parameters[0].as_item().expect("copied");
    assert_eq!(limit.parameter_data_ref().name, "limit");
    assert_eq!(
        locate(&doc, "#/components/schemas/owner2").as_deref(),
        Some("tests/multi_file/local/api.yaml#/components/schemas/Pet/properties/owner")
    );
    assert_eq!(
        locate(&doc, "#/paths/~1owners/get/parameters/0").as_deref(),
        Some("tests/multi_file/local/api.yaml#/paths/~1pets/get/parameters/0")
    );
    assert_lowers("local", &doc);
}

/// The discriminator mapping of the schema at `at` (a JSON pointer into the bundled document).
fn mapping_at(doc: &Document, at: &str) -> Vec<(String, String)> {
    let value = serde_json::to_value(&doc.openapi).expect("serializes");
    let pointer = format!("{}/discriminator/mapping", at.trim_start_matches('#'));
    let mapping = value.pointer(&pointer).and_then(|m| m.as_object());
    let mapping = mapping.unwrap_or_else(|| panic!("no mapping at {at}"));
    let entries = mapping
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()));
    entries.collect()
}

/// Every discriminator mapping value of the bundled document, with the place of its entry.
fn mapping_values(doc: &Document) -> Vec<(String, String)> {
    let value = serde_json::to_value(&doc.openapi).expect("serializes");
    let mut found = Vec::new();
    let mut stack = vec![(String::from("#"), &value)];
    while let Some((at, node)) = stack.pop() {
        match node {
            serde_json::Value::Object(map) => {
                let mapping = map.get("discriminator").and_then(|d| d.get("mapping"));
                for (key, target) in mapping.and_then(|m| m.as_object()).into_iter().flatten() {
                    let target = target.as_str().unwrap_or_default().to_string();
                    found.push((format!("{at}/discriminator/mapping/{key}"), target));
                }
                for (key, child) in map {
                    let token = key.replace('~', "~0").replace('/', "~1");
                    stack.push((format!("{at}/{token}"), child));
                }
            }
            serde_json::Value::Array(items) => {
                stack.extend(items.iter().enumerate().map(|(i, item)| (format!("{at}/{i}"), item)));
            }
            _ => {}
        }
    }
    found.sort();
    found
}

fn pairs(entries: &[(&str, &str)]) -> Vec<(String, String)> {
    entries.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn discriminator_mappings_name_the_alternatives_components() {
    let doc = load("mapping");
    // `attach_v2` is a reference to `attach.yml`: the same target, so the same component.
    assert_eq!(
        schema_names(&doc),
        ["Pet", "Dog", "Cat", "action_v2", "attach", "detach"]
    );
    assert_all_refs_are_components(&doc);
    let post = "#/paths/~1v1~1volumes~1actions/post/requestBody/content/application~1json/schema";
    assert_eq!(ref_at(&doc, &format!("{post}/oneOf/0")), "#/components/schemas/attach");
    assert_eq!(ref_at(&doc, &format!("{post}/oneOf/1")), "#/components/schemas/detach");
    let rewritten = pairs(&[
        ("attach", "#/components/schemas/attach"),
        ("detach", "#/components/schemas/detach"),
    ]);
    assert_eq!(mapping_at(&doc, post), rewritten);
    assert_eq!(mapping_at(&doc, "#/components/schemas/action_v2"), rewritten);
    assert_eq!(
        ref_at(&doc, "#/components/schemas/action_v2/anyOf/0"),
        "#/components/schemas/attach"
    );
    // The root's own mappings stay as they are.
    assert_eq!(
        mapping_at(&doc, "#/components/schemas/Pet"),
        pairs(&[("dog", "#/components/schemas/Dog"), ("cat", "Cat")])
    );
    assert_lowers("mapping", &doc);
    let api = generator::lower::lower(&doc.openapi, &fixture("mapping"), &generator::Options::new("x"))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut choices = 0;
    for def in &api.types {
        let TypeKind::OneOf { discriminator, .. } = &def.kind else {
            continue;
        };
        let discriminator = discriminator.as_ref().expect("a discriminator");
        let expected = match discriminator.property.as_str() {
            "type" => pairs(&[("attach", "Attach"), ("detach", "Detach")]),
            _ => pairs(&[("dog", "Dog"), ("cat", "Cat")]),
        };
        assert_eq!(discriminator.mapping, expected, "{}", def.wire_name);
        choices += 1;
    }
    assert_eq!(choices, 3, "{:#?}", api.types);
}

#[test]
fn dangling_discriminator_mappings_are_errors() {
    let dir = Path::new("tests/multi_file/mapping_broken");
    let error = load_document(&dir.join("api.yaml")).expect_err("a dangling mapping");
    assert_eq!(
        error.to_string(),
        "tests/multi_file/mapping_broken/action_post.yml: #/requestBody/content/application~1json/schema/discriminator/mapping/detach: discriminator mapping `models.yml#/detach` does not resolve: `tests/multi_file/mapping_broken/models.yml` has nothing at `#/detach`"
    );
    let error = load_document(&dir.join("missing_file.yaml")).expect_err("a missing file");
    let expected = "tests/multi_file/mapping_broken/missing_file.yaml: #/components/schemas/Action/discriminator/mapping/attach: discriminator mapping `models/attach.yml` does not resolve: cannot read `tests/multi_file/mapping_broken/models/attach.yml`: ";
    assert!(error.to_string().starts_with(expected), "{error}");
}

/// `parse` reads other files relative to the path it is given, as `load_document` does.
#[test]
fn parse_resolves_relative_to_its_file() {
    let path = fixture("droplets");
    let text = std::fs::read_to_string(&path).expect("the fixture");
    let parsed = generator::load::parse(&path, &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed, load("droplets").openapi);
}

/// DigitalOcean's public document: 2,900 files, operations by `$ref`. Skipped when the shared specs
/// are not there.
#[test]
fn digitalocean_bundles() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/specs/public/digitalocean/DigitalOcean-public.v2.yaml");
    if !path.exists() {
        println!("skipped: {} is not there", path.display());
        return;
    }
    let doc = load_document(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        doc.sources.hoisted().len() > 500,
        "{} hoisted",
        doc.sources.hoisted().len()
    );
    assert!(doc.openapi.paths.paths.values().all(|item| item.as_item().is_some()));
    assert_all_refs_are_components(&doc);
    // Every discriminator mapping names a component; these name the ones their `anyOf` alternatives
    // name, in order.
    let schemas = schema_names(&doc);
    for (at, target) in mapping_values(&doc) {
        let name = target.strip_prefix("#/components/schemas/");
        assert!(
            name.is_some_and(|name| schemas.iter().any(|s| s == name)),
            "{at}: {target}"
        );
    }
    let schema = "requestBody/content/application~1json/schema";
    for (at, expected) in [
        (
            format!("#/paths/~1v2~1volumes~1actions/post/{schema}"),
            [
                ("attach", "#/components/schemas/volume_action_post_attach"),
                ("detach", "#/components/schemas/volume_action_post_detach"),
            ],
        ),
        (
            format!("#/paths/~1v2~1images~1{{image_id}}~1actions/post/{schema}"),
            [
                ("convert", "#/components/schemas/image_action_base"),
                ("transfer", "#/components/schemas/image_action_transfer"),
            ],
        ),
    ] {
        assert_eq!(mapping_at(&doc, &at), pairs(&expected), "{at}");
        let alternatives: Vec<String> = (0..2).map(|i| ref_at(&doc, &format!("{at}/anyOf/{i}"))).collect();
        assert_eq!(alternatives, expected.map(|(_, target)| target), "{at}");
    }
}
