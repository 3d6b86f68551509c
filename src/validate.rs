//! Checks: what budget auditors verify by hand (`../shared/reference/
//! audit_checks.md`), with exact decimal arithmetic.
//!
//! Takes the extracted items (normalized offsets) and gives [`RawCheck`]s:
//! - `sum_mismatch` / `sum_rounding`: the parts a text lists after 其中 vs the
//!   total before it (functional classes, 基本 + 项目, 三公 parts, 政府采购
//!   goods + works + services, revenue kinds). Within 0.01 of the total's
//!   unit per part is rounding (info); more is a warning. The seed's
//!   670.80 + 62.44 + 20.68 + 19.01 = 772.93 against 772.94 is rounding.
//! - `percent_mismatch`: a change's percentage against its amount and the
//!   figure it changes (prior = figure ∓ delta).
//! - `change_sum_mismatch` / `change_sum_rounding`: the changes a reason
//!   lists vs the change it explains (info: a reason may name only the main
//!   items).
//! - `unit_slip`: one number stated in 元 in one place and in 万元 in another
//!   ("10.95元" / "10.95万元", seed): warning, suggesting the 万元 reading.
//! - `template_placeholder`, `template_residue`, `empty_amount`,
//!   `doubled_word`: template leftovers (增加（减少）, XX, ****年, 涉及资金万元).
//! - `numbering_gap` / `numbering_repeat` among sibling sections.
//! - `section_missing`: a section 财预〔2016〕143号 mandates is absent from a
//!   document that otherwise looks whole (info).
//! - `restated_differently`: a key figure stated again with another value.

use crate::extract::amounts::RawAmount;
use crate::extract::changes::{Direction, RawChange};
use crate::segment::{Node, Role, Source};
use regex::Regex;
use rust_decimal::Decimal;
use std::str::FromStr;
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

#[derive(Clone, Debug)]
pub struct RawCheck {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub range: Option<(usize, usize)>,
    pub ranges: Vec<(usize, usize)>,
    pub suggestion: Option<String>,
}

/// What the checks read.
pub struct Input<'a> {
    pub text: &'a str,
    pub amounts: &'a [RawAmount],
    /// Fact keys of each amount (empty for none).
    pub keys: &'a [Vec<String>],
    /// True for amounts that are the delta of a change.
    pub is_delta: &'a [bool],
    pub changes: &'a [RawChange],
    pub sections: &'a [Node],
    /// The section kinds present anywhere in the tree (computed once, by
    /// the report).
    pub kinds: &'a [&'static str],
    /// The document has a title, several top-level sections and a glossary:
    /// it is not an excerpt, so missing mandated sections mean something.
    pub looks_whole: bool,
    /// True for a 决算's restated budget figures, which its changes are not
    /// about.
    pub budget_figure: &'a [bool],
}

pub fn validate(inp: &Input) -> Vec<RawCheck> {
    let mut out = Vec::new();
    sums(inp, &mut out);
    percents(inp, &mut out);
    change_sums(inp, &mut out);
    unit_slips(inp, &mut out);
    leftovers(inp, &mut out);
    numbering(inp.sections, &mut out);
    if inp.looks_whole {
        completeness(inp, &mut out);
    }
    restatements(inp, &mut out);
    out.sort_by_key(|c| (c.range.map_or(usize::MAX, |r| r.0), c.code));
    out
}

/// 0.01 of the unit per part: rounding, not a discrepancy.
fn tolerance(factor: Decimal, parts: usize) -> Decimal {
    Decimal::new(1, 2)
        .checked_mul(factor)
        .and_then(|t| t.checked_mul(Decimal::from(parts)))
        .unwrap_or(Decimal::MAX)
}

fn fmt_in_unit(yuan: Decimal, unit: crate::extract::amounts::Unit) -> String {
    format!("{}{}", (yuan / unit.factor()).normalize(), unit.as_str())
}

