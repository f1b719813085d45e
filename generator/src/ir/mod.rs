//! The generator's own model of an API: what `lower` decides and `emit` reads.
//!
//! Plain data, no `openapiv3` types and no tokens. Every name here is final (already a valid,
//! collision-free Rust identifier), every `$ref` is resolved to a [`TypeRef::Named`], and every list
//! is in a deterministic order, so `Debug` output doubles as a readable snapshot of a lowering.

/// One API: everything needed to emit its client crate.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// Cargo package name, kebab-case (`twilio-oauth-v1`).
    pub crate_name: String,
    /// The crate's name in Rust code (`twilio_oauth_v1`), as its tests and README name it.
    pub crate_ident: String,
    /// The document's `info.version`, as written (`1.53.0`, `v2`, `2010-04-01`).
    pub version: String,
    /// `version` as Cargo needs it: `MAJOR.MINOR.PATCH`.
    pub crate_version: String,
    pub title: String,
    pub docs: Docs,
    /// Base URLs in document order, as written (templates keep their `{variables}`).
    pub servers: Vec<String>,
    /// The client's default base URL: the first server with each variable at its default.
    pub base_url: String,
    /// The first server's variables (`https://{region}.api.example.com`), each a `ClientBuilder`
    /// setter.
    pub server_variables: Vec<ServerVariable>,
    pub security_schemes: Vec<SecurityScheme>,
    pub operations: Vec<Operation>,
    /// Named types, sorted by Rust name.
    pub types: Vec<TypeDef>,
    /// How replies are read: as the document says, or leniently (see [`ReplyMode`]).
    pub replies: ReplyMode,
    /// Which optional parts of the runtime the crate needs.
    pub runtime: RuntimeParts,
    /// What the crate's README shows.
    pub readme: Readme,
    /// Mistakes in the document that cost only what they name, each with its pointer: the crate is
    /// generated without that part, and whoever generates it is told.
    pub warnings: Vec<Warning>,
}

/// A variable of the server URL template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerVariable {
    /// The name in the template, as written.
    pub name: String,
    /// The `ClientBuilder` setter, snake_case.
    pub setter: String,
    pub default: String,
    /// The values the document allows; empty for any.
    pub allowed: Vec<String>,
    pub docs: Docs,
}

/// A mistake in the document that generation went past.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// JSON pointer into the document.
    pub pointer: String,
    pub message: String,
}

impl Api {
    /// The named type a [`TypeRef::Named`] refers to.
    pub fn type_def(&self, rust_name: &str) -> Option<&TypeDef> {
        self.types
            .binary_search_by(|t| t.rust_name.as_str().cmp(rust_name))
            .ok()
            .map(|index| &self.types[index])
    }

    /// The token URL of the document's first OAuth 2 client-credentials scheme.
    pub fn client_credentials_url(&self) -> Option<&str> {
        self.security_schemes.iter().find_map(|s| match &s.kind {
            SecurityKind::OAuth2ClientCredentials { token_url } => Some(token_url.as_str()),
            SecurityKind::HttpBasic
            | SecurityKind::HttpBearer
            | SecurityKind::OAuth2 { .. }
            | SecurityKind::OpenIdConnect { .. }
            | SecurityKind::ApiKey { .. } => None,
        })
    }
}

mod crate_parts;

pub use crate_parts::{Readme, ReplyMode, RuntimeParts, TokenIssuer};

/// Documentation text carried from the document into rustdoc.
pub type Docs = Option<String>;

#[derive(Debug, Clone, PartialEq)]
pub struct SecurityScheme {
    /// The key under `components/securitySchemes`.
    pub key: String,
    /// Variant of the emitted `auth::Scheme` enum, UpperCamelCase.
    pub rust_name: String,
    pub kind: SecurityKind,
    pub docs: Docs,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecurityKind {
    /// `type: http, scheme: basic`: username and password on every request that asks for it.
    HttpBasic,
    /// `type: http, scheme: bearer`: a token in `Authorization: Bearer`.
    HttpBearer,
    /// `type: oauth2` with a `clientCredentials` flow: a token from `token_url`, sent as a bearer token.
    OAuth2ClientCredentials { token_url: String },
    /// `type: oauth2` with only flows a user takes part in (authorization code, implicit, password):
    /// the application gets the token, the client sends it as a bearer token.
    OAuth2 {
        /// The flows the document lists, by their OpenAPI names (`authorizationCode`, …).
        flows: Vec<String>,
    },
    /// `type: openIdConnect`: the application gets the token from the provider at `url`, the client
    /// sends it as a bearer token.
    OpenIdConnect { url: String },
    /// `type: apiKey`: a key sent as a header, a query parameter or a cookie named `name`.
    ApiKey {
        name: String,
        location: ApiKeyLocation,
        /// The `Credentials` constructor that takes this key, snake_case (`api_key`).
        constructor: String,
    },
}

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ApiKeyLocation {
    Header,
    Query,
    Cookie,
}

/// An API key scheme's parts, as [`SecurityKind::api_key`] gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiKey<'a> {
    pub name: &'a str,
    pub location: ApiKeyLocation,
    pub constructor: &'a str,
}

