//! Cells of tables printed as text, read as amounts where the prose stage
//! meets them: a number under a unit header ("单位:万元") with a row label of
//! its own, or (a cell per line) the label at the end of the line above.
//! Part of the table stage: the cell patterns are [`super::CELL_NUMBER`]'s,
//! and the same rows feed [`super::find`]'s tables. The amounts stage takes
//! these [`RawAmount`]s beside the prose's (`extract::amounts::find`).

use super::{CELL_NUMBER, UNIT_LINE as TABLE_UNIT};
use crate::extract::amounts::{RawAmount, TableCell, Unit};
use rust_decimal::Decimal;
use std::str::FromStr;

/// Money in tables printed as text (the long corpus: PDF extractions of
/// 上海普陀 预算 and 决算, "一、一般公共预算财政拨款收入 4,733.14 一、一般公共服务支出
/// 0.00" under "单位：万元"): the numbers carry no unit of their own, the
/// header above the table gives it. From a header line to the next line of
/// prose (one with '。'), a number is a cell when the words since the last
/// number (or the start of the row) hold at least two Han characters: its
/// row label. Numbers without a label of their own are the further columns
/// of the row (基本支出, 项目支出 after 合计) or class codes ("208 05 01"):
/// not read. Nor is a number followed by 年/月/日/%/a count word, or by a
/// unit (an ordinary amount, found above).
///
/// Tables that a PDF extraction prints a cell per line put the row label on
/// one line and its value at the start of the next ("一、财政拨款收入\n
/// 3,286,618,082.20 一、社会保障和就业支出\n16,067,196.24", long corpus): a
/// number written as money (separator or decimals) with nothing before it
/// on its line takes the words after the last number of the line above as
/// its label, in the second column when a number stood before them. Class
/// codes ("208" alone, "31019 其他交通工具购置") are not cells.
pub(crate) fn cells(text: &str) -> Vec<RawAmount> {
    let mut out = Vec::new();
    // Most documents have no table: one search, and lines only from the
    // first header on.
    let Some(first) = TABLE_UNIT.find(text) else {
        return out;
    };
    let mut pos = text[..first.start()].rfind('\n').map_or(0, |i| i + 1);
    let mut unit: Option<(Unit, (usize, usize))> = None;
    // [`row_tail`] of the previous non-blank line, if it was a table line.
    let mut above: Option<((usize, usize), bool)> = None;
    // The value columns the table's header row names, in order.
    let mut heads: Vec<(usize, usize)> = Vec::new();
    // Whether the previous table line was words only: a label that follows
    // another such line is one of a list of labels printed before their
    // values (a table printed column by column, "十七、援助其他地区支出\n
    // 十八、自然资源海洋气象等支出\n1073.21\n349680.44", long-cities g012,
    // where 1073.21 is 社会保障和就业's), and gives the next value no label.
    let mut words_before = false;
    for line in text[pos..].split('\n') {
        let start = pos;
        pos += line.len() + 1;
        if line.trim().is_empty() {
            continue;
        }
        // Set again below only for a line of a table: the header, prose and
        // lines outside a table are no row labels.
        let here = above.take();
        if let Some(c) = TABLE_UNIT.captures(line) {
            if let Some(u) = c.get(1) {
                let kind = match u.as_str() {
                    "亿元" => Unit::Yi,
                    "万元" => Unit::Wan,
                    "千元" => Unit::Qian,
                    _ => Unit::Yuan,
                };
                unit = Some((kind, (start + u.start(), start + u.end())));
                heads.clear();
                let tail = c.get(0).map_or(line.len(), |m| m.end());
                flattened(
                    line,
                    start,
                    tail,
                    kind,
                    (start + u.start(), start + u.end()),
                    &mut out,
                );
            }
            continue;
        }
        if unit.is_some() {
            if let Some(h) = header_row(line, start) {
                heads = h;
                continue;
            }
        }
        if line.contains('。') {
            unit = None;
        }
        let Some((kind, unit_range)) = unit else {
            continue;
        };
        let han = |s: &str| s.chars().filter(|&c| crate::normalize::is_han(c)).count();
        // A class code alone on its line ("208", "05") is no cell, and the
        // label above it is the code's, not the next number's.
        let t = line.trim();
        if t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()) {
            words_before = false;
            continue;
        }
        let tail = row_tail(line, start);
        let in_a_list = words_before && !tail.1;
        words_before = !tail.1;
        above = (!in_a_list).then_some(tail);
        let mut last = 0; // end of the previous number in the line
        let mut column = 0u8;
        // The value column of a number: numbers before it on the line.
        for (nth, m) in CELL_NUMBER.find_iter(line).enumerate() {
            let label = &line[last..m.start()];
            let first = last == 0;
            last = m.end();
            // The first number of a line with nothing before it: the row
            // label is at the end of the line above, and the column is the
            // second when a number stood before that label.
            let mut label_above = None;
            // Only a number written as money (a thousands separator or a
            // decimal part): a plain integer at a line start is as often an
            // economic class code ("31013 公务用车购置\n31019 其他交通工具购",
            // long corpus, 石泉路 决算).
            let money = m.as_str().contains([',', '.']);
            if first && money && label.trim().is_empty() {
                if let Some((r, after_number)) = here {
                    if han(&text[r.0..r.1]) >= 2 {
                        label_above = Some(r);
                        column = u8::from(after_number);
                    }
                }
            }
            // "培训人次 ≥300", "满意度 ≥95": a target of a performance table,
            // a bound, not an amount (sentence frames, 2026-12-02).
            let bound = line[..m.start()]
                .trim_end_matches([' ', '\t'])
                .ends_with(['≥', '≤', '>', '<', '=', '＞', '＜', '≧', '≦']);
            if (han(label) < 2 && label_above.is_none())
                || line[..m.start()].ends_with(['.', ',', '-'])
                || bound
            {
                continue;
            }
            let after = line[m.end()..].trim_start_matches([' ', '\t']);
            // "项目 2016-执行数": a year in a header row, not 2016 万元; a
            // count in its own row, "公务接待人数(人) 500" or "公务用车保有量
            // (辆) 1", not money (issue 10). A cell is money only in a row
            // that counts no people or things.
            if after.starts_with('-') || is_year(m.as_str()) && !money || counts(label) {
                continue;
            }
            // (Not the next cell's label: "年初结转和结余 52.61 年末结转和结余
            // 52.61", the two sides of a 决算's 收支总表, long corpus.)
            let next_label = after.starts_with("年末") || after.starts_with("年初");
            if !next_label
                && after.starts_with([
                    '年', '月', '日', '%', '个', '人', '辆', '次', '项', '号', '期', '天', '台',
                    '套', '户', '所', '名', '座', '家', '元', '万', '亿', '千', '百', '.',
                ])
                || (after.is_empty()
                    && text[pos.min(text.len())..]
                        .trim_start()
                        .starts_with(['元', '万', '亿']))
            {
                continue;
            }
            let digits: String = m.as_str().chars().filter(|&c| c != ',').collect();
            let (Ok(value), true) = (Decimal::from_str(&digits), digits.len() <= 28) else {
                continue;
            };
            let Some(yuan) = value.checked_mul(kind.factor()) else {
                continue;
            };
            out.push(RawAmount {
                range: (start + m.start(), start + m.end()),
                value: digits,
                unit: kind,
                yuan: yuan.normalize(),
                shared_unit: false,
                truncated_unit: false,
                table: Some(TableCell {
                    unit_range,
                    column,
                    label_above,
                    column_head: heads.get(nth).copied(),
                    row_label: None,
                }),
            });
            column = column.saturating_add(1);
        }
    }
    out
}

