#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The dev sets in `../shared/corpus` and their hand-made gold labels:
//! `real/` (24 excerpts of government web pages), `wide/` (83 excerpts from
//! ~25 provinces and every level), `long/` (10 full-length 上海普陀
//! documents) and `long-cities/` (9 full-length documents of other cities).
//! Third-party text, read from there, never copied into this repository;
//! each test skips with a one-line notice when `../shared` is absent (and
//! fails then under `CNBUDGET_REQUIRE_SHARED=1`, as in CI).
//!
//! Prints accuracy for agency, year, kind, top-level section titles and key
//! facts, compared as `../shared/tools/eval.py` compares them, and asserts a
//! floor for each set; checks independently of the extractor's own patterns
//! that every "<number><元|万元|亿元>" of the dev set is found with its value.
//!
//! `wide/` and `long-cities/` are split as `scripts/eval_all.sh` splits them:
//! sorted by id, every third document (from the third on) is held back and
//! was not read while tuning; the tests report both parts.

use regex::Regex;
use rust_decimal::Decimal;
use serde_json::Value;
use std::path::PathBuf;
use std::str::FromStr;

mod common;

type Doc = (String, String, Value);

/// The documents of `../shared/corpus/<name>` with their gold labels, sorted
/// by id; `None` when the set is absent (the test skips).
fn docs_in(name: &str) -> Option<Vec<Doc>> {
    let dir = common::shared(&format!("corpus/{name}"))?;
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    Some(
        names
            .into_iter()
            .map(|p| {
                let id = p
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or_default()
                    .to_string();
                let text = std::fs::read_to_string(&p).expect("read doc");
                let gold_path = dir.join("gold").join(format!("{id}.json"));
                let gold: Value =
                    serde_json::from_str(&std::fs::read_to_string(&gold_path).expect("gold"))
                        .expect("gold json");
                (id, text, gold)
            })
            .collect(),
    )
}

/// The tuning part and the held-back part of a set (every third by id).
fn split(docs: Vec<Doc>) -> (Vec<Doc>, Vec<Doc>) {
    let (mut tune, mut hold) = (Vec::new(), Vec::new());
    for (i, d) in docs.into_iter().enumerate() {
        if i % 3 == 2 {
            hold.push(d);
        } else {
            tune.push(d);
        }
    }
    (tune, hold)
}

/// Title comparison as the project's evaluation does it: no white space or
/// punctuation, full-width digits as ASCII.
fn norm(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| !c.is_whitespace() && !":：。.,，、;；“”\"'()（）".contains(*c))
        .collect()
}

