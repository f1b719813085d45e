//! Stage one: read a YAML or JSON document into `openapiv3::OpenAPI`.
//!
//! The text is first parsed as a plain YAML value (YAML is a superset of JSON), so syntax errors keep
//! their line and column and the version can be checked before the OpenAPI 3.0 model is applied.
//! Model errors are located with `serde_path_to_error` and reported as JSON pointers.

use std::path::Path;

use openapiv3::OpenAPI;

use crate::error::{Error, Pointer};

/// Reads and parses the document at `path`.
pub fn load_file(path: &Path) -> Result<OpenAPI, Error> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Error::new(path, "#", format!("cannot read the document: {e}")))?;
    parse(path, &text)
}

/// Parses a document's text; `file` is only used to say where an error is.
pub fn parse(file: &Path, text: &str) -> Result<OpenAPI, Error> {
    let value: serde_yaml::Value =
        serde_yaml::from_str(text).map_err(|e| Error::new(file, "#", format!("not valid YAML or JSON: {e}")))?;
    let serde_yaml::Value::Mapping(root) = &value else {
        return Err(Error::new(
            file,
            "#",
            format!("expected an OpenAPI object at the top, found {}", kind_of(&value)),
        ));
    };
    check_version(file, root)?;
    let doc: Result<OpenAPI, _> = serde_path_to_error::deserialize(value.clone());
    doc.map_err(|e| {
        let mut pointer = Pointer::root();
        for segment in e.path().iter() {
            match segment {
                serde_path_to_error::Segment::Seq { index } => pointer = pointer.join(index),
                serde_path_to_error::Segment::Map { key } => pointer = pointer.join(key),
                serde_path_to_error::Segment::Enum { .. } | serde_path_to_error::Segment::Unknown => {}
            }
        }
        // openapiv3 flattens `x-` extensions into every object, and serde loses track of the path
        // below a flatten; narrow the place down by hand then.
        let narrowed = narrow(&value, &pointer);
        Error::new(
            file,
            narrowed.as_str(),
            format!("not a valid OpenAPI 3.0 document here: {}", e.inner()),
        )
    })
}

/// The deepest node under `start` whose removal makes the document valid: that is where the
/// problem is. Each try re-reads only the top-level unit (a path item, a component) being searched.
fn narrow(root: &serde_yaml::Value, start: &Pointer) -> Pointer {
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

fn check_version(file: &Path, root: &serde_yaml::Mapping) -> Result<(), Error> {
    if let Some(swagger) = root.get("swagger") {
        let version = scalar_text(swagger);
        return Err(Error::new(
            file,
            "#/swagger",
            format!("Swagger {version} is not supported; convert the document to OpenAPI 3.0 first"),
        ));
    }
    let Some(openapi) = root.get("openapi") else {
        return Err(Error::new(
            file,
            "#",
            "missing the `openapi` version field; is this an OpenAPI document?",
        ));
    };
    let version = scalar_text(openapi);
    if version.starts_with("3.0") {
        Ok(())
    } else if version.starts_with("3.1") {
        Err(Error::new(
            file,
            "#/openapi",
            format!("OpenAPI {version} is not supported yet; only OpenAPI 3.0.x documents are"),
        ))
    } else {
        Err(Error::new(
            file,
            "#/openapi",
            format!("OpenAPI version `{version}` is not supported; only OpenAPI 3.0.x documents are"),
        ))
    }
}

fn scalar_text(value: &serde_yaml::Value) -> String {
    match value {
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Number(n) => n.to_string(),
        other => kind_of(other).to_string(),
    }
}

fn kind_of(value: &serde_yaml::Value) -> &'static str {
    match value {
        serde_yaml::Value::Null => "nothing",
        serde_yaml::Value::Bool(_) => "a boolean",
        serde_yaml::Value::Number(_) => "a number",
        serde_yaml::Value::String(_) => "a string",
        serde_yaml::Value::Sequence(_) => "a list",
        serde_yaml::Value::Mapping(_) => "an object",
        serde_yaml::Value::Tagged(_) => "a tagged value",
    }
}
