//! Checks as annotated source snippets, the way rustc shows errors: file,
//! line and column, the line itself, a caret line under the span. Chinese
//! characters are two columns wide, so carets are placed by display width.
//! Long lines are cut to a window around the span (marked with …).

use crate::report::Check;
use crate::span::Span;
use std::fmt::Write;

/// Display columns of a character: wide (CJK, full-width) count 2.
fn cols(c: char) -> usize {
    let u = c as u32;
    let wide = (0x1100..=0x115F).contains(&u)
        || (0x2E80..=0xA4CF).contains(&u)
        || (0xAC00..=0xD7A3).contains(&u)
        || (0xF900..=0xFAFF).contains(&u)
        || (0xFE30..=0xFE4F).contains(&u)
        || (0xFF00..=0xFF60).contains(&u)
        || (0xFFE0..=0xFFE6).contains(&u)
        || (0x20000..=0x3FFFD).contains(&u);
    if wide { 2 } else { 1 }
}

fn width(s: &str) -> usize {
    s.chars().map(cols).sum()
}

/// Byte offsets where lines start, computed once per document so that
/// locating each check is a binary search (many checks stay linear).
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        let mut v = vec![0];
        v.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines(v)
    }

    /// 1-based line and column (in characters) of byte offset `pos`, and
    /// the byte offset where that line starts.
    fn locate(&self, text: &str, pos: usize) -> (usize, usize, usize) {
        let mut p = pos.min(text.len());
        while !text.is_char_boundary(p) {
            p -= 1;
        }
        let k = self.0.partition_point(|&s| s <= p).max(1);
        let line_start = self.0[k - 1];
        let col = text[line_start..p].chars().count() + 1;
        (k, col, line_start)
    }
}

/// How much context to show around a span, in display columns.
const BEFORE: usize = 40;
const AFTER: usize = 30;

fn snippet(out: &mut String, text: &str, lines: &Lines, span: Span) {
    let (line, _, line_start) = lines.locate(text, span.start);
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let start = span.start.clamp(line_start, line_end);
    let end = span.end.clamp(start, line_end);
    let (Some(head), Some(mid), Some(tail)) = (
        text.get(line_start..start),
        text.get(start..end),
        text.get(end..line_end),
    ) else {
        return;
    };
    // Window: at most BEFORE columns before the span, AFTER after it.
    let mut shown_head = head;
    let mut lead = "";
    if width(head) > BEFORE {
        let mut w = 0;
        let cut = head
            .char_indices()
            .rev()
            .find(|&(_, c)| {
                w += cols(c);
                w > BEFORE
            })
            .map_or(0, |(i, c)| i + c.len_utf8());
        shown_head = &head[cut..];
        lead = "…";
    }
    let mut shown_tail = tail;
    let mut trail = "";
    if width(tail) > AFTER {
        let mut w = 0;
        let cut = tail
            .char_indices()
            .find(|&(_, c)| {
                w += cols(c);
                w > AFTER
            })
            .map_or(tail.len(), |(i, _)| i);
        shown_tail = &tail[..cut];
        trail = "…";
    }
    let gutter = line.to_string().len();
    let pad = " ".repeat(gutter);
    let _ = writeln!(out, "{pad} |");
    let _ = writeln!(out, "{line} | {lead}{shown_head}{mid}{shown_tail}{trail}");
    let carets = "^".repeat(width(mid).max(1));
    let _ = writeln!(
        out,
        "{pad} | {}{}{carets}",
        " ".repeat(width(lead)),
        " ".repeat(width(shown_head))
    );
}

/// Renders every check of a document; `path` names the file in locations.
pub fn render(path: &str, text: &str, checks: &[Check]) -> String {
    let mut out = String::new();
    let lines = Lines::new(text);
    for c in checks {
        let _ = writeln!(out, "{}[{}]: {}", c.severity, c.code, c.message);
        match c.span {
            Some(span) => {
                let (line, col, _) = lines.locate(text, span.start);
                let _ = writeln!(out, "  --> {path}:{line}:{col}");
                snippet(&mut out, text, &lines, span);
            }
            None => {
                let _ = writeln!(out, "  --> {path}");
            }
        }
        for s in &c.spans {
            let (line, col, _) = lines.locate(text, s.start);
            let _ = writeln!(
                out,
                "   = see also {path}:{line}:{col}: {}",
                s.slice(text).replace('\n', " ")
            );
        }
        if let Some(s) = &c.suggestion {
            let _ = writeln!(out, "   = suggestion: {s}");
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_under_wide_characters() {
        let text = "第一行\n基本支出比上年减少10.95元，主要原因";
        let start = text.find("10.95").unwrap();
        let check = Check {
            code: "unit_slip".into(),
            severity: "warning",
            message: "m".into(),
            span: Some(Span::new(start, start + "10.95元".len())),
            spans: vec![],
            suggestion: Some("10.95万元".into()),
        };
        let r = render("f.txt", text, &[check]);
        assert!(r.contains("--> f.txt:2:10"), "{r}");
        // 基本支出比上年减少 is 9 wide characters = 18 columns, 10.95元 is 7 columns.
        assert!(
            r.contains(&format!("  | {}{}\n", " ".repeat(18), "^".repeat(7))),
            "{r}"
        );
        assert!(r.contains("= suggestion: 10.95万元"));
    }
}
