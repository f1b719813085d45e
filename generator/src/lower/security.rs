//! Security schemes: what each `components/securitySchemes` entry is, and its name in Rust.

use openapiv3::ReferenceOr;

use super::names::{camel, Scope};
use super::Lowerer;
use crate::error::{Error, Pointer};
use crate::ir;

impl Lowerer<'_> {
    pub(super) fn lower_security_schemes(&self) -> Result<Vec<ir::SecurityScheme>, Error> {
        let Some(components) = &self.doc.components else {
            return Ok(Vec::new());
        };
        let base = Pointer::root().join("components").join("securitySchemes");
        let mut names = Scope::new();
        let mut schemes = Vec::new();
        for (key, scheme) in &components.security_schemes {
            let at = base.join(key);
            let ReferenceOr::Item(scheme) = scheme else {
                return Err(self.error(
                    &at,
                    "a $ref to a security scheme is not supported; write the scheme inline",
                ));
            };
            let (kind, description) = self.security_kind(scheme, &at)?;
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
            openapiv3::SecurityScheme::APIKey { .. } => Err(self.error(
                at,
                "security scheme type `apiKey` is not supported yet (http basic and bearer, and oauth2 client credentials are)",
            )),
            openapiv3::SecurityScheme::OAuth2 { flows, description, .. } => match &flows.client_credentials {
                Some(flow) => Ok((
                    ir::SecurityKind::OAuth2ClientCredentials {
                        token_url: flow.token_url.clone(),
                    },
                    description.as_deref(),
                )),
                None => Err(self.error(
                    &at.join("flows"),
                    "only the `clientCredentials` flow of oauth2 is supported",
                )),
            },
            openapiv3::SecurityScheme::OpenIDConnect { .. } => Err(self.error(
                at,
                "security scheme type `openIdConnect` is not supported yet (http basic and bearer, and oauth2 client credentials are)",
            )),
        }
    }
}
