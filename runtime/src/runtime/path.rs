//! Path parameters as percent-encoded segments.

use super::params::ParamValue;

/// A path parameter as one percent-encoded segment: `/` and everything outside RFC 3986's
/// unreserved characters is escaped, so a value can never change which resource is addressed.
pub fn segment<T: ParamValue>(value: &T) -> String {
    const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(&value.to_param(), SEGMENT).to_string()
}
