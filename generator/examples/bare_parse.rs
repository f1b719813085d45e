//! `cargo run --release -p generator --example bare_parse -- FILE`: reads a document and parses it
//! straight into `openapiv3::OpenAPI` with serde_yaml, the floor of any generator, as a process of
//! its own, so it can be timed the same way as `cargo xtask codegen` (see the README's Performance).
//! Runs with the same allocator as the command. A document `openapiv3` cannot read (OpenAPI 3.1,
//! or JSON that YAML refuses) is parsed into a plain JSON tree instead: the floor for those.

use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: bare_parse FILE");
        return ExitCode::FAILURE;
    };
    let parsed = std::fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|text| serde_yaml::from_str::<openapiv3::OpenAPI>(&text).map_err(|e| e.to_string()));
    match parsed {
        Ok(doc) => {
            println!("{path}: {} paths", doc.paths.paths.len());
            ExitCode::SUCCESS
        }
        Err(e) => match std::fs::read_to_string(&path).map(|text| serde_json::from_str::<serde_json::Value>(&text)) {
            Ok(Ok(tree)) => {
                println!(
                    "{path}: not OpenAPI 3.0 ({e}); a JSON tree of {} keys",
                    tree.as_object().map_or(0, |o| o.len())
                );
                ExitCode::SUCCESS
            }
            _ => {
                eprintln!("{path}: {e}");
                ExitCode::FAILURE
            }
        },
    }
}
