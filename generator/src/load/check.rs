//! The checks of a loaded (bundled) document before it is read as OpenAPI: every schema on its own,
//! one level at a time (openapiv3's untagged enums are exponential in depth on invalid input), and,
//! when serde fails, the narrowing of its error down to the node that is wrong.

use crate::error::Pointer;

use super::{kind_of, scalar_text};

/// The deepest node under `start` whose removal makes the document valid: that is where the
/// problem is. Each try re-reads only the top-level unit (a path item, a component) being searched.
pub(super) fn narrow(root: &serde_yaml::Value, start: &Pointer) -> Pointer {
    let tokens = start.tokens();
    let tokens: Vec<&str> = tokens.iter().map(String::as_str).collect();
    let unit: &[&str] = match tokens.first() {
        Some(&"paths") => &["paths"],
        Some(&"components") => &["components"],
        _ => return start.clone(),
    };
    let Some(section) = get(root, unit) else {
        return start.clone();
    };
    let serde_yaml::Value::Mapping(entries) = section else {
        return start.clone();
    };
    // The failing entry of the section, checked on its own.
    let mut at: Vec<String> = unit.iter().map(|s| s.to_string()).collect();
    let mut culprit = None;
    for (key, entry) in entries {
        let key_text = key_text(key);
        let mut probe = serde_yaml::Mapping::new();
        probe.insert(key.clone(), entry.clone());
        if !valid_section(unit, serde_yaml::Value::Mapping(probe)) {
            culprit = Some((key_text, entry.clone()));
            break;
        }
    }
    let Some((key, entry)) = culprit else {
        return start.clone();
    };
    at.push(key.clone());
    // Descend: remove one child at a time; the child whose removal fixes the entry holds the problem.
    let mut path_in_entry: Vec<serde_yaml::Value> = Vec::new();
    loop {
        let children: Vec<serde_yaml::Value> = match get_value(&entry, &path_in_entry) {
            Some(serde_yaml::Value::Mapping(m)) => m.keys().cloned().collect(),
            Some(serde_yaml::Value::Sequence(items)) => {
                (0..items.len()).map(|i| serde_yaml::Value::from(i as u64)).collect()
            }
            _ => break,
        };
        let fixed_by = children.into_iter().find(|child| {
            let mut trial = entry.clone();
            remove_at(&mut trial, &path_in_entry, child);
            let mut probe = serde_yaml::Mapping::new();
            probe.insert(serde_yaml::Value::String(key.clone()), trial);
            valid_section(unit, serde_yaml::Value::Mapping(probe))
        });
        match fixed_by {
            Some(child) => path_in_entry.push(child),
            None => break,
        }
    }
    let mut pointer = Pointer::root();
    for token in at.into_iter().chain(path_in_entry.iter().map(key_text)) {
        pointer = pointer.join(token);
    }
    pointer
}

fn valid_section(unit: &[&str], section: serde_yaml::Value) -> bool {
    match unit {
        ["paths"] => serde_yaml::from_value::<openapiv3::Paths>(section).is_ok(),
        _ => serde_yaml::from_value::<openapiv3::Components>(section).is_ok(),
    }
}

fn get<'v>(root: &'v serde_yaml::Value, path: &[&str]) -> Option<&'v serde_yaml::Value> {
    path.iter().try_fold(root, |node, key| node.get(*key))
}

fn get_value<'v>(root: &'v serde_yaml::Value, path: &[serde_yaml::Value]) -> Option<&'v serde_yaml::Value> {
    path.iter().try_fold(root, |node, key| match (node, key) {
        (serde_yaml::Value::Sequence(items), serde_yaml::Value::Number(n)) => items.get(n.as_u64()? as usize),
        (serde_yaml::Value::Mapping(m), key) => m.get(key),
        _ => None,
    })
}

fn remove_at(root: &mut serde_yaml::Value, path: &[serde_yaml::Value], child: &serde_yaml::Value) {
    let mut node = root;
    for key in path {
        let next = match (node, key) {
            (serde_yaml::Value::Sequence(items), serde_yaml::Value::Number(n)) => {
                n.as_u64().and_then(|i| items.get_mut(i as usize))
            }
            (serde_yaml::Value::Mapping(m), key) => m.get_mut(key),
            _ => None,
        };
        match next {
            Some(next) => node = next,
            None => return,
        }
    }
    match (node, child) {
        (serde_yaml::Value::Sequence(items), serde_yaml::Value::Number(n)) => {
            if let Some(i) = n.as_u64().map(|i| i as usize).filter(|i| *i < items.len()) {
                items.remove(i);
            }
        }
        (serde_yaml::Value::Mapping(m), key) => {
            m.remove(key);
        }
        _ => {}
    }
}

fn key_text(key: &serde_yaml::Value) -> String {
    scalar_text(key)
}

/// Checks every schema in the document on its own, children replaced by `{}`, before the whole
/// document is read. openapiv3 reads schemas through untagged enums, which retry every variant at
/// every level: on an invalid schema nested a dozen levels deep that takes exponential time (seconds
/// at depth 12, minutes at 16). Checked one level at a time, it is linear, and the error points at
/// the very schema that is wrong.
pub(super) fn first_bad_schema(root: &serde_yaml::Value) -> Option<(Pointer, String)> {
    let mut pending = schemas_in(root);
    // Each schema alone, then its sub-schemas.
    let mut found: Option<(Pointer, String)> = None;
    while let Some((at, schema)) = pending.pop() {
        let checked = match schema {
            serde_yaml::Value::Mapping(map) => {
                let shallow = emptied(map, &at, &mut pending);
                serde_yaml::from_value::<openapiv3::ReferenceOr<openapiv3::Schema>>(shallow)
                    .err()
                    .map(|e| e.to_string())
            }
            _ => Some(format!("expected a schema object, found {}", kind_of(schema))),
        };
        if let Some(message) = checked {
            // Keep the first in document order: the deepest pending entries are popped first, so
            // compare pointers and keep the smallest.
            found = match found {
                Some(current) if current.0.as_str() <= at.as_str() => Some(current),
                _ => Some((at, message)),
            };
        }
    }
    // serde cannot say which keyword of the schema is wrong; find it by removing one at a time.
    found.map(|(at, message)| (narrow_in_schema(root, at), message))
}

