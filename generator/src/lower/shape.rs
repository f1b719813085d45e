//! What a schema is, whichever way the document wrote it: an object (with properties, through
//! `allOf`, or both), a map, a choice (`oneOf`, `anyOf`), a list, a string enum, a scalar, anything,
//! or another schema under annotations (`allOf: [$ref]` with a `description` or `nullable` beside).

use openapiv3::{AdditionalProperties, AnySchema, ReferenceOr, Schema, SchemaKind, Type};

use crate::ir::{IntWidth, TypeRef};

pub(super) enum Shape<'s> {
    /// Properties of its own or from `allOf` parts: a struct.
    Object,
    /// `additionalProperties` alone: a map whose values are this schema (`None`: any value).
    Map(Option<&'s ReferenceOr<Schema>>),
    /// `oneOf` or `anyOf` (`keyword`) of several alternatives.
    Choice {
        alternatives: &'s [ReferenceOr<Schema>],
        keyword: &'static str,
    },
    /// One schema under annotations: `allOf`, `oneOf` or `anyOf` of one alternative, or `allOf`
    /// of one schema and parts that only annotate it. `keyword` and `index` say where it is.
    Same {
        target: &'s ReferenceOr<Schema>,
        keyword: &'static str,
        index: usize,
    },
    Array(Option<&'s ReferenceOr<Box<Schema>>>),
    StringEnum(Vec<String>),
    Scalar(TypeRef),
    Any,
    Unsupported(String),
}

/// The shape of `schema`, by its keywords.
pub(super) fn shape_of(schema: &Schema) -> Shape<'_> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => {
            let values: Vec<String> = s.enumeration.iter().flatten().cloned().collect();
            if values.is_empty() {
                Shape::Scalar(string_type(string_format(&s.format)))
            } else {
                Shape::StringEnum(values)
            }
        }
        SchemaKind::Type(Type::Number(_)) => Shape::Scalar(TypeRef::Number),
        SchemaKind::Type(Type::Integer(i)) => Shape::Scalar(TypeRef::Integer(match &i.format {
            openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => IntWidth::I32,
            _ => IntWidth::I64,
        })),
        SchemaKind::Type(Type::Boolean(_)) => Shape::Scalar(TypeRef::Boolean),
        SchemaKind::Type(Type::Array(a)) => Shape::Array(a.items.as_ref()),
        SchemaKind::Type(Type::Object(o)) => object_or_map(!o.properties.is_empty(), o.additional_properties.as_ref()),
        SchemaKind::AllOf { all_of } => match substantive(all_of) {
            Some((index, target)) => Shape::Same {
                target,
                keyword: "allOf",
                index,
            },
            None => Shape::Object,
        },
        SchemaKind::OneOf { one_of } => choice(one_of, "oneOf"),
        SchemaKind::AnyOf { any_of } => choice(any_of, "anyOf"),
        SchemaKind::Not { .. } => Shape::Unsupported("`not`".to_string()),
        SchemaKind::Any(any) => untyped(any),
    }
}

fn choice<'s>(alternatives: &'s [ReferenceOr<Schema>], keyword: &'static str) -> Shape<'s> {
    match alternatives {
        [only] => Shape::Same {
            target: only,
            keyword,
            index: 0,
        },
        [] => Shape::Any,
        _ => Shape::Choice { alternatives, keyword },
    }
}

fn object_or_map(has_properties: bool, additional: Option<&AdditionalProperties>) -> Shape<'_> {
    if has_properties {
        return Shape::Object;
    }
    match additional {
        Some(AdditionalProperties::Schema(value)) => Shape::Map(Some(value.as_ref())),
        Some(AdditionalProperties::Any(true)) => Shape::Map(None),
        // An object with no declared properties holds whatever it holds.
        Some(AdditionalProperties::Any(false)) | None => Shape::Any,
    }
}

