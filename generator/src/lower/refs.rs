//! Resolving `$ref`s. Only references into this document's `components` are supported; each one is
//! checked, so a dangling or external reference is an error that names it.

use openapiv3::ReferenceOr;

use super::Lowerer;
use crate::error::{Error, Pointer};

impl<'a> Lowerer<'a> {
    /// Splits `#/components/{section}/{name}` into its name, checking the section.
    pub(super) fn ref_name<'r>(&self, reference: &'r str, section: &str, at: &Pointer) -> Result<&'r str, Error> {
        let Some(local) = reference.strip_prefix('#') else {
            return Err(self.error(
                at,
                format!("$ref `{reference}` points into another file; only references within this document (`#/components/...`) are supported"),
            ));
        };
        let prefix = format!("/components/{section}/");
        match local.strip_prefix(&prefix) {
            Some(name) if !name.is_empty() && !name.contains('/') => Ok(name),
            _ => Err(self.error(
                at,
                format!(
                    "$ref `{reference}` is not supported here; expected a reference to `#/components/{section}/NAME`"
                ),
            )),
        }
    }

    fn dangling(&self, reference: &str, at: &Pointer) -> Error {
        self.error(
            at,
            format!("$ref `{reference}` does not resolve: no such component in this document"),
        )
    }

    /// Follows a reference to a component of one section (one level, as OpenAPI allows).
    fn resolve<T>(
        &self,
        item: &'a ReferenceOr<T>,
        section: &str,
        components: impl Fn(&'a openapiv3::Components) -> &'a indexmap::IndexMap<String, ReferenceOr<T>>,
        at: &Pointer,
    ) -> Result<&'a T, Error> {
        let reference = match item {
            ReferenceOr::Item(found) => return Ok(found),
            ReferenceOr::Reference { reference } => reference,
        };
        let name = self.ref_name(reference, section, at)?;
        match self.doc.components.as_ref().and_then(|c| components(c).get(name)) {
            Some(ReferenceOr::Item(found)) => Ok(found),
            Some(ReferenceOr::Reference { .. }) => Err(self.error(
                at,
                format!("$ref `{reference}` leads to another $ref; chains of references are not supported"),
            )),
            None => Err(self.dangling(reference, at)),
        }
    }

    pub(super) fn resolve_parameter(
        &self,
        item: &'a ReferenceOr<openapiv3::Parameter>,
        at: &Pointer,
    ) -> Result<&'a openapiv3::Parameter, Error> {
        self.resolve(item, "parameters", |c| &c.parameters, at)
    }

    pub(super) fn resolve_request_body(
        &self,
        item: &'a ReferenceOr<openapiv3::RequestBody>,
        at: &Pointer,
    ) -> Result<&'a openapiv3::RequestBody, Error> {
        self.resolve(item, "requestBodies", |c| &c.request_bodies, at)
    }

    pub(super) fn resolve_response(
        &self,
        item: &'a ReferenceOr<openapiv3::Response>,
        at: &Pointer,
    ) -> Result<&'a openapiv3::Response, Error> {
        self.resolve(item, "responses", |c| &c.responses, at)
    }

    /// The component schema a reference names, with its key.
    pub(super) fn resolve_schema_ref(
        &self,
        reference: &str,
        at: &Pointer,
    ) -> Result<(&'a str, &'a ReferenceOr<openapiv3::Schema>), Error> {
        let name = self.ref_name(reference, "schemas", at)?;
        self.doc
            .components
            .as_ref()
            .and_then(|c| c.schemas.get_key_value(name))
            .map(|(k, v)| (k.as_str(), v))
            .ok_or_else(|| self.dangling(reference, at))
    }
}
