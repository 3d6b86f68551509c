//! Year-over-year changes: "较上年减少18.89万元", "增长4.23%", "与上年持平",
//! the template's "增加（减少）", "增长--(基数为0,不可比)".
//!
//! Takes normalized text and the amounts found in it; gives [`RawChange`]s
//! with direction, basis, the delta amount (an index into the amounts), the
//! percentage, subject and reason, in normalized byte ranges.
//!
//! Two passes:
//! 1. explicit changes: a comparison marker (较 / 比 / 与…相比 / 同比 /
//!    "2023年度相比", doc 005) with a basis, then within a short gap a verb;
//! 2. implied changes: in the sentence of an explicit change, "X减少N万元"
//!    without a basis of its own takes the explicit one's basis
//!    ("主要是基本支出预算减少10.95万元", seed).

use super::amounts::RawAmount;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Increase,
    Decrease,
    Flat,
    Unspecified,
    NotComparable,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Increase => "increase",
            Direction::Decrease => "decrease",
            Direction::Flat => "flat",
            Direction::Unspecified => "unspecified",
            Direction::NotComparable => "not_comparable",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct RawChange {
    pub range: (usize, usize),
    pub basis: String,
    pub basis_implied: bool,
    pub direction: Direction,
    /// Index into the amounts slice given to [`find`].
    pub amount: Option<usize>,
    pub percent: Option<String>,
    pub subject: (usize, usize),
    pub reason: Option<(usize, usize)>,
    /// Start of the comparison marker / verb: where the subject ends.
    pub anchor: usize,
    /// Words between the basis and the verb ("较上年**收入**减少",
    /// "与2021年相比,**收、支总计各**减少", doc 010): the subject when the
    /// clause before the marker has none.
    pub gap: (usize, usize),
}

/// The explicit change grammar, matched anchored at candidate positions
/// (see [`CANDIDATE`]) by hand in [`super::explicit`], which gives the
/// groups this pattern's regex captures (a test holds it to them: the
/// regex is the specification, its capture search was the costliest step
/// of this extractor).
#[allow(dead_code)] // the specification; tests hold `explicit` to it
pub(super) const EXPLICIT_PATTERN: &str = concat!(
    r"^(?:(?:较|比|与)[ \t]*(?P<basis>(?:上年度?|去年|上一年度?|[0-9]{4}[ \t]*年度?|本年年初|年初)",
    r"(?:[^,。;:\n%]{0,8}?(?:决算数|预算数|预算安排|预算|决算|执行数|同期|数))?)[ \t]*(?:相比|相较|比较)?",
    r"|(?P<tb>同比)",
    r"|(?P<yb>[0-9]{4}[ \t]*年度?)[ \t]*相比)",
    r"[ \t]*,?[ \t]*",
    r"(?P<gap>[^,。;:\n%0-9]{0,16}?)",
    r"(?P<verb>基本持平|持平|保持一致|一致|无增减|无变化|无可比性|不可比|增加|减少|增长|下降|降低|上升|调增|调减)",
    r"(?P<le>了)?",
    r"(?P<alt>\((?:减少|增加)\))?",
);

/// The longest phrase the change grammars can match, in bytes (a basis,
/// 16 characters of gap, a verb, white space): searches look no further.
const PHRASE_MAX: usize = 512;

/// Where an explicit change can start: a comparison word. For "2023年度相比"
/// (no 与, doc 005) the year before 相比 is found by hand.
#[allow(clippy::expect_used)] // fixed patterns
static CANDIDATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("同比|较|比|与|相比").expect("candidate regex"));

/// Start of "2023年度 " / "2023年" right before `pos`, if any.
fn year_before(text: &str, pos: usize) -> Option<usize> {
    let head = text[..pos].trim_end_matches([' ', '\t']);
    let head = head.strip_suffix('度').unwrap_or(head);
    let head = head.strip_suffix('年')?.trim_end_matches([' ', '\t']);
    let b = head.as_bytes();
    if b.len() >= 4 && b[b.len() - 4..].iter().all(u8::is_ascii_digit) {
        Some(head.len() - 4)
    } else {
        None
    }
}

