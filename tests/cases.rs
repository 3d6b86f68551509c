#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Runs the extractor case files in `tests/cases/` (format: its README).

use cnbudget::report::{Report, Section};
use std::path::Path;

struct Case {
    file: &'static str,
    line: usize,
    input: String,
    expected: String,
    note: String,
}

fn load(file: &'static str) -> Vec<Case> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(input), Some(expected)) = (cols.next(), cols.next()) else {
            panic!("{file}:{}: needs input<TAB>expected<TAB>note", i + 1);
        };
        let note = cols.next().unwrap_or("").to_string();
        assert!(
            !note.is_empty(),
            "{file}:{}: every case needs a note saying why it is here",
            i + 1
        );
        out.push(Case {
            file,
            line: i + 1,
            input: input.replace("\\n", "\n").replace("\\t", "\t"),
            expected: expected.to_string(),
            note,
        });
    }
    out
}

/// Runs every case, collecting failures so one run shows them all.
fn run(file: &'static str, check: impl Fn(&Case, &Report) -> Result<(), String>) -> usize {
    let cases = load(file);
    let mut failures = Vec::new();
    for c in &cases {
        let report = cnbudget::extract(&c.input);
        if let Err(e) = check(c, &report) {
            failures.push(format!(
                "{}:{} ({}): {}\n    input: {:?}",
                c.file, c.line, c.note, e, c.input
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    cases.len()
}

/// The expected items of a case, split at `sep`; none for `-`.
fn expected_items(c: &Case, sep: &str) -> Vec<String> {
    if c.expected == "-" {
        Vec::new()
    } else {
        c.expected.split(sep).map(str::to_string).collect()
    }
}

/// Finds `needle` in `hay` at or after `from`; returns its byte range.
fn locate(hay: &str, needle: &str, from: usize) -> Option<(usize, usize)> {
    hay[from..]
        .find(needle)
        .map(|i| (from + i, from + i + needle.len()))
}

#[test]
fn amount_cases() {
    let n = run("amounts.tsv", |c, r| {
        let got: Vec<String> = r
            .amounts
            .iter()
            .map(|a| format!("{}={}", a.text, a.yuan))
            .collect();
        if c.expected == "-" {
            return if r.amounts.is_empty() {
                Ok(())
            } else {
                Err(format!("expected none, got {got:?}"))
            };
        }
        let want: Vec<&str> = c.expected.split(';').collect();
        if want.len() != r.amounts.len() {
            return Err(format!("expected {want:?}, got {got:?}"));
        }
        let mut from = 0;
        for (w, a) in want.iter().zip(&r.amounts) {
            let (text, yuan) = w.rsplit_once('=').ok_or("bad expected item")?;
            let text = text.replace("\\n", "\n");
            let (s, e) = locate(&c.input, &text, from).ok_or(format!("{text:?} not in input"))?;
            from = e;
            if (a.span.start, a.span.end) != (s, e) {
                return Err(format!("{text:?}: span {:?}, expected {s}..{e}", a.span));
            }
            if a.span.slice(&c.input) != a.text || a.yuan != yuan {
                return Err(format!(
                    "{text:?}: yuan {} (text {:?}), expected {yuan}",
                    a.yuan, a.text
                ));
            }
        }
        Ok(())
    });
    println!("amount cases: {n}");
}

#[test]
fn change_cases() {
    let n = run("changes.tsv", |c, r| {
        let got: Vec<String> = r
            .changes
            .iter()
            .map(|x| {
                format!(
                    "{}|{}{}|{}|{}|{}",
                    x.direction,
                    x.basis,
                    if x.basis_implied { "*" } else { "" },
                    x.amount.as_ref().map_or("_", |a| a.text.as_str()),
                    x.percent.as_deref().unwrap_or("_"),
                    if x.subject.is_empty() {
                        "_"
                    } else {
                        x.subject.as_str()
                    }
                )
            })
            .collect();
        let want = expected_items(c, ";");
        if got != want {
            return Err(format!("expected {want:?}\n      got {got:?}"));
        }
        for x in &r.changes {
            if x.span.slice(&c.input) != x.text || x.text.is_empty() {
                return Err(format!(
                    "change span {:?} does not cover its text {:?}",
                    x.span, x.text
                ));
            }
            if let Some(a) = &x.amount {
                if !x.span.contains(a.span) {
                    return Err(format!(
                        "amount {:?} outside the change {:?}",
                        a.text, x.text
                    ));
                }
            }
        }
        Ok(())
    });
    println!("change cases: {n}");
}

fn outline(sections: &[Section], out: &mut Vec<String>) {
    for s in sections {
        out.push(format!("{}:{}:{}", s.level, s.marker, s.title));
        outline(&s.children, out);
    }
}

#[test]
fn heading_cases() {
    let n = run("headings.tsv", |c, r| {
        let mut got = Vec::new();
        outline(&r.sections, &mut got);
        let want = expected_items(c, " / ");
        if got != want {
            return Err(format!("expected {want:?}\n      got {got:?}"));
        }
        Ok(())
    });
    println!("heading cases: {n}");
}

#[test]
fn check_cases() {
    let n = run("checks.tsv", |c, r| {
        let mut got: Vec<String> = r
            .checks
            .iter()
            .map(|x| format!("{}:{}", x.code, x.severity))
            .collect();
        got.sort();
        got.dedup();
        let mut want = expected_items(c, ";");
        want.sort();
        if got != want {
            return Err(format!("expected {want:?}\n      got {got:?}"));
        }
        for x in &r.checks {
            if let Some(s) = x.span {
                if s.end > c.input.len() || !c.input.is_char_boundary(s.start) {
                    return Err(format!("bad span {s:?}"));
                }
            }
        }
        Ok(())
    });
    println!("check cases: {n}");
}

#[test]
fn document_cases() {
    let n = run("document.tsv", |c, r| {
        let d = &r.document;
        let got = format!(
            "{}|{}|{}|{}",
            d.agency.as_deref().unwrap_or("_"),
            d.year.map_or("_".to_string(), |y| y.to_string()),
            d.kind.unwrap_or("_"),
            d.scope.unwrap_or("_"),
        );
        if got != c.expected {
            return Err(format!("expected {}\n      got {got}", c.expected));
        }
        // A name that is not emitted says why.
        if d.agency.is_none() && !r.diagnostics.iter().any(|x| x.code == "agency_unknown") {
            return Err("no agency and no agency_unknown diagnostic".into());
        }
        Ok(())
    });
    println!("document cases: {n}");
}

#[test]
fn fact_cases() {
    let n = run("facts.tsv", |c, r| {
        let got: Vec<String> = r
            .facts
            .iter()
            .map(|f| format!("{}={}{}", f.key, f.value, f.unit))
            .collect();
        let want = expected_items(c, ";");
        if got != want {
            return Err(format!("expected {want:?}\n      got {got:?}"));
        }
        Ok(())
    });
    println!("fact cases: {n}");
}

#[test]
fn table_cases() {
    let n = run("tables.tsv", |c, r| {
        let got: Vec<String> = r
            .tables
            .iter()
            .flat_map(|t| &t.rows)
            .map(|row| {
                let cells: Vec<String> = row
                    .cells
                    .iter()
                    .map(|x| format!("{}@{}", x.column, x.value))
                    .collect();
                format!(
                    "{}:{}:{}={}",
                    row.side,
                    row.code.as_deref().unwrap_or(""),
                    row.label,
                    cells.join(",")
                )
            })
            .collect();
        let want = expected_items(c, " / ");
        if got != want {
            return Err(format!("expected {want:?}\n      got {got:?}"));
        }
        Ok(())
    });
    println!("table cases: {n}");
}
