//! What kind of OpenAPI object a node of the document is, from where it sits: a `$ref` under
//! `schema`, `items` or `properties/*` is a schema (hoisted into `components/schemas`), one under
//! `parameters/*` a parameter (inlined, unless it names a root component), and `example`, `examples/*/value`
//! and `x-` extensions are data, whose `$ref` keys are not references at all. The values of a
//! schema's `discriminator/mapping` are references to schemas too, when they are not bare names.

/// The `components` sections, each of one kind of object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Section {
    Schemas,
    Parameters,
    Headers,
    RequestBodies,
    Responses,
    Examples,
    Links,
    Callbacks,
    SecuritySchemes,
}

impl Section {
    const ALL: [Section; 9] = [
        Section::Schemas,
        Section::Parameters,
        Section::Headers,
        Section::RequestBodies,
        Section::Responses,
        Section::Examples,
        Section::Links,
        Section::Callbacks,
        Section::SecuritySchemes,
    ];

    /// The section's key under `components`.
    pub(super) fn key(self) -> &'static str {
        match self {
            Section::Schemas => "schemas",
            Section::Parameters => "parameters",
            Section::Headers => "headers",
            Section::RequestBodies => "requestBodies",
            Section::Responses => "responses",
            Section::Examples => "examples",
            Section::Links => "links",
            Section::Callbacks => "callbacks",
            Section::SecuritySchemes => "securitySchemes",
        }
    }

    pub(super) fn from_key(key: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.key() == key)
    }

    fn ctx(self) -> Ctx {
        match self {
            Section::Schemas => Ctx::Schema,
            Section::Parameters => Ctx::Parameter,
            Section::Headers => Ctx::Header,
            Section::RequestBodies => Ctx::RequestBody,
            Section::Responses => Ctx::Response,
            Section::Examples => Ctx::Example,
            Section::Links => Ctx::Link,
            Section::Callbacks => Ctx::Callback,
            Section::SecuritySchemes => Ctx::SecurityScheme,
        }
    }
}

/// The kind of a node. Maps of named things (`properties`, `content`, a components section) have a
/// kind of their own, whose entries are all of one kind and whose `x-` keys are names, not extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Ctx {
    Root,
    Paths,
    PathItem,
    Operation,
    Parameters,
    Parameter,
    Header,
    RequestBody,
    Responses,
    Response,
    Content,
    MediaType,
    Encodings,
    Encoding,
    Headers,
    Examples,
    Example,
    Links,
    Link,
    Callbacks,
    Callback,
    Components,
    Section(Section),
    Schema,
    Properties,
    SchemaList,
    /// A schema's `discriminator`.
    Discriminator,
    /// Its `mapping`: discriminator values to schema names or references ([`is_mapping_reference`]).
    Mapping,
    SecurityScheme,
    /// Anything else: tags, info, descriptions. A `$ref` here is inlined.
    Generic,
    /// Example payloads, defaults, enums and extensions: not searched for references.
    Data,
}

