//! Throughput of `extract` over the corpus, against a floor measured in the
//! same run: reading the same files plus UTF-8 validation.
//!
//! `cargo bench` prints criterion's figures for both (Throughput::Bytes) and
//! then one line `ratio: extract is N× slower than the floor`, from a
//! separate timed loop over the same inputs (median of 15 rounds), so the
//! ratio does not depend on the machine's speed. The aim: single-core
//! extract throughput ≥ 1/10 of the floor.
//!
//! PDFs: criterion times reading the project's own PDF (`corpus/*.pdf`)
//! natively and extracting from it. Where `../shared/corpus/pdf` is present
//! (the 40 real budget PDFs) one timed pass reads them all, and where
//! poppler's `pdftotext -layout` is installed it is timed on the same files
//! in the same run: `pdf ratio:` is cnbudget's time over pdftotext's (the aim
//! of issue 11: at most 1).

use criterion::{Criterion, Throughput};

/// The allocator the `cnbudget` binary uses (src/main.rs), so that the bench
/// measures extraction as the command line runs it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

fn corpus() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    v.sort();
    v
}

fn floor(files: &[PathBuf]) -> usize {
    let mut n = 0;
    for f in files {
        let bytes = std::fs::read(f).unwrap_or_default();
        n += std::str::from_utf8(&bytes).map(str::len).unwrap_or(0);
    }
    n
}

fn extract(files: &[PathBuf]) -> usize {
    let mut n = 0;
    for f in files {
        let bytes = std::fs::read(f).unwrap_or_default();
        if let Ok(text) = cnbudget::input::decode(&bytes) {
            let r = cnbudget::extract(&text);
            n += r.amounts.len() + r.changes.len();
        }
    }
    n
}

fn median_secs(f: impl Fn() -> usize, reps: usize) -> f64 {
    let mut t: Vec<f64> = (0..15)
        .map(|_| {
            let s = Instant::now();
            for _ in 0..reps {
                black_box(f());
            }
            s.elapsed().as_secs_f64()
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[t.len() / 2]
}

fn main() {
    let files = corpus();
    let bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let mut c = Criterion::default().configure_from_args();
    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("floor_read_utf8", |b| b.iter(|| floor(black_box(&files))));
    g.bench_function("extract", |b| b.iter(|| extract(black_box(&files))));
    g.finish();
    c.final_summary();

    let pdfs: Vec<PathBuf> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .collect::<Vec<PathBuf>>()
        })
        .unwrap_or_default()
        .into_iter()
        .filter(|p: &PathBuf| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    let mut g = c.benchmark_group("pdf");
    g.sample_size(20);
    g.bench_function("own_pdfs_load_and_extract", |b| {
        b.iter(|| extract_pdfs(black_box(&pdfs)))
    });
    g.finish();
    pdf_ratio();

    let tf = median_secs(|| floor(&files), 200);
    let te = median_secs(|| extract(&files), 20) * 10.0;
    let mb = bytes as f64 * 200.0 / 1e6;
    println!(
        "ratio: extract is {:.1}x slower than the floor ({:.1} MB/s vs {:.1} MB/s over {} files, {} bytes)",
        te / tf,
        mb / te,
        mb / tf,
        files.len(),
        bytes
    );
}

/// Reads each PDF natively and extracts from its text; the number of
/// amounts found.
fn extract_pdfs(files: &[PathBuf]) -> usize {
    let mut n = 0;
    for f in files {
        let bytes = std::fs::read(f).unwrap_or_default();
        if let Ok(l) =
            cnbudget::input::load(&bytes, Some("pdf"), cnbudget::input::DEFAULT_MAX_BYTES)
        {
            n += cnbudget::extract_loaded(&l, &Default::default())
                .amounts
                .len();
        }
    }
    n
}

/// One pass over the real PDFs, and pdftotext's over the same files.
fn pdf_ratio() {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/pdf"));
    let Ok(rd) = std::fs::read_dir(&dir) else {
        println!("pdf ratio: skipped (../shared/corpus/pdf is absent)");
        return;
    };
    let mut files: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    let s = Instant::now();
    let n = extract_pdfs(&files);
    let ours = s.elapsed().as_secs_f64();
    let out = std::env::temp_dir().join("cnbudget-bench-pdftotext.txt");
    let s = Instant::now();
    let mut ran = true;
    for f in &files {
        let st = std::process::Command::new("pdftotext")
            .arg("-layout")
            .arg(f)
            .arg(&out)
            .status();
        if !st.is_ok_and(|s| s.success()) {
            ran = false;
            break;
        }
    }
    let theirs = s.elapsed().as_secs_f64();
    if ran {
        println!(
            "pdf ratio: cnbudget {ours:.2} s (read + extract, {n} amounts) vs pdftotext -layout {theirs:.2} s on {} PDFs: {:.2}",
            files.len(),
            ours / theirs
        );
    } else {
        println!(
            "pdf: cnbudget {ours:.2} s on {} PDFs ({n} amounts); pdftotext not installed",
            files.len()
        );
    }
}