#[allow(clippy::expect_used)] // fixed patterns
static IMPLIED_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<verb>增加|减少|增长|下降|降低|上升|调增|调减)了?[ \t]*")
        .expect("implied verb regex")
});

#[allow(clippy::expect_used)] // fixed patterns
static PERCENT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^[ \t]*,?[ \t]*(?:各)?(?:增长|下降|上升|降低|增幅为?|降幅为?|减少|增加|减幅为?)?了?[ \t]*(?:为)?[ \t]*",
        r"(?P<p>[0-9]+(?:\.[0-9]+)?)[ \t]*\n?[ \t]*%",
    ))
    .expect("percent regex")
});

#[allow(clippy::expect_used)] // fixed patterns
static REASON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:主要变动原因是|主要原因是|主要原因为|主要原因:|持平原因是|原因是|原因为|主要是由于|主要由于|主要是因为|主要是|主要系|主要用于)",
        r"[ \t]*:?[ \t]*",
    ))
    .expect("reason regex")
});

/// The length of a [`PERCENT_AFTER`] match at the start of `s` and its
/// number, from the match alone: the number is the run of digits and dots
/// before the white space before '%' (nothing the pattern allows before
/// the number ends in a digit or dot). A capture search cost as much as
/// the rest of the change extractor; a test compares with the groups.
fn percent_after(s: &str) -> Option<(usize, &str)> {
    let m = PERCENT_AFTER.find(s)?;
    let head = m
        .as_str()
        .strip_suffix('%')?
        .trim_end_matches([' ', '\t', '\n']);
    let run = head.len()
        - head
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
            .len();
    Some((m.end(), &head[head.len() - run..]))
}

/// The verb of an [`IMPLIED_VERB`] match: the match without its 了 and
/// white space (no verb ends in 了).
fn implied_verb(m: &str) -> &str {
    let v = m.trim_end_matches([' ', '\t']);
    v.strip_suffix('了').unwrap_or(v)
}

fn direction(verb: &str) -> Direction {
    match verb {
        "增加" | "增长" | "上升" | "调增" => Direction::Increase,
        "减少" | "下降" | "降低" | "调减" => Direction::Decrease,
        "无可比性" | "不可比" => Direction::NotComparable,
        _ => Direction::Flat,
    }
}

/// Finds the changes of `text`; `amounts` must be sorted by position.
pub fn find(text: &str, amounts: &[RawAmount]) -> Vec<RawChange> {
    let mut out: Vec<RawChange> = Vec::new();
    let mut last_end = 0;
    for cand in CANDIDATE.find_iter(text) {
        if cand.start() < last_end {
            continue;
        }
        let base = if cand.as_str() == "相比" {
            match year_before(text, cand.start()) {
                Some(s) if s >= last_end => s,
                _ => continue,
            }
        } else {
            cand.start()
        };
        // A bounded haystack: the phrase is short, and a bounded window
        // keeps the work per candidate constant (linear overall).
        let window = super::floor_boundary(text, base + PHRASE_MAX);
        let hay = &text[base..window];
        let Some(g) = super::explicit::at_start(hay) else {
            continue;
        };
        let (w_start, w_end) = (base, base + g.end);
        last_end = w_end;
        let basis = if let Some((a, b)) = g.basis {
            hay[a..b].replace([' ', '\t'], "")
        } else if g.tb {
            "上年".to_string() // 同比: against the same period of the previous year
        } else if let Some((a, b)) = g.yb {
            hay[a..b].replace([' ', '\t'], "")
        } else {
            continue;
        };
        let mut dir = direction(&hay[g.verb.0..g.verb.1]);
        if g.alt {
            dir = Direction::Unspecified; // template "增加（减少）"
        }
        let mut end = w_end;
        let after = &text[end..];
        // "增长--(基数为0,不可比)" (template for a zero base)
        let nc = after.trim_start().starts_with("--")
            || after.starts_with("-(")
            || after.trim_start().starts_with("(基数为0");
        if nc {
            dir = Direction::NotComparable;
            if let Some(p) = after.find(')') {
                if p < 40 {
                    end += p + 1;
                }
            }
        }
        let mut amount = None;
        if matches!(
            dir,
            Direction::Increase | Direction::Decrease | Direction::Unspecified
        ) {
            if let Some(i) = amount_at(text, amounts, end) {
                amount = Some(i);
                end = amounts[i].range.1;
                // "各减少1267.86,2570.97万元,各下降23.51%、38.28%" (doc 010):
                // the phrase runs to the end of the list.
                let mut j = i;
                while amounts[j].shared_unit && j + 1 < amounts.len() {
                    j += 1;
                    end = amounts[j].range.1;
                }
            }
        }
        let mut percent = None;
        if amount.is_none() {
            // "减少484.05,降低11.1%" (doc 050): a delta without unit is
            // skipped on the way to the percentage.
            end += bare_number_before_comma(&text[end..]);
        }
        if matches!(dir, Direction::Increase | Direction::Decrease) {
            let window = super::floor_boundary(text, end + PHRASE_MAX);
            // Only when the percentage belongs to this change: right
            // after the verb, or after the amount in the next clause.
            if let Some((len, p)) = percent_after(&text[end..window]) {
                percent = Some(p.to_string());
                end += len;
            }
        }
        let anchor = w_start;
        let subject = subject_before(text, anchor);
        let gap = (base + g.gap.0, base + g.gap.1);
        out.push(RawChange {
            gap,
            range: (w_start, end),
            basis,
            basis_implied: false,
            direction: dir,
            amount,
            percent,
            subject,
            reason: None,
            anchor,
        });
    }
    let implied = implied_changes(text, amounts, &out);
    out.extend(implied);
    out.sort_by_key(|c| c.range);
    attach_reasons(text, &mut out);
    out
}

