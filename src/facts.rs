//! Key facts: the figures users put in a table across agencies
//! (revenue.total, expenditure.function.201, three_public.total …), keys from
//! `../shared/reference/figure_keys.tsv`.
//!
//! Takes the labelled level amounts (and the text, for counts such as
//! assets.vehicles); gives at most one fact per key: the first figure the
//! text states for it. Nothing is derived: a key appears only where the
//! text states its figure. Change amounts (role `change`) never become facts
//! ("基本支出增加146.75万元", doc 067, is a change, not the basic expenditure).
//!
//! The label decides the key; where a label fits revenue and expenditure
//! alike (一般公共预算财政拨款, 年初预算数), the nearest 收入/支出 before the
//! amount in its sentence, or else the section title, decides.

use regex::Regex;
use std::sync::LazyLock;

/// Revenue or expenditure, for labels that fit both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Revenue,
    Expenditure,
}

/// What the fact stage needs to know about one amount.
#[derive(Clone, Debug)]
pub struct Candidate<'a> {
    pub label: &'a str,
    pub level: bool,
    pub flow: Option<Flow>,
    pub section_kind: Option<&'static str>,
    /// Position in a list sharing one unit: (index, length); (0, 1) alone.
    pub list: (usize, usize),
    /// The previous level amount of the same sentence names a functional
    /// class ("一般公共服务支出预算938.35万元;其中:基本支出…", doc 072).
    pub after_function_class: bool,
}

/// `h` contains `n`. Labels are short and `keys_for` tests a dozen words on
/// each: `str::contains` sets up a two-way searcher per call, which cost
/// more than the search itself.
/// (Two bytes are compared before the rest: the first byte of a Han
/// character is one of six, so a test on it alone called `memcmp` at
/// every sixth byte.)
#[inline]
fn has(h: &str, n: &str) -> bool {
    let (h, n) = (h.as_bytes(), n.as_bytes());
    match n {
        [] => true,
        [b] => h.contains(b),
        [b0, b1, rest @ ..] => {
            h.len() >= n.len()
                && h[..h.len() - n.len() + 2]
                    .windows(2)
                    .enumerate()
                    .any(|(i, w)| w[0] == *b0 && w[1] == *b1 && h[i + 2..].starts_with(rest))
        }
    }
}

/// `h` ends with `n`, the last byte compared first (inline: `keys_for`
/// makes some forty such tests per label, and `ends_with` is a `memcmp`
/// call each).
#[inline]
fn ends(h: &str, n: &str) -> bool {
    h.as_bytes()
        .last()
        .is_some_and(|b| n.as_bytes().last() == Some(b))
        && h.ends_with(n)
        || n.is_empty()
}

/// The keys an amount with this label states (usually one; "收、支总计均为"
/// and "财政拨款收支总预算" state two).
///
/// A label that names its figure's column ("基本支出决算数为…", "一般公共服务
/// 支出决算数", "收入预算数") states the key of the label before that word:
/// tried when the whole label states none. (Written from the vocabulary of
/// `figure_keys.tsv` in sentence frames, 2026-12-02: 40 of 236 frames
/// "本年度X决算数为123.45万元" gave no fact.) A 决算's budget figures never
/// reach here (`budget_label`).
pub fn keys_for(c: &Candidate) -> Vec<String> {
    let keys = keys_of_label(c, c.label);
    if !keys.is_empty() {
        return keys;
    }
    for word in [
        "决算数",
        "预算数",
        "决算额",
        "决算金额",
        "执行数",
        "完成数",
        "实际数",
        "数",
    ] {
        if let Some(l) = c.label.strip_suffix(word).filter(|l| !l.is_empty()) {
            let keys = keys_of_label(c, l);
            if !keys.is_empty() {
                return keys;
            }
        }
    }
    Vec::new()
}

