//! Helpers the generated code shares; not part of a generated crate's public API. A generated crate
//! declares only the ones it needs.

pub mod date_params;
pub mod finish;
pub mod http;
pub mod lenient;
pub mod lenient_dates;
pub mod model;
pub mod multipart;
pub mod pages;
pub mod params;
pub mod path;
pub mod redact;
pub mod redact_scan;
pub mod redact_text;
pub mod styles;
pub mod trace;
