//! Tables as data: the layout stage's tables, found in the normalized text
//! (what a PDF's layout text, a DOCX's or HTML page's rows with ` | `
//! between cells, and plain text with aligned columns all become).
//!
//! A table starts at a unit line ("单位:万元", "金额单位:元") and takes its
//! caption from the line above that ends in 表 (or from the unit line's own
//! words before 单位). It runs until a line of prose (one with '。'), the next
//! unit line, or a long line without numbers; a table broken by a page break
//! is one table as long as no new unit line starts another. Lines before its
//! first row of figures are header rows.
//!
//! A line is split into cells at column gaps (two spaces or more), '|' and
//! tabs. A cell that is a number (thousands separators and a decimal part
//! allowed, a leading '-') is a value; words are labels. A row is its label
//! and the values after it; where words follow values on the same line (the
//! two halves of a 收支总表: 收入 left, 支出 right), they start a second row
//! on side 1. A label that starts with a class code ("207 文化旅游体育与传媒
//! 支出", "2070104 图书馆", "208 05 01 行政运行", "30101 基本工资") gives the
//! code (digits only) and the label without it.
//!
//! Columns: where the text keeps the page's columns (a PDF's layout text),
//! the right edges of the values, in display columns (a Han character is
//! two), fall into clusters: a value's column is its cluster, so an empty
//! cell leaves its column empty instead of shifting the values after it.
//! Each column takes as head the header words above it, from every header
//! row, joined with '/' ("本年支出/基本支出"). Where no clusters show (values
//! separated by single spaces), a value's column is its place in the side.
//!
//! A table printed a cell per line (pdfminer-style text) is rebuilt into
//! rows first (`fold_cell_per_line`): heads for its values only where the
//! rows hold one value per head.
//!
//! Table handling lives here: the cell-number patterns ([`CELL_NUMBER`],
//! [`MONEY_NUMBER`]), the tests the segmenter asks whether a numbered line is
//! a table row (`has_cell_number`, `starts_with_cell`: a table is never a
//! heading), the cells the amounts stage reads as amounts with their unit
//! header (`text_cells`), the tables of `tables[]` ([`find`]) and the key
//! facts their sums pin down ([`facts`]).
//!
//! The caption gives the table's kind, a key of the mandated tables of
//! 财预〔2016〕143号 (`../shared/reference/disclosure_tables.tsv`), by the words
//! that tell the nine tables apart; an unknown caption leaves it null.

pub(crate) mod flat;
pub(crate) mod text_cells;

use crate::normalize::Normalized;
use crate::span::Span;
use regex::Regex;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;
use std::str::FromStr;
use std::sync::LazyLock;

/// A table of the document.
#[derive(Clone, Debug, Serialize, PartialEq, JsonSchema)]
pub struct Table {
    /// The caption as printed ("2026年部门支出预算总表"), when there is one.
    pub caption: Option<String>,
    pub caption_span: Option<Span>,
    /// Key of the mandated table the caption names (`t1_overall` 收支总表 …
    /// `t9_soe_capital`, `x_project`, `x_performance`, `x_operating`,
    /// `x_procurement`), or null.
    pub kind: Option<&'static str>,
    /// `元` | `千元` | `万元` | `亿元`, from the unit line.
    pub unit: Option<&'static str>,
    pub unit_span: Option<Span>,
    /// Header rows as printed, cells split at column gaps.
    pub header: Vec<Vec<String>>,
    /// Column heads by column index (from 0, the first value column), as
    /// paths of the header rows' words ("本年支出/基本支出"); empty where the
    /// header names none.
    pub columns: Vec<String>,
    pub rows: Vec<TableRow>,
    /// From the caption (or the unit line) to the end of the last row.
    pub span: Span,
    /// `span` in the normalized text (for the layout's blocks).
    #[serde(skip)]
    #[schemars(skip)]
    pub(crate) range: (usize, usize),
}

/// A row: its label and its values.
#[derive(Clone, Debug, Serialize, PartialEq, JsonSchema)]
pub struct TableRow {
    pub label: String,
    pub label_span: Option<Span>,
    /// Class code the label starts with (功能分类 "2070104", 经济分类 "30101"),
    /// digits only.
    pub code: Option<String>,
    /// 0 for the row's first label on its line; 1 for the words after its
    /// values (the 支出 half of a 收支总表).
    pub side: u8,
    pub cells: Vec<TableCell>,
}

/// A value of a row.
#[derive(Clone, Debug, Serialize, PartialEq, JsonSchema)]
pub struct TableCell {
    /// Column index (see [`Table::columns`]).
    pub column: usize,
    /// The column's head, when the header names it.
    pub head: Option<String>,
    /// The cell as printed ("1,212.60").
    pub text: String,
    /// The number as written, an exact decimal string ("1212.60").
    pub value: String,
    /// `value` in yuan under the table's unit, when the unit is known.
    pub yuan: Option<String>,
    pub span: Span,
}

#[allow(clippy::expect_used)] // fixed patterns
static UNIT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:金额)?单位[ \t]*:[ \t]*(亿元|万元|千元|元)").expect("unit line regex")
});

#[allow(clippy::expect_used)] // fixed patterns
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    // "128138,600": a separator missing on the left, as one producer prints
    // every figure (pdf r002), is still the number.
    Regex::new(r"\A-?[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?\z").expect("cell regex")
});

/// A number in a table cell, found in a line: thousands separators, a
/// decimal part, or neither (the cells the amounts stage reads in tables
/// printed as text). One definition for every stage that reads cells.
#[allow(clippy::expect_used)] // fixed pattern
pub static CELL_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")
        .expect("cell number regex")
});

/// A number written as money in a line: thousands separators or a decimal
/// part (the segmenter's test for a table row among heading candidates).
#[allow(clippy::expect_used)] // fixed pattern
pub static MONEY_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+\.[0-9]+").expect("money number regex")
});

/// A number written as money inside a word: thousands separators or a
/// decimal part, not touching other digits.
#[allow(clippy::expect_used)] // fixed patterns
static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:\A|[^0-9.,])(-?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|-?[0-9]+\.[0-9]+)(?:\z|[^0-9.,])",
    )
    .expect("money regex")
});

#[allow(clippy::expect_used)] // fixed patterns
static CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A\[?([0-9]{3}(?:[ \t]?[0-9]{2}){0,2})\]?[ \t]*([^0-9 \t].*)\z")
        .expect("code regex")
});

/// Whether a line opens with a number written as a table cell (thousands
/// separators or decimals, no unit after it).
pub(crate) fn starts_with_cell(l: &str) -> bool {
    let Some(m) = MONEY_NUMBER.find(l).filter(|m| m.start() == 0) else {
        return false;
    };
    !l[m.end()..]
        .trim_start_matches([' ', '\t'])
        .starts_with(NOT_CELL_AFTER)
}

