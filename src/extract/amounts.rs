//! Money amounts: "772.94万元", "129,973.58万元", "1, 537.4万元", "43506.06 元",
//! "0.00\n万元", "一千二百万元", "壹仟贰佰万元整", "3.5亿元", and lists that
//! share one unit ("收、支总计各是4125.49,4143.91万元", doc 010).
//!
//! Takes normalized text (ASCII digits and punctuation, simplified 万/亿);
//! gives [`RawAmount`]s in normalized byte ranges with exact values. The
//! value is taken as written: "10.95元" is 10.95 yuan even where 万元 was
//! meant (the seed); flagging such slips is a check's job, not this one's.
//!
//! Not amounts: "单位:万元" (no number), "1600万" in running text (no 元),
//! years, percentages. A number too long for exact decimal arithmetic (more
//! than 28 significant digits) is reported as a diagnostic, not guessed.

use regex::Regex;
use rust_decimal::Decimal;
use std::str::FromStr;
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Yuan,
    /// 千元, thousands of yuan (wide corpus: "9167千元", "单位:千元").
    Qian,
    Wan,
    Yi,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Yuan => "元",
            Unit::Qian => "千元",
            Unit::Wan => "万元",
            Unit::Yi => "亿元",
        }
    }

    pub fn factor(self) -> Decimal {
        match self {
            Unit::Yuan => Decimal::ONE,
            Unit::Qian => Decimal::from(1_000),
            Unit::Wan => Decimal::from(10_000),
            Unit::Yi => Decimal::from(100_000_000),
        }
    }
}

/// An amount in normalized coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct RawAmount {
    /// The whole amount (number, white space, unit).
    pub range: (usize, usize),
    /// The number as written, without separators or white space.
    pub value: String,
    pub unit: Unit,
    /// `value` × the unit's factor, exact.
    pub yuan: Decimal,
    /// The unit was not written next to the number but shared from the
    /// next item of a list.
    pub shared_unit: bool,
    /// The unit was cut off at the end of the text ("1523.26万", doc 063).
    pub truncated_unit: bool,
    /// A table cell: the range of the unit in the table's "单位:万元" header,
    /// and the cell's place among the labelled cells of its row (0 for the
    /// first: the 收入 column of a 收支总表).
    pub table: Option<TableCell>,
}

/// Where a table cell's unit and column come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableCell {
    pub unit_range: (usize, usize),
    pub column: u8,
    /// A cell alone at the start of its line takes its row label from the
    /// line before (tables a PDF extraction prints one cell per line: "一、
    /// 财政拨款收入\n3,286,618,082.20 一、社会保障和就业支出\n16,067,196.24",
    /// long corpus, 上海普陀 建管委 预算): that label's range.
    pub label_above: Option<(usize, usize)>,
    /// The words heading the cell's column in the table's header row
    /// ("预算数" in "项目|预算数|决算数|"), where a header row names its
    /// columns: a budget column of a 决算 is no fact (issue 10).
    pub column_head: Option<(usize, usize)>,
    /// The row label's range, where the table stage knows it exactly: a
    /// table page flattened onto one line (`text_cells::flattened`), whose
    /// cells have no column and whose label is not found by looking back.
    pub row_label: Option<(usize, usize)>,
}

/// Something odd about an amount, reported as a diagnostic.
#[derive(Clone, Debug, PartialEq)]
pub struct AmountIssue {
    pub range: (usize, usize),
    pub code: &'static str,
    pub message: String,
}

#[allow(clippy::expect_used)] // fixed patterns
static ARABIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<num>[0-9]{1,3}(?:, ?[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)",
        // A line break between number and unit, or a blank line: a PDF's
        // text with a blank line after every line ("…支出预算为 76.43\n\n万元，
        // 2024 年度支出决算为 46.21 万元", long-cities g010).
        r"[ \t]*(?:\n[ \t]*){0,2}",
        r"(?P<mul>[千百])?(?P<unit>亿元|万元|元|万[ \t\n]*\z)",
    ))
    .expect("arabic amount regex")
});

#[allow(clippy::expect_used)] // fixed patterns
static CHINESE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<num>[零〇一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾]",
        r"[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]*",
        r"(?:点[零〇一二三四五六七八九]+)?)",
        r"(?P<unit>亿元|万元|元|圆|块钱|块)(?P<zheng>整)?",
    ))
    .expect("chinese amount regex")
});

