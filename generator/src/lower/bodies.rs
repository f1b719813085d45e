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
            let mut examples = request_examples(media);
            for example in &mut examples {
                example.value = self.example_as_json(&ty, std::mem::take(&mut example.value));
                example.refusal = self.refusal(&ty, &example.value);
                let mut left_out = Vec::new();
                let sent = self.as_sent(&ty, &example.value, String::new(), &mut left_out);
                example.sent = (!left_out.is_empty()).then_some((sent, left_out));
            }
            return Ok(Some(ir::Body::Json {
                examples,
                rust_name: inputs.claim("body".to_string(), "_"),
                media_type: media_type.clone(),
                ty,
                required: body.required,
            }));
        }
        let raw = body.content.keys().find(|media_type| !is_multipart(media_type));
        match (raw, body.content.keys().next()) {
            (Some(media_type), _) => Ok(Some(ir::Body::Raw {
                rust_name: inputs.claim("body".to_string(), "_"),
                ty: if is_text(media_type) { TypeRef::String } else { TypeRef::Bytes },
                media_type: media_type.clone(),
                required: body.required,
            })),
            (None, Some(media_type)) => Err(self.error(
                &content_at.join(media_type),
                format!("request body media type `{media_type}` is not supported yet (forms, JSON, text and binary bodies are)"),
            )),
            (None, None) => Ok(None),
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
            let encoding = media.encoding.get(wire);
            let style = match encoding.and_then(|e| e.style.as_ref()) {
                None | Some(openapiv3::QueryStyle::Form) => ParamStyle::Form,
                Some(openapiv3::QueryStyle::SpaceDelimited) => ParamStyle::SpaceDelimited,
                Some(openapiv3::QueryStyle::PipeDelimited) => ParamStyle::PipeDelimited,
                Some(openapiv3::QueryStyle::DeepObject) => ParamStyle::DeepObject,
            };
            // Repeated keys unless the encoding gives a style and leaves `explode` false.
            let explode = encoding.is_none_or(|e| e.style.is_none() || e.explode);
            let shape = self.param_shape(&ty, false, wire, &field_at)?;
            fields.push(ir::Param {
                rust_name: inputs.claim(names::input(wire), location_suffix(Location::Form)),
                wire_name: wire.clone(),
                location: Location::Form,
                required: required.iter().any(|r| r == wire),
                explode,
                style,
                allow_reserved: encoding.is_some_and(|e| e.allow_reserved),
                json: false,
                shape,
                sensitive: is_secret(wire, extensions, &ty),
                ty,
                docs: self.docs(description),
            });
        }
        let examples = request_examples(media);
        Ok(ir::Body::Form { fields, examples })
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

/// `multipart/*`, whose parts are not sent yet.
fn is_multipart(media_type: &str) -> bool {
    media_type.trim().to_ascii_lowercase().starts_with("multipart/")
}

/// Media types whose body is text: `text/*`, and XML, YAML and CSV in `application/`.
pub(super) fn is_text(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
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