/// What follows a number that is not a table cell: a unit, percent sign,
/// date word or count word.
const NOT_CELL_AFTER: [char; 14] = [
    '万', '元', '亿', '千', '百', '%', '年', '月', '日', '.', '个', '人', '辆', '项',
];

/// A number with a thousands separator or decimals that no unit, percent
/// sign or date word follows: a table cell. ("收入总计4697.76万元" carries its
/// unit; "2023年" is a year.)
pub(crate) fn has_cell_number(rest: &str) -> bool {
    // Cheap first: such a number has a digit, a ',' or '.', and a digit.
    let b = rest.as_bytes();
    if !b
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && (w[1] == b',' || w[1] == b'.') && w[2].is_ascii_digit())
    {
        return false;
    }
    MONEY_NUMBER.find_iter(rest).any(|m| {
        let before = rest[..m.start()].chars().next_back();
        let after = rest[m.end()..].trim_start_matches([' ', '\t']);
        !before.is_some_and(|c| c.is_ascii_digit() || c == '.')
            && !after.starts_with(NOT_CELL_AFTER)
    })
}

/// Display width: a Han (or any non-ASCII) character is two columns.
use crate::normalize::width;

/// A piece of a line between column gaps: its byte range in the text and
/// its display columns in the line.
#[derive(Clone, Copy, Debug)]
struct Piece {
    start: usize,
    end: usize,
    col0: usize,
    col1: usize,
    number: bool,
    /// Cut from a wider piece at a single space or a glued number: its
    /// columns say little about the page's.
    cut: bool,
}

/// Splits a line (starting at byte `at` of the text) at column gaps: two
/// spaces or more, '|', tabs, ideographic spaces.
fn pieces(line: &str, at: usize) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut cur: Option<usize> = None; // byte offset in line of the piece
    let mut col = 0usize;
    let mut col_of_start = 0usize;
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut k = 0;
    let push = |s: usize, e: usize, c0: usize, out: &mut Vec<Piece>| {
        let t = line[s..e].trim_end();
        if t.is_empty() {
            return;
        }
        out.push(Piece {
            start: at + s,
            end: at + s + t.len(),
            col0: c0,
            col1: c0 + width(t),
            number: NUMBER.is_match(t),
            cut: false,
        });
    };
    while k < chars.len() {
        let (i, c) = chars[k];
        let gap = c == '|'
            || c == '\t'
            || c == '\u{3000}'
            || (c == ' ' && chars.get(k + 1).is_some_and(|&(_, n)| n == ' ' || n == '|'));
        if gap {
            if let Some(s) = cur.take() {
                push(s, i, col_of_start, &mut out);
            }
        } else if c != ' ' && cur.is_none() {
            cur = Some(i);
            col_of_start = col;
        }
        col += if c.is_ascii() { 1 } else { 2 };
        k += 1;
    }
    if let Some(s) = cur {
        push(s, line.len(), col_of_start, &mut out);
    }
    // A number and words with one space between them are two cells
    // ("120258,600 一、社会保障和就业支出": columns drawn close, pdf r002;
    // "20801 04 综合业务管理": codes before the label), and so are a number
    // written as money glued to words ("12,506,000一、文化旅游体育与传媒支出",
    // own corpus jd13, text whose columns a copy lost). Split there, the
    // words between numbers kept whole. (Only money-formatted numbers are
    // cut out of a word: "2026年" stays words.)
    let mut split = Vec::with_capacity(out.len());
    for p in out {
        let t = &line[p.start - at..p.end - at];
        let spaced = t.contains(' ') && t.split(' ').any(|w| NUMBER.is_match(w));
        if p.number || !(spaced || MONEY.is_match(t)) {
            split.push(p);
            continue;
        }
        // Token boundaries in t: (start, end, is_number).
        let mut toks: Vec<(usize, usize, bool)> = Vec::new();
        let mut off = 0usize;
        for w in t.split(' ') {
            let base = off;
            off += w.len() + 1;
            if w.is_empty() {
                continue;
            }
            if NUMBER.is_match(w) {
                toks.push((base, base + w.len(), true));
                continue;
            }
            let mut last = 0;
            for m in MONEY.captures_iter(w).filter_map(|c| c.get(1)) {
                if m.start() > last {
                    toks.push((base + last, base + m.start(), false));
                }
                toks.push((base + m.start(), base + m.end(), true));
                last = m.end();
            }
            if last < w.len() {
                toks.push((base + last, base + w.len(), false));
            }
        }
        // Words next to words are one piece.
        let mut merged: Vec<(usize, usize, bool)> = Vec::new();
        for tk in toks {
            match merged.last_mut() {
                Some(l) if !l.2 && !tk.2 => l.1 = tk.1,
                _ => merged.push(tk),
            }
        }
        for (s, e, number) in merged {
            let col0 = p.col0 + width(&t[..s]);
            split.push(Piece {
                start: p.start + s,
                end: p.start + e,
                col0,
                col1: col0 + width(&t[s..e]),
                number,
                cut: true,
            });
        }
    }
    split
}

/// The kind of a table by its caption.
fn kind_of(caption: &str) -> Option<&'static str> {
    let has = |w: &str| caption.contains(w);
    let any = |ws: &[&str]| ws.iter().any(|w| caption.contains(w));
    Some(if has("三公") {
        "t7_sangong"
    } else if has("绩效") {
        "x_performance"
    } else if has("政府采购") {
        "x_procurement"
    } else if has("机关运行经费") {
        "x_operating"
    } else if has("政府性基金") {
        "t8_gov_fund"
    } else if has("国有资本经营") {
        "t9_soe_capital"
    } else if has("项目支出") && !has("基本支出") {
        "x_project"
    } else if has("基本支出") && any(&["一般公共预算", "经济分类"]) {
        "t6_gpb_basic"
    } else if has("一般公共预算") && has("支出") {
        "t5_gpb_expenditure"
    } else if any(&["财政拨款收支", "财政拨款收入支出"]) {
        "t4_fiscal_overall"
    } else if any(&[
        "收支总",
        "收入支出决算总表",
        "收入支出决算表",
        "收支预算总表",
    ]) {
        "t1_overall"
    } else if has("财政拨款") {
        // "财政拨款支出预算表" (long-cities g002): the appropriations' part
        // of the spending, none of the nine tables (the 支出总表 is of all
        // funds: its 基本支出 is not this one's).
        return None;
    } else if has("收入") && !has("支出") && any(&["总表", "决算表", "预算表", "情况表"])
    {
        "t2_revenue"
    } else if has("支出") && !has("收入") && any(&["总表", "决算表", "预算表", "情况表"])
    {
        "t3_expenditure"
    } else {
        return None;
    })
}