/// Every schema of the document that is not inside another: component schemas, and the `schema`
/// of parameters, bodies, responses and headers, in components and under paths.
fn schemas_in(root: &serde_yaml::Value) -> Vec<(Pointer, &serde_yaml::Value)> {
    let mut schemas: Vec<(Pointer, &serde_yaml::Value)> = Vec::new();
    let mut roots: Vec<(Pointer, &serde_yaml::Value)> = Vec::new();
    let top = Pointer::root();
    if let Some(serde_yaml::Value::Mapping(entries)) = get(root, &["components", "schemas"]) {
        let at = top.join("components").join("schemas");
        schemas.extend(
            entries
                .iter()
                .map(|(name, schema)| (at.join(scalar_text(name)), schema)),
        );
    }
    for section in ["parameters", "requestBodies", "responses", "headers"] {
        if let Some(serde_yaml::Value::Mapping(entries)) = get(root, &["components", section]) {
            let at = top.join("components").join(section);
            roots.extend(entries.iter().map(|(name, entry)| (at.join(scalar_text(name)), entry)));
        }
    }
    if let Some(serde_yaml::Value::Mapping(paths)) = root.get("paths") {
        roots.extend(
            paths
                .iter()
                .map(|(path, item)| (top.join("paths").join(scalar_text(path)), item)),
        );
    }
    // Everything below the roots that holds schemas: `schema` keys, `content` maps.
    while let Some((at, node)) = roots.pop() {
        match node {
            serde_yaml::Value::Mapping(map) => {
                for (key, child) in map {
                    let key = scalar_text(key);
                    if key == "schema" {
                        schemas.push((at.join(&key), child));
                    } else if key != "examples" && key != "example" && !key.starts_with("x-") {
                        roots.push((at.join(&key), child));
                    }
                }
            }
            serde_yaml::Value::Sequence(items) => {
                roots.extend(items.iter().enumerate().map(|(i, child)| (at.join(i), child)));
            }
            _ => {}
        }
    }
    schemas
}

/// The schema with its sub-schemas emptied, which go to `pending`. Built key by key: copying the
/// whole subtree first would copy every schema once per level above it.
fn emptied<'v>(
    map: &'v serde_yaml::Mapping,
    at: &Pointer,
    pending: &mut Vec<(Pointer, &'v serde_yaml::Value)>,
) -> serde_yaml::Value {
    let empty = || serde_yaml::Value::Mapping(Default::default());
    let mut shallow = serde_yaml::Mapping::with_capacity(map.len());
    for (key, child) in map {
        let key_text = scalar_text(key);
        let kept = match (key_text.as_str(), child) {
            ("properties", serde_yaml::Value::Mapping(props)) => {
                let mut emptied = serde_yaml::Mapping::with_capacity(props.len());
                for (name, sub) in props {
                    pending.push((at.join("properties").join(scalar_text(name)), sub));
                    emptied.insert(name.clone(), empty());
                }
                serde_yaml::Value::Mapping(emptied)
            }
            ("items" | "not" | "additionalProperties", serde_yaml::Value::Mapping(_)) => {
                pending.push((at.join(&key_text), child));
                empty()
            }
            ("allOf" | "oneOf" | "anyOf", serde_yaml::Value::Sequence(items)) => {
                for (i, sub) in items.iter().enumerate() {
                    pending.push((at.join(&key_text).join(i), sub));
                }
                serde_yaml::Value::Sequence(vec![empty(); items.len()])
            }
            _ => child.clone(),
        };
        shallow.insert(key.clone(), kept);
    }
    serde_yaml::Value::Mapping(shallow)
}

/// Inside one schema (children already known to be fine), the key whose removal makes it valid.
fn narrow_in_schema(root: &serde_yaml::Value, at: Pointer) -> Pointer {
    let tokens = at.tokens();
    let Some(serde_yaml::Value::Mapping(map)) = tokens.iter().try_fold(root, |node, key| match node {
        serde_yaml::Value::Sequence(items) => key.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => node.get(key.as_str()),
    }) else {
        return at;
    };
    for key in map.keys() {
        let mut trial = map.clone();
        trial.remove(key);
        for (k, v) in trial.iter_mut() {
            let k = scalar_text(k);
            if matches!(k.as_str(), "items" | "not" | "additionalProperties") && v.is_mapping() {
                *v = serde_yaml::Value::Mapping(Default::default());
            }
            if k == "properties" {
                if let serde_yaml::Value::Mapping(props) = v {
                    for (_, p) in props.iter_mut() {
                        *p = serde_yaml::Value::Mapping(Default::default());
                    }
                }
            }
            if matches!(k.as_str(), "allOf" | "oneOf" | "anyOf") {
                if let serde_yaml::Value::Sequence(items) = v {
                    for p in items.iter_mut() {
                        *p = serde_yaml::Value::Mapping(Default::default());
                    }
                }
            }
        }
        let ok = serde_yaml::from_value::<openapiv3::ReferenceOr<openapiv3::Schema>>(serde_yaml::Value::Mapping(trial))
            .is_ok();
        if ok {
            return at.join(scalar_text(key));
        }
    }
    at
}
