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