/// Finds every amount in `text`, in order of position.
pub fn find(text: &str) -> (Vec<RawAmount>, Vec<AmountIssue>) {
    let mut out = Vec::new();
    let mut issues = Vec::new();
    let mut at = 0;
    // find_at, then a split by hand: resolving capture groups per match was
    // the costliest part of this extractor.
    let yuan: Vec<usize> = memchr::memmem::find_iter(text.as_bytes(), "元".as_bytes()).collect();
    let mut arabic = ArabicFinder::new(text, &yuan);
    while let Some(whole) = arabic.find_at(at) {
        // A match that starts inside a number ("86,370.97万元" inside
        // "367.86,370.97万元", jd11) is retried one character later, so the
        // real number behind it is still found.
        if text[..whole.start()].ends_with(|c: char| c.is_ascii_digit() || c == '.') {
            at = whole.start() + 1;
            continue;
        }
        at = whole.end();
        let (num, mul, unit_at) = split_arabic(whole.as_str());
        let unit = &whole.as_str()[unit_at..];
        let truncated = unit.starts_with('万') && !unit.starts_with("万元");
        let mut unit_kind = if unit.starts_with("亿") {
            Unit::Yi
        } else if unit.starts_with('万') {
            Unit::Wan
        } else {
            Unit::Yuan
        };
        // "9167千元" is 9167 in the unit 千元, as written (issue 10), not
        // 9167000 元; "3千万元" stays 3000 万元.
        let mul = if mul == Some('千') && unit_kind == Unit::Yuan {
            unit_kind = Unit::Qian;
            None
        } else {
            mul
        };
        let end = if truncated {
            whole.start() + unit_at + '万'.len_utf8()
        } else {
            whole.end()
        };
        let digits: String = num
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let Ok(mut value) = Decimal::from_str(&digits) else {
            issues.push(AmountIssue {
                range: (whole.start(), end),
                code: "number_too_long",
                message: format!(
                    "number with {} digits is beyond exact decimal range; not read",
                    digits.len()
                ),
            });
            continue;
        };
        let mut value_text = digits;
        if let Some(mul) = mul {
            let f = if mul == '千' { 1000 } else { 100 };
            match value.checked_mul(Decimal::from(f)) {
                Some(v) => {
                    value = v;
                    value_text = v.normalize().to_string();
                }
                None => continue,
            }
        }
        let Some(yuan) = value.checked_mul(unit_kind.factor()) else {
            issues.push(AmountIssue {
                range: (whole.start(), end),
                code: "number_too_long",
                message: "amount beyond exact decimal range; not read".into(),
            });
            continue;
        };
        if truncated {
            issues.push(AmountIssue {
                range: (whole.start(), end),
                code: "unit_truncated",
                message: "text ends after '万': read as 万元".into(),
            });
        }
        // Earlier numbers of a list sharing this unit: "4125.49,4143.91万元".
        let mut listed = shared_unit_list(text, whole.start(), unit_kind);
        listed.reverse();
        out.extend(listed);
        let (mut end, mut value_text, mut yuan) = (end, value_text, yuan);
        if unit_kind == Unit::Yuan {
            if let Some((cents, len)) = subunits(&text[end..]) {
                yuan += cents;
                value_text = yuan.normalize().to_string();
                end += len;
            }
        }
        out.push(RawAmount {
            range: (whole.start(), end),
            value: value_text,
            unit: unit_kind,
            yuan: yuan.normalize(),
            shared_unit: false,
            truncated_unit: truncated,
            table: None,
        });
    }
    for caps in chinese_matches(text, &yuan) {
        let (Some(whole), Some(num), Some(unit)) =
            (caps.get(0), caps.name("num"), caps.name("unit"))
        else {
            continue;
        };
        if text[..whole.start()].ends_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        // A lone 一 is mostly a word part ("统一元数据"); demand a real numeral.
        if num.as_str().chars().count() == 1 && matches!(num.as_str(), "一" | "两") {
            continue;
        }
        let mut unit_kind = match unit.as_str() {
            "亿元" => Unit::Yi,
            "万元" => Unit::Wan,
            _ => Unit::Yuan,
        };
        // "壹仟贰佰万元": the numeral class swallowed the 万 of the unit.
        let mut digits = num.as_str();
        // Not when a 亿 comes first: in "一亿零五十万元" the 万 is a group.
        if unit_kind == Unit::Yuan && digits.chars().count() > 1 && !digits.contains('亿') {
            if let Some(d) = digits.strip_suffix('万') {
                digits = d;
                unit_kind = Unit::Wan;
            } else if let Some(d) = digits.strip_suffix('亿') {
                digits = d;
                unit_kind = Unit::Yi;
            }
        }
        let Some(value) = crate::numerals::parse(digits) else {
            continue;
        };
        let Some(mut yuan) = value.checked_mul(unit_kind.factor()) else {
            continue;
        };
        let mut end = whole.end();
        let mut value = value;
        if unit_kind == Unit::Yuan && caps.name("zheng").is_none() {
            if let Some((cents, len)) = subunits(&text[end..]) {
                yuan += cents;
                value = yuan;
                end += len;
            }
        }
        out.push(RawAmount {
            range: (whole.start(), end),
            value: value.normalize().to_string(),
            unit: unit_kind,
            yuan: yuan.normalize(),
            shared_unit: false,
            truncated_unit: false,
            table: None,
        });
    }
    out.extend(crate::tables::text_cells::cells(text));
    out.sort_by_key(|a| a.range);
    out.dedup_by(|b, a| b.range.0 < a.range.1); // drop overlaps, keep the first
    (out, issues)
}