/// Words that head the value columns of a table.
const COLUMN_WORDS: &[&str] = &[
    "预算", "决算", "执行", "合计", "支出", "收入", "金额", "本年", "上年",
];

/// A header row naming a table's columns ("项目|预算数|决算数|", "项目 2016-
/// 执行数 2017-预算数"): no money cell, a first word (the label column) and
/// at least two column names after it. Gives the ranges of those names.
fn header_row(line: &str, start: usize) -> Option<Vec<(usize, usize)>> {
    let pipes = line.contains('|');
    let mut cells: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    for piece in line.split(|c: char| {
        if pipes {
            c == '|'
        } else {
            c == ' ' || c == '\t'
        }
    }) {
        let (a, b) = (at, at + piece.len());
        at = b + 1;
        let t = piece.trim();
        if !t.is_empty() {
            let off = piece.len() - piece.trim_start().len();
            cells.push((a + off, a + off + t.len()));
        }
    }
    let names = cells.get(1..)?;
    let named = |&(a, b): &(usize, usize)| {
        let t = &line[a..b];
        COLUMN_WORDS.iter().any(|w| t.contains(w)) && !t.contains(['.', ','])
    };
    (names.len() >= 2 && names.iter().all(named))
        .then(|| names.iter().map(|&(a, b)| (start + a, start + b)).collect())
}

/// "2016": a plain number of four digits that is a year of this era.
fn is_year(n: &str) -> bool {
    n.len() == 4
        && (n.starts_with("19") || n.starts_with("20"))
        && n.bytes().all(|b| b.is_ascii_digit())
}

