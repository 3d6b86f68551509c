#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The key-fact vocabulary of `../shared/reference/figure_keys.tsv` in the
//! sentences documents put it in: every wording of every key in four frames
//! (a budget's "2024年X为…", a budget's "X…,比上年增加…", a 决算's "2023年度
//! X…,比上年减少…" and "本年度X决算数为…"). Written 2026-12-02 from the
//! reference file, not from any document: it checks that the rules hold for
//! the vocabulary, not for the dev set.
//!
//! Precision first: no sentence may give its figure under another key (a
//! part's figure as the total, 财政拨款收入总计 as 收入总计). Recall has a
//! floor: some wordings are only what they say in their section or beside
//! their other half (年初预算数 of revenue or of expenditure, 货物 outside a
//! 政府采购 section, 一般公共预算财政拨款 with no 收入/支出 near), where no
//! key is right.

use std::fmt::Write as _;

mod common;

const FRAMES: &[&str] = &[
    "2024年部门预算\n一、说明\n2024年{w}为123.45万元。",
    "2024年部门预算\n一、说明\n{w}123.45万元,比上年增加1.5万元,增长1.23%。",
    "2023年度部门决算\n一、说明\n2023年度{w}123.45万元,比上年减少1.5万元。",
    "2023年度部门决算\n一、说明\n本年度{w}决算数为123.45万元。",
];

#[test]
fn every_wording_in_sentence_frames() {
    let Some(path) = common::shared("reference/figure_keys.tsv") else {
        return;
    };
    let tsv = std::fs::read_to_string(path).expect("read figure_keys.tsv");
    let (mut ok, mut n) = (0, 0);
    let mut wrong = String::new();
    for line in tsv.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (key, words) = (cols[0], cols.get(2).copied().unwrap_or(""));
        if key == "assets.vehicles" {
            continue; // a count, in its own test
        }
        let function = key.starts_with("expenditure.function");
        let words = if function {
            "一般公共服务支出|卫生健康支出|住房保障支出"
        } else {
            words
        };
        for w in words.split('|').filter(|w| !w.is_empty()) {
            for frame in FRAMES {
                let text = frame.replace("{w}", w);
                let r = cnbudget::extract(&text);
                n += 1;
                let same = |k: &str| k == key || function && k.starts_with("expenditure.function.");
                for f in r.facts.iter().filter(|f| f.value == "123.45") {
                    if same(&f.key) {
                        ok += 1;
                    } else {
                        let _ = writeln!(wrong, "{key} ({w}) given as {}: {text:?}", f.key);
                    }
                }
            }
        }
    }
    let pct = 100.0 * f64::from(ok) / f64::from(n);
    println!("figure_keys.tsv in sentence frames: {ok} of {n} ({pct:.1}%) under their key");
    assert!(wrong.is_empty(), "figures under another key:\n{wrong}");
    assert!(pct >= 84.0, "recall {pct:.1}% below 84%");
}
