//! Bundling: the plan that makes one document of many files, so lowering sees only
//! `#/components/{section}/{name}` references.
//!
//! The root document is a *unit*; so is every copy the bundle makes. Each unit is scanned for `$ref`s
//! (relative to the file it came from), and each one either stays, is rewritten to name a root
//! component (chains followed), names a schema *hoisted* into `components/schemas` (a unit of its
//! own, one per target: that is what lets schemas refer to each other in cycles), or is replaced by
//! an inlined copy of its target (a unit placed into the one that refers to it). A discriminator
//! mapping value that is a reference is taken as a `$ref` to a schema: it stays or names a root or
//! hoisted schema, the one the `oneOf` alternative it stands for names. Everything here only
//! reads the parsed files; [`super::assemble`] makes the copies once the plan is complete.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde_yaml::Value;

use super::context::{is_schema_place, Ctx, Section};
use super::files::{lookup, ref_of, tokens, Files, Place, ROOT};
use super::scan::{self, pointer_of, Found, Seg};
use super::sources::Sources;
use crate::error::{Error, Pointer};

/// How deep the bundled document may nest objects and lists: as deep as one file may (serde_yaml's
/// limit), so copies inside copies cannot make a tree that overflows the stack of what reads it.
const MAX_DEPTH: usize = 128;

/// How many copies the bundle may make, and how many objects and lists it may read over all of them:
/// a document whose references expand it exponentially fails instead of filling memory. (DigitalOcean's
/// document, 2,900 files, makes 18,000 copies and reads 76,000.)
const MAX_UNITS: usize = 250_000;
const MAX_VISITED: u64 = 5_000_000;

/// A part of the bundled document: the root, a copy placed in another unit, or a hoisted schema.
pub(super) struct Unit {
    /// Where its content comes from.
    pub source: Place,
    pub ctx: Ctx,
    /// The unit it is placed in, and where in that unit's content (hoisted: the root, no path).
    pub parent: usize,
    pub path: Vec<Seg>,
    /// The key of a hoisted schema in `components/schemas`.
    pub hoisted: Option<String>,
    /// Its place in the bundled document.
    pub at: String,
    /// `$ref`s of its content to change: where, and the new reference.
    pub rewrites: Vec<(Vec<Seg>, String)>,
    /// How deep its top is in the bundled document.
    base: usize,
}

/// What a reference resolves to, chains followed.
enum Outcome {
    /// A component of the root document, of the reference's kind.
    Component(Section, String),
    /// Anything else: the node at this place is copied (or hoisted, for schemas).
    Target(Place),
}

/// Bundles the document parsed from `file`: the tree lowering reads, and where its parts came from.
pub(super) fn bundle(file: &Path, root: Value) -> Result<(Value, Sources), Error> {
    let mut bundler = Bundler::new(file, root);
    bundler.claim_slots()?;
    let mut next = 0;
    while next < bundler.units.len() {
        bundler.process(next)?;
        next += 1;
    }
    Ok(super::assemble::assemble(bundler.files, bundler.units))
}

struct Bundler {
    files: Files,
    units: Vec<Unit>,
    /// The key of each hoisted schema, by its target.
    names: HashMap<Place, String>,
    /// Keys of hoisted schemas (the root's own are looked up in its tree).
    taken: HashSet<String>,
    visited: u64,
}

impl Bundler {
    fn new(file: &Path, root: Value) -> Bundler {
        let unit = Unit {
            source: Place {
                file: ROOT,
                pointer: "#".into(),
            },
            ctx: Ctx::Root,
            parent: 0,
            path: Vec::new(),
            hoisted: None,
            at: "#".into(),
            rewrites: Vec::new(),
            base: 0,
        };
        Bundler {
            files: Files::new(file, root),
            units: vec![unit],
            names: HashMap::new(),
            taken: HashSet::new(),
            visited: 0,
        }
    }

    /// A root schema component that is itself a reference to a schema elsewhere gets that schema, in
    /// its place and under its key, before anything else is named.
    fn claim_slots(&mut self) -> Result<(), Error> {
        let root = &self.files.files[ROOT].value;
        let Some(Value::Mapping(schemas)) = root_section(root, Section::Schemas) else {
            return Ok(());
        };
        let slots: Vec<(String, String)> = schemas
            .iter()
            .filter_map(|(key, node)| Some((super::scalar_text(key), ref_of(node)?.to_string())))
            .filter(|(_, reference)| !stays(root, reference, Ctx::Schema))
            .collect();
        for (key, reference) in slots {
            let at = Place {
                file: ROOT,
                pointer: Pointer::root()
                    .join("components")
                    .join("schemas")
                    .join(&key)
                    .to_string(),
            };
            if let (Outcome::Target(target), _) = self.follow(&reference, Ctx::Schema, &at)? {
                if !self.names.contains_key(&target) {
                    self.register(target, key);
                }
            }
        }
        Ok(())
    }

