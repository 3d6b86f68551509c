#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The bad-input matrix: every input ends in valid JSON or a clear error
//! naming the file, never a panic. `cargo test` runs every shape at a tenth
//! of its full size (a 2 MB line instead of 20 MB, 20,000 headings instead
//! of 200,000); the full sizes take about 50 s in a debug build and run with
//! `cargo test -- --include-ignored`, as CI does.

/// Extracts through the library and serializes, as the CLI does.
fn run(bytes: &[u8]) -> Result<String, cnbudget::Error> {
    let loaded = cnbudget::input::load(bytes, None, 64 << 20)?;
    let r = cnbudget::extract_loaded(&loaded, &cnbudget::Options::default());
    for a in &r.amounts {
        assert_eq!(a.span.slice(&loaded.text), a.text);
    }
    let json = serde_json::to_string(&r).expect("serializable");
    serde_json::from_str::<serde_json::Value>(&json).expect("valid JSON");
    Ok(json)
}

/// The hostile inputs, their sizes divided by `div` (1 for full size).
fn matrix(div: usize) -> Vec<(&'static str, Vec<u8>)> {
    let n = |full: usize| (full / div).max(1);
    let mut v: Vec<(&'static str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("whitespace only", b" \t\r\n\r\n  \xe3\x80\x80\n".to_vec()),
        ("binary", (0u8..=255).cycle().take(n(10_000)).collect()),
        (
            "NUL bytes in text",
            "收入预算\u{0}772.94万元\u{0}".as_bytes().to_vec(),
        ),
        (
            "invalid UTF-8 in the middle",
            [
                &"收入预算772.94万元".as_bytes()[..10],
                b"\xff\xfe\xfd",
                "万元".as_bytes(),
            ]
            .concat(),
        ),
        (
            "encoded lone surrogate",
            b"\xed\xa0\x80\xed\xb0\x80 772.94\xe4\xb8\x87\xe5\x85\x83".to_vec(),
        ),
        (
            "100,000-digit number",
            [b"1".repeat(n(100_000)), "万元".as_bytes().to_vec()].concat(),
        ),
        (
            "100,000-digit decimal",
            [
                b"0.".to_vec(),
                b"9".repeat(n(100_000)),
                "元".as_bytes().to_vec(),
            ]
            .concat(),
        ),
        ("numeral bomb", "一".repeat(n(100_000)).into_bytes()),
        (
            "numeral bomb with unit",
            ["九千九百".repeat(n(20_000)), "万亿元".into()]
                .concat()
                .into_bytes(),
        ),
        ("万 bomb", "万".repeat(n(100_000)).into_bytes()),
        (
            "unbalanced brackets",
            "（（（（(((((".repeat(n(20_000)).into_bytes(),
        ),
        (
            "deep numbering",
            (1..=n(5000))
                .map(|i| {
                    format!(
                        "{}（{}）{}.({})①收入{}万元\n",
                        "一、",
                        i,
                        i % 100,
                        i % 100,
                        i
                    )
                })
                .collect::<String>()
                .into_bytes(),
        ),
        (
            "200,000 headings",
            (0..n(200_000))
                .map(|i| format!("{}、标题\n", ["一", "二", "三"][i % 3]))
                .collect::<String>()
                .into_bytes(),
        ),
        (
            "TOC bomb",
            [
                "目录\n".to_string(),
                (0..n(20_000))
                    .map(|i| format!("第{}部分 标题{}\n", i % 90 + 1, i))
                    .collect::<String>()
                    .repeat(2),
            ]
            .concat()
            .into_bytes(),
        ),
        (
            "other-language text",
            "Lorem ipsum dolor sit amet, 1,234.56 USD; ½ ¼ ℃ 𝟙𝟚𝟛"
                .repeat(n(1000))
                .into_bytes(),
        ),
        ("HTML bomb", "<div><p>收入".repeat(n(50_000)).into_bytes()),
        ("sums at the Decimal limit", "支出合计79228162514264337593543950335元，其中：基本支出79228162514264337593543950335元；项目支出79228162514264337593543950335元。".as_bytes().to_vec()),
        ("percent with 28 decimals", "收入总计100万元，较上年增加10万元，增长0.1234567890123456789012345678%。".as_bytes().to_vec()),
        ("PDF", b"%PDF-1.4\n1 0 obj".to_vec()),
        ("broken DOCX", b"PK\x03\x04 not really a zip".to_vec()),
    ];
    // A 20 MB single line of amounts and changes, no sentence breaks.
    let line =
        "收入预算较上年减少18.89万元，其中基本支出382.58万元，".repeat(n(20 * 1024 * 1024 / 80));
    v.push(("20 MB single line", line.into_bytes()));
    v
}

#[test]
fn every_bad_input_ends_in_json_or_a_clear_error() {
    bad_inputs(10);
}

#[test]
#[ignore = "full size: ~50 s in a debug build; cargo test -- --include-ignored (CI) runs it"]
fn every_bad_input_at_full_size_ends_in_json_or_a_clear_error() {
    bad_inputs(1);
}

fn bad_inputs(div: usize) {
    for (name, bytes) in matrix(div) {
        match std::panic::catch_unwind(|| run(&bytes)) {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => {
                assert!(!e.message.is_empty(), "{name}: an error without a reason");
                println!("{name}: error ({}): {}", e.kind.as_str(), e.message);
            }
            Err(_) => panic!("{name}: panicked"),
        }
    }
}

#[test]
fn missing_path_and_directory_are_clear_errors() {
    let e = cnbudget::input::read_path(std::path::Path::new("/nonexistent/doc.txt"), 1 << 20)
        .unwrap_err();
    assert!(e.to_string().contains("/nonexistent/doc.txt"));
    let e = cnbudget::input::read_path(&std::env::temp_dir(), 1 << 20).unwrap_err();
    assert!(e.to_string().contains("directory"));
}
