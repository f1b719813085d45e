//! Which credentials each operation sends.

use super::Lowerer;
use crate::error::{Error, Pointer};
use crate::ir;

impl Lowerer<'_> {
    /// The ways this operation may be authenticated: its own `security`, else the document's, each
    /// requirement a set of schemes sent together. An empty requirement (`{}`) or `security: []`
    /// means no credentials are sent. A requirement naming a scheme the document does not define is
    /// a mistake that costs only that requirement: it is dropped, with a warning (once per name).
    pub(super) fn operation_security(
        &self,
        op: &openapiv3::Operation,
        schemes: &[ir::SecurityScheme],
        at: &Pointer,
    ) -> Result<Vec<Vec<String>>, Error> {
        let (requirements, req_at) = match &op.security {
            Some(own) => (own, at.join("security")),
            None => match &self.doc.security {
                Some(root) => (root, Pointer::root().join("security")),
                None => return Ok(Vec::new()),
            },
        };
        let mut ways: Vec<Vec<String>> = Vec::new();
        'requirements: for (index, requirement) in requirements.iter().enumerate() {
            if requirement.is_empty() {
                // Anonymous access is allowed: credentials are optional, so none are sent.
                return Ok(Vec::new());
            }
            let mut names = Vec::with_capacity(requirement.len());
            for key in requirement.keys() {
                let Some(scheme) = schemes.iter().find(|s| &s.key == key) else {
                    self.warn_once(
                        key,
                        &req_at.join(index).join(key),
                        format!(
                            "security scheme `{key}` is not defined in components/securitySchemes; requirements naming it are left out"
                        ),
                    );
                    continue 'requirements;
                };
                if !names.contains(&scheme.rust_name) {
                    names.push(scheme.rust_name.clone());
                }
            }
            if !ways.contains(&names) {
                ways.push(names);
            }
        }
        Ok(ways)
    }
}
