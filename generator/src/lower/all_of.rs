//! Object schemas as one list of properties: their own, and those of every `allOf` part (inline or
//! a `$ref`, nested `allOf`s included), with `required` the union of all parts'.

use std::collections::BTreeSet;

use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};

use super::Lowerer;
use crate::error::{Error, Pointer};

/// An object's properties, gathered from all its parts.
pub(super) struct Merged<'s> {
    pub properties: Vec<Property<'s>>,
    pub required: BTreeSet<String>,
    /// The last `additionalProperties` of a part that says it.
    pub additional: Option<(&'s AdditionalProperties, Pointer)>,
}

/// One property as a part defines it.
pub(super) struct Property<'s> {
    pub wire: &'s str,
    pub schema: &'s ReferenceOr<Box<Schema>>,
    pub at: Pointer,
    /// Another part defines a property of the same name differently: its schema and place.
    pub redefined: Option<(&'s ReferenceOr<Box<Schema>>, Pointer)>,
}

/// What one object schema says of itself, without its `allOf` parts.
struct Own<'s> {
    properties: Option<&'s indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>>,
    required: &'s [String],
    additional: Option<&'s AdditionalProperties>,
    parts: &'s [ReferenceOr<Schema>],
}

fn own(schema: &Schema) -> Own<'_> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => Own {
            properties: Some(&o.properties),
            required: &o.required,
            additional: o.additional_properties.as_ref(),
            parts: &[],
        },
        SchemaKind::AllOf { all_of } => Own {
            properties: None,
            required: &[],
            additional: None,
            parts: all_of,
        },
        SchemaKind::Any(any) => Own {
            properties: Some(&any.properties),
            required: &any.required,
            additional: any.additional_properties.as_ref(),
            parts: &any.all_of,
        },
        // Other kinds (a `oneOf` base, a scalar) add no properties.
        SchemaKind::Type(_) | SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } | SchemaKind::Not { .. } => Own {
            properties: None,
            required: &[],
            additional: None,
            parts: &[],
        },
    }
}

impl<'a> Lowerer<'a> {
    /// The properties of the object schema at `at`, its `allOf` parts' first, in order.
    pub(super) fn merge<'s>(&self, schema: &'s Schema, at: &Pointer) -> Result<Merged<'s>, Error>
    where
        'a: 's,
    {
        let mut merged = Merged {
            properties: Vec::new(),
            required: BTreeSet::new(),
            additional: None,
        };
        let mut visiting = Vec::new();
        self.merge_into(schema, at, &mut merged, &mut visiting)?;
        Ok(merged)
    }

    fn merge_into<'s>(
        &self,
        schema: &'s Schema,
        at: &Pointer,
        merged: &mut Merged<'s>,
        visiting: &mut Vec<String>,
    ) -> Result<(), Error>
    where
        'a: 's,
    {
        let own = own(schema);
        for (index, part) in own.parts.iter().enumerate() {
            let part_at = at.join("allOf").join(index);
            match part {
                ReferenceOr::Item(part) => self.merge_into(part, &part_at, merged, visiting)?,
                ReferenceOr::Reference { reference } => {
                    let (key, target, target_at) = self.schema_component(reference, &part_at)?;
                    if visiting.iter().any(|k| k == key) {
                        return Err(self.error(
                            &part_at,
                            format!("`allOf` includes `{reference}`, which includes this schema again"),
                        ));
                    }
                    visiting.push(key.to_string());
                    self.merge_into(target, &target_at, merged, visiting)?;
                    visiting.pop();
                }
            }
        }
        if let Some(properties) = own.properties {
            for (wire, property) in properties {
                add(merged, wire, property, at.join("properties").join(wire));
            }
        }
        merged.required.extend(own.required.iter().cloned());
        if let Some(additional) = own.additional {
            merged.additional = Some((additional, at.join("additionalProperties")));
        }
        Ok(())
    }

    /// The component schema a `$ref` names, following `$ref`s between components, with its key and
    /// its place.
    pub(super) fn schema_component(
        &self,
        reference: &str,
        at: &Pointer,
    ) -> Result<(&'a str, &'a Schema, Pointer), Error> {
        let mut reference = reference.to_string();
        for _ in 0..64 {
            let (key, target) = self.resolve_schema_ref(&reference, at)?;
            match target {
                ReferenceOr::Item(schema) => {
                    let target_at = Pointer::root().join("components").join("schemas").join(key);
                    return Ok((key, schema, target_at));
                }
                ReferenceOr::Reference { reference: next } => reference = next.clone(),
            }
        }
        Err(self.error(at, format!("$ref `{reference}` is a chain of $refs that does not end")))
    }
}

/// Adds a property; a later part's definition of the same name replaces an earlier one, and is
/// checked against it when lowered.
fn add<'s>(merged: &mut Merged<'s>, wire: &'s str, schema: &'s ReferenceOr<Box<Schema>>, at: Pointer) {
    match merged.properties.iter_mut().find(|p| p.wire == wire) {
        Some(existing) if existing.schema == schema => {}
        Some(existing) => {
            let earlier = std::mem::replace(&mut existing.schema, schema);
            let earlier_at = std::mem::replace(&mut existing.at, at);
            existing.redefined = Some((earlier, earlier_at));
        }
        None => merged.properties.push(Property {
            wire,
            schema,
            at,
            redefined: None,
        }),
    }
}