/// The alternative part sets for a total key.
fn part_sets(total: &str) -> Vec<Vec<&'static str>> {
    match total {
        "three_public.total" => vec![
            vec![
                "three_public.overseas",
                "three_public.vehicle",
                "three_public.reception",
            ],
            vec![
                "three_public.overseas",
                "three_public.vehicle_purchase",
                "three_public.vehicle_operation",
                "three_public.reception",
            ],
        ],
        "three_public.vehicle" => vec![vec![
            "three_public.vehicle_purchase",
            "three_public.vehicle_operation",
        ]],
        "procurement.total" => vec![vec![
            "procurement.goods",
            "procurement.works",
            "procurement.services",
        ]],
        "expenditure.total"
        | "expenditure.general_budget"
        | "expenditure.current_year"
        | "expenditure.fiscal" => {
            vec![
                vec!["expenditure.basic", "expenditure.project"],
                vec!["expenditure.function.*"],
            ]
        }
        "revenue.total" => vec![
            vec![
                "revenue.fiscal",
                "revenue.business",
                "revenue.other",
                "revenue.carryover",
            ],
            vec![
                "revenue.general_budget",
                "revenue.gov_fund",
                "revenue.business",
                "revenue.other",
                "revenue.carryover",
            ],
        ],
        "revenue.current_year" => vec![
            vec!["revenue.fiscal", "revenue.business", "revenue.other"],
            vec![
                "revenue.general_budget",
                "revenue.gov_fund",
                "revenue.business",
                "revenue.other",
            ],
        ],
        _ => Vec::new(),
    }
}

fn in_set(set: &[&str], key: &str) -> bool {
    set.iter()
        .any(|s| *s == key || (s.ends_with(".*") && key.starts_with(&s[..s.len() - 1])))
}

/// The innermost heading (not paragraph) section holding `pos`.
fn heading_at(nodes: &[Node], pos: usize) -> Option<&Node> {
    let mut found = None;
    let mut level = nodes;
    while let Some(n) = crate::segment::child_at(level, pos) {
        if n.role == Role::Heading {
            found = Some(n);
        }
        level = &n.children;
    }
    found
}

fn sums(inp: &Input, out: &mut Vec<RawCheck>) {
    let text = inp.text;
    // memchr's searcher: `str::match_indices` is a two-way search without
    // SIMD, a fifth of all checks.
    let marks: Vec<usize> = memchr::memmem::find_iter(text.as_bytes(), "其中".as_bytes()).collect();
    for (m, &p) in marks.iter().enumerate() {
        let scope_end = heading_at(inp.sections, p).map_or(text.len(), |n| n.extent.1);
        let scope_start = heading_at(inp.sections, p).map_or(0, |n| n.extent.0);
        let end = marks
            .get(m + 1)
            .copied()
            .unwrap_or(text.len())
            .min(scope_end);
        // The total: the last level amount with a key before 其中, close to
        // it and in scope (a bounded look-back: linear on any input).
        let before = inp.amounts.partition_point(|a| a.range.1 <= p);
        let Some(t) = (0..before)
            .rev()
            .take(16)
            .find(|&i| !inp.is_delta[i] && !inp.keys[i].is_empty())
            .filter(|&i| {
                inp.amounts[i].range.0 >= scope_start
                    && text[inp.amounts[i].range.1..p].chars().count() <= 40
            })
        else {
            continue;
        };
        let first_part = inp.amounts.partition_point(|a| a.range.0 <= p);
        let last_part = inp.amounts.partition_point(|a| a.range.0 < end);
        let total = &inp.amounts[t];
        for tkey in &inp.keys[t] {
            // Of the alternative decompositions, the one the text lists most
            // of (doc 010 lists 一般公共预算 + 政府性基金 + 事业 + 其他, not 财政拨款).
            let mut best: Vec<usize> = Vec::new();
            let mut best_of = 0usize;
            for set in part_sets(tkey) {
                let mut seen: Vec<&str> = Vec::new();
                let mut parts: Vec<usize> = Vec::new();
                for i in first_part..last_part.max(first_part) {
                    if inp.is_delta[i] {
                        continue;
                    }
                    if let Some(k) = inp.keys[i].iter().find(|k| in_set(&set, k)) {
                        if !seen.contains(&k.as_str()) {
                            seen.push(k);
                            parts.push(i);
                        }
                    }
                }
                if parts.len() > best.len() {
                    best = parts;
                    best_of = set.len();
                }
            }
            let parts = best;
            {
                if parts.len() < 2 {
                    continue;
                }
                // Checked arithmetic throughout: amounts near the limits of
                // Decimal must not panic (found by fuzzing).
                let Some(sum) = parts.iter().try_fold(Decimal::ZERO, |acc, &i| {
                    acc.checked_add(inp.amounts[i].yuan)
                }) else {
                    continue;
                };
                let Some(diff) = sum.checked_sub(total.yuan).map(|d| d.abs()) else {
                    continue;
                };
                if diff.is_zero() {
                    continue;
                }
                // Parts short of the total where the text names only some of
                // the set's items: an item it names in words the vocabulary
                // does not know ("公 务 用 车 购 置 及 运 行费", letter-spaced;
                // long-cities g010) is missing, not wrong. Only a set named
                // whole, or parts above the total, are a mismatch.
                if parts.len() < best_of && sum < total.yuan {
                    continue;
                }
                let tol = tolerance(total.unit.factor(), parts.len());
                let names: Vec<String> = parts
                    .iter()
                    .map(|&i| inp.amounts[i].value.clone())
                    .collect();
                let (code, severity) = if diff <= tol {
                    ("sum_rounding", Severity::Info)
                } else {
                    ("sum_mismatch", Severity::Warning)
                };
                out.push(RawCheck {
                    code,
                    severity,
                    message: format!(
                        "parts {} add up to {}, stated total {} ({}); difference {}{}",
                        names.join(" + "),
                        fmt_in_unit(sum, total.unit),
                        fmt_in_unit(total.yuan, total.unit),
                        tkey,
                        fmt_in_unit(diff, total.unit),
                        if severity == Severity::Info {
                            ", within rounding"
                        } else {
                            ""
                        }
                    ),
                    range: Some(total.range),
                    ranges: parts.iter().map(|&i| inp.amounts[i].range).collect(),
                    suggestion: None,
                });
            }
        }
    }
}

