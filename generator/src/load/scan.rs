//! Finding the `$ref`s below one node, each with its path and the kind of object expected there, and
//! the discriminator mapping values that are references to schemas. Read-only and with an explicit
//! stack (documents may be deep); a document whose references all stay as they are is only read,
//! never copied.

use std::borrow::Cow;

use serde_yaml::{Mapping, Value};

use super::context::{is_mapping_reference, Ctx};

/// One step down a tree: a mapping key or a list index.
#[derive(Debug, Clone)]
pub(super) enum Seg {
    Key(Value),
    Index(usize),
}

/// A `$ref` to resolve: where it is (below the scanned node), what it says, what kind of object it
/// stands for.
pub(super) struct Found {
    /// The reference object; for a mapping entry, the entry's string itself.
    pub path: Vec<Seg>,
    pub reference: String,
    pub ctx: Ctx,
    /// A discriminator mapping's value (always a schema), not a `$ref`.
    pub entry: bool,
}

enum Step<'v> {
    Key(&'v Value),
    Index(usize),
}

/// No parent: the scanned node itself.
const TOP: usize = usize::MAX;

/// What a scan found below one node.
pub(super) struct Scan {
    /// The references to resolve, in document order.
    pub found: Vec<Found>,
    /// How many levels of objects and lists the node holds (itself included).
    pub depth: usize,
    /// How many objects and lists were read.
    pub visited: u64,
}

/// Every `$ref` below `node` (of kind `ctx`), and every discriminator mapping value that is a
/// reference, that `keep` does not accept as it is. `node` itself is not taken as a reference.
pub(super) fn refs_in(node: &Value, ctx: Ctx, mut keep: impl FnMut(&str, Ctx) -> bool) -> Scan {
    let mut found = Vec::new();
    let (mut depth, mut visited) = (0, 0);
    // Each step's parent step, so a path is built only for the references found.
    let mut steps: Vec<(usize, Step)> = Vec::new();
    let mut stack: Vec<(&Value, Ctx, usize, usize)> = vec![(node, ctx, TOP, 1)];
    while let Some((node, ctx, at, level)) = stack.pop() {
        visited += 1;
        depth = depth.max(level);
        let first_child = stack.len();
        match node {
            Value::Mapping(map) if ctx == Ctx::Mapping => {
                found.extend(mapping_entries(map, &mut keep, || path_of(&steps, at)));
            }
            Value::Mapping(map) => {
                // One pass over the keys, without hashing: most objects are not references.
                let first_step = steps.len();
                let mut reference = None;
                for (key, child) in map {
                    if let (Value::String(k), Value::String(r)) = (key, child) {
                        if k == "$ref" && at != TOP {
                            reference = Some(r);
                            break;
                        }
                    }
                    if !is_container(child) {
                        continue;
                    }
                    let child_ctx = ctx.child(&key_text(key));
                    if child_ctx != Ctx::Data {
                        steps.push((at, Step::Key(key)));
                        stack.push((child, child_ctx, steps.len() - 1, level + 1));
                    }
                }
                if let Some(reference) = reference {
                    // A reference object's other keys are not read.
                    stack.truncate(first_child);
                    steps.truncate(first_step);
                    if !keep(reference, ctx) {
                        found.push(Found {
                            path: path_of(&steps, at),
                            reference: reference.clone(),
                            ctx,
                            entry: false,
                        });
                    }
                    continue;
                }
            }
            Value::Sequence(items) => {
                let item_ctx = ctx.item();
                for (i, child) in items.iter().enumerate() {
                    if is_container(child) && item_ctx != Ctx::Data {
                        steps.push((at, Step::Index(i)));
                        stack.push((child, item_ctx, steps.len() - 1, level + 1));
                    }
                }
            }
            _ => {}
        }
        // Popped last-in first-out: reversed, the children come out in document order.
        stack[first_child..].reverse();
    }
    Scan { found, depth, visited }
}

/// The values of a discriminator's `mapping` that are references `keep` does not accept, as
/// references to schemas; `path` makes the mapping's path.
fn mapping_entries(map: &Mapping, keep: &mut impl FnMut(&str, Ctx) -> bool, path: impl Fn() -> Vec<Seg>) -> Vec<Found> {
    let mut found = Vec::new();
    for (key, value) in map {
        let Value::String(reference) = value else { continue };
        if is_mapping_reference(reference) && !keep(reference, Ctx::Schema) {
            let mut path = path();
            path.push(Seg::Key(key.clone()));
            found.push(Found {
                path,
                reference: reference.clone(),
                ctx: Ctx::Schema,
                entry: true,
            });
        }
    }
    found
}