impl SecurityKind {
    /// The key's name, place and constructor, for an API key scheme.
    pub fn api_key(&self) -> Option<ApiKey<'_>> {
        match self {
            SecurityKind::ApiKey {
                name,
                location,
                constructor,
            } => Some(ApiKey {
                name,
                location: *location,
                constructor,
            }),
            SecurityKind::HttpBasic
            | SecurityKind::HttpBearer
            | SecurityKind::OAuth2ClientCredentials { .. }
            | SecurityKind::OAuth2 { .. }
            | SecurityKind::OpenIdConnect { .. } => None,
        }
    }

    /// Whether requests carry this scheme's credential as `Authorization: Bearer`.
    pub fn sends_bearer(&self) -> bool {
        match self {
            SecurityKind::HttpBearer
            | SecurityKind::OAuth2ClientCredentials { .. }
            | SecurityKind::OAuth2 { .. }
            | SecurityKind::OpenIdConnect { .. } => true,
            SecurityKind::HttpBasic | SecurityKind::ApiKey { .. } => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// Method name on the client, snake_case (`create_token`).
    pub fn_name: String,
    /// Request builder type, UpperCamelCase (`CreateTokenRequest`).
    pub builder_name: String,
    /// The operationId as written, or the name synthesized from method and path.
    pub wire_id: String,
    /// Module (file) under `operations/` the operation is emitted into, from its first tag.
    pub module: String,
    pub method: Method,
    /// The path template split into literal text and parameters.
    pub path: Vec<PathSegment>,
    /// Path, query and header parameters in document order.
    pub params: Vec<Param>,
    pub body: Option<Body>,
    pub responses: Vec<Response>,
    /// What `send` returns: the body of the first success response that has one.
    pub output: Option<TypeRef>,
    /// How that body is read.
    pub output_format: ReplyFormat,
    /// Another success response has no body (a `204`, a `304`): the result is an `Option`.
    pub output_optional: bool,
    /// The `Accept` header: the media types the result may come in.
    pub accept: String,
    /// The headers the success responses declare (rate limits, `Location`), by wire name.
    pub reply_headers: Vec<String>,
    /// How to walk every page, when the result is one page of a list.
    pub pagination: Option<Pagination>,
    /// Examples of the result from the document, for the emitted tests that decode them.
    pub examples: Vec<ResponseExample>,
    /// Documented statuses outside 2xx whose body is the result (Twilio answers some calls with a 3xx).
    pub result_statuses: Vec<u16>,
    /// The ways this operation may be authenticated, in the document's order: each a list of Rust
    /// names of security schemes that are all sent together. Empty sends no credentials.
    pub security: Vec<Vec<String>>,
    pub docs: Docs,
    pub deprecated: bool,
}

impl Operation {
    /// Every parameter and form field, in the order they are declared.
    pub fn inputs(&self) -> impl Iterator<Item = &Param> {
        let form: &[Param] = match &self.body {
            Some(Body::Form { fields, .. } | Body::Multipart { fields }) => fields,
            Some(Body::Json { .. } | Body::Raw { .. }) | None => &[],
        };
        self.params.iter().chain(form)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
    Options,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
        }
    }

    /// Safe to send twice (RFC 9110 §9.2.2): a retry cannot do what the first call did not.
    pub fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post | Method::Patch)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum PathSegment {
    Literal(String),
    /// Index into [`Operation::params`].
    Param(usize),
}

/// An input of an operation: a path, query or header parameter, or a field of a form body.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Setter and argument name, snake_case.
    pub rust_name: String,
    /// The name on the wire, exactly as the document spells it.
    pub wire_name: String,
    pub location: Location,
    pub ty: TypeRef,
    pub required: bool,
    /// How arrays and objects go on the wire with [`Param::style`]: one pair per element or property
    /// (`true`, the default for `form`) or joined in one value.
    pub explode: bool,
    /// The OpenAPI `style` (the location's default when the document gives none).
    pub style: ParamStyle,
    /// `allowReserved` (query parameters): reserved characters are sent as they are.
    pub allow_reserved: bool,
    /// Described by `content` with a JSON media type: the value goes on the wire as JSON text.
    pub json: bool,
    /// What the styles see: one value, a list of values or an object's properties.
    pub shape: ParamShape,
    /// The value is a secret: never printed by `Debug`.
    pub sensitive: bool,
    /// For a multipart part: the `Content-Type` the document's `encoding` gives it.
    pub content_type: Option<String>,
    pub docs: Docs,
}

