//! The explicit-change grammar ([`super::changes::EXPLICIT_PATTERN`]) matched
//! by hand, anchored at the start of a haystack, with the groups that
//! pattern's regex captures.
//!
//! Why by hand: the capture search of that regex (a DFA pass for the match,
//! then a backtracking pass for the groups) was the costliest step of the
//! change extractor. The pattern is small and fixed, so it is matched here
//! in the regex's own priority order: alternatives in the order written,
//! greedy parts longest first, lazy parts shortest first, the first full
//! match wins. Two shortcuts, each safe for a stated reason:
//! - Runs of blanks (`[ \t]*`) are taken whole. A blank run is followed by a
//!   literal that does not start with a blank, or by the gap, whose class
//!   holds blanks too: giving blanks back only moves them into the gap,
//!   which then has less room, and no verb starts with a blank. So when the
//!   whole run fails, every shorter one fails as well.
//! - `,?` is taken when there is a comma: the gap cannot hold one.
//!
//! A test compares every group with the regex's captures.

/// The groups of one match, in byte offsets of the haystack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Groups {
    pub end: usize,
    pub basis: Option<(usize, usize)>,
    pub tb: bool,
    pub yb: Option<(usize, usize)>,
    pub gap: (usize, usize),
    pub verb: (usize, usize),
    pub alt: bool,
}

/// What follows the comparison: the gap, verb, 了 and "(减少)".
struct Tail {
    gap: (usize, usize),
    verb: (usize, usize),
    alt: bool,
    end: usize,
}

const VERBS: [&str; 16] = [
    "基本持平",
    "持平",
    "保持一致",
    "一致",
    "无增减",
    "无变化",
    "无可比性",
    "不可比",
    "增加",
    "减少",
    "增长",
    "下降",
    "降低",
    "上升",
    "调增",
    "调减",
];

const SUFFIXES: [&str; 8] = [
    "决算数",
    "预算数",
    "预算安排",
    "预算",
    "决算",
    "执行数",
    "同期",
    "数",
];

/// The end of literal `s` at `p`, if it is there.
fn lit(h: &str, p: usize, s: &str) -> Option<usize> {
    h.get(p..)
        .is_some_and(|r| r.starts_with(s))
        .then_some(p + s.len())
}

/// The end of the run of blanks (`[ \t]*`) at `p`.
fn blanks(h: &str, p: usize) -> usize {
    p + h.as_bytes()[p..]
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count()
}

/// The end of four ASCII digits at `p`.
fn year_digits(h: &str, p: usize) -> Option<usize> {
    let b = h.as_bytes().get(p..p + 4)?;
    b.iter().all(u8::is_ascii_digit).then_some(p + 4)
}

/// The character at `p`, if any.
fn char_at(h: &str, p: usize) -> Option<char> {
    h.get(p..).and_then(|r| r.chars().next())
}

/// `[^,。;:\n%]`: what the basis may hold before its suffix.
fn in_basis_class(c: char) -> bool {
    !matches!(c, ',' | '。' | ';' | ':' | '\n' | '%')
}

/// `[^,。;:\n%0-9]`: what the gap may hold.
fn in_gap_class(c: char) -> bool {
    in_basis_class(c) && !c.is_ascii_digit()
}

/// The verb at `p` (the first of [`VERBS`] there), 了, "(减少)".
fn verb_at(h: &str, p: usize) -> Option<(usize, usize, bool)> {
    let v = VERBS.iter().find_map(|v| lit(h, p, v))?;
    let q = lit(h, v, "了").unwrap_or(v);
    match lit(h, q, "(减少)").or_else(|| lit(h, q, "(增加)")) {
        Some(e) => Some((v, e, true)),
        None => Some((v, q, false)),
    }
}

