#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The command line: output on a good file, clear errors on bad input.

use std::io::Write;
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cnbudget"))
}

fn tmp(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("cnbudget-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

#[test]
fn extract_seed_prints_json() {
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/seed_wanzhou_2024_budget.txt"
    );
    let out = bin()
        .args(["extract", "--compact", seed])
        .output()
        .expect("run");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["document"]["agency"], "重庆市万州区党政信息中心");
    assert_eq!(
        out.stdout.iter().filter(|&&b| b == b'\n').count(),
        1,
        "--compact is one line"
    );
    for key in ["document", "sections", "amounts", "changes", "checks"] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
}

#[test]
fn stdin_and_bom() {
    let mut child = bin()
        .args(["extract", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all("\u{feff}收入较上年减少5万元。".as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["amounts"][0]["yuan"], "50000");
    // Spans count from after the BOM: "收入较上年减少" is 21 bytes.
    assert_eq!(v["amounts"][0]["span"]["start"], 21);
}

#[test]
fn missing_file_is_a_clear_error() {
    let out = bin()
        .args(["extract", "/nonexistent/x.txt"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/nonexistent/x.txt"), "{err}");
}

#[test]
fn gbk_input_is_decoded() {
    // "预算收入100万元" in GBK: not UTF-8, detected and read as GB18030.
    let (gbk, _, _) = encoding_rs::GBK.encode("预算收入100万元，较上年减少5万元。");
    let p = tmp("gbk.txt", &gbk);
    let out = bin()
        .args(["extract", "--compact"])
        .arg(&p)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["amounts"][0]["yuan"], "1000000");
    assert_eq!(v["changes"][0]["direction"], "decrease");
}

#[test]
fn directory_and_size_limit() {
    let dir = std::env::temp_dir();
    let out = bin().arg("extract").arg(&dir).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("directory"));
    let p = tmp("big.txt", "预算".repeat(100).as_bytes());
    let out = bin()
        .args(["extract", "--max-bytes", "100"])
        .arg(&p)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("maximum input size"));
    // The largest limit means no limit: the read bound (limit + 1) once
    // wrapped to 0 and read the file as empty.
    let small = tmp("no_limit.txt", "收入总计100万元。".as_bytes());
    let out = bin()
        .args(["extract", "--compact", "--max-bytes", &u64::MAX.to_string()])
        .arg(&small)
        .output()
        .expect("run");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["amounts"][0]["yuan"], "1000000");
    let out = bin()
        .args(["batch", "--quiet", "--max-bytes", &u64::MAX.to_string()])
        .arg(&p)
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["source"]["bytes"], 600);
}

#[test]
fn empty_and_binary_inputs_do_not_crash() {
    for (name, bytes) in [("empty.txt", &b""[..]), ("ws.txt", &b" \n\t\r\n"[..])] {
        let p = tmp(name, bytes);
        let out = bin().arg("extract").arg(&p).output().expect("run");
        assert!(out.status.success(), "{name}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        assert_eq!(v["amounts"].as_array().map(Vec::len), Some(0));
    }
    // Binary data is a clear error naming the file, not a document.
    let p = tmp("nul.txt", b"\0\0\x01abc\0");
    let out = bin().arg("extract").arg(&p).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nul.txt") && err.contains("binary"), "{err}");
}

#[test]
fn check_prints_snippets_and_exits_1_on_warnings() {
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/seed_wanzhou_2024_budget.txt"
    );
    let out = bin().args(["check", seed]).output().expect("run");
    assert_eq!(out.status.code(), Some(1), "the seed has warnings");
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("warning[unit_slip]"), "{s}");
    assert!(s.contains("seed_wanzhou_2024_budget.txt:32:82"), "{s}");
    assert!(s.contains("= suggestion: 10.95万元"), "{s}");
    let clean = tmp("clean.txt", "一、收支\n收入预算100万元。\n".as_bytes());
    let out = bin().arg("check").arg(&clean).output().expect("run");
    assert_eq!(out.status.code(), Some(0));
}