fn is_container(value: &Value) -> bool {
    matches!(value, Value::Mapping(_) | Value::Sequence(_))
}

fn key_text(key: &Value) -> Cow<'_, str> {
    match key {
        Value::String(s) => Cow::Borrowed(s),
        other => Cow::Owned(super::scalar_text(other)),
    }
}

fn path_of(steps: &[(usize, Step)], mut at: usize) -> Vec<Seg> {
    let mut path = Vec::new();
    while at != TOP {
        let (parent, step) = &steps[at];
        path.push(match step {
            Step::Key(key) => Seg::Key((*key).clone()),
            Step::Index(i) => Seg::Index(*i),
        });
        at = *parent;
    }
    path.reverse();
    path
}

/// `base` (a JSON pointer) with `path` appended.
pub(super) fn pointer_of(base: &str, path: &[Seg]) -> String {
    let mut pointer = base.to_string();
    for seg in path {
        pointer.push('/');
        match seg {
            Seg::Key(key) => {
                let token = key_text(key);
                if token.contains(['~', '/']) {
                    pointer.push_str(&token.replace('~', "~0").replace('/', "~1"));
                } else {
                    pointer.push_str(&token);
                }
            }
            Seg::Index(i) => pointer.push_str(&i.to_string()),
        }
    }
    pointer
}

/// The node at `path` below `root`, to change it.
pub(super) fn node_mut<'v>(root: &'v mut Value, path: &[Seg]) -> Option<&'v mut Value> {
    path.iter().try_fold(root, |node, seg| match (node, seg) {
        (Value::Mapping(map), Seg::Key(key)) => map.get_mut(key),
        (Value::Sequence(items), Seg::Index(i)) => items.get_mut(*i),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_refs_in_order_and_skips_data() {
        let doc: Value = serde_yaml::from_str(
            "paths:\n  /a:\n    get:\n      parameters: [{$ref: p.yml}]\n      x-samples: [{$ref: s.yml}]\n      responses:\n        200:\n          content:\n            application/json:\n              schema: {$ref: m.yml}\n              example: {$ref: e.yml}\n",
        )
        .unwrap();
        let scan = refs_in(&doc, Ctx::Root, |_, _| false);
        assert_eq!(scan.depth, 9);
        let seen: Vec<(String, Ctx, String)> = scan
            .found
            .iter()
            .map(|f| (f.reference.clone(), f.ctx, pointer_of("#", &f.path)))
            .collect();
        assert_eq!(
            seen,
            [
                ("p.yml".into(), Ctx::Parameter, "#/paths/~1a/get/parameters/0".into()),
                (
                    "m.yml".into(),
                    Ctx::Schema,
                    "#/paths/~1a/get/responses/200/content/application~1json/schema".into()
                ),
            ]
        );
    }

    #[test]
    fn finds_mapping_values_that_are_references() {
        let doc: Value = serde_yaml::from_str(
            "oneOf: [{$ref: a.yml}, {$ref: b.yml#/B}, {$ref: c.yml}]\ndiscriminator:\n  propertyName: kind\n  mapping: {a: a.yml, b: 'b.yml#/B', c: C, d: '#/components/schemas/D'}\n  x-mapping: {e: e.yml}\n",
        )
        .unwrap();
        let scan = refs_in(&doc, Ctx::Schema, |r, _| r.starts_with("#/components/"));
        let seen: Vec<(&str, bool, String)> = scan
            .found
            .iter()
            .map(|f| (f.reference.as_str(), f.entry, pointer_of("#", &f.path)))
            .collect();
        let at = |p: &str| format!("#/{p}");
        assert_eq!(
            seen,
            [
                ("a.yml", false, at("oneOf/0")),
                ("b.yml#/B", false, at("oneOf/1")),
                ("c.yml", false, at("oneOf/2")),
                ("a.yml", true, at("discriminator/mapping/a")),
                ("b.yml#/B", true, at("discriminator/mapping/b")),
            ]
        );
        assert!(scan.found.iter().all(|f| f.ctx == Ctx::Schema));
    }
}
