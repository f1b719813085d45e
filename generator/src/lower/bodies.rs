//! Request bodies: a form's fields become inputs of their own; a JSON body is one input.

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::names::{self, camel, Scope};
use super::operation::is_json;
use super::parameters::location_suffix;
use super::secrets::is_secret;
use super::Lowerer;
use crate::error::{Error, Pointer};
use crate::ir::{self, Location, ParamStyle, TypeRef};

const FORM: &str = "application/x-www-form-urlencoded";

impl Lowerer<'_> {
    pub(super) fn lower_body(
        &mut self,
        body: &ReferenceOr<openapiv3::RequestBody>,
        owner: &str,
        inputs: &mut Scope,
        at: &Pointer,
    ) -> Result<Option<ir::Body>, Error> {
        let body = self.resolve_request_body(body, at)?;
        let content_at = at.join("content");
        // The most useful media type the operation offers: JSON, then a form, then multipart, then
        // anything else (text or bytes).
        if let Some((media_type, media)) = body.content.iter().find(|(media_type, _)| is_json(media_type)) {
            return self
                .json_body(media_type, media, body.required, owner, inputs, &content_at)
                .map(Some);
        }
        if let Some(media) = body.content.get(FORM) {
            let media_at = content_at.join(FORM);
            let (fields, examples) = self.field_body(media, owner, inputs, &media_at, Location::Form)?;
            return Ok(Some(ir::Body::Form { fields, examples }));
        }
        if let Some((media_type, media)) = body
            .content
            .iter()
            .find(|(media_type, _)| essence(media_type) == MULTIPART)
        {
            let media_at = content_at.join(media_type);
            let (fields, _) = self.field_body(media, owner, inputs, &media_at, Location::Part)?;
            return Ok(Some(ir::Body::Multipart { fields }));
        }
        let raw = body
            .content
            .keys()
            .find(|media_type| !essence(media_type).starts_with("multipart/"));
        match (raw, body.content.keys().next()) {
            (Some(media_type), _) => Ok(Some(ir::Body::Raw {
                rust_name: inputs.claim("body".to_string(), "_"),
                content_type_setter: inputs.claim("content_type".to_string(), "_"),
                ty: if is_text(media_type) { TypeRef::String } else { TypeRef::Bytes },
                // A wildcard (`image/*`, `*/*`) is no Content-Type: bytes are sent as such unless the
                // caller names their type.
                media_type: match media_type.contains('*') {
                    true => "application/octet-stream".to_string(),
                    false => media_type.clone(),
                },
                required: body.required,
            })),
            (None, Some(media_type)) => Err(self.error(
                &content_at.join(media_type),
                format!("request body media type `{media_type}` is not supported (multipart/form-data is; other multipart types are not)"),
            )),
            (None, None) => Ok(None),
        }
    }

    fn json_body(
        &mut self,
        media_type: &str,
        media: &openapiv3::MediaType,
        required: bool,
        owner: &str,
        inputs: &mut Scope,
        content_at: &Pointer,
    ) -> Result<ir::Body, Error> {
        let media_at = content_at.join(media_type);
        let ty = match &media.schema {
            Some(schema) => self.type_of(schema, &format!("{owner}Body"), &media_at.join("schema"))?,
            None => TypeRef::Any,
        };
        let mut examples = request_examples(media);
        for example in &mut examples {
            example.value = self.example_as_json(&ty, std::mem::take(&mut example.value));
            example.refusal = self.refusal(&ty, &example.value);
            let mut left_out = Vec::new();
            let sent = self.as_sent(&ty, &example.value, String::new(), &mut left_out);
            example.sent = (!left_out.is_empty()).then_some((sent, left_out));
        }
        Ok(ir::Body::Json {
            examples,
            rust_name: inputs.claim("body".to_string(), "_"),
            media_type: media_type.to_string(),
            ty,
            required,
        })
    }

    /// The fields of a form or multipart body, each an input of its own, and the body's examples.
    fn field_body(
        &mut self,
        media: &openapiv3::MediaType,
        owner: &str,
        inputs: &mut Scope,
        at: &Pointer,
        location: Location,
    ) -> Result<(Vec<ir::Param>, Vec<ir::RequestExample>), Error> {
        let schema_at = at.join("schema");
        let schema: &Schema = match &media.schema {
            None => return Ok((Vec::new(), Vec::new())),
            Some(ReferenceOr::Item(schema)) => schema,
            Some(ReferenceOr::Reference { reference }) => match self.resolve_schema_ref(reference, &schema_at)?.1 {
                ReferenceOr::Item(schema) => schema,
                ReferenceOr::Reference { .. } => {
                    return Err(self.error(
                        &schema_at,
                        "a form or multipart body schema must be an object, not a chain of $refs",
                    ))
                }
            },
        };
        let (properties, required) = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => (&o.properties, &o.required),
            SchemaKind::Any(any) if any.typ.is_none() || any.typ.as_deref() == Some("object") => {
                (&any.properties, &any.required)
            }
            _ => {
                return Err(self.error(
                    &schema_at,
                    "a form or multipart body schema must be an object with properties",
                ))
            }
        };
        let mut fields = Vec::with_capacity(properties.len());
        for (wire, property) in properties {
            let field_at = schema_at.join("properties").join(wire);
            let ty = match (location, self.file_kind(property, &field_at)?) {
                (Location::Part, Some(ty)) => ty,
                _ => self.type_of(property, &format!("{owner}{}", camel(wire)), &field_at)?,
            };
            let (description, extensions) = match property {
                ReferenceOr::Item(s) => (s.schema_data.description.as_deref(), Some(&s.schema_data.extensions)),
                ReferenceOr::Reference { .. } => (None, None),
            };
            let encoding = media.encoding.get(wire);
            let style = match encoding.and_then(|e| e.style.as_ref()) {
                None | Some(openapiv3::QueryStyle::Form) => ParamStyle::Form,
                Some(openapiv3::QueryStyle::SpaceDelimited) => ParamStyle::SpaceDelimited,
                Some(openapiv3::QueryStyle::PipeDelimited) => ParamStyle::PipeDelimited,
                Some(openapiv3::QueryStyle::DeepObject) => ParamStyle::DeepObject,
            };
            // Repeated keys unless the encoding gives a style and leaves `explode` false.
            let explode = encoding.is_none_or(|e| e.style.is_none() || e.explode);
            let shape = match location {
                // Parts carry any value: a list of parts, a file, a JSON object.
                Location::Part => match &ty {
                    TypeRef::Array(_) => ir::ParamShape::List,
                    _ => ir::ParamShape::Primitive,
                },
                _ => self.param_shape(&ty, false, wire, &field_at)?,
            };
            fields.push(ir::Param {
                rust_name: inputs.claim(names::input(wire), location_suffix(location)),
                wire_name: wire.clone(),
                location,
                required: required.iter().any(|r| r == wire),
                explode,
                style,
                allow_reserved: encoding.is_some_and(|e| e.allow_reserved),
                json: false,
                shape,
                sensitive: is_secret(wire, extensions, &ty),
                content_type: encoding.and_then(|e| e.content_type.clone()),
                ty,
                docs: self.docs(description),
            });
        }
        Ok((fields, request_examples(media)))
    }

    /// For a multipart field: a file (`type: string, format: binary`), or a list of them.
    fn file_kind(&self, property: &ReferenceOr<Box<Schema>>, at: &Pointer) -> Result<Option<TypeRef>, Error> {
        let schema: &Schema = match property {
            ReferenceOr::Item(schema) => schema,
            ReferenceOr::Reference { reference } => match self.resolve_schema_ref(reference, at)?.1 {
                ReferenceOr::Item(schema) => schema,
                ReferenceOr::Reference { .. } => return Ok(None),
            },
        };
        Ok(match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) if is_binary(&s.format) => Some(TypeRef::File),
            SchemaKind::Type(Type::Array(a)) => match &a.items {
                Some(items) => self
                    .file_kind(items, &at.join("items"))?
                    .map(|file| TypeRef::Array(Box::new(file))),
                None => None,
            },
            _ => None,
        })
    }
}

