//! Table pages flattened onto one line: the text of an HTML page (or a
//! copy) that keeps each page of a PDF's tables as one line, its unit line,
//! with no white space left between cells: "表1收支总表部门名称:某局单位:万元
//! …项目2026年预算数一、财政拨款7,099.97一、教育支出5.11  1.一般公共预算拨款
//! 7,099.97…", a row's cells glued into one run, "205教育支出5.115.110.00…"
//! (long-cities g006, Shenzhen's template).
//!
//! The tail after the unit is read as rows: a row is its label and a run of
//! digits that splits into figures of exactly two decimals, the only split
//! of such a run that is unambiguous ("7,199.973,217.16" is 7,199.97 and
//! 3,217.16; "2,743.31734.66" is 2,743.31 and 734.66). The run may end in
//! the next row's class code ("0.0020508进修及培训") or its marker's digits
//! ("0.002.非财政拨款…"), which start the next label.
//! - At least four such figures on the line, or it is no flattened table.
//! - A run that does not split so (three decimals, a stray separator), or
//!   that writes a figure of four digits or more without separators where
//!   the page uses them, gives a row without cells (`bad`): nothing is read
//!   from it.
//! - The words before the first run are the caption, header and first
//!   row's label together: the label starts at the last numbering marker or
//!   class code there ("…2026年预算数一、财政拨款"); without one the first row
//!   has no label ("…上年结余、结转深圳市气象局(本级)7,199.97…", a 收入总表's one
//!   row under its glued heads), and the words are all header.
//! - The caption is the words before the unit up to 部门名称/单位名称/编制单位,
//!   from its number on where it has one ("二、表格部分表1收支总表" is 表1收支总表).
//! - A minus sign before a run is its first figure's; a negative figure
//!   glued to the figures before it ("0.00-3.50") goes on the same row. A
//!   year before 年 after the figures ("…0.002026年27.60…", a 三公 table's
//!   rows by year) starts the next label, as a class code does.

use std::sync::LazyLock;

use regex::Regex;

#[allow(clippy::expect_used)] // fixed pattern
static TWO_DECIMALS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)\.[0-9]{2}").expect("cell regex")
});

/// A flattened table page: byte ranges in its line.
#[derive(Debug)]
pub(crate) struct Flat {
    /// The caption before the unit (may be empty).
    pub caption: (usize, usize),
    /// The header words between the unit and the first row's label.
    pub header: (usize, usize),
    pub rows: Vec<FlatRow>,
}

#[derive(Debug)]
pub(crate) struct FlatRow {
    /// The label as printed, marker and all, without its class code (`None`
    /// for the first row under a glued header without a marker or code).
    pub label: Option<(usize, usize)>,
    /// The class code in front of the label, if any.
    pub code: Option<(usize, usize)>,
    /// The figures; empty for a run that did not split.
    pub cells: Vec<(usize, usize)>,
}

/// A class code's length: 功能分类 类/款/项 (3, 5, 7 digits) or 经济分类
/// (3, 5).
fn code_len(n: usize) -> bool {
    matches!(n, 3 | 5 | 7)
}

