//! Project tasks: `cargo xtask codegen [--check] [--spec FILE --out DIR]`, `cargo xtask conformance`,
//! `cargo xtask corpus DIR`.

mod codegen;
mod conformance;
mod corpus;

use codegen::workspace_root;

use std::process::ExitCode;

const USAGE: &str = "usage:
  cargo xtask codegen [--check]              regenerate generated/ from spec/twilio_oauth_v1.yaml, and
                                             generated-fixture/ from generator/tests/fixtures/schemes_and_shapes.yaml
  cargo xtask codegen --spec FILE --out DIR  generate a client crate for another document
      [--replies strict|lenient]             how replies are read (default: the document's
                                             FILE.toml beside it, else strict)
  cargo xtask conformance [--spec FILE]      check the generated client against Stoplight Prism
  cargo xtask corpus DIR|FILE [--only NAME] [--no-tests] [--replies strict|lenient]
                                             generate, lint and test a crate for every document in DIR";

/// See `Cargo.toml`: generation spends a quarter of its time in the allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => codegen::run(&args[1..]),
        Some("conformance") => conformance::run(&args[1..]),
        Some("corpus") => corpus::run(&args[1..]),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
