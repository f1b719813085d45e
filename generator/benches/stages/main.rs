//! `cargo bench -p generator`: the cost of each stage (load, lower, emit, format) and of all of them
//! together, beside the bare parse of the document (serde_yaml into `openapiv3::OpenAPI`), which is
//! the floor no generator can go under.
//!
//! Inputs: `spec/twilio_oauth_v1.yaml`; synthesized documents of 10, 100, 1,000 and 5,000 operations
//! (built here, see `synth.rs`), whose per-operation throughput shows whether a stage grows faster
//! than the document; and, when `../shared/specs/twilio-oai-2026-04` is beside the workspace,
//! `twilio_api_v2010.yaml` and the whole folder. Every input is read into memory first, so no stage
//! is timed with the disk. Writing the files is not part of any figure here (see the README for the
//! end-to-end measurement with `cargo xtask codegen`).
//!
//! Filter as usual: `cargo bench -p generator -- lower/`, `cargo bench -p generator -- synth`.

mod synth;

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkGroup, Criterion, SamplingMode, Throughput};
use generator::{emit, load, lower};

/// The allocator of `cargo xtask codegen` (see xtask's `Cargo.toml`), for the bare parse too.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// One document, in memory.
struct Document {
    path: PathBuf,
    text: String,
    options: lower::Options,
}

/// What one benchmark runs on: one document or a folder of them.
struct Input {
    name: String,
    documents: Vec<Document>,
    operations: u64,
    /// Large inputs get fewer samples, flat sampling and no per-stage split when `whole_only`.
    large: bool,
    whole_only: bool,
}

fn document(path: PathBuf, text: String) -> Document {
    let options = lower::Options::new(generator::crate_name_for(&path));
    Document { path, text, options }
}

fn input(name: &str, documents: Vec<Document>, large: bool, whole_only: bool) -> Input {
    let operations = documents
        .iter()
        .map(|d| {
            let doc = load::parse(&d.path, &d.text).unwrap_or_else(|e| panic!("{e}"));
            let api = lower::lower(&doc, &d.path, &d.options).unwrap_or_else(|e| panic!("{e}"));
            api.operations.len() as u64
        })
        .sum();
    Input {
        name: name.to_string(),
        documents,
        operations,
        large,
        whole_only,
    }
}

fn inputs() -> Vec<Input> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("generator is in the workspace");
    let read = |path: &Path| std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let oauth = workspace.join("spec/twilio_oauth_v1.yaml");
    let mut inputs = vec![input(
        "oauth_v1",
        vec![document(oauth.clone(), read(&oauth))],
        false,
        false,
    )];
    for n in [10, 100, 1_000, 5_000] {
        let path = PathBuf::from(format!("synth_{n}.yaml"));
        inputs.push(input(
            &format!("synth_{n}"),
            vec![document(path, synth::document(n))],
            n >= 1_000,
            false,
        ));
    }
    let corpus = workspace.join("../shared/specs/twilio-oai-2026-04");
    if corpus.is_dir() {
        let v2010 = corpus.join("twilio_api_v2010.yaml");
        inputs.push(input(
            "api_v2010",
            vec![document(v2010.clone(), read(&v2010))],
            true,
            false,
        ));
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&corpus)
            .unwrap_or_else(|e| panic!("{}: {e}", corpus.display()))
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml" | "json")))
            .collect();
        paths.sort();
        let documents = paths
            .into_iter()
            .map(|path| document(path.clone(), read(&path)))
            .collect::<Vec<_>>();
        inputs.push(input(&format!("twilio_all_{}", documents.len()), documents, true, true));
    } else {
        println!(
            "skipped api_v2010 and the Twilio folder: {} is not there",
            corpus.display()
        );
    }
    inputs
}

fn configure(group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>, input: &Input) {
    group.throughput(Throughput::Elements(input.operations));
    if input.large {
        group.sampling_mode(SamplingMode::Flat);
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(2));
    } else {
        group.sampling_mode(SamplingMode::Auto);
        group.sample_size(20);
        group.warm_up_time(Duration::from_millis(300));
        group.measurement_time(Duration::from_secs(1));
    }
}

fn stages(c: &mut Criterion) {
    let inputs = inputs();

    // The floor: the document parsed straight into openapiv3's model.
    let mut group = c.benchmark_group("bare_parse");
    for input in &inputs {
        configure(&mut group, input);
        group.bench_function(&input.name, |b| {
            b.iter(|| {
                for d in &input.documents {
                    let doc: openapiv3::OpenAPI = serde_yaml::from_str(&d.text).expect("the document parses");
                    std::hint::black_box(doc);
                }
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("load");
    for input in inputs.iter().filter(|i| !i.whole_only) {
        configure(&mut group, input);
        group.bench_function(&input.name, |b| {
            b.iter(|| {
                for d in &input.documents {
                    std::hint::black_box(load::parse(&d.path, &d.text).expect("the document loads"));
                }
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("lower");
    for input in inputs.iter().filter(|i| !i.whole_only) {
        let loaded: Vec<_> = input
            .documents
            .iter()
            .map(|d| load::parse(&d.path, &d.text).expect("the document loads"))
            .collect();
        configure(&mut group, input);
        group.bench_function(&input.name, |b| {
            b.iter(|| {
                for (d, doc) in input.documents.iter().zip(&loaded) {
                    std::hint::black_box(lower::lower(doc, &d.path, &d.options).expect("the document lowers"));
                }
            })
        });
    }
    group.finish();

    let apis: Vec<Vec<generator::ir::Api>> = inputs
        .iter()
        .map(|input| {
            if input.whole_only {
                return Vec::new();
            }
            input
                .documents
                .iter()
                .map(|d| {
                    let doc = load::parse(&d.path, &d.text).expect("the document loads");
                    lower::lower(&doc, &d.path, &d.options).expect("the document lowers")
                })
                .collect()
        })
        .collect();

    let mut group = c.benchmark_group("emit");
    for (input, apis) in inputs.iter().zip(&apis).filter(|(i, _)| !i.whole_only) {
        configure(&mut group, input);
        group.bench_function(&input.name, |b| {
            b.iter(|| {
                for api in apis {
                    std::hint::black_box(emit::emit_unformatted(api));
                }
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("format");
    for (input, apis) in inputs.iter().zip(&apis).filter(|(i, _)| !i.whole_only) {
        let pending: Vec<_> = apis.iter().map(emit::emit_unformatted).collect();
        configure(&mut group, input);
        group.bench_function(&input.name, |b| {
            b.iter_batched(
                || pending.clone(),
                |pending| {
                    for files in pending {
                        std::hint::black_box(emit::format(files).expect("the crate formats"));
                    }
                },
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();

    // Everything but reading and writing files: text → formatted files.
    let mut group = c.benchmark_group("end_to_end");
    for input in &inputs {
        configure(&mut group, input);
        group.bench_function(&input.name, |b| {
            b.iter(|| {
                for d in &input.documents {
                    let doc = load::parse(&d.path, &d.text).expect("the document loads");
                    let api = lower::lower(&doc, &d.path, &d.options).expect("the document lowers");
                    std::hint::black_box(emit::emit(&api).expect("the crate emits"));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
