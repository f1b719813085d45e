//! How models decode and encode. Each model's `Deserialize` reads its fields in one pass over the
//! object, and its `Serialize` writes them as map entries, through these shared pieces instead of
//! serde's derives: those emit a field enum, a sequence visitor and a wrapper type per adapted field
//! for every model, most of a large crate's compile time, for nothing JSON needs.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, Error, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap};

/// A model read field by field from a JSON object.
pub trait Object: Sized {
    /// What a decode error says was expected instead: `struct Name`.
    const EXPECTING: &'static str;

    /// Reads every entry of `map`, skipping keys the model does not know; a key sent twice keeps
    /// its last value.
    fn read<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// Decodes any [`Object`]: the body of each model's `Deserialize`.
pub fn object<'de, T: Object, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Object> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::read(map)
    }
}

/// An object's key, borrowed from the input when it can be (no allocation per field).
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }

            fn visit_borrowed_str<E: Error>(self, key: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(key)))
            }

            fn visit_str<E: Error>(self, key: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(key.to_owned())))
            }

            fn visit_string<E: Error>(self, key: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(key)))
            }
        }

        deserializer.deserialize_str(KeyVisitor)
    }
}

/// A field type read leniently when it is optional: a value of another JSON shape (a number sent as
/// a string, a malformed date) becomes `None` instead of an error that fails the whole reply.
pub trait Lenient: Sized {
    fn from_json(value: serde_json::Value) -> Option<Self>;
}

/// `map.next_lenient()`: the next value, as an optional [`Lenient`] field.
pub trait Fields<'de>: MapAccess<'de> {
    fn next_lenient<T: Lenient>(&mut self) -> Result<Option<T>, Self::Error> {
        Ok(self.next_value::<Option<serde_json::Value>>()?.and_then(T::from_json))
    }
}

impl<'de, A: MapAccess<'de>> Fields<'de> for A {}

/// A required field's value, or an error naming the model and the field when the object left it
/// out (serde's own says only "missing field").
pub fn required<T, E: Error>(value: Option<T>, model: &'static str, field: &'static str) -> Result<T, E> {
    value.ok_or_else(|| {
        E::custom(format_args!(
            "missing field `{field}` of {model}, which the document requires"
        ))
    })
}

/// `map.optional(key, &field)`: an entry for an optional field, or nothing when it is `None`.
pub trait Entries: SerializeMap {
    fn optional<T: Serialize>(&mut self, key: &'static str, value: &Option<T>) -> Result<(), Self::Error> {
        match value {
            Some(value) => self.serialize_entry(key, value),
            None => Ok(()),
        }
    }
}

impl<M: SerializeMap> Entries for M {}
