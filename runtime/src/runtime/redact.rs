//! What `Debug` prints in place of a secret.

use std::fmt;

/// Printed instead of a secret value: `[redacted]`.
#[derive(Clone, Copy)]
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// What `Debug` shows of a secret field or input: `[redacted]`, and for an optional one whether it
/// is set (`Some([redacted])` or `None`), which is not a secret and helps when reading a log.
pub fn redacted<T: Secret + ?Sized>(value: &T) -> &'static dyn fmt::Debug {
    value.redacted()
}

/// A type a secret can be held in.
pub trait Secret {
    fn redacted(&self) -> &'static dyn fmt::Debug;
}

const SET: Option<Redacted> = Some(Redacted);
const UNSET: Option<Redacted> = None;

impl<T> Secret for Option<T> {
    fn redacted(&self) -> &'static dyn fmt::Debug {
        if self.is_some() {
            &SET
        } else {
            &UNSET
        }
    }
}

impl Secret for String {
    fn redacted(&self) -> &'static dyn fmt::Debug {
        &Redacted
    }
}

impl Secret for serde_json::Value {
    fn redacted(&self) -> &'static dyn fmt::Debug {
        &Redacted
    }
}

impl<T> Secret for Vec<T> {
    fn redacted(&self) -> &'static dyn fmt::Debug {
        &Redacted
    }
}

impl<T> Secret for std::collections::BTreeMap<String, T> {
    fn redacted(&self) -> &'static dyn fmt::Debug {
        &Redacted
    }
}
