//! OpenAPI 3.1 read as 3.0: the document tree is rewritten into the 3.0 model `openapiv3` reads, so
//! lowering has one model to read and a 3.0 document is untouched (only numbers the model cannot
//! hold, which used to fail the load, are dropped; see [`numbers`]).
//!
//! JSON Schema 2020-12 keywords become their 3.0 forms where there is one: `type` lists (with
//! `"null"`: `nullable`), `const` (a one-value `enum`), `examples` (the first is the `example`),
//! numeric `exclusiveMinimum`/`exclusiveMaximum`, `$ref` beside other keywords (an `allOf`),
//! `prefixItems` (items of any of the listed schemas), `contentEncoding`/`contentMediaType` (a
//! `byte` or `binary` string), an `anyOf`/`oneOf` with a `null` alternative (`nullable`), `$id` and
//! `$anchor` references (JSON pointers). Validation-only keywords with no 3.0 form
//! (`dependentRequired`, `unevaluatedProperties`, …) are dropped: they constrain values, they do not
//! shape types. Document-level additions: `webhooks` (not part of a client: dropped, with a
//! warning), `components/pathItems` (inlined where `paths` refers to them), `jsonSchemaDialect`,
//! `license.identifier`, `info.summary`, `mutualTLS` schemes (dropped, with a warning).

use serde_yaml::{Mapping, Value};

use crate::error::Pointer;
use crate::ir::Warning;

/// Whether the document is OpenAPI 3.1.
pub(super) fn is_31(root: &Mapping) -> bool {
    matches!(root.get("openapi"), Some(Value::String(v)) if v.starts_with("3.1"))
}

/// Rewrites a 3.1 document's own parts (before its references are followed): document-level
/// keywords, path item references, `$id`/`$anchor` references, and every schema.
pub(super) fn document(root: &mut Value, warnings: &mut Vec<Warning>) {
    let Value::Mapping(map) = root else { return };
    map.insert("openapi".into(), "3.0.3".into());
    map.remove("jsonSchemaDialect");
    if let Some(Value::Mapping(webhooks)) = map.remove("webhooks") {
        if !webhooks.is_empty() {
            warnings.push(Warning {
                pointer: "#/webhooks".to_string(),
                message: format!(
                    "{} webhook(s) left out: webhooks are requests the API sends, not calls a client makes",
                    webhooks.len()
                ),
            });
        }
    }
    if let Some(Value::Mapping(info)) = map.get_mut("info") {
        info.remove("summary");
        if let Some(Value::Mapping(license)) = info.get_mut("license") {
            license.remove("identifier");
        }
    }
    inline_path_items(map);
    optional_responses(map);
    drop_mutual_tls(map, warnings);
    let anchors = anchors(root);
    if !anchors.is_empty() {
        rewrite_anchor_refs(root, &anchors);
    }
    schemas(root, Version::V31);
}

/// Which rewrites [`schemas`] makes: numbers only (3.0), or every 3.1 keyword too.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Version {
    V30,
    V31,
}

/// `paths: {/x: {$ref: '#/components/pathItems/X'}}`: the path item itself, in place.
fn inline_path_items(map: &mut Mapping) {
    let items = match map.get_mut("components") {
        Some(Value::Mapping(components)) => components.remove("pathItems"),
        _ => None,
    };
    let paths = map
        .entry("paths".into())
        .or_insert_with(|| Value::Mapping(Mapping::new()));
    let (Some(Value::Mapping(items)), Value::Mapping(paths)) = (items, paths) else {
        return;
    };
    for (_, item) in paths.iter_mut() {
        let target = match item {
            Value::Mapping(m) => match m.get("$ref") {
                Some(Value::String(r)) => r.strip_prefix("#/components/pathItems/").map(unescape),
                _ => None,
            },
            _ => None,
        };
        if let Some(found) = target.and_then(|name| items.get(name.as_str())) {
            *item = found.clone();
        }
    }
}

/// An operation without `responses` (3.1 allows it): none documented.
fn optional_responses(map: &mut Mapping) {
    let Some(Value::Mapping(paths)) = map.get_mut("paths") else {
        return;
    };
    for (_, item) in paths.iter_mut() {
        let Value::Mapping(item) = item else { continue };
        for method in ["get", "put", "post", "delete", "options", "head", "patch", "trace"] {
            if let Some(Value::Mapping(operation)) = item.get_mut(method) {
                operation
                    .entry("responses".into())
                    .or_insert_with(|| Value::Mapping(Mapping::new()));
            }
        }
    }
}

