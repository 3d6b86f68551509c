//! Times each stage over the files of `corpus/` (or the paths given), many
//! rounds each: where the time of `extract` goes, stage by stage, in the
//! same run (a debugging aid for the throughput bench).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::{Duration, Instant};

fn main() {
    let mut paths: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    if paths.is_empty() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        paths = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
    }
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let rounds = 200;
    let mut t = [Duration::ZERO; 6];
    for _ in 0..rounds {
        for text in &texts {
            let s = Instant::now();
            let norm = cnbudget::normalize::normalize(text);
            t[0] += s.elapsed();
            let s = Instant::now();
            let outline = cnbudget::segment::segment(&norm.text);
            t[1] += s.elapsed();
            let s = Instant::now();
            let (am, _) = cnbudget::extract::amounts::find(&norm.text);
            t[2] += s.elapsed();
            let s = Instant::now();
            let ch = cnbudget::extract::changes::find(&norm.text, &am);
            t[3] += s.elapsed();
            let s = Instant::now();
            let _d = cnbudget::document::describe(&norm.text, &outline);
            t[4] += s.elapsed();
            std::hint::black_box(ch);
            let s = Instant::now();
            std::hint::black_box(cnbudget::extract(text));
            t[5] += s.elapsed();
        }
    }
    let names = [
        "normalize",
        "segment",
        "amounts",
        "changes",
        "describe",
        "extract (all)",
    ];
    let all = t[5].as_secs_f64();
    for (n, d) in names.iter().zip(t) {
        let s = d.as_secs_f64();
        println!(
            "{n:>14}: {:8.1} µs/round  {:5.1}% of extract  {:7.1} MB/s",
            s * 1e6 / rounds as f64,
            100.0 * s / all,
            (bytes * rounds) as f64 / s / 1e6
        );
    }
}
