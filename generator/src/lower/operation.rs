//! Operations: method and path, inputs (path, query, header parameters and form fields), the body,
//! the responses and which credentials to send.

use std::collections::BTreeSet;

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::names::{self, camel, Scope};
use super::secrets::is_secret;
use super::Lowerer;
use crate::error::{Error, Pointer};
use crate::ir::{self, Location, TypeRef};

const FORM: &str = "application/x-www-form-urlencoded";

impl<'a> Lowerer<'a> {
    pub(super) fn lower_operations(&mut self, schemes: &[ir::SecurityScheme]) -> Result<Vec<ir::Operation>, Error> {
        let mut fn_names = Scope::new();
        let mut builder_names = Scope::new();
        let mut test_names = Scope::new();
        let mut seen_ids: std::collections::BTreeMap<String, Pointer> = Default::default();
        let mut operations = Vec::new();
        let paths_at = Pointer::root().join("paths");
        for (path, item) in self.doc.paths.iter() {
            let path_at = paths_at.join(path);
            let ReferenceOr::Item(item) = item else {
                return Err(self.error(
                    &path_at,
                    "a $ref to a path item is not supported; write the path item inline",
                ));
            };
            for (method, op) in item.iter() {
                let at = path_at.join(method);
                let method = match method {
                    "get" => ir::Method::Get,
                    "put" => ir::Method::Put,
                    "post" => ir::Method::Post,
                    "delete" => ir::Method::Delete,
                    "options" => ir::Method::Options,
                    "head" => ir::Method::Head,
                    "patch" => ir::Method::Patch,
                    other => return Err(self.error(&at, format!("HTTP method `{other}` is not supported"))),
                };
                // An operation without an id is named for its method and path: `GET /v1/certs` → `get_v1_certs`.
                let wire_id = match &op.operation_id {
                    Some(id) => id.clone(),
                    None => format!("{} {}", method.as_str().to_ascii_lowercase(), path),
                };
                if let Some(first) = seen_ids.get(&wire_id) {
                    return Err(self.error(
                        &at.join("operationId"),
                        format!("duplicate operationId `{wire_id}`: {first} has it too"),
                    ));
                }
                seen_ids.insert(wire_id.clone(), at.join("operationId"));
                let fn_name = fn_names.claim(names::operation_fn(&wire_id), "_");
                let builder_name = builder_names.claim(format!("{}Request", camel(&wire_id)), "");
                let names = (fn_name, builder_name);
                let mut operation =
                    self.lower_operation((item, &path_at), op, method, path, wire_id, names, schemes, &at)?;
                for example in &mut operation.examples {
                    let name = names::snake(&format!("{} {} {}", operation.fn_name, example.status, example.name));
                    example.test_name = test_names.claim(name, "_");
                }
                if let Some(ir::Body::Form { examples, .. } | ir::Body::Json { examples, .. }) = &mut operation.body {
                    for example in examples {
                        let name = names::snake(&format!("{} sends {}", operation.fn_name, example.name));
                        example.test_name = test_names.claim(name, "_");
                    }
                }
                operations.push(operation);
            }
        }
        Ok(operations)
    }

