#![allow(clippy::unwrap_used, clippy::expect_used)]
//! PDFs read natively, on the project's own files: `corpus/jd20_native_pdf.pdf`
//! (built by `scripts/make_pdf.py` from `scripts/pdf/jd20_native_pdf.page`: the
//! non-embedded STSong-Light font with the UniGB-UCS2-H CMap and no ToUnicode
//! map, tables set by position, a landscape table page with /Rotate 90, page
//! numbers at the foot) and `tests/fixtures/scanned.pdf` (`make_pdf.py --scan`:
//! pages with a frame and no text), and `tests/fixtures/xref_to_eof.pdf` (a
//! fuzzer's mutation of a one-page Helvetica PDF of ours: a cross-reference
//! table cut off before its trailer, on which the PDF reader looped forever)
//! and `tests/fixtures/font_own_descendant.pdf` (a mutation of an own CJK PDF:
//! a composite font listed as its own descendant; the reader recursed until
//! memory ran out) and `tests/fixtures/length_exabytes.pdf` (a stream whose
//! /Length claims 4 EB: the reader's buffer for it aborted the process).

use cnbudget::ErrorKind;
use cnbudget::input::{DEFAULT_MAX_BYTES, load};
use std::path::Path;

fn own(rel: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

/// The cells of a line, split at runs of two or more spaces.
fn cells(line: &str) -> Vec<&str> {
    line.split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

#[test]
fn table_rows_are_lines_with_their_cells_in_order() {
    let l = load(
        &own("corpus/jd20_native_pdf.pdf"),
        Some("pdf"),
        DEFAULT_MAX_BYTES,
    )
    .unwrap();
    assert_eq!(l.format, "pdf");
    let rows: Vec<Vec<&str>> = l.text.lines().map(cells).collect();
    // Portrait page, two column groups side by side.
    assert!(rows.contains(&vec![
        "一、财政拨款收入",
        "1,286.40",
        "一、文化旅游体育与传媒支出",
        "1,212.60"
    ]));
    assert!(rows.contains(&vec!["收入总计", "1,386.40", "支出总计", "1,386.40"]));
    // The landscape page (/Rotate 90): rows across, not down.
    assert!(rows.contains(&vec![
        "207 文化旅游体育与传媒支出",
        "1,212.60",
        "832.40",
        "380.20"
    ]));
    assert!(rows.contains(&vec!["合计", "1,386.40", "1,006.20", "380.20"]));
    // Page numbers at the foot are furniture; pages are separated by \x0c.
    assert!(!l.text.contains("- 3 -"), "{}", l.text);
    assert_eq!(l.text.matches('\x0c').count(), 7);
}

#[test]
fn the_pipeline_reads_a_pdf_like_text() {
    let l = load(
        &own("corpus/jd20_native_pdf.pdf"),
        Some("pdf"),
        DEFAULT_MAX_BYTES,
    )
    .unwrap();
    let r = cnbudget::extract_loaded(&l, &Default::default());
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["document"]["agency"], "北塘区图书馆");
    assert_eq!(v["document"]["year"], 2026);
    assert_eq!(v["document"]["kind"], "budget");
    let titles: Vec<&str> = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "部门概况",
            "2026年部门预算情况说明",
            "名词解释",
            "部门预算表"
        ]
    );
    let fact = |k: &str| {
        v["facts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["key"] == k)
            .map(|f| f["value"].as_str().unwrap().to_string())
    };
    assert_eq!(fact("revenue.total").as_deref(), Some("1386.40"));
    assert_eq!(fact("expenditure.project").as_deref(), Some("380.20"));
    // 基本支出 is broken over a line inside its number in the prose
    // ("1,00\n6.20万元", too few wrapped lines in this short document for the
    // reflow to join them): it comes from the 支出总表's total row, whose
    // columns add up (1,386.40 = 1,006.20 + 380.20).
    assert_eq!(fact("expenditure.basic").as_deref(), Some("1006.20"));
    assert_eq!(fact("three_public.total").as_deref(), Some("3.20"));
    // Spans index the extracted text (what `extract --text` prints); no
    // cell is glued to the next row's class code ("0.00" + "2070104" made
    // 0.002070104 when the reflow joined table rows).
    for a in &r.amounts {
        assert_eq!(a.span.slice(&l.text), a.text);
        let decimals = a
            .text
            .split('.')
            .nth(1)
            .map_or(0, |d| d.bytes().take_while(u8::is_ascii_digit).count());
        assert!(decimals <= 2, "{}", a.text);
    }
}

#[test]
fn a_scan_says_so() {
    let e = load(
        &own("tests/fixtures/scanned.pdf"),
        Some("pdf"),
        DEFAULT_MAX_BYTES,
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Format);
    assert!(
        e.message.starts_with("scanned: no text layer"),
        "{}",
        e.message
    );
    assert!(e.message.contains("OCR"), "{}", e.message);
}

#[test]
fn cut_or_damaged_pdfs_are_errors_or_text_never_panics() {
    let good = own("corpus/jd20_native_pdf.pdf");
    // Cuts and overwritten bytes at strides (each load parses the
    // UniGB-UCS2-H CMap, ~40 ms: the fuzz target goes further).
    for n in (0..good.len()).step_by(331) {
        let _ = load(&good[..n], Some("pdf"), DEFAULT_MAX_BYTES);
    }
    for i in (0..good.len()).step_by(197) {
        let mut b = good.clone();
        b[i] = b[i].wrapping_add(0x5a);
        if let Ok(l) = load(&b, Some("pdf"), DEFAULT_MAX_BYTES) {
            assert_eq!(l.format, "pdf");
        }
    }
    let e = load(&good[..good.len() / 2], Some("pdf"), DEFAULT_MAX_BYTES);
    if let Err(e) = e {
        assert_eq!(e.kind, ErrorKind::Format);
    }
}

#[test]
fn the_text_is_bounded_by_max_bytes() {
    let good = own("corpus/jd20_native_pdf.pdf");
    let e = load(&good, Some("pdf"), 100).unwrap_err();
    assert!(e.message.contains("larger than 100 bytes"), "{}", e.message);
}

#[test]
fn an_xref_table_cut_before_its_trailer_is_an_error_not_a_hang() {
    let e = load(
        &own("tests/fixtures/xref_to_eof.pdf"),
        Some("pdf"),
        DEFAULT_MAX_BYTES,
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Format);
    assert!(e.message.contains("broken PDF"), "{}", e.message);
}

#[test]
fn a_font_that_is_its_own_descendant_is_an_error_not_a_memory_blowup() {
    let e = load(
        &own("tests/fixtures/font_own_descendant.pdf"),
        Some("pdf"),
        DEFAULT_MAX_BYTES,
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Format);
    assert!(e.message.contains("composite font"), "{}", e.message);
}

#[test]
fn a_stream_length_beyond_the_file_is_an_error_not_an_abort() {
    let e = load(
        &own("tests/fixtures/length_exabytes.pdf"),
        Some("pdf"),
        DEFAULT_MAX_BYTES,
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Format);
    assert!(e.message.contains("broken PDF"), "{}", e.message);
}
