//! What every cargo stage shares: the `cargo` command itself, and telling which member of the
//! scratch workspace a JSON message of cargo's is about.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

pub(super) fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.env("CARGO_TERM_COLOR", "never");
    command
}

/// The member of the scratch workspace `corpus` a cargo JSON message is about: by its target's
/// source path, or else by its package id (`path+file:///…/corpus/NAME#1.0.0` or `…#NAME@1.0.0`).
pub(super) fn member_of(corpus: &Path, members: &BTreeSet<String>, value: &serde_json::Value) -> Option<String> {
    let by_path = value["target"]["src_path"]
        .as_str()
        .and_then(|src| Path::new(src).strip_prefix(corpus).ok())
        .and_then(|relative| relative.components().next())
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let by_id = || {
        let id = value["package_id"].as_str()?;
        let (location, fragment) = id.split_once('#').unwrap_or((id, ""));
        match fragment.split_once('@') {
            Some((name, _)) => Some(name.to_string()),
            None => location.rsplit('/').next().map(str::to_string),
        }
    };
    by_path
        .filter(|name| members.contains(name))
        .or_else(|| by_id().filter(|name| members.contains(name)))
}