/// [`ARABIC`]`.find_at` for increasing `at`, searched from the units back:
/// every match ends at a 元 (or at a 万 that only white space follows to
/// the end of the text), and holds no other 元, so the matches of one 元
/// start after the previous 元, in the run of characters a match can hold
/// (digits, separators, white space, 千百万亿) before it. The regex runs on
/// that run alone, the 元 found by memchr; over the whole text its DFA
/// stepped through every byte, with no literal to skip ahead to. A test
/// compares it with `find_at` over the text.
struct ArabicFinder<'t> {
    text: &'t str,
    /// Ends of the 元 not yet passed, ascending.
    units: Vec<usize>,
    next: usize,
}

impl<'t> ArabicFinder<'t> {
    /// `yuan`: where each 元 of `text` starts, ascending.
    fn new(text: &'t str, yuan: &[usize]) -> ArabicFinder<'t> {
        let units = yuan.iter().map(|i| i + "元".len()).collect();
        ArabicFinder {
            text,
            units,
            next: 0,
        }
    }

    /// Where a match ending at `end` can start at the earliest, not before
    /// `floor`.
    fn run_start(&self, end: usize, unit_len: usize, floor: usize) -> usize {
        let t = self.text;
        let mut start = end - unit_len;
        while start > floor {
            match t[..start].chars().next_back() {
                Some(c)
                    if c.is_ascii_digit()
                        || matches!(
                            c,
                            ',' | '.' | ' ' | '\t' | '\n' | '千' | '百' | '万' | '亿'
                        ) =>
                {
                    start -= c.len_utf8();
                }
                _ => break,
            }
        }
        start.max(floor)
    }

    /// The same as `ARABIC.find_at(text, at)`, for `at` not below the
    /// `at` of the previous call.
    fn find_at(&mut self, at: usize) -> Option<regex::Match<'t>> {
        let t = self.text;
        while let Some(&end) = self.units.get(self.next) {
            if end > at {
                let start = self.run_start(end, "元".len(), at);
                if let Some(m) = ARABIC.find_at(&t[..end], start) {
                    return Some(m);
                }
            }
            self.next += 1;
        }
        // "…1523.26万" at the end of the text (the \z alternative).
        let body = t.trim_end_matches([' ', '\t', '\n']);
        if body.ends_with('万') && body.len() > at {
            let start = self.run_start(body.len(), "万".len(), at);
            return ARABIC.find_at(t, start);
        }
        None
    }
}

/// Where the characters a [`CHINESE`] unit starts with (元, 圆, 块) stand,
/// ascending: one memchr search per character. (An Aho-Corasick automaton
/// of the three stopped at each of their common first byte E5, the lead
/// byte of a sixteenth of all Han characters.)
fn chinese_units(text: &str, yuan: &[usize]) -> Vec<usize> {
    let b = text.as_bytes();
    let mut v: Vec<usize> = yuan.to_vec();
    let before = v.len();
    for unit in ["圆", "块"] {
        v.extend(memchr::memmem::find_iter(b, unit.as_bytes()));
    }
    if v.len() > before {
        v.sort_unstable();
    }
    v
}

/// A character that can stand in a Chinese numeral of [`CHINESE`] (its
/// digits, group characters and 点).
fn numeral_char(c: char) -> bool {
    matches!(
        c,
        '零' | '〇'
            | '一'
            | '二'
            | '两'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '万'
            | '亿'
            | '壹'
            | '贰'
            | '叁'
            | '肆'
            | '伍'
            | '陆'
            | '柒'
            | '捌'
            | '玖'
            | '拾'
            | '佰'
            | '仟'
            | '点'
    )
}