fn signed(c: &RawChange, a: &RawAmount) -> Option<Decimal> {
    match c.direction {
        Direction::Increase => Some(a.yuan),
        Direction::Decrease => Some(-a.yuan),
        Direction::Flat => Some(Decimal::ZERO),
        _ => None,
    }
}

fn percents(inp: &Input, out: &mut Vec<RawCheck>) {
    let text = inp.text;
    for c in inp.changes {
        let (Some(ai), Some(p)) = (c.amount, c.percent.as_deref()) else {
            continue;
        };
        let Ok(stated) = Decimal::from_str(p) else {
            continue;
        };
        let delta = &inp.amounts[ai];
        let sentence = text[..c.anchor]
            .rfind('。')
            .map_or(0, |i| i + '。'.len_utf8());
        let in_reach = |i: &usize| {
            inp.amounts[*i].range.0 >= sentence
                && !text[inp.amounts[*i].range.1..c.anchor].contains('\n')
        };
        let figures = || {
            (0..ai)
                .rev()
                .filter(|&i| !inp.is_delta[i] && inp.amounts[i].range.1 <= c.anchor)
        };
        let Some(v) = figures()
            .take_while(in_reach)
            .find(|&i| !inp.budget_figure.get(i).copied().unwrap_or(false))
            .or_else(|| figures().next().filter(in_reach))
        else {
            continue;
        };
        let value = inp.amounts[v].yuan;
        let prior = match c.direction {
            Direction::Increase => value.checked_sub(delta.yuan),
            Direction::Decrease => value.checked_add(delta.yuan),
            _ => continue,
        };
        let Some(prior) = prior.filter(|p| *p > Decimal::ZERO) else {
            continue;
        };
        let Some(expected) = delta
            .yuan
            .checked_div(prior)
            .and_then(|x| x.checked_mul(Decimal::from(100)))
        else {
            continue;
        };
        // Half a unit of the last stated decimal, plus a little for the
        // rounding of the amounts themselves.
        // A percentage written with 28 decimals has no half-unit Decimal can
        // hold (found by fuzzing): skip it.
        let Ok(half) = Decimal::try_new(5, stated.scale() + 1) else {
            continue;
        };
        let tol = half + Decimal::new(2, 2);
        if expected.checked_sub(stated).is_some_and(|d| d.abs() > tol) {
            out.push(RawCheck {
                code: "percent_mismatch",
                severity: Severity::Warning,
                message: format!(
                    "{}% stated, but {} against a prior {} is {}%",
                    p,
                    fmt_in_unit(delta.yuan, delta.unit),
                    fmt_in_unit(prior, inp.amounts[v].unit),
                    expected.round_dp(2)
                ),
                range: Some(c.range),
                ranges: vec![inp.amounts[v].range, delta.range],
                suggestion: Some(format!("{}%", expected.round_dp(stated.scale().max(1)))),
            });
        }
    }
}

