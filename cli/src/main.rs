//! `openapi-rust-gen --spec FILE --out DIR [--check] [--replies strict|lenient]`: a client crate for
//! any OpenAPI 3.0 or 3.1 document, for teams outside this repository
//! (`cargo install --git <this repository> openapi-rust-gen`, or `--path cli` from a clone).
//!
//! The same generation as `cargo xtask codegen --spec … --out …`: nothing is written unless every
//! file was generated, and `--check` writes nothing and fails when DIR is not what the document
//! makes (for CI). Warnings about the document go to stderr; errors name the file and the JSON
//! pointer. Exit status: 0 done, 1 the document or the folder is the problem, 2 wrong arguments.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: openapi-rust-gen --spec FILE --out DIR [--check] [--replies strict|lenient] [--name CRATE]";

struct Args {
    spec: PathBuf,
    out: PathBuf,
    check: bool,
    replies: Option<generator::ReplyMode>,
    name: Option<String>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let args = match parse(&args) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

fn parse(args: &[String]) -> Result<Args, String> {
    let (mut spec, mut out, mut check, mut replies, mut name) = (None, None, false, None, None);
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |flag: &str| iter.next().cloned().ok_or_else(|| format!("{flag} needs a value"));
        match arg.as_str() {
            "--spec" => spec = Some(PathBuf::from(value("--spec")?)),
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--name" => name = Some(value("--name")?),
            "--check" => check = true,
            "--replies" => {
                let text = value("--replies")?;
                replies = Some(
                    generator::config::parse_replies(&text)
                        .ok_or_else(|| format!("--replies is `strict` or `lenient`, not `{text}`"))?,
                );
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Args {
        spec: spec.ok_or("--spec FILE is required")?,
        out: out.ok_or("--out DIR is required")?,
        check,
        replies,
        name,
    })
}

fn run(args: &Args) -> Result<(), String> {
    let mut options = generator::config::options_for(&args.spec).map_err(|e| e.to_string())?;
    if let Some(replies) = args.replies {
        options.replies = replies;
    }
    if let Some(name) = &args.name {
        options.crate_name = name.clone();
    }
    let generated = generator::generate_with_warnings(&args.spec, &options).map_err(|e| e.to_string())?;
    for warning in &generated.warnings {
        eprintln!("warning: {warning}");
    }
    let files = generated.files;
    let out = args.out.display();
    if args.check {
        let problems = generator::output::check(&args.out, &files).map_err(|e| e.to_string())?;
        if !problems.is_empty() {
            return Err(format!(
                "{out} is out of date:\n{}\nrun the same command without --check to regenerate it",
                problems.join("\n")
            ));
        }
        println!("{out} is up to date ({} files)", files.len());
        return Ok(());
    }
    let report = generator::output::write(&args.out, &files).map_err(|e| e.to_string())?;
    print!("{}", report.summary(&args.out, files.len()));
    Ok(())
}