fn keys_of_label(c: &Candidate, l: &str) -> Vec<String> {
    // "基本支出决算", "事业收入决算", "一般公共服务支出预算": a part's
    // figure, not the total that "支出决算"/"收入预算" alone name. The part's
    // own key, where its stem has one.
    for word in ["决算", "预算"] {
        if let Some(stem) = l.strip_suffix(word) {
            if stem.ends_with("收入") || stem.ends_with("支出") {
                let keys = keys_of_label(c, stem);
                if !keys.is_empty() {
                    return keys;
                }
            }
        }
    }
    let one = |k: &str| vec![k.to_string()];
    if has(l, "三公") {
        return one("three_public.total");
    }
    if has(l, "因公出国(境)") || has(l, "因公出国（境）") {
        return one("three_public.overseas");
    }
    // "及", "和", "与", "、" alike: "公务用车购置和运行维护费" is both
    // (long-cities g004, was taken for the purchase).
    let both = |stem: &str| {
        l.find(stem).is_some_and(|i| {
            let rest = &l[i + stem.len()..];
            ["及", "和", "与", "、"].iter().any(|j| {
                rest.strip_prefix(j)
                    .is_some_and(|r| r.starts_with("运行") || r.starts_with("运维"))
            })
        })
    };
    if has(l, "购置") && (both("公务用车购置") || both("公车购置")) {
        return one("three_public.vehicle");
    }
    if has(l, "公务用车购置") || has(l, "公车购置") {
        return one("three_public.vehicle_purchase");
    }
    if has(l, "公务用车运行") || has(l, "公车运行") {
        return one("three_public.vehicle_operation");
    }
    if has(l, "公务接待") {
        return one("three_public.reception");
    }
    // "2018年一般公共预算财政拨款运行经费16252.11万元" (long-cities g001,
    // the older name), or "运行经费" in a section on them; never a car's.
    let running = ends(l, "运行经费")
        && !has(l, "车")
        && (has(l, "财政拨款") || c.section_kind == Some("operating_costs"));
    if has(l, "机关运行经费") || ends(l, "行政经费") || running {
        return one("operating_costs");
    }
    // The kind is named next to 政府采购 ("政府采购服务预算", "货物类政府采购"),
    // not anywhere in the label: "某市海洋服务中心纳入…的政府采购项目共有" is
    // the total of a unit whose name holds 服务 (own corpus jd21).
    if let Some(p) = l.find("政府采购") {
        let after = &l[p + "政府采购".len()..];
        let before = l[..p].trim_end_matches('类');
        let kind = |w: &str| after.contains(w) || before.ends_with(w);
        return one(if kind("货物") {
            "procurement.goods"
        } else if kind("工程") {
            "procurement.works"
        } else if kind("服务") {
            "procurement.services"
        } else {
            "procurement.total"
        });
    }
    // "其中:货物采购金额8.57万元、工程采购金额0.00万元、服务采购金额363.77万元"
    // in a 政府采购 section (long corpus, 决算): the parts without 政府.
    // "其中:货物类项目54.01万元、工程类项目0.00万元、服务类项目2,689.30
    // 万元" (long-cities g006): a kind of item, no 采购 word.
    let kind_of_item = || {
        ["类项目", "类", "项目", "类采购项目"].iter().any(|w| {
            ["货物", "工程", "服务"]
                .iter()
                .any(|k| l.strip_prefix(k) == Some(*w))
        })
    };
    // "拟采购货物支出5.5万元、拟采购工程支出0万元、拟采购服务支出183万元"
    // (long-cities g008): the kind after 采购.
    if c.section_kind == Some("procurement") && (has(l, "采购") || kind_of_item()) {
        let kinds = [
            ("货物", "procurement.goods"),
            ("工程", "procurement.works"),
            ("服务", "procurement.services"),
        ];
        for (word, key) in kinds {
            if l.starts_with(word) {
                return one(key);
            }
        }
        if let Some((_, after)) = l.split_once("采购") {
            for (word, key) in kinds {
                if after.starts_with(word) {
                    return one(key);
                }
            }
        }
    }
    // Not 绩效工资 (performance pay, an economic class in the tables of the
    // long corpus); "涉\n及项目预算资金314,076.90万元" lost its 涉 to a line
    // break there; "涉及一级预算\n项目4个,预算资金419万元" (long-cities g014)
    // names the projects before the money.
    // Nor 公务员基础绩效奖 (a row of the economic classes with its code,
    // "3010301 公务员基础绩效奖 1,297"; pdf r086).
    let pay = has(l, "绩效工资") || has(l, "绩效奖") || l.starts_with(|c: char| c.is_ascii_digit());
    if (has(l, "绩效") && !pay)
        || (c.section_kind == Some("performance") && (l.starts_with("涉及") || ends(l, "预算资金")))
    {
        return one("performance.covered");
    }
    if let Some(code) = crate::vocab::function_class(l) {
        return vec![format!("expenditure.function.{code}")];
    }
    // Totals.
    // "财政拨款收入支出总计" (long corpus, 决算) before the general form.
    if ends(l, "财政拨款收支总预算")
        || ends(l, "财政拨款收支总计")
        || ends(l, "财政拨款收入支出总计")
    {
        return vec!["revenue.fiscal".into(), "expenditure.fiscal".into()];
    }
    // "2024年收支总预算1500万元": one figure for both totals, as the
    // 财政拨款 form above (a budget's usual opening; own case file).
    if ends(l, "收支总预算") || ends(l, "收支预算总额") || ends(l, "收支预算总计")
    {
        return vec!["revenue.total".into(), "expenditure.total".into()];
    }
    // "收入支出总计" spelled out (long corpus, 上海普陀 决算).
    if ends(l, "收、支总计") || ends(l, "收支总计") || ends(l, "收入支出总计") {
        return match c.list {
            (0, 1) => vec!["revenue.total".into(), "expenditure.total".into()],
            (0, _) => one("revenue.total"),
            (1, _) => one("expenditure.total"),
            _ => Vec::new(),
        };
    }
    // "…经费支出预算223万元" (doc 072) is one item's budget, not the total;
    // so are "上级专项转移支付支出预算393.23万元" (pdf r055) and a 补助's.
    let item = |suffix: &str| {
        l.strip_suffix(suffix)
            .and_then(|p| p.chars().next_back())
            .is_some_and(|c| "费金目项款付助".contains(c))
    };
    // A label naming one of the four budgets (its totals are no key; below).
    let fund = has(l, "一般公共预算")
        || has(l, "政府性基金")
        || has(l, "国有资本经营")
        || has(l, "社会保险基金");
    // "2026年深圳市气象局(本级)部门预算收入7,199.97万元" (long-cities g006).
    if ends(l, "部门预算收入") || ends(l, "单位预算收入") {
        return one("revenue.total");
    }
    if ends(l, "部门预算支出") || ends(l, "单位预算支出") {
        return one("expenditure.total");
    }
    // "(一)收入预算总计4,651.67万元" (long-cities g008).
    if ends(l, "收入总计") && !ends(l, "财政拨款收入总计") && !fund
        || ends(l, "收入预算总计")
        || ends(l, "收入预算总额")
        || ends(l, "收入预算总数")
        || (ends(l, "收入预算") && !item("收入预算"))
        || (ends(l, "收入决算") && !item("收入决算"))
    {
        return one("revenue.total");
    }
    // "本年收入918.16万元" (wide c014) as "本年收入合计".
    if ends(l, "本年收入合计") || ends(l, "收入合计") || l == "本年收入" {
        return one("revenue.current_year");
    }
    if ends(l, "本年支出合计") || ends(l, "支出合计") || l == "本年支出" {
        return one("expenditure.current_year");
    }
    // Parts of expenditure, before "…支出预算" takes them for the total.
    let part = |k: &str| {
        if c.after_function_class {
            Vec::new()
        } else {
            vec![k.to_string()]
        }
    };
    if ends(l, "基本支出") || ends(l, "基本支出预算") {
        return part("expenditure.basic");
    }
    if ends(l, "项目支出") || ends(l, "项目支出预算") {
        return part("expenditure.project");
    }
    if ends(l, "人员经费") {
        return one("expenditure.personnel");
    }
    if ends(l, "公用经费") {
        return one("expenditure.public_use");
    }
    // "当年一般公共预算总支出14.32亿元" in a government's accounts is the
    // aggregate (transfers up, debt repaid included), not its 一般公共预算支出
    // (wide c034): neither of the two keys.
    // So is a fund's 收入总计 / 支出总计 ("我镇政府性基金收入总计3319万元" with
    // its balance brought in; an unseen town's 2023 final accounts): not the
    // total of all funds, which a "收入总计" alone would be.
    if fund
        && ["总支出", "总收入", "收入总计", "支出总计"]
            .iter()
            .any(|w| ends(l, w))
    {
        return Vec::new();
    }
    // A fund's balance ("政府性基金预算财政拨款年初结转和结余58,830.98万元", pdf
    // r205): neither its revenue nor its spending, nor the department's
    // carryover.
    let balance = ["结转", "结余", "结转和结余", "结转结余"]
        .iter()
        .any(|w| ends(l, w));
    if balance && (has(l, "一般公共预算") || has(l, "政府性基金")) {
        return Vec::new();
    }
    if has(l, "一般公共预算") {
        let rev = ends(l, "收入");
        let exp = ends(l, "支出") || ends(l, "当年拨款") || ends(l, "支出预算");
        return match (rev, exp, c.flow) {
            (true, _, _) | (false, false, Some(Flow::Revenue)) => one("revenue.general_budget"),
            (_, true, _) | (false, false, Some(Flow::Expenditure)) => {
                one("expenditure.general_budget")
            }
            _ => Vec::new(),
        };
    }
    if has(l, "政府性基金") {
        let rev = ends(l, "收入");
        let exp = ends(l, "支出") || ends(l, "支出预算");
        return match (rev, exp, c.flow) {
            (true, _, _) | (false, false, Some(Flow::Revenue)) => one("revenue.gov_fund"),
            (_, true, _) | (false, false, Some(Flow::Expenditure)) => one("expenditure.gov_fund"),
            _ => Vec::new(),
        };
    }
    if ends(l, "支出总计") && !ends(l, "财政拨款支出总计") && !fund
        || ends(l, "支出预算总计")
        || ends(l, "支出预算总额")
        || ends(l, "支出预算总数")
        || (ends(l, "支出预算") && !item("支出预算"))
        || (ends(l, "支出决算") && !item("支出决算"))
    {
        return one("expenditure.total");
    }
    // "财政拨款支出预算4748.35万元" (long corpus, 预算).
    // Not one budget's appropriation: "国有资本经营预算财政拨款收入0万元" among
    // the parts of 本年收入 (an unseen unit's 2022 final accounts) is no total
    // of appropriations, and the key list has none of its own.
    if fund {
        return Vec::new();
    }
    if ends(l, "财政拨款收入") || ends(l, "财政拨款收入总计") || ends(l, "财政拨款收入预算")
    {
        return one("revenue.fiscal");
    }
    if ends(l, "财政拨款支出") || ends(l, "财政拨款支出总计") || ends(l, "财政拨款支出预算")
    {
        return one("expenditure.fiscal");
    }
    // "收入包括:1、财政拨款3362.61万元;2、事业收入…" (wide b026): the side
    // says which.
    if l == "财政拨款" {
        return match c.flow {
            Some(Flow::Revenue) => one("revenue.fiscal"),
            Some(Flow::Expenditure) => one("expenditure.fiscal"),
            None => Vec::new(),
        };
    }
    if ends(l, "事业收入") {
        return one("revenue.business");
    }
    if ends(l, "其他收入") {
        return one("revenue.other");
    }
    // "上年结转结余为0万元" (long-cities g008); "上年结转和结余资金为98.45万
    // 元" (an unseen kindergarten's 2023 final accounts; not "上年结转资金", a
    // project's funding in long-cities g010).
    if ends(l, "上年结转")
        || ends(l, "上年结转和结余")
        || ends(l, "上年结转和结余资金")
        || ends(l, "上年结转结余")
        // The row of Shenzhen's 收支总表, "上年结余、结转60.00" (long-cities g006).
        || ends(l, "上年结余、结转")
        || ends(l, "上年结转、结余")
        // "上年结余3.18亿元" (wide a032, a government's report); alone: "待偿
        // 债置换一般债券上年结余" is a bond's (wide c026).
        || l == "上年结余"
        || ends(l, "上年结转收入")
        || ends(l, "年初结转和结余")
        || ends(l, "年初结转结余")
    {
        return one("revenue.carryover");
    }
    Vec::new()
}