/// `type: mutualTLS` is a TLS client certificate, which the HTTP client holds, not a credential a
/// call sends: the scheme is left out, and requirements naming it are then said to be broken.
fn drop_mutual_tls(map: &mut Mapping, warnings: &mut Vec<Warning>) {
    let Some(Value::Mapping(components)) = map.get_mut("components") else {
        return;
    };
    let Some(Value::Mapping(schemes)) = components.get_mut("securitySchemes") else {
        return;
    };
    let tls: Vec<Value> = schemes
        .iter()
        .filter(|(_, s)| matches!(s.get("type"), Some(Value::String(t)) if t == "mutualTLS"))
        .map(|(k, _)| k.clone())
        .collect();
    for key in tls {
        schemes.remove(&key);
        let name = key.as_str().unwrap_or_default();
        warnings.push(Warning {
            pointer: Pointer::root().join("components").join("securitySchemes").join(name).as_str().to_string(),
            message: format!(
                "security scheme `{name}` (mutualTLS) left out: give the client's certificate to your own reqwest::Client"
            ),
        });
    }
}

/// Every schema's `$id` and `$anchor`, as JSON pointers to it.
fn anchors(root: &Value) -> Vec<(String, String)> {
    let mut found = Vec::new();
    collect_anchors(root, "#", &mut found);
    found
}

fn collect_anchors(value: &Value, at: &str, found: &mut Vec<(String, String)>) {
    match value {
        Value::Mapping(map) => {
            if let Some(Value::String(id)) = map.get("$id") {
                found.push((id.clone(), at.to_string()));
            }
            if let Some(Value::String(anchor)) = map.get("$anchor") {
                found.push((format!("#{anchor}"), at.to_string()));
            }
            for (key, child) in map {
                if let Some(key) = key.as_str() {
                    collect_anchors(child, &format!("{at}/{}", escape(key)), found);
                }
            }
        }
        Value::Sequence(items) => {
            for (index, child) in items.iter().enumerate() {
                collect_anchors(child, &format!("{at}/{index}"), found);
            }
        }
        _ => {}
    }
}

/// `$ref: '#pet'` or `$ref: 'https://example.com/schemas/pet'` (a schema's `$anchor` or `$id`):
/// the pointer to that schema.
fn rewrite_anchor_refs(value: &mut Value, anchors: &[(String, String)]) {
    match value {
        Value::Mapping(map) => {
            if let Some(Value::String(reference)) = map.get_mut("$ref") {
                if let Some((_, pointer)) = anchors.iter().find(|(name, _)| name == reference) {
                    *reference = pointer.clone();
                }
            }
            for (_, child) in map.iter_mut() {
                rewrite_anchor_refs(child, anchors);
            }
        }
        Value::Sequence(items) => items.iter_mut().for_each(|child| rewrite_anchor_refs(child, anchors)),
        _ => {}
    }
}

/// Rewrites every schema of the tree: those in `components/schemas` and under every `schema` key
/// (parameters, media types, headers), never inside examples or extensions.
pub(super) fn schemas(root: &mut Value, version: Version) {
    let Value::Mapping(map) = root else { return };
    for (key, value) in map.iter_mut() {
        match key.as_str() {
            Some("components") => {
                if let Value::Mapping(components) = value {
                    for (section, entries) in components.iter_mut() {
                        match (section.as_str(), entries) {
                            (Some("schemas"), Value::Mapping(entries)) => {
                                entries.iter_mut().for_each(|(_, s)| schema(s, version));
                            }
                            (_, entries) => outside_schemas(entries, version),
                        }
                    }
                }
            }
            _ => outside_schemas(value, version),
        }
    }
}

/// A part of the document that is not a schema: finds the schemas in it.
fn outside_schemas(value: &mut Value, version: Version) {
    match value {
        Value::Mapping(map) => {
            for (key, child) in map.iter_mut() {
                match key.as_str() {
                    Some("schema") => schema(child, version),
                    Some("example" | "examples" | "default") => {}
                    Some(k) if k.starts_with("x-") => {}
                    _ => outside_schemas(child, version),
                }
            }
        }
        Value::Sequence(items) => items.iter_mut().for_each(|item| outside_schemas(item, version)),
        _ => {}
    }
}

