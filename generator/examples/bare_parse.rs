//! `cargo run --release -p generator --example bare_parse -- FILE`: reads a document and parses it
//! straight into `openapiv3::OpenAPI` with serde_yaml, the floor of any generator, as a process of
//! its own, so it can be timed the same way as `cargo xtask codegen` (see the README's Performance).
//! Runs with the same allocator as the command.

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
        Err(e) => {
            eprintln!("{path}: {e}");
            ExitCode::FAILURE
        }
    }
}
