//! Heading markers: the Chinese numbering families.
//!
//! | family      | forms                                   | rank |
//! |-------------|-----------------------------------------|------|
//! | `Part`      | 第一部分, 第2部分, 第三部 (misprint, doc 041) | 0 |
//! | `CnComma`   | 一、 一. 一,                              | 1 |
//! | `CnParen`   | (一) — after normalization of （一）      | 2 |
//! | `Arabic`    | 1. 1、 1． 1﹒ "1. "                      | 3 |
//! | `ArabicParen` | (1) 1)                                | 4 |
//! | `Circled`   | ① … ⑳                                   | 5 |
//!
//! The rank is the GB/T 9704 order (一、 > （一） > 1. > （1）). A document may
//! start at any family (some start at （一）); levels are computed from the
//! ranks present, so the first family used is level 1.
//!
//! Works on *normalized* text (ASCII punctuation), one line at a time.

use regex::Regex;
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    Part,
    CnComma,
    CnParen,
    Arabic,
    ArabicParen,
    Circled,
}

impl Family {
    pub fn rank(self) -> u8 {
        self as u8
    }
}

/// A marker found at the start of a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marker {
    pub family: Family,
    pub ordinal: u32,
    /// Byte length of the marker in the line, including the spaces after it.
    pub len: usize,
    /// Byte length of the marker proper (without trailing spaces).
    pub marker_len: usize,
}

#[allow(clippy::expect_used)] // fixed patterns, checked by the tests below
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:",
        r"(?P<part>第\s*(?P<pn>[一二三四五六七八九十]{1,3}|\d{1,2})\s*部分?)",
        r"|(?P<cc>(?P<ccn>[一二三四五六七八九十]{1,3})\s*[、.,])",
        r"|(?P<cp>\(\s*(?P<cpn>[一二三四五六七八九十]{1,3})\s*\))",
        r"|(?P<ap>\(\s*(?P<apn>\d{1,2})\s*\)|(?P<apn2>\d{1,2})\))",
        r"|(?P<ar>(?P<arn>\d{1,2})\s*[.、])",
        r"|(?P<ci>[①-⑳])",
        r")(?P<sp>[ \t]*)"
    ))
    .expect("marker regex")
});

/// Recognizes a heading marker at the start of `line` (leading white space
/// already trimmed). Returns `None` for things that only look like markers:
/// "1.5万元" (a decimal), "2023年", "第三部门", "一般…".
pub fn marker(line: &str) -> Option<Marker> {
    // Cheap test first: most lines cannot start a marker, and the captures
    // of the full pattern are the costliest step of segmentation.
    let first = line.chars().next()?;
    if !(first == '第'
        || first == '('
        || first.is_ascii_digit()
        || ('①'..='⑳').contains(&first)
        || "一二三四五六七八九十".contains(first))
    {
        return None;
    }
    let caps = MARKER.captures(line)?;
    let whole = caps.get(0)?;
    let sp = caps.name("sp").map_or(0, |m| m.len());
    let rest = &line[whole.end()..];
    let (family, num) = if let Some(n) = caps.name("pn") {
        // "第三部门" is not a part; "第三部广水市…" (doc 041) is a misprinted 第三部分.
        let m = caps.name("part")?;
        if !m.as_str().ends_with('分') && rest.starts_with('门') {
            return None;
        }
        (Family::Part, n.as_str())
    } else if let Some(n) = caps.name("ccn") {
        (Family::CnComma, n.as_str())
    } else if let Some(n) = caps.name("cpn") {
        (Family::CnParen, n.as_str())
    } else if let Some(n) = caps.name("apn").or_else(|| caps.name("apn2")) {
        (Family::ArabicParen, n.as_str())
    } else if let Some(n) = caps.name("arn") {
        // "1.5万元", "1.00": a decimal point, not a marker.
        if rest.starts_with(|c: char| c.is_ascii_digit()) && sp == 0 {
            return None;
        }
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        (Family::Arabic, n.as_str())
    } else if let Some(m) = caps.name("ci") {
        let c = m.as_str().chars().next()?;
        let ordinal = c as u32 - '①' as u32 + 1;
        return Some(Marker {
            family: Family::Circled,
            ordinal,
            len: whole.len(),
            marker_len: whole.len() - sp,
        });
    } else {
        return None;
    };
    // A CnComma marker written with '.' or ',' must be followed by text, not
    // a digit ("一.5" is nothing we know).
    if family == Family::CnComma && rest.starts_with(|c: char| c.is_ascii_digit()) {
        let sep = caps.name("cc").map(|m| m.as_str()).unwrap_or("");
        if !sep.ends_with('、') {
            return None;
        }
    }
    let ordinal = crate::numerals::ordinal(num)?;
    if ordinal == 0 {
        return None;
    }
    Some(Marker {
        family,
        ordinal,
        len: whole.len(),
        marker_len: whole.len() - sp,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fam(s: &str) -> Option<(Family, u32)> {
        marker(s).map(|m| (m.family, m.ordinal))
    }

    #[test]
    fn families() {
        assert_eq!(fam("第一部分 单位概况"), Some((Family::Part, 1)));
        assert_eq!(fam("第三部广水市"), Some((Family::Part, 3)));
        assert_eq!(fam("十、专业名词解释"), Some((Family::CnComma, 10)));
        assert_eq!(fam("(二)单位构成"), Some((Family::CnParen, 2)));
        assert_eq!(fam("1.总体情况。"), Some((Family::Arabic, 1)));
        assert_eq!(fam("1. 部门主要职责"), Some((Family::Arabic, 1)));
        assert_eq!(fam("2、经济职能"), Some((Family::Arabic, 2)));
        assert_eq!(fam("(3)加强城市管理"), Some((Family::ArabicParen, 3)));
        assert_eq!(fam("1)一般公共服务"), Some((Family::ArabicParen, 1)));
        assert_eq!(fam("②其他"), Some((Family::Circled, 2)));
    }

    #[test]
    fn not_markers() {
        assert_eq!(fam("1.5万元"), None);
        assert_eq!(fam("1.00"), None);
        assert_eq!(fam("2023年度收入"), None);
        assert_eq!(fam("第三部门"), None);
        assert_eq!(fam("一般公共预算"), None);
        assert_eq!(fam("12 辆"), None);
    }
}
