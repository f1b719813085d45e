//! Choices: `oneOf` and `anyOf` as an enum over the alternatives, and a base schema with a
//! `discriminator` as an enum over the schemas that extend it (`allOf: [base, {…}]`).

use std::collections::BTreeMap;

use openapiv3::{ReferenceOr, Schema, SchemaKind};

use super::names::Scope;
use super::Lowerer;
use crate::error::{Error, Pointer};
use crate::ir::{self, TypeKind, TypeRef};

/// The variant that keeps, as JSON, a value whose discriminator names no schema this version knows.
const UNRECOGNIZED: &str = "Unrecognized";

impl Lowerer<'_> {
    /// The alternatives of a `oneOf` or `anyOf` (`keyword`), named for their types. Decoding picks
    /// the alternative the discriminator names, else the first that decodes, in document order.
    pub(super) fn choice(
        &mut self,
        alternatives: &[ReferenceOr<Schema>],
        keyword: &str,
        schema: &Schema,
        name: &str,
        at: &Pointer,
    ) -> Result<TypeKind, Error> {
        let mut scope = Scope::new();
        let mut variants = Vec::with_capacity(alternatives.len());
        for (i, alternative) in alternatives.iter().enumerate() {
            let hint = format!("{name}Variant{}", i + 1);
            let ty = self.type_of(alternative, &hint, &at.join(keyword).join(i))?;
            variants.push(ir::OneOfVariant {
                rust_name: scope.claim(variant_label(&ty), ""),
                ty,
                boxed: false,
            });
        }
        let discriminator = schema.schema_data.discriminator.as_ref().map(|d| {
            // Without a mapping, the value is the name of the alternative's component schema.
            let implicit = alternatives.iter().filter_map(|alternative| match alternative {
                ReferenceOr::Reference { reference } => {
                    let key = reference.rsplit('/').next()?;
                    Some((key.to_string(), key.to_string()))
                }
                ReferenceOr::Item(_) => None,
            });
            let pairs: Vec<(String, String)> = if d.mapping.is_empty() {
                implicit.collect()
            } else {
                d.mapping
                    .iter()
                    .map(|(value, target)| (value.clone(), target_key(target)))
                    .collect()
            };
            self.discriminator(&d.property_name, pairs, &variants)
        });
        Ok(TypeKind::OneOf {
            variants,
            discriminator,
            catch_all: None,
        })
    }

    /// A base schema with a `discriminator`, where it is used: one of the schemas that extend it,
    /// chosen by the discriminator's value (the `mapping`, else each schema's own name), or, for a
    /// value no schema is mapped to, the value as JSON.
    pub(super) fn inheritance(&mut self, base: &Schema, children: &[String]) -> TypeKind {
        let mut scope = Scope::new();
        scope.claim(UNRECOGNIZED.to_string(), "");
        let variants: Vec<ir::OneOfVariant> = children
            .iter()
            .filter_map(|key| self.component_names.get(key))
            .map(|name| ir::OneOfVariant {
                rust_name: scope.claim(name.clone(), ""),
                ty: TypeRef::Named(name.clone()),
                boxed: false,
            })
            .collect();
        let d = base.schema_data.discriminator.as_ref();
        let explicit: Vec<(String, String)> = d
            .map(|d| {
                d.mapping
                    .iter()
                    .map(|(value, target)| (value.clone(), target_key(target)))
                    .collect()
            })
            .unwrap_or_default();
        // Schemas no mapping entry names are chosen by their own name.
        let implicit = children
            .iter()
            .filter(|key| !explicit.iter().any(|(_, target)| target == *key))
            .map(|key| (key.clone(), key.clone()));
        let pairs: Vec<(String, String)> = explicit.iter().cloned().chain(implicit).collect();
        let property = d.map(|d| d.property_name.as_str()).unwrap_or_default();
        let discriminator = self.discriminator(property, pairs, &variants);
        let mut variants = variants;
        variants.push(ir::OneOfVariant {
            rust_name: UNRECOGNIZED.to_string(),
            ty: TypeRef::Any,
            boxed: false,
        });
        TypeKind::OneOf {
            variants,
            discriminator: Some(discriminator),
            catch_all: Some(UNRECOGNIZED.to_string()),
        }
    }

    /// Discriminator values to variants, from (value, component key) pairs.
    fn discriminator(
        &self,
        property: &str,
        pairs: Vec<(String, String)>,
        variants: &[ir::OneOfVariant],
    ) -> ir::Discriminator {
        let mapping = pairs
            .into_iter()
            .filter_map(|(value, key)| {
                let rust = self.component_names.get(&key)?;
                let variant = variants.iter().find(|v| v.ty == TypeRef::Named(rust.clone()))?;
                Some((value, variant.rust_name.clone()))
            })
            .collect();
        ir::Discriminator {
            property: property.to_string(),
            mapping,
        }
    }

    /// Every component schema with a `discriminator` that other components extend (`allOf` with a
    /// `$ref` to it, directly or through another that does), with those components' keys in
    /// document order.
    pub(super) fn find_bases(&self) -> BTreeMap<String, Vec<String>> {
        let Some(components) = &self.doc.components else {
            return BTreeMap::new();
        };
        let mut parents: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (key, schema) in &components.schemas {
            if let ReferenceOr::Item(schema) = schema {
                parents.insert(
                    key,
                    all_of_refs(schema)
                        .filter_map(|r| r.strip_prefix("#/components/schemas/"))
                        .collect(),
                );
            }
        }
        let mut bases = BTreeMap::new();
        for (key, schema) in &components.schemas {
            let ReferenceOr::Item(schema) = schema else { continue };
            let is_choice = matches!(schema.schema_kind, SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. });
            if schema.schema_data.discriminator.is_none() || is_choice {
                continue;
            }
            let children: Vec<String> = components
                .schemas
                .keys()
                .filter(|child| *child != key && descends(&parents, child, key))
                .cloned()
                .collect();
            if !children.is_empty() {
                bases.insert(key.clone(), children);
            }
        }
        bases
    }
}

