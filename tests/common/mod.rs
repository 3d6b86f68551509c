//! Where the third-party material lives, and what a test does without it.
//!
//! The dev sets and the other projects' test cases are in `../shared` beside
//! the checkout (CI has it; a newcomer's clone does not). A test that needs
//! it asks [`shared`] for the path: when the path is absent the test prints
//! one line saying what it skipped and returns, unless
//! `CNBUDGET_REQUIRE_SHARED=1` (set by `.ci/run`), where absence is a failure,
//! so CI can never pass by skipping.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};

/// The environment variable that turns a skip into a failure.
pub const REQUIRE: &str = "CNBUDGET_REQUIRE_SHARED";

/// Where `shared/` is, when not at `../shared` (used by the test of the
/// skip itself).
pub const ROOT: &str = "CNBUDGET_SHARED";

/// `../shared/<rel>` if it exists; `None` after a one-line notice when it
/// does not; a panic when it does not and `CNBUDGET_REQUIRE_SHARED=1`.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let root = std::env::var_os(ROOT).map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
        PathBuf::from,
    );
    let require = std::env::var_os(REQUIRE).is_some_and(|v| v == "1");
    locate(&root, rel, require)
}

/// The decision of [`shared`], with the root and the requirement given.
pub fn locate(root: &Path, rel: &str, require: bool) -> Option<PathBuf> {
    let p = root.join(rel);
    if p.exists() {
        return Some(p);
    }
    assert!(
        !require,
        "{} is absent and {REQUIRE}=1: this test reads third-party material from ../shared \
         beside the checkout",
        p.display()
    );
    // Straight to the stderr handle: the test harness captures `eprintln!`
    // of passing tests, and this line is for the person running them.
    let _ = writeln!(
        std::io::stderr(),
        "skipped: ../shared/{rel} is absent; CI runs it ({REQUIRE}=1)"
    );
    None
}

/// The `.txt` files of a directory, sorted by path.
pub fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v
}