/// Keywords whose value is one schema, a list of schemas, or a map of schemas.
const ONE: &[&str] = &["items", "additionalProperties", "not"];
const LIST: &[&str] = &["allOf", "anyOf", "oneOf"];
const MAP: &[&str] = &["properties", "$defs"];

/// Keywords of JSON Schema 2020-12 with no 3.0 form that only constrain values.
const DROPPED: &[&str] = &[
    "$schema",
    "$id",
    "$anchor",
    "$dynamicAnchor",
    "$dynamicRef",
    "$comment",
    "$vocabulary",
    "dependentRequired",
    "dependentSchemas",
    "unevaluatedProperties",
    "unevaluatedItems",
    "propertyNames",
    "patternProperties",
    "contains",
    "minContains",
    "maxContains",
    "if",
    "then",
    "else",
];

/// One schema, and the schemas inside it.
fn schema(value: &mut Value, version: Version) {
    match value {
        // `true` allows anything; `false` nothing (left as a schema that allows anything: a value
        // never sent is never wrong).
        Value::Bool(_) if version == Version::V31 => *value = Value::Mapping(Mapping::new()),
        Value::Mapping(map) => {
            if version == Version::V31 {
                keywords(map);
            }
            numbers(map);
            for key in ONE {
                if let Some(child) = map.get_mut(*key) {
                    // `additionalProperties: true/false` is already 3.0.
                    if !(*key == "additionalProperties" && child.is_bool()) {
                        schema(child, version);
                    }
                }
            }
            for key in LIST {
                if let Some(Value::Sequence(items)) = map.get_mut(*key) {
                    items.iter_mut().for_each(|item| schema(item, version));
                }
            }
            for key in MAP {
                if let Some(Value::Mapping(entries)) = map.get_mut(*key) {
                    entries.iter_mut().for_each(|(_, child)| schema(child, version));
                }
            }
            if version == Version::V31 {
                null_alternatives(map);
            }
        }
        _ => {}
    }
}

/// The 2020-12 keywords of one schema, in their 3.0 forms.
fn keywords(map: &mut Mapping) {
    ref_siblings(map);
    if let Some(Value::Sequence(types)) = map.get("type").cloned() {
        let named: Vec<Value> = types.iter().filter(|t| t.as_str() != Some("null")).cloned().collect();
        if named.len() < types.len() {
            map.insert("nullable".into(), true.into());
        }
        match named.as_slice() {
            [] => {
                map.remove("type");
            }
            [one] => {
                map.insert("type".into(), one.clone());
            }
            several => {
                map.remove("type");
                let alternatives = several
                    .iter()
                    .map(|t| Value::Mapping(Mapping::from_iter([("type".into(), t.clone())])));
                map.insert("anyOf".into(), Value::Sequence(alternatives.collect()));
            }
        }
    } else if map.get("type").and_then(Value::as_str) == Some("null") {
        map.remove("type");
        map.insert("nullable".into(), true.into());
    }
    if let Some(value) = map.remove("const") {
        map.entry("enum".into()).or_insert_with(|| Value::Sequence(vec![value]));
    }
    if let Some(Value::Sequence(examples)) = map.get("examples").cloned() {
        map.remove("examples");
        if let Some(first) = examples.into_iter().next() {
            map.entry("example".into()).or_insert(first);
        }
    }
    for (exclusive, bound) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
        if let Some(Value::Number(n)) = map.get(exclusive).cloned() {
            map.insert(bound.into(), Value::Number(n));
            map.insert(exclusive.into(), true.into());
        }
    }
    content(map);
    prefix_items(map);
    for key in DROPPED {
        map.remove(*key);
    }
}

/// `$ref` beside other keywords: in 3.1 both apply, so the reference becomes an `allOf` member.
/// Beside only `description` or `summary`, which change no type, the reference stays alone.
fn ref_siblings(map: &mut Mapping) {
    if !map.contains_key("$ref") {
        return;
    }
    let shaping = map
        .keys()
        .filter_map(Value::as_str)
        .any(|k| !matches!(k, "$ref" | "description" | "summary" | "$comment") && !k.starts_with("x-"));
    if !shaping {
        map.retain(|k, _| k.as_str() == Some("$ref"));
        return;
    }
    let Some(reference) = map.remove("$ref") else { return };
    let member = Value::Mapping(Mapping::from_iter([("$ref".into(), reference)]));
    match map.get_mut("allOf") {
        Some(Value::Sequence(all)) => all.insert(0, member),
        _ => {
            map.insert("allOf".into(), Value::Sequence(vec![member]));
        }
    }
}

