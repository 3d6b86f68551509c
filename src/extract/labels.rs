//! Labels: what an amount measures, read from the words before it.
//!
//! "其中:一般公共服务支出670.80万元" → "一般公共服务支出"; "收入预算总额为551万元"
//! (doc 054) → "收入预算总额"; "2024年年初预算数772.94万元" → generic
//! ("年初预算数"), so the pipeline uses the section topic ("收入预算", seed).
//!
//! The label is the clause before the amount (back to the previous clause
//! mark or the previous amount), without leading connectives and years and
//! without a trailing copula (为 / 是 / 达). Rule-based on purpose: a
//! dictionary segmenter (jieba) splits 一般公共预算财政拨款 into pieces that
//! are no better as a label and costs ~100 ms to load; see `keywords`.

use super::changes::year_prefix_len;

const LEAD: &[&str] = &[
    "主要原因是",
    "主要是",
    "其中",
    "此外",
    "另外",
    "同时",
    "包括",
    "分别为",
    "分别是",
    "合计",
    "及",
    "和",
    "本单位",
    "本部门",
    "我单位",
];
const TRAIL: &[&str] = &[
    "各是",
    "均为",
    "各为",
    "分别为",
    "分别是",
    "为",
    "是",
    "达到",
    "达",
    "共计",
    "约",
    "安排",
    "了",
];

/// The label range before an amount starting at `start`; `floor` is where
/// the search must stop (end of the previous amount or change).
pub fn label_before(text: &str, start: usize, floor: usize) -> (usize, usize) {
    let floor = floor.min(start);
    let head = &text[floor..start];
    let mut cs = head
        .rfind([',', '。', ';', ':', '\n', '|'])
        .map_or(floor, |i| {
            floor + i + head[i..].chars().next().map_or(1, |c| c.len_utf8())
        });
    // "…公务用车购置及运行费支出决\n\n算 40.61 万元": a word cut by a line
    // break of a PDF's text (long-cities g010) — one or two characters after
    // the break, a line of prose before it that ends in a word. The label
    // runs back over that line to its clause's start.
    if text[..cs].ends_with('\n') {
        let frag = text[cs..start].trim();
        let n = frag.chars().count();
        let prev = text[floor..cs].trim_end();
        let prev_line = prev.rsplit('\n').next().unwrap_or("");
        if (1..=2).contains(&n)
            && frag.chars().all(crate::normalize::is_han)
            && prev_line.chars().count() >= 15
            && prev_line.chars().next_back().is_some_and(crate::normalize::is_han)
            // Prose (its punctuation), not a table's header or row.
            && prev_line.contains([',', ';', '、', '。'])
            && !prev_line.contains("  ")
            && !prev_line.contains(['\t', '|'])
        {
            let line_start = floor + prev.len() - prev_line.len();
            cs = prev_line
                .rfind([',', '。', ';', ':', '|'])
                .map_or(line_start, |i| {
                    line_start + i + prev_line[i..].chars().next().map_or(1, |c| c.len_utf8())
                });
        }
    }
    let (mut a, mut b) = (cs, start);
    // A clause that starts a numbered line: drop the marker ("1)基本支出", jd10).
    if let Some(m) = crate::numbering::marker(text[a..b].trim_start()) {
        a += (text[a..b].len() - text[a..b].trim_start().len()) + m.len;
    }
    // Trim repeatedly: "其中:2024年一般公共预算…" has connective then year.
    loop {
        let s = &text[a..b];
        let t = s.trim_start_matches([' ', '\t', '、']);
        let mut na = a + (s.len() - t.len());
        if let Some(p) = LEAD.iter().find(|p| t.starts_with(**p)) {
            na += p.len();
        }
        na += year_prefix_len(&text[na..b]);
        let s2 = &text[na..b];
        let t2 = s2.trim_end_matches([' ', '\t']);
        let mut nb = na + t2.len();
        if let Some(p) = TRAIL.iter().find(|p| t2.ends_with(**p)) {
            if t2.len() > p.len() {
                nb -= p.len();
            }
        }
        if (na, nb) == (a, b) || na >= nb {
            return if na >= nb { (b, b) } else { (na, nb) };
        }
        a = na;
        b = nb;
    }
}