impl Param {
    /// Sent as plain `key=value` pairs (form style, a primitive or a list of primitives, nothing
    /// reserved kept), the way form fields and most query parameters go. Everything else is written
    /// by the runtime's style rules.
    pub fn is_plain_pair(&self) -> bool {
        matches!(self.location, Location::Query | Location::Form)
            && self.style == ParamStyle::Form
            && !self.allow_reserved
            && !self.json
            && self.shape != ParamShape::Object
    }

    /// Written by the runtime's style rules (`runtime/styles.rs`): anything but a plain pair, a
    /// single value in a `simple` path segment or header.
    pub fn uses_styles(&self) -> bool {
        match self.location {
            Location::Query | Location::Form => !self.is_plain_pair(),
            Location::Path | Location::Header => {
                self.shape != ParamShape::Primitive || self.style != ParamStyle::Simple || self.json
            }
            Location::Cookie => true,
            Location::Part => false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Location {
    Path,
    Query,
    Header,
    Cookie,
    /// A field of an `application/x-www-form-urlencoded` body.
    Form,
    /// A part of a `multipart/form-data` body.
    Part,
}

/// A parameter's value as the styles see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ParamShape {
    /// A string, number, boolean, date, enum, or a free-form value (sent as JSON text).
    Primitive,
    /// An array of primitives.
    List,
    /// An object (a model or a map) whose properties are primitives.
    Object,
}

/// The `style` values of OpenAPI 3.0 (how a parameter's value is written).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ParamStyle {
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
    Simple,
    Label,
    Matrix,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// `application/x-www-form-urlencoded`: each field is an input of its own.
    Form {
        fields: Vec<Param>,
        /// The document's examples of this body: field wire names to values.
        examples: Vec<RequestExample>,
    },
    /// A JSON body (`application/json` or another `+json` type) holding one value.
    Json {
        /// Argument or setter name of the body.
        rust_name: String,
        media_type: String,
        ty: TypeRef,
        required: bool,
        /// The document's examples of this body.
        examples: Vec<RequestExample>,
    },
    /// `multipart/form-data`: each field is an input of its own, sent as a part.
    Multipart { fields: Vec<Param> },
    /// Any other media type (`application/octet-stream`, `image/*`, `text/plain`, …): the body is
    /// the caller's bytes ([`TypeRef::Bytes`]) or, for text, a string ([`TypeRef::String`]).
    Raw {
        /// Argument or setter name of the body.
        rust_name: String,
        /// The `Content-Type` sent unless the caller sets another: the first media type the
        /// document lists (`application/octet-stream` for a wildcard such as `image/*`).
        media_type: String,
        /// Name of the setter that sends another `Content-Type`.
        content_type_setter: String,
        ty: TypeRef,
        required: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: Status,
    /// The body's type, if the document gives one: decoded JSON, text (`String`) or bytes.
    pub body: Option<TypeRef>,
    /// How the body is read, and the media types it comes in (the one chosen: JSON over text over
    /// binary; for text and binary, every such type the response lists).
    pub format: ReplyFormat,
    pub media_types: Vec<String>,
    /// The headers the response declares, by wire name.
    pub headers: Vec<String>,
    pub docs: Docs,
}

/// How a reply's body is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum ReplyFormat {
    /// Decoded from JSON (any `application/json` or `+json` type).
    #[default]
    Json,
    /// Text (`text/*`, XML, YAML): a `String`.
    Text,
    /// Anything else: bytes, which can also be streamed.
    Binary,
}

/// A list operation's result is one page: its items, and a link to the next page.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// The page's field that holds the items (Rust name and wire name), and their type.
    pub items_field: String,
    pub items_wire: String,
    /// The items field is an `Option`.
    pub items_optional: bool,
    pub item: TypeRef,
    pub next: NextLink,
}

/// Where a page says where the next one is: a string field, an `Option` or not.
#[derive(Debug, Clone, PartialEq)]
pub enum NextLink {
    /// `meta.next_page_url` (Twilio's v1+ APIs): Rust names of both fields.
    InMeta {
        meta_field: String,
        meta_optional: bool,
        next_field: String,
        next_optional: bool,
    },
    /// A top-level `next_page_uri` (api.twilio.com 2010-04-01): Rust and wire name of the field.
    TopLevel {
        field: String,
        wire: String,
        optional: bool,
    },
}

/// A request example: the emitted tests send it and check the form pairs on the wire.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestExample {
    /// Name of the emitted test, unique in the crate.
    pub test_name: String,
    pub name: String,
    pub value: serde_json::Value,
    /// A JSON body example that contradicts its own schema: what the client finds wrong with it.
    pub refusal: Option<Refusal>,
    /// What goes on the wire, where it differs from the example: without the keys the schema does
    /// not define or marks `readOnly`, which a typed body cannot hold or does not send; with the
    /// JSON pointers of what was left out.
    pub sent: Option<(serde_json::Value, Vec<String>)>,
}