/// The rows of `line` read as a flattened table page whose unit ends at
/// byte `from`; `None` when it is not one (fewer than four figures).
pub(crate) fn rows(line: &str, from: usize) -> Option<Flat> {
    let b = line.as_bytes();
    // Runs of digits, separators and points.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = from;
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
    // Each run: (start, figures, where the next label may start, bad).
    type Split = (usize, Vec<(usize, usize)>, usize, bool);
    let mut split: Vec<Split> = Vec::new();
    let mut commas = false;
    let mut wide_plain = Vec::new();
    for &(s, e) in &runs {
        // A minus sign before the run belongs to its first figure.
        let neg = s > from && b[s - 1] == b'-';
        let mut p = s;
        let mut cells = Vec::new();
        let mut wide = false;
        while let Some(m) = TWO_DECIMALS.find(&line[p..e]) {
            let cell = &line[p..p + m.end()];
            commas |= cell.contains(',');
            wide |= !cell.contains(',') && cell.find('.').is_some_and(|d| d > 3);
            cells.push((if neg && p == s { s - 1 } else { p }, p + m.end()));
            p += m.end();
        }
        if cells.is_empty() {
            continue; // words: a year, a marker's digits, a code
        }
        let rest = &line[p..e];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let year = digits == 4
            && (rest.starts_with("19") || rest.starts_with("20"))
            && line[e..].starts_with('年');
        let ok_rest = rest.is_empty()
            || rest.len() == digits && (code_len(digits) || year)
            || digits <= 2 && digits + 1 == rest.len() && rest.ends_with('.');
        wide_plain.push(wide);
        split.push((s, cells, if ok_rest { p } else { e }, !ok_rest));
    }
    if split
        .iter()
        .filter(|r| !r.3)
        .map(|r| r.1.len())
        .sum::<usize>()
        < 4
    {
        return None;
    }
    let unit_at = line[..from]
        .rfind("单位")
        .map(|i| {
            if line[..i].ends_with("金额") {
                i - "金额".len()
            } else {
                i
            }
        })
        .unwrap_or(from);
    let before = &line[..unit_at];
    let cap_end = ["部门名称", "单位名称", "编制单位"]
        .iter()
        .filter_map(|w| before.find(w))
        .min()
        .unwrap_or(before.len());
    // "二、表格部分表1收支总表": the caption starts at its number.
    let cap_start = before[..cap_end]
        .rmatch_indices('表')
        .map(|(i, _)| i)
        .find(|&i| before[i + '表'.len_utf8()..].starts_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(0);
    let caption = trimmed(line, cap_start, cap_end);
    let mut out = Flat {
        caption,
        header: (from, from),
        rows: Vec::with_capacity(split.len()),
    };
    let mut label_from = from;
    for (k, (at, cells, next, bad)) in split.into_iter().enumerate() {
        let at = cells.first().map_or(at, |c| c.0.min(at));
        let (mut la, lb) = trimmed(line, label_from, at);
        label_from = next;
        // A negative figure glued to the one before ("0.00-3.50"): the same
        // row goes on.
        let bad = bad || wide_plain[k] && commas;
        if la == lb && k > 0 && line[at..].starts_with('-') {
            if let Some(prev) = out.rows.last_mut().filter(|r| !r.cells.is_empty()) {
                if bad {
                    prev.cells.clear();
                } else {
                    prev.cells.extend(cells);
                }
                continue;
            }
        }
        if k == 0 {
            match row_start(&line[la..lb]) {
                Some(d) => {
                    out.header = trimmed(line, from, la + d);
                    la += d;
                }
                None => {
                    out.header = (la, lb);
                    la = lb;
                }
            }
        }
        // A class code in front is no part of the label (a marker is).
        let code_digits = line[la..lb].bytes().take_while(u8::is_ascii_digit).count();
        let code = (code_len(code_digits)
            && line[la + code_digits..lb].starts_with(crate::normalize::is_han))
        .then_some((la, la + code_digits));
        if let Some(c) = code {
            la = c.1;
        }
        out.rows.push(FlatRow {
            label: (la < lb).then_some((la, lb)),
            code,
            cells: if bad { Vec::new() } else { cells },
        });
    }
    Some(out)
}

/// `line[a..b]` without the white space at its ends.
fn trimmed(line: &str, a: usize, b: usize) -> (usize, usize) {
    let s = &line[a..b];
    let a2 = a + (s.len() - s.trim_start().len());
    (a2, a2 + s.trim().len())
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
        if code_len(digits) && rest[digits..].starts_with(crate::normalize::is_han) {
            found = Some(i);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(line: &str) -> Vec<(String, String, Vec<String>)> {
        let from = line.find("万元").map(|i| i + "万元".len()).unwrap();
        let f = rows(line, from).unwrap();
        f.rows
            .iter()
            .map(|r| {
                (
                    r.code
                        .map_or(String::new(), |(a, b)| line[a..b].to_string()),
                    r.label
                        .map_or(String::new(), |(a, b)| line[a..b].to_string()),
                    r.cells
                        .iter()
                        .map(|&(a, b)| line[a..b].to_string())
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn glued_runs_split_at_two_decimals() {
        let line = "表3支出总表部门名称:某局单位:万元科目名称支出总计基本支出某局  7,199.973,217.162,743.31734.660.00205教育支出5.115.110.0020508进修及培训5.11";
        let r = show(line);
        assert_eq!(
            r[0],
            (
                String::new(),
                String::new(),
                vec!["7,199.97", "3,217.16", "2,743.31", "734.66", "0.00"]
                    .into_iter()
                    .map(String::from)
                    .collect()
            )
        );
        assert_eq!((r[1].0.as_str(), r[1].1.as_str()), ("205", "教育支出"));
        assert_eq!(r[1].2, ["5.11", "5.11", "0.00"]);
        assert_eq!((r[2].0.as_str(), r[2].1.as_str()), ("20508", "进修及培训"));
        let f = rows(line, line.find("万元").unwrap() + 6).unwrap();
        assert_eq!(&line[f.caption.0..f.caption.1], "表3支出总表");
        assert_eq!(
            &line[f.header.0..f.header.1],
            "科目名称支出总计基本支出某局"
        );
    }

    #[test]
    fn first_label_after_the_header_starts_at_its_marker() {
        let r = show(
            "表1收支总表单位:万元项目2026年预算数一、财政拨款7,099.97一、教育支出5.11  1.一般公共预算拨款7,099.970.002.非财政拨款结余、结转60.00",
        );
        let labels: Vec<&str> = r.iter().map(|r| r.1.as_str()).collect();
        assert_eq!(
            labels,
            [
                "一、财政拨款",
                "一、教育支出",
                "1.一般公共预算拨款",
                "2.非财政拨款结余、结转"
            ]
        );
        assert_eq!(r[2].2, ["7,099.97", "0.00"]);
    }

    #[test]
    fn a_run_that_does_not_split_gives_no_cells() {
        let r = show(
            "表1收支总表单位:万元项目一、财政拨款7,099.973一、教育支出5.11二、社会保障和就业支出409.64三、住房保障支出1.00四、其他支出2.00",
        );
        assert_eq!(r[0].1, "一、财政拨款");
        assert!(r[0].2.is_empty());
        assert_eq!(r[1].2, ["5.11"]);
        // Fewer than four figures: no flattened table.
        let l = "表1收支总表单位:万元一、财政拨款7,099.97二、其他1.00";
        assert!(rows(l, l.find("万元").unwrap() + 6).is_none());
        // A page writing separators: 1234.00 without one is no figure.
        let r = show("表1单位:万元一、甲1,000.00二、乙2,000.00三、丙1234.00四、丁5.00五、戊6.00");
        assert!(r[2].2.is_empty());
    }
}
