//! An operation's parameters (path, query and header) and its path template.

use std::collections::BTreeSet;

use super::names::{self, camel, Scope};
use super::secrets::is_secret;
use super::Lowerer;
use crate::error::{Error, Pointer};
use crate::ir::{self, Location, TypeRef};

impl Lowerer<'_> {
    /// Path-item parameters, overridden by the operation's own of the same name and place.
    pub(super) fn lower_params(
        &mut self,
        (item, path_item_at): (&openapiv3::PathItem, &Pointer),
        op: &openapiv3::Operation,
        owner: &str,
        inputs: &mut Scope,
        at: &Pointer,
    ) -> Result<Vec<ir::Param>, Error> {
        let mut found: Vec<(&openapiv3::Parameter, Pointer)> = Vec::new();
        for (index, p) in item.parameters.iter().enumerate() {
            let p_at = path_item_at.join("parameters").join(index);
            found.push((self.resolve_parameter(p, &p_at)?, p_at));
        }
        for (index, p) in op.parameters.iter().enumerate() {
            let p_at = at.join("parameters").join(index);
            let p = self.resolve_parameter(p, &p_at)?;
            let key = (p.parameter_data_ref().name.as_str(), location_of(p));
            found.retain(|(q, _)| (q.parameter_data_ref().name.as_str(), location_of(q)) != key);
            found.push((p, p_at));
        }
        let mut params = Vec::with_capacity(found.len());
        let mut seen = BTreeSet::new();
        for (p, p_at) in found {
            let data = p.parameter_data_ref();
            let location = match location_of(p) {
                Some(location) => location,
                None => return Err(self.error(&p_at, "cookie parameters are not supported yet")),
            };
            if !seen.insert((data.name.clone(), location)) {
                return Err(self.error(&p_at, format!("parameter `{}` is declared twice", data.name)));
            }
            let ty = match &data.format {
                openapiv3::ParameterSchemaOrContent::Schema(schema) => {
                    self.type_of(schema, &format!("{owner}{}", camel(&data.name)), &p_at.join("schema"))?
                }
                openapiv3::ParameterSchemaOrContent::Content(_) => {
                    return Err(self.error(
                        &p_at.join("content"),
                        "parameters described by `content` are not supported yet; use `schema`",
                    ))
                }
            };
            if location == Location::Path && matches!(ty, TypeRef::Array(_) | TypeRef::Map(_) | TypeRef::Any) {
                return Err(self.error(
                    &p_at.join("schema"),
                    format!(
                        "path parameter `{}` must be a single value, not a list or an object",
                        data.name
                    ),
                ));
            }
            if self.holds_objects(&ty) {
                return Err(self.error(
                    &p_at.join("schema"),
                    format!(
                        "parameter `{}` is an object; object parameters (`style: deepObject`, exploded forms) are not supported yet",
                        data.name
                    ),
                ));
            }
            let sensitive = is_secret(&data.name, Some(&data.extensions), &ty);
            let rust_name = inputs.claim(names::input(&data.name), location_suffix(location));
            params.push(ir::Param {
                rust_name,
                wire_name: data.name.clone(),
                location,
                required: data.required || location == Location::Path,
                explode: data.explode.unwrap_or(true),
                sensitive,
                ty,
                docs: self.docs(data.description.as_deref()),
            });
        }
        Ok(params)
    }

    /// Splits `/v1/{Sid}.json` into literals and parameters, checking both directions.
    pub(super) fn path_template(
        &self,
        path: &str,
        params: &[ir::Param],
        at: &Pointer,
    ) -> Result<Vec<ir::PathSegment>, Error> {
        let mut segments = Vec::new();
        let mut used = BTreeSet::new();
        let mut rest = path;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                return Err(self.error(at, format!("path template `{path}` has a `{{` without its `}}`")));
            };
            if open > 0 {
                segments.push(ir::PathSegment::Literal(rest[..open].to_string()));
            }
            let name = &rest[open + 1..open + close];
            let Some(index) = params
                .iter()
                .position(|p| p.location == Location::Path && p.wire_name == name)
            else {
                return Err(self.error(
                    &at.join("parameters"),
                    format!("path template `{path}` uses `{{{name}}}` but no path parameter `{name}` is declared"),
                ));
            };
            used.insert(index);
            segments.push(ir::PathSegment::Param(index));
            rest = &rest[open + close + 1..];
        }
        if !rest.is_empty() {
            segments.push(ir::PathSegment::Literal(rest.to_string()));
        }
        if let Some(unused) = params
            .iter()
            .enumerate()
            .find(|(i, p)| p.location == Location::Path && !used.contains(i))
        {
            return Err(self.error(
                &at.join("parameters"),
                format!(
                    "path parameter `{}` does not appear in the path template `{path}`",
                    unused.1.wire_name
                ),
            ));
        }
        Ok(segments)
    }
}

fn location_of(p: &openapiv3::Parameter) -> Option<Location> {
    match p {
        openapiv3::Parameter::Path { .. } => Some(Location::Path),
        openapiv3::Parameter::Query { .. } => Some(Location::Query),
        openapiv3::Parameter::Header { .. } => Some(Location::Header),
        openapiv3::Parameter::Cookie { .. } => None,
    }
}

/// Added to an input's name when another input of the same operation already has it.
pub(super) fn location_suffix(location: Location) -> &'static str {
    match location {
        Location::Path => "_path",
        Location::Query => "_query",
        Location::Header => "_header",
        Location::Form => "_form",
    }
}

impl Lowerer<'_> {
    /// Whether a parameter of this type holds objects, which no `style` is implemented for yet.
    fn holds_objects(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Map(_) => true,
            TypeRef::Array(inner) => self.holds_objects(inner),
            TypeRef::Named(name) => matches!(self.types.get(name).map(|t| &t.kind), Some(ir::TypeKind::Struct { .. })),
            _ => false,
        }
    }
}