/// A reply example of an operation: the emitted tests check it decodes into the operation's result
/// without losing a field the model knows.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseExample {
    /// Name of the emitted test, unique in the crate.
    pub test_name: String,
    pub status: u16,
    /// The example's key in the document (`readFullPage1`), or `example` for a lone `example`.
    pub name: String,
    pub value: serde_json::Value,
    /// Where the example contradicts its own schema, what the client finds wrong with it: the
    /// emitted test then checks that the client refuses it.
    pub refusal: Option<Refusal>,
}

/// Why a reply example does not decode into its operation's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A required field is missing (or `null`): the one problem, so the error is known exactly.
    MissingField { model: String, field: String },
    /// Anything else, or several problems: each, with its JSON pointer.
    Problems(Vec<String>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Code(u16),
    /// `2XX`, `4XX`, …: the first digit.
    Range(u8),
    Default,
}

impl Status {
    /// Replies with this status carry the operation's result rather than an error.
    pub fn is_success(self) -> bool {
        match self {
            Status::Code(code) => (200..400).contains(&code),
            Status::Range(class) => class == 2 || class == 3,
            Status::Default => false,
        }
    }
}

/// A use of a type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum TypeRef {
    /// A type in [`Api::types`], by Rust name.
    Named(String),
    String,
    Integer(IntWidth),
    Number,
    Boolean,
    /// A point in time; parsed from RFC 3339 or RFC 2822.
    DateTime,
    /// A calendar date (`YYYY-MM-DD`).
    Date,
    Array(Box<TypeRef>),
    /// An object with arbitrary keys and values of one type.
    Map(Box<TypeRef>),
    /// Any JSON value.
    Any,
    /// Raw bytes: a binary body (`application/octet-stream`, `image/png`, …).
    Bytes,
    /// A file in a multipart body: bytes with an optional file name and content type.
    File,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum IntWidth {
    I32,
    I64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    pub rust_name: String,
    /// The schema's key in `components/schemas`, or the place an inline schema was found.
    pub wire_name: String,
    /// File name under `models/`, snake_case.
    pub module: String,
    pub docs: Docs,
    pub kind: TypeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Struct {
        fields: Vec<Field>,
        /// `additionalProperties` beside `properties`: the entries no field names, kept in a map.
        additional: Option<Additional>,
    },
    /// `oneOf`, `anyOf`, or a base schema with a `discriminator` and the schemas that extend it: a
    /// value of one of several types, chosen by the discriminator's value when there is one, else
    /// the first that decodes, in document order.
    OneOf {
        variants: Vec<OneOfVariant>,
        discriminator: Option<Discriminator>,
        /// The variant (holding the value as JSON) for a discriminator value no variant is mapped
        /// to, so a new kind of value does not fail a reply; `None`: the alternatives are tried.
        catch_all: Option<String>,
    },
    /// A string enum. Always open: values the document does not list decode into the catch-all
    /// variant named `other`, which keeps the text.
    Enum { variants: Vec<Variant>, other: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub rust_name: String,
    pub wire_name: String,
    pub ty: TypeRef,
    /// Wrapped in `Option`: not required, `nullable`, `readOnly` or `writeOnly`, or every field in
    /// [`ReplyMode::Lenient`].
    pub optional: bool,
    /// Decoded leniently: a number also from its string form, a date in either format, and a value
    /// that does not fit as `None` (Twilio's replies need it; see `lower::conventions`).
    pub lenient: bool,
    /// An argument of the model's `new`: required by the document and sent by the client (or not
    /// optional at all), so a body that lacks it does not compile.
    pub in_constructor: bool,
    /// `readOnly`: the server's to fill; never sent.
    pub read_only: bool,
    /// Held in a `Box`: the field's type contains this model again (a tree, a cycle of models).
    pub boxed: bool,
    pub sensitive: bool,
    pub docs: Docs,
}

/// Where a model keeps the entries of an object that no field names.
#[derive(Debug, Clone, PartialEq)]
pub struct Additional {
    pub rust_name: String,
    /// The type of every value.
    pub ty: TypeRef,
}

/// `discriminator`: the property whose value says which alternative a value is.
#[derive(Debug, Clone, PartialEq)]
pub struct Discriminator {
    pub property: String,
    /// Property value → Rust name of the alternative.
    pub mapping: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OneOfVariant {
    pub rust_name: String,
    pub ty: TypeRef,
    /// Held in a `Box`: the alternative contains this type again.
    pub boxed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub rust_name: String,
    pub wire_value: String,
}
