//! The floor for batch benchmarks: read every file under the given
//! directories and validate it as UTF-8, nothing else. Prints the bytes.
use std::path::PathBuf;

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let entries = cnbudget::batch::collect(&paths);
    let mut bytes = 0usize;
    let mut valid = 0usize;
    for e in &entries {
        if let Ok(b) = std::fs::read(&e.path) {
            bytes += b.len();
            if std::str::from_utf8(&b).is_ok() {
                valid += 1;
            }
        }
    }
    println!(
        "{} files, {bytes} bytes, {valid} valid UTF-8",
        entries.len()
    );
}
