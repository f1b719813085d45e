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
        &mut self,
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
            // Two lists: of items a value fits both ways.
            (TypeRef::Array(earlier_item), TypeRef::Array(later_item)) => {
                let item = self.narrower(
                    (**earlier_item).clone(),
                    (**later_item).clone(),
                    (&earlier_at.join("items"), &later_at.join("items")),
                    wire,
                )?;
                Ok(TypeRef::Array(Box::new(item)))
            }
            // Two string enums: the one whose values the other allows too (the same values: the
            // earlier, usually a shared component; an inline copy made for this place is dropped).
            (TypeRef::Named(earlier_name), TypeRef::Named(later_name))
                if is_string_enum(&earlier) && is_string_enum(&later) =>
            {
                let (ours, theirs) = (self.enum_values(earlier_name), self.enum_values(later_name));
                if theirs.iter().all(|v| ours.contains(v)) && ours.iter().all(|v| theirs.contains(v)) {
                    if self
                        .types
                        .get(later_name)
                        .is_some_and(|t| t.wire_name == later_at.as_str())
                    {
                        self.types.remove(later_name);
                    }
                    Ok(earlier)
                } else if theirs.iter().all(|v| ours.contains(v)) {
                    Ok(later)
                } else if ours.iter().all(|v| theirs.contains(v)) {
                    Ok(earlier)
                } else {
                    Err(self.error(
                        later_at,
                        format!("property `{wire}` is defined here and at {earlier_at} as enums neither of whose values the other allows"),
                    ))
                }
            }
            // Two objects: a value has every property of both. The later one, made for this place,
            // takes the earlier one's properties it lacks.
            (TypeRef::Named(earlier_name), TypeRef::Named(later_name))
                if self.struct_made_at(later_name, later_at) && self.struct_made_at(earlier_name, earlier_at) =>
            {
                self.absorb(later_name, earlier_name);
                Ok(later)
            }
            _ => Err(self.error(
                later_at,
                format!("property `{wire}` is defined here and at {earlier_at} with types a value cannot both have"),
            )),
        }
    }

    /// The wire values of string enum `name`.
    fn enum_values(&self, name: &str) -> Vec<String> {
        match self.types.get(name).map(|t| &t.kind) {
            Some(TypeKind::Enum { variants, .. }) => variants.iter().map(|v| v.wire_value.clone()).collect(),
            _ => Vec::new(),
        }
    }

    /// Whether `name` is a struct lowered from the inline schema at `at`, so that no other place uses it.
    fn struct_made_at(&self, name: &str, at: &Pointer) -> bool {
        self.types
            .get(name)
            .is_some_and(|t| t.wire_name == at.as_str() && matches!(t.kind, TypeKind::Struct { .. }))
    }

    /// Moves the fields of struct `from` that `into` lacks into `into` (first, in their order), and
    /// drops `from`: a property that two `allOf` parts define as objects.
    fn absorb(&mut self, into: &str, from: &str) {
        let Some(TypeKind::Struct {
            fields: theirs,
            additional: their_rest,
        }) = self.types.remove(from).map(|t| t.kind)
        else {
            return;
        };
        let Some(TypeKind::Struct { fields, additional }) = self.types.get_mut(into).map(|t| &mut t.kind) else {
            return;
        };
        let mut merged: Vec<ir::Field> = Vec::with_capacity(theirs.len() + fields.len());
        for mut field in theirs {
            match fields.iter_mut().find(|f| f.wire_name == field.wire_name) {
                // Both define it: the later definition, required if either requires it.
                Some(ours) => {
                    ours.optional &= field.optional;
                    ours.in_constructor |= field.in_constructor;
                }
                None => {
                    while fields.iter().any(|f| f.rust_name == field.rust_name) {
                        field.rust_name.push('_');
                    }
                    merged.push(field);
                }
            }
        }
        merged.append(fields);
        *fields = merged;
        if additional.is_none() {
            *additional = their_rest;
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