impl Ctx {
    /// The components section that holds objects of this kind, if there is one.
    pub(super) fn section(self) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.ctx() == self)
    }

    /// The kind of the value under `key` in a mapping of this kind.
    pub(super) fn child(self, key: &str) -> Ctx {
        use Ctx::*;
        match self {
            Data | Mapping => Data,
            Properties => Schema,
            Content => MediaType,
            Headers => Header,
            Examples => Example,
            Encodings => Encoding,
            Links => Link,
            Callbacks => Callback,
            Ctx::Section(section) => section.ctx(),
            Parameters | SchemaList => Generic,
            _ if key.starts_with("x-") => Data,
            Root => match key {
                "paths" => Paths,
                "components" => Components,
                _ => Generic,
            },
            Paths | Callback => PathItem,
            Responses => Response,
            Components => self::Section::from_key(key).map_or(Generic, Ctx::Section),
            Schema => Ctx::schema_child(key),
            _ => self.object_child(key),
        }
    }

    fn schema_child(key: &str) -> Ctx {
        match key {
            "properties" => Ctx::Properties,
            "items" | "additionalProperties" | "not" => Ctx::Schema,
            "allOf" | "oneOf" | "anyOf" => Ctx::SchemaList,
            "discriminator" => Ctx::Discriminator,
            "example" | "default" | "enum" => Ctx::Data,
            _ => Ctx::Generic,
        }
    }

    /// Children of the objects that are neither maps of names nor schemas.
    fn object_child(self, key: &str) -> Ctx {
        use Ctx::*;
        match (self, key) {
            (PathItem, "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace") => Operation,
            (PathItem | Operation, "parameters") => Parameters,
            (Operation, "requestBody") => RequestBody,
            (Operation, "responses") => Responses,
            (Operation, "callbacks") => Callbacks,
            (Parameter | Header | MediaType, "schema") => Schema,
            (Parameter | Header | RequestBody | Response, "content") => Content,
            (Parameter | Header | MediaType, "examples") => Examples,
            (Parameter | Header | MediaType, "example") => Data,
            (MediaType, "encoding") => Encodings,
            (Response | Encoding, "headers") => Headers,
            (Response, "links") => Links,
            (Example, "value") => Data,
            (Link, "parameters" | "requestBody") => Data,
            (Discriminator, "mapping") => Mapping,
            _ => Generic,
        }
    }

    /// The kind of the items of a list of this kind.
    pub(super) fn item(self) -> Ctx {
        match self {
            Ctx::Parameters => Ctx::Parameter,
            Ctx::SchemaList | Ctx::Schema => Ctx::Schema,
            Ctx::Data => Ctx::Data,
            _ => Ctx::Generic,
        }
    }
}

/// Whether a pointer's tokens name a place where OpenAPI has a schema: a schema component, or the
/// value of `schema`, `items`, `additionalProperties`, `not`, `properties/*`, `allOf/*`...
pub(super) fn is_schema_place(tokens: &[String]) -> bool {
    match tokens {
        [.., components, schemas, _] if components == "components" && schemas == "schemas" => true,
        [.., parent, _] if matches!(parent.as_str(), "properties" | "allOf" | "oneOf" | "anyOf") => true,
        [.., last] => matches!(last.as_str(), "schema" | "items" | "additionalProperties" | "not"),
        [] => false,
    }
}

/// Whether a discriminator mapping's value is a reference (`models/dog.yml`, `a.yml#/Dog`,
/// `#/components/schemas/Dog`) rather than a schema's name (`Dog`).
pub(super) fn is_mapping_reference(value: &str) -> bool {
    value.contains(['/', '#']) || [".yaml", ".yml", ".json"].iter().any(|ext| value.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_the_document_structure() {
        let op = Ctx::Root.child("paths").child("/v1/things").child("get");
        assert_eq!(op, Ctx::Operation);
        assert_eq!(op.child("parameters").item(), Ctx::Parameter);
        let media = op
            .child("responses")
            .child("200")
            .child("content")
            .child("application/json");
        assert_eq!(media.child("schema").child("properties").child("x-name"), Ctx::Schema);
        assert_eq!(media.child("example"), Ctx::Data);
        assert_eq!(media.child("x-code"), Ctx::Data);
        assert_eq!(Ctx::Root.child("components").child("headers").child("h"), Ctx::Header);
        assert_eq!(Ctx::Header.section(), Some(Section::Headers));
        assert_eq!(Ctx::Operation.section(), None);
    }

    #[test]
    fn schema_places() {
        let place = |p: &str| is_schema_place(&p.split('/').map(str::to_string).collect::<Vec<_>>());
        assert!(place("components/schemas/Pet"));
        assert!(place("Pet/properties/owner"));
        assert!(place("paths/~1a/get/responses/200/content/application~1json/schema"));
        assert!(!place("components/parameters/id"));
        assert!(!place("introduction"));
    }

    #[test]
    fn mapping_values_that_are_references() {
        let schema = Ctx::Root.child("components").child("schemas").child("Pet");
        assert_eq!(schema.child("discriminator").child("mapping"), Ctx::Mapping);
        assert_eq!(schema.child("discriminator").child("x-mapping"), Ctx::Data);
        for reference in [
            "models/dog.yml",
            "dog.yml",
            "dog.json",
            "a.yml#/Dog",
            "#/components/schemas/Dog",
        ] {
            assert!(is_mapping_reference(reference), "{reference}");
        }
        assert!(!is_mapping_reference("Dog"));
        assert!(!is_mapping_reference("Dog.v2"));
    }
}
