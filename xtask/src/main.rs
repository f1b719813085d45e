//! Project tasks: `cargo xtask codegen [--check] [--spec FILE --out DIR]`.

mod codegen;

use std::process::ExitCode;

const USAGE: &str = "usage:
  cargo xtask codegen [--check]              regenerate generated/ from spec/twilio_oauth_v1.yaml
  cargo xtask codegen --spec FILE --out DIR  generate a client crate for another document";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => codegen::run(&args[1..]),
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
