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
            let cell = TableCell {
                unit_range,
                column,
                label_above,
                column_head: heads.get(nth).copied(),
                row_label: None,
            };
            let Some(a) = cell_amount(m.as_str(), (start + m.start(), start + m.end()), kind, cell)
            else {
                continue;
            };
            out.push(a);
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

/// The rows of a table page flattened onto its unit line ([`super::flat`]),
/// read as amounts: a row's first figure, with its label (the further
/// figures are columns whose heads the glued header does not give). Only a
/// table of all funds is read (收支总表, 收入总表, 支出总表, by the caption
/// before the unit): a 财政拨款收支总表's class rows and totals are the
/// appropriations' part of the department's, and a 基本支出总表's 公务接待费
/// the basic part of a 三公 item (g006's 表6 and 表4). Not read either: a row
/// without a label (the first row under a glued header without a marker or
/// code), a row of counts, a figure a unit or date word follows.
fn flattened(
    line: &str,
    start: usize,
    from: usize,
    kind: Unit,
    unit_range: (usize, usize),
    out: &mut Vec<RawAmount>,
) {
    let Some(flat) = super::flat::rows(line, from) else {
        return;
    };
    if !matches!(
        super::kind_of(&line[flat.caption.0..flat.caption.1]),
        Some("t1_overall" | "t2_revenue" | "t3_expenditure")
    ) || line[flat.caption.0..flat.caption.1].contains("基本支出")
    {
        return;
    }
    for row in &flat.rows {
        let (Some((la, lb)), Some(&(fs, fe))) = (row.label, row.cells.first()) else {
            continue;
        };
        let label = &line[la..lb];
        let han = label
            .chars()
            .filter(|&c| crate::normalize::is_han(c))
            .count();
        if han < 2 || label.chars().count() > 40 || label.contains('。') || counts(label) {
            continue;
        }
        let after = &line[row.cells.last().map_or(fe, |c| c.1)..];
        if row.cells.len() == 1
            && after.starts_with([
                '年', '月', '日', '%', '个', '人', '辆', '次', '项', '号', '元', '万', '亿', '千',
            ])
        {
            continue;
        }
        let cell = TableCell {
            unit_range,
            column: 0,
            label_above: None,
            column_head: None,
            row_label: Some((start + la, start + lb)),
        };
        out.extend(cell_amount(
            &line[fs..fe],
            (start + fs, start + fe),
            kind,
            cell,
        ));
    }
}

/// A table cell's number (`text`, at `range` of the text) as an amount in
/// the table's unit: separators dropped, the exact decimal, its yuan. `None`
/// past Decimal's range (28 digits) or on overflow.
fn cell_amount(
    text: &str,
    range: (usize, usize),
    unit: Unit,
    cell: TableCell,
) -> Option<RawAmount> {
    let digits: String = text.chars().filter(|&c| c != ',').collect();
    if digits.len() > 28 {
        return None;
    }
    let value = Decimal::from_str(&digits).ok()?;
    let yuan = value.checked_mul(unit.factor())?;
    Some(RawAmount {
        range,
        value: digits,
        unit,
        yuan: yuan.normalize(),
        shared_unit: false,
        truncated_unit: false,
        table: Some(cell),
    })
}
