//! What the IR says about the crate around the operations and models: how replies are read, which
//! runtime modules it needs, and what its README shows.

/// How far the document's replies can be trusted; chosen by whoever generates the crate (an option,
/// or the document's `.toml` beside it), never guessed from the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReplyMode {
    /// Replies are what the document says: a required, non-nullable field is a plain `T`, and a
    /// reply that leaves it out fails to decode with an error naming the model and the field.
    #[default]
    Strict,
    /// Replies break the document (Twilio's leave out and `null` fields whatever `required` says,
    /// and send numbers as strings): every field is an `Option`, numbers also decode from strings,
    /// and a value that does not fit an optional number or date decodes as `None`.
    Lenient,
}

/// The optional modules of the runtime (`runtime/` in this repository) a crate gets a copy of, so
/// no crate carries code for what its document does not use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RuntimeParts {
    /// Any query, header, path or form input: `runtime/params.rs`.
    pub params: bool,
    /// Any path parameter: percent-encoded segments, `runtime/path.rs`.
    pub path_params: bool,
    /// Any parameter written by a style other than plain pairs (objects, delimited lists, labels,
    /// cookies, JSON in a query): `runtime/styles.rs`.
    pub styles: bool,
    /// Any `multipart/form-data` body: `runtime/multipart.rs`.
    pub multipart: bool,
    /// A Twilio API (its server is `*.twilio.com`) with HTTP basic authentication: Twilio's
    /// conventions, `twilio.rs` (credentials from the environment, region and edge).
    pub twilio: bool,
    /// Any date-time or date anywhere: `datetime.rs`.
    pub dates: bool,
    /// Any struct model: `runtime/model.rs`, which their serde impls go through.
    pub models: bool,
    /// Any field read leniently ([`Field::lenient`]): `runtime/lenient.rs`.
    pub lenient: bool,
    /// Any list operation: the `Pages` walker, `runtime/pages.rs`.
    pub pages: bool,
    /// Any emitted test that talks to a loopback server (request examples, pages): the test server
    /// and tokio as a dev-dependency.
    pub loopback_tests: bool,
    /// Any bearer or OAuth 2 scheme, or an operation that issues access tokens: the `token` module.
    pub tokens: bool,
    /// An OAuth 2 client-credentials scheme: the client fetches its own tokens.
    pub client_credentials: bool,
}

/// What the README shows beyond the fixed prose.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Readme {
    /// Index in [`Api::operations`] of the operation the first example calls.
    pub example: Option<usize>,
    /// Index in [`Api::security_schemes`] of the scheme the examples (and emitted tests)
    /// authenticate with; `None` when the document has no schemes.
    pub credentials: Option<usize>,
    /// An operation that issues access tokens, shown feeding a token cache.
    pub token_issuer: Option<TokenIssuer>,
}

/// An operation whose reply carries an access token (OAuth's token endpoint, say).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenIssuer {
    /// Index in [`Api::operations`].
    pub operation: usize,
    /// Rust name of the reply's field that holds the token (a `String`).
    pub access_token: String,
    /// Rust name of the reply's integer field that says, in seconds, how long the token lives.
    pub expires_in: Option<String>,
    /// Rust name of the required input that names the grant (`grant_type`), given
    /// `"client_credentials"` in the example.
    pub grant_type: Option<String>,
    /// Rust name of the optional input that takes the client secret.
    pub client_secret: Option<String>,
}
