#![allow(clippy::unwrap_used, clippy::expect_used)]
//! What the pipeline must show on the seed (重庆市万州区党政信息中心, 2024),
//! the statement the project started from (`corpus/seed_wanzhou_2024_budget.txt`).

use cnbudget::report::Report;

fn seed() -> (String, Report) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus/seed_wanzhou_2024_budget.txt");
    let text = std::fs::read_to_string(path).expect("seed");
    let r = cnbudget::extract(&text);
    (text, r)
}

#[test]
fn document() {
    let (_, r) = seed();
    assert_eq!(
        r.document.agency.as_deref(),
        Some("重庆市万州区党政信息中心")
    );
    assert_eq!(r.document.year, Some(2024));
    assert_eq!(r.document.kind, Some("budget"));
}

#[test]
fn sections() {
    let (_, r) = seed();
    let top: Vec<&str> = r.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        top,
        [
            "单位基本情况",
            "单位收支总体情况",
            "单位预算情况说明",
            "“三公”经费情况说明",
            "其他重要事项的情况说明",
            "专业性名词解释"
        ]
    );
    let kids = |i: usize| -> Vec<&str> {
        r.sections[i]
            .children
            .iter()
            .map(|s| s.title.as_str())
            .collect()
    };
    assert_eq!(kids(1), ["收入预算", "支出预算"]);
    assert_eq!(
        kids(4),
        [
            "机关运行经费",
            "政府采购情况",
            "绩效目标设置情况",
            "国有资产占有使用情况"
        ]
    );
    // 职能职责 1.…8. are children carrying their text.
    let duties = &r.sections[0].children[0];
    assert_eq!(duties.children.len(), 8);
}

#[test]
fn amounts() {
    let (text, r) = seed();
    assert_eq!(r.amounts.len(), 41);
    for a in &r.amounts {
        assert_eq!(a.span.slice(&text), a.text);
    }
    let first = &r.amounts[0];
    assert_eq!(
        (first.text.as_str(), first.yuan.as_str(), first.unit),
        ("772.94万元", "7729400", "万元")
    );
    assert_eq!(
        first.label, "收入预算",
        "a generic 年初预算数 takes the section topic"
    );
    let slip = r
        .amounts
        .iter()
        .find(|a| a.text == "10.95元")
        .expect("10.95元");
    assert_eq!(slip.yuan, "10.95");
    let f201 = r
        .amounts
        .iter()
        .find(|a| a.text == "670.80万元")
        .expect("670.80");
    assert_eq!(
        (f201.value.as_str(), f201.label.as_str()),
        ("670.80", "一般公共服务支出")
    );
}

#[test]
fn changes() {
    let (_, r) = seed();
    let count = |dir: &str, implied: bool| {
        r.changes
            .iter()
            .filter(|c| c.direction == dir && c.basis_implied == implied)
            .count()
    };
    assert_eq!(count("decrease", false), 7);
    assert_eq!(count("flat", false), 1);
    assert_eq!(count("unspecified", false), 5);
    assert_eq!(count("decrease", true), 2);
    assert_eq!(r.changes.len(), 15);
    let basic = r
        .changes
        .iter()
        .find(|c| c.subject == "基本支出" && !c.basis_implied)
        .expect("basic expenditure change");
    assert!(
        basic
            .reason
            .as_deref()
            .is_some_and(|s| s.starts_with("2023年单位调出1人")),
        "{:?}",
        basic.reason
    );
    assert_eq!(
        basic.amount.as_ref().map(|a| a.yuan.as_str()),
        Some("10.95")
    );
    let flat = r
        .changes
        .iter()
        .find(|c| c.direction == "flat")
        .expect("flat");
    assert!(flat.text.contains("与上年保持一致"));
}

#[test]
fn facts() {
    let (_, r) = seed();
    let fact = |k: &str| {
        r.facts
            .iter()
            .find(|f| f.key == k)
            .unwrap_or_else(|| panic!("fact {k} missing"))
    };
    let wan = |k: &str, v: &str| {
        let f = fact(k);
        assert_eq!((f.value.as_str(), f.unit), (v, "万元"), "{k}");
    };
    wan("revenue.total", "772.94");
    let change = fact("revenue.total")
        .change
        .as_ref()
        .expect("revenue change");
    assert_eq!(change.direction, "decrease");
    assert_eq!(
        change.amount.as_ref().map(|a| a.value.as_str()),
        Some("18.89")
    );
    wan("expenditure.total", "772.94");
    wan("expenditure.function.201", "670.80");
    wan("expenditure.function.208", "62.44");
    wan("expenditure.function.210", "20.68");
    wan("expenditure.function.221", "19.01");
    wan("expenditure.basic", "382.58");
    wan("expenditure.project", "390.36");
    wan("three_public.total", "0");
    wan("procurement.total", "58.37");
    wan("procurement.services", "58.37");
    wan("performance.covered", "390.36");
    let v = fact("assets.vehicles");
    assert_eq!(
        (v.value.as_str(), v.unit, v.yuan.as_deref()),
        ("0", "辆", None)
    );
    // One fact per key.
    let mut keys: Vec<&str> = r.facts.iter().map(|f| f.key.as_str()).collect();
    keys.sort_unstable();
    let n = keys.len();
    keys.dedup();
    assert_eq!(keys.len(), n);
}

#[test]
fn checks() {
    let (text, r) = seed();
    let rounding = r
        .checks
        .iter()
        .find(|c| c.code == "sum_rounding")
        .expect("rounding info");
    assert_eq!(rounding.severity, "info");
    assert!(rounding.message.contains("772.93") && rounding.message.contains("772.94"));
    let slip = r
        .checks
        .iter()
        .find(|c| c.code == "unit_slip")
        .expect("unit slip");
    assert_eq!(slip.severity, "warning");
    assert_eq!(slip.span.map(|s| s.slice(&text)), Some("10.95元"));
    assert_eq!(slip.suggestion.as_deref(), Some("10.95万元"));
    let placeholders = r
        .checks
        .iter()
        .filter(|c| c.code == "template_placeholder")
        .count();
    assert_eq!(placeholders, 5, "the five 增加（减少）");
    let kinds = r.sections.iter().filter(|s| s.kind.is_some()).count();
    assert!(kinds >= 5, "top-level sections with a kind: {kinds}");
}
