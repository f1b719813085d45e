//! Where the parts of a bundled document came from: each copied or hoisted part is *mounted* at its
//! place in the bundle, so any JSON pointer into the bundle (as lowering reports them) can be turned
//! back into a file and a pointer in it, for error messages that name what the user wrote.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// The origins of the parts of a bundled document that are not where the root file has them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources {
    root: PathBuf,
    /// Bundled pointer of a part → its file and pointer there.
    mounts: HashMap<String, (PathBuf, String)>,
    hoisted: Vec<String>,
}

impl Sources {
    pub(super) fn new(root: &Path) -> Sources {
        Sources {
            root: root.to_path_buf(),
            ..Sources::default()
        }
    }

    pub(super) fn mount(&mut self, at: &str, file: PathBuf, pointer: &str, hoisted: Option<&str>) {
        self.mounts.insert(at.to_string(), (file, pointer.to_string()));
        self.hoisted.extend(hoisted.map(str::to_string));
    }

    /// The file and pointer a place of the bundled document came from (`#/components/schemas/droplet/properties/size`
    /// → `.../models/droplet.yml`, `#/properties/size`); `None` when it is where the root file has it.
    pub fn locate(&self, pointer: &str) -> Option<(PathBuf, String)> {
        if self.mounts.is_empty() {
            return None;
        }
        let mut prefix = pointer;
        loop {
            if let Some((file, at)) = self.mounts.get(prefix) {
                let below = &pointer[prefix.len()..];
                return Some((file.clone(), format!("{at}{below}")));
            }
            prefix = &prefix[..prefix.rfind('/')?];
        }
    }

    /// `error`, if it points into a part of the bundle that came from elsewhere, moved there.
    /// Pointers the message names (`… and at #/components/…`) are moved too, written
    /// `file#/pointer` when they lead to another file.
    pub fn relocate(&self, error: Error) -> Error {
        if error.file != self.root || self.mounts.is_empty() {
            return error;
        }
        let message = self.relocate_text(&error.message);
        match self.locate(&error.pointer) {
            Some((file, pointer)) => Error::new(&file, pointer, message),
            None => Error::new(&error.file, error.pointer, message),
        }
    }

    /// `text` with every pointer into the bundle that came from another file written as
    /// `file#/pointer`.
    fn relocate_text(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find("#/") {
            out.push_str(&rest[..start]);
            let end = rest[start..]
                .find(|c: char| c.is_whitespace() || c == '`' || c == ',' || c == ')')
                .map_or(rest.len(), |end| start + end);
            let pointer = &rest[start..end];
            match self.locate(pointer) {
                Some((file, at)) => out.push_str(&format!("{}{at}", file.display())),
                None => out.push_str(pointer),
            }
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    }

    /// The keys of `components/schemas` whose schemas were hoisted from elsewhere, in the order
    /// they were found.
    pub fn hoisted(&self) -> &[String] {
        &self.hoisted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_mounted_prefix_wins() {
        let mut sources = Sources::new(Path::new("root.yaml"));
        sources.mount("#/paths/~1a/get", "ops/get.yml".into(), "#", None);
        sources.mount("#/paths/~1a/get/parameters/0", "params.yml".into(), "#/id", None);
        sources.mount("#/components/schemas/Pet", "pet.yml".into(), "#", Some("Pet"));
        let at = |p: &str| sources.locate(p).map(|(f, p)| format!("{}{p}", f.display()));
        assert_eq!(
            at("#/paths/~1a/get/parameters/0/schema").as_deref(),
            Some("params.yml#/id/schema")
        );
        assert_eq!(
            at("#/paths/~1a/get/responses").as_deref(),
            Some("ops/get.yml#/responses")
        );
        assert_eq!(at("#/components/schemas/Pet2"), None);
        assert_eq!(at("#/paths/~1a"), None);
        assert_eq!(sources.hoisted(), ["Pet"]);
    }
}