fn change_sums(inp: &Input, out: &mut Vec<RawCheck>) {
    for c in inp.changes {
        let (Some(reason), Some(ai)) = (c.reason, c.amount) else {
            continue;
        };
        let Some(total) = signed(c, &inp.amounts[ai]) else {
            continue;
        };
        // Changes are sorted by position: only those starting in the reason.
        let from = inp.changes.partition_point(|x| x.range.0 < reason.0);
        let comps: Vec<&RawChange> = inp.changes[from..]
            .iter()
            .take_while(|x| x.range.0 < reason.1)
            .filter(|x| x.range.1 <= reason.1 && x.amount.is_some())
            .collect();
        if comps.len() < 2 {
            continue;
        }
        let mut sum = Decimal::ZERO;
        let mut ok = true;
        for x in &comps {
            match x.amount.and_then(|i| signed(x, &inp.amounts[i])) {
                Some(v) => match sum.checked_add(v) {
                    Some(s) => sum = s,
                    None => ok = false,
                },
                None => ok = false,
            }
        }
        if !ok {
            continue;
        }
        let Some(diff) = sum.checked_sub(total).map(|d| d.abs()) else {
            continue;
        };
        if diff.is_zero() {
            continue;
        }
        let unit = inp.amounts[ai].unit;
        let tol = tolerance(unit.factor(), comps.len());
        out.push(RawCheck {
            code: if diff <= tol { "change_sum_rounding" } else { "change_sum_mismatch" },
            severity: Severity::Info,
            message: format!(
                "the {} changes the reason lists add up to {}, the change they explain is {} (a reason may name only the main items)",
                comps.len(),
                fmt_in_unit(sum, unit),
                fmt_in_unit(total, unit)
            ),
            range: Some(c.range),
            ranges: comps.iter().map(|x| x.range).collect(),
            suggestion: None,
        });
    }
}

fn unit_slips(inp: &Input, out: &mut Vec<RawCheck>) {
    use crate::extract::amounts::Unit;
    for (i, a) in inp.amounts.iter().enumerate() {
        if a.unit != Unit::Yuan
            || a.yuan.is_zero()
            || !a.value.contains('.')
            || a.yuan >= Decimal::from(10_000)
        {
            continue;
        }
        let twin = inp
            .amounts
            .iter()
            .enumerate()
            .find(|(j, b)| *j != i && b.unit == Unit::Wan && b.value == a.value);
        if let Some((_, b)) = twin {
            out.push(RawCheck {
                code: "unit_slip",
                severity: Severity::Warning,
                message: format!(
                    "{}元 here, but {}万元 elsewhere: the same figure in two units, probably 万元",
                    a.value, b.value
                ),
                range: Some(a.range),
                ranges: vec![b.range],
                suggestion: Some(format!("{}万元", a.value)),
            });
        }
    }
}

/// Template leftovers with a rare start ("XX", "****年", "{单位}", "待填写").
/// The kinds that start with common words (an empty amount "资金万元", a
/// doubled verb "增加增加") are found from their rarer parts instead, see
/// [`leftover_matches`]: as one regex, its prefilter stopped at every 资金,
/// 经费, 增加 and 减少 of the text, half of the time of all checks.
#[allow(clippy::expect_used)] // fixed pattern
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<xx>(?:XX|xx|××|ＸＸ)+)",
        r"|(?P<stars>\*{2,}年)",
        r"|(?P<brace>\{(?:单位|部门|年份|金额)\}|待填写|请填写|\(略\))",
    ))
    .expect("placeholder regex")
});

/// Doubled and contradictory verbs, in the order of precedence.
#[allow(clippy::expect_used)] // fixed patterns
static DOUBLED: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build([
            "增加增加",
            "减少减少",
            "增长增长",
            "下降下降",
            "增加持平",
            "减少持平",
        ])
        .expect("doubled verbs automaton")
});

/// What a leftover is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Leftover {
    Xx,
    Stars,
    Brace,
    Empty,
    Doubled,
    Mixed,
}

