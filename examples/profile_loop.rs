//! Runs `extract` over the corpus N times (default 50): a steady-state
//! workload for profilers (`valgrind --tool=callgrind`), without start-up
//! and regex compilation dominating. Uses the allocator of the binary.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50);
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let mut texts = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if let Ok(t) = std::fs::read_to_string(e.path()) {
            texts.push(t);
        }
    }
    let mut total = 0;
    for _ in 0..n {
        for t in &texts {
            total += cnbudget::extract(t).amounts.len();
        }
    }
    println!("{total}");
}