#[allow(clippy::expect_used)] // fixed pattern
static VEHICLES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:共有车辆|公务用车保有量|公务车保有量|车辆保有量|现有车辆|实有车辆|车辆总数)[ \t]*(?:为|共|达)?[ \t]*(?P<n>[0-9]{1,6})[ \t]*辆")
        .expect("vehicles regex")
});

/// Vehicle holdings: "共有车辆0辆" (seed), "公务用车保有量12 辆" (doc 059).
/// "公务用车购置数18辆" is a purchase count, not a holding (doc 045).
/// Returns the normalized range of the number and unit, and the count.
pub fn vehicle_count(text: &str) -> Option<((usize, usize), String)> {
    // Every match ends in 辆, which most texts never use: one memchr search
    // spares the regex, whose prefilter stops at every 公, 现 and 实.
    memchr::memmem::find(text.as_bytes(), "辆".as_bytes())?;
    // The assets' count (共有车辆, 车辆总数 …) before the 三公 statistic
    // (公务用车保有量) where a text gives both: "公务用车保有量为8辆" and "共有
    // 车辆10辆" (long corpus, 石泉路 决算; figure_keys.tsv: 共有车辆|车辆).
    let c = VEHICLES
        .captures_iter(text)
        .find(|c| c.get(0).is_some_and(|m| !m.as_str().contains("保有量")))
        .or_else(|| VEHICLES.captures(text))?;
    let n = c.name("n")?;
    let whole = c.get(0)?;
    Some(((n.start(), whole.end()), n.as_str().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(label: &str) -> Vec<String> {
        keys_for(&Candidate {
            label,
            level: true,
            flow: None,
            section_kind: None,
            list: (0, 1),
            after_function_class: false,
        })
    }

    #[test]
    fn keys() {
        assert_eq!(k("收入预算"), ["revenue.total"]);
        assert_eq!(k("“三公”经费预算"), ["three_public.total"]);
        assert_eq!(k("公务用车购置及运行维护费"), ["three_public.vehicle"]);
        assert_eq!(k("公务用车购置"), ["three_public.vehicle_purchase"]);
        assert_eq!(k("一般公共服务支出"), ["expenditure.function.201"]);
        assert_eq!(k("基本支出"), ["expenditure.basic"]);
        assert_eq!(k("本年收入合计"), ["revenue.current_year"]);
        assert_eq!(k("收、支总计"), ["revenue.total", "expenditure.total"]);
        assert_eq!(
            k("一般公共预算财政拨款支出"),
            ["expenditure.general_budget"]
        );
        assert!(k("事业单位经营收入").is_empty());
    }

    #[test]
    fn has_and_ends_are_contains_and_ends_with() {
        let hay = [
            "",
            "a",
            "绩效",
            "政府采购",
            "涉及项目预算资金",
            "a绩效工资b",
            "收、支总计",
        ];
        let needles = [
            "",
            "a",
            "b",
            "绩效",
            "绩效工资",
            "资金",
            "项目预算资金",
            "总计",
            "支总计x",
        ];
        for h in hay {
            for n in needles {
                assert_eq!(has(h, n), h.contains(n), "has({h:?}, {n:?})");
                assert_eq!(ends(h, n), h.ends_with(n), "ends({h:?}, {n:?})");
            }
        }
    }

    #[test]
    fn vehicles() {
        assert_eq!(
            vehicle_count("截止2023年12月，所属各预算单位共有车辆0辆").map(|x| x.1),
            Some("0".into())
        );
        assert_eq!(
            vehicle_count("公务用车购置数18辆;公务用车保有量468辆").map(|x| x.1),
            Some("468".into())
        );
        assert_eq!(vehicle_count("公务用车购置100辆"), None);
        assert_eq!(
            vehicle_count("公务用车保有量为8辆。…单位共有车辆10辆,其中:其他用车10辆").map(|x| x.1),
            Some("10".into())
        );
    }
}