    #[allow(clippy::too_many_arguments)]
    fn lower_operation(
        &mut self,
        item: (&openapiv3::PathItem, &Pointer),
        op: &openapiv3::Operation,
        method: ir::Method,
        path: &str,
        wire_id: String,
        (fn_name, builder_name): (String, String),
        schemes: &[ir::SecurityScheme],
        at: &Pointer,
    ) -> Result<ir::Operation, Error> {
        let mut inputs = Scope::new();
        let params = self.lower_params(item, op, &builder_name, &mut inputs, at)?;
        let path = self.path_template(path, &params, at)?;
        let body = match &op.request_body {
            Some(body) => self.lower_body(body, &builder_name, &mut inputs, &at.join("requestBody"))?,
            None => None,
        };
        let responses = self.lower_responses(op, &wire_id, at)?;
        let successes = responses.iter().filter(|r| r.status.is_success());
        let output = successes.clone().find_map(|r| r.body.clone());
        let examples = self.response_examples(op, &responses, output.as_ref(), at)?;
        let pagination = match (method, &output) {
            (ir::Method::Get, Some(TypeRef::Named(page))) => self.pagination(page),
            _ => None,
        };
        let result_statuses = successes
            .filter_map(|r| match r.status {
                ir::Status::Code(code) if !(200..300).contains(&code) => Some(code),
                _ => None,
            })
            .collect();
        let security = self.operation_security(op, schemes, at)?;
        let docs = self.docs(
            match (&op.summary, &op.description) {
                (Some(summary), Some(description)) if summary != description => {
                    Some(format!("{summary}\n\n{description}"))
                }
                (summary, description) => description.clone().or(summary.clone()),
            }
            .as_deref(),
        );
        let module = names::snake(op.tags.first().map(String::as_str).unwrap_or("default"));
        Ok(ir::Operation {
            fn_name,
            builder_name,
            wire_id,
            module,
            method,
            path,
            params,
            body,
            responses,
            output,
            pagination,
            examples,
            result_statuses,
            security,
            docs,
            deprecated: op.deprecated,
        })
    }

