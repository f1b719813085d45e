//! Values in emitted tests: placeholders for inputs an example does not give, and the Rust
//! expression of a JSON value as an input of a given type, with the text it must have on the wire.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{Api, IntWidth, TypeKind, TypeRef};

/// A stand-in for a required input the example does not give.
pub fn placeholder(api: &Api, ty: &TypeRef) -> Option<serde_json::Value> {
    Some(match ty {
        TypeRef::String | TypeRef::Any => serde_json::Value::from("placeholder"),
        TypeRef::Integer(_) => serde_json::Value::from(1),
        TypeRef::Number => serde_json::Value::from(1.5),
        TypeRef::Boolean => serde_json::Value::from(true),
        TypeRef::DateTime => serde_json::Value::from("2024-01-31T12:00:00Z"),
        TypeRef::Date => serde_json::Value::from("2024-01-31"),
        TypeRef::Array(inner) => serde_json::Value::Array(vec![placeholder(api, inner)?]),
        TypeRef::Named(name) => match &api.type_def(name)?.kind {
            TypeKind::Enum { variants, .. } => serde_json::Value::from(variants.first()?.wire_value.clone()),
            TypeKind::Struct { .. } | TypeKind::OneOf { .. } => return None,
        },
        TypeRef::Map(_) | TypeRef::Bytes | TypeRef::File => return None,
    })
}

/// The Rust expression passing `value` as an input of type `ty`, and the pairs it must put on the wire.
pub fn value_expr(
    api: &Api,
    root: &TokenStream,
    ty: &TypeRef,
    value: &serde_json::Value,
    wire: &str,
    explode: bool,
) -> Option<(TokenStream, Vec<TokenStream>)> {
    if let TypeRef::Array(inner) = ty {
        let items: Vec<serde_json::Value> = match value {
            serde_json::Value::Array(items) => items.clone(),
            single => vec![single.clone()],
        };
        let mut exprs = Vec::new();
        let mut texts = Vec::new();
        for item in &items {
            let (expr, text) = scalar_expr(api, root, inner, item)?;
            exprs.push(expr);
            texts.push(text);
        }
        let pairs = if explode {
            texts.iter().map(|text| quote!((#wire.to_string(), #text))).collect()
        } else if texts.is_empty() {
            Vec::new()
        } else {
            vec![quote!((#wire.to_string(), vec![#(#texts),*].join(",")))]
        };
        let expr = if **inner == TypeRef::String {
            quote!([#(#exprs),*])
        } else {
            quote!(vec![#(#exprs),*])
        };
        return Some((expr, pairs));
    }
    let (expr, text) = scalar_expr(api, root, ty, value)?;
    Some((expr, vec![quote!((#wire.to_string(), #text))]))
}

/// A single value: its Rust expression, and an expression of the text it must have on the wire.
fn scalar_expr(
    api: &Api,
    root: &TokenStream,
    ty: &TypeRef,
    value: &serde_json::Value,
) -> Option<(TokenStream, TokenStream)> {
    let text_of = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    Some(match ty {
        TypeRef::String => {
            let text = text_of(value);
            (quote!(#text), quote!(#text.to_string()))
        }
        TypeRef::Boolean => {
            let flag = match value {
                serde_json::Value::Bool(b) => *b,
                serde_json::Value::String(s) => s.parse().ok()?,
                _ => return None,
            };
            let text = flag.to_string();
            (quote!(#flag), quote!(#text.to_string()))
        }
        TypeRef::Integer(width) => integer_expr(*width, value)?,
        TypeRef::Number => number_expr(root, value)?,
        TypeRef::DateTime => {
            let text = text_of(value);
            let expr = quote!(#root::datetime::Timestamp::parse(#text).expect("the example's date-time parses"));
            (
                expr.clone(),
                quote!(#root::runtime::params::ParamValue::to_param(&#expr)),
            )
        }
        TypeRef::Date => {
            let text = text_of(value);
            let expr = quote!(#text.parse::<#root::datetime::Date>().expect("the example's date parses"));
            (
                expr.clone(),
                quote!(#root::runtime::params::ParamValue::to_param(&#expr)),
            )
        }
        TypeRef::Any => {
            let json = value.to_string();
            let expr = quote!(::serde_json::from_str::<::serde_json::Value>(#json).expect("the example is JSON"));
            (
                expr.clone(),
                quote!(#root::runtime::params::ParamValue::to_param(&#expr)),
            )
        }
        TypeRef::Named(name) => {
            let TypeKind::Enum { .. } = api.type_def(name)?.kind else {
                return None;
            };
            let ident = format_ident!("{}", name);
            let text = text_of(value);
            (quote!(#root::models::#ident::from(#text)), quote!(#text.to_string()))
        }
        TypeRef::Array(_) | TypeRef::Map(_) | TypeRef::Bytes | TypeRef::File => return None,
    })
}

fn integer_expr(width: IntWidth, value: &serde_json::Value) -> Option<(TokenStream, TokenStream)> {
    let number: i64 = match value {
        serde_json::Value::Number(n) => n.as_i64()?,
        serde_json::Value::String(s) => s.trim().parse().ok()?,
        _ => return None,
    };
    let text = number.to_string();
    let literal = match width {
        IntWidth::I32 => {
            let n = i32::try_from(number).ok()?;
            quote!(#n)
        }
        IntWidth::I64 => quote!(#number),
    };
    Some((literal, quote!(#text.to_string())))
}

fn number_expr(root: &TokenStream, value: &serde_json::Value) -> Option<(TokenStream, TokenStream)> {
    let number: f64 = match value {
        serde_json::Value::Number(n) => n.as_f64()?,
        serde_json::Value::String(s) => s.trim().parse().ok()?,
        _ => return None,
    };
    let literal = proc_macro2::Literal::f64_suffixed(number);
    Some((
        quote!(#literal),
        quote!(#root::runtime::params::ParamValue::to_param(&#literal)),
    ))
}