/// The matches of [`CHINESE`] in `text`, as `captures_iter` gives them, but
/// searched from the units back: a match is a run of numeral characters
/// that ends at a unit, so only a unit with a numeral digit in the run
/// before it can end one, and the regex runs on that run alone. (Over the
/// whole text its prefilter stopped at every 一 of 一般公共预算: this made
/// `amounts::find` 15% faster.) Each run is walked once: linear. A test
/// compares the matches with `captures_iter`.
/// `yuan`: where each 元 of the text starts, ascending.
fn chinese_matches<'t>(text: &'t str, yuan: &[usize]) -> impl Iterator<Item = regex::Captures<'t>> {
    // The longest unit with its 整 after the first character: "块钱", "元整".
    const UNIT_MAX: usize = 6;
    // 元, 圆 and 块 are three bytes each in UTF-8.
    const UNIT_LEN: usize = 3;
    let mut floor = 0; // the end of the previous match
    chinese_units(text, yuan)
        .into_iter()
        .filter_map(move |u_start| {
            let mut start = u_start;
            // A match starts with a digit character, not with 万 or 百: a run
            // without one ("万" of "772.94万元") needs no search.
            let mut digit = false;
            while start > floor {
                match text[..start].chars().next_back() {
                    Some(c) if numeral_char(c) => {
                        digit |= !matches!(c, '百' | '千' | '万' | '亿' | '佰' | '仟' | '点');
                        start -= c.len_utf8();
                    }
                    _ => break,
                }
            }
            if !digit {
                return None;
            }
            let end = super::floor_boundary(text, u_start + UNIT_LEN + UNIT_MAX);
            let caps = CHINESE.captures_at(&text[..end], start)?;
            let whole = caps.get(0)?;
            // Only a match that ends at this unit: one after it (in the window
            // of its 整 or 钱) is the next unit's to find, in full.
            if whole.start() > u_start {
                return None;
            }
            floor = whole.end();
            Some(caps)
        })
}

/// Splits a match of [`ARABIC`] into the number, the multiplier (千/百) and
/// the byte offset where the unit starts.
fn split_arabic(m: &str) -> (&str, Option<char>, usize) {
    let mut num_end = 0;
    let mut prev = ' ';
    for (i, c) in m.char_indices() {
        // A space belongs to the number only after a thousands comma ("1, 537.4").
        if c.is_ascii_digit() || c == '.' || c == ',' || (c == ' ' && prev == ',') {
            num_end = i + c.len_utf8();
            prev = c;
        } else {
            break;
        }
    }
    let rest = m[num_end..].trim_start_matches([' ', '\t', '\n']);
    let mut unit_at = m.len() - rest.len();
    let mul = rest.chars().next().filter(|c| matches!(c, '千' | '百'));
    if let Some(c) = mul {
        unit_at += c.len_utf8();
    }
    (&m[..num_end], mul, unit_at)
}

#[allow(clippy::expect_used)] // fixed pattern
static SUBUNITS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:(?P<jiao>[0-9]|[零一二两三四五六七八九])[角毛])?",
        r"(?:(?P<fen>[0-9]|[零一二两三四五六七八九])分)?钱?",
    ))
    .expect("subunit regex")
});

/// 角/毛 and 分 after a yuan amount ("123元1角1分", "十块三毛"; jionlp and
/// Recognizers-Text cases): their value in yuan and the length they cover.
fn subunits(s: &str) -> Option<(Decimal, usize)> {
    let caps = SUBUNITS.captures(s)?;
    let digit = |m: Option<regex::Match>| -> Option<Decimal> {
        let t = m?.as_str();
        let d = t
            .parse::<u32>()
            .ok()
            .or_else(|| crate::numerals::digit(t.chars().next()?))?;
        Some(Decimal::from(d))
    };
    let jiao = digit(caps.name("jiao"));
    let fen = digit(caps.name("fen"));
    if jiao.is_none() && fen.is_none() {
        return None;
    }
    let v = jiao.unwrap_or_default() * Decimal::new(1, 1)
        + fen.unwrap_or_default() * Decimal::new(1, 2);
    Some((v, caps.get(0)?.end()))
}

