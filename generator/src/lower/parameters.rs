//! An operation's parameters (path, query and header) and its path template.

use std::collections::BTreeSet;

use super::names::{self, camel, Scope};
use super::operation::is_json;
use super::secrets::is_secret;
use super::Lowerer;
use crate::error::{Error, Pointer};
use crate::ir::{self, Location, ParamShape, ParamStyle, TypeRef};

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
            params.push(self.lower_param(p, &p_at, owner, inputs, &mut seen)?);
        }
        Ok(params)
    }

    fn lower_param(
        &mut self,
        p: &openapiv3::Parameter,
        p_at: &Pointer,
        owner: &str,
        inputs: &mut Scope,
        seen: &mut BTreeSet<(String, Location)>,
    ) -> Result<ir::Param, Error> {
        let data = p.parameter_data_ref();
        let location = location_of(p);
        if !seen.insert((data.name.clone(), location)) {
            return Err(self.error(p_at, format!("parameter `{}` is declared twice", data.name)));
        }
        let type_name = format!("{owner}{}", camel(&data.name));
        let (ty, json) = match &data.format {
            openapiv3::ParameterSchemaOrContent::Schema(schema) => {
                (self.type_of(schema, &type_name, &p_at.join("schema"))?, false)
            }
            openapiv3::ParameterSchemaOrContent::Content(content) => self.content_param(content, &type_name, p_at)?,
        };
        let shape = self.param_shape(
            &ty,
            json,
            &data.name,
            &p_at.join(if json { "content" } else { "schema" }),
        )?;
        let (style, allow_reserved) = style_of(p);
        check_style(style, shape, &data.name).map_err(|message| self.error(p_at, message))?;
        let sensitive = is_secret(&data.name, Some(&data.extensions), &ty);
        Ok(ir::Param {
            rust_name: inputs.claim(names::input(&data.name), location_suffix(location)),
            wire_name: data.name.clone(),
            location,
            required: data.required || location == Location::Path,
            // `form` explodes unless told otherwise; every other style does not.
            explode: data.explode.unwrap_or(style == ParamStyle::Form),
            style,
            allow_reserved,
            json,
            shape,
            sensitive,
            content_type: None,
            ty,
            docs: self.docs(data.description.as_deref()),
        })
    }

    /// A parameter described by `content`: its one media type's schema, sent as JSON text for a
    /// JSON media type, as itself for any other.
    fn content_param(
        &mut self,
        content: &openapiv3::Content,
        type_name: &str,
        p_at: &Pointer,
    ) -> Result<(TypeRef, bool), Error> {
        let mut entries = content.iter();
        let (Some((media_type, media)), None) = (entries.next(), entries.next()) else {
            return Err(self.error(
                &p_at.join("content"),
                "a parameter's `content` must have exactly one media type",
            ));
        };
        let media_at = p_at.join("content").join(media_type);
        let ty = match &media.schema {
            Some(schema) => self.type_of(schema, type_name, &media_at.join("schema"))?,
            None => TypeRef::Any,
        };
        if is_json(media_type) {
            return Ok((ty, true));
        }
        match ty {
            TypeRef::String => Ok((ty, false)),
            _ => Err(self.error(
                &media_at,
                format!(
                    "a parameter of media type `{media_type}` must be a string (JSON media types can hold any value)"
                ),
            )),
        }
    }

    /// Whether the value is one value, a list or an object, as its style needs to know.
    pub(super) fn param_shape(&self, ty: &TypeRef, json: bool, name: &str, at: &Pointer) -> Result<ParamShape, Error> {
        if json {
            return Ok(ParamShape::Primitive);
        }
        let nested = || {
            self.error(
                at,
                format!("parameter `{name}` is a list of objects or lists, which no OpenAPI style can send; describe it with `content` instead"),
            )
        };
        Ok(match ty {
            TypeRef::Map(inner) if self.is_object(inner) || matches!(**inner, TypeRef::Array(_)) => {
                return Err(nested())
            }
            TypeRef::Map(_) => ParamShape::Object,
            TypeRef::Array(inner) if self.is_object(inner) || matches!(**inner, TypeRef::Array(_)) => {
                return Err(nested())
            }
            TypeRef::Array(_) => ParamShape::List,
            other if self.is_object(other) => ParamShape::Object,
            _ => ParamShape::Primitive,
        })
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

fn location_of(p: &openapiv3::Parameter) -> Location {
    match p {
        openapiv3::Parameter::Path { .. } => Location::Path,
        openapiv3::Parameter::Query { .. } => Location::Query,
        openapiv3::Parameter::Header { .. } => Location::Header,
        openapiv3::Parameter::Cookie { .. } => Location::Cookie,
    }
}

/// Added to an input's name when another input of the same operation already has it.
pub(super) fn location_suffix(location: Location) -> &'static str {
    match location {
        Location::Path => "_path",
        Location::Query => "_query",
        Location::Header => "_header",
        Location::Part => "_part",
        Location::Cookie => "_cookie",
        Location::Form => "_form",
    }
}

impl Lowerer<'_> {
    /// Whether values of this type are objects (a struct model or a map).
    fn is_object(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Map(_) => true,
            TypeRef::Named(name) => matches!(self.types.get(name).map(|t| &t.kind), Some(ir::TypeKind::Struct { .. })),
            _ => false,
        }
    }
}

/// The parameter's `style` (or its location's default) and `allowReserved`.
fn style_of(p: &openapiv3::Parameter) -> (ParamStyle, bool) {
    match p {
        openapiv3::Parameter::Query {
            style, allow_reserved, ..
        } => (
            match style {
                openapiv3::QueryStyle::Form => ParamStyle::Form,
                openapiv3::QueryStyle::SpaceDelimited => ParamStyle::SpaceDelimited,
                openapiv3::QueryStyle::PipeDelimited => ParamStyle::PipeDelimited,
                openapiv3::QueryStyle::DeepObject => ParamStyle::DeepObject,
            },
            *allow_reserved,
        ),
        openapiv3::Parameter::Path { style, .. } => (
            match style {
                openapiv3::PathStyle::Simple => ParamStyle::Simple,
                openapiv3::PathStyle::Label => ParamStyle::Label,
                openapiv3::PathStyle::Matrix => ParamStyle::Matrix,
            },
            false,
        ),
        openapiv3::Parameter::Header { .. } => (ParamStyle::Simple, false),
        openapiv3::Parameter::Cookie { .. } => (ParamStyle::Form, false),
    }
}

/// The combinations the style table of OpenAPI 3.0 marks n/a.
fn check_style(style: ParamStyle, shape: ParamShape, name: &str) -> Result<(), String> {
    match (style, shape) {
        (ParamStyle::DeepObject, ParamShape::Primitive | ParamShape::List) => Err(format!(
            "parameter `{name}` has `style: deepObject`, which applies to objects only"
        )),
        (ParamStyle::SpaceDelimited | ParamStyle::PipeDelimited, ParamShape::Primitive) => Err(format!(
            "parameter `{name}` has a delimited style, which applies to lists and objects only"
        )),
        _ => Ok(()),
    }
}