/// Length of a leading "484.05" followed by a comma, or 0.
fn bare_number_before_comma(s: &str) -> usize {
    let t = s.trim_start_matches([' ', '\t']);
    let n = t
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'.')
        .count();
    if n > 0 && t[n..].trim_start_matches([' ', '\t']).starts_with(',') {
        s.len() - t.len() + n
    } else {
        0
    }
}

/// The amount starting right at `pos` (after optional spaces), if any.
fn amount_at(text: &str, amounts: &[RawAmount], pos: usize) -> Option<usize> {
    let skip = text[pos..].len() - text[pos..].trim_start_matches([' ', '\t', ':']).len();
    let at = pos + skip;
    let i = amounts.partition_point(|a| a.range.0 < at);
    amounts.get(i).filter(|a| a.range.0 == at).map(|_| i)
}

/// Sentence bounds around `pos`: '。', ';', newline.
use super::sentence_end;

fn implied_changes(text: &str, amounts: &[RawAmount], explicit: &[RawChange]) -> Vec<RawChange> {
    let mut out = Vec::new();
    for (k, c) in explicit.iter().enumerate() {
        let from = c.range.1;
        let mut to = sentence_end(text, from);
        if let Some(next) = explicit.get(k + 1) {
            to = to.min(next.range.0);
        }
        if from >= to {
            continue;
        }
        for whole in IMPLIED_VERB.find_iter(&text[from..to]) {
            let verb = implied_verb(whole.as_str());
            let vstart = from + whole.start();
            let Some(i) = amount_at(text, amounts, from + whole.end()) else {
                continue;
            };
            let mut end = amounts[i].range.1;
            let mut percent = None;
            // An amount may run past the sentence end ("1015.56\n元": the
            // line break is both inside the amount and the sentence end;
            // found by fuzzing, tests/regressions/).
            let window = super::floor_boundary(text, (end + PHRASE_MAX).min(to)).max(end);
            if let Some((len, p)) = percent_after(&text[end..window]) {
                percent = Some(p.to_string());
                end += len;
            }
            let subject = subject_before(text, vstart);
            out.push(RawChange {
                range: (subject.0.min(vstart), end),
                basis: c.basis.clone(),
                basis_implied: true,
                direction: direction(verb),
                amount: Some(i),
                percent,
                subject,
                reason: None,
                anchor: vstart,
                gap: (vstart, vstart),
            });
        }
    }
    out
}

