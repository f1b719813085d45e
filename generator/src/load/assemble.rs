//! Carrying out a bundle's plan: each copy is made once, its references rewritten, and placed into
//! the unit that refers to it, children before parents (a unit's children come after it in the
//! plan); hoisted schemas go into `components/schemas` in the order they were found. The root's tree
//! is moved, not copied: a document with nothing to change comes out as it went in.

use serde_yaml::{Mapping, Value};

use super::bundle::Unit;
use super::files::{Files, ROOT};
use super::scan::{node_mut, Seg};
use super::sources::Sources;

pub(super) fn assemble(mut files: Files, units: Vec<Unit>) -> (Value, Sources) {
    let mut sources = Sources::new(files.shown(ROOT));
    // Every copy first, while the root's tree is still as parsed.
    let mut values: Vec<Option<Value>> = vec![None];
    for unit in &units[1..] {
        let mut value = files.get(&unit.source).cloned().unwrap_or(Value::Null);
        rewrite(&mut value, &unit.rewrites);
        values.push(Some(value));
        let file = files.shown(unit.source.file).to_path_buf();
        sources.mount(&unit.at, file, &unit.source.pointer, unit.hoisted.as_deref());
    }
    for (i, unit) in units.iter().enumerate().skip(1).rev() {
        if unit.parent == 0 {
            continue;
        }
        if let Some(value) = values[i].take() {
            if let Some(parent) = values[unit.parent].as_mut() {
                place(parent, &unit.path, value);
            }
        }
    }
    let mut root = std::mem::take(&mut files.files[ROOT].value);
    rewrite(&mut root, &units[0].rewrites);
    for (i, unit) in units.iter().enumerate().skip(1) {
        let (0, Some(value)) = (unit.parent, values[i].take()) else {
            continue;
        };
        match &unit.hoisted {
            Some(name) => add_schema(&mut root, name, value),
            None => place(&mut root, &unit.path, value),
        }
    }
    (root, sources)
}

/// Each reference object's `$ref`, or each discriminator mapping entry's value, changed.
fn rewrite(value: &mut Value, rewrites: &[(Vec<Seg>, String)]) {
    for (path, reference) in rewrites {
        match node_mut(value, path) {
            Some(Value::Mapping(map)) => {
                map.insert(Value::from("$ref"), Value::from(reference.as_str()));
            }
            Some(entry @ Value::String(_)) => *entry = Value::from(reference.as_str()),
            _ => {}
        }
    }
}

fn place(parent: &mut Value, path: &[Seg], value: Value) {
    if let Some(node) = node_mut(parent, path) {
        *node = value;
    }
}

/// `components/schemas/{name}` of the root, made if missing; a key already there (a component
/// that was a reference to this schema) keeps its place.
fn add_schema(root: &mut Value, name: &str, value: Value) {
    let Value::Mapping(top) = root else { return };
    let components = top
        .entry(Value::from("components"))
        .or_insert_with(|| Value::Mapping(Mapping::new()));
    if components.is_null() {
        *components = Value::Mapping(Mapping::new());
    }
    let Value::Mapping(components) = components else { return };
    let schemas = components
        .entry(Value::from("schemas"))
        .or_insert_with(|| Value::Mapping(Mapping::new()));
    if schemas.is_null() {
        *schemas = Value::Mapping(Mapping::new());
    }
    if let Value::Mapping(schemas) = schemas {
        schemas.insert(Value::from(name), value);
    }
}
