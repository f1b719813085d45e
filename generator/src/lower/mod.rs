//! Stage two: turn an `openapiv3::OpenAPI` into the generator's IR.
//!
//! Every decision is made here: which Rust type each schema becomes, what every item is called
//! (through [`names`]), which inputs are required, how each body is encoded and which credentials each
//! operation sends. Unsupported constructs are reported as [`Error`]s with a JSON pointer.

mod names;
mod operation;
mod refs;
mod schema;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use openapiv3::{OpenAPI, ReferenceOr};

use crate::error::{Error, Pointer};
use crate::ir;

pub use names::{camel, snake};

/// What the caller decides about a lowering, beyond the document itself.
#[derive(Debug, Clone)]
pub struct Options {
    /// Cargo package name of the crate to emit.
    pub crate_name: String,
    /// Carry the document's descriptions into rustdoc. Off only to compare two documents that differ
    /// in wording alone.
    pub keep_docs: bool,
}

impl Options {
    pub fn new(crate_name: impl Into<String>) -> Self {
        Options {
            crate_name: crate_name.into(),
            keep_docs: true,
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
    let servers = doc
        .servers
        .iter()
        .map(|s| s.url.trim_end_matches('/').to_string())
        .collect();
    Ok(ir::Api {
        crate_name: options.crate_name.clone(),
        version: doc.info.version.clone(),
        title: doc.info.title.clone(),
        docs: cx.docs(doc.info.description.as_deref()),
        servers,
        security_schemes,
        operations,
        types: cx.types.into_values().collect(),
    })
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
}

impl<'a> Lowerer<'a> {
    fn new(doc: &'a OpenAPI, file: &'a Path, options: &'a Options) -> Self {
        Lowerer {
            doc,
            file,
            options,
            component_names: BTreeMap::new(),
            type_names: names::Scope::new(),
            module_names: names::Scope::new(),
            types: BTreeMap::new(),
            aliases: BTreeMap::new(),
            resolving: BTreeSet::new(),
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

    fn lower_security_schemes(&self) -> Result<Vec<ir::SecurityScheme>, Error> {
        let Some(components) = &self.doc.components else {
            return Ok(Vec::new());
        };
        let base = Pointer::root().join("components").join("securitySchemes");
        let mut schemes = Vec::new();
        for (key, scheme) in &components.security_schemes {
            let at = base.join(key);
            let ReferenceOr::Item(scheme) = scheme else {
                return Err(self.error(
                    &at,
                    "a $ref to a security scheme is not supported; write the scheme inline",
                ));
            };
            let (kind, description) = match scheme {
                openapiv3::SecurityScheme::HTTP {
                    scheme, description, ..
                } => match scheme.to_ascii_lowercase().as_str() {
                    "basic" => (ir::SecurityKind::HttpBasic, description),
                    "bearer" => (ir::SecurityKind::HttpBearer, description),
                    other => {
                        return Err(self.error(
                            &at.join("scheme"),
                            format!("HTTP authentication scheme `{other}` is not supported (basic and bearer are)"),
                        ))
                    }
                },
                openapiv3::SecurityScheme::APIKey { .. } => {
                    return Err(self.error(
                        &at,
                        "security scheme type `apiKey` is not supported yet (http basic and bearer, and oauth2 client credentials are)",
                    ))
                }
                openapiv3::SecurityScheme::OAuth2 { flows, description, .. } => match &flows.client_credentials {
                    Some(flow) => (
                        ir::SecurityKind::OAuth2ClientCredentials { token_url: flow.token_url.clone() },
                        description,
                    ),
                    None => {
                        return Err(self.error(
                            &at.join("flows"),
                            "only the `clientCredentials` flow of oauth2 is supported",
                        ))
                    }
                },
                openapiv3::SecurityScheme::OpenIDConnect { .. } => {
                    return Err(self.error(
                        &at,
                        "security scheme type `openIdConnect` is not supported yet (http basic and bearer, and oauth2 client credentials are)",
                    ))
                }
            };
            schemes.push(ir::SecurityScheme {
                key: key.clone(),
                kind,
                docs: self.docs(description.as_deref()),
            });
        }
        Ok(schemes)
    }
}

/// Values that must never be printed: credentials and one-time codes. A field or input is secret when
/// the document marks it `x-twilio: {pii: {handling: sensitive}}` or its name says it holds one.
fn is_secret_name(wire_name: &str) -> bool {
    let name = snake(wire_name);
    let name = name.trim_end_matches('_');
    const EXACT: &[&str] = &[
        "code",
        "token",
        "secret",
        "password",
        "code_verifier",
        "api_key",
        "private_key",
    ];
    const SUFFIXES: &[&str] = &["_token", "_secret", "_password", "_code", "_verifier", "_private_key"];
    const NOT_SECRET: &[&str] = &[
        "user_code",
        "country_code",
        "iso_country_code",
        "error_code",
        "status_code",
    ];
    if NOT_SECRET.contains(&name) {
        return false;
    }
    EXACT.contains(&name) || SUFFIXES.iter().any(|s| name.ends_with(s))
}

fn marked_sensitive(extensions: &indexmap::IndexMap<String, serde_json::Value>) -> bool {
    extensions
        .get("x-twilio")
        .and_then(|x| x.pointer("/pii/handling"))
        .and_then(|h| h.as_str())
        .is_some_and(|h| h.eq_ignore_ascii_case("sensitive"))
}

/// Whether a value of this type can hold a secret worth hiding (strings, free-form values, lists of them).
fn can_hold_secret(ty: &ir::TypeRef) -> bool {
    match ty {
        ir::TypeRef::String | ir::TypeRef::Any => true,
        ir::TypeRef::Array(inner) | ir::TypeRef::Map(inner) => can_hold_secret(inner),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names() {
        for secret in [
            "ClientSecret",
            "Code",
            "CodeVerifier",
            "DeviceCode",
            "RefreshToken",
            "access_token",
            "id_token",
            "AuthToken",
            "Password",
        ] {
            assert!(is_secret_name(secret), "{secret} should be secret");
        }
        for public in [
            "ClientSid",
            "GrantType",
            "user_code",
            "CountryCode",
            "url",
            "token_endpoint",
            "DeviceId",
            "expires_in",
        ] {
            assert!(!is_secret_name(public), "{public} should not be secret");
        }
    }
}
