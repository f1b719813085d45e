//! Settings for one document, kept beside it: for `api.yaml`, the file `api.toml` (a small subset
//! of TOML: `key = "value"` lines and `#` comments). Whoever generates the crate decides them, once,
//! in a file that is reviewed with the document; nothing is guessed from the document.
//!
//! ```toml
//! # Twilio's replies leave out and `null` fields whatever `required` says.
//! replies = "lenient"
//! ```

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::ir::ReplyMode;
use crate::lower::Options;

/// The settings file of a document: its path with the extension `toml`.
pub fn config_path(spec: &Path) -> PathBuf {
    spec.with_extension("toml")
}

/// The options for generating `spec`'s crate: the defaults, then what the settings file beside it
/// says, if there is one.
pub fn options_for(spec: &Path) -> Result<Options, Error> {
    let mut options = Options::new(crate::crate_name_for(spec));
    let path = config_path(spec);
    match std::fs::read_to_string(&path) {
        Ok(text) => apply(&mut options, &path, &text)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::new(&path, "#", format!("cannot read the settings: {e}"))),
    }
    Ok(options)
}

/// `replies` as the settings file and the `--replies` flag spell it.
pub fn parse_replies(text: &str) -> Option<ReplyMode> {
    match text {
        "strict" => Some(ReplyMode::Strict),
        "lenient" => Some(ReplyMode::Lenient),
        _ => None,
    }
}

fn apply(options: &mut Options, path: &Path, text: &str) -> Result<(), Error> {
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = format!("line {}", index + 1);
        let fail = |message: String| Error::new(path, at.as_str(), message);
        let (key, value) = line
            .split_once('=')
            .ok_or_else(|| fail(format!("expected `key = \"value\"`, found `{line}`")))?;
        let value = value.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .ok_or_else(|| fail(format!("the value of `{}` must be a quoted string", key.trim())))?;
        match key.trim() {
            "replies" => {
                options.replies = parse_replies(value)
                    .ok_or_else(|| fail(format!("`replies` is \"strict\" or \"lenient\", not \"{value}\"")))?
            }
            other => return Err(fail(format!("unknown setting `{other}` (known: replies)"))),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_read_and_mistakes_are_located() {
        let mut options = Options::new("x");
        apply(&mut options, Path::new("api.toml"), "# why\nreplies = \"lenient\"\n").unwrap();
        assert_eq!(options.replies, ReplyMode::Lenient);
        let error = apply(&mut options, Path::new("api.toml"), "\nreplies = \"loose\"").unwrap_err();
        assert_eq!(
            error.to_string(),
            "api.toml: line 2: `replies` is \"strict\" or \"lenient\", not \"loose\""
        );
        let error = apply(&mut options, Path::new("api.toml"), "mode = \"x\"").unwrap_err();
        assert_eq!(
            error.to_string(),
            "api.toml: line 1: unknown setting `mode` (known: replies)"
        );
    }
}