fn unit_factor(unit: &str) -> Decimal {
    match unit {
        "亿元" => Decimal::from(100_000_000),
        "万元" => Decimal::from(10_000),
        "千元" => Decimal::from(1_000),
        _ => Decimal::ONE,
    }
}

/// A caption: a line of at most 60 characters ending in 表, no sentence.
fn is_caption(t: &str) -> bool {
    let t = t.trim();
    t.ends_with('表') && t.chars().count() <= 60 && !t.contains(['。', ';'])
}

/// Every table of the normalized text, with spans into the original.
pub fn find(norm: &Normalized) -> Vec<Table> {
    let text = norm.text.as_str();
    let mut out = Vec::new();
    if !text.contains('表') {
        return out;
    }
    // Lines with their byte offsets.
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut pos = 0;
    for l in text.split('\n') {
        lines.push((pos, l));
        pos += l.len() + 1;
    }
    let mut k = 0;
    while k < lines.len() {
        let (at, line) = lines[k];
        let u = UNIT_LINE.captures(line);
        // Without a unit line, a caption naming a budget or final-account
        // table that a row of figures follows within three lines starts a
        // table too (its unit unknown).
        if u.is_none() {
            let t = line.trim();
            let figures_follow = || {
                lines[k + 1..(k + 4).min(lines.len())]
                    .iter()
                    .any(|(a, l)| pieces(l, *a).iter().filter(|p| p.number).count() >= 2)
            };
            if !(is_caption(t) && (t.contains("预算") || t.contains("决算")) && figures_follow())
            {
                k += 1;
                continue;
            }
        }
        let unit_m = u
            .as_ref()
            .and_then(|u| u.get(1))
            .map(|m| (at + m.start(), at + m.end(), m.as_str()));
        // A table page flattened onto its unit line: its rows are on it.
        if let Some((um, flat)) = unit_m.and_then(|um| Some((um, flat::rows(line, um.1 - at)?))) {
            push_or_continue(norm, &mut out, flat_table(norm, line, at, &flat, um));
            k += 1;
            continue;
        }
        // The caption: the unit line's own words before 单位 when they end
        // in 表, else the nearest of the three lines above ending in 表 (or
        // the line itself, for a table without a unit line).
        let own = match &u {
            Some(u) => line[..u.get(0).map_or(0, |m| m.start())].trim(),
            None => line.trim(),
        };
        let mut caption: Option<(usize, usize)> = None;
        if is_caption(own) {
            let s = at + line.find(own).unwrap_or(0);
            caption = Some((s, s + own.len()));
        } else {
            // (Three lines that are not blank: a PDF's text may put a
            // blank line between all lines, long-cities g008.)
            for j in (k.saturating_sub(12)..k)
                .rev()
                .filter(|&j| !lines[j].1.trim().is_empty())
                .take(3)
            {
                let (a, l) = lines[j];
                let t = l.trim();
                if is_caption(t) {
                    let s = a + l.find(t).unwrap_or(0);
                    caption = Some((s, s + t.len()));
                    break;
                }
                if t.contains('。') {
                    break;
                }
            }
        }
        let table_start = caption.map_or(at, |c| c.0.min(at));
        // The body: lines after the unit line.
        let mut header_lines: Vec<Vec<Piece>> = Vec::new();
        let mut rows: Vec<(Vec<Piece>, &str, usize)> = Vec::new();
        let mut end = at + line.len();
        let mut j = k + 1;
        while j < lines.len() {
            let (a, l) = lines[j];
            let t = l.trim();
            if UNIT_LINE.is_match(l) || t.contains('。') {
                break;
            }
            // A caption of the next table: a line ending in 表 followed
            // (within three non-blank lines, as far as the caption is looked
            // for above a unit line) by a unit line ("公开 06 表\n\n财政拨款
            // 基本支出表(经济科目)\n部门:… 单位:万元", pdf r131).
            if is_caption(t)
                && lines[j + 1..]
                    .iter()
                    .filter(|(_, n)| !n.trim().is_empty())
                    .take(3)
                    .any(|(_, n)| UNIT_LINE.is_match(n))
            {
                break;
            }
            if t.is_empty() || t == "\x0c" {
                j += 1;
                continue;
            }
            let ps = pieces(l, a);
            let numbers = ps.iter().filter(|p| p.number).count();
            // Figures with their units in a sentence cut by a wrap are no
            // row (a performance table's goal text, without figures, is).
            if numbers > 0 && (t.contains('元') || t.contains('%')) && is_prose(t) {
                break;
            }
            if !rows.is_empty() && !has_cell_number(t) && ends_a_table(t, &lines[j + 1..]) {
                break;
            }
            if numbers == 0 {
                if rows.is_empty() {
                    header_lines.push(ps);
                } else if t.chars().count() <= 40 && ps.len() <= 4 {
                    // A label without values (a row whose cells are empty),
                    // or a header repeated after a page break.
                    rows.push((ps, l, a));
                } else {
                    break;
                }
            } else {
                rows.push((ps, l, a));
            }
            end = a + l.trim_end().len();
            j += 1;
        }
        let (header_lines, rows) = fold_cell_per_line(text, header_lines, rows);
        if rows.iter().any(|r| r.0.iter().any(|p| p.number)) {
            let unit = unit_m.map(|u| u.2);
            let t = build(
                norm,
                caption,
                unit_m,
                unit,
                &header_lines,
                &rows,
                (table_start, end),
            );
            push_or_continue(norm, &mut out, t);
        }
        k = j.max(k + 1);
    }
    out
}

/// Adds a table, or its rows to the last one where it is that table's next
/// page: the caption and unit repeated (long-cities g014's 基本支出预算情况表
/// over three pages; g006's flattened 表1 over three page lines), and
/// between the two only a page break: a few short lines at most (page
/// number, page header), no sentence.
fn push_or_continue(norm: &Normalized, out: &mut Vec<Table>, t: Table) {
    let text = norm.text.as_str();
    let page_break = |a: usize, b: usize| {
        let gap = &text[a..b];
        !gap.contains('。')
            && gap.lines().filter(|l| !l.trim().is_empty()).count() <= 4
            && gap.lines().all(|l| l.trim().chars().count() <= 40)
    };
    if let Some(prev) = out.last_mut().filter(|p| {
        p.caption.is_some()
            && p.caption == t.caption
            && p.unit == t.unit
            && p.range.1 <= t.range.0
            && page_break(p.range.1, t.range.0)
    }) {
        prev.rows.extend(t.rows);
        prev.range.1 = t.range.1;
        prev.span = norm.span(prev.range.0, prev.range.1);
        return;
    }
    out.push(t);
}