/// The label of a row of counts: a count word in parentheses ("(人)",
/// "(辆)") or at its end ("接待人数", "保有量", "批次").
fn counts(label: &str) -> bool {
    let l = label.trim().trim_end_matches(['|', ' ', '\t']);
    let unit_in_parens = l.rfind('(').is_some_and(|i| {
        let inner = l[i + 1..].trim_end_matches(')');
        !inner.is_empty()
            && inner.chars().count() <= 3
            && inner
                .chars()
                .all(|c| "人次辆个批台套户所名座家项天期号批".contains(c))
    });
    unit_in_parens
        || [
            "人数",
            "人次",
            "次数",
            "批次",
            "辆数",
            "保有量",
            "数量",
            "个数",
            "台数",
        ]
        .iter()
        .any(|w| l.ends_with(w))
}

/// The words after the last number of a table line `line` starting at
/// `start` (the whole line if it has none; not the digits of a leading
/// marker, "1. 一般公共预算"), and whether it has a number: the row label a
/// cell alone at the start of the next line takes.
fn row_tail(line: &str, start: usize) -> ((usize, usize), bool) {
    let body_at = {
        let t = line.trim_start();
        (line.len() - t.len()) + crate::numbering::marker(t).map_or(0, |m| m.len)
    };
    let tail_at = CELL_NUMBER
        .find_iter(&line[body_at..])
        .last()
        .map(|m| body_at + m.end());
    let tail = &line[tail_at.unwrap_or(0)..];
    let tail_start = start + tail_at.unwrap_or(0) + (tail.len() - tail.trim_start().len());
    (
        (tail_start, tail_start + tail.trim().len()),
        tail_at.is_some(),
    )
}

#[allow(clippy::expect_used)] // fixed pattern
static TWO_DECIMALS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"\A(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)\.[0-9]{2}").expect("cell regex")
});

/// A class code's length: 功能分类 类/款/项 (3, 5, 7 digits) or 经济分类
/// (3, 5).
fn code_len(n: usize) -> bool {
    matches!(n, 3 | 5 | 7)
}