/// The examples of a request body, in document order: `example`, then `examples`. Examples by
/// `$ref` are left out (none in practice).
fn request_examples(media: &openapiv3::MediaType) -> Vec<ir::RequestExample> {
    media_examples(media)
        .map(|(name, value)| ir::RequestExample {
            test_name: String::new(),
            name,
            value,
            refusal: None,
            sent: None,
        })
        .collect()
}

const MULTIPART: &str = "multipart/form-data";

/// A media type without its parameters, in lower case.
fn essence(media_type: &str) -> String {
    media_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

/// `format: binary`: the string is a file's bytes.
fn is_binary(format: &openapiv3::VariantOrUnknownOrEmpty<openapiv3::StringFormat>) -> bool {
    matches!(
        format,
        openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary)
    )
}

/// Media types whose body is text: `text/*`, and XML, YAML and CSV in `application/`.
pub(super) fn is_text(media_type: &str) -> bool {
    let essence = essence(media_type);
    essence.starts_with("text/")
        || essence.ends_with("+xml")
        || matches!(
            essence.as_str(),
            "application/xml" | "application/yaml" | "application/x-yaml"
        )
}

/// A media type's examples by name, in document order: `example` (named `example`), then
/// `examples`. Examples by `$ref` are left out (none in practice once the loader inlines them).
pub(super) fn media_examples(media: &openapiv3::MediaType) -> impl Iterator<Item = (String, serde_json::Value)> + '_ {
    let single = media.example.iter().map(|value| ("example".to_string(), value.clone()));
    let named = media.examples.iter().filter_map(|(name, example)| match example {
        ReferenceOr::Item(example) => example.value.clone().map(|value| (name.clone(), value)),
        ReferenceOr::Reference { .. } => None,
    });
    single.chain(named)
}
