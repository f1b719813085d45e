//! `cargo xtask codegen`: generate a client crate from a document, or check that it is up to date.
//!
//! Generation happens in memory first; nothing is written unless every file was produced, so a
//! broken document leaves the existing output untouched. Files are then written one by one through
//! a temporary file and a rename. Files in the output folder that generation no longer produces are
//! deleted only if they carry the generated-file marker: a file someone wrote is never removed.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use generator::emit::GeneratedFile;

/// The project's own document and crate, relative to the workspace root.
const DEFAULT_SPEC: &str = "spec/twilio_oauth_v1.yaml";
const DEFAULT_OUT: &str = "generated";
/// More committed crates, from fixture documents with what the OAuth v1 document lacks, for the
/// tests in generated-tests/: an OAuth 2 client-credentials scheme (the token cache's tests),
/// polymorphism and recursive models (their wire tests), and every way to authenticate and to put
/// parameters and bodies on the wire (the wire tests and the second conformance document).
const FIXTURES: &[(&str, &str)] = &[
    ("generator/tests/fixtures/schemes_and_shapes.yaml", "generated-fixture"),
    (
        "generator/tests/fixtures/inheritance.yaml",
        "generated-fixture-inheritance",
    ),
    ("generator/tests/fixtures/recursion.yaml", "generated-fixture-recursion"),
    ("generator/tests/fixtures/wire_shapes.yaml", "generated-fixture-wire"),
];

struct Args {
    /// Document and output folder of each crate to generate.
    targets: Vec<(PathBuf, PathBuf)>,
    /// `--replies`: overrides the documents' settings files.
    replies: Option<generator::ReplyMode>,
    /// No `--spec` or `--out`: the project's own crates.
    defaults: bool,
    check: bool,
}

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let root = workspace_root();
    let args = parse_args(args, &root)?;
    // Every crate is generated before any is written or checked: a broken document changes nothing.
    let mut generated = Vec::new();
    for (spec, out) in &args.targets {
        let mut options = generator::config::options_for(spec)?;
        if let Some(replies) = args.replies {
            options.replies = replies;
        }
        let made = generator::generate_with_warnings(spec, &options)?;
        for warning in &made.warnings {
            eprintln!("warning: {warning}");
        }
        generated.push((spec, out, made.files));
    }
    for (spec, out, files) in generated {
        if args.check {
            let problems = check(out, &files)?;
            if !problems.is_empty() {
                let fix = if args.defaults {
                    "cargo xtask codegen".to_string()
                } else {
                    format!("cargo xtask codegen --spec {} --out {}", spec.display(), out.display())
                };
                bail!(
                    "{} is out of date:\n{}\nrun `{fix}` to regenerate it",
                    out.display(),
                    problems.join("\n")
                );
            }
            println!("{} is up to date ({} files)", out.display(), files.len());
        } else {
            let report = write(out, &files)?;
            print!("{}", report.summary(out, files.len()));
        }
    }
    Ok(())
}

pub fn workspace_root() -> PathBuf {
    // xtask lives one level below the root.
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn parse_args(args: &[String], root: &Path) -> anyhow::Result<Args> {
    let mut spec = None;
    let mut out = None;
    let mut check = false;
    let mut replies = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--replies" => replies = Some(replies_flag(iter.next())?),
            "--spec" => spec = Some(PathBuf::from(iter.next().context("--spec needs a FILE")?)),
            "--out" => out = Some(PathBuf::from(iter.next().context("--out needs a DIR")?)),
            other => bail!("unknown argument `{other}`\n{}", crate::USAGE),
        }
    }
    if spec.is_some() && out.is_none() {
        bail!(
            "--spec needs --out: {DEFAULT_OUT}/ holds the crate generated from {DEFAULT_SPEC}\n{}",
            crate::USAGE
        );
    }
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let defaults = spec.is_none() && out.is_none();
    let targets = if defaults {
        std::iter::once((root.join(DEFAULT_SPEC), root.join(DEFAULT_OUT)))
            .chain(FIXTURES.iter().map(|(spec, out)| (root.join(spec), root.join(out))))
            .collect()
    } else {
        vec![(
            spec.map(|p| cwd.join(p)).unwrap_or_else(|| root.join(DEFAULT_SPEC)),
            out.map(|p| cwd.join(p)).unwrap_or_else(|| root.join(DEFAULT_OUT)),
        )]
    };
    Ok(Args {
        targets,
        replies,
        defaults,
        check,
    })
}

/// The value of `--replies`.
pub fn replies_flag(value: Option<&String>) -> anyhow::Result<generator::ReplyMode> {
    let value = value.context("--replies needs `strict` or `lenient`")?;
    generator::config::parse_replies(value)
        .with_context(|| format!("--replies is `strict` or `lenient`, not `{value}`"))
}

/// What is different between `out` and the files generation produces: one line per file.
pub fn check(out: &Path, files: &[GeneratedFile]) -> anyhow::Result<Vec<String>> {
    Ok(generator::output::check(out, files)?)
}

pub use generator::output::WriteReport;

