//! Security schemes: what each `components/securitySchemes` entry is, and its name in Rust.

use openapiv3::ReferenceOr;

use super::names::{camel, snake, Scope};
use super::Lowerer;
use crate::error::{Error, Pointer};
use crate::ir;

/// What `Credentials` already calls its own constructors and methods; API key constructors avoid them.
const CREDENTIALS_METHODS: &[&str] = &[
    "basic",
    "bearer",
    "token_source",
    "client_credentials",
    "and",
    "from",
    "from_env",
    "activate",
    "clone",
    "fmt",
    "new",
    "default",
];

impl Lowerer<'_> {
    pub(super) fn lower_security_schemes(&self) -> Result<Vec<ir::SecurityScheme>, Error> {
        let Some(components) = &self.doc.components else {
            return Ok(Vec::new());
        };
        let base = Pointer::root().join("components").join("securitySchemes");
        let mut names = Scope::new();
        let mut constructors = Scope::new();
        for taken in CREDENTIALS_METHODS {
            constructors.claim(taken.to_string(), "");
        }
        let api_keys = components
            .security_schemes
            .values()
            .filter(|s| matches!(s, ReferenceOr::Item(openapiv3::SecurityScheme::APIKey { .. })))
            .count();
        let mut schemes = Vec::new();
        for (key, scheme) in &components.security_schemes {
            let at = base.join(key);
            let ReferenceOr::Item(scheme) = scheme else {
                return Err(self.error(
                    &at,
                    "a $ref to a security scheme is not supported; write the scheme inline",
                ));
            };
            let (mut kind, description) = self.security_kind(scheme, &at)?;
            if let ir::SecurityKind::ApiKey { constructor, .. } = &mut kind {
                // One key is `api_key`; several are told apart by their scheme's name.
                let name = if api_keys == 1 {
                    "api_key".to_string()
                } else {
                    snake(key)
                };
                *constructor = constructors.claim(name, "_key");
            }
            schemes.push(ir::SecurityScheme {
                key: key.clone(),
                rust_name: names.claim(camel(key), ""),
                kind,
                docs: self.docs(description),
            });
        }
        Ok(schemes)
    }

    fn security_kind<'s>(
        &self,
        scheme: &'s openapiv3::SecurityScheme,
        at: &Pointer,
    ) -> Result<(ir::SecurityKind, Option<&'s str>), Error> {
        match scheme {
            openapiv3::SecurityScheme::HTTP {
                scheme, description, ..
            } => match scheme.to_ascii_lowercase().as_str() {
                "basic" => Ok((ir::SecurityKind::HttpBasic, description.as_deref())),
                "bearer" => Ok((ir::SecurityKind::HttpBearer, description.as_deref())),
                other => Err(self.error(
                    &at.join("scheme"),
                    format!("HTTP authentication scheme `{other}` is not supported (basic and bearer are)"),
                )),
            },
            openapiv3::SecurityScheme::APIKey {
                location,
                name,
                description,
                ..
            } => Ok((
                ir::SecurityKind::ApiKey {
                    name: name.clone(),
                    location: match location {
                        openapiv3::APIKeyLocation::Header => ir::ApiKeyLocation::Header,
                        openapiv3::APIKeyLocation::Query => ir::ApiKeyLocation::Query,
                        openapiv3::APIKeyLocation::Cookie => ir::ApiKeyLocation::Cookie,
                    },
                    constructor: String::new(),
                },
                description.as_deref(),
            )),
            openapiv3::SecurityScheme::OAuth2 { flows, description, .. } => {
                let kind = match &flows.client_credentials {
                    Some(flow) => ir::SecurityKind::OAuth2ClientCredentials {
                        token_url: flow.token_url.clone(),
                    },
                    None => {
                        let named = [
                            ("authorizationCode", flows.authorization_code.is_some()),
                            ("implicit", flows.implicit.is_some()),
                            ("password", flows.password.is_some()),
                        ];
                        let flows: Vec<String> =
                            named.iter().filter(|(_, on)| *on).map(|(n, _)| n.to_string()).collect();
                        if flows.is_empty() {
                            return Err(self.error(&at.join("flows"), "an oauth2 scheme needs at least one flow"));
                        }
                        ir::SecurityKind::OAuth2 { flows }
                    }
                };
                Ok((kind, description.as_deref()))
            }
            openapiv3::SecurityScheme::OpenIDConnect {
                open_id_connect_url,
                description,
                ..
            } => Ok((
                ir::SecurityKind::OpenIdConnect {
                    url: open_id_connect_url.clone(),
                },
                description.as_deref(),
            )),
        }
    }
}