/// Labels that say nothing about what is measured.
/// Budget words that end the label of a budget figure, longest first.
const BUDGET_ENDS: &[&str] = &[
    "调整后预算数",
    "全年预算数",
    "调整预算数",
    "年初预算数",
    "年初预算",
    "预算数",
    "预算",
];

/// The budgets whose names end in 预算: a label ending in one of them is
/// not a budget figure's label.
const BUDGET_NAMES: &[&str] = &[
    "一般公共预算",
    "政府性基金预算",
    "国有资本经营预算",
    "社会保险基金预算",
    "部门预算",
    "单位预算",
];

/// The label of a budget figure, as (subject, budget word): "“三公”经费
/// 支出预算" → ("“三公”经费支出", "预算"), "年初预算数" → ("", "年初预算数").
/// In a 决算 the budget figure is what the final one is measured against
/// (wide corpus: "预算为3万元,支出决算为1.71万元").
pub fn budget_label(label: &str) -> Option<(&str, &'static str)> {
    let l = label.trim();
    if BUDGET_NAMES.iter().any(|n| l.ends_with(n)) {
        return None;
    }
    BUDGET_ENDS
        .iter()
        .find_map(|w| l.strip_suffix(w).map(|s| (s, *w)))
}

/// A label that names the budget as approved: "镇四届人大一次会议批准的镇人民
/// 政府2023年地方财政一般公共预算收入为3522万元" (an unseen town's 2023 final
/// accounts, whose actual revenue follows): in a 决算, not the year's figure.
pub fn approved_budget(label: &str) -> bool {
    label.contains("批准的") || label.contains("批复的")
}

/// A label that names the final figure of the subject a budget figure
/// before it in the sentence named: "支出决算", "决算支出数", "实际支出"
/// (TRAIL has taken 为/共计 off).
pub fn is_final_word(label: &str) -> bool {
    let l = label.trim();
    if matches!(l, "支出" | "完成" | "实际完成" | "执行数") {
        return true;
    }
    // Short labels only (every amount's label passes here).
    if l.len() > 7 * 3 {
        return false;
    }
    // (实际|决算)? (收入|支出)? 决算? 数?, with 实际 or 决算 in it:
    // "决算收入数" (issue 10), "支出决算", "实际支出".
    let mut rest = l;
    for part in [
        &["实际", "决算"][..],
        &["收入", "支出"],
        &["决算"],
        &["总数", "总额", "数"],
    ] {
        if let Some(p) = part.iter().find(|p| rest.starts_with(**p)) {
            rest = &rest[p.len()..];
        }
    }
    rest.is_empty() && (l.contains("决算") || l.contains("实际"))
}

pub fn is_generic(label: &str) -> bool {
    let l = label.trim();
    l.chars().count() < 2
        || matches!(
            l,
            "年初预算数"
                | "预算数"
                | "年初预算"
                | "合计"
                | "总计"
                | "共计"
                | "金额"
                | "本年"
                | "全年"
                | "预算"
                | "决算"
                | "决算数"
                | "总额"
                | "预算总额"
        )
        || l.chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_punctuation() || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lab(t: &str) -> &str {
        let p = t.find('7').unwrap_or(t.len());
        let (a, b) = label_before(t, p, 0);
        &t[a..b]
    }

    #[test]
    fn labels() {
        assert_eq!(lab("其中:一般公共服务支出770.80万元"), "一般公共服务支出");
        assert_eq!(lab("(一)收入预算:2024年年初预算数772.94万元"), "年初预算数");
        assert_eq!(lab("收入预算总额为771万元"), "收入预算总额");
        assert!(is_generic("年初预算数"));
        assert!(!is_generic("一般公共服务支出"));
    }
}
#[cfg(test)]
mod dbg {
    #[test]
    fn list_label() {
        let t = "2022年度收、支总计各是4125.49,4143.91万元";
        let p = t.find('4').unwrap();
        let (a, b) = super::label_before(t, p, 0);
        assert_eq!(&t[a..b], "收、支总计");
    }
}
