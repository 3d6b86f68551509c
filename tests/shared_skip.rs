#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Tests that read `../shared` skip with a one-line notice when it is absent,
//! and fail when `CNBUDGET_REQUIRE_SHARED=1` (tests/common/mod.rs). Shown
//! here on this test binary itself, run again as a child process with
//! `shared/` pointed at a directory that does not exist.

use std::process::Command;

mod common;

/// What a test that needs `../shared` does; the child runs only this one.
#[test]
fn reads_a_dev_set() {
    let Some(dir) = common::shared("corpus/real") else {
        return;
    };
    assert!(dir.join("index.tsv").is_file());
}

/// Runs `reads_a_dev_set` in a child with `shared/` absent.
fn child(require: bool) -> std::process::Output {
    let mut c = Command::new(std::env::current_exe().unwrap());
    c.args(["--exact", "reads_a_dev_set", "--test-threads=1"])
        .env(common::ROOT, "/nonexistent/cnbudget-shared")
        .env_remove(common::REQUIRE);
    if require {
        c.env(common::REQUIRE, "1");
    }
    c.output().unwrap()
}

#[test]
fn absent_shared_is_a_skip_with_a_notice() {
    let out = child(false);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "a skip must pass: {err}");
    assert!(
        err.contains("skipped: ../shared/corpus/real is absent"),
        "no notice: {err}"
    );
}

#[test]
fn absent_shared_is_a_failure_when_required() {
    let out = child(true);
    assert!(!out.status.success(), "CNBUDGET_REQUIRE_SHARED=1 must fail");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("CNBUDGET_REQUIRE_SHARED=1"), "{text}");
}

#[test]
fn present_shared_is_found_either_way() {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for require in [false, true] {
        assert_eq!(
            common::locate(here, "corpus", require),
            Some(here.join("corpus"))
        );
    }
}