/// The table of a page flattened onto its unit line `line` (at byte `at`
/// of the text; the unit's range and name in `um`): rows with the code,
/// label and figures [`flat::rows`] found, columns by place, no heads (the
/// header's words run together); a row whose run did not split is left out.
fn flat_table(
    norm: &Normalized,
    line: &str,
    at: usize,
    flat: &flat::Flat,
    um: (usize, usize, &str),
) -> Table {
    let text = norm.text.as_str();
    let factor = unit_factor(um.2);
    let caption =
        (flat.caption.0 < flat.caption.1).then(|| (at + flat.caption.0, at + flat.caption.1));
    let rows = flat
        .rows
        .iter()
        .filter(|r| !r.cells.is_empty())
        .map(|r| TableRow {
            label: r
                .label
                .map_or(String::new(), |(a, b)| line[a..b].to_string()),
            label_span: r.label.map(|(a, b)| norm.span(at + a, at + b)),
            code: r.code.map(|(a, b)| line[a..b].to_string()),
            side: 0,
            cells: r
                .cells
                .iter()
                .enumerate()
                .map(|(column, &(a, b))| {
                    let value = line[a..b].replace(',', "");
                    let yuan = Decimal::from_str(&value)
                        .ok()
                        .and_then(|v| v.checked_mul(factor))
                        .map(|y| y.normalize().to_string());
                    TableCell {
                        column,
                        head: None,
                        text: line[a..b].to_string(),
                        value,
                        yuan,
                        span: norm.span(at + a, at + b),
                    }
                })
                .collect(),
        })
        .collect();
    let start = caption.map_or(um.0, |c| c.0);
    Table {
        caption: caption.map(|(a, b)| text[a..b].to_string()),
        caption_span: caption.map(|(a, b)| norm.span(a, b)),
        kind: caption.and_then(|(a, b)| kind_of(&text[a..b])),
        unit: Some(unit_name(um.2)),
        unit_span: Some(norm.span(um.0, um.1)),
        header: vec![if flat.header.0 < flat.header.1 {
            vec![line[flat.header.0..flat.header.1].to_string()]
        } else {
            Vec::new()
        }],
        columns: Vec::new(),
        rows,
        span: norm.span(start, at + line.trim_end().len()),
        range: (start, at + line.trim_end().len()),
    }
}

/// The unit's name as a static string.
fn unit_name(u: &str) -> &'static str {
    match u {
        "亿元" => "亿元",
        "万元" => "万元",
        "千元" => "千元",
        _ => "元",
    }
}

/// A line of prose cut by a wrap before its sentence's end: long, with
/// commas, and no number in it a cell ("本单位2023年度三公经费支出决算为1.71
/// 万元,比上年减少0.5万元,…认真落实过紧", wide b020 wrapped at 30 characters).
fn is_prose(t: &str) -> bool {
    // Clause commas, not thousands separators ("120258,600", pdf r002).
    let b = t.as_bytes();
    let clauses = t
        .match_indices(',')
        .filter(|&(i, _)| {
            !(i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit))
        })
        .count();
    clauses >= 2 && t.chars().count() >= 30 && !has_cell_number(t)
}

/// A line without cells after a table's rows that is the next heading,
/// not a row whose cells are empty: a part ("第三部分 2026年部门预算情况和
/// 重要事项说明"), or a numbered line that prose follows ("一、预算收支增减变化
/// 情况说明\n2026年收入预算…。"; pdf r221, r231, r234, r243, r254, where
/// the 收支总表's range had run over them and they were read as rows).
fn ends_a_table(t: &str, after: &[(usize, &str)]) -> bool {
    let Some(m) = crate::numbering::marker(t) else {
        return false;
    };
    // A part; or a table's own heading ("三、支出预算总表" above the next
    // table's caption, long-cities g012): no row names a table.
    if m.family == crate::numbering::Family::Part || is_caption(&t[m.len..]) {
        return true;
    }
    let prose =
        |n: &str| n.contains('。') && !has_cell_number(n) && n.chars().count() >= 20 || is_prose(n);
    let mut next = after
        .iter()
        .map(|(_, l)| l.trim())
        .filter(|l| !l.is_empty());
    match (next.next(), next.next()) {
        (Some(n), _) if prose(n) => true,
        // A subsection's heading, then prose ("三、部门预算情况说明\n(一)收支
        // 预算情况说明\n我校2024年收支总预算…。", long-cities g002).
        (Some(n), Some(n2)) => {
            crate::numbering::marker(n).is_some() && !has_cell_number(n) && prose(n2)
        }
        _ => false,
    }
}

/// Where [`fold_cell_per_line`] lays out the values: the first value column
/// starts here, the next ones every [`STEP`] columns; labels stay left of it.
const VALUE0: usize = 100;
const STEP: usize = 20;

/// A piece of a folded table laid out anew: the `slot`-th label piece at the
/// left, or else the next value (counted in `nth`) under its head.
fn laid_out(p: Piece, slot: Option<usize>, nth: &mut usize) -> Piece {
    let col0 = match slot {
        Some(i) => i * 2,
        None => {
            *nth += 1;
            VALUE0 + (*nth - 1) * STEP
        }
    };
    Piece {
        col0,
        col1: col0 + 12,
        cut: false,
        ..p
    }
}

/// A header word that heads the label columns, not a value column: 科目编码,
/// 科目名称, 功能分类科目代码, 项目, 科目.
fn is_label_head(t: &str) -> bool {
    ["编码", "代码", "名称", "分类"]
        .iter()
        .any(|w| t.ends_with(w))
        || matches!(t, "项目" | "科目" | "项 目" | "科 目")
}

/// A table printed a cell per line (pdfminer-style text: "科目编码\n科目
/// 名称\n合计\n基本支出\n项目支出\n…\n合计\n486,554.95\n376,880.37\n
/// 109,674.58"; long-cities g002) rebuilt into rows: the header's words are
/// one header row, and a row runs from its code and label lines to its last
/// value, the k-th value under the k-th value head. Lines keep their own
/// spans; the columns are laid out anew (labels left, values under their
/// heads) so that [`build`] reads them as an aligned table. A row that
/// leaves a cell out shifts its values: only the sums of [`facts`] make a
/// figure a fact. Anything else is returned as it came.
type Rows<'a> = Vec<(Vec<Piece>, &'a str, usize)>;