/// Schemas without a single `type` keyword of their own kind: keywords of several kinds mixed.
fn untyped(any: &AnySchema) -> Shape<'_> {
    if any.not.is_some() {
        return Shape::Unsupported("`not`".to_string());
    }
    let has_properties = !any.properties.is_empty() || !any.all_of.is_empty();
    for (alternatives, keyword) in [(&any.one_of, "oneOf"), (&any.any_of, "anyOf")] {
        // Alternatives that only list `required` properties constrain an object; they add no type.
        if alternatives.is_empty() || alternatives.iter().all(only_constrains) {
            continue;
        }
        if has_properties {
            return Shape::Unsupported(format!("`{keyword}` beside `properties` or `allOf`"));
        }
        return choice(alternatives, keyword);
    }
    if any.properties.is_empty() && any.required.is_empty() {
        if let Some((index, target)) = substantive(&any.all_of) {
            return Shape::Same {
                target,
                keyword: "allOf",
                index,
            };
        }
    }
    let typ = any.typ.as_deref();
    if has_properties || typ == Some("object") {
        return object_or_map(has_properties, any.additional_properties.as_ref());
    }
    if any.items.is_some() || typ == Some("array") {
        return Shape::Array(any.items.as_ref());
    }
    if matches!(typ, None | Some("string"))
        && !any.enumeration.is_empty()
        && any.enumeration.iter().all(|v| v.is_string() || v.is_null())
    {
        let values = any.enumeration.iter().filter_map(|v| v.as_str().map(str::to_string));
        return Shape::StringEnum(values.collect());
    }
    match typ {
        Some("string") => Shape::Scalar(string_type(any.format.as_deref())),
        Some("integer") => Shape::Scalar(TypeRef::Integer(if any.format.as_deref() == Some("int32") {
            IntWidth::I32
        } else {
            IntWidth::I64
        })),
        Some("number") => Shape::Scalar(TypeRef::Number),
        Some("boolean") => Shape::Scalar(TypeRef::Boolean),
        None if any.additional_properties.is_some() => object_or_map(false, any.additional_properties.as_ref()),
        None => Shape::Any,
        Some(other) => Shape::Unsupported(format!("schema type `{other}`")),
    }
}

/// The one part of an `allOf` that says what the value is, when the others only annotate it
/// (`allOf: [{$ref: tags}, {description: …, example: …}]`), with its index.
fn substantive(parts: &[ReferenceOr<Schema>]) -> Option<(usize, &ReferenceOr<Schema>)> {
    let mut found = parts.iter().enumerate().filter(|(_, part)| !only_annotates(part));
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// A schema with annotations (`description`, `example`, `nullable`, …) and nothing that shapes a value.
fn only_annotates(part: &ReferenceOr<Schema>) -> bool {
    let ReferenceOr::Item(schema) = part else {
        return false;
    };
    match &schema.schema_kind {
        SchemaKind::Any(any) => {
            any.typ.is_none()
                && any.properties.is_empty()
                && any.required.is_empty()
                && any.items.is_none()
                && any.enumeration.is_empty()
                && any.all_of.is_empty()
                && any.one_of.is_empty()
                && any.any_of.is_empty()
                && any.not.is_none()
                && any.additional_properties.is_none()
        }
        _ => false,
    }
}

/// An alternative that only says which properties are required (`oneOf: [{required: [a]}, …]`).
fn only_constrains(alternative: &ReferenceOr<Schema>) -> bool {
    let ReferenceOr::Item(schema) = alternative else {
        return false;
    };
    match &schema.schema_kind {
        SchemaKind::Any(any) => {
            any.typ.is_none()
                && any.properties.is_empty()
                && any.items.is_none()
                && any.enumeration.is_empty()
                && any.all_of.is_empty()
                && any.one_of.is_empty()
                && any.any_of.is_empty()
                && any.additional_properties.is_none()
        }
        _ => false,
    }
}

fn string_format(format: &openapiv3::VariantOrUnknownOrEmpty<openapiv3::StringFormat>) -> Option<&str> {
    match format {
        openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::DateTime) => Some("date-time"),
        openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Date) => Some("date"),
        openapiv3::VariantOrUnknownOrEmpty::Unknown(f) => Some(f.as_str()),
        _ => None,
    }
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
