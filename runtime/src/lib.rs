//! The runtime of generated clients, as a crate of its own so that it compiles, is linted and is
//! tested where it is written.
//!
//! Generated crates do not depend on this crate: each gets a copy of exactly the modules its
//! document needs (the generator's `emit/runtime_files.rs` says which, and where each goes), so a
//! generated crate stands alone. The layout here is a generated crate's: the modules refer to each
//! other as `crate::client`, `crate::runtime::params` and so on, and copied files keep working.
//!
//! Files that declare modules (this one, `runtime/mod.rs`, `token/mod.rs`) are not copied: the
//! generator emits its own, naming only the modules a crate gets. The parts a generated crate adds
//! (`auth`, the models and operations, the constants below) are stood in for by the generator's
//! output for the fixture document `generator/tests/fixtures/schemes_and_shapes.yaml`.

pub mod client;
pub mod clock;
pub mod datetime;
pub mod error;
pub mod loopback;
pub mod reply;
pub mod retry;
pub mod runtime;
pub mod token;
pub mod twilio;

/// The credentials of a generated crate, as the generator emits them for the fixture document, so
/// the runtime is compiled against the real interface, which cannot drift.
#[path = "../../generated-fixture/src/auth.rs"]
pub mod auth;

pub use auth::Credentials;
pub use client::{Client, ClientBuilder};
pub use datetime::{Date, Timestamp};
pub use error::{ApiError, DecodeError, Error, TwilioError};
pub use reply::{ByteStream, Pending, Response};
pub use reqwest;
pub use retry::RetryPolicy;

/// Stands in for a generated crate's server.
pub const DEFAULT_BASE_URL: &str = "https://api.example.com";

/// Stands in for a generated crate's server URL template and its variables (name, default, the
/// values allowed; none: any).
#[doc(hidden)]
pub const SERVER_TEMPLATE: &str = "https://api.example.com";
#[doc(hidden)]
pub const SERVER_VARIABLES: &[(&str, &str, &[&str])] = &[];

/// Stands in for a generated crate's secret field names: the fixture document's (its one field marked
/// `x-twilio: {pii: {handling: sensitive}}`). A generated crate lists the wire names of every field
/// its document marks secret; `runtime::redact_text` masks their values, and those of
/// `runtime::redact_text::ALWAYS_SECRET`, in what errors keep of replies.
#[doc(hidden)]
pub const SECRET_FIELDS: &[&str] = &["owner_phone"];

/// Stands in for a generated crate's `SECRET_INPUTS`, the fixture document's: the wire names of its
/// secret inputs, masked in forms and query strings that errors keep (none in the fixture).
#[doc(hidden)]
pub const SECRET_INPUTS: &[&str] = &[];

/// Stands in for a generated crate's OAuth 2 token URL.
pub const DEFAULT_TOKEN_URL: &str = "https://api.example.com/oauth2/token";