/// Makes `out` hold exactly `files` (plus any file nobody generated).
pub fn write(out: &Path, files: &[GeneratedFile]) -> anyhow::Result<WriteReport> {
    Ok(generator::output::write(out, files)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use generator::emit::GENERATED_MARKER;

    fn spec() -> PathBuf {
        workspace_root().join(DEFAULT_SPEC)
    }

    fn generated() -> Vec<GeneratedFile> {
        generator::generate(&spec(), &generator::Options::new("twilio-oauth-v1"))
            .expect("the project's document generates")
    }

    /// A folder holding exactly what generation produces.
    fn written() -> (tempfile::TempDir, Vec<GeneratedFile>) {
        let dir = tempfile::tempdir().unwrap();
        let files = generated();
        write(dir.path(), &files).unwrap();
        (dir, files)
    }

    #[test]
    fn check_after_write_reports_nothing() {
        let (dir, files) = written();
        assert!(files.iter().any(|f| f.path == "Cargo.toml"));
        assert!(files.iter().any(|f| f.path == "src/lib.rs"));
        assert_eq!(check(dir.path(), &files).unwrap(), Vec::<String>::new());
    }

    #[test]
    fn check_reports_a_changed_file_as_stale() {
        let (dir, files) = written();
        let lib = dir.path().join("src/lib.rs");
        let mut text = std::fs::read_to_string(&lib).unwrap();
        text.push_str("// edited by hand\n");
        std::fs::write(&lib, text).unwrap();
        assert_eq!(check(dir.path(), &files).unwrap(), ["  stale:   src/lib.rs"]);
    }

    #[test]
    fn check_reports_a_deleted_file_as_missing() {
        let (dir, files) = written();
        std::fs::remove_file(dir.path().join("README.md")).unwrap();
        assert_eq!(check(dir.path(), &files).unwrap(), ["  missing: README.md"]);
    }

    #[test]
    fn check_reports_an_added_file_as_extra() {
        let (dir, files) = written();
        std::fs::write(dir.path().join("src/extra.rs"), "pub fn extra() {}\n").unwrap();
        assert_eq!(check(dir.path(), &files).unwrap(), ["  extra:   src/extra.rs"]);
    }

    #[test]
    fn check_reports_stale_missing_and_extra_together() {
        let (dir, files) = written();
        std::fs::write(dir.path().join("src/lib.rs"), "// not what was generated\n").unwrap();
        std::fs::remove_file(dir.path().join("README.md")).unwrap();
        std::fs::write(dir.path().join("src/extra.rs"), "pub fn extra() {}\n").unwrap();
        assert_eq!(
            check(dir.path(), &files).unwrap(),
            [
                "  missing: README.md",
                "  stale:   src/lib.rs",
                "  extra:   src/extra.rs"
            ]
        );
    }

    #[test]
    fn check_of_a_missing_folder_reports_every_file_missing() {
        let dir = tempfile::tempdir().unwrap();
        let files = generated();
        let problems = check(&dir.path().join("absent"), &files).unwrap();
        let expected: Vec<String> = files.iter().map(|f| format!("  missing: {}", f.path)).collect();
        assert_eq!(problems, expected);
    }

    #[test]
    fn check_ignores_the_target_folder() {
        let (dir, files) = written();
        std::fs::create_dir_all(dir.path().join("target/debug")).unwrap();
        std::fs::write(dir.path().join("target/debug/build.log"), "x").unwrap();
        assert_eq!(check(dir.path(), &files).unwrap(), Vec::<String>::new());
    }

    #[test]
    fn write_into_an_empty_folder_writes_every_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("new/crate");
        let files = generated();
        let report = write(&out, &files).unwrap();
        assert_eq!(report.written, files.len());
        assert_eq!(report.deleted, 0);
        assert!(report.kept.is_empty());
        for file in &files {
            assert_eq!(std::fs::read_to_string(out.join(&file.path)).unwrap(), file.contents);
        }
        // No temporary file is left behind: the folder is exactly what generation makes.
        assert!(check(&out, &files).unwrap().is_empty());
    }

    #[test]
    fn write_rewrites_stale_deletes_marked_extras_and_keeps_hand_written_files() {
        let (dir, files) = written();
        let out = dir.path();
        std::fs::write(out.join("src/lib.rs"), "// not what was generated\n").unwrap();
        let marked = out.join("src/models/old_model.rs");
        std::fs::write(&marked, format!("// {GENERATED_MARKER}\npub struct OldModel;\n")).unwrap();
        let hand_written = out.join("NOTES.md");
        std::fs::write(&hand_written, "Notes kept next to the generated crate.\n").unwrap();
        // The marker counts only on the first line: a file that merely mentions it is someone's.
        let mentions = out.join("src/mentions.rs");
        std::fs::write(&mentions, format!("// hand-written\n// {GENERATED_MARKER}\n")).unwrap();

        let report = write(out, &files).unwrap();

        assert_eq!(report.written, 1);
        assert_eq!(report.deleted, 1);
        assert_eq!(report.kept, [hand_written.clone(), mentions.clone()]);
        assert!(!marked.exists());
        assert_eq!(
            std::fs::read_to_string(&hand_written).unwrap(),
            "Notes kept next to the generated crate.\n"
        );
        assert!(mentions.exists());
        let lib = files.iter().find(|f| f.path == "src/lib.rs").unwrap();
        assert_eq!(std::fs::read_to_string(out.join("src/lib.rs")).unwrap(), lib.contents);
        assert_eq!(
            check(out, &files).unwrap(),
            ["  extra:   NOTES.md", "  extra:   src/mentions.rs"]
        );
    }

    #[test]
    fn write_twice_writes_nothing_the_second_time() {
        let dir = tempfile::tempdir().unwrap();
        let files = generated();
        let first = write(dir.path(), &files).unwrap();
        assert_eq!(first.written, files.len());
        let second = write(dir.path(), &files).unwrap();
        assert_eq!(second.written, 0);
        assert_eq!(second.deleted, 0);
        assert!(second.kept.is_empty());
    }

    #[test]
    fn generation_is_deterministic_in_process() {
        let first = generated();
        let second = generated();
        assert!(!first.is_empty());
        assert_eq!(first, second);
    }
}
