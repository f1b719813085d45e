//! Stage one: read a YAML or JSON document, and the files it refers to, into `openapiv3::OpenAPI`.
//!
//! The text is first parsed as a plain YAML value (YAML is a superset of JSON), so syntax errors keep
//! their line and column and the version can be checked before the OpenAPI 3.0 model is applied.
//! Then the document is bundled (`bundle.rs`): every `$ref` to another file, to a place that is not a
//! component, or to another `$ref`, is replaced by a copy or a hoisted schema, so lowering sees only
//! `#/components/{section}/{name}`, and discriminator mapping values that are references name those
//! components too. [`Sources`] says where each moved part came from. Model errors are located with
//! `serde_path_to_error` and reported as JSON pointers, in the file the part came from.

mod assemble;
mod bundle;
mod check;
mod context;
mod files;
mod scan;
mod sources;
mod upgrade;

use std::path::Path;

use openapiv3::OpenAPI;

pub use sources::Sources;

use crate::error::{Error, Pointer};
use check::{first_bad_schema, narrow};

/// A loaded document: the bundled OpenAPI model, and where its parts came from.
#[derive(Debug, Clone)]
pub struct Document {
    pub openapi: OpenAPI,
    pub sources: Sources,
    /// What reading it left out (an OpenAPI 3.1 document's webhooks, say), each with its pointer.
    pub warnings: Vec<crate::ir::Warning>,
}

/// Reads and parses the document at `path`, with every file it refers to.
pub fn load_file(path: &Path) -> Result<OpenAPI, Error> {
    Ok(load_document(path)?.openapi)
}

/// Reads and parses the document at `path`, with every file it refers to, and says where each part
/// that is not in the root file came from.
pub fn load_document(path: &Path) -> Result<Document, Error> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Error::new(path, "#", format!("cannot read the document: {e}")))?;
    parse_document(path, &text)
}

/// Parses a document's text; `file` says where an error is, and references to other files are read
/// relative to its folder.
pub fn parse(file: &Path, text: &str) -> Result<OpenAPI, Error> {
    Ok(parse_document(file, text)?.openapi)
}

/// [`parse`], with the [`Sources`] of the bundled document.
pub fn parse_document(file: &Path, text: &str) -> Result<Document, Error> {
    let value = files::parse_text(text).map_err(|e| Error::new(file, "#", format!("not valid YAML or JSON: {e}")))?;
    let serde_yaml::Value::Mapping(root) = &value else {
        return Err(Error::new(
            file,
            "#",
            format!("expected an OpenAPI object at the top, found {}", kind_of(&value)),
        ));
    };
    check_version(file, root)?;
    let version = match upgrade::is_31(root) {
        true => upgrade::Version::V31,
        false => upgrade::Version::V30,
    };
    let mut value = value;
    let mut warnings = Vec::new();
    // A 3.1 document's own parts are rewritten before its references are followed (`prefixItems`
    // and `$ref` beside other keywords are not places the bundler knows); every schema, the other
    // files' too, is then read once more in the bundled tree (for 3.0, only that pass).
    if version == upgrade::Version::V31 {
        upgrade::document(&mut value, &mut warnings);
    }
    let (mut value, sources) = bundle::bundle(file, value)?;
    upgrade::schemas(&mut value, version);
    match read(file, &value) {
        Ok(openapi) => Ok(Document {
            openapi,
            sources,
            warnings,
        }),
        Err(e) => Err(sources.relocate(e)),
    }
}

/// The bundled tree as the OpenAPI model; errors point into the bundled tree.
fn read(file: &Path, value: &serde_yaml::Value) -> Result<OpenAPI, Error> {
    if let Some((pointer, message)) = first_bad_schema(value) {
        return Err(Error::new(
            file,
            pointer.as_str(),
            format!("not a valid OpenAPI 3.0 schema here: {message}"),
        ));
    }
    // Read from the borrowed tree: a copy of the whole document is not needed.
    let doc: Result<OpenAPI, _> = serde_path_to_error::deserialize(value);
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
        let narrowed = narrow(value, &pointer);
        Error::new(
            file,
            narrowed.as_str(),
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
    if version.starts_with("3.0.") || version.starts_with("3.1.") || version == "3.0" || version == "3.1" {
        Ok(())
    } else {
        Err(Error::new(
            file,
            "#/openapi",
            format!("OpenAPI version `{version}` is not supported; OpenAPI 3.0.x and 3.1.x documents are"),
        ))
    }
}

pub(super) fn scalar_text(value: &serde_yaml::Value) -> String {
    match value {
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Number(n) => n.to_string(),
        other => kind_of(other).to_string(),
    }
}

pub(super) fn kind_of(value: &serde_yaml::Value) -> &'static str {
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