/// Agency comparison as eval.py makes it: the same name once a trailing
/// 汇总/本级 is dropped; for a whole-government report (gold `scope:
/// government`) the place alone or with 人民政府/政府/财政局/财政厅.
fn agency_ok(gold: &Value, have: Option<&str>) -> bool {
    let Some(want) = gold["agency"].as_str() else {
        return true;
    };
    let Some(have) = have else {
        return false;
    };
    let strip = |s: String, tails: &[&str]| {
        for t in tails {
            if let Some(x) = s.strip_suffix(t) {
                return x.to_string();
            }
        }
        s
    };
    let own = ["汇总", "彙總", "本级", "本級"];
    let (a, b) = (strip(norm(want), &own), strip(norm(have), &own));
    if a == b {
        return true;
    }
    let gov = ["人民政府", "政府", "财政局", "財政局", "财政厅", "財政廳"];
    gold["scope"] == "government" && strip(a, &gov) == strip(b, &gov)
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        100.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// What a set must reach (percentages).
struct Floors {
    agency: f64,
    year: f64,
    kind: f64,
    top_recall: f64,
    top_precision: f64,
    facts: f64,
}

/// Measures a set (and its two parts where it is split), prints the figures
/// and asserts the floors on the whole set. The misses of held-back
/// documents are not printed: they are not read while tuning.
fn check_set(name: &str, docs: usize, split_it: bool, floors: Floors) {
    let Some(all) = docs_in(name) else {
        return;
    };
    assert_eq!(all.len(), docs, "{name} has {docs} documents");
    let total = if split_it {
        let (tune, hold) = split(all);
        let t = counts(&tune, true);
        let h = counts(&hold, false);
        t.print(&format!("{name}, tuning part"));
        h.print(&format!("{name}, held back"));
        t.add(&h)
    } else {
        counts(&all, true)
    };
    total.print(name);
    for (what, v, floor) in [
        (
            "agency accuracy",
            pct(total.agency.0, total.agency.1),
            floors.agency,
        ),
        (
            "year accuracy",
            pct(total.year.0, total.year.1),
            floors.year,
        ),
        (
            "kind accuracy",
            pct(total.kind.0, total.kind.1),
            floors.kind,
        ),
        (
            "top-section recall",
            pct(total.top_hit, total.top_exp),
            floors.top_recall,
        ),
        (
            "top-section precision",
            pct(total.top_hit, total.top_out),
            floors.top_precision,
        ),
        (
            "key-fact recall",
            pct(total.facts.0, total.facts.1),
            floors.facts,
        ),
    ] {
        assert!(v >= floor, "{what} below {floor}% on {name}: {v:.2}%");
    }
}

#[test]
fn real_set() {
    check_set(
        "real",
        24,
        false,
        Floors {
            agency: 100.0,
            year: 100.0,
            kind: 100.0,
            top_recall: 100.0,
            top_precision: 98.0,
            facts: 100.0,
        },
    );
}

#[test]
fn wide_set() {
    check_set(
        "wide",
        83,
        true,
        Floors {
            agency: 98.0,
            year: 99.0,
            kind: 99.0,
            top_recall: 95.0,
            top_precision: 98.0,
            // 97.59 until 上年结余 and "201-一般公共服务支出" were read (100).
            facts: 99.0,
        },
    );
}

/// Full-length PDF extractions: cover, table of contents, tables as text.
/// Their parts are announced by the table of contents and printed
/// unnumbered in the body; facts come from prose and from tables (a cell
/// per line included: 79.75% before those were read, 85.58% after).
#[test]
fn long_set() {
    check_set(
        "long",
        10,
        false,
        Floors {
            agency: 100.0,
            year: 100.0,
            kind: 100.0,
            top_recall: 100.0,
            top_precision: 99.0,
            // 90.8 with the facts tables pin down by their sums (issue 11);
            // 94.48 once a wrap at a right margin among a label per line was
            // joined ("政府采购服务预\n算2573.64万元"); 98.16 once tables
            // printed a cell per line were rebuilt into rows (their total
            // rows' sums give 基本/项目/人员/公用); 99.08 with the 决算 收支总表's
            // 年初结转和结余 cell.
            facts: 98.5,
        },
    );
}

#[test]
fn long_cities_set() {
    check_set(
        "long-cities",
        9,
        true,
        Floors {
            agency: 100.0,
            year: 100.0,
            kind: 100.0,
            // 94.12/94.12 and 78.7 until pages saved as lines without white
            // space were split at their headings (g006), 100/100 and 82.25
            // after.
            top_recall: 99.0,
            top_precision: 99.0,
            // 84.62 with procured kinds, cell-per-line tables (g002); 89.35
            // with 预算总计, 上年结转结余 and "(类)支出" (g008); 95.27 with
            // table pages flattened onto one line read as rows (g006: cells
            // run together, "7,199.973,217.16", split at two decimals); 95.86
            // with g010's blank-line wraps joined.
            facts: 95.5,
        },
    );
}

/// Hits and totals: (right, labelled) pairs and top-section counts.
#[derive(Default)]
struct Counts {
    agency: (usize, usize),
    year: (usize, usize),
    kind: (usize, usize),
    top_hit: usize,
    top_exp: usize,
    top_out: usize,
    facts: (usize, usize),
}

impl Counts {
    fn add(&self, o: &Counts) -> Counts {
        let p = |a: (usize, usize), b: (usize, usize)| (a.0 + b.0, a.1 + b.1);
        Counts {
            agency: p(self.agency, o.agency),
            year: p(self.year, o.year),
            kind: p(self.kind, o.kind),
            top_hit: self.top_hit + o.top_hit,
            top_exp: self.top_exp + o.top_exp,
            top_out: self.top_out + o.top_out,
            facts: p(self.facts, o.facts),
        }
    }

    fn print(&self, name: &str) {
        let f = |(a, b): (usize, usize)| format!("{:.2}% ({a}/{b})", pct(a, b));
        println!(
            "{name}: agency {}, year {}, kind {}, top sections recall {}, precision {}, key facts {}",
            f(self.agency),
            f(self.year),
            f(self.kind),
            f((self.top_hit, self.top_exp)),
            f((self.top_hit, self.top_out)),
            f(self.facts)
        );
    }
}

/// Document, top-section and key-fact counts against the gold; each miss is
/// printed when `show` is set.
fn counts(docs: &[Doc], show: bool) -> Counts {
    let mut c = Counts::default();
    let miss = |m: String| {
        if show {
            println!("{m}");
        }
    };
    for (id, text, gold) in docs {
        let r = cnbudget::extract(text);
        let g = &gold["document"];
        if g["agency"].is_string() {
            c.agency.1 += 1;
            if agency_ok(g, r.document.agency.as_deref()) {
                c.agency.0 += 1;
            } else {
                miss(format!(
                    "{id}: agency {:?}, gold {}",
                    r.document.agency, g["agency"]
                ));
            }
        }
        if let Some(want) = g["year"].as_i64() {
            c.year.1 += 1;
            if r.document.year.map(i64::from) == Some(want) {
                c.year.0 += 1;
            } else {
                miss(format!("{id}: year {:?}, gold {want}", r.document.year));
            }
        }
        if let Some(want) = g["kind"].as_str() {
            c.kind.1 += 1;
            if r.document.kind == Some(want) {
                c.kind.0 += 1;
            } else {
                miss(format!("{id}: kind {:?}, gold {want}", r.document.kind));
            }
        }
        let want: Vec<String> = gold["top_sections"]
            .as_array()
            .map(|a| a.iter().filter_map(|t| t.as_str()).map(norm).collect())
            .unwrap_or_default();
        let got: Vec<String> = r.sections.iter().map(|s| norm(&s.title)).collect();
        c.top_exp += want.len();
        c.top_out += got.len();
        c.top_hit += want.iter().filter(|t| got.contains(t)).count();
        if want.iter().any(|t| !got.contains(t)) || got.len() != want.len() {
            miss(format!("{id}: top sections {got:?}, gold {want:?}"));
        }
        let (hit, n) = fact_recall(id, &r, gold, &miss);
        c.facts.0 += hit;
        c.facts.1 += n;
    }
    c
}

#[test]
fn every_money_amount_is_found() {
    // Written here, independently of src/extract/amounts.rs.
    let re = Regex::new(
        r"([0-9０-９]{1,3}(?:[,，] ?[0-9０-９]{3})+|[0-9０-９]+)([.．﹒][0-9０-９]+)?[ \t\u{3000}]*\n?[ \t\u{3000}]*(亿元|万元|萬元|億元|元)",
    )
    .expect("regex");
    let Some(docs) = docs_in("real") else {
        return;
    };
    let (mut found, mut expected) = (0, 0);
    for (id, text, _) in docs {
        let r = cnbudget::extract(&text);
        for m in re.captures_iter(&text) {
            let whole = m.get(0).expect("match");
            if text[..whole.start()]
                .ends_with(|c: char| c.is_ascii_digit() || "０１２３４５６７８９.．﹒".contains(c))
            {
                continue;
            }
            let digits: String = m[1]
                .chars()
                .chain(m.get(2).map_or("", |f| f.as_str()).chars())
                .filter_map(|c| match c {
                    '0'..='9' => Some(c),
                    '０'..='９' => char::from_u32(c as u32 - 0xFEE0),
                    '.' | '．' | '﹒' => Some('.'),
                    _ => None,
                })
                .collect();
            let factor = match &m[3] {
                "元" => Decimal::ONE,
                "万元" | "萬元" => Decimal::from(10_000),
                _ => Decimal::from(100_000_000),
            };
            let want = Decimal::from_str(&digits).expect("number") * factor;
            expected += 1;
            let hit = r.amounts.iter().any(|a| {
                a.span.start < whole.end()
                    && whole.start() < a.span.end
                    && Decimal::from_str(&a.yuan).ok() == Some(want)
            });
            if hit {
                found += 1;
            } else {
                println!("{id}: missed {:?} = {want}", whole.as_str());
            }
        }
    }
    println!(
        "dev set amounts: {found}/{expected} ({:.2}%)",
        pct(found, expected)
    );
    assert!(
        expected > 200,
        "the dev set should hold over 200 money amounts, found {expected}"
    );
    assert!(pct(found, expected) >= 98.0, "amount recall below 98%");
}

#[test]
fn spans_index_the_original() {
    for set in ["real", "wide", "long", "long-cities"] {
        let Some(docs) = docs_in(set) else {
            return;
        };
        for (id, text, _) in docs {
            let r = cnbudget::extract(&text);
            for a in &r.amounts {
                assert_eq!(a.span.slice(&text), a.text, "{id}: amount span");
            }
            for c in &r.changes {
                assert_eq!(c.span.slice(&text), c.text, "{id}: change span");
            }
        }
    }
}

/// Gold facts of one document found with their exact value: (found,
/// expected).
fn fact_recall(
    id: &str,
    r: &cnbudget::report::Report,
    gold: &Value,
    miss: &dyn Fn(String),
) -> (usize, usize) {
    let units = |u: &str| match u {
        "元" => Some(Decimal::ONE),
        "千元" => Some(Decimal::from(1_000)),
        "万元" => Some(Decimal::from(10_000)),
        "亿元" => Some(Decimal::from(100_000_000)),
        _ => None,
    };
    let (mut hit, mut n) = (0, 0);
    let Some(facts) = gold["facts"].as_object() else {
        return (0, 0);
    };
    for (key, want) in facts {
        n += 1;
        let wv = Decimal::from_str(want["value"].as_str().unwrap_or("x")).expect("gold value");
        let wu = want["unit"].as_str().unwrap_or("");
        let got = r.facts.iter().find(|f| &f.key == key);
        let ok = got.is_some_and(|f| match units(wu) {
            Some(factor) => {
                f.yuan.as_deref().and_then(|y| Decimal::from_str(y).ok()) == Some(wv * factor)
            }
            None => Decimal::from_str(&f.value).ok() == Some(wv),
        });
        if ok {
            hit += 1;
        } else {
            miss(format!(
                "{id}: {key} want {wv}{wu}, got {:?}",
                got.map(|f| (&f.value, f.unit))
            ));
        }
    }
    (hit, n)
}

/// Page furniture of the kinds unseen pages carry, around a document:
/// breadcrumbs, a metadata block, a date line, and footers that link to
/// other pages ("上一篇:关于公布2024年部门预算的公告") and list attachments
/// with another year ("1. 2024年部门预算公开表.xls"). Written for this test
/// (2026-12-02), after real 006, 036 and 059 changed year or kind under them.
const WRAPS: &[(&str, &str)] = &[
    (
        "首页 > 信息公开 > 法定主动公开内容 > 财政预决算\n发布时间:2025-03-01 10:21 浏览次数:1234\n【字体:大 中 小】 【打印】 【关闭】\n",
        "\n扫一扫在手机打开当前页\n【打印本页】【关闭窗口】\n主办单位:人民政府办公室 承办单位:大数据中心\nICP备案号:渝ICP备12345678号-1\n",
    ),
    (
        "当前位置:首页>>政务公开>>预决算公开\n来源:本站 作者:办公室 发布日期:2024年02月06日\n分享到:\n",
        "\n附件:\n1. 2024年部门预算公开表.xls\n相关链接:\n上一篇:关于公布2024年部门预算的公告\n下一篇:没有了\n",
    ),
    (
        "索 引 号:11500101MB1234567X/2024-00012\n发布机构:区财政局\n成文日期:2024-02-02\n主题分类:财政预决算\n",
        "",
    ),
    ("无障碍 | 长者模式 | 繁体版\n欢迎访问政府门户网站\n", ""),
];

/// Furniture around a document changes none of its identity: agency, year,
/// kind and scope equal the bare document's, on every document of `real/`
/// and `wide/`, in each of the wraps above.
#[test]
fn furniture_around_a_document_changes_nothing() {
    let Some(real) = docs_in("real") else {
        return;
    };
    let Some(wide) = docs_in("wide") else {
        return;
    };
    let mut changed = Vec::new();
    let mut n = 0;
    for (id, text, _) in real.iter().chain(&wide) {
        let bare = cnbudget::extract(text);
        let who = |r: &cnbudget::Report| {
            let d = &r.document;
            (d.agency.clone(), d.year, d.kind, d.scope)
        };
        for (k, (head, foot)) in WRAPS.iter().enumerate() {
            let wrapped = cnbudget::extract(&format!("{head}{text}{foot}"));
            n += 1;
            if who(&wrapped) != who(&bare) {
                changed.push(format!(
                    "{id} wrap {k}: {:?} -> {:?}",
                    who(&bare),
                    who(&wrapped)
                ));
            }
        }
    }
    println!(
        "furniture wraps: {} of {n} changed the identity",
        changed.len()
    );
    assert!(changed.is_empty(), "{}", changed.join("\n"));
}