    /// Finds the references of unit `i` and decides what becomes of each.
    fn process(&mut self, i: usize) -> Result<(), Error> {
        let source = self.units[i].source.clone();
        let ctx = self.units[i].ctx;
        let Some(node) = self.files.get(&source) else {
            return Ok(());
        };
        let root = &self.files.files[ROOT].value;
        let from_root = source.file == ROOT;
        let scan = scan::refs_in(node, ctx, |r, c| from_root && stays(root, r, c));
        self.visited += scan.visited;
        if i != 0 && self.units[i].base + scan.depth > MAX_DEPTH {
            let parent = &self.units[self.units[i].parent];
            let at = Place {
                file: parent.source.file,
                pointer: pointer_of(&parent.source.pointer, &self.units[i].path),
            };
            let message = format!(
                "the copy of `{}` referred to here would nest the document more than {MAX_DEPTH} levels deep",
                self.show(&source)
            );
            return Err(self.error(&at, message));
        }
        if self.visited > MAX_VISITED || self.units.len() > MAX_UNITS {
            return Err(Error::new(
                self.files.shown(ROOT),
                "#",
                format!("references copy referred parts more than {MAX_UNITS} times (or {MAX_VISITED} objects and lists): the bundled document would be too large"),
            ));
        }
        for found in scan.found {
            self.resolve(i, found)?;
        }
        Ok(())
    }

    fn resolve(&mut self, i: usize, mut found: Found) -> Result<(), Error> {
        let at = Place {
            file: self.units[i].source.file,
            pointer: pointer_of(&self.units[i].source.pointer, &found.path),
        };
        let followed = self.follow(&found.reference, found.ctx, &at);
        let (mut outcome, schema_on_the_way) = followed.map_err(|e| entry_error(e, &found))?;
        if found.ctx == Ctx::Generic && schema_on_the_way {
            // Somewhere the document's structure does not say what is expected, a reference that
            // leads to a schema's place stands for a schema.
            found.ctx = Ctx::Schema;
            outcome = self.follow(&found.reference, found.ctx, &at)?.0;
        }
        let reference = match outcome {
            Outcome::Component(section, name) => Pointer::root()
                .join("components")
                .join(section.key())
                .join(name)
                .to_string(),
            Outcome::Target(target) if found.ctx == Ctx::Schema => {
                format!("#/components/schemas/{}", self.hoist(target))
            }
            Outcome::Target(target) => return self.inline(i, found, target, &at),
        };
        if reference != found.reference {
            self.units[i].rewrites.push((found.path, reference));
        }
        Ok(())
    }

    /// Follows `reference`, found at `at`, and any references it leads to; says too whether one of
    /// the places on the way is where a schema sits.
    fn follow(&mut self, reference: &str, ctx: Ctx, at: &Place) -> Result<(Outcome, bool), Error> {
        let section = ctx.section();
        let mut from = at.clone();
        let original = reference;
        let mut reference = reference.to_string();
        let mut seen: Vec<Place> = Vec::new();
        // The last root component of this kind on the way: it will hold what the chain ends at.
        let mut slot = None;
        let mut schema_on_the_way = false;
        loop {
            let target = self.files.target(&reference, &from)?;
            schema_on_the_way |= is_schema_place(&tokens(&target.pointer));
            if seen.contains(&target) {
                return Err(self.error(
                    at,
                    format!(
                        "$ref `{original}` is a cycle of references: it leads back to `{}`",
                        self.show(&target)
                    ),
                ));
            }
            let component = section.and_then(|s| root_component(&target, s));
            let Some(node) = self.files.get(&target) else {
                let message = format!(
                    "$ref `{reference}` does not resolve: `{}` has nothing at `{}`",
                    self.files.shown(target.file).display(),
                    target.pointer
                );
                return Err(self.error(&from, message));
            };
            let Some(next) = ref_of(node) else {
                let outcome = match (component.or(slot), section) {
                    (Some(name), Some(section)) => Outcome::Component(section, name),
                    _ => Outcome::Target(target),
                };
                return Ok((outcome, schema_on_the_way));
            };
            slot = component.or(slot);
            reference = next.to_string();
            seen.push(target.clone());
            from = target;
        }
    }

