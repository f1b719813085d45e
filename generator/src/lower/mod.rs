//! Stage two: turn an `openapiv3::OpenAPI` into the generator's IR.
//!
//! Every decision is made here: which Rust type each schema becomes, what every item is called
//! (through [`names`]), which inputs are required, how each body is encoded and which credentials each
//! operation sends. Unsupported constructs are reported as [`Error`]s with a JSON pointer.

mod all_of;
mod bodies;
mod conventions;
mod crate_parts;
mod example_fit;
mod names;
mod objects;
mod one_of;
mod operation;
mod operation_security;
mod parameters;
mod recursion;
mod refs;
mod responses;
mod schema;
mod secrets;
mod security;
mod servers;
mod shape;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use openapiv3::OpenAPI;

use crate::error::{Error, Pointer};
use crate::ir;

/// What the caller decides about a lowering, beyond the document itself.
#[derive(Debug, Clone)]
pub struct Options {
    /// Cargo package name of the crate to emit.
    pub crate_name: String,
    /// Carry the document's descriptions into rustdoc. Off only to compare two documents that differ
    /// in wording alone.
    pub keep_docs: bool,
    /// Whether replies are read as the document says or leniently.
    pub replies: ir::ReplyMode,
}

impl Options {
    pub fn new(crate_name: impl Into<String>) -> Self {
        Options {
            crate_name: crate_name.into(),
            keep_docs: true,
            replies: ir::ReplyMode::Strict,
        }
    }
}

/// Lowers a loaded document; `file` is only used to say where an error is.
pub fn lower(doc: &OpenAPI, file: &Path, options: &Options) -> Result<ir::Api, Error> {
    let mut cx = Lowerer::new(doc, file, options);
    cx.name_components()?;
    cx.lower_components()?;
    let security_schemes = cx.lower_security_schemes()?;
    let operations = cx.lower_operations(&security_schemes)?;
    let servers: Vec<String> = doc
        .servers
        .iter()
        .map(|s| s.url.trim_end_matches('/').to_string())
        .collect();
    let (base_url, server_variables) = cx.server_variables()?;
    let mut api = ir::Api {
        crate_name: options.crate_name.clone(),
        crate_ident: crate_parts::crate_ident(&options.crate_name),
        version: doc.info.version.clone(),
        crate_version: crate_parts::cargo_version(&doc.info.version),
        title: doc.info.title.clone(),
        docs: cx.docs(doc.info.description.as_deref()),
        servers,
        base_url,
        server_variables,
        security_schemes,
        operations,
        types: {
            let mut types: Vec<ir::TypeDef> = std::mem::take(&mut cx.types).into_values().collect();
            recursion::box_cycles(&mut types);
            types
        },
        replies: options.replies,
        warnings: Vec::new(),
        runtime: ir::RuntimeParts::default(),
        readme: ir::Readme::default(),
    };
    api.readme = ir::Readme {
        example: crate_parts::readme_example(&api),
        credentials: (!api.security_schemes.is_empty()).then_some(0),
        token_issuer: crate_parts::token_issuer(&api),
    };
    api.runtime = crate_parts::runtime_parts(&api);
    api.warnings = cx.warnings.into_inner();
    Ok(api)
}

/// The state of one lowering.
struct Lowerer<'a> {
    doc: &'a OpenAPI,
    file: &'a Path,
    options: &'a Options,
    /// Rust name of every component schema that becomes a named type, by component key.
    component_names: BTreeMap<String, String>,
    /// Every type name handed out so far (components and synthesized).
    type_names: names::Scope,
    /// Every model file name handed out so far.
    module_names: names::Scope,
    /// Finished named types, by Rust name (so the output is sorted).
    types: BTreeMap<String, ir::TypeDef>,
    /// What each component that is not a type of its own stands for, once lowered.
    aliases: BTreeMap<String, ir::TypeRef>,
    /// Component keys being resolved right now, to catch a schema that is only an alias of itself.
    resolving: BTreeSet<String>,
    /// Base schemas with a discriminator, by key, with the keys of the schemas that extend them.
    bases: BTreeMap<String, Vec<String>>,
    /// Mistakes in the document that lose nothing else: said, and generation goes on.
    warnings: RefCell<Vec<ir::Warning>>,
    /// What has been warned about already (a key per kind of mistake), so each is said once.
    warned: RefCell<BTreeSet<String>>,
}

impl<'a> Lowerer<'a> {
    fn new(doc: &'a OpenAPI, file: &'a Path, options: &'a Options) -> Self {
        Lowerer {
            doc,
            file,
            options,
            component_names: BTreeMap::new(),
            type_names: names::Scope::new(),
            // `models/models.rs` would be a module named as its parent, and `mod` is not a name.
            module_names: names::Scope::with(&["models", "mod"]),
            types: BTreeMap::new(),
            aliases: BTreeMap::new(),
            resolving: BTreeSet::new(),
            bases: BTreeMap::new(),
            warnings: RefCell::new(Vec::new()),
            warned: RefCell::new(BTreeSet::new()),
        }
    }

    /// Records a warning about `key` unless one was recorded already.
    fn warn_once(&self, key: &str, at: &Pointer, message: impl Into<String>) {
        if self.warned.borrow_mut().insert(key.to_string()) {
            self.warnings.borrow_mut().push(ir::Warning {
                pointer: at.as_str().to_string(),
                message: message.into(),
            });
        }
    }

    fn error(&self, at: &Pointer, message: impl Into<String>) -> Error {
        Error::new(self.file, at.as_str(), message)
    }

    /// Documentation text as the IR keeps it: trimmed, `None` when empty or when docs are off.
    fn docs(&self, text: Option<&str>) -> ir::Docs {
        if !self.options.keep_docs {
            return None;
        }
        text.map(str::trim).filter(|t| !t.is_empty()).map(str::to_string)
    }
}