/// Whether `child` includes `base` through `allOf`, at any depth.
fn descends(parents: &BTreeMap<&str, Vec<&str>>, child: &str, base: &str) -> bool {
    let mut pending = vec![child];
    let mut seen = std::collections::BTreeSet::new();
    while let Some(key) = pending.pop() {
        if !seen.insert(key) {
            continue;
        }
        for parent in parents.get(key).into_iter().flatten() {
            if *parent == base {
                return true;
            }
            pending.push(parent);
        }
    }
    false
}

/// The `$ref`s among a schema's `allOf` parts.
fn all_of_refs(schema: &Schema) -> impl Iterator<Item = &str> {
    let parts: &[ReferenceOr<Schema>] = match &schema.schema_kind {
        SchemaKind::AllOf { all_of } => all_of,
        SchemaKind::Any(any) => &any.all_of,
        _ => &[],
    };
    parts.iter().filter_map(|part| match part {
        ReferenceOr::Reference { reference } => Some(reference.as_str()),
        ReferenceOr::Item(_) => None,
    })
}

/// A mapping's target as a component key: `#/components/schemas/Dog` or plain `Dog`.
fn target_key(target: &str) -> String {
    target.rsplit('/').next().unwrap_or(target).to_string()
}

/// A variant's name from its type.
fn variant_label(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(n) => n.clone(),
        TypeRef::String => "String".to_string(),
        TypeRef::Integer(_) => "Integer".to_string(),
        TypeRef::Number => "Number".to_string(),
        TypeRef::Boolean => "Boolean".to_string(),
        TypeRef::DateTime => "DateTime".to_string(),
        TypeRef::Date => "Date".to_string(),
        TypeRef::Array(_) => "List".to_string(),
        TypeRef::Map(_) => "Map".to_string(),
        TypeRef::Any => "Value".to_string(),
        TypeRef::Bytes => "Bytes".to_string(),
        TypeRef::File => "File".to_string(),
    }
}
