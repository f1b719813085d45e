//! Schemas to types: component schemas become named structs and enums, inline objects and enums get
//! names synthesized from where they are found, everything else maps to a built-in [`TypeRef`].

use openapiv3::{ReferenceOr, Schema};

use super::names::{camel, snake, Scope};
use super::shape::{shape_of, Shape};
use super::Lowerer;
use crate::error::{Error, Pointer};
use crate::ir::{self, TypeKind, TypeRef};

/// Name of the catch-all variant of every enum: keeps values the document does not list.
const ENUM_CATCH_ALL: &str = "Unrecognized";

/// A schema reference as it appears in properties and items (boxed) or elsewhere (not).
pub(super) trait SchemaRef {
    fn get(&self) -> ReferenceOr<&Schema>;
}

impl SchemaRef for ReferenceOr<Schema> {
    fn get(&self) -> ReferenceOr<&Schema> {
        match self {
            ReferenceOr::Reference { reference } => ReferenceOr::Reference {
                reference: reference.clone(),
            },
            ReferenceOr::Item(s) => ReferenceOr::Item(s),
        }
    }
}

impl SchemaRef for ReferenceOr<Box<Schema>> {
    fn get(&self) -> ReferenceOr<&Schema> {
        match self {
            ReferenceOr::Reference { reference } => ReferenceOr::Reference {
                reference: reference.clone(),
            },
            ReferenceOr::Item(s) => ReferenceOr::Item(s),
        }
    }
}

impl<'a> Lowerer<'a> {
    /// Pass one: a name for every component schema that becomes a type of its own, before any is
    /// lowered, so forward and recursive references resolve.
    pub(super) fn name_components(&mut self) -> Result<(), Error> {
        let Some(components) = &self.doc.components else {
            return Ok(());
        };
        self.bases = self.find_bases();
        for (key, schema) in &components.schemas {
            if let ReferenceOr::Item(schema) = schema {
                if self.bases.contains_key(key) || defines_type(schema) {
                    let name = self.type_names.claim(camel(key), "");
                    self.component_names.insert(key.clone(), name);
                }
            }
        }
        Ok(())
    }

    /// Pass two: lower every component schema that defines a type, in document order.
    pub(super) fn lower_components(&mut self) -> Result<(), Error> {
        let Some(components) = &self.doc.components else {
            return Ok(());
        };
        let base = Pointer::root().join("components").join("schemas");
        for (key, schema) in &components.schemas {
            let at = base.join(key);
            let Some(name) = self.component_names.get(key).cloned() else {
                // Aliases and plain types stand for their target wherever they are used; lowering
                // them here checks them even when nothing uses them.
                self.alias_target(key, schema, &at)?;
                continue;
            };
            // Only inline component schemas are given names in pass one.
            let ReferenceOr::Item(schema) = schema else { continue };
            let kind = match self.bases.get(key).cloned() {
                Some(children) => {
                    // The base's own properties are checked, though only the schemas that extend it use them.
                    self.merge(schema, &at)?;
                    self.inheritance(schema, &children)
                }
                None => self.type_kind(schema, &name, &at)?,
            };
            self.define(name, key.clone(), schema, kind);
        }
        Ok(())
    }

    pub(super) fn define(&mut self, rust_name: String, wire_name: String, schema: &Schema, kind: ir::TypeKind) {
        let docs = self.docs(
            schema
                .schema_data
                .description
                .as_deref()
                .or(schema.schema_data.title.as_deref()),
        );
        let module = self.module_names.claim(snake(&rust_name), "_model");
        self.types.insert(
            rust_name.clone(),
            ir::TypeDef {
                rust_name,
                wire_name,
                module,
                docs,
                kind,
            },
        );
    }

    /// The type of a use of a schema. `hint` names an inline object or enum found here.
    pub(super) fn type_of(&mut self, schema: &impl SchemaRef, hint: &str, at: &Pointer) -> Result<TypeRef, Error> {
        match schema.get() {
            ReferenceOr::Reference { reference } => self.type_of_ref(&reference, at),
            ReferenceOr::Item(schema) => self.type_of_schema(schema, hint, at),
        }
    }

