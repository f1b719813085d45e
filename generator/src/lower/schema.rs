//! Schemas to types: component schemas become named structs and enums, inline objects and enums get
//! names synthesized from where they are found, everything else maps to a built-in [`TypeRef`].

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::names::{camel, snake, Scope};
use super::objects::ObjectParts;
use super::Lowerer;
use crate::error::{Error, Pointer};
use crate::ir::{self, IntWidth, TypeRef};

/// Name of the catch-all variant of every enum: keeps values the document does not list.
pub(super) const ENUM_CATCH_ALL: &str = "Unrecognized";

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
        for (key, schema) in &components.schemas {
            if let ReferenceOr::Item(schema) = schema {
                if defines_type(schema) {
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
            let kind = self.type_kind(schema, &name, &at)?;
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

    fn type_of_schema(&mut self, schema: &Schema, hint: &str, at: &Pointer) -> Result<TypeRef, Error> {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                if !s.enumeration.is_empty() {
                    let values: Vec<String> = s.enumeration.iter().flatten().cloned().collect();
                    return Ok(self.inline_type(
                        hint,
                        schema,
                        at,
                        ir::TypeKind::Enum {
                            variants: enum_variants(&values),
                            other: ENUM_CATCH_ALL.to_string(),
                        },
                    ));
                }
                Ok(string_type(match &s.format {
                    openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::DateTime) => Some("date-time"),
                    openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Date) => Some("date"),
                    openapiv3::VariantOrUnknownOrEmpty::Unknown(f) => Some(f.as_str()),
                    _ => None,
                }))
            }
            SchemaKind::Type(Type::Number(_)) => Ok(TypeRef::Number),
            SchemaKind::Type(Type::Integer(i)) => Ok(TypeRef::Integer(match &i.format {
                openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => IntWidth::I32,
                _ => IntWidth::I64,
            })),
            SchemaKind::Type(Type::Boolean(_)) => Ok(TypeRef::Boolean),
            SchemaKind::Type(Type::Array(a)) => self.array_of(a.items.as_ref(), hint, at),
            SchemaKind::Type(Type::Object(o)) => self.object_type(
                schema,
                ObjectParts {
                    properties: &o.properties,
                    additional: o.additional_properties.as_ref(),
                },
                hint,
                at,
            ),
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                self.type_of(&all_of[0], hint, &at.join("allOf").join(0))
            }
            SchemaKind::AllOf { all_of } => {
                Err(self.unsupported(at, &format!("`allOf` with {} schemas", all_of.len())))
            }
            SchemaKind::OneOf { one_of } => {
                let name = self.type_names.claim(hint.to_string(), "");
                let kind = self.one_of(one_of, schema, &name, at)?;
                self.define(name.clone(), at.as_str().to_string(), schema, kind);
                Ok(TypeRef::Named(name))
            }
            SchemaKind::AnyOf { .. } => Err(self.unsupported(at, "`anyOf`")),
            SchemaKind::Not { .. } => Err(self.unsupported(at, "`not`")),
            SchemaKind::Any(any) => self.type_of_untyped(schema, any, hint, at),
        }
    }

    /// Schemas without a single `type` (free-form values, or keywords of several types mixed).
    fn type_of_untyped(
        &mut self,
        schema: &Schema,
        any: &openapiv3::AnySchema,
        hint: &str,
        at: &Pointer,
    ) -> Result<TypeRef, Error> {
        for (keyword, present) in [
            ("oneOf", !any.one_of.is_empty()),
            ("anyOf", !any.any_of.is_empty()),
            ("not", any.not.is_some()),
        ] {
            if present {
                return Err(self.unsupported(at, &format!("`{keyword}`")));
            }
        }
        if any.all_of.len() == 1 {
            return self.type_of(&any.all_of[0], hint, &at.join("allOf").join(0));
        }
        if any.all_of.len() > 1 {
            return Err(self.unsupported(at, &format!("`allOf` with {} schemas", any.all_of.len())));
        }
        match any.typ.as_deref() {
            _ if !any.properties.is_empty() || any.typ.as_deref() == Some("object") => self.object_type(
                schema,
                ObjectParts {
                    properties: &any.properties,
                    additional: any.additional_properties.as_ref(),
                },
                hint,
                at,
            ),
            _ if any.items.is_some() || any.typ.as_deref() == Some("array") => {
                self.array_of(any.items.as_ref(), hint, at)
            }
            Some("string") | None
                if !any.enumeration.is_empty() && any.enumeration.iter().all(|v| v.is_string() || v.is_null()) =>
            {
                let values: Vec<String> = any
                    .enumeration
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect();
                Ok(self.inline_type(
                    hint,
                    schema,
                    at,
                    ir::TypeKind::Enum {
                        variants: enum_variants(&values),
                        other: ENUM_CATCH_ALL.to_string(),
                    },
                ))
            }
            Some("string") => Ok(string_type(any.format.as_deref())),
            Some("integer") => Ok(TypeRef::Integer(if any.format.as_deref() == Some("int32") {
                IntWidth::I32
            } else {
                IntWidth::I64
            })),
            Some("number") => Ok(TypeRef::Number),
            Some("boolean") => Ok(TypeRef::Boolean),
            None if any.additional_properties.is_some() => self.object_type(
                schema,
                ObjectParts {
                    properties: &any.properties,
                    additional: any.additional_properties.as_ref(),
                },
                hint,
                at,
            ),
            None => Ok(TypeRef::Any),
            Some(other) => Err(self.error(&at.join("type"), format!("unknown schema type `{other}`"))),
        }
    }

    fn array_of(
        &mut self,
        items: Option<&ReferenceOr<Box<Schema>>>,
        hint: &str,
        at: &Pointer,
    ) -> Result<TypeRef, Error> {
        let item = match items {
            Some(items) => self.type_of(items, &format!("{hint}Item"), &at.join("items"))?,
            None => TypeRef::Any,
        };
        Ok(TypeRef::Array(Box::new(item)))
    }

    pub(super) fn inline_type(&mut self, hint: &str, schema: &Schema, at: &Pointer, kind: ir::TypeKind) -> TypeRef {
        let name = self.type_names.claim(hint.to_string(), "");
        self.define(name.clone(), at.as_str().to_string(), schema, kind);
        TypeRef::Named(name)
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
    match &schema.schema_kind {
        SchemaKind::OneOf { .. } => true,
        SchemaKind::Type(Type::Object(o)) => !o.properties.is_empty(),
        SchemaKind::Any(any) => {
            (!any.properties.is_empty() && any.one_of.is_empty() && any.any_of.is_empty() && any.all_of.is_empty())
                || (!any.one_of.is_empty() && any.properties.is_empty())
                || enum_values(schema).is_some()
        }
        _ => enum_values(schema).is_some(),
    }
}

/// The values of a string enum schema, if it is one.
pub(super) fn enum_values(schema: &Schema) -> Option<Vec<String>> {
    let values: Vec<String> = match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => s.enumeration.iter().flatten().cloned().collect(),
        SchemaKind::Any(any) if matches!(any.typ.as_deref(), None | Some("string")) && any.properties.is_empty() => {
            if !any.enumeration.iter().all(|v| v.is_string() || v.is_null()) {
                return None;
            }
            any.enumeration
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        }
        _ => return None,
    };
    (!values.is_empty()).then_some(values)
}

pub(super) fn enum_variants(values: &[String]) -> Vec<ir::Variant> {
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

/// A string with a format. Unknown formats fall back to a plain string, never to an error;
/// `uri` stays a string too, since real replies carry relative references.
fn string_type(format: Option<&str>) -> TypeRef {
    match format {
        Some("date-time") | Some("date-time-rfc-2822") => TypeRef::DateTime,
        Some("date") => TypeRef::Date,
        _ => TypeRef::String,
    }
}
