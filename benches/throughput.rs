//! Throughput of `extract` over the corpus, against a floor measured in the
//! same run: reading the same files plus UTF-8 validation.
//!
//! `cargo bench` prints criterion's figures for both (Throughput::Bytes) and
//! then one line `ratio: extract is N× slower than the floor`, from a
//! separate timed loop over the same inputs (median of 15 rounds), so the
//! ratio does not depend on the machine's speed. The aim: single-core
//! extract throughput ≥ 1/10 of the floor.

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
