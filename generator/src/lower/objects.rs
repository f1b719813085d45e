//! Object schemas as structs: a field per property (merged over `allOf`), and the entries no field
//! names in a map when `additionalProperties` says there are more.

use openapiv3::{AdditionalProperties, ReferenceOr, Schema};

use super::all_of::{Merged, Property};
use super::conventions::{overridden_to_string, reads_leniently};
use super::names::{camel, snake, Scope};
use super::secrets::is_secret;
use super::Lowerer;
use crate::error::{Error, Pointer};
use crate::ir::{self, ReplyMode, TypeKind, TypeRef};

/// What a property's own schema says beside its type.
#[derive(Default)]
struct Annotations<'s> {
    description: Option<&'s str>,
    extensions: Option<&'s indexmap::IndexMap<String, serde_json::Value>>,
    nullable: bool,
    read_only: bool,
    write_only: bool,
}

impl<'a> Lowerer<'a> {
    /// The struct of an object schema.
    pub(super) fn struct_kind(&mut self, schema: &Schema, owner: &str, at: &Pointer) -> Result<TypeKind, Error> {
        let merged = self.merge(schema, at)?;
        let mut scope = Scope::new();
        let mut fields = Vec::with_capacity(merged.properties.len());
        for property in &merged.properties {
            fields.push(self.field(property, &merged, owner, &mut scope)?);
        }
        let additional = match merged.additional {
            Some((AdditionalProperties::Schema(value), value_at)) => {
                Some(self.type_of(value.as_ref(), &format!("{owner}Value"), &value_at)?)
            }
            Some((AdditionalProperties::Any(true), _)) => Some(TypeRef::Any),
            Some((AdditionalProperties::Any(false), _)) | None => None,
        };
        let additional = additional.map(|ty| ir::Additional {
            rust_name: scope.claim("additional_properties".to_string(), "_"),
            ty,
        });
        Ok(TypeKind::Struct { fields, additional })
    }

    fn field(
        &mut self,
        property: &Property<'_>,
        merged: &Merged<'_>,
        owner: &str,
        scope: &mut Scope,
    ) -> Result<ir::Field, Error> {
        let wire = property.wire;
        let hint = format!("{owner}{}", camel(wire));
        let mut ty = self.type_of(property.schema, &hint, &property.at)?;
        if let Some((earlier, earlier_at)) = &property.redefined {
            let earlier_ty = self.type_of(*earlier, &hint, earlier_at)?;
            ty = self.narrower(earlier_ty, ty, (earlier_at, &property.at), wire)?;
        }
        let notes = self.annotations(property.schema);
        if notes.extensions.is_some_and(overridden_to_string) {
            ty = TypeRef::String;
        }
        let required = merged.required.contains(wire);
        let lenient = self.options.replies == ReplyMode::Lenient;
        let optional = lenient || !required || notes.nullable || notes.read_only || notes.write_only;
        Ok(ir::Field {
            rust_name: scope.claim(snake(wire), ""),
            wire_name: wire.to_string(),
            sensitive: is_secret(wire, notes.extensions, &ty),
            optional,
            lenient: lenient && optional && reads_leniently(&ty),
            // `new` takes what a value cannot be without, and what the document requires the client
            // to send; in either mode, so a body without a required field does not compile.
            in_constructor: !optional || (required && !notes.read_only),
            read_only: notes.read_only,
            boxed: false,
            ty,
            docs: self.docs(notes.description),
        })
    }

    /// Of two definitions of one property by different `allOf` parts, the one a value must fit:
    /// the same type, or a string enum over a string, or anything over any value.
    fn narrower(
        &self,
        earlier: TypeRef,
        later: TypeRef,
        (earlier_at, later_at): (&Pointer, &Pointer),
        wire: &str,
    ) -> Result<TypeRef, Error> {
        let is_string_enum = |ty: &TypeRef| match ty {
            TypeRef::Named(name) => matches!(self.types.get(name).map(|t| &t.kind), Some(TypeKind::Enum { .. })),
            _ => false,
        };
        match (&earlier, &later) {
            _ if earlier == later => Ok(later),
            (TypeRef::Any, _) => Ok(later),
            (_, TypeRef::Any) => Ok(earlier),
            (TypeRef::String, other) | (other, TypeRef::String) if is_string_enum(other) => Ok(other.clone()),
            _ => Err(self.error(
                later_at,
                format!("property `{wire}` is defined here and at {earlier_at} with types a value cannot both have"),
            )),
        }
    }

    /// A property's description and flags: from its own schema, or the component it refers to.
    fn annotations<'s>(&self, schema: &'s ReferenceOr<Box<Schema>>) -> Annotations<'s>
    where
        'a: 's,
    {
        let data = match schema {
            ReferenceOr::Item(schema) => &schema.schema_data,
            ReferenceOr::Reference { reference } => {
                // A `$ref`'s siblings are ignored in OpenAPI 3.0; the target says whether it is nullable.
                return match self.schema_component(reference, &Pointer::root()) {
                    Ok((_, target, _)) => Annotations {
                        nullable: target.schema_data.nullable,
                        ..Annotations::default()
                    },
                    Err(_) => Annotations::default(),
                };
            }
        };
        Annotations {
            description: data.description.as_deref(),
            extensions: Some(&data.extensions),
            nullable: data.nullable,
            read_only: data.read_only,
            write_only: data.write_only,
        }
    }
}
