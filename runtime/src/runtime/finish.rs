//! How a reply becomes an operation's result: one function per kind of result, shared by every
//! operation (an operation names its kind, `Json<Pet>`, and [`value`] or [`with_metadata`] does
//! the rest), so no operation carries a helper of its own.

use std::marker::PhantomData;

use crate::error::Error;
use crate::reply::{ByteStream, Response};
use crate::runtime::http::Reply;

/// A kind of result, read from a reply.
pub trait Finish {
    type Output;
    fn finish(reply: &mut Reply) -> Result<Self::Output, Error>;
}

/// The body decoded from JSON.
pub struct Json<T>(PhantomData<T>);
/// The body decoded from JSON, or `None` for a bodiless success (a `204`, a `304`).
pub struct JsonOptional<T>(PhantomData<T>);
/// The body as text.
pub struct Text;
/// The body's bytes.
pub struct Bytes;
/// Nothing: the operation documents no body.
pub struct Nothing;
/// The body unread, to stream.
pub struct Stream;

impl<T: serde::de::DeserializeOwned> Finish for Json<T> {
    type Output = T;
    fn finish(reply: &mut Reply) -> Result<T, Error> {
        reply.json()
    }
}

impl<T: serde::de::DeserializeOwned> Finish for JsonOptional<T> {
    type Output = Option<T>;
    fn finish(reply: &mut Reply) -> Result<Option<T>, Error> {
        reply.json_optional()
    }
}

impl Finish for Text {
    type Output = String;
    fn finish(reply: &mut Reply) -> Result<String, Error> {
        Ok(reply.take_text())
    }
}

impl Finish for Bytes {
    type Output = Vec<u8>;
    fn finish(reply: &mut Reply) -> Result<Vec<u8>, Error> {
        Ok(reply.take_bytes())
    }
}

impl Finish for Nothing {
    type Output = ();
    fn finish(_: &mut Reply) -> Result<(), Error> {
        Ok(())
    }
}

impl Finish for Stream {
    type Output = ByteStream;
    fn finish(reply: &mut Reply) -> Result<ByteStream, Error> {
        Ok(reply.take_stream())
    }
}

/// The result alone.
pub fn value<F: Finish>(mut reply: Reply) -> Result<F::Output, Error> {
    F::finish(&mut reply)
}

/// The result with the reply's status and headers.
pub fn with_metadata<F: Finish>(mut reply: Reply) -> Result<Response<F::Output>, Error> {
    let value = F::finish(&mut reply)?;
    Ok(reply.into_response(value))
}