/// `[ \t]*,?[ \t]*`, then the gap (shortest first, at most 16 characters)
/// and the verb.
fn tail(h: &str, p: usize) -> Option<Tail> {
    let mut q = blanks(h, p);
    if h.as_bytes().get(q) == Some(&b',') {
        q = blanks(h, q + 1);
    }
    let gap_start = q;
    for k in 0..=16 {
        if let Some((v, end, alt)) = verb_at(h, q) {
            return Some(Tail {
                gap: (gap_start, q),
                verb: (q, v),
                alt,
                end,
            });
        }
        match char_at(h, q) {
            Some(c) if k < 16 && in_gap_class(c) => q += c.len_utf8(),
            _ => return None,
        }
    }
    None
}

/// After the basis of the first alternative: `[ \t]*(?:相比|相较|比较)?`,
/// then the tail.
fn after_basis(h: &str, p: usize) -> Option<Tail> {
    let q = blanks(h, p);
    ["相比", "相较", "比较"]
        .iter()
        .find_map(|w| lit(h, q, w))
        .and_then(|e| tail(h, e))
        .or_else(|| tail(h, q))
}

/// The ends a basis word can have at `p`, in the order the alternation
/// `上年度?|去年|上一年度?|[0-9]{4}[ \t]*年度?|本年年初|年初` tries them.
fn basis_words(h: &str, p: usize) -> Vec<usize> {
    let with_du = |e: usize| match lit(h, e, "度") {
        Some(d) => vec![d, e],
        None => vec![e],
    };
    let mut out = Vec::new();
    if let Some(e) = lit(h, p, "上年") {
        out.extend(with_du(e));
    }
    if let Some(e) = lit(h, p, "去年") {
        out.push(e);
    }
    if let Some(e) = lit(h, p, "上一年") {
        out.extend(with_du(e));
    }
    if let Some(e) = year_digits(h, p).and_then(|d| lit(h, blanks(h, d), "年")) {
        out.extend(with_du(e));
    }
    if let Some(e) = lit(h, p, "本年年初") {
        out.push(e);
    }
    if let Some(e) = lit(h, p, "年初") {
        out.push(e);
    }
    out
}

fn groups(t: Tail, basis: Option<(usize, usize)>, tb: bool, yb: Option<(usize, usize)>) -> Groups {
    Groups {
        end: t.end,
        basis,
        tb,
        yb,
        gap: t.gap,
        verb: t.verb,
        alt: t.alt,
    }
}

/// The explicit change at the start of `h`, with its groups.
pub fn at_start(h: &str) -> Option<Groups> {
    // (?:较|比|与)[ \t]*(?P<basis>…)[ \t]*(?:相比|相较|比较)?
    if let Some(p) = ["较", "比", "与"].iter().find_map(|w| lit(h, 0, w)) {
        let p = blanks(h, p);
        for word_end in basis_words(h, p) {
            // (?:[^,。;:\n%]{0,8}?(?:决算数|…|数))? — taken if it can be,
            // its filler shortest first.
            let mut q = word_end;
            for k in 0..=8 {
                for s in SUFFIXES {
                    if let Some(e) = lit(h, q, s) {
                        if let Some(t) = after_basis(h, e) {
                            return Some(groups(t, Some((p, e)), false, None));
                        }
                    }
                }
                match char_at(h, q) {
                    Some(c) if k < 8 && in_basis_class(c) => q += c.len_utf8(),
                    _ => break,
                }
            }
            if let Some(t) = after_basis(h, word_end) {
                return Some(groups(t, Some((p, word_end)), false, None));
            }
        }
    }
    // (?P<tb>同比)
    if let Some(e) = lit(h, 0, "同比") {
        if let Some(t) = tail(h, e) {
            return Some(groups(t, None, true, None));
        }
    }
    // (?P<yb>[0-9]{4}[ \t]*年度?)[ \t]*相比
    let year = year_digits(h, 0).and_then(|d| lit(h, blanks(h, d), "年"));
    if let Some(e) = year {
        let ends = match lit(h, e, "度") {
            Some(d) => vec![d, e],
            None => vec![e],
        };
        for y in ends {
            if let Some(t) = lit(h, blanks(h, y), "相比").and_then(|c| tail(h, c)) {
                return Some(groups(t, None, false, Some((0, y))));
            }
        }
    }
    None
}
