//! `oneOf`: an enum over the alternatives, with the discriminator's mapping when there is one.

use openapiv3::{ReferenceOr, Schema};

use super::names::Scope;
use super::Lowerer;
use crate::error::{Error, Pointer};
use crate::ir::{self, TypeRef};

impl Lowerer<'_> {
    /// The alternatives of a `oneOf`, named for their types. A `discriminator` is not needed to
    /// decode: alternatives are tried in document order.
    pub(super) fn one_of(
        &mut self,
        items: &[ReferenceOr<Schema>],
        schema: &Schema,
        name: &str,
        at: &Pointer,
    ) -> Result<ir::TypeKind, Error> {
        let mut scope = Scope::new();
        let mut variants = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let ty = self.type_of(item, &format!("{name}Variant{}", i + 1), &at.join("oneOf").join(i))?;
            let label = match &ty {
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
            };
            variants.push(ir::OneOfVariant {
                rust_name: scope.claim(label, ""),
                ty,
            });
        }
        let discriminator = schema.schema_data.discriminator.as_ref().map(|d| {
            // Without a mapping, the value is the name of the alternative's component schema.
            let implicit: Vec<(String, String)> = items
                .iter()
                .filter_map(|item| match item {
                    ReferenceOr::Reference { reference } => reference
                        .rsplit('/')
                        .next()
                        .map(|key| (key.to_string(), format!("#/components/schemas/{key}"))),
                    ReferenceOr::Item(_) => None,
                })
                .collect();
            let pairs: Vec<(String, String)> = if d.mapping.is_empty() {
                implicit
            } else {
                d.mapping
                    .iter()
                    .map(|(value, target)| (value.clone(), target.clone()))
                    .collect()
            };
            let mapping = pairs
                .into_iter()
                .filter_map(|(value, target)| {
                    let key = target.rsplit('/').next()?;
                    let rust = self.component_names.get(key)?;
                    let variant = variants.iter().find(|v| v.ty == TypeRef::Named(rust.clone()))?;
                    Some((value, variant.rust_name.clone()))
                })
                .collect();
            ir::Discriminator {
                property: d.property_name.clone(),
                mapping,
            }
        });
        Ok(ir::TypeKind::OneOf {
            variants,
            discriminator,
        })
    }
}