/// `contentEncoding: base64` is a `byte` string; `contentMediaType` of anything but text, a
/// `binary` one.
fn content(map: &mut Mapping) {
    let encoding = map.remove("contentEncoding");
    let media = map.remove("contentMediaType");
    if map.contains_key("format") {
        return;
    }
    let format = match (
        encoding.as_ref().and_then(Value::as_str),
        media.as_ref().and_then(Value::as_str),
    ) {
        (Some("base64" | "base64url"), _) => "byte",
        (_, Some(media)) if !media.starts_with("text/") && !media.ends_with("json") => "binary",
        _ => return,
    };
    map.insert("format".into(), format.into());
    map.entry("type".into()).or_insert_with(|| "string".into());
}

/// `prefixItems` (a tuple): items are any of the listed schemas (and of `items`, the rest); a tuple
/// of one kind (`[number, number]`) is a list of it.
fn prefix_items(map: &mut Mapping) {
    let Some(Value::Sequence(mut prefix)) = map.remove("prefixItems") else {
        return;
    };
    if let Some(rest) = map.remove("items") {
        if !rest.is_bool() {
            prefix.push(rest);
        }
    }
    prefix.dedup();
    let items = match prefix.len() {
        1 => prefix.remove(0),
        _ => Value::Mapping(Mapping::from_iter([("anyOf".into(), Value::Sequence(prefix))])),
    };
    map.insert("items".into(), items);
    map.entry("type".into()).or_insert_with(|| "array".into());
}

/// An `anyOf`/`oneOf` whose alternatives include `{type: "null"}` (now `{nullable: true}`): the
/// alternative is dropped and the schema is `nullable`; a single alternative left stands alone.
fn null_alternatives(map: &mut Mapping) {
    for key in ["anyOf", "oneOf"] {
        let Some(Value::Sequence(items)) = map.get_mut(key) else {
            continue;
        };
        let before = items.len();
        items.retain(|item| !is_null_schema(item));
        if items.len() == before {
            continue;
        }
        map.insert("nullable".into(), true.into());
        if let Some(Value::Sequence(items)) = map.get(key) {
            if items.len() == 1 {
                let only = items[0].clone();
                map.remove(key);
                match only {
                    Value::Mapping(m) if m.contains_key("$ref") => {
                        map.insert("allOf".into(), Value::Sequence(vec![Value::Mapping(m)]));
                    }
                    Value::Mapping(m) => {
                        for (k, v) in m {
                            map.entry(k).or_insert(v);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

/// `{type: "null"}`, as [`keywords`] leaves it: only `nullable: true`.
fn is_null_schema(value: &Value) -> bool {
    match value {
        Value::Mapping(m) => {
            m.len() == 1 && m.get("nullable") == Some(&Value::Bool(true))
                || m.get("type").and_then(Value::as_str) == Some("null")
        }
        _ => false,
    }
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Validation numbers the typed model cannot hold (an integer schema's `minimum` of
/// `-9223372036854776000`, a fractional `multipleOf` of an integer, a negative `maxLength`): they
/// only constrain values, so they are dropped instead of failing the load. For 3.0 and 3.1 alike.
fn numbers(map: &mut Mapping) {
    let fits_i64 =
        |v: &Value| matches!(v, Value::Number(n) if n.is_i64() || n.as_u64().is_some_and(|u| i64::try_from(u).is_ok()));
    let integer = map.get("type").and_then(Value::as_str) == Some("integer");
    for key in ["minimum", "maximum", "multipleOf"] {
        let drop = match map.get(key) {
            None => false,
            Some(v) if integer => !fits_i64(v),
            Some(v) => !matches!(v, Value::Number(_)),
        };
        if drop {
            map.remove(key);
        }
    }
    for key in [
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "minProperties",
        "maxProperties",
    ] {
        if map
            .get(key)
            .is_some_and(|v| !matches!(v, Value::Number(n) if n.is_u64()))
        {
            map.remove(key);
        }
    }
}