    /// Path-item parameters, overridden by the operation's own of the same name and place.
    fn lower_params(
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
    fn path_template(&self, path: &str, params: &[ir::Param], at: &Pointer) -> Result<Vec<ir::PathSegment>, Error> {
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

    fn lower_body(
        &mut self,
        body: &ReferenceOr<openapiv3::RequestBody>,
        owner: &str,
        inputs: &mut Scope,
        at: &Pointer,
    ) -> Result<Option<ir::Body>, Error> {
        let body = self.resolve_request_body(body, at)?;
        let content_at = at.join("content");
        if let Some(media) = body.content.get(FORM) {
            let media_at = content_at.join(FORM);
            return self.form_body(media, owner, inputs, &media_at).map(Some);
        }
        let json = body.content.iter().find(|(media_type, _)| is_json(media_type));
        if let Some((media_type, media)) = json {
            let media_at = content_at.join(media_type);
            let ty = match &media.schema {
                Some(schema) => self.type_of(schema, &format!("{owner}Body"), &media_at.join("schema"))?,
                None => TypeRef::Any,
            };
            return Ok(Some(ir::Body::Json {
                examples: request_examples(media),
                rust_name: inputs.claim("body".to_string(), "_"),
                media_type: media_type.clone(),
                ty,
                required: body.required,
            }));
        }
        match body.content.keys().next() {
            Some(media_type) => Err(self.error(
                &content_at.join(media_type),
                format!("request body media type `{media_type}` is not supported (application/x-www-form-urlencoded and JSON are)"),
            )),
            None => Ok(None),
        }
    }

    fn form_body(
        &mut self,
        media: &openapiv3::MediaType,
        owner: &str,
        inputs: &mut Scope,
        at: &Pointer,
    ) -> Result<ir::Body, Error> {
        let schema_at = at.join("schema");
        let schema: &Schema = match &media.schema {
            None => {
                return Ok(ir::Body::Form {
                    fields: Vec::new(),
                    examples: Vec::new(),
                })
            }
            Some(ReferenceOr::Item(schema)) => schema,
            Some(ReferenceOr::Reference { reference }) => match self.resolve_schema_ref(reference, &schema_at)?.1 {
                ReferenceOr::Item(schema) => schema,
                ReferenceOr::Reference { .. } => {
                    return Err(self.error(&schema_at, "a form body schema must be an object, not a chain of $refs"))
                }
            },
        };
        let (properties, required) = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => (&o.properties, &o.required),
            SchemaKind::Any(any) if any.typ.is_none() || any.typ.as_deref() == Some("object") => {
                (&any.properties, &any.required)
            }
            _ => return Err(self.error(&schema_at, "a form body schema must be an object with properties")),
        };
        let mut fields = Vec::with_capacity(properties.len());
        for (wire, property) in properties {
            let field_at = schema_at.join("properties").join(wire);
            let ty = self.type_of(property, &format!("{owner}{}", camel(wire)), &field_at)?;
            let (description, extensions) = match property {
                ReferenceOr::Item(s) => (s.schema_data.description.as_deref(), Some(&s.schema_data.extensions)),
                ReferenceOr::Reference { .. } => (None, None),
            };
            // Repeated keys unless the encoding asks for `style: form, explode: false`.
            let explode = media.encoding.get(wire).is_none_or(|e| e.style.is_none() || e.explode);
            fields.push(ir::Param {
                rust_name: inputs.claim(names::input(wire), location_suffix(Location::Form)),
                wire_name: wire.clone(),
                location: Location::Form,
                required: required.iter().any(|r| r == wire),
                explode,
                sensitive: is_secret(wire, extensions, &ty),
                ty,
                docs: self.docs(description),
            });
        }
        let examples = request_examples(media);
        Ok(ir::Body::Form { fields, examples })
    }

    fn lower_responses(
        &mut self,
        op: &openapiv3::Operation,
        wire_id: &str,
        at: &Pointer,
    ) -> Result<Vec<ir::Response>, Error> {
        let responses_at = at.join("responses");
        let mut out = Vec::new();
        let all = op
            .responses
            .responses
            .iter()
            .map(|(code, r)| {
                let status = match code {
                    openapiv3::StatusCode::Code(code) => ir::Status::Code(*code),
                    openapiv3::StatusCode::Range(class) => ir::Status::Range(*class as u8),
                };
                (status, code.to_string(), r)
            })
            .chain(
                op.responses
                    .default
                    .iter()
                    .map(|r| (ir::Status::Default, "default".to_string(), r)),
            );
        for (status, key, response) in all {
            let response_at = responses_at.join(&key);
            let response = self.resolve_response(response, &response_at)?;
            let json = response.content.iter().find(|(media_type, _)| is_json(media_type));
            let body = match json {
                Some((media_type, media)) => match &media.schema {
                    Some(schema) => Some(self.type_of(
                        schema,
                        &format!(
                            "{}Response{}",
                            camel(wire_id),
                            if status.is_success() {
                                String::new()
                            } else {
                                key.clone()
                            }
                        ),
                        &response_at.join("content").join(media_type).join("schema"),
                    )?),
                    None => None,
                },
                None => None,
            };
            out.push(ir::Response {
                status,
                body,
                docs: self.docs(Some(&response.description)),
            });
        }
        Ok(out)
    }

    /// Recognises a page of a list: exactly one array field, and a next-page link either in `meta`
    /// (`meta.next_page_url`) or at the top (`next_page_uri`, `next_page_url`).
    fn pagination(&self, page: &str) -> Option<ir::Pagination> {
        let fields = self.struct_fields_of(page)?;
        let mut arrays = fields.iter().filter_map(|f| match &f.ty {
            TypeRef::Array(item) => Some((f, item)),
            _ => None,
        });
        let (items, item) = arrays.next()?;
        if arrays.next().is_some() {
            return None;
        }
        let next = if let Some(meta) = fields.iter().find(|f| f.wire_name == "meta") {
            let TypeRef::Named(meta_type) = &meta.ty else {
                return None;
            };
            let next = self
                .struct_fields_of(meta_type)?
                .iter()
                .find(|f| f.wire_name == "next_page_url")?;
            ir::NextLink::InMeta {
                meta_field: meta.rust_name.clone(),
                next_field: next.rust_name.clone(),
            }
        } else {
            let next = fields
                .iter()
                .find(|f| f.wire_name == "next_page_uri" || f.wire_name == "next_page_url")?;
            ir::NextLink::TopLevel {
                field: next.rust_name.clone(),
                wire: next.wire_name.clone(),
            }
        };
        Some(ir::Pagination {
            items_field: items.rust_name.clone(),
            items_wire: items.wire_name.clone(),
            item: (**item).clone(),
            next,
        })
    }

    fn struct_fields_of(&self, name: &str) -> Option<&[ir::Field]> {
        match &self.types.get(name)?.kind {
            ir::TypeKind::Struct { fields } => Some(fields),
            _ => None,
        }
    }

    /// The examples of every success response whose body is the operation's result.
    fn response_examples(
        &self,
        op: &openapiv3::Operation,
        responses: &[ir::Response],
        output: Option<&TypeRef>,
        at: &Pointer,
    ) -> Result<Vec<ir::ResponseExample>, Error> {
        let mut examples = Vec::new();
        let Some(output) = output else {
            return Ok(examples);
        };
        for ((code, response), lowered) in op.responses.responses.iter().zip(responses) {
            let openapiv3::StatusCode::Code(status) = code else {
                continue;
            };
            if !lowered.status.is_success() || lowered.body.as_ref() != Some(output) {
                continue;
            }
            let response = self.resolve_response(response, &at.join("responses").join(code))?;
            let Some((_, media)) = response.content.iter().find(|(media_type, _)| is_json(media_type)) else {
                continue;
            };
            if let Some(value) = &media.example {
                examples.push(ir::ResponseExample {
                    test_name: String::new(),
                    status: *status,
                    name: "example".to_string(),
                    value: value.clone(),
                });
            }
            for (name, example) in &media.examples {
                // Examples by $ref are rare in practice and not resolved yet; they are left out.
                if let ReferenceOr::Item(example) = example {
                    if let Some(value) = &example.value {
                        examples.push(ir::ResponseExample {
                            test_name: String::new(),
                            status: *status,
                            name: name.clone(),
                            value: value.clone(),
                        });
                    }
                }
            }
        }
        Ok(examples)
    }

    /// The schemes this operation accepts: its own `security`, else the document's. An empty
    /// requirement (`{}`) or `security: []` means no credentials are sent.
    fn operation_security(
        &self,
        op: &openapiv3::Operation,
        schemes: &[ir::SecurityScheme],
        at: &Pointer,
    ) -> Result<Vec<String>, Error> {
        let (requirements, req_at) = match &op.security {
            Some(own) => (own, at.join("security")),
            None => match &self.doc.security {
                Some(root) => (root, Pointer::root().join("security")),
                None => return Ok(Vec::new()),
            },
        };
        let mut keys = Vec::new();
        for (index, requirement) in requirements.iter().enumerate() {
            if requirement.is_empty() {
                // Anonymous access is allowed: credentials are optional, so none are sent.
                return Ok(Vec::new());
            }
            if requirement.len() > 1 {
                return Err(self.error(
                    &req_at.join(index),
                    "a security requirement that combines several schemes is not supported yet",
                ));
            }
            for key in requirement.keys() {
                let Some(scheme) = schemes.iter().find(|s| &s.key == key) else {
                    return Err(self.error(
                        &req_at.join(index).join(key),
                        format!("security scheme `{key}` is not defined in components/securitySchemes"),
                    ));
                };
                if !keys.contains(&scheme.rust_name) {
                    keys.push(scheme.rust_name.clone());
                }
            }
        }
        Ok(keys)
    }
}

/// The examples of a request body, in document order: `example`, then `examples`. Examples by
/// `$ref` are left out (none in practice).
fn request_examples(media: &openapiv3::MediaType) -> Vec<ir::RequestExample> {
    let single = media.example.iter().map(|value| ("example".to_string(), value.clone()));
    let named = media.examples.iter().filter_map(|(name, example)| match example {
        ReferenceOr::Item(example) => example.value.clone().map(|value| (name.clone(), value)),
        ReferenceOr::Reference { .. } => None,
    });
    single
        .chain(named)
        .map(|(name, value)| ir::RequestExample {
            test_name: String::new(),
            name,
            value,
        })
        .collect()
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
fn location_suffix(location: Location) -> &'static str {
    match location {
        Location::Path => "_path",
        Location::Query => "_query",
        Location::Header => "_header",
        Location::Form => "_form",
    }
}

/// `application/json` and structured `+json` types such as `application/scim+json`.
fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim();
    essence == "application/json" || essence.ends_with("+json")
}
