//! Load, lower and emit never panic and never hang, whatever the document: valid documents (the
//! project's spec and the fixtures) are mutated at random (keys dropped, types swapped, `$ref`s
//! broken, schemas nested deeply, huge strings) and each result must come back as `Ok` or `Err`
//! within a time bound.
//!
//! The normal test run tries a bounded number of cases; for a longer run:
//! `PROPTEST_CASES=5000 cargo test -p generator --release --test never_panics`.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use proptest::prelude::*;
use serde_yaml::{Mapping, Value};

/// Generous: a case takes milliseconds. Exceeding it means a hang, not slowness.
const CASE_BOUND: Duration = Duration::from_secs(20);

fn seeds() -> Vec<Value> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![dir.join("../spec/twilio_oauth_v1.yaml")];
    for name in ["names.yaml", "types.yaml", "operations.yaml"] {
        paths.push(dir.join("tests/fixtures").join(name));
    }
    paths
        .iter()
        .map(|p| serde_yaml::from_str(&std::fs::read_to_string(p).expect("seed document")).expect("seed parses"))
        .collect()
}

/// One change to a document, chosen by numbers so proptest can shrink it.
#[derive(Debug, Clone)]
struct Mutation {
    /// Which node (index into a depth-first list of all nodes, modulo its length).
    node: usize,
    kind: u8,
    amount: usize,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    (any::<usize>(), 0u8..8, 0usize..400).prop_map(|(node, kind, amount)| Mutation { node, kind, amount })
}

/// Visits every node depth-first and applies `f` to the `target`-th one.
fn with_node(value: &mut Value, target: usize, counter: &mut usize, f: &mut dyn FnMut(&mut Value)) -> bool {
    if *counter == target {
        f(value);
        return true;
    }
    *counter += 1;
    match value {
        Value::Mapping(map) => map.values_mut().any(|child| with_node(child, target, counter, f)),
        Value::Sequence(items) => items.iter_mut().any(|child| with_node(child, target, counter, f)),
        _ => false,
    }
}

fn count_nodes(value: &Value) -> usize {
    1 + match value {
        Value::Mapping(map) => map.values().map(count_nodes).sum(),
        Value::Sequence(items) => items.iter().map(count_nodes).sum(),
        _ => 0,
    }
}

fn apply(doc: &mut Value, m: &Mutation) {
    let total = count_nodes(doc);
    let target = m.node % total;
    let amount = m.amount;
    let mut change = |node: &mut Value| match m.kind {
        // Drop a key.
        0 => {
            if let Value::Mapping(map) = node {
                if let Some(key) = map.keys().nth(amount % map.len().max(1)).cloned() {
                    map.remove(&key);
                }
            }
        }
        // Swap the type.
        1 => {
            *node = match amount % 6 {
                0 => Value::from("surprise"),
                1 => Value::from(amount as u64),
                2 => Value::from(true),
                3 => Value::Null,
                4 => Value::Sequence(vec![Value::from("a")]),
                _ => Value::Mapping(Mapping::new()),
            }
        }
        // Break a $ref, or add one where none was.
        2 => {
            let target = match amount % 4 {
                0 => "#/components/schemas/nope",
                1 => "other.yaml#/components/schemas/thing",
                2 => "#/paths/x",
                _ => "#/components/schemas/",
            };
            let mut map = Mapping::new();
            map.insert(Value::from("$ref"), Value::from(target));
            *node = Value::Mapping(map);
        }
        // Nest a schema deeply in objects and arrays.
        3 => {
            let mut inner = std::mem::take(node);
            for level in 0..(amount % 200) {
                let mut map = Mapping::new();
                if level % 2 == 0 {
                    map.insert(Value::from("type"), Value::from("array"));
                    map.insert(Value::from("items"), inner);
                } else {
                    let mut props = Mapping::new();
                    props.insert(Value::from(format!("p{level}")), inner);
                    map.insert(Value::from("type"), Value::from("object"));
                    map.insert(Value::from("properties"), Value::Mapping(props));
                }
                inner = Value::Mapping(map);
            }
            *node = inner;
        }
        // A huge string.
        4 => *node = Value::from("x".repeat(1 + amount * 500)),
        // A huge key beside the others.
        5 => {
            if let Value::Mapping(map) = node {
                map.insert(Value::from("k".repeat(1 + amount * 50)), Value::from("v"));
            }
        }
        // Odd names: operators, keywords, digits, empty.
        6 => {
            if let Value::Mapping(map) = node {
                let names = ["", "<", "type", "3d", "Self", "a.b", "Ünïcode", "client", "send", "x-y"];
                map.insert(Value::from(names[amount % names.len()]), Value::Mapping(Mapping::new()));
            }
        }
        // Duplicate an entry under another key.
        _ => {
            if let Value::Mapping(map) = node {
                if let Some((_, v)) = map.iter().nth(amount % map.len().max(1)) {
                    let v = v.clone();
                    map.insert(Value::from(format!("dup{amount}")), v);
                }
            }
        }
    };
    with_node(doc, target, &mut 0, &mut change);
}

/// Runs the whole pipeline on another thread so a hang fails the test instead of stalling it.
fn generate_within_bound(text: String) {
    let (done, finished) = mpsc::channel();
    std::thread::Builder::new()
        .stack_size(64 * 1024 * 1024)
        .spawn(move || {
            let file = Path::new("mutated.yaml");
            let outcome = generator::load::parse(file, &text)
                .and_then(|doc| generator::lower::lower(&doc, file, &generator::Options::new("mutated")))
                .map(|api| generator::emit::emit(&api));
            let _ = done.send(outcome.is_ok());
        })
        .expect("spawn");
    match finished.recv_timeout(CASE_BOUND) {
        Ok(_) => {}
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("generation did not finish within {CASE_BOUND:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("generation panicked (see the thread's message above)"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn mutated_documents_give_ok_or_err(seed in 0usize..4, mutations in prop::collection::vec(mutation(), 1..6)) {
        let mut doc = seeds().swap_remove(seed);
        for m in &mutations {
            apply(&mut doc, m);
        }
        let text = serde_yaml::to_string(&doc).expect("a YAML value serializes");
        generate_within_bound(text);
    }

    #[test]
    fn arbitrary_text_gives_ok_or_err(text in ".{0,400}") {
        generate_within_bound(text);
    }
}

#[test]
fn every_seed_generates() {
    for (i, doc) in seeds().into_iter().enumerate() {
        let text = serde_yaml::to_string(&doc).unwrap();
        let file = Path::new("seed.yaml");
        let api = generator::load::parse(file, &text)
            .and_then(|d| generator::lower::lower(&d, file, &generator::Options::new("seed")))
            .unwrap_or_else(|e| panic!("seed {i}: {e}"));
        generator::emit::emit(&api).unwrap_or_else(|e| panic!("seed {i}: {e}"));
    }
}
