//! Layout: the text as blocks, each line (or piece of a flattened line) one
//! of title, heading, paragraph, table, table of contents or furniture.
//!
//! The blocks are the stages' own findings put side by side, so they never
//! disagree with the rest of the report: the document's title
//! (`document`), the table of contents and the body's headings (`segment`:
//! numbered sentences that state a figure stay paragraphs), the tables
//! (`tables`: a table's rows are never headings), page furniture that
//! normalization deleted (page markers "- 3 -", lone page numbers) and lines
//! of page furniture or metadata (a web page's breadcrumbs, "打印本页",
//! "发布时间:"; strictly after the first heading: a short line without a
//! sentence's end). What is left is prose: paragraphs, split at blank lines
//! after a sentence's end.
//! Blocks are in text order, never overlap, and their spans index the
//! original text; a block's text is `input[span]`. White space between blocks
//! and conversion debris (field codes, glosses, dot leaders) are in none.
//!
//! Linear: the labelled ranges are sorted once, every line is looked at once.

use crate::normalize::Normalized;
use crate::report::Block;
use crate::segment::{Node, Outline, Role, Source};

/// The blocks of a document whose normalized text is `norm`.
pub fn blocks(
    original: &str,
    norm: &Normalized,
    outline: &Outline,
    title: Option<(usize, usize)>,
    tables: &[crate::tables::Table],
) -> Vec<Block> {
    let text = norm.text.as_str();
    // Labelled normalized ranges: (start, end, kind, priority).
    let mut marked: Vec<(usize, usize, &'static str, u8)> = Vec::new();
    for t in tables {
        marked.push((t.range.0, t.range.1, "table", 1));
    }
    if let Some((a, b)) = outline.toc {
        marked.push((a, b, "toc", 2));
    }
    fn headings(text: &str, nodes: &[Node], out: &mut Vec<(usize, usize, &'static str, u8)>) {
        for n in nodes {
            if n.source == Source::Body && n.role == Role::Heading {
                // (A bare part marker may take its title from the table of
                // contents, before it: own jd17.)
                let mut end = if n.title.1 > n.title.0 && n.title.0 >= n.marker.0 {
                    n.title.1
                } else {
                    n.marker.1
                };
                // The title's closing mark ("(一)职能职责。承担…", "(一)收入
                // 预算:2024年…") is the heading's, not the text's.
                while let Some(c) = text[end..]
                    .chars()
                    .next()
                    .filter(|c| matches!(c, '。' | ':' | ';' | ',' | '!' | '?'))
                {
                    end += c.len_utf8();
                }
                let start = if n.marker.1 > n.marker.0 {
                    n.marker.0
                } else {
                    n.title.0
                };
                if end > start {
                    out.push((start, end, "heading", 0));
                }
            }
            headings(text, &n.children, out);
        }
    }
    headings(text, &outline.sections, &mut marked);
    if let Some((a, b)) = title {
        marked.push((a, b, "title", 3));
    }
    marked.sort_unstable_by_key(|m| (m.0, m.3));
    // Drop what overlaps an earlier range; but a table whose caption is a
    // heading ("第二部分 2023年度部门决算表\n单位:万元…", own jd12) starts
    // after it.
    let mut kept: Vec<(usize, usize, &'static str)> = Vec::with_capacity(marked.len());
    for (a, b, kind, _) in marked {
        let mut a = a;
        if let Some(l) = kept.last_mut().filter(|l| a < l.1) {
            if kind == "heading" && l.2 == "table" && l.0 < a {
                // A heading the table's range ran over (an unnumbered part
                // title the table of contents announces, "其他相关情况说明"
                // after the last table; long corpus): the table ends before it.
                l.1 = l.0 + text[l.0..a].trim_end().len();
            } else if kind == "table" && l.2 == "heading" && l.0 == a && l.1 < b {
                a = l.1 + (text[l.1..b].len() - text[l.1..b].trim_start().len());
            } else {
                continue;
            }
        }
        if a < b {
            kept.push((a, b, kind));
        }
    }
    let first_heading = outline.first_heading.unwrap_or(text.len());
    let mut out: Vec<(usize, usize, &'static str, bool)> = Vec::new(); // normalized
    let mut pos = 0;
    for &(a, b, kind) in &kept {
        gap(text, pos, a, first_heading, &mut out);
        out.push((a, b, kind, true));
        pos = b;
    }
    gap(text, pos, text.len(), first_heading, &mut out);
    // (A range of normalized text may stand for no original bytes: a table
    // whose start the normalizer's joins and replacement characters map to
    // one point; found by the pipeline fuzz target. Such a block is left out:
    // it holds nothing of the input.)
    let mut blocks: Vec<Block> = out
        .into_iter()
        .map(|(a, b, kind, _)| Block {
            kind,
            span: norm.span(a, b),
        })
        .filter(|b| b.span.end > b.span.start)
        .collect();
    // Page markers and lone page numbers that normalization deleted.
    for (a, b) in norm.dropped() {
        let t = original.get(a..b).unwrap_or_default();
        let trimmed = t.trim();
        if is_page_furniture(trimmed) {
            let s = a + (t.len() - t.trim_start().len());
            blocks.push(Block {
                kind: "furniture",
                span: crate::Span::new(s, s + trimmed.len()),
            });
        }
    }
    blocks.sort_by_key(|b| (b.span.start, b.span.end));
    // A page marker deleted inside a paragraph (a page break in a sentence)
    // splits it; inside a table, the table of contents or a heading it is
    // the container's.
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for b in blocks {
        let Some(last) = out.last_mut().filter(|l| b.span.start < l.span.end) else {
            out.push(b);
            continue;
        };
        if last.kind != "paragraph" || b.kind != "furniture" {
            continue;
        }
        let end = last.span.end;
        if b.span.end > end {
            continue;
        }
        let left = original
            .get(last.span.start..b.span.start)
            .map_or(0, |s| s.trim_end().len());
        let tail = original.get(b.span.end..end).unwrap_or_default();
        let right = b.span.end + (tail.len() - tail.trim_start().len());
        last.span = crate::Span::new(last.span.start, last.span.start + left);
        if left == 0 {
            out.pop();
        }
        out.push(b);
        if right < end {
            out.push(Block {
                kind: "paragraph",
                span: crate::Span::new(right, end),
            });
        }
    }
    out
}

/// Lines between labelled ranges: furniture lines, and paragraphs (runs of
/// non-blank lines), pushed to `out` in normalized offsets.
fn gap(
    text: &str,
    from: usize,
    to: usize,
    first_heading: usize,
    out: &mut Vec<(usize, usize, &'static str, bool)>,
) {
    if from >= to {
        return;
    }
    let mut para: Option<(usize, usize)> = None;
    let mut blank = false;
    let mut pos = from;
    for line in text[from..to].split('\n') {
        let start = pos;
        pos += line.len() + 1;
        let t = line.trim();
        if t.is_empty() {
            blank = true;
            continue;
        }
        // A blank line ends a paragraph whose last line ends a sentence; a
        // PDF's text with a blank line between all lines ("…规章，\n\n制定
        // 限制性…", pdf r060) goes on.
        if std::mem::take(&mut blank)
            && para.is_some_and(|p| {
                text[..p.1].ends_with(['。', '!', '?', ':', ';', '！', '？', '：', '；'])
            })
        {
            if let Some(p) = para.take() {
                out.push((p.0, p.1, "paragraph", false));
            }
        }
        let a = start + (line.len() - line.trim_start().len());
        let b = a + t.len();
        if crate::document::furniture_line(t, start < first_heading) {
            if let Some(p) = para.take() {
                out.push((p.0, p.1, "paragraph", false));
            }
            out.push((a, b, "furniture", false));
            continue;
        }
        para = Some(para.map_or((a, b), |p| (p.0, b)));
    }
    if let Some(p) = para {
        out.push((p.0, p.1, "paragraph", false));
    }
}

/// A page marker ("- 3 -", "—5—") or a page number alone, as deleted.
fn is_page_furniture(t: &str) -> bool {
    let core = t.trim_matches(|c: char| matches!(c, '-' | '—' | '–' | ' ' | '\t'));
    !core.is_empty() && core.len() <= 4 && core.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use crate::extract;

    fn kinds(t: &str) -> Vec<(String, String)> {
        extract(t)
            .blocks
            .iter()
            .map(|b| (b.kind.to_string(), t[b.span.start..b.span.end].to_string()))
            .collect()
    }

    #[test]
    fn every_kind_in_order() {
        let t = "首页 > 信息公开\n2024年某县水利局部门预算\n目录\n一、部门概况……………2\n二、收支情况……………3\n一、部门概况\n本局负责全县水利工作。\n主要职责如下。\n\n二、收支情况\n收入预算100万元。\n- 2 -\n收支总表\n单位:万元\n项目 预算数\n一、财政拨款 100.00\n二、其他收入 0.00\n";
        let k = kinds(t);
        let got: Vec<(&str, &str)> = k.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        assert_eq!(
            got,
            [
                ("furniture", "首页 > 信息公开"),
                ("title", "2024年某县水利局部门预算"),
                // (The last leader is debris that normalization deleted: in no block.)
                ("toc", "目录\n一、部门概况……………2\n二、收支情况"),
                ("heading", "一、部门概况"),
                ("paragraph", "本局负责全县水利工作。\n主要职责如下。"),
                ("heading", "二、收支情况"),
                ("paragraph", "收入预算100万元。"),
                ("furniture", "- 2 -"),
                (
                    "table",
                    "收支总表\n单位:万元\n项目 预算数\n一、财政拨款 100.00\n二、其他收入 0.00"
                ),
            ]
        );
    }

    #[test]
    fn a_flattened_page_is_cut_into_blocks() {
        let t = "第二部分  收支总体情况2026年某站部门预算收入912.50万元,较2025年减少35.20万元,主要原因是压减一般性支出,精简会议和培训。第三部分  财政拨款“三公”经费预算情况2026年“三公”经费预算为6.30万元。";
        let k = kinds(t);
        let got: Vec<&str> = k.iter().map(|(a, _)| a.as_str()).collect();
        assert_eq!(got, ["heading", "paragraph", "heading", "paragraph"]);
        assert_eq!(k[0].1, "第二部分  收支总体情况");
    }

    #[test]
    fn blocks_never_overlap_and_index_the_input() {
        for t in [
            "",
            "\n\n",
            "一、\n- 3 -\n12\n",
            "单位:万元\n一、财政拨款 1.00\n一、说明\n",
        ] {
            let r = extract(t);
            let mut end = 0;
            for b in &r.blocks {
                assert!(
                    b.span.start >= end && b.span.end > b.span.start,
                    "{t:?}: {:?}",
                    r.blocks
                );
                assert!(t.get(b.span.start..b.span.end).is_some());
                end = b.span.end;
            }
        }
    }
}
