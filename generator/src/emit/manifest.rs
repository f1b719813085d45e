//! `Cargo.toml`: the package, and the dependencies of the runtime modules the crate carries.

use super::files::{text_file, PendingFile};
use crate::ir::Api;

pub fn emit(api: &Api) -> PendingFile {
    let description = format!("Async client for {}, generated from its OpenAPI document", api.title).replace('"', "'");
    let manifest = format!(
        "[package]
name = \"{name}\"
version = \"{version}\"
edition = \"2021\"
rust-version = \"1.82\"
description = \"{description}\"
publish = false

[lib]
# No unit tests live in the library (its tests are in tests/ and the README): do not build it twice.
test = false

[features]
# Spans per call (operation, method, path template, attempt) and events for retries, refused
# tokens and failures, with no secret in any field.
tracing = [\"dep:tracing\"]

[dependencies]
{dependencies}
# Behind the `tracing` feature.
tracing = {{ version = \"0.1\", default-features = false, features = [\"std\"], optional = true }}
{dev_dependencies}",
        name = api.crate_name,
        version = api.crate_version,
        dependencies = dependencies(api).join("\n"),
        dev_dependencies = dev_dependencies(api),
    );
    text_file("Cargo.toml", ("#", ""), manifest)
}

/// Each dependency with the comment that says why it is there.
fn dependencies(api: &Api) -> Vec<&'static str> {
    let parts = &api.runtime;
    let mut lines = vec![
        "# HTTP, with rustls so no system OpenSSL is needed; no redirects are followed by the client.",
        "reqwest = { version = \"0.12\", default-features = false, features = [\"rustls-tls\", \"http2\"] }",
        "# Models decode from and encode to JSON (their serde impls are emitted, so no derive macros).",
        "serde = \"1\"",
        "# unbounded_depth: the client checks how deep a reply nests itself (runtime/http.rs).",
        "serde_json = { version = \"1\", features = [\"unbounded_depth\"] }",
    ];
    if parts.tokens {
        lines.push("# Waiting between retries, and one token fetch shared by concurrent calls (tokio is already in reqwest's tree).");
        lines.push("tokio = { version = \"1\", default-features = false, features = [\"time\", \"sync\"] }");
    } else {
        lines.push("# Waiting between retries (tokio is already in reqwest's tree).");
        lines.push("tokio = { version = \"1\", default-features = false, features = [\"time\"] }");
    }
    if parts.params || parts.client_credentials {
        lines.push("# Form bodies and query strings (already in reqwest's tree, through url).");
        lines.push("form_urlencoded = \"1\"");
    }
    if parts.path_params || parts.styles {
        lines.push("# Path parameters as escaped segments (already in reqwest's tree, through url).");
        lines.push("percent-encoding = \"2\"");
    }
    lines
}

fn dev_dependencies(api: &Api) -> &'static str {
    if api.runtime.loopback_tests {
        "\n[dev-dependencies]\n# The emitted tests that send requests run a loopback server.\ntokio = { version = \"1\", features = [\"macros\", \"rt\", \"net\", \"io-util\"] }\n"
    } else {
        ""
    }
}
