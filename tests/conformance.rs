#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Conformance with other projects' money test cases
//! (`../shared/peer-specs/`): jionlp's money parser and extractor cases and
//! Recognizers-Text's Chinese currency model.
//!
//! In scope: amounts in CNY with a written unit (元, 圆, 块, with 万/亿 and
//! 角/毛/分), stated exactly. Out of scope, and why:
//! - foreign currencies (美元, 日元, 港元, 泰铢 …): budget explanations state
//!   CNY only; we check that none of them is read as CNY;
//! - approximate and range amounts (15k左右, 近700万元, 1万-5万元, 2000余元,
//!   几十万块): these documents state exact figures;
//! - amounts without a unit (三百万, 肆佰叁拾萬): in budget text "万" alone is
//!   not money, and reading it as money would misread counts;
//! - the words 人民币 / ￥ / 兆 as parts of an amount (Recognizers-Text
//!   includes them in the span): we report the number with its unit.

use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;

mod common;

/// The peer spec `../shared/peer-specs/<path>`, or `None` (the test skips)
/// when `../shared` is absent.
fn peer(path: &str) -> Option<Value> {
    let p = common::shared(&format!("peer-specs/{path}"))?;
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    Some(serde_json::from_str(text.trim_start_matches('\u{feff}')).expect("peer spec JSON"))
}

fn char_to_byte(s: &str, c: usize) -> usize {
    s.char_indices().nth(c).map_or(s.len(), |(b, _)| b)
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal")
}

const FOREIGN: &[&str] = &[
    "港元", "美元", "日元", "欧元", "泰铢", "卢布", "韩元", "澳元", "台币", "港币", "日币", "美圆",
    "美分", "奈拉", "法郎", "銭",
];
const FUZZY: &[&str] = &[
    "左右", "上下", "约", "近", "至少", "以上", "不到", "小于", "多", "几", "数十", "余", "到",
    "至", "~", "-", "—", "k", "w",
];

fn in_scope_text(t: &str) -> bool {
    (t.contains('元') || t.contains('圆') || t.contains('块'))
        && !FOREIGN.iter().any(|f| t.contains(f))
        && !FUZZY.iter().any(|f| t.contains(f))
}

#[test]
fn jionlp_money_parser() {
    let Some(spec) = peer("jionlp/money_parser_cases.json") else {
        return;
    };
    let cases = spec["cases"].as_array().expect("cases");
    let (mut n, mut pass, mut failed) = (0, 0, Vec::new());
    for c in cases {
        let input = c["input"].as_str().unwrap_or_default();
        let e = &c["expected"];
        if e["case"] != "元" || e["definition"] != "accurate" || !in_scope_text(input) {
            continue;
        }
        n += 1;
        let want = dec(e["num"].as_str().unwrap_or("0"));
        let r = cnbudget::extract(input);
        let got: Vec<Decimal> = r.amounts.iter().map(|a| dec(&a.yuan).round_dp(2)).collect();
        if got == [want] {
            pass += 1;
        } else {
            failed.push(format!("{input:?}: want {want}, got {got:?}"));
        }
    }
    println!(
        "jionlp parser: {pass}/{n} in-scope cases pass ({} out of scope)",
        cases.len() - n
    );
    for f in &failed {
        println!("  miss: {f}");
    }
    assert!(n >= 10, "too few in-scope cases: {n}");
    assert_eq!(pass, n, "every in-scope jionlp parser case must pass");
}

#[test]
fn jionlp_money_extractor() {
    let Some(spec) = peer("jionlp/money_extractor_cases.json") else {
        return;
    };
    let cases = spec["cases"].as_array().expect("cases");
    let (mut n, mut pass, mut false_cny) = (0, 0, Vec::new());
    for c in cases {
        let input = c["input"].as_str().unwrap_or_default();
        let r = cnbudget::extract(input);
        let expected = c["expected"].as_array().cloned().unwrap_or_default();
        for e in &expected {
            let text = e["text"].as_str().unwrap_or_default();
            let off = e["offset"].as_array().expect("offset");
            let (s, t) = (
                char_to_byte(input, off[0].as_u64().unwrap_or(0) as usize),
                char_to_byte(input, off[1].as_u64().unwrap_or(0) as usize),
            );
            if in_scope_text(text) {
                n += 1;
                if r.amounts
                    .iter()
                    .any(|a| a.span.start == s && a.span.end == t)
                {
                    pass += 1;
                } else {
                    println!("  miss: {text:?} in {input:?}");
                }
            }
        }
        // Nothing that the peer does not call money may come out as CNY.
        for a in &r.amounts {
            let covered = expected.iter().any(|e| {
                let off = e["offset"].as_array().expect("offset");
                let s = char_to_byte(input, off[0].as_u64().unwrap_or(0) as usize);
                let t = char_to_byte(input, off[1].as_u64().unwrap_or(0) as usize);
                a.span.start < t && s < a.span.end
            });
            if !covered {
                false_cny.push(format!("{:?} in {input:?}", a.text));
            }
        }
    }
    println!(
        "jionlp extractor: {pass}/{n} in-scope amounts found with exact spans; {} spurious",
        false_cny.len()
    );
    assert_eq!(pass, n);
    assert!(false_cny.is_empty(), "spurious amounts: {false_cny:?}");
}

#[test]
fn recognizers_text_currency() {
    let Some(spec) = peer("recognizers-text/CurrencyModel.json") else {
        return;
    };
    let cases = spec.as_array().expect("cases");
    let (mut n, mut pass, mut out_of_scope, mut false_cny) = (0, 0, 0, Vec::new());
    for c in cases {
        let input = c["Input"].as_str().unwrap_or_default();
        let r = cnbudget::extract(input);
        let results = c["Results"].as_array().cloned().unwrap_or_default();
        for e in &results {
            let text = e["Text"].as_str().unwrap_or_default();
            let res = &e["Resolution"];
            let cny = res["isoCurrency"] == "CNY" && res["value"].is_string();
            if !cny || !in_scope_text(text) || text.contains("人民币") || text.contains('兆') {
                out_of_scope += 1;
                continue;
            }
            n += 1;
            let s = char_to_byte(input, e["Start"].as_u64().unwrap_or(0) as usize);
            let want = dec(res["value"].as_str().unwrap_or("0"));
            if r.amounts
                .iter()
                .any(|a| a.span.start == s && dec(&a.yuan) == want)
            {
                pass += 1;
            } else {
                println!("  miss: {text:?} = {want} in {input:?}");
            }
        }
        // Foreign-currency amounts must not be read as CNY.
        for a in &r.amounts {
            let foreign = results.iter().any(|e| {
                let s = char_to_byte(input, e["Start"].as_u64().unwrap_or(0) as usize);
                let t = char_to_byte(input, e["End"].as_u64().unwrap_or(0) as usize + 1);
                e["Resolution"]["isoCurrency"] != "CNY" && a.span.start < t && s < a.span.end
            });
            if foreign {
                false_cny.push(format!("{:?} in {input:?}", a.text));
            }
        }
    }
    println!(
        "Recognizers-Text currency: {pass}/{n} in-scope CNY amounts pass; {out_of_scope} results out of scope"
    );
    assert!(n >= 7, "too few in-scope cases: {n}");
    assert_eq!(pass, n);
    assert!(
        false_cny.is_empty(),
        "foreign amounts read as CNY: {false_cny:?}"
    );
}