/// The leftovers of `text`, in order, not overlapping: the matches of
/// `(?P<xx>…)|(?P<stars>…)|(?P<brace>…)|(?P<empty>(?:资金|金额|经费|总额|合计|
/// 拨款)(?:为|是|共|计)?(?:万元|元))|(?P<dbl>增加增加|…)|(?P<mixed>增加持平|减少持平)`
/// (leftmost first), found per kind and merged. An empty amount is found
/// from its 元 back. (A test compares this with that one regex.)
fn leftover_matches(text: &str) -> Vec<((usize, usize), Leftover)> {
    let mut found: Vec<((usize, usize), Leftover)> = Vec::new();
    for caps in PLACEHOLDER.captures_iter(text) {
        let Some(m) = caps.get(0) else { continue };
        let kind = if caps.name("xx").is_some() {
            Leftover::Xx
        } else if caps.name("stars").is_some() {
            Leftover::Stars
        } else {
            Leftover::Brace
        };
        found.push(((m.start(), m.end()), kind));
    }
    for m in DOUBLED.find_iter(text) {
        let kind = if m.pattern().as_usize() < 4 {
            Leftover::Doubled
        } else {
            Leftover::Mixed
        };
        found.push(((m.start(), m.end()), kind));
    }
    // The word an empty amount starts with, ending `h`.
    let word_at_end = |h: &str| {
        ["资金", "金额", "经费", "总额", "合计", "拨款"]
            .into_iter()
            .find(|w| h.ends_with(w))
    };
    for p in memchr::memmem::find_iter(text.as_bytes(), "元".as_bytes()) {
        let head = &text[..p];
        let head = head.strip_suffix('万').unwrap_or(head);
        let head = match head.strip_suffix(['为', '是', '共', '计']) {
            Some(h) if word_at_end(h).is_some() => h,
            _ => head,
        };
        if let Some(w) = word_at_end(head) {
            found.push(((head.len() - w.len(), p + "元".len()), Leftover::Empty));
        }
    }
    // Leftmost first; of two at one place, the kind listed first.
    found.sort_by_key(|&((a, _), k)| (a, k as u8));
    let mut out: Vec<((usize, usize), Leftover)> = Vec::with_capacity(found.len());
    for f in found {
        if out.last().is_none_or(|l| f.0.0 >= l.0.1) {
            out.push(f);
        }
    }
    out
}

fn leftovers(inp: &Input, out: &mut Vec<RawCheck>) {
    for c in inp.changes {
        if c.direction == Direction::Unspecified {
            out.push(RawCheck {
                code: "template_placeholder",
                severity: Severity::Warning,
                message: "template wording \"增加（减少）\" left in: the direction of the change is not stated".into(),
                range: Some(c.range),
                ranges: Vec::new(),
                suggestion: None,
            });
        }
    }
    let text = inp.text;
    for ((start, end), kind) in leftover_matches(text) {
        let (code, severity, msg) = match kind {
            Leftover::Xx => {
                // "XX" inside a Latin word is not a placeholder.
                let before = text[..start].chars().next_back();
                let after = text[end..].chars().next();
                if before.is_some_and(|c| c.is_ascii_alphabetic())
                    || after.is_some_and(|c| c.is_ascii_alphabetic())
                {
                    continue;
                }
                (
                    "template_placeholder",
                    Severity::Warning,
                    "placeholder \"XX\" left in",
                )
            }
            Leftover::Stars => (
                "template_placeholder",
                Severity::Warning,
                "placeholder year \"****年\" left in",
            ),
            Leftover::Brace => (
                "template_placeholder",
                Severity::Warning,
                "template placeholder left in",
            ),
            Leftover::Empty => (
                "empty_amount",
                Severity::Warning,
                "a unit without its number: the amount was left empty",
            ),
            Leftover::Doubled => ("doubled_word", Severity::Info, "doubled word"),
            Leftover::Mixed => (
                "template_residue",
                Severity::Warning,
                "contradictory template wording (增加持平 / 减少持平)",
            ),
        };
        out.push(RawCheck {
            code,
            severity,
            message: msg.into(),
            range: Some((start, end)),
            ranges: Vec::new(),
            suggestion: None,
        });
    }
}

fn numbering(nodes: &[Node], out: &mut Vec<RawCheck>) {
    // Announced headings carry the TOC's numbers, not numbers the body
    // prints: a gap there is an entry without a heading, not a misnumbering.
    let body: Vec<&Node> = nodes
        .iter()
        .filter(|n| n.source == Source::Body && !n.announced)
        .collect();
    for w in body.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a.family != b.family {
            continue;
        }
        let (code, msg) = if b.ordinal == a.ordinal {
            (
                "numbering_repeat",
                format!("section number {} repeated", b.ordinal),
            )
        } else if b.ordinal > a.ordinal + 1 {
            (
                "numbering_gap",
                format!("section numbers jump from {} to {}", a.ordinal, b.ordinal),
            )
        } else {
            continue;
        };
        out.push(RawCheck {
            code,
            severity: Severity::Warning,
            message: msg,
            range: Some(b.marker),
            ranges: vec![a.marker],
            suggestion: None,
        });
    }
    for n in nodes {
        numbering(&n.children, out);
    }
}

