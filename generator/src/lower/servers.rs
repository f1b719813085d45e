//! The server URL: the client's default base URL, and the template variables a client can set.

use super::names::{snake, Scope};
use super::Lowerer;
use crate::error::{Error, Pointer};
use crate::ir;

/// What `ClientBuilder` already calls its own methods; variable setters avoid them.
const BUILDER_METHODS: &[&str] = &[
    "new",
    "default",
    "base_url",
    "credentials",
    "http_client",
    "timeout",
    "connect_timeout",
    "max_body",
    "retry",
    "clock",
    "build",
    "server_variable",
    "user_agent_suffix",
    "variable",
];

/// What a Twilio crate's `ClientBuilder` also calls its own (`runtime/src/twilio.rs`).
const TWILIO_METHODS: &[&str] = &["region", "edge", "twilio_env"];

impl Lowerer<'_> {
    /// The first server's URL with every variable at its default, and its variables. A variable
    /// the URL uses but the document does not define is an error: there is no URL to call.
    pub(super) fn server_variables(&self) -> Result<(String, Vec<ir::ServerVariable>), Error> {
        let Some(server) = self.doc.servers.first() else {
            return Ok((String::new(), Vec::new()));
        };
        let at = Pointer::root().join("servers").join(0);
        let template = server.url.trim_end_matches('/');
        let mut setters = Scope::new();
        let twilio: &[&str] = if is_twilio_host(template) { TWILIO_METHODS } else { &[] };
        for taken in BUILDER_METHODS.iter().chain(twilio) {
            setters.claim(taken.to_string(), "");
        }
        let mut variables = Vec::new();
        let mut base_url = String::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                return Err(self.error(
                    &at.join("url"),
                    format!("server URL `{template}` has a `{{` without its `}}`"),
                ));
            };
            base_url.push_str(&rest[..open]);
            let name = &rest[open + 1..open + close];
            let Some(variable) = server.variables.as_ref().and_then(|v| v.get(name)) else {
                return Err(self.error(
                    &at.join("variables"),
                    format!("server URL `{template}` uses `{{{name}}}` but no variable `{name}` is defined"),
                ));
            };
            let mut allowed = variable.enumeration.clone();
            if !allowed.is_empty() && !allowed.contains(&variable.default) {
                // The document contradicts itself; its default is what it means.
                self.warn_once(
                    &format!("server variable {name}"),
                    &at.join("variables").join(name).join("default"),
                    format!(
                        "the default `{}` of server variable `{name}` is not one of its `enum` values; it is allowed too",
                        variable.default
                    ),
                );
                allowed.push(variable.default.clone());
            }
            base_url.push_str(&variable.default);
            if !variables.iter().any(|v: &ir::ServerVariable| v.name == name) {
                variables.push(ir::ServerVariable {
                    name: name.to_string(),
                    setter: setters.claim(snake(name), "_variable"),
                    default: variable.default.clone(),
                    allowed,
                    docs: self.docs(variable.description.as_deref()),
                });
            }
            rest = &rest[open + close + 1..];
        }
        base_url.push_str(rest);
        Ok((base_url, variables))
    }
}

/// `https://{product}.twilio.com`: Twilio's own server, whose conventions (region and edge,
/// credentials from the environment) its helper libraries follow.
pub(super) fn is_twilio_host(url: &str) -> bool {
    let host = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = host.split(['/', ':']).next().unwrap_or(host);
    host.ends_with(".twilio.com") && !host.contains('{')
}