/// A table page flattened onto one line, its unit line (an HTML page's
/// text, each page of the PDF's tables a line with no white space left
/// between cells: "…单位:万元…项目2026年预算数一、财政拨款7,099.97一、教育支出
/// 5.11  1.一般公共预算拨款7,099.97…", and a row's cells glued into one run,
/// "205教育支出5.115.110.00…"; long-cities g006, Shenzhen's template). The
/// tail after the unit is read as rows: a row is its label and a run of
/// digits that splits into figures of exactly two decimals (the only way
/// such a run splits unambiguously: "7,199.973,217.16" is 7,199.97 and
/// 3,217.16), optionally followed by the next row's class code ("0.0020508进修
/// 及培训"). Only the first figure of a run is read, with its row label (the
/// further ones are columns whose heads the glued header does not give):
/// - at least four such figures on the line, or none is read;
/// - a run that does not split so (three decimals, a stray separator) is
///   read as nothing, and so is a run where a comma-grouped table writes a
///   figure of four digits or more without separators;
/// - the words before the first figure are the header and the first row's
///   label together: the label starts at the last numbering marker or
///   class code there ("…2026年预算数一、财政拨款"), and without one the
///   figure has no label and is not read ("…上年结余、结转深圳市气象局(本级)
///   7,199.97…", a 收入总表's one row under its glued heads);
/// - a row of counts, or a figure followed by a unit or a date word, is not
///   read;
/// - only a table of all funds is read (收支总表, 收入总表, 支出总表, by the
///   caption before the unit): a 财政拨款收支总表's class rows and totals are
///   the appropriations' part of the department's.
fn flattened(
    line: &str,
    start: usize,
    from: usize,
    kind: Unit,
    unit_range: (usize, usize),
    out: &mut Vec<RawAmount>,
) {
    // Only the tables of all funds: a 财政拨款收支总表's "本年收入合计" or class
    // rows are the appropriations' part, not the department's figures.
    let caption = &line[..from];
    let caption = ["部门名称", "单位名称", "编制单位", "单位:", "金额单位"]
        .iter()
        .filter_map(|w| caption.find(w))
        .min()
        .map_or(caption, |i| &caption[..i]);
    // (Nor a 基本支出总表, kind t3 by its words: its 公务接待费 row is the
    // basic part of the 三公 item only; g006's 表4.)
    if !matches!(
        super::kind_of(caption),
        Some("t1_overall" | "t2_revenue" | "t3_expenditure")
    ) || caption.contains("基本支出")
    {
        return;
    }
    let tail = &line[from..];
    let b = tail.as_bytes();
    // Runs of digits, separators and points: (start, end) in the tail.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let s = i;
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.' || b[i] == b',') {
                i += 1;
            }
            runs.push((s, i));
        } else {
            i += 1;
        }
    }
    // Each run's figures and where the words after it start.
    struct Run {
        at: usize,
        first: Option<(usize, usize)>,
        figures: usize,
        words_from: usize,
        bad: bool,
    }
    let mut split: Vec<Run> = Vec::with_capacity(runs.len());
    let mut commas = false;
    for &(s, e) in &runs {
        let mut p = s;
        let mut first = None;
        let mut n = 0usize;
        let mut wide_plain = false;
        while let Some(m) = TWO_DECIMALS.find(&tail[p..e]) {
            let cell = &tail[p..p + m.end()];
            commas |= cell.contains(',');
            wide_plain |= !cell.contains(',') && cell.find('.').is_some_and(|d| d > 3);
            first.get_or_insert((p, p + m.end()));
            n += 1;
            p += m.end();
        }
        let rest = &tail[p..e];
        // What may follow the figures in a run: the next row's class code,
        // or the digits of its marker ("0.002.非财政拨款…").
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let ok_rest = rest.is_empty()
            || rest.len() == digits && code_len(digits)
            || digits <= 2 && digits + 1 == rest.len() && rest.ends_with('.');
        let bad = n > 0 && (!ok_rest || wide_plain && commas);
        split.push(Run {
            at: s,
            first,
            figures: n,
            words_from: if bad {
                e
            } else if n > 0 {
                p
            } else {
                s
            },
            bad,
        });
    }
    if split.iter().map(|r| r.figures).sum::<usize>() < 4 {
        return;
    }
    let mut label_from = 0usize;
    let mut seen_row = false;
    for r in &split {
        if r.figures == 0 {
            continue; // words: a year, a marker's digits, a code
        }
        let words = &tail[label_from..r.at];
        label_from = r.words_from;
        let first_row = !seen_row;
        seen_row = true;
        let Some((fs, fe)) = r.first.filter(|_| !r.bad) else {
            continue;
        };
        // The label's range in the tail.
        let lead = words.len() - words.trim_start().len();
        let (mut la, lb) = (
            r.at - words.len() + lead,
            r.at - (words.len() - words.trim_end().len()),
        );
        if first_row {
            match row_start(&tail[la..lb]) {
                Some(k) => la += k,
                None => continue,
            }
        }
        // A leading class code or marker digits are no part of the label.
        while la < lb && matches!(b[la], b'0'..=b'9' | b'.' | b',' | b' ' | b'\t') {
            la += 1;
        }
        let label = &tail[la..lb];
        let han = label
            .chars()
            .filter(|&c| crate::normalize::is_han(c))
            .count();
        if han < 2 || label.chars().count() > 40 || label.contains('。') || counts(label) {
            continue;
        }
        let after = &tail[r.words_from..];
        if r.figures == 1
            && after.starts_with([
                '年', '月', '日', '%', '个', '人', '辆', '次', '项', '号', '元', '万', '亿', '千',
            ])
        {
            continue;
        }
        let digits: String = tail[fs..fe].chars().filter(|&c| c != ',').collect();
        let Ok(value) = Decimal::from_str(&digits) else {
            continue;
        };
        let Some(yuan) = value.checked_mul(kind.factor()) else {
            continue;
        };
        let at = start + from;
        out.push(RawAmount {
            range: (at + fs, at + fe),
            value: digits,
            unit: kind,
            yuan: yuan.normalize(),
            shared_unit: false,
            truncated_unit: false,
            table: Some(TableCell {
                unit_range,
                column: 0,
                label_above: None,
                column_head: None,
                row_label: Some((at + la, at + lb)),
            }),
        });
    }
}

/// Where the first row's label starts in the words that also hold the
/// glued header before it: at the last numbering marker, or at the last
/// class code written before words. `None` when there is neither.
fn row_start(words: &str) -> Option<usize> {
    let mut found = None;
    let mut prev: Option<char> = None;
    for (i, c) in words.char_indices() {
        let after_digit = prev.is_some_and(|p| p.is_ascii_digit());
        prev = Some(c);
        if after_digit {
            continue;
        }
        let rest = &words[i..];
        if crate::numbering::marker(rest).is_some() {
            found = Some(i);
            continue;
        }
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if code_len(digits) && rest[digits..].starts_with(|c: char| crate::normalize::is_han(c)) {
            found = Some(i);
        }
    }
    found
}