/// The subject of a change: the clause before its anchor, without leading
/// connectives ("主要是", "其中:") and a leading year. May be empty; the
/// pipeline then falls back to the label of the amount before.
pub fn subject_before(text: &str, anchor: usize) -> (usize, usize) {
    // Bounded look-back (linear time on single-line dumps).
    let lo = super::ceil_boundary(text, anchor.saturating_sub(super::SENTENCE_MAX));
    let head = &text[lo..anchor];
    let start = lo
        + head.rfind([',', '。', ';', ':', '\n']).map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, |c| c.len_utf8())
        });
    let mut s = start;
    if let Some(m) = crate::numbering::marker(text[s..anchor].trim_start()) {
        s += (text[s..anchor].len() - text[s..anchor].trim_start().len()) + m.len;
    }
    loop {
        let rest = &text[s..anchor];
        let trimmed = rest.trim_start();
        let mut cut = rest.len() - trimmed.len();
        for p in [
            "主要原因是",
            "主要原因为",
            "原因是",
            "主要是由于",
            "主要是",
            "主要为",
            "主要系",
            "其中",
            "此外",
            "同时",
            "而",
            "及",
        ] {
            if trimmed.starts_with(p) {
                cut += p.len();
                break;
            }
        }
        let t2 = &text[s + cut..anchor];
        let year = year_prefix_len(t2);
        cut += year;
        if cut == 0 {
            break;
        }
        s += cut;
        if s >= anchor {
            break;
        }
    }
    (s.min(anchor), anchor)
}

/// Length of a leading "2024年" / "2023年度" / "2024 年", if any.
pub fn year_prefix_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && i < 4 && b[i].is_ascii_digit() {
        i += 1;
    }
    if i != 4 {
        return 0;
    }
    let rest = &s[4..];
    let r = rest.trim_start_matches([' ', '\t']);
    let sp = rest.len() - r.len();
    if let Some(r2) = r.strip_prefix("年度") {
        return s.len() - r2.len();
    }
    if r.starts_with('年') {
        return 4 + sp + '年'.len_utf8();
    }
    0
}