fn fold_cell_per_line<'a>(
    text: &str,
    header_lines: Vec<Vec<Piece>>,
    rows: Rows<'a>,
) -> (Vec<Vec<Piece>>, Rows<'a>) {
    let single = rows.iter().filter(|r| r.0.len() == 1).count();
    let is_folded = header_lines.len() >= 3
        && header_lines.iter().all(|h| h.len() == 1)
        && rows.len() >= 4
        && single * 10 >= rows.len() * 9;
    if !is_folded {
        return (header_lines, rows);
    }
    // A class code ends the header: "…项目支出\n205\n教育支出\n220,139.76" (the
    // code is no figure, so the header seemed to run on).
    // So does a functional class, the first row's label where the code
    // went with the page furniture ("…项目支出\n教育支出\n220,139.76").
    let is_code_text = |p: &Piece| {
        let t = text[p.start..p.end].trim();
        (2..=7).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
            || crate::vocab::function_class(t).is_some()
    };
    let mut header_lines = header_lines;
    let mut rows = rows;
    if let Some(h) = header_lines.iter().position(|h| h.iter().any(is_code_text)) {
        let moved: Rows<'a> = header_lines
            .split_off(h)
            .into_iter()
            .map(|ps| {
                let at = ps.first().map_or(0, |p| p.start);
                (ps, "", at)
            })
            .collect();
        rows.splice(0..0, moved);
    }
    let mut header = Vec::new();
    let mut values = 0;
    for (i, h) in header_lines.iter().flatten().enumerate() {
        let t = text[h.start..h.end].trim();
        header.push(laid_out(*h, is_label_head(t).then_some(i), &mut values));
    }
    if values == 0 {
        return (header_lines, rows);
    }
    let cells: Vec<(Piece, &'a str, usize)> = rows
        .iter()
        .flat_map(|r| r.0.iter().map(move |p| (*p, r.1, r.2)))
        .collect();
    // A class code: an integer of three to seven digits that words follow.
    let code_at = |k: usize| {
        let t = &text[cells[k].0.start..cells[k].0.end];
        (3..=7).contains(&t.len())
            && t.bytes().all(|b| b.is_ascii_digit())
            && cells.get(k + 1).is_some_and(|n| !n.0.number)
    };
    // A page number left between a page's last row and the next page (a
    // bare integer of up to three digits after a row's values, "…109,674.58
    // \n10\n"), in a table whose figures all have decimals: furniture.
    // (Integers of four digits and more are codes as often as not here.)
    let figures: Vec<&str> = (0..cells.len())
        .filter(|&k| cells[k].0.number && !code_at(k))
        .map(|k| &text[cells[k].0.start..cells[k].0.end])
        .filter(|t| t.contains(['.', ',']) || t.len() <= 3)
        .collect();
    let decimals = figures.iter().filter(|t| t.contains('.')).count();
    let page_number_at = |k: usize| {
        let t = &text[cells[k].0.start..cells[k].0.end];
        decimals * 10 >= figures.len() * 9
            && t.len() <= 3
            && t.bytes().all(|b| b.is_ascii_digit())
            && k > 0
            && cells[k - 1].0.number
            && cells.get(k + 1).is_none_or(|n| !n.0.number)
    };
    let mut out: Rows<'a> = Vec::new();
    let mut row: Vec<Piece> = Vec::new();
    let mut nth_value = 0usize;
    let mut first: Option<(&'a str, usize)> = None;
    for (k, &(p, line, at)) in cells.iter().enumerate() {
        if page_number_at(k) {
            continue;
        }
        let label_like = !p.number || code_at(k);
        if label_like && nth_value > 0 {
            let (l, a) = first.take().unwrap_or((line, at));
            out.push((std::mem::take(&mut row), l, a));
            nth_value = 0;
        }
        first.get_or_insert((line, at));
        let slot = label_like.then_some(row.len());
        row.push(laid_out(p, slot, &mut nth_value));
    }
    if !row.is_empty() {
        out.push((row, first.map_or("", |f| f.0), first.map_or(0, |f| f.1)));
    }
    // Rows that hold as many values as the header has value heads (one
    // fewer for a 备注) say the text runs row by row; else it runs column
    // by column, or leaves cells out, and no value takes a head: the values
    // are marked cut, which [`build`] reads as columns by place (long
    // corpus, 普陀's budgets: values, then their codes 208 05 01).
    let counts: Vec<usize> = out
        .iter()
        .map(|r| r.0.iter().filter(|p| p.col0 >= VALUE0).count())
        .filter(|&n| n > 0)
        .collect();
    let fits = counts
        .iter()
        .filter(|&&n| n <= values && n + 1 >= values)
        .count();
    if values < 2 || fits * 10 < counts.len() * 9 {
        for r in &mut out {
            for p in r.0.iter_mut().filter(|p| p.col0 >= VALUE0) {
                p.cut = true;
            }
        }
    }
    (vec![header], out)
}

/// Whether piece `i` of a row is a class code printed in a column of its
/// own before the label ("208   05   01   行政运行"): an integer of two to
/// seven digits before the row's first words, when words follow.
fn is_code(ps: &[Piece], i: usize, text: &str) -> bool {
    let p = ps[i];
    let t = &text[p.start..p.end];
    p.number
        && ps.iter().position(|p| !p.number).is_some_and(|w| i < w)
        && (2..=7).contains(&t.len())
        && t.bytes().all(|b| b.is_ascii_digit())
}

/// Right edges of value cells (class codes left out) clustered: the
/// cluster end columns, sorted.
fn clusters(rows: &[(Vec<Piece>, &str, usize)], text: &str) -> Vec<usize> {
    let mut ends: Vec<usize> = rows
        .iter()
        .flat_map(|r| {
            (0..r.0.len())
                .filter(|&i| r.0[i].number && !is_code(&r.0, i, text))
                .map(|i| r.0[i].col1)
        })
        .collect();
    ends.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::new(); // (first, last) of a cluster
    for e in ends {
        match out.last_mut() {
            Some(c) if e <= c.1 + 2 => c.1 = e,
            _ => out.push((e, e)),
        }
    }
    out.into_iter().map(|c| c.1).collect()
}

fn build(
    norm: &Normalized,
    caption: Option<(usize, usize)>,
    unit_m: Option<(usize, usize, &str)>,
    unit: Option<&str>,
    header_lines: &[Vec<Piece>],
    rows: &[(Vec<Piece>, &str, usize)],
    span: (usize, usize),
) -> Table {
    let text = norm.text.as_str();
    let cl = clusters(rows, text);
    // Clusters say something only when rows line up: no row has two values
    // in one cluster, and there are not more clusters than a row has cells
    // twice over.
    let max_cells = rows
        .iter()
        .map(|r| r.0.iter().filter(|p| p.number).count())
        .max()
        .unwrap_or(0);
    // Values cut out of wider pieces (text whose columns a copy lost, "…
    // 12,506,000一、…") say nothing of columns: most values must stand apart.
    let values: Vec<&Piece> = rows
        .iter()
        .flat_map(|r| {
            (0..r.0.len())
                .filter(|&i| r.0[i].number && !is_code(&r.0, i, text))
                .map(|i| &r.0[i])
        })
        .collect();
    let cut = values.iter().filter(|p| p.cut).count();
    let aligned = cut * 5 <= values.len()
        && !cl.is_empty()
        && cl.len() <= max_cells * 2
        && cl.len() <= 16
        && rows.iter().all(|r| {
            let mut seen = vec![false; cl.len()];
            (0..r.0.len())
                .filter(|&i| r.0[i].number && !is_code(&r.0, i, text))
                .all(|i| {
                    let p = r.0[i];
                    let c = cl.partition_point(|&e| e + 2 < p.col1).min(cl.len() - 1);
                    !std::mem::replace(&mut seen[c], true)
                })
        });
    let column_of = |p: &Piece| {
        cl.partition_point(|&e| e + 2 < p.col1)
            .min(cl.len().saturating_sub(1))
    };
    // Column heads from the header rows: the words whose columns overlap
    // the value column's extent (the widest value in it, right-aligned).
    let mut columns: Vec<String> = Vec::new();
    if aligned {
        let mut left = vec![usize::MAX; cl.len()];
        for r in rows {
            for i in (0..r.0.len()).filter(|&i| r.0[i].number && !is_code(&r.0, i, text)) {
                let p = &r.0[i];
                let c = column_of(p);
                left[c] = left[c].min(p.col0);
            }
        }
        for (c, &right) in cl.iter().enumerate() {
            let (l, r) = (left[c].saturating_sub(2), right + 2);
            let mut path: Vec<&str> = Vec::new();
            for h in header_lines {
                // The header word whose centre is nearest the column's,
                // among those overlapping it.
                let mid = (l + r) / 2;
                let best = h
                    .iter()
                    .filter(|p| p.col0 < r && p.col1 > l)
                    .min_by_key(|p| ((p.col0 + p.col1) / 2).abs_diff(mid));
                if let Some(p) = best {
                    let w = text[p.start..p.end].trim();
                    if path.last() != Some(&w) {
                        path.push(w);
                    }
                }
            }
            columns.push(path.join("/"));
        }
    }
    let factor = unit.map(unit_factor);
    let mut out_rows: Vec<TableRow> = Vec::new();
    for (ps, _, _) in rows {
        let mut side = 0u8;
        let mut label: Option<(usize, usize)> = None;
        let mut cells: Vec<TableCell> = Vec::new();
        let mut place = 0usize;
        let mut last_col1 = 0usize;
        let flush = |label: Option<(usize, usize)>,
                     cells: Vec<TableCell>,
                     side: u8,
                     out: &mut Vec<TableRow>| {
            if label.is_none() && cells.is_empty() {
                return;
            }
            let (lbl, code) = match label {
                Some((s, e)) => {
                    let t = text[s..e].trim();
                    match CODE.captures(t) {
                        Some(c) => (
                            c.get(2).map_or("", |m| m.as_str()).trim().to_string(),
                            c.get(1)
                                .map(|m| m.as_str().chars().filter(char::is_ascii_digit).collect()),
                        ),
                        None => (t.to_string(), None),
                    }
                }
                None => (String::new(), None),
            };
            out.push(TableRow {
                label: lbl,
                label_span: label.map(|(s, e)| norm.span(s, e)),
                code,
                side,
                cells,
            });
        };
        // Class codes printed in columns of their own before the label
        // ("208   05   01   行政运行"): integers of two to seven digits
        // before any words, when words follow.
        let mut code_cols = String::new();
        let first_row = out_rows.len();
        for (i, p) in ps.iter().enumerate() {
            if is_code(ps, i, text) && label.is_none() && cells.is_empty() {
                code_cols.push_str(&text[p.start..p.end]);
                continue;
            }
            if p.number {
                let t = &text[p.start..p.end];
                let value = t.replace(',', "");
                let column = if aligned { column_of(p) } else { place };
                place += 1;
                let yuan = factor.and_then(|f| {
                    Decimal::from_str(&value)
                        .ok()
                        .and_then(|v| v.checked_mul(f))
                });
                cells.push(TableCell {
                    column,
                    head: columns.get(column).filter(|h| !h.is_empty()).cloned(),
                    text: t.to_string(),
                    value,
                    yuan: yuan.map(|y| y.normalize().to_string()),
                    span: norm.span(p.start, p.end),
                });
            } else if cells.is_empty() && label.is_none_or(|_| p.col0 <= last_col1 + 4) {
                // Words before any value: the label (words split by a small
                // gap, "合　计", are one label).
                label = Some(match label {
                    Some((s, _)) => (s, p.end),
                    None => (p.start, p.end),
                });
            } else {
                // Words after values, or far after a label without values
                // ("三、事业单位经营收入      三、卫生健康支出  32.20"): the
                // row's other side.
                flush(
                    label.take(),
                    std::mem::take(&mut cells),
                    side,
                    &mut out_rows,
                );
                side = side.saturating_add(1);
                label = Some((p.start, p.end));
            }
            last_col1 = p.col1;
        }
        flush(label, cells, side, &mut out_rows);
        if !code_cols.is_empty() {
            if let Some(r) = out_rows.get_mut(first_row).filter(|r| r.code.is_none()) {
                r.code = Some(code_cols);
            }
        }
    }
    Table {
        caption: caption.map(|(s, e)| text[s..e].to_string()),
        caption_span: caption.map(|(s, e)| norm.span(s, e)),
        kind: caption.and_then(|(s, e)| kind_of(&text[s..e])),
        unit: unit_m.map(|u| unit_name(u.2)),
        unit_span: unit_m.map(|u| norm.span(u.0, u.1)),
        header: header_lines
            .iter()
            .map(|h| h.iter().map(|p| text[p.start..p.end].to_string()).collect())
            .collect(),
        columns,
        rows: out_rows,
        span: norm.span(span.0, span.1),
        range: span,
    }
}

/// A key fact read from a table: the key, the table, the row and the cell.
pub struct TableFact<'t> {
    pub key: &'static str,
    pub table: &'t Table,
    pub row: &'t TableRow,
    pub cell: &'t TableCell,
}

/// Key facts that the mandated tables state in columns other than the first
/// (the prose of a full document often leaves them to the tables: 基本支出,
/// 项目支出, 人员经费, 公用经费, the 三公 items; long corpus). Precision first:
/// a figure is taken only where the row's own sums confirm which column is
/// which, and where column heads are known they must agree:
/// - the total row (合计/总计) of a 支出总表 (all funds): 合计 =
///   基本支出 plus 项目支出 (3 values), or with 基本支出 split, 合计 = 基本
///   plus 项目 and 基本 = 人员经费 plus 公用经费 (5 values);
/// - the total row of a 基本支出 table (经济分类): 合计 = 人员经费 + 公用经费;
/// - the one row of figures of a 三公 table: 合计 = 出国 + 车 + 接待 and 车 =
///   购置 + 运行, in
///   either of the template's two orders (车 before or after 接待).
///
/// No column headed as last year's, nor (in a 决算) as the budget, is read.
pub fn facts(tables: &[Table], final_accounts: bool) -> Vec<TableFact<'_>> {
    let mut out = Vec::new();
    for t in tables {
        let Some(kind) = t.kind else { continue };
        if t.unit.is_none() {
            continue;
        }
        for row in &t.rows {
            // Last year's row, or the change (增减变化金额): not the year's.
            if ["上年", "增减", "变化", "比较"]
                .iter()
                .any(|w| row.label.contains(w))
            {
                continue;
            }
            let cells: Vec<&TableCell> = row
                .cells
                .iter()
                .filter(|c| {
                    c.head.as_deref().is_none_or(|h| {
                        !(h.contains("上年")
                            || final_accounts && h.contains("预算") && !h.contains("决算"))
                    })
                })
                .collect();
            if cells.len() != row.cells.len() {
                continue;
            }
            let v: Vec<Decimal> = cells
                .iter()
                .filter_map(|c| Decimal::from_str(&c.value).ok())
                .collect();
            if v.len() != cells.len() {
                continue;
            }
            // Heads, where known, must name what the sums say.
            let agrees = |i: usize, words: &[&str]| {
                cells[i]
                    .head
                    .as_deref()
                    .is_none_or(|h| words.iter().any(|w| h.contains(w)))
            };
            let mut take = |pairs: &[(usize, &'static str, &[&str])]| {
                if pairs.iter().all(|&(i, _, w)| agrees(i, w)) {
                    for &(i, key, _) in pairs {
                        out.push(TableFact {
                            key,
                            table: t,
                            row,
                            cell: cells[i],
                        });
                    }
                }
            };
            let label: String = row.label.chars().filter(|c| !c.is_whitespace()).collect();
            let total_row = matches!(
                label.as_str(),
                "合计" | "总计" | "支出合计" | "本年支出合计"
            );
            // (Not the 一般公共预算 table's: its total is of one fund only;
            // jianguanwei's 项目支出 is 3,204,090,202 in all, 411,233,202 there.)
            if total_row && kind == "t3_expenditure" {
                if v.len() == 3 && v[0] == v[1] + v[2] {
                    take(&[
                        (1, "expenditure.basic", &["基本"]),
                        (2, "expenditure.project", &["项目"]),
                    ]);
                } else if v.len() == 5 && v[0] == v[1] + v[4] && v[1] == v[2] + v[3] {
                    take(&[
                        (1, "expenditure.basic", &["基本"]),
                        (2, "expenditure.personnel", &["人员"]),
                        (3, "expenditure.public_use", &["公用"]),
                        (4, "expenditure.project", &["项目"]),
                    ]);
                }
            }
            // The 基本支出 table's total row: 合计 = 人员经费 + 公用经费.
            if total_row && kind == "t6_gpb_basic" && v.len() == 3 && v[0] == v[1] + v[2] {
                take(&[
                    (0, "expenditure.basic", &["合计", "基本"]),
                    (1, "expenditure.personnel", &["人员"]),
                    (2, "expenditure.public_use", &["公用"]),
                ]);
            }
            // A 三公 table with one row of figures only: one that also gives
            // last year's and the change (rows "2025年", "2026年", "增减变化
            // 金额", pdf r055) does not say which row is the year's here.
            let sangong_rows = t.rows.iter().filter(|r| r.cells.len() >= 6).count();
            if kind == "t7_sangong" && v.len() >= 6 && sangong_rows == 1 {
                let car_mid = v[0] == v[1] + v[2] + v[5] && v[2] == v[3] + v[4];
                let car_last = v[0] == v[1] + v[2] + v[3] && v[3] == v[4] + v[5];
                // Both orders add up only with zeros in telling places;
                // then the figures must be the same either way.
                let same = v[2] == v[5] && v[2] == v[3] && v[3] == v[4] && v[4] == v[5];
                if car_mid && car_last && !same {
                    continue;
                }
                // 合计, 出国, 车(小计, 购置, 运行), 接待 [, 机关运行经费 …]
                if car_mid {
                    take(&[
                        (0, "three_public.total", &["合计", "三公"]),
                        (1, "three_public.overseas", &["出国"]),
                        (2, "three_public.vehicle", &["公务用车", "小计"]),
                        (3, "three_public.vehicle_purchase", &["购置"]),
                        (4, "three_public.vehicle_operation", &["运行"]),
                        (5, "three_public.reception", &["接待"]),
                    ]);
                // 合计, 出国, 接待, 车(小计, 购置, 运行)
                } else if car_last {
                    take(&[
                        (0, "three_public.total", &["合计", "三公"]),
                        (1, "three_public.overseas", &["出国"]),
                        (2, "three_public.reception", &["接待"]),
                        (3, "three_public.vehicle", &["公务用车", "小计"]),
                        (4, "three_public.vehicle_purchase", &["购置"]),
                        (5, "three_public.vehicle_operation", &["运行"]),
                    ]);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(t: &str) -> Vec<Table> {
        find(&crate::normalize::normalize(t))
    }

    /// A table over two pages, its caption and unit line repeated on the
    /// second (long-cities g014): one table. A caption three lines above
    /// its unit line, blank lines between (g008), is the caption.
    #[test]
    fn a_table_over_two_pages_is_one() {
        let t = "某局2026年支出总表\n\n部门:某局\n\n单位:万元\n项目 合计\n一、教育支出 5.00\n- 3 -\n某局2026年支出总表\n部门:某局\n单位:万元\n项目 合计\n二、住房保障支出 7.00\n";
        let ts = tables(t);
        assert_eq!(ts.len(), 1, "{ts:?}");
        assert_eq!(ts[0].caption.as_deref(), Some("某局2026年支出总表"));
        assert_eq!(ts[0].rows.len(), 2);
        // Prose between two tables of one caption: two tables.
        let t2 = t.replace("- 3 -", "本表反映部门支出。说明如下。");
        assert_eq!(tables(&t2).len(), 2);
    }

    #[test]
    fn aligned_columns_with_an_empty_cell() {
        let t = "2026年部门支出预算总表\n单位:万元\n科目编码                     合计        基本支出        项目支出\n合计                     1,386.40        1,006.20          380.20\n208 社会保障和就业支出      98.60           98.60\n20702 文物                   0.00                            0.00\n";
        let ts = tables(t);
        assert_eq!(ts.len(), 1, "{ts:?}");
        let tb = &ts[0];
        assert_eq!(tb.kind, Some("t3_expenditure"));
        assert_eq!(tb.unit, Some("万元"));
        assert_eq!(tb.columns, ["合计", "基本支出", "项目支出"]);
        assert_eq!(tb.rows[0].label, "合计");
        assert_eq!(tb.rows[0].cells[2].yuan.as_deref(), Some("3802000"));
        let r = &tb.rows[1];
        assert_eq!(
            (r.code.as_deref(), r.label.as_str()),
            (Some("208"), "社会保障和就业支出")
        );
        let r = &tb.rows[2];
        assert_eq!(r.cells.iter().map(|c| c.column).collect::<Vec<_>>(), [0, 2]);
        assert_eq!(r.cells[1].head.as_deref(), Some("项目支出"));
    }

    /// A table printed a cell per line, row by row (long-cities g002's
    /// second table): rows rebuilt, values under their heads, the page
    /// number after the last row dropped; the total row's sums make facts.
    #[test]
    fn a_cell_per_line_row_by_row() {
        let t = "某大学支出预算表\n\n单位:万元\n\n科目编码\n\n科目名称\n\n合计\n\n基本支出\n\n项目支出\n\n205\n\n教育支出\n\n220,139.76\n\n183,484.57\n\n36,655.19\n\n20502\n\n普通教育\n\n217,148.74\n\n182,313.72\n\n34,835.02\n\n2050202\n\n小学教育\n\n8,479.96\n\n7,930.96\n\n549.00\n\n合计\n\n220,139.76\n\n183,484.57\n\n36,655.19\n\n10\n";
        let ts = tables(t);
        assert_eq!(ts.len(), 1, "{ts:?}");
        let tb = &ts[0];
        let rows: Vec<(Option<&str>, &str, usize)> = tb
            .rows
            .iter()
            .map(|r| (r.code.as_deref(), r.label.as_str(), r.cells.len()))
            .collect();
        assert_eq!(
            rows,
            [
                (Some("205"), "教育支出", 3),
                (Some("20502"), "普通教育", 3),
                (Some("2050202"), "小学教育", 3),
                (None, "合计", 3)
            ]
        );
        assert_eq!(tb.rows[1].cells[1].head.as_deref(), Some("基本支出"));
        let f = facts(&ts, false);
        let kv: Vec<(&str, &str)> = f.iter().map(|f| (f.key, f.cell.value.as_str())).collect();
        assert_eq!(
            kv,
            [
                ("expenditure.basic", "183484.57"),
                ("expenditure.project", "36655.19")
            ]
        );
    }

    /// Printed column by column (g002's first table: codes, then names,
    /// then figures), rows come out with no heads: no value is put under
    /// a head it may not belong to.
    #[test]
    fn a_cell_per_line_column_by_column() {
        let t = "某大学支出预算表\n单位:万元\n科目编码\n科目名称\n合计\n基本支出\n项目支出\n205\n教育支出\n20502\n普通教育\n2050202\n2050204\n小学教育\n高中教育\n452,738.18\n344,338.18\n108,400.00\n8,479.96\n7,930.96\n549.00\n17,621.42\n合计\n486,554.95\n";
        let ts = tables(t);
        assert_eq!(ts.len(), 1, "{ts:?}");
        assert!(ts[0].columns.is_empty(), "{:?}", ts[0].columns);
        assert!(
            ts[0]
                .rows
                .iter()
                .flat_map(|r| &r.cells)
                .all(|c| c.head.is_none())
        );
        assert!(facts(&ts, false).is_empty());
    }

    #[test]
    fn two_sides_of_an_overall_table() {
        let t = "收支预算总表\n单位:元\n一、财政拨款收入   12,506,000   一、文化旅游体育与传媒支出   10,206,000\n收入总计   12,506,000   支出总计   12,506,000\n";
        let ts = tables(t);
        assert_eq!(ts[0].kind, Some("t1_overall"));
        let rows: Vec<(&str, u8, &str)> = ts[0]
            .rows
            .iter()
            .map(|r| (r.label.as_str(), r.side, r.cells[0].value.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                ("一、财政拨款收入", 0, "12506000"),
                ("一、文化旅游体育与传媒支出", 1, "10206000"),
                ("收入总计", 0, "12506000"),
                ("支出总计", 1, "12506000"),
            ]
        );
    }

    #[test]
    fn pipe_rows_and_prose_end() {
        let t = "一般公共预算“三公”经费支出表\n单位:万元\n项目 | 预算数\n公务接待费 | 1.20\n公务用车购置及运行费 | 2.00\n本表反映三公经费。\n其他 | 9.99\n";
        let ts = tables(t);
        assert_eq!(ts.len(), 1);
        assert_eq!(ts[0].kind, Some("t7_sangong"));
        assert_eq!(ts[0].rows.len(), 2);
        assert_eq!(ts[0].header, [vec!["项目", "预算数"]]);
    }

    #[test]
    fn kinds_by_caption() {
        for (c, k) in [
            ("2026年部门财务收支预算总表", Some("t1_overall")),
            ("财政拨款收支预算总表", Some("t4_fiscal_overall")),
            (
                "一般公共预算基本支出部门预算经济分类预算表",
                Some("t6_gpb_basic"),
            ),
            ("一般公共预算支出功能分类预算表", Some("t5_gpb_expenditure")),
            ("政府性基金预算支出功能分类预算表", Some("t8_gov_fund")),
            ("收入决算表", Some("t2_revenue")),
            ("项目支出绩效目标表", Some("x_performance")),
            ("人员名单表", None),
        ] {
            assert_eq!(kind_of(c), k, "{c}");
        }
    }

    #[test]
    fn facts_only_where_the_sums_say_which_column_is_which() {
        let t = "支出总表\n单位:万元\n合计   100.00   60.00   40.00\n";
        let ts = tables(t);
        let keys: Vec<(&str, &str)> = facts(&ts, false)
            .iter()
            .map(|f| (f.key, f.cell.value.as_str()))
            .collect();
        assert_eq!(
            keys,
            [
                ("expenditure.basic", "60.00"),
                ("expenditure.project", "40.00")
            ]
        );
        // Columns that do not add up: nothing.
        let ts = tables("支出总表\n单位:万元\n合计   100.00   60.00   30.00\n");
        assert!(facts(&ts, false).is_empty());
        // 三公 with the car after 接待: 114.22 = 0 + 0.46 + 113.76, 113.76 = 75 + 38.76.
        let ts = tables(
            "“三公”经费支出表\n单位:万元\n   114.22   0.00   0.46   113.76   75.00   38.76\n",
        );
        let got: Vec<(&str, &str)> = facts(&ts, false)
            .iter()
            .map(|f| (f.key, f.cell.value.as_str()))
            .collect();
        assert!(got.contains(&("three_public.reception", "0.46")), "{got:?}");
        assert!(
            got.contains(&("three_public.vehicle_purchase", "75.00")),
            "{got:?}"
        );
    }

    #[test]
    fn no_unit_line_no_table() {
        assert!(tables("收入 1,000.00 2,000.00\n").is_empty());
    }
}
