//! Heading markers: the Chinese numbering families.
//!
//! | family      | forms                                   | rank |
//! |-------------|-----------------------------------------|------|
//! | `Part`      | 第一部分, 第2部分, 第三部 (misprint, doc 041), 第一章 | 0 |
//! | `CnComma`   | 一、 一. 一, 一:                          | 1 |
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

/// A cursor over one line, for the hand-written marker grammar (a regex
/// with captures per line was the costliest step of segmentation).
struct Cur<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Cur<'a> {
    fn peek(&self) -> Option<char> {
        self.s[self.i..].chars().next()
    }
    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.i += c.len_utf8();
            true
        } else {
            false
        }
    }
    fn spaces(&mut self) -> usize {
        let start = self.i;
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.i += 1;
        }
        self.i - start
    }
    /// A run of at most `max` characters satisfying `f`.
    fn run(&mut self, max: usize, f: impl Fn(char) -> bool) -> &'a str {
        let start = self.i;
        let mut n = 0;
        while let Some(c) = self.peek() {
            if n == max || !f(c) {
                break;
            }
            self.i += c.len_utf8();
            n += 1;
        }
        &self.s[start..self.i]
    }
}

pub(crate) fn is_cn_digit(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

/// "2026年…" (a year of 19xx–21xx, then 年, or 预算/决算 as in "2024预算执行
/// 情况", wide a032): what follows a marker, not the
/// fraction of a decimal.
fn year_follows(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 4
        && b[..4].iter().all(u8::is_ascii_digit)
        && matches!(&b[..2], b"19" | b"20" | b"21")
        && s[4..]
            .trim_start_matches([' ', '\t'])
            .starts_with(['年', '预', '决'])
}

/// Recognizes a heading marker at the start of `line` (leading white space
/// already trimmed). Returns `None` for things that only look like markers:
/// "1.5万元" (a decimal), "2023年", "第三部门", "一般…".
pub fn marker(line: &str) -> Option<Marker> {
    let mut c = Cur { s: line, i: 0 };
    let first = c.peek()?;
    let (family, num): (Family, &str) = if first == '第' {
        c.i += first.len_utf8();
        c.spaces();
        let n = c.run(3, is_cn_digit);
        let n = if n.is_empty() {
            c.run(2, |d| d.is_ascii_digit())
        } else {
            n
        };
        if n.is_empty() {
            return None;
        }
        c.spaces();
        // "第一章 部门概况": chapters rank as parts (some provinces number
        // their explanations so).
        if c.eat('章') {
            return finish(c, Family::Part, n);
        }
        if !c.eat('部') {
            return None;
        }
        // "第三部门" is not a part; "第三部广水市…" (doc 041) is a misprinted 第三部分.
        if !c.eat('分') && c.peek() == Some('门') {
            return None;
        }
        (Family::Part, n)
    } else if first == '(' {
        c.i += 1;
        c.spaces();
        let cn = c.run(3, is_cn_digit);
        let (family, n) = if cn.is_empty() {
            (Family::ArabicParen, c.run(2, |d| d.is_ascii_digit()))
        } else {
            (Family::CnParen, cn)
        };
        if n.is_empty() {
            return None;
        }
        c.spaces();
        if !c.eat(')') {
            return None;
        }
        (family, n)
    } else if first.is_ascii_digit() {
        let n = c.run(2, |d| d.is_ascii_digit());
        if c.eat(')') {
            (Family::ArabicParen, n)
        } else {
            c.spaces();
            if !(c.eat('.') || c.eat('、')) {
                return None;
            }
            // "1.5万元", "1.00": a decimal point, not a marker. But
            // "4.2026年部门财政拨款收支预算总表" (a TOC line of the long
            // corpus, 4． before a year) is entry 4.
            if c.peek().is_some_and(|d| d.is_ascii_digit()) && !year_follows(&c.s[c.i..]) {
                return None;
            }
            (Family::Arabic, n)
        }
    } else if is_cn_digit(first) {
        let n = c.run(3, is_cn_digit);
        c.spaces();
        let sep = c.peek()?;
        // "一:部门职责" as "一、部门职责".
        if !matches!(sep, '、' | '.' | ',' | ':') {
            return None;
        }
        c.i += sep.len_utf8();
        // "一.5" is nothing we know; "一.2023年预算执行情况" is entry one
        // (a half-width variant of "一、2023年…", scripts/perturb-style
        // reshaping of wide a022).
        if sep != '、' && c.peek().is_some_and(|d| d.is_ascii_digit()) && !year_follows(&c.s[c.i..])
        {
            return None;
        }
        (Family::CnComma, n)
    } else if ('①'..='⑳').contains(&first) {
        c.i += first.len_utf8();
        let ordinal = first as u32 - '①' as u32 + 1;
        let marker_len = c.i;
        c.spaces();
        return Some(Marker {
            family: Family::Circled,
            ordinal,
            len: c.i,
            marker_len,
        });
    } else {
        return None;
    };
    finish(c, family, num)
}

/// The marker ends here: its length, the spaces after it, its ordinal.
fn finish(mut c: Cur, family: Family, num: &str) -> Option<Marker> {
    let marker_len = c.i;
    c.spaces();
    let ordinal = crate::numerals::ordinal(num)?;
    if ordinal == 0 {
        return None;
    }
    Some(Marker {
        family,
        ordinal,
        len: c.i,
        marker_len,
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
        assert_eq!(fam("第二章 收支情况"), Some((Family::Part, 2)));
        assert_eq!(fam("二:收支情况"), Some((Family::CnComma, 2)));
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