/// Finds "主要原因是…" after each change, before the next change of an
/// explicit basis, and takes the text to the end of the sentence.
fn attach_reasons(text: &str, changes: &mut [RawChange]) {
    let n = changes.len();
    for k in 0..n {
        let from = changes[k].range.1;
        let send = sentence_end(text, from);
        let limit = changes[k + 1..]
            .iter()
            .find(|c| !c.basis_implied && c.range.0 >= from)
            .map_or(send, |c| c.range.0.min(send));
        if from >= limit {
            continue;
        }
        let Some(m) = REASON.find(&text[from..limit]) else {
            continue;
        };
        let rs = from + m.end();
        let re = sentence_end(text, rs);
        let reason = text[rs..re].trim_end_matches([',', ' ', '\t']);
        if !reason.is_empty() {
            changes[k].reason = Some((rs, rs + reason.len()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::amounts;
    use proptest::prelude::*;

    /// The regex of the grammar: the specification [`super::super::explicit`] is held to.
    static EXPLICIT: LazyLock<Regex> = LazyLock::new(|| Regex::new(EXPLICIT_PATTERN).unwrap());

    /// The groups as the regex captures them.
    fn by_regex(h: &str) -> Option<super::super::explicit::Groups> {
        let c = EXPLICIT.captures(h)?;
        let r = |n: &str| c.name(n).map(|m| (m.start(), m.end()));
        Some(super::super::explicit::Groups {
            end: c.get(0)?.end(),
            basis: r("basis"),
            tb: c.name("tb").is_some(),
            yb: r("yb"),
            gap: r("gap")?,
            verb: r("verb")?,
            alt: c.name("alt").is_some(),
        })
    }

    #[test]
    fn explicit_by_hand_on_the_corpus_phrases() {
        for h in [
            "较上年减少18.89万元",
            "与2023年度相比,减少956.31万元",
            "比上年预算数增加(减少)0万元",
            "同比增长4.2%",
            "2023年度 相比 , 收入 减少了",
            "较上年度预算安排持平",
            "较上年决算数数数增加",
            "与上年相比基本持平",
            "较年初预算数一致",
            "较上年收入无可比性",
        ] {
            assert_eq!(super::super::explicit::at_start(h), by_regex(h), "{h}");
            assert!(by_regex(h).is_some(), "{h}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, .. ProptestConfig::default() })]
        /// Phrases of the grammar's words, comparison words first more
        /// often than not.
        #[test]
        fn explicit_by_hand_as_regex(
            head in proptest::sample::select(vec!["较", "比", "与", "同比", "2023年", "2023 年度", ""]),
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "较", "比", "与", "同比", "相比", "相较", "比较", "上年", "上一年", "去年", "本年年初",
                "年初", "2023", "年", "度", "预算", "决算", "数", "预算安排", "执行数", "同期", " ",
                "\t", ",", "。", ";", ":", "\n", "%", "1", "了", "(减少)", "(增加)", "基本持平", "持平",
                "保持一致", "一致", "无增减", "无变化", "无可比性", "不可比", "增加", "减少", "增长",
                "下降", "降低", "上升", "调增", "调减", "收入", "支出", "的", "(", ")", "安排",
            ]), 0..14),
        ) {
            let h = format!("{head}{}", parts.concat());
            prop_assert_eq!(super::super::explicit::at_start(&h), by_regex(&h), "{:?}", h);
        }

        /// The number and length read off a match, against the capture group.
        #[test]
        fn percent_after_as_captures(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "增长", "下降", "增幅", "为", "了", "各", ",", " ", "\t", "\n", "1", "0", "9",
                ".", "%", "万元", "元", "减少",
            ]), 0..14)) {
            let t: String = parts.concat();
            let by_groups = PERCENT_AFTER.captures(&t).and_then(|c| {
                Some((c.get(0)?.end(), c.name("p")?.as_str()))
            });
            prop_assert_eq!(percent_after(&t), by_groups, "{}", t);
        }

        /// The verb read off a match, against the capture group.
        #[test]
        fn implied_verb_as_captures(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "增加", "减少", "增长", "调增", "了", " ", "\t", "1", "万元", "持平", "加",
            ]), 0..12)) {
            let t: String = parts.concat();
            let ours: Vec<(usize, usize, &str)> = IMPLIED_VERB
                .find_iter(&t)
                .map(|m| (m.start(), m.end(), implied_verb(m.as_str())))
                .collect();
            let by_groups: Vec<(usize, usize, &str)> = IMPLIED_VERB
                .captures_iter(&t)
                .filter_map(|c| {
                    let m = c.get(0)?;
                    Some((m.start(), m.end(), c.name("verb")?.as_str()))
                })
                .collect();
            prop_assert_eq!(ours, by_groups, "{}", t);
        }
    }

    type Row = (String, &'static str, Option<String>, Option<String>, String);

    fn run(t: &str) -> Vec<Row> {
        let (a, _) = amounts::find(t);
        find(t, &a)
            .into_iter()
            .map(|c| {
                (
                    c.basis.clone(),
                    c.direction.as_str(),
                    c.amount.map(|i| a[i].value.clone()),
                    c.percent.clone(),
                    t[c.subject.0..c.subject.1].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn explicit_and_implied() {
        let t = "支出预算较上年减少18.89万元,主要是基本支出预算减少10.95万元,项目支出预算减少7.94万元。";
        let r = run(t);
        assert_eq!(r.len(), 3);
        assert_eq!(
            r[0],
            (
                "上年".into(),
                "decrease",
                Some("18.89".into()),
                None,
                "支出预算".into()
            )
        );
        assert_eq!(r[1].4, "基本支出预算");
        assert_eq!(r[2].2.as_deref(), Some("7.94"));
    }

    #[test]
    fn percent_and_flat() {
        let r = run("收、支与2023年度相比,减少956.31万元,下降16.9%,主要原因是项目减少。");
        assert_eq!(r[0].1, "decrease");
        assert_eq!(r[0].3.as_deref(), Some("16.9"));
        assert_eq!(run("本年预算与上年持平")[0].1, "flat");
        assert_eq!(run("比上年增加(减少)0万元")[0].1, "unspecified");
        assert_eq!(
            run("增长比上年增长--(基数为0,不可比)")[0].1,
            "not_comparable"
        );
    }
}
