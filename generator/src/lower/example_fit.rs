//! Whether a reply example fits its own schema as the client reads it. Vendors' examples do not
//! always: a required field left out, a string where a number belongs. The emitted test of such
//! an example checks that the client refuses it, with the error it gives.

use serde_json::Value;

use super::Lowerer;
use crate::ir::{self, IntWidth, Refusal, TypeKind, TypeRef};

/// One thing wrong with an example.
enum Problem {
    Missing { model: String, field: String, at: String },
    Other(String),
}

impl Lowerer<'_> {
    /// What the client finds wrong with `value` as a `ty`, if anything.
    pub(super) fn refusal(&self, ty: &TypeRef, value: &Value) -> Option<Refusal> {
        let mut problems = Vec::new();
        self.check(ty, value, String::new(), &mut problems);
        match problems.as_slice() {
            [] => None,
            [Problem::Missing { model, field, .. }] => Some(Refusal::MissingField {
                model: model.clone(),
                field: field.clone(),
            }),
            _ => Some(Refusal::Problems(
                problems
                    .iter()
                    .map(|p| match p {
                        Problem::Missing { model, field, at } => {
                            format!("{}: missing field `{field}` of {model}", pointer(at))
                        }
                        Problem::Other(text) => text.clone(),
                    })
                    .collect(),
            )),
        }
    }

    /// An example as the value it stands for. Some documents write an example as JSON text inside a
    /// YAML string (`example: '{"id": 1}'`); where the type is not text, such a string that parses as
    /// JSON is that JSON.
    pub(super) fn example_as_json(&self, ty: &TypeRef, value: Value) -> Value {
        let Value::String(text) = &value else {
            return value;
        };
        let textual = match ty {
            TypeRef::String | TypeRef::DateTime | TypeRef::Date | TypeRef::Any => true,
            TypeRef::Named(name) => matches!(self.types.get(name).map(|t| &t.kind), Some(TypeKind::Enum { .. })),
            TypeRef::Integer(_)
            | TypeRef::Number
            | TypeRef::Boolean
            | TypeRef::Array(_)
            | TypeRef::Map(_)
            | TypeRef::Bytes
            | TypeRef::File => false,
        };
        if textual {
            return value;
        }
        serde_json::from_str(text.trim()).unwrap_or(value)
    }

    fn check(&self, ty: &TypeRef, value: &Value, at: String, problems: &mut Vec<Problem>) {
        let wrong = |expected: &str| Problem::Other(format!("{}: expected {expected}, found {value}", pointer(&at)));
        match (ty, value) {
            (TypeRef::Any, _) => {}
            (TypeRef::String | TypeRef::DateTime | TypeRef::Date, Value::String(_)) => {}
            (TypeRef::Boolean, Value::Bool(_)) => {}
            (TypeRef::Number, Value::Number(_)) => {}
            (TypeRef::Integer(IntWidth::I64), Value::Number(n)) if n.is_i64() => {}
            (TypeRef::Integer(IntWidth::I32), Value::Number(n))
                if n.as_i64().is_some_and(|n| i32::try_from(n).is_ok()) => {}
            (TypeRef::Array(item), Value::Array(items)) => {
                for (i, child) in items.iter().enumerate() {
                    self.check(item, child, format!("{at}/{i}"), problems);
                }
            }
            (TypeRef::Map(item), Value::Object(entries)) => {
                for (key, child) in entries {
                    self.check(item, child, format!("{at}/{}", escape(key)), problems);
                }
            }
            (TypeRef::Named(name), _) => self.check_named(name, value, at, problems),
            (TypeRef::String | TypeRef::DateTime | TypeRef::Date, _) => problems.push(wrong("a string")),
            (TypeRef::Boolean, _) => problems.push(wrong("a boolean")),
            (TypeRef::Number, _) => problems.push(wrong("a number")),
            (TypeRef::Integer(_), _) => problems.push(wrong("an integer in range")),
            (TypeRef::Array(_), _) => problems.push(wrong("an array")),
            (TypeRef::Map(_), _) => problems.push(wrong("an object")),
            // Bytes are never JSON: there is nothing to check.
            (TypeRef::Bytes | TypeRef::File, _) => {}
        }
    }

    fn check_named(&self, name: &str, value: &Value, at: String, problems: &mut Vec<Problem>) {
        let Some(def) = self.types.get(name) else { return };
        match (&def.kind, value) {
            (TypeKind::Struct { fields, .. }, Value::Object(entries)) => {
                for field in fields {
                    self.check_field(name, field, entries.get(&field.wire_name), &at, problems);
                }
            }
            (TypeKind::Enum { .. }, Value::String(_)) => {}
            (
                TypeKind::OneOf {
                    variants,
                    discriminator,
                    catch_all,
                },
                _,
            ) => {
                let tag = discriminator.as_ref().and_then(|d| value.get(&d.property)?.as_str());
                let mapped = discriminator
                    .as_ref()
                    .and_then(|d| d.mapping.iter().find(|(v, _)| Some(v.as_str()) == tag));
                if let Some((_, variant)) = mapped {
                    if let Some(v) = variants.iter().find(|v| &v.rust_name == variant) {
                        self.check(&v.ty, value, at, problems);
                    }
                } else if catch_all.is_none() && !variants.iter().any(|v| self.fits(&v.ty, value)) {
                    problems.push(Problem::Other(format!(
                        "{}: fits no alternative of {name}",
                        pointer(&at)
                    )));
                }
            }
            (TypeKind::Struct { .. }, _) => problems.push(Problem::Other(format!(
                "{}: expected an object, found {value}",
                pointer(&at)
            ))),
            (TypeKind::Enum { .. }, _) => problems.push(Problem::Other(format!(
                "{}: expected a string, found {value}",
                pointer(&at)
            ))),
        }
    }

    fn check_field(
        &self,
        model: &str,
        field: &ir::Field,
        value: Option<&Value>,
        at: &str,
        problems: &mut Vec<Problem>,
    ) {
        let at = format!("{at}/{}", escape(&field.wire_name));
        match value {
            None if !field.optional => problems.push(Problem::Missing {
                model: model.to_string(),
                field: field.wire_name.clone(),
                at,
            }),
            Some(Value::Null) if !field.optional => problems.push(Problem::Other(format!(
                "{}: null, where {model} requires a value",
                pointer(&at)
            ))),
            None | Some(Value::Null) => {}
            // Read leniently: whatever does not fit becomes `None`.
            Some(_) if field.lenient => {}
            Some(value) => self.check(&field.ty, value, at, problems),
        }
    }

    /// `value` as a body of type `ty` goes on the wire: keys no field names (where the model keeps
    /// no other entries) and `readOnly` fields left out, their pointers in `left_out`.
    pub(super) fn as_sent(&self, ty: &TypeRef, value: &Value, at: String, left_out: &mut Vec<String>) -> Value {
        match (ty, value) {
            (TypeRef::Array(item), Value::Array(items)) => Value::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| self.as_sent(item, v, format!("{at}/{i}"), left_out))
                    .collect(),
            ),
            (TypeRef::Map(item), Value::Object(entries)) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| {
                        (
                            k.clone(),
                            self.as_sent(item, v, format!("{at}/{}", escape(k)), left_out),
                        )
                    })
                    .collect(),
            ),
            (TypeRef::Named(name), _) => self.named_as_sent(name, value, at, left_out),
            _ => value.clone(),
        }
    }

    fn named_as_sent(&self, name: &str, value: &Value, at: String, left_out: &mut Vec<String>) -> Value {
        match (self.types.get(name).map(|t| &t.kind), value) {
            (Some(TypeKind::Struct { fields, additional }), Value::Object(entries)) => {
                let mut sent = serde_json::Map::new();
                for (key, child) in entries {
                    let child_at = format!("{at}/{}", escape(key));
                    match fields.iter().find(|f| &f.wire_name == key) {
                        Some(field) if field.read_only => left_out.push(child_at),
                        Some(field) => {
                            sent.insert(key.clone(), self.as_sent(&field.ty, child, child_at, left_out));
                        }
                        None if additional.is_some() => {
                            sent.insert(key.clone(), child.clone());
                        }
                        None => left_out.push(child_at),
                    }
                }
                Value::Object(sent)
            }
            (
                Some(TypeKind::OneOf {
                    variants,
                    discriminator,
                    ..
                }),
                _,
            ) => {
                // The alternative the client decodes the value as (see emit/models/one_of.rs): the one
                // its discriminator names, else the first object alternative that names every key,
                // else the first it fits.
                let tag = discriminator.as_ref().and_then(|d| {
                    let tag = value.get(&d.property)?.as_str()?;
                    let (_, variant) = d.mapping.iter().find(|(v, _)| v == tag)?;
                    variants.iter().find(|v| &v.rust_name == variant)
                });
                let exact = || {
                    variants
                        .iter()
                        .find(|v| self.names_every_key(&v.ty, value) && self.fits(&v.ty, value))
                };
                let first = || variants.iter().find(|v| self.fits(&v.ty, value));
                match tag.or_else(exact).or_else(first) {
                    Some(variant) => self.as_sent(&variant.ty, value, at, left_out),
                    None => value.clone(),
                }
            }
            _ => value.clone(),
        }
    }

    /// Whether `ty` is a struct without other entries whose fields name every key of `value`.
    fn names_every_key(&self, ty: &TypeRef, value: &Value) -> bool {
        let (TypeRef::Named(name), Value::Object(entries)) = (ty, value) else {
            return false;
        };
        match self.types.get(name).map(|t| &t.kind) {
            Some(TypeKind::Struct {
                fields,
                additional: None,
            }) => entries.keys().all(|key| fields.iter().any(|f| &f.wire_name == key)),
            _ => false,
        }
    }

    fn fits(&self, ty: &TypeRef, value: &Value) -> bool {
        let mut problems = Vec::new();
        self.check(ty, value, String::new(), &mut problems);
        problems.is_empty()
    }
}

fn pointer(at: &str) -> &str {
    if at.is_empty() {
        "the example"
    } else {
        at
    }
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}
