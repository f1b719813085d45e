//! Object schemas: structs with a field per property, maps, and free-form values.

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::conventions::{overridden_to_string, reads_leniently};
use super::names::{camel, snake, Scope};
use super::schema::{enum_values, enum_variants, ENUM_CATCH_ALL};
use super::secrets::is_secret;
use super::Lowerer;
use crate::error::{Error, Pointer};
use crate::ir::{self, TypeRef};

/// What an object schema says, whichever way it was written.
pub(super) struct ObjectParts<'s> {
    pub properties: &'s indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
    pub additional: Option<&'s openapiv3::AdditionalProperties>,
}

impl Lowerer<'_> {
    pub(super) fn object_type(
        &mut self,
        schema: &Schema,
        parts: ObjectParts<'_>,
        hint: &str,
        at: &Pointer,
    ) -> Result<TypeRef, Error> {
        if !parts.properties.is_empty() {
            let name = self.type_names.claim(hint.to_string(), "");
            let fields = self.struct_fields(&parts, &name, at)?;
            self.define(
                name.clone(),
                at.as_str().to_string(),
                schema,
                ir::TypeKind::Struct { fields },
            );
            return Ok(TypeRef::Named(name));
        }
        match parts.additional {
            Some(openapiv3::AdditionalProperties::Schema(value)) => {
                let value = self.type_of(
                    value.as_ref(),
                    &format!("{hint}Value"),
                    &at.join("additionalProperties"),
                )?;
                Ok(TypeRef::Map(Box::new(value)))
            }
            // An object with no declared properties holds whatever it holds.
            _ => Ok(TypeRef::Any),
        }
    }

    /// The kind of a component schema that [`defines_type`].
    pub(super) fn type_kind(&mut self, schema: &Schema, name: &str, at: &Pointer) -> Result<ir::TypeKind, Error> {
        match &schema.schema_kind {
            SchemaKind::OneOf { one_of } => return self.one_of(one_of, schema, name, at),
            SchemaKind::Any(any) if !any.one_of.is_empty() && any.properties.is_empty() => {
                return self.one_of(&any.one_of, schema, name, at)
            }
            _ => {}
        }
        let parts = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => ObjectParts {
                properties: &o.properties,
                additional: o.additional_properties.as_ref(),
            },
            SchemaKind::Any(any) if !any.properties.is_empty() => ObjectParts {
                properties: &any.properties,
                additional: any.additional_properties.as_ref(),
            },
            _ => {
                let values = enum_values(schema).unwrap_or_default();
                return Ok(ir::TypeKind::Enum {
                    variants: enum_variants(&values),
                    other: ENUM_CATCH_ALL.to_string(),
                });
            }
        };
        let fields = self.struct_fields(&parts, name, at)?;
        Ok(ir::TypeKind::Struct { fields })
    }

    pub(super) fn struct_fields(
        &mut self,
        parts: &ObjectParts<'_>,
        owner: &str,
        at: &Pointer,
    ) -> Result<Vec<ir::Field>, Error> {
        let mut scope = Scope::new();
        let mut fields = Vec::with_capacity(parts.properties.len());
        for (wire, property) in parts.properties {
            let property_at = at.join("properties").join(wire);
            let mut ty = self.type_of(property, &format!("{owner}{}", camel(wire)), &property_at)?;
            let (description, extensions) = match property {
                ReferenceOr::Item(s) => (s.schema_data.description.as_deref(), Some(&s.schema_data.extensions)),
                ReferenceOr::Reference { .. } => (None, None),
            };
            if extensions.is_some_and(overridden_to_string) {
                ty = TypeRef::String;
            }
            // Replies break `required` and `nullable` alike; see `ir::Field::optional`.
            let optional = true;
            fields.push(ir::Field {
                rust_name: scope.claim(snake(wire), ""),
                wire_name: wire.clone(),
                sensitive: is_secret(wire, extensions, &ty),
                optional,
                lenient: optional && reads_leniently(&ty),
                ty,
                docs: self.docs(description),
            });
        }
        Ok(fields)
    }
}