    /// The key in `components/schemas` of the schema at `target`, hoisting it the first time.
    fn hoist(&mut self, target: Place) -> String {
        if let Some(name) = self.names.get(&target) {
            return name.clone();
        }
        let base = base_name(self.files.shown(target.file), &target.pointer);
        let mut name = base.clone();
        let mut n = 2;
        let root = &self.files.files[ROOT].value;
        let taken =
            |name: &str| self.taken.contains(name) || lookup(root, &format!("#/components/schemas/{name}")).is_some();
        while taken(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        self.register(target, name.clone());
        name
    }

    fn register(&mut self, target: Place, name: String) {
        self.taken.insert(name.clone());
        self.names.insert(target.clone(), name.clone());
        self.units.push(Unit {
            source: target,
            ctx: Ctx::Schema,
            parent: 0,
            path: Vec::new(),
            at: Pointer::root()
                .join("components")
                .join("schemas")
                .join(&name)
                .to_string(),
            hoisted: Some(name),
            rewrites: Vec::new(),
            base: 3,
        });
    }

    /// A copy of `target` in place of the reference `found` of unit `i`.
    fn inline(&mut self, i: usize, found: Found, target: Place, at: &Place) -> Result<(), Error> {
        let mut j = i;
        loop {
            if self.units[j].source == target {
                let message = format!(
                    "$ref `{}` makes a cycle: `{}` would be copied into itself; only schemas can refer to themselves",
                    found.reference,
                    self.show(&target)
                );
                return Err(self.error(at, message));
            }
            if j == 0 || self.units[j].hoisted.is_some() {
                break;
            }
            j = self.units[j].parent;
        }
        let base = self.units[i].base + found.path.len();
        let unit_at = pointer_of(&self.units[i].at, &found.path);
        self.units.push(Unit {
            source: target,
            ctx: found.ctx,
            parent: i,
            path: found.path,
            hoisted: None,
            at: unit_at,
            rewrites: Vec::new(),
            base,
        });
        Ok(())
    }

    fn error(&self, at: &Place, message: String) -> Error {
        Error::new(self.files.shown(at.file), at.pointer.as_str(), message)
    }

    /// `path/to/file.yml#/pointer`, or the path alone for a whole file.
    fn show(&self, place: &Place) -> String {
        let file = self.files.shown(place.file).display();
        match place.pointer.as_str() {
            "#" => file.to_string(),
            pointer => format!("{file}{pointer}"),
        }
    }
}

/// An error about where a discriminator mapping value leads says so, rather than `$ref`.
fn entry_error(mut error: Error, found: &Found) -> Error {
    let named = format!("$ref `{}`", found.reference);
    if found.entry && error.message.starts_with(&named) {
        error.message = format!(
            "discriminator mapping `{}`{}",
            found.reference,
            &error.message[named.len()..]
        );
    }
    error
}

fn root_section(root: &Value, section: Section) -> Option<&Value> {
    root.get("components")?.get(section.key())
}

/// The key of a root component of `section` at `place`.
fn root_component(place: &Place, section: Section) -> Option<String> {
    if place.file != ROOT {
        return None;
    }
    match <[String; 3]>::try_from(tokens(&place.pointer)) {
        Ok([components, s, name]) if components == "components" && s == section.key() => Some(name),
        _ => None,
    }
}

/// Whether a reference in the root file stays as it is: `#/components/{section}/{name}` whose
/// target is not itself a reference. Dangling ones and ones of another kind stay too: lowering says
/// what is wrong with them, as it always has.
fn stays(root: &Value, reference: &str, ctx: Ctx) -> bool {
    let Some(section) = ctx.section() else {
        return false;
    };
    let Some((s, name)) = reference
        .strip_prefix("#/components/")
        .and_then(|rest| rest.split_once('/'))
        .filter(|(_, name)| !name.is_empty() && !name.contains('/'))
    else {
        return false;
    };
    if s != section.key() {
        return Section::from_key(s).is_some();
    }
    lookup(root, "#/components")
        .and_then(|c| c.get(s))
        .and_then(|m| m.get(name))
        .is_none_or(|node| ref_of(node).is_none())
}

/// The key a hoisted schema asks for: a component's key, else the pointer's last token, else the
/// file's stem; characters a component key cannot have become `_`.
fn base_name(file: &Path, pointer: &str) -> String {
    let tokens = tokens(pointer);
    let raw = match tokens.as_slice() {
        [] => file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        [components, _, name] if components == "components" => name.clone(),
        [.., last] => last.clone(),
    };
    let name: String = raw
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.is_empty() {
        "schema".into()
    } else {
        name
    }
}
