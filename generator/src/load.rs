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
    serde_path_to_error::deserialize::<_, OpenAPI>(value.clone()).map_err(|e| {
        let mut pointer = Pointer::root();
        for segment in e.path().iter() {
            match segment {
                serde_path_to_error::Segment::Seq { index } => pointer = pointer.join(index),
                serde_path_to_error::Segment::Map { key } => pointer = pointer.join(key),
                serde_path_to_error::Segment::Enum { .. } | serde_path_to_error::Segment::Unknown => {}
            }
        }
        Error::new(
            file,
            pointer.as_str(),
            format!("not a valid OpenAPI 3.0 document here: {}", e.inner()),
        )
    })
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
