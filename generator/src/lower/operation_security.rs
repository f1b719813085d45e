//! Which credentials each operation sends.

use super::Lowerer;
use crate::error::{Error, Pointer};
use crate::ir;

impl Lowerer<'_> {
    /// The schemes this operation accepts: its own `security`, else the document's. An empty
    /// requirement (`{}`) or `security: []` means no credentials are sent.
    pub(super) fn operation_security(
        &self,
        op: &openapiv3::Operation,
        schemes: &[ir::SecurityScheme],
        at: &Pointer,
    ) -> Result<Vec<String>, Error> {
        let (requirements, req_at) = match &op.security {
            Some(own) => (own, at.join("security")),
            None => match &self.doc.security {
                Some(root) => (root, Pointer::root().join("security")),
                None => return Ok(Vec::new()),
            },
        };
        let mut keys = Vec::new();
        for (index, requirement) in requirements.iter().enumerate() {
            if requirement.is_empty() {
                // Anonymous access is allowed: credentials are optional, so none are sent.
                return Ok(Vec::new());
            }
            if requirement.len() > 1 {
                return Err(self.error(
                    &req_at.join(index),
                    "a security requirement that combines several schemes is not supported yet",
                ));
            }
            for key in requirement.keys() {
                let Some(scheme) = schemes.iter().find(|s| &s.key == key) else {
                    return Err(self.error(
                        &req_at.join(index).join(key),
                        format!("security scheme `{key}` is not defined in components/securitySchemes"),
                    ));
                };
                if !keys.contains(&scheme.rust_name) {
                    keys.push(scheme.rust_name.clone());
                }
            }
        }
        Ok(keys)
    }
}