/// Walks back from `start` over "<number><sep>" pairs: the numbers of a list
/// whose unit is written once, after the last item. Separators: ',' '、'.
fn shared_unit_list(text: &str, start: usize, unit: Unit) -> Vec<RawAmount> {
    let mut out = Vec::new();
    let mut pos = start;
    while out.len() < 20 {
        let before = text[..pos].trim_end_matches([' ', '\t']);
        let Some(sep) = before
            .chars()
            .next_back()
            .filter(|c| matches!(c, ',' | '、'))
        else {
            break;
        };
        let before = before[..before.len() - sep.len_utf8()].trim_end_matches([' ', '\t']);
        let num_start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
            .last()
            .map(|(i, _)| i);
        let Some(ns) = num_start else { break };
        let digits = &before[ns..];
        if digits.starts_with('.') || digits.ends_with('.') {
            break;
        }
        // "占93.54%,…" or a year "2023," is no list item of money; neither is
        // a number glued to a unit of its own.
        if text[..ns].ends_with(|c: char| c.is_ascii_digit() || c == ',') {
            break;
        }
        let Ok(value) = Decimal::from_str(digits) else {
            break;
        };
        let Some(yuan) = value.checked_mul(unit.factor()) else {
            break;
        };
        out.push(RawAmount {
            range: (ns, before.len()),
            value: digits.to_string(),
            unit,
            yuan: yuan.normalize(),
            shared_unit: true,
            truncated_unit: false,
            table: None,
        });
        pos = ns;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn yuan_in(t: &str) -> Vec<usize> {
        t.match_indices('元').map(|(i, _)| i).collect()
    }

    /// The matches the loop of [`find`] visits (a match preceded by a digit
    /// or '.' is retried one byte later), with `find_at` given by `f`.
    fn visited(
        text: &str,
        mut f: impl FnMut(usize) -> Option<(usize, usize)>,
    ) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut at = 0;
        while let Some((s, e)) = f(at) {
            out.push((s, e));
            at = if text[..s].ends_with(|c: char| c.is_ascii_digit() || c == '.') {
                s + 1
            } else {
                e
            };
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, .. ProptestConfig::default() })]
        /// Texts made of numbers, units and what stands around them.
        #[test]
        fn arabic_finder_as_find_at(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "1", "2", "0", "367", ",", ", ", ".", " ", "\t", "\n", "千", "百", "万", "亿",
                "元", "万元", "亿元", "年", "收入", "%", "圆",
            ]), 0..24)) {
            let t: String = parts.concat();
            let mut finder = ArabicFinder::new(&t, &yuan_in(&t));
            let ours = visited(&t, |at| finder.find_at(at).map(|m| (m.start(), m.end())));
            let regex = visited(&t, |at| ARABIC.find_at(&t, at).map(|m| (m.start(), m.end())));
            prop_assert_eq!(ours, regex, "{:?}", t);
        }


        /// Texts made of numerals, units and what stands around them.
        #[test]
        fn chinese_matches_as_captures_iter(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "一", "两", "三", "十", "百", "千", "万", "亿", "壹", "佰", "仟", "零", "点", "五",
                "元", "圆", "块", "钱", "整", "般", "5", ".", " ", "\n", "万元", "亿元",
            ]), 0..20)) {
            let t: String = parts.concat();
            let ours: Vec<(usize, usize)> = chinese_matches(&t, &yuan_in(&t))
                .filter_map(|c| c.get(0).map(|m| (m.start(), m.end())))
                .collect();
            let regex: Vec<(usize, usize)> = CHINESE
                .captures_iter(&t)
                .filter_map(|c| c.get(0).map(|m| (m.start(), m.end())))
                .collect();
            prop_assert_eq!(ours, regex, "{}", t);
        }
    }

    fn vals(t: &str) -> Vec<(String, String)> {
        find(t)
            .0
            .into_iter()
            .map(|a| (a.value, a.yuan.to_string()))
            .collect()
    }

    #[test]
    fn basic_forms() {
        assert_eq!(
            vals("预算数772.94万元"),
            [("772.94".into(), "7729400".into())]
        );
        assert_eq!(vals("减少10.95元"), [("10.95".into(), "10.95".into())]);
        assert_eq!(
            vals("总计129,973.58万元"),
            [("129973.58".into(), "1299735800".into())]
        );
        assert_eq!(vals("1, 537.4万元"), [("1537.4".into(), "15374000".into())]);
        assert_eq!(vals("0.00\n万元"), [("0.00".into(), "0".into())]);
        assert_eq!(vals("3.5亿元"), [("3.5".into(), "350000000".into())]);
        assert_eq!(vals("壹仟贰佰万元整"), [("1200".into(), "12000000".into())]);
    }

    #[test]
    fn shared_unit() {
        let v = vals("各是4125.49,4143.91万元");
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].1, "41254900");
        assert_eq!(v[1].1, "41439100");
    }

    #[test]
    fn not_amounts() {
        assert!(vals("单位:万元").is_empty());
        assert!(vals("2023年").is_empty());
        assert!(vals("增长4.23%").is_empty());
    }
}