fn completeness(inp: &Input, out: &mut Vec<RawCheck>) {
    let kinds = inp.kinds;
    for (name, satisfied_by) in crate::vocab::MANDATED {
        if !satisfied_by.iter().any(|k| kinds.contains(k)) {
            out.push(RawCheck {
                code: "section_missing",
                severity: Severity::Info,
                message: format!("no section of kind `{name}`, which 财预〔2016〕143号 requires in the explanation"),
                range: None,
                ranges: Vec::new(),
                suggestion: None,
            });
        }
    }
}

fn restatements(inp: &Input, out: &mut Vec<RawCheck>) {
    let mut first: Vec<(&str, usize)> = Vec::new();
    for (i, keys) in inp.keys.iter().enumerate() {
        if inp.is_delta[i] {
            continue;
        }
        for k in keys {
            match first.iter().find(|(fk, _)| fk == k) {
                None => first.push((k, i)),
                Some(&(_, j)) => {
                    let (a, b) = (&inp.amounts[j], &inp.amounts[i]);
                    let tol = tolerance(a.unit.factor().max(b.unit.factor()), 1);
                    if a.yuan.checked_sub(b.yuan).is_some_and(|d| d.abs() > tol) {
                        out.push(RawCheck {
                            code: "restated_differently",
                            severity: Severity::Info,
                            message: format!(
                                "{k} is {} here but {} earlier (the first is reported as the fact)",
                                fmt_in_unit(b.yuan, b.unit),
                                fmt_in_unit(a.yuan, a.unit)
                            ),
                            range: Some(b.range),
                            ranges: vec![a.range],
                            suggestion: None,
                        });
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The one regex [`leftover_matches`] replaces: the oracle.
    fn by_regex(text: &str) -> Vec<((usize, usize), Leftover)> {
        let re = Regex::new(concat!(
            r"(?P<xx>(?:XX|xx|××|ＸＸ)+)",
            r"|(?P<stars>\*{2,}年)",
            r"|(?P<brace>\{(?:单位|部门|年份|金额)\}|待填写|请填写|\(略\))",
            r"|(?P<empty>(?:资金|金额|经费|总额|合计|拨款)(?:为|是|共|计)?(?:万元|元))",
            r"|(?P<dbl>增加增加|减少减少|增长增长|下降下降)",
            r"|(?P<mixed>增加持平|减少持平)",
        ))
        .unwrap();
        re.captures_iter(text)
            .map(|c| {
                let m = c.get(0).unwrap();
                let kind = [
                    ("xx", Leftover::Xx),
                    ("stars", Leftover::Stars),
                    ("brace", Leftover::Brace),
                    ("empty", Leftover::Empty),
                    ("dbl", Leftover::Doubled),
                    ("mixed", Leftover::Mixed),
                ]
                .into_iter()
                .find(|(n, _)| c.name(n).is_some())
                .unwrap()
                .1;
                ((m.start(), m.end()), kind)
            })
            .collect()
    }

    #[test]
    fn leftovers_of_the_cases() {
        for t in [
            "涉及资金万元。",
            "合计元,合计计元,资金资金为元,经费是万元",
            "比上年增加增加增加持平5万元",
            "XXX单位****年{单位}待填写(略)",
            "金额}元{金额}元",
        ] {
            assert_eq!(leftover_matches(t), by_regex(t), "{t}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, .. ProptestConfig::default() })]
        /// Texts made of the pieces the kinds are built from.
        #[test]
        fn leftovers_as_the_one_regex(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "资金", "金额", "经费", "总额", "合计", "拨款", "为", "是", "共", "计", "万", "元",
                "增加", "减少", "增长", "下降", "持平", "X", "x", "××", "*", "年", "{", "}", "单位",
                "待填写", "(略)", "5", " ", "。", "a",
            ]), 0..24)) {
            let t: String = parts.concat();
            prop_assert_eq!(leftover_matches(&t), by_regex(&t), "{}", t);
        }
    }
}
