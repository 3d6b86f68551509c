#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The layout's blocks over every dev document (`../shared/corpus`, skipped
//! with a notice when absent) and the own corpus: in order, never
//! overlapping, on character boundaries, and covering the text: every
//! character that is not white space is in a block or is conversion debris
//! that normalization deleted. Every table of `tables[]` is a table block
//! (after its caption's heading block, where its caption is a heading), and
//! every body heading of `sections` starts a heading block.

mod common;

use std::path::PathBuf;

fn check(path: &PathBuf) {
    let text = std::fs::read_to_string(path).unwrap();
    let r = cnbudget::extract(&text);
    let mut end = 0;
    let mut covered = vec![false; text.len()];
    for b in &r.blocks {
        let (s, e) = (b.span.start, b.span.end);
        assert!(s >= end && e > s, "{}: {:?} after {end}", path.display(), b);
        assert!(
            text.get(s..e).is_some(),
            "{}: {:?} off a char boundary",
            path.display(),
            b
        );
        covered[s..e].iter_mut().for_each(|c| *c = true);
        end = e;
    }
    for (a, b) in cnbudget::normalize::normalize(&text).dropped() {
        covered[a..b].iter_mut().for_each(|c| *c = true);
    }
    let left: String = text
        .char_indices()
        .filter(|&(i, c)| !c.is_whitespace() && !covered[i])
        .map(|(_, c)| c)
        .collect();
    assert!(left.is_empty(), "{}: in no block: {left:?}", path.display());
    // Every heading of the body's sections starts a heading block.
    fn headings(ss: &[cnbudget::report::Section], out: &mut Vec<usize>) {
        for s in ss {
            if s.source == "body" && s.role == "heading" {
                out.push(s.span.start);
            }
            headings(&s.children, out);
        }
    }
    let mut hs = Vec::new();
    headings(&r.sections, &mut hs);
    for h in hs {
        assert!(
            r.blocks
                .iter()
                .any(|b| b.kind == "heading" && b.span.start == h),
            "{}: the heading at {h} is no heading block",
            path.display()
        );
    }
    // A table is a table block, or a heading (its caption, "第二部分 2023年度
    // 部门决算表") and a table block right after.
    for t in &r.tables {
        let k = r.blocks.iter().position(|b| b.span.start == t.span.start);
        let kinds = k.map(|k| (r.blocks[k].kind, r.blocks.get(k + 1).map(|b| b.kind)));
        assert!(
            matches!(kinds, Some(("table", _) | ("heading", Some("table")))),
            "{}: {:?} is {kinds:?}",
            path.display(),
            t.caption
        );
    }
}

#[test]
fn own_corpus_blocks_cover_the_text() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let fs = common::txt_files(&dir);
    assert!(fs.len() >= 20);
    fs.iter().for_each(check);
}

#[test]
fn dev_corpus_blocks_cover_the_text() {
    let mut n = 0;
    for set in [
        "corpus/real",
        "corpus/wide",
        "corpus/long",
        "corpus/long-cities",
        "corpus/pdf/ref",
    ] {
        let Some(dir) = common::shared(set) else {
            return;
        };
        for f in common::txt_files(&dir) {
            check(&f);
            n += 1;
        }
    }
    assert!(n >= 150, "{n} documents");
}
