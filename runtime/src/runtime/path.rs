//! Path parameters as percent-encoded segments.

use super::params::ParamValue;

/// A path parameter as one percent-encoded segment: `/` and everything outside RFC 3986's
/// unreserved characters is escaped, so a value can never change which resource is addressed.
/// `.`, `..` and the empty value are refused: URLs resolve dot segments, escaped or not, and an
/// empty segment addresses the parent collection, so each would send the call elsewhere.
pub fn segment<T: ParamValue>(value: &T) -> Result<String, crate::error::Error> {
    const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    let text = value.to_param();
    if matches!(text.as_str(), "" | "." | "..") {
        return Err(crate::error::Error::InvalidRequest(format!(
            "path parameter `{text}` cannot be sent: as a path segment it would address another resource"
        )));
    }
    Ok(percent_encoding::utf8_percent_encode(&text, SEGMENT).to_string())
}