    fn type_of_ref(&mut self, reference: &str, at: &Pointer) -> Result<TypeRef, Error> {
        let (key, target) = self.resolve_schema_ref(reference, at)?;
        if let Some(name) = self.component_names.get(key) {
            return Ok(TypeRef::Named(name.clone()));
        }
        if !self.resolving.insert(key.to_string()) {
            return Err(self.error(
                at,
                format!("$ref `{reference}` refers back to itself without an object in between"),
            ));
        }
        let target_at = Pointer::root().join("components").join("schemas").join(key);
        let result = self.alias_target(key, target, &target_at);
        self.resolving.remove(key);
        result
    }

    /// The type a component that is not a type of its own stands for, lowered once.
    fn alias_target(&mut self, key: &str, schema: &ReferenceOr<Schema>, at: &Pointer) -> Result<TypeRef, Error> {
        if let Some(known) = self.aliases.get(key) {
            return Ok(known.clone());
        }
        let ty = self.type_of(schema, &camel(key), at)?;
        self.aliases.insert(key.to_string(), ty.clone());
        Ok(ty)
    }

    /// The type of an inline schema: a named type for objects, choices and enums, named by `hint`.
    fn type_of_schema(&mut self, schema: &Schema, hint: &str, at: &Pointer) -> Result<TypeRef, Error> {
        match shape_of(schema) {
            Shape::Object | Shape::Choice { .. } | Shape::StringEnum(_) => {
                let name = self.type_names.claim(hint.to_string(), "");
                let kind = self.type_kind(schema, &name, at)?;
                self.define(name.clone(), at.as_str().to_string(), schema, kind);
                Ok(TypeRef::Named(name))
            }
            Shape::Same { target, keyword, index } => self.type_of(target, hint, &at.join(keyword).join(index)),
            Shape::Map(value) => {
                let value = match value {
                    Some(value) => self.type_of(value, &format!("{hint}Value"), &at.join("additionalProperties"))?,
                    None => TypeRef::Any,
                };
                Ok(TypeRef::Map(Box::new(value)))
            }
            Shape::Array(items) => {
                let item = match items {
                    Some(items) => self.type_of(items, &format!("{hint}Item"), &at.join("items"))?,
                    None => TypeRef::Any,
                };
                Ok(TypeRef::Array(Box::new(item)))
            }
            Shape::Scalar(ty) => Ok(ty),
            Shape::Any => Ok(TypeRef::Any),
            Shape::Unsupported(construct) => Err(self.unsupported(at, &construct)),
        }
    }

    /// The kind of a schema that [`defines_type`] (a base with a discriminator aside).
    fn type_kind(&mut self, schema: &Schema, name: &str, at: &Pointer) -> Result<TypeKind, Error> {
        match shape_of(schema) {
            Shape::Choice { alternatives, keyword } => self.choice(alternatives, keyword, schema, name, at),
            Shape::StringEnum(values) => Ok(TypeKind::Enum {
                variants: enum_variants(&values),
                other: ENUM_CATCH_ALL.to_string(),
            }),
            Shape::Object => self.struct_kind(schema, name, at),
            Shape::Same { .. }
            | Shape::Map(_)
            | Shape::Array(_)
            | Shape::Scalar(_)
            | Shape::Any
            | Shape::Unsupported(_) => Err(self.error(at, "internal error: this schema does not define a type")),
        }
    }

    pub(super) fn unsupported(&self, at: &Pointer, construct: &str) -> Error {
        self.error(
            at,
            format!("{construct} is not supported yet: the generator cannot express this schema"),
        )
    }
}

/// Whether a component schema becomes a named type (a struct or an enum) rather than an alias.
fn defines_type(schema: &Schema) -> bool {
    matches!(
        shape_of(schema),
        Shape::Object | Shape::Choice { .. } | Shape::StringEnum(_)
    )
}

fn enum_variants(values: &[String]) -> Vec<ir::Variant> {
    let mut scope = Scope::new();
    scope.claim(ENUM_CATCH_ALL.to_string(), "");
    let mut seen = std::collections::BTreeSet::new();
    values
        .iter()
        .filter(|v| seen.insert(v.as_str()))
        .map(|value| ir::Variant {
            rust_name: scope.claim(camel(value), ""),
            wire_value: value.clone(),
        })
        .collect()
}
