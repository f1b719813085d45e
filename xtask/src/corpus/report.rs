//! The results: the printed table with one line per document, the summary line under it and the
//! run's verdict (every document generated, clippy-clean and, when run, passing its tests).

use std::time::{Duration, Instant};

use super::cargo_test::TestTally;
use super::text::{cut, millis};
use super::{Generated, Row};

/// Longest error text in the table's check column.
const CHECK_WIDTH: usize = 100;

/// Prints the table, the summary line, the wall time since `started` and every generation failure;
/// returns the summary, which says whether the run passed.
pub(super) fn print(rows: &[Row], tests: bool, started: Instant) -> Summary {
    println!("{}", table(rows, tests));
    let summary = Summary::of(rows);
    println!("{}", summary.line(tests));
    println!("wall time {:.1} s", started.elapsed().as_secs_f64());
    let failures: Vec<&Row> = rows.iter().filter(|row| row.outcome.is_err()).collect();
    if !failures.is_empty() {
        println!("\ngeneration failures:");
        for row in failures {
            if let Err(e) = &row.outcome {
                println!("  {}: {e}", row.crate_name);
            }
        }
    }
    summary
}

pub(super) struct Summary {
    documents: usize,
    generated: usize,
    clean: usize,
    tested: usize,
    generation: Duration,
    lines: usize,
    check_time: Duration,
}

impl Summary {
    fn of(rows: &[Row]) -> Self {
        Summary {
            documents: rows.len(),
            generated: rows.iter().filter(|r| r.outcome.is_ok()).count(),
            clean: rows.iter().filter(|r| matches!(r.check, Some(Ok(())))).count(),
            tested: rows
                .iter()
                .filter(|r| r.tests.as_ref().is_some_and(TestTally::passing))
                .count(),
            generation: rows.iter().map(|r| r.generation).sum(),
            lines: rows
                .iter()
                .filter_map(|r| r.outcome.as_ref().ok())
                .map(Generated::rust_lines)
                .sum(),
            check_time: rows.iter().filter_map(|r| r.check_time).sum(),
        }
    }

    pub(super) fn line(&self, tests: bool) -> String {
        let tested = if tests {
            format!("{} with passing tests", self.tested)
        } else {
            "tests not run".to_string()
        };
        format!(
            "{} of {} generated, {} clippy-clean, {tested}, generation {} ms in total, {} lines of Rust, \
             cargo check {:.1} s in total",
            self.generated,
            self.documents,
            self.clean,
            millis(self.generation),
            self.lines,
            self.check_time.as_secs_f64()
        )
    }

    pub(super) fn all_passed(&self, tests: bool) -> bool {
        self.generated == self.documents && self.clean == self.documents && (!tests || self.tested == self.documents)
    }
}

fn table(rows: &[Row], tests: bool) -> String {
    let mut lines = vec![vec![
        "document".to_string(),
        "operations".to_string(),
        "models".to_string(),
        "gen ms".to_string(),
        "lines".to_string(),
        "check s".to_string(),
        "check".to_string(),
        "tests".to_string(),
    ]];
    lines.extend(rows.iter().map(|row| cells(row, tests)));
    align(&lines)
}

/// One document's cells, in the order of the header.
fn cells(row: &Row, tests: bool) -> Vec<String> {
    let (operations, models, rust_lines, check, tested) = match &row.outcome {
        Ok(g) => (
            g.operations.to_string(),
            g.models.to_string(),
            g.rust_lines().to_string(),
            match &row.check {
                Some(Ok(())) => "ok".to_string(),
                Some(Err(e)) => cut(e, CHECK_WIDTH),
                None => "-".to_string(),
            },
            match &row.tests {
                Some(t) => t.cell(),
                None if tests => "-".to_string(),
                None => "skipped".to_string(),
            },
        ),
        Err(e) => (
            "-".to_string(),
            "-".to_string(),
            "-".to_string(),
            cut(&format!("generation failed: {e}"), CHECK_WIDTH),
            "-".to_string(),
        ),
    };
    vec![
        row.document.clone(),
        operations,
        models,
        millis(row.generation),
        rust_lines,
        row.check_time
            .map(|t| format!("{:.1}", t.as_secs_f64()))
            .unwrap_or_else(|| "-".to_string()),
        check,
        tested,
    ]
}

/// The lines in columns, each as wide as its widest cell, two spaces apart.
fn align(lines: &[Vec<String>]) -> String {
    let columns = lines[0].len();
    let widths: Vec<usize> = (0..columns)
        .map(|c| lines.iter().map(|l| l[c].chars().count()).max().unwrap_or(0))
        .collect();
    // Numbers right-aligned, text left-aligned.
    let right = [false, true, true, true, true, true, false, false];
    let mut out = String::new();
    for line in lines {
        let cells: Vec<String> = line
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                let pad = " ".repeat(widths[c] - cell.chars().count());
                if right[c] {
                    format!("{pad}{cell}")
                } else if c + 1 == columns {
                    cell.clone()
                } else {
                    format!("{cell}{pad}")
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out.pop();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use generator::emit::GeneratedFile;

    #[test]
    fn the_table_has_lines_and_check_time_columns() {
        let generated = Generated {
            operations: 1,
            models: 0,
            files: vec![
                GeneratedFile {
                    path: "src/lib.rs".to_string(),
                    contents: "a\nb\n".to_string(),
                    origin: generator::emit::Origin::Emitted,
                },
                GeneratedFile {
                    path: "tests/t.rs".to_string(),
                    contents: "c\n".to_string(),
                    origin: generator::emit::Origin::Emitted,
                },
                GeneratedFile {
                    path: "Cargo.toml".to_string(),
                    contents: "[package]\nname = \"x\"\n".to_string(),
                    origin: generator::emit::Origin::Emitted,
                },
            ],
        };
        assert_eq!(generated.rust_lines(), 3);
        let row = Row {
            document: "x.yaml".to_string(),
            crate_name: "x".to_string(),
            generation: Duration::from_millis(2),
            outcome: Ok(generated),
            check: Some(Ok(())),
            tests: None,
            check_time: Some(Duration::from_millis(1250)),
        };
        let table = table(&[row], false);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(
            lines[0].split_whitespace().collect::<Vec<_>>(),
            [
                "document",
                "operations",
                "models",
                "gen",
                "ms",
                "lines",
                "check",
                "s",
                "check",
                "tests"
            ]
        );
        assert_eq!(
            lines[1].split_whitespace().collect::<Vec<_>>(),
            ["x.yaml", "1", "0", "2.0", "3", "1.2", "ok", "skipped"]
        );
    }
}
