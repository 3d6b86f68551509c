//! Section segmentation: numbered headings → a tree.
//!
//! Takes normalized text; gives an [`Outline`]: the section tree (normalized
//! byte ranges), where the table of contents was, and where the first
//! heading of the body starts (what comes before is the title area and page
//! furniture).
//!
//! Rules, each forced by a document:
//! - Headings start a line (after indentation). Numbers inside sentences,
//!   "2023年", "1.5万元" are not headings ([`crate::numbering`]).
//! - Nesting follows the family rank (第X部分 > 一、 > （一） > 1. > （1） > ①):
//!   a heading closes every open section of its own or a lower rank. So a
//!   document that starts at （一） has （一） at level 1, and gaps or repeats in
//!   numbering (doc 050 repeats "二、") change nothing.
//! - Inline headings give title + body: "1.总体情况。2023年度…", "（一）收入预算：
//!   2024年…" (seed). Long numbered lines (职能职责 1.…8.) are `paragraph`
//!   nodes whose title is their first clause.
//! - A table of contents (a "目录" line followed by at least three heading
//!   lines, up to the first repeat of its first entry or the first line of
//!   prose) is kept out of the body. Its entries that the body never reaches
//!   (the excerpts of docs 009, 054, 063 stop early) are added to the tree as
//!   nodes with `source = toc`, so the outline the document announces is
//!   complete and marked for what it is.
//! - Parts the table of contents announces but the body prints unnumbered
//!   ("一、部门主要职能" in the TOC, "普陀区城市管理行政执法局主要职能" as a
//!   line of the body; long corpus, 上海普陀 预算 and 决算) are headings with
//!   an empty marker, the TOC entry's family and ordinal, and the rank of
//!   第X部分, so the numbered 一、二、 inside them nest below
//!   ([`announced_heads`]).
//! - A marker inside a garbled table (a line between two "|" cells, doc 014)
//!   is a cell, not a heading; nor is a numbered line inside a table the
//!   table stage found ([`segment_around`]: "二十一、其他支出" alone on its line
//!   in a 收支总表 whose values stand elsewhere, pdf r243), but for the
//!   table's caption line.

use crate::numbering::{self, Family};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Heading,
    Paragraph,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Body,
    Toc,
    /// A parent the text never shows: an excerpt that starts inside a
    /// section (doc 029 starts with （一）…（四） of a 三、 cut away).
    Implicit,
}

/// A section, in normalized byte offsets.
#[derive(Clone, Debug)]
pub struct Node {
    pub family: Family,
    pub ordinal: u32,
    /// The marker as written (normalized), e.g. "一、", "(二)", "第一部分".
    pub marker: (usize, usize),
    pub title: (usize, usize),
    /// The section's own text: after the title, up to its first child.
    pub body: (usize, usize),
    /// Start of the marker to the end of the last descendant.
    pub extent: (usize, usize),
    pub role: Role,
    pub source: Source,
    /// [`vocab::section_kind`](crate::vocab::section_kind) of the title,
    /// computed once here: every amount and change asks for the kind of
    /// its section.
    pub kind: Option<&'static str>,
    /// An unnumbered heading line announced by the table of contents; its
    /// `family` and `ordinal` are those of the TOC entry, `marker` is empty.
    pub announced: bool,
    /// A bare part marker's title, from the lines below it or empty: the
    /// table of contents' entry for the part, when there is one, is the
    /// better title.
    pub title_below: bool,
    /// A numbered heading that names a volume of the document ("一、文字部分",
    /// "二、表格部分"): it ranks above 第X部分 (see `is_volume_title`).
    pub volume: bool,
    pub children: Vec<Node>,
}

impl Node {
    pub fn rank(&self) -> u8 {
        rank(self.family, self.announced, self.volume)
    }
}

#[derive(Clone, Debug, Default)]
pub struct Outline {
    pub sections: Vec<Node>,
    /// The table of contents, if one was recognized.
    pub toc: Option<(usize, usize)>,
    /// Where the first heading line of the body (or the TOC) starts.
    pub first_heading: Option<usize>,
    /// Entries of the table of contents that are not in the tree: passed
    /// over by the body, or below its top level.
    pub toc_left_out: usize,
}

/// A heading line, before nesting.
#[derive(Clone, Debug)]
struct Head {
    family: Family,
    ordinal: u32,
    line: (usize, usize),
    marker: (usize, usize),
    title: (usize, usize),
    body_start: usize,
    role: Role,
    /// An unnumbered line that the table of contents announces (see
    /// [`announced_heads`]).
    announced: bool,
    /// An entry of a table of contents: its title ends in a page number.
    toc_like: bool,
    /// A bare part marker whose title is printed on the lines below it, or
    /// not at all (empty).
    title_below: bool,
    /// See [`Node::volume`].
    volume: bool,
}

impl Head {
    fn rank(&self) -> u8 {
        rank(self.family, self.announced, self.volume)
    }
}

/// Nesting rank: a heading the table of contents announces ranks with
/// 第X部分, above every numbered family, whatever the TOC numbered it with
/// (long corpus: the TOC says "一、部门主要职能", the body prints the part
/// unnumbered and numbers its own subsections 一、二、…). A volume ("一、文字
/// 部分") ranks above the parts.
fn rank(family: Family, announced: bool, volume: bool) -> u8 {
    if volume {
        0
    } else if announced {
        Family::Part.rank() + 1
    } else {
        family.rank() + 1
    }
}

/// A title that names a volume of the document: a few words and 部分
/// ("文字部分", "表格部分", "公开表格部分"). Shenzhen's template divides a
/// budget into "一、文字部分" holding 第一部分 … 第九部分 and "二、表格部分"
/// holding the tables (long-cities g006).
fn is_volume_title(t: &str) -> bool {
    // Most titles end otherwise: no allocation for them.
    if !t.trim_end().ends_with("部分") {
        return false;
    }
    let c = compact(t);
    c.strip_suffix("部分").is_some_and(|w| {
        let n = w.chars().count();
        (2..=4).contains(&n) && w.chars().all(crate::normalize::is_han) && !w.starts_with('第')
    })
}

/// The outline of a normalized text, without knowing its tables (see
/// [`segment_around`]).
pub fn segment(text: &str) -> Outline {
    segment_around(text, &[])
}

/// The outline of a normalized text whose tables (sorted normalized ranges,
/// from `tables::find`) are known: a numbered line inside a table is a row,
/// no heading, unless it opens the table (its caption).
pub fn segment_around(text: &str, tables: &[(usize, usize)]) -> Outline {
    let (lines, flat) = split_flattened(crate::normalize::line_starts(text));
    let mut heads: Vec<Option<Head>> = (0..lines.len())
        .map(|k| {
            let h = head_at(text, &lines, k);
            if flat[k] {
                h.map(|h| cut_flat_title(text, h))
            } else {
                h
            }
        })
        .collect();
    for h in heads.iter_mut().flatten() {
        h.volume = h.family != Family::Part && is_volume_title(&text[h.title.0..h.title.1]);
    }
    drop_table_rows(&lines, &mut heads);
    if !tables.is_empty() {
        for h in &mut heads {
            let Some(at) = h.as_ref().map(|h| h.line.0) else {
                continue;
            };
            let k = tables.partition_point(|r| r.1 <= at);
            if tables.get(k).is_some_and(|r| r.0 < at) {
                *h = None;
            }
        }
    }
    let toc = find_toc(text, &lines, &heads);
    let (toc_range, toc_heads) = match &toc {
        Some((a, b)) => {
            // A title glued to 目录 ("…2023年度部门决算目录") stays out of
            // the table of contents: the title area ends at 目录.
            let (at, line) = lines[*a];
            let start = line
                .trim_end()
                .strip_suffix("目录")
                .filter(|head| is_toc_title(line) && head.trim().chars().count() > 8)
                .map_or(at, |head| at + head.len());
            let r = (start, lines[b - 1].0 + lines[b - 1].1.len());
            let hs: Vec<Head> = heads[*a..*b].iter().flatten().cloned().collect();
            (Some(r), hs)
        }
        None => (None, Vec::new()),
    };
    let mut body_heads: Vec<Head> = heads
        .iter()
        .enumerate()
        .filter(|(k, _)| toc.is_none_or(|(a, b)| *k < a || *k >= b))
        .filter_map(|(_, h)| h.clone())
        .collect();
    if let Some((_, b)) = toc {
        let announced = announced_heads(text, &lines, &heads, b, &toc_heads);
        if !announced.is_empty() {
            body_heads.extend(announced);
            body_heads.sort_by_key(|h| h.line.0);
        }
    }
    let first_heading = match (toc_range, body_heads.first()) {
        (Some((a, _)), Some(h)) => Some(a.min(h.line.0)),
        (Some((a, _)), None) => Some(a),
        (None, Some(h)) => Some(h.line.0),
        (None, None) => None,
    };
    let body_end = text.len();
    let mut sections = nest(&body_heads, body_end, Source::Body, text);
    let mut toc_left_out = 0;
    if let Some((_, toc_end)) = toc_range {
        let toc_tree = nest(&toc_heads, toc_end, Source::Toc, text);
        (sections, toc_left_out) = merge_toc(text, sections, toc_tree);
    }
    // A numbered paragraph is part of a section's text, not a section of
    // its own at the top: "1.本单位2021年度总收入58145万元,…" in an excerpt
    // that has no heading above it (issue 10).
    sections.retain(|n| n.role != Role::Paragraph || !n.children.is_empty());
    Outline {
        sections,
        toc: toc_range,
        first_heading,
        toc_left_out,
    }
}

/// Lines of a page flattened onto one line ("…(目录) 第一部分:基本情况 一、部门
/// 主要职能 二、部门和所属预算单位机构设置情况 …", a PDF's text layer saved as
/// one line per page; wide b001, a023) are split before each marker that
/// follows white space, when a line holds at least three such markers and
/// is long (or one, when it is a page long). The pieces are lines for
/// everything below; `flat` marks them, the first piece too: a heading that
/// opens such a line runs into its text as the others do ("第一部分 X2022年
/// 部门预算公开说明 部门基本情况 …", wide b022 flattened).
fn split_flattened(lines: Vec<(usize, &str)>) -> (Vec<(usize, &str)>, Vec<bool>) {
    // A long line with three markers after white space; or a shorter one
    // with three parts ("目录 第一部分 概况 第二部分 说明 第三部分 名词解释").
    const LONG: usize = 200;
    const SHORT: usize = 60;
    const PAGE: usize = 600;
    if lines.iter().all(|l| l.1.len() < SHORT) {
        let n = lines.len();
        return (lines, vec![false; n]);
    }
    let mut out = Vec::with_capacity(lines.len());
    let mut flat = Vec::with_capacity(lines.len());
    for (start, line) in lines {
        let mut cuts = Vec::new();
        let mut parts = 0;
        if line.len() >= SHORT {
            // Only after a space or tab: memchr finds them.
            for j in memchr::memchr2_iter(b' ', b'\t', line.as_bytes()) {
                let i = j + 1;
                if i >= line.len() || matches!(line.as_bytes()[i], b' ' | b'\t') {
                    continue;
                }
                let Some(m) = line.get(i..).and_then(numbering::marker) else {
                    continue;
                };
                if matches!(m.family, Family::Part | Family::CnComma | Family::CnParen) {
                    cuts.push(i);
                    parts += usize::from(m.family == Family::Part);
                }
            }
        }
        // A page saved without any white space between its paragraphs: a
        // marker right after a sentence's end or a title's last word
        // ("…等。二、机构编制本单位…", "…部门概况一、部门职责…", "目  录一、
        // 文字部分第一部分  部门概况第二部分…"; long-cities g006, a PDF's text
        // with one line per page). Only on a page-long line, or one that
        // holds three parts this way (a flattened table of contents).
        let spaced = cuts.len();
        let mut strong = 0;
        if line.len() >= LONG {
            strong = unspaced_cuts(line, &mut cuts);
        }
        let unspaced_parts = cuts[spaced..]
            .iter()
            .filter(|&&i| line[i..].starts_with('第'))
            .count();
        // A flattened list of tables: "表格部分(一)收支总表(二)收入总表(三)…".
        let after_words = cuts[spaced..]
            .iter()
            .filter(|&&i| !line[..i].ends_with('。'))
            .count();
        // Or three at least, one of them after a title's word (headings
        // that run into their text, not a list inline after '。'; own jd21).
        let unspaced = cuts.len() - spaced;
        // Or a part set off by white space after a sentence's end ("…支出。
        // 第三部分  财政拨款…"; own jd22, a short page): prose does not
        // write that.
        if line.len() < PAGE
            && parts + unspaced_parts < 3
            && after_words < 3
            && !(unspaced >= 3 && after_words >= 1)
            && strong == 0
        {
            cuts.truncate(spaced);
        }
        // "二、表格部分表1收支总表部门名称…": a volume's heading that runs into
        // its first table's caption (own jd22; Shenzhen's template without
        // white space) ends at 部分.
        let volume_cut = volume_end(line);
        if let Some(c) = volume_cut {
            cuts.push(c);
        }
        cuts.sort_unstable();
        cuts.dedup();
        // A very long line (a whole page) with one or two markers after
        // white space is flattened too ("…公布如下: 一、区本级“三公”经费决算
        // 情况 2021 年度… 二、区本级…", real 045 and most short pages when
        // saved as one line; scripts/perturb.py).
        let enough = cuts.len() >= 3 && (line.len() >= LONG || parts >= 3)
            || !cuts.is_empty() && (line.len() >= PAGE || strong > 0)
            || volume_cut.is_some();
        if !enough {
            out.push((start, line));
            flat.push(false);
            continue;
        }
        let mut from = 0;
        for c in cuts.into_iter().chain(std::iter::once(line.len())) {
            if c > from {
                out.push((start + from, &line[from..c]));
                flat.push(true);
            }
            from = c;
        }
    }
    (out, flat)
}

/// Where a line opening with a volume's heading ("二、表格部分", see
/// [`is_volume_title`]) runs into a table's caption ("表1…", "(一)…")
/// without white space: the byte offset after 部分.
fn volume_end(line: &str) -> Option<usize> {
    let t = line.trim_start_matches([' ', '\t']);
    let m = numbering::marker(t)?;
    if !matches!(m.family, Family::CnComma | Family::CnParen) {
        return None;
    }
    let rest = &t[m.len..];
    let end = rest
        .char_indices()
        .take(8)
        .find_map(|(i, _)| rest[i..].starts_with("部分").then_some(i + "部分".len()))?;
    let after = &rest[end..];
    let caption = after.starts_with('表')
        && after['表'.len_utf8()..].starts_with(|c: char| c.is_ascii_digit())
        || after.starts_with('(')
            && numbering::marker(after).is_some_and(|m| m.family == Family::CnParen);
    (is_volume_title(&rest[..end]) && caption).then(|| line.len() - rest.len() + end)
}

/// Where a page saved as one line has a heading that no white space sets
/// off (see [`split_flattened`]): byte offsets pushed to `cuts`. A part,
/// 一、 or (一) marker counts after a sentence's end (。), after a closing
/// parenthesis or after a title's last word ([`ends_like_a_title`], 部分,
/// 目录), an item numbered 1. after a sentence's end only; a part also
/// when white space or a colon follows it ("第二部分  部门
/// …", never "详见第二部分的说明"). "目录" itself is cut off when a marker
/// follows it, for the table of contents to be found. Amounts and codes
/// before a marker ("一、财政拨款7,099.97一、教育支出") are cells of a
/// flattened table: no cut. Returns how many cuts are parts set off by
/// white space after a sentence's end ("。第三部分  财政拨款…").
fn unspaced_cuts(line: &str, cuts: &mut Vec<usize>) -> usize {
    let mut strong = 0;
    for (i, c) in line.char_indices() {
        // "…增加8.10万元。1.因公出国(境)费用。2026年预算数13.20万元…": an
        // item numbered 1. after a sentence's end (long-cities g006).
        if c.is_ascii_digit() {
            if line[..i].ends_with('。')
                && numbering::marker(&line[i..]).is_some_and(|m| m.family == Family::Arabic)
            {
                cuts.push(i);
            }
            continue;
        }
        if !(c == '第' || c == '(' || c == '目' || numbering::is_cn_digit(c)) {
            continue;
        }
        if i == 0 && c != '目' {
            continue;
        }
        let before = &line[..i];
        if before.ends_with([' ', '\t']) {
            continue; // the spaced scan has it
        }
        let rest = &line[i..];
        if c == '目' {
            let after = rest['目'.len_utf8()..].trim_start_matches([' ', '\t']);
            if let Some(m) = after.strip_prefix('录') {
                if numbering::marker(m.trim_start_matches([' ', '\t', ':'])).is_some() {
                    cuts.push(i);
                    cuts.push(line.len() - m.len());
                }
            }
            continue;
        }
        let Some(m) = numbering::marker(rest) else {
            continue;
        };
        if !matches!(m.family, Family::Part | Family::CnComma | Family::CnParen) {
            continue;
        }
        // "2026年某县水文监测站部门预算一、文字部分…": the document's title
        // opens the line (a first page flattened without a table of
        // contents; own jd22).
        // (Cheap tests first, and bytes not characters: this runs at every
        // marker of a long line.)
        let doc_title = before.ends_with(['算', '开'])
            && before.len() <= 180
            && ["预算", "决算", "预算公开", "决算公开"]
                .iter()
                .any(|w| before.ends_with(w))
            && before
                .as_bytes()
                .windows(4)
                .any(|w| w.iter().all(u8::is_ascii_digit));
        let after_title = ends_like_a_title(before)
            || doc_title
            || before.ends_with("部分")
            || before.ends_with(['。', ')', '!', '?']);
        let spaced_part = m.family == Family::Part
            && rest[m.marker_len..].starts_with([' ', '\t', ':'])
            && !before.ends_with(['见', '在', '于', '的', '"', '“']);
        if after_title || spaced_part {
            cuts.push(i);
            strong += usize::from(spaced_part && before.ends_with('。'));
        }
    }
    strong
}

/// A heading on a flattened line runs into its text: "一、部门主要职能 随州市
/// 曾都区河道堤防建设管理处负责…", "第四部分 名词解释 卓尼县卫生健康局(汇总)
/// 2024年度部门决算情况说明" (the next page's header). The title ends at the
/// first space between words whose left side ends with a title's last word
/// ([`TITLE_TAILS`], 表, 职责 …) or a parenthesis ("…报表(见附件) 表 1:…",
/// wide b001), unless a tail word alone follows ("…决算情况 说明 一、…",
/// wide b017). Without such a space, a short piece of
/// words is the title whole, a wrap inside it included ("…绥芬河片区管
/// 理委员会…2023年部门预算公开报表", wide a023); a long one ends at its first
/// space between words.
fn cut_flat_title(text: &str, mut h: Head) -> Head {
    // "一、基本情况 2 二、…": an entry of a table of contents with its page
    // number, cut there already (wide c022 flattened).
    if h.toc_like {
        return h;
    }
    let all = &text[h.title.0..h.line.1];
    let words = !all.contains(['。', ',', ';']);
    // Before a sentence's end only: "(三) 稳步提升医保服务效能。一是…" is a
    // title that its '。' ends, as on any line (pdf r182).
    let stop = all.find(['。', ';']);
    let t = &all[..stop.unwrap_or(all.len())];
    let mut first_space = None;
    let mut prev_word = false;
    for (i, c) in t.char_indices() {
        if c == ' '
            && prev_word
            && t[i + 1..]
                .chars()
                .next()
                .is_some_and(|n| crate::normalize::is_han(n) || n.is_ascii_digit() || n == '《')
        {
            first_space.get_or_insert(i);
            // "…决算情况 说明 一、…": a tail word wrapped off its title
            // stays with it (wide b017).
            let next = t[i + 1..].split(' ').next().unwrap_or("");
            if (ends_like_a_title(&t[..i]) || t[..i].ends_with(')')) && !TITLE_TAILS.contains(&next)
            {
                return cut_at(text, h, i);
            }
        }
        prev_word = crate::normalize::is_han(c) || c == ')';
    }
    // No white space at all: "第二部分  部门预算收支总体情况2026年深圳市…
    // 收入7,199.97万元,…" (a page saved as one line, long-cities g006). The
    // title ends at its first title word when a sentence follows ("…情况",
    // "…情况说明", "…职责", "…设置"), within a title's length. A guess, as
    // a cut at a space is: the table of contents' entry replaces it.
    if first_space.is_none() && !words {
        if let Some(i) = first_title_tail(t) {
            return cut_at(text, h, i);
        }
    }
    if stop.is_some() && h.role == Role::Heading {
        // "(二) 内设机构 致公党省委机关内设办公室…;" (wide c029): a space
        // inside the clause still ends the title.
        return match first_space {
            Some(i) => cut_at(text, h, i),
            None => h,
        };
    }
    let n = t.chars().count();
    if words && (n <= 40 || n <= 80 && h.family == Family::Part) {
        h.title = trim_range(text, h.title.0, h.line.1);
        h.role = Role::Heading;
        h.body_start = h.line.1;
        return h;
    }
    // No white space at all: "第二部分  部门预算收支总体情况2026年深圳市…
    // 收入7,199.97万元,…" (a page saved as one line, long-cities g006). The
    // title ends at its first title word when text follows ("…情况", "…情况
    // 说明", "…职责", "…目标"), within a title's length. A guess, as a cut
    // at a space is: the table of contents' entry replaces it.
    // A cut title is a guess: the table of contents' entry, where there is
    // one, gives the whole title.
    match first_space {
        Some(i) => cut_at(text, h, i),
        None => h,
    }
}

/// The end of the first title word ([`ends_like_a_title`]) within the
/// first 30 characters of `t`, run on over tail words that follow it
/// ("情况" + "说明"), when text goes on after it; `None` else.
/// A word that joins two parts of one title ("职责及机构设置情况", "说明的
/// 情况"): no title ends before it.
const JOINERS: [char; 6] = ['的', '及', '和', '与', '、', '('];

fn first_title_tail(t: &str) -> Option<usize> {
    const MAX: usize = 30;
    // A colon ends a title first ("项目支出:指在基本支出之外…目标", a term of
    // the glossary): no title word after it counts.
    let t = &t[..t.find(':').unwrap_or(t.len())];
    let mut ends = t.char_indices().skip(2).take(MAX).map(|(i, _)| i);
    let mut end = ends.find(|&i| {
        ends_like_a_title(&t[..i]) && !t[i..].starts_with(JOINERS) && !t[i..].starts_with("情况")
    })?;
    while let Some(w) = TITLE_TAILS.iter().find(|w| t[end..].starts_with(**w)) {
        end += w.len();
    }
    let rest = t[end..].trim_start();
    (rest.chars().count() >= 2 && !rest.starts_with(JOINERS)).then_some(end)
}

/// The title of a flattened heading ends at byte `i` of its piece.
fn cut_at(text: &str, mut h: Head, i: usize) -> Head {
    h.title = trim_range(text, h.title.0, h.title.0 + i);
    h.role = Role::Heading;
    h.body_start = h.title.1;
    h.title_below = true;
    h
}

/// Whether `t` ends with a word that ends titles: 概况, 说明, 名词解释,
/// 报表, a table's 表, 职责 ….
fn ends_like_a_title(t: &str) -> bool {
    TITLE_TAILS.iter().any(|w| t.ends_with(w))
        || ["表", "职责", "职能", "设置", "构成", "概括", "附件", "目标"]
            .iter()
            .any(|w| t.ends_with(w))
}

fn head_at(text: &str, lines: &[(usize, &str)], k: usize) -> Option<Head> {
    let (start, line) = lines[k];
    let trimmed = strip_bullet(line.trim_start_matches([' ', '\t']));
    let indent = line.len() - trimmed.len();
    let m = numbering::marker(trimmed)?;
    // A cell of a garbled table: "|" lines on both sides (doc 014).
    let nonblank = |l: &&(usize, &str)| !l.1.trim().is_empty();
    let prev = lines[..k].iter().rev().find(nonblank).map(|l| l.1.trim());
    let next = lines[k + 1..].iter().find(nonblank).map(|l| l.1.trim());
    if prev.is_some_and(|p| p.ends_with('|')) && next.is_some_and(|n| n.starts_with('|')) {
        return None;
    }
    // A row of a pipe table: "(1)公务用车购置|0|0|" (issue 10).
    if trimmed.contains('|') {
        return None;
    }
    let mut rest_start = start + indent + m.len;
    let line_end = start + line.len();
    // "第一部分:广西壮族自治区机关事务管理局概况" (wide corpus).
    let after = &text[rest_start..line_end];
    // (And a dash: "第一部分—部门概况"; a probe of marker styles, 2026-12-02.)
    let unsep = after.trim_start_matches([':', ' ', '\t', '—', '–', '－']);
    rest_start += after.len() - unsep.len();
    let rest = &text[rest_start..line_end];
    let marker = (start + indent, start + indent + m.marker_len);
    if !rest.chars().any(crate::normalize::is_han) {
        // "第四部分 2022" cut off at the end of an excerpt (wide a029), a
        // bare "1." or "(一)" alone on a line: no heading. A bare part
        // marker may have its title on the next line (wide b010), or print
        // a cover page after it (long-cities g008): then its title stays
        // empty, for the table of contents to give.
        if m.family != Family::Part || !rest.trim().is_empty() {
            return None;
        }
        // The title on the lines below: up to three short lines of words,
        // joined ("常德市疾病预防控制中心\n单位概况", wide b029).
        let mut first_title: Option<(usize, usize)> = None;
        let mut last_end = 0;
        let mut chars = 0;
        for &(ns, nl) in lines[k + 1..].iter().filter(|l| nonblank(l)).take(3) {
            let t = nl.trim();
            let is_words = t.chars().filter(|c| crate::normalize::is_han(*c)).count() >= 2
                && !t.contains(['。', ',', ';', ':', '|'])
                && numbering::marker(t).is_none()
                && !is_toc_title(t);
            chars += t.chars().count();
            if !is_words && !only_year(t) || chars > 40 {
                break;
            }
            let off = nl.len() - nl.trim_start().len();
            first_title.get_or_insert((ns + off, ns + off + t.len()));
            last_end = ns + off + t.len();
        }
        // Lines that hold only a year are no title by themselves.
        let (title, end) = match first_title {
            Some((a, _)) if !only_year(&text[a..last_end]) => ((a, last_end), last_end),
            _ => ((rest_start, rest_start), line_end),
        };
        return Some(Head {
            family: m.family,
            ordinal: m.ordinal,
            line: (start, end),
            marker,
            title,
            body_start: end,
            role: Role::Heading,
            announced: false,
            toc_like: false,
            title_below: true,
            volume: false,
        });
    }
    // "四、住房保障支出 5,871,730" or "一、财政拨款收入 47,483,458一、社会保障和
    // 就业支出 6,397,096": a row of a table printed as text (long corpus), not
    // a heading.
    // (A line with '。' is prose: "收支较上年减少484.05,降低11.1%。", doc 050.)
    if !rest.contains('。') && has_cell_number(rest) {
        return None;
    }
    // "二、机构设置 2": an entry of a table of contents with its page
    // number, without dot leaders (wide c014).
    let (rest_end, toc_like) = match page_number_at_end(rest) {
        Some(cut) => (rest_start + cut, true),
        None => (line_end, false),
    };
    let rest = &text[rest_start..rest_end];
    let (title, mut body_start, mut role) = split_title(rest);
    // "1.本单位2021年度总收入58145万元。": a numbered sentence that states a
    // figure is a paragraph, whatever its length (issue 10).
    if role == Role::Heading && states_money(&rest[title.0..title.1]) {
        role = Role::Paragraph;
    }
    let mut title = trim_range(text, rest_start + title.0, rest_start + title.1);
    // The one validator of titles (src/names.rs): a heading's words, never
    // a table row, a sentence, a gloss or furniture.
    if role == Role::Heading && crate::names::title(&text[title.0..title.1]).is_err() {
        return None;
    }
    let mut line_end = line_end;
    // A title wrapped before its last word: "第一部分遵义市住房和城乡建设局\n
    // 概述" (wide c032), when a numbered line follows that word.
    if role == Role::Heading && !toc_like && title.1 == rest_start + rest.trim_end().len() {
        let mut after = lines[k + 1..].iter().filter(|l| nonblank(l));
        if let (Some(&(ns, nl)), next2) = (after.next(), after.next()) {
            let t = nl.trim();
            // (Not 名词解释: the template's glossary, a part of its own
            // after a list of units, "5.上海市普陀区交通管理中心\n名词解释\n
            // (一)…"; long corpus, jianguanwei.)
            let tail = TITLE_TAILS.contains(&t) && t != "名词解释";
            let then_heading =
                next2.is_none_or(|l| numbering::marker(strip_bullet(l.1.trim())).is_some());
            if tail && then_heading {
                let off = nl.len() - nl.trim_start().len();
                title.1 = ns + off + t.len();
                line_end = ns + nl.len();
                body_start = line_end - rest_start;
            }
        }
    }
    Some(Head {
        family: m.family,
        ordinal: m.ordinal,
        line: (start, line_end),
        marker,
        title,
        body_start: if toc_like {
            line_end
        } else {
            rest_start + body_start
        },
        role,
        announced: false,
        toc_like,
        title_below: false,
        volume: false,
    })
}

/// Whether a title states an amount of money ("…58145万元").
fn states_money(t: &str) -> bool {
    let b = t.as_bytes();
    t.match_indices('元').any(|(i, _)| {
        let head = t[..i].trim_end_matches(['万', '亿', '千', ' ']);
        head.as_bytes().last().is_some_and(u8::is_ascii_digit) && i <= b.len()
    })
}

/// Last words of titles that a PDF wraps onto a line of their own.
const TITLE_TAILS: &[&str] = &[
    "概况",
    "概述",
    "简介",
    "说明",
    "情况",
    "情况说明",
    "名词解释",
    "解释",
    "决算表",
    "预算表",
    "报表",
    "公开表",
];

/// Bullets of web pages before a heading: "•   第一部分 部门概况" (wide b025).
fn strip_bullet(s: &str) -> &str {
    let t = s.trim_start_matches(['•', '·', '●', '○', '■', '□', '▪', '◆', '◇', '★', '☆']);
    if t.len() == s.len() {
        s
    } else {
        t.trim_start_matches([' ', '\t'])
    }
}

/// "2026 年度", "2024年": a year alone is not a title.
fn only_year(t: &str) -> bool {
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    digits == 4 && matches!(&t[digits..], "年" | "年度" | "")
}

/// Where the title of a TOC entry ends when a page number follows it after
/// white space ("机构设置 2", "其他重要事项情况说明 9"): the byte offset in
/// `rest`, or `None`.
fn page_number_at_end(rest: &str) -> Option<usize> {
    let t = rest.trim_end();
    let digits = t.len() - t.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 3 {
        return None;
    }
    let head = &t[..t.len() - digits];
    let title = head.trim_end_matches([' ', '\t']);
    // White space before the number, and a title of words before that.
    (title.len() < head.len()
        && title
            .chars()
            .next_back()
            .is_some_and(crate::normalize::is_han))
    .then_some(title.len())
}

/// Numbered lines without numbers between two lines of table cells are
/// rows of the table too ("二、事业收入\n三、事业单位经营收入" between
/// "…四、住房保障支出 5,871,730" and "收入总计 47,483,458 …"; long corpus): a
/// heading after a table is followed by prose, not by more cells.
fn drop_table_rows(lines: &[(usize, &str)], heads: &mut [Option<Head>]) {
    let cells = |l: &str| !l.contains('。') && has_cell_number(l);
    let mut k = 0;
    while k < lines.len() {
        if !cells(lines[k].1) {
            k += 1;
            continue;
        }
        // A run of numbered lines (and blank ones) after a line of cells.
        let mut j = k + 1;
        while j < lines.len()
            && (lines[j].1.trim().is_empty() || heads[j].is_some())
            && !cells(lines[j].1)
        {
            j += 1;
        }
        if j < lines.len() && j > k + 1 && cells(lines[j].1) {
            for h in &mut heads[k + 1..j] {
                *h = None;
            }
        }
        k = j;
    }
    // A numbered line whose next line opens with a cell: a row label of a
    // table printed a cell per line ("一、财政拨款\n244,675.66 一、教育支出",
    // long-cities g002).
    for k in 0..lines.len() {
        if heads[k].is_none() {
            continue;
        }
        let next = lines[k + 1..]
            .iter()
            .map(|l| l.1.trim())
            .find(|l| !l.is_empty());
        if next.is_some_and(starts_with_cell) {
            heads[k] = None;
        }
    }
}

use crate::tables::{has_cell_number, starts_with_cell};

/// Splits the text after a marker into title and body. Returns (title range,
/// body start, role), ranges relative to `rest`.
fn split_title(rest: &str) -> ((usize, usize), usize, Role) {
    const TITLE_MAX: usize = 30;
    const LINE_TITLE_MAX: usize = 40;
    let mut depth = 0i32;
    let mut first_comma: Option<usize> = None;
    for (n, (i, c)) in rest.char_indices().enumerate() {
        match c {
            '(' | '“' | '《' | '[' => depth += 1,
            ')' | '”' | '》' | ']' => depth -= 1,
            '。' | ':' | ';' if depth <= 0 => {
                if n <= TITLE_MAX && first_comma.is_none() {
                    return ((0, i), i + c.len_utf8(), Role::Heading);
                }
                break;
            }
            ',' | '，' if depth <= 0 && first_comma.is_none() => first_comma = Some(i),
            _ => {}
        }
    }
    let chars = rest.chars().count();
    if first_comma.is_none() && chars <= LINE_TITLE_MAX && !rest.contains('。') {
        return ((0, rest.len()), rest.len(), Role::Heading);
    }
    // A numbered paragraph: the title is its first clause.
    let cut = rest
        .char_indices()
        .find(|&(_, c)| matches!(c, ',' | '。' | ';'))
        .map_or(rest.len(), |(i, _)| i);
    ((0, cut), 0, Role::Paragraph)
}

fn trim_range(text: &str, a: usize, b: usize) -> (usize, usize) {
    let junk = |c: char| c.is_whitespace() || c == '.' || c == '、';
    let s = &text[a..b];
    let t = s.trim_start_matches(junk);
    let off = s.len() - t.len();
    let t = t.trim_end_matches(junk);
    (a + off, a + off + t.len())
}

/// Finds the table of contents as a line range `[a, b)`: after a "目录"
/// line, or, without one, a run of entries at the start that the body
/// repeats ([`toc_without_title`]).
fn find_toc(text: &str, lines: &[(usize, &str)], heads: &[Option<Head>]) -> Option<(usize, usize)> {
    let k0 = lines.iter().position(|(_, l)| is_toc_title(l));
    match k0 {
        Some(k0) => {
            let end = toc_entries(text, lines, heads, k0 + 1)?;
            // A part printed just above "目录" is the TOC's first entry when
            // the entries start at a later part ("第一部分 2026 年度部门预算情况
            // 说明\n目 录\n一、…\n第二部分 …"; long-cities g004).
            let above = (0..k0).rev().find(|&j| !lines[j].1.trim().is_empty());
            if let Some((j, h)) = above.and_then(|j| heads[j].as_ref().map(|h| (j, h))) {
                // The entries counted from that part: the body starts where
                // it comes again; the table must hold a later part too.
                if h.family == Family::Part {
                    if let Some(e) = toc_entries(text, lines, heads, j) {
                        let later_part = heads[k0 + 1..e]
                            .iter()
                            .flatten()
                            .any(|x| x.family == Family::Part && x.ordinal > h.ordinal);
                        if e > k0 + 1 && later_part {
                            return Some((j, e));
                        }
                    }
                }
            }
            Some((k0, end))
        }
        None => toc_without_title(text, lines, heads),
    }
}

/// "目录", "目 录", "目    录", "目录:" (docs 041, 054, 032), "决算公开目录"
/// (wide b041). No allocation per line: this runs on every line.
pub(crate) fn is_toc_title(l: &str) -> bool {
    let t = l.trim().trim_end_matches(':');
    if t.len() > 64 * 3 || !t.ends_with('录') {
        return false;
    }
    let mut cs = t.chars().rev().filter(|c| !c.is_whitespace());
    cs.next() == Some('录') && cs.next() == Some('目') && {
        // What comes before 目录 is a few words ("决算公开"), no marker; or
        // the document's title ("中国共产党楚雄彝族自治州委员会宣传部2023年度部门
        // 决算目录", an unseen page of a prefecture's 2023 final accounts).
        let head = t.trim_end_matches(|c: char| c == '录' || c == '目' || c.is_whitespace());
        // (One title glued to 目录, no run of words: a page flattened onto
        // one line, cut before "…决算公开 目 录", keeps its title; wide b023,
        // c005 so reshaped.)
        let title = ["预算", "决算", "公开", "说明", "报告"]
            .iter()
            .any(|w| head.ends_with(w))
            && head.chars().count() <= 48
            && !head.contains([' ', '\t'])
            && t.ends_with("目录");
        (head.chars().count() <= 8 || title) && numbering::marker(head).is_none()
    }
}

/// The end of the entries that start at line `from`: up to the first
/// repeat of the first entry or the first line of prose. A short line that
/// is no heading but is followed by one stays inside ("3一般公共预算本级
/// 基本支出表" among "2.…表" and "4.…表", wide b023). At least three entries.
fn toc_entries(
    text: &str,
    lines: &[(usize, &str)],
    heads: &[Option<Head>],
    from: usize,
) -> Option<usize> {
    let mut entries = 0;
    let mut first: Option<(Family, u32, String)> = None;
    // Every entry so far: the body starts where one comes again, not only
    // the first ("一、基本职能及主要工作" after an unnumbered part title,
    // wide c013).
    let mut seen: std::collections::HashSet<(Family, u32, u64), crate::vocab::Fnv> =
        std::collections::HashSet::with_hasher(crate::vocab::Fnv::default());
    let mut end = from;
    let mut k = from;
    // The entries' lines, for the back-off at the end.
    let mut entry_lines: Vec<usize> = Vec::new();
    while k < lines.len() {
        let line = lines[k].1.trim();
        if line.is_empty() {
            k += 1;
            continue;
        }
        match &heads[k] {
            Some(h) => {
                let title = &text[h.title.0..h.title.1];
                let hashed = (h.family, h.ordinal, title_hash(title));
                match &first {
                    Some(f) => {
                        // The words are compared only within the first
                        // entry's family (a few per document).
                        // (Or between parts and 一、 entries: wide b035.)
                        let related = h.family == f.0
                            || matches!(
                                (h.family, f.0),
                                (Family::Part, Family::CnComma) | (Family::CnComma, Family::Part)
                            ) && h.ordinal == f.1;
                        let again = related && repeats(f, &(h.family, h.ordinal, compact(title)));
                        if again || seen.contains(&hashed) {
                            break;
                        }
                    }
                    None => first = Some((h.family, h.ordinal, compact(title))),
                }
                if seen.len() < 4096 {
                    seen.insert(hashed);
                }
                entries += 1;
                end = k + 1;
                if entry_lines.len() < 4096 {
                    entry_lines.push(k);
                }
            }
            None => {
                // "公开日期:2024926" / "公开时间:2025年10月15日" (docs 009, 063)
                let meta = line.contains("日期") || line.contains("时间");
                if entries == 0 && meta {
                    end = k + 1;
                    k += 1;
                    continue;
                }
                // The tables a part lists, numbered as tables ("第二部分 2024年
                // 部门预算报表\n表1. 部门收支总表\n表1-1. 部门收入总表…"; unseen
                // pages of two schools' 2024 budgets): entries without a marker.
                if entries > 0 && table_entry(line) {
                    end = k + 1;
                    k += 1;
                    continue;
                }
                // Up to two such lines in a row ("政府性基金预算…决算表\n国有资本
                // 经营预算…决算表" without their numbers, wide a020).
                let stray = |l: &str| l.chars().count() <= 40 && !l.contains(['。', ',', ';', ':']);
                let mut gap = false;
                if entries > 0 && stray(line) {
                    let mut strays = 1;
                    for j in k + 1..lines.len().min(k + 8) {
                        let l = lines[j].1.trim();
                        if l.is_empty() {
                            continue;
                        }
                        if heads[j].is_some() {
                            gap = true;
                            break;
                        }
                        strays += 1;
                        if strays > 2 || !stray(l) {
                            break;
                        }
                    }
                }
                // A short note among the entries ("第四部分 2022年部门预算表\n反映本
                // 部门(含所属二级单位) 预算收支的总体情况。\n一、部门收支总表…"; an
                // unseen page of a bureau's 2022 budget): the list goes on when its
                // first entry comes again within eight short lines.
                if entries >= 3 && !gap && line.chars().count() <= 60 {
                    if let Some(f) = &first {
                        let mut j = k + 1;
                        let mut seen_lines = 0;
                        let mut again = None;
                        while j < lines.len() && seen_lines < 8 {
                            let l = lines[j].1.trim();
                            if !l.is_empty() {
                                seen_lines += 1;
                                if l.chars().count() > 60 {
                                    break;
                                }
                                if let Some(h) = &heads[j] {
                                    let t = compact(&text[h.title.0..h.title.1]);
                                    if repeats(f, &(h.family, h.ordinal, t)) {
                                        again = Some(j);
                                        break;
                                    }
                                }
                            }
                            j += 1;
                        }
                        if let Some(j) = again {
                            // The entries up to the repeat are the list's.
                            end = (k + 1..j)
                                .rev()
                                .find(|&i| !lines[i].1.trim().is_empty())
                                .map_or(k + 1, |i| i + 1);
                            for (i, h) in heads.iter().enumerate().take(j).skip(k + 1) {
                                let Some(h) = h else { continue };
                                let t = &text[h.title.0..h.title.1];
                                if seen.len() < 4096 {
                                    seen.insert((h.family, h.ordinal, title_hash(t)));
                                }
                                entries += 1;
                                if entry_lines.len() < 4096 {
                                    entry_lines.push(i);
                                }
                            }
                            k = j;
                            break;
                        }
                    }
                }
                if !gap {
                    // Prose right after "第一部分 X\n一、Y": the body's first
                    // heading and its first child, not entries (a fragment of a
                    // contents list above them; an unseen mirror page of a
                    // centre's 2023 final accounts). Entries that come last are
                    // never both number one.
                    if end
                        == k - lines[end..k]
                            .iter()
                            .filter(|l| l.1.trim().is_empty())
                            .count()
                    {
                        let chain = opening_chain(heads, &entry_lines);
                        if chain >= 2 && entries >= chain + 3 {
                            end = entry_lines[entry_lines.len() - chain];
                            entries -= chain;
                        }
                    }
                    break;
                }
            }
        }
        k += 1;
    }
    // Two entries are enough when the body repeats one of them right after
    // ("目录\n一、部门概况……2\n二、收支情况……3\n一、部门概况\n…": a short
    // summary's contents, whose entries had been counted as the body's).
    let repeated = heads.get(k).and_then(Option::as_ref).is_some_and(|h| {
        seen.contains(&(h.family, h.ordinal, title_hash(&text[h.title.0..h.title.1])))
    });
    (entries >= 3 || entries == 2 && repeated).then_some(end)
}

/// How many of the last entries open a body: each number one, each a level
/// below the one before ("第一部分 单位概况", "一、主要职能").
fn opening_chain(heads: &[Option<Head>], entry_lines: &[usize]) -> usize {
    let mut n = 0;
    let mut below: Option<u8> = None;
    for &k in entry_lines.iter().rev() {
        let Some(h) = heads[k].as_ref() else { break };
        if h.ordinal != 1 || below.is_some_and(|r| h.family.rank() >= r) {
            break;
        }
        below = Some(h.family.rank());
        n += 1;
    }
    n
}

/// "表1. 部门收支总表", "表2-1. 财政拨款支出预算表(政府经济分类科目)", "表 3:…":
/// a line naming a numbered table, as a table of contents lists them.
fn table_entry(line: &str) -> bool {
    let Some(rest) = line.strip_prefix('表') else {
        return false;
    };
    let rest = rest.trim_start();
    let digits = rest
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'-')
        .count();
    if digits == 0 || !rest.as_bytes()[0].is_ascii_digit() {
        return false;
    }
    let name = rest[digits..].trim_start_matches(['.', '、', ':', ' ']);
    !name.is_empty()
        && name.chars().count() <= 40
        && name.contains('表')
        && !name.contains(['。', ','])
}

/// Whether a heading repeats the first entry of a table of contents: the
/// same title, or, for 第X部分, the same number (a part cannot come twice:
/// "第一部分东湖区卫生健康委员会概况" in the TOC, "第一部分东湖区东湖区卫生健康
/// 委员会概况" in the body, wide b019).
fn repeats(first: &(Family, u32, String), h: &(Family, u32, String)) -> bool {
    // "一、部门(单位)主要职责" in the table, "第一部分主要职责" in the body
    // (wide b035): parts and 一、 entries of the same number and words.
    let one_level = |f: Family| matches!(f, Family::Part | Family::CnComma);
    let cross = first.0 != h.0
        && one_level(first.0)
        && one_level(h.0)
        && first.1 == h.1
        && !first.2.is_empty()
        && !h.2.is_empty()
        && (first.2.ends_with(&h.2) || h.2.ends_with(&first.2));
    cross
        || first.0 == h.0
            && (first.2 == h.2
                || first.0 == Family::Part && first.1 == h.1
                || !first.2.is_empty()
                    && !h.2.is_empty()
                    && (first.2.ends_with(&h.2) || h.2.ends_with(&first.2)))
}

/// A table of contents without a "目录" line (wide a037, b019, a029): the
/// document's first heading comes again later, and every line between is
/// an entry. Or a run of entries with page numbers ("二、机构设置 2", wide
/// c014), which no body prints.
fn toc_without_title(
    text: &str,
    lines: &[(usize, &str)],
    heads: &[Option<Head>],
) -> Option<(usize, usize)> {
    let k0 = heads.iter().position(Option::is_some)?;
    let h0 = heads[k0].as_ref()?;
    if h0.toc_like {
        let mut end = k0;
        let mut n = 0;
        for (k, h) in heads.iter().enumerate().skip(k0) {
            match h {
                Some(h) if h.toc_like => {
                    n += 1;
                    end = k + 1;
                }
                Some(_) => break,
                None if lines[k].1.trim().is_empty() => {}
                None => break,
            }
        }
        return (n >= 2).then_some((k0, end));
    }
    let end = toc_entries(text, lines, heads, k0)?;
    // The run must end where its first entry comes again, after at most a
    // few lines of a cover ("卓尼县卫生健康局(汇总)\n2024年度部门决算情况说明";
    // wide a013).
    let again = (end..lines.len())
        .filter(|&j| !lines[j].1.trim().is_empty())
        .take(4)
        .find(|&j| heads[j].is_some())?;
    let h = heads[again].as_ref()?;
    let key = |h: &Head| (h.family, h.ordinal, compact(&text[h.title.0..h.title.1]));
    repeats(&key(h0), &key(h)).then_some((k0, end))
}

/// Whether a body line (compact form) announces itself as the TOC entry
/// titled `toc` (compact form): the same words, or the same words after a
/// prefix naming the unit, year or project ("普陀区城市管理行政执法局主要职能"
/// for "部门主要职能", "2026年部门预算编制说明" for "部门预算编制说明",
/// "兰溪路-真南路下立交工程项目经费情况说明" for "项目经费情况说明"; long corpus).
fn announces(line: &str, toc: &str) -> bool {
    if toc.chars().count() < 4 {
        return false;
    }
    if line == toc {
        return true;
    }
    let after_prefix = |t: &str| {
        line.strip_suffix(t)
            .is_some_and(|p| p.chars().count() >= 2 && t.chars().count() >= 4)
    };
    after_prefix(toc)
        || ["部门", "单位"]
            .iter()
            .any(|w| toc.strip_prefix(w).is_some_and(after_prefix))
}

/// Unnumbered body lines that the table of contents announces: the TOC
/// numbers its top entries ("一、部门主要职能"), the body prints them as
/// plain lines, often with the unit's name in front (long corpus, 上海普陀
/// 预算 and 决算). Looked for after the TOC, in TOC order, a few entries ahead
/// at a time (an entry may have no heading of its own: "五、部门预算表").
/// Only short lines without sentence punctuation qualify. When the TOC's top
/// family is not 第X部分 and the body numbers any of those entries itself,
/// nothing is announced: the body's own numbering is the outline.
fn announced_heads(
    text: &str,
    lines: &[(usize, &str)],
    heads: &[Option<Head>],
    toc_end: usize,
    toc_heads: &[Head],
) -> Vec<Head> {
    let Some(top) = toc_heads.iter().map(|h| h.family.rank()).min() else {
        return Vec::new();
    };
    let entries: Vec<(&Head, String)> = toc_heads
        .iter()
        .filter(|h| h.family.rank() == top)
        .map(|h| (h, compact(&text[h.title.0..h.title.1])))
        .collect();
    let family = entries[0].0.family;
    let body = heads.get(toc_end..).unwrap_or(&[]);
    // Entries by ordinal, a few each (linear even for a TOC bomb).
    let mut by_ordinal: std::collections::HashMap<u32, Vec<&str>> =
        std::collections::HashMap::new();
    for (e, t) in &entries {
        let v = by_ordinal.entry(e.ordinal).or_default();
        if v.len() < 4 {
            v.push(t);
        }
    }
    let numbered = |h: &Head| {
        h.family == family
            && by_ordinal.get(&h.ordinal).is_some_and(|ts| {
                let key = compact(&text[h.title.0..h.title.1]);
                ts.iter().any(|t| announces(&key, t))
            })
    };
    if family != Family::Part && body.iter().flatten().any(numbered) {
        return Vec::new();
    }
    const AHEAD: usize = 3;
    let mut out = Vec::new();
    let mut next = 0; // the first entry not yet placed
    // Where the body numbers its parts (第一部分 …), an unnumbered line can
    // stand for a part only after the first of them: before it comes a
    // cover ("卓尼县卫生健康局(汇总)\n2024年度部门决算情况说明"; wide a013).
    let mut numbered_part_seen = family != Family::Part;
    for (k, (start, line)) in lines.iter().enumerate().skip(toc_end) {
        if next >= entries.len() {
            break;
        }
        if let Some(h) = &heads[k] {
            // A numbered part ("第三部分 …") places its entry too. (Not a
            // numbered line of another family: in the 预算 of the long
            // corpus those are table rows, "五、资源勘探工业信息等支出".)
            if h.family == family && family == Family::Part {
                if let Some(j) = (next..entries.len().min(next + AHEAD))
                    .find(|&j| entries[j].0.ordinal == h.ordinal)
                {
                    next = j + 1;
                }
                numbered_part_seen = true;
            }
            continue;
        }
        if !numbered_part_seen {
            continue;
        }
        let t = line.trim();
        if t.is_empty() || t.chars().count() > 50 || t.contains(['。', ';', ',', ':']) {
            continue;
        }
        let key = compact(t);
        let Some(j) =
            (next..entries.len().min(next + AHEAD)).find(|&j| announces(&key, &entries[j].1))
        else {
            continue;
        };
        let e = entries[j].0;
        let off = start + (line.len() - line.trim_start().len());
        out.push(Head {
            family: e.family,
            ordinal: e.ordinal,
            line: (*start, start + line.len()),
            marker: (off, off),
            title: (off, off + t.len()),
            body_start: start + line.len(),
            role: Role::Heading,
            announced: true,
            toc_like: false,
            title_below: false,
            volume: false,
        });
        next = j + 1;
    }
    out
}

/// [`compact`]'s text hashed, without building it.
fn title_hash(s: &str) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = crate::vocab::Fnv::default().build_hasher();
    for c in s
        .chars()
        .filter(|c| !c.is_whitespace() && !COMPACT_DROPS.contains(*c))
    {
        h.write_u32(c as u32);
    }
    h.finish()
}

/// What [`compact`] leaves out besides white space.
const COMPACT_DROPS: &str = "，,、:：;；.。“”\"'()《》";

/// Title text for comparison: no white space or punctuation.
pub fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !COMPACT_DROPS.contains(*c))
        .collect()
}

/// Nests heading lines by family rank into a tree.
fn nest(heads: &[Head], end: usize, source: Source, text: &str) -> Vec<Node> {
    let mut roots: Vec<Node> = Vec::new();
    let mut stack: Vec<Node> = Vec::new();
    for h in heads {
        while stack.last().is_some_and(|top| top.rank() >= h.rank()) {
            close(&mut stack, &mut roots, h.line.0, text);
        }
        stack.push(Node {
            family: h.family,
            ordinal: h.ordinal,
            marker: h.marker,
            title: h.title,
            body: (h.body_start, h.body_start),
            extent: (h.marker.0, h.line.1),
            role: h.role,
            source,
            kind: crate::vocab::section_kind(&text[h.title.0..h.title.1]),
            announced: h.announced,
            title_below: h.title_below,
            volume: h.volume,
            children: Vec::new(),
        });
    }
    while !stack.is_empty() {
        close(&mut stack, &mut roots, end, text);
    }
    adopt_orphans(roots)
}

/// Leading sections of a lower rank than the document's top rank get an
/// implicit parent, so the top level holds only one family.
fn adopt_orphans(mut roots: Vec<Node>) -> Vec<Node> {
    let Some(top) = roots.iter().map(Node::rank).min() else {
        return roots;
    };
    let k = roots.iter().take_while(|n| n.rank() > top).count();
    if k == 0 {
        return roots;
    }
    let orphans: Vec<Node> = roots.drain(..k).collect();
    let (s, e) = (orphans[0].extent.0, orphans[k - 1].extent.1);
    let family = roots.first().map_or(orphans[0].family, |n| n.family);
    roots.insert(
        0,
        Node {
            family,
            ordinal: 0,
            marker: (s, s),
            title: (s, s),
            body: (s, s),
            extent: (s, e),
            role: Role::Heading,
            source: Source::Implicit,
            kind: None,
            announced: false,
            title_below: false,
            volume: false,
            children: orphans,
        },
    );
    roots
}

/// Pops the top of the stack, ending it at `at`, and attaches it to its parent.
fn close(stack: &mut Vec<Node>, roots: &mut Vec<Node>, at: usize, text: &str) {
    let Some(mut n) = stack.pop() else { return };
    let at = at.max(n.extent.0);
    let end = text[..at].trim_end().len().max(n.body.0.min(at));
    n.extent.1 = end.max(n.title.1);
    let body_end = n.children.first().map_or(n.extent.1, |c| c.extent.0);
    n.body.1 = body_end.max(n.body.0);
    match stack.last_mut() {
        Some(parent) => parent.children.push(n),
        None => roots.push(n),
    }
}

/// The non-TOC node among `nodes` whose extent holds `pos`. Body nodes are
/// in document order with disjoint extents, so a binary search finds it
/// (200,000 sibling headings must not make every lookup linear).
pub fn child_at(nodes: &[Node], pos: usize) -> Option<&Node> {
    let k = nodes.partition_point(|n| n.extent.0 <= pos);
    // TOC nodes merged in carry the TOC's offsets: look at a few neighbours.
    nodes[..k]
        .iter()
        .rev()
        .take(8)
        .find(|n| n.source != Source::Toc && n.extent.0 <= pos && pos < n.extent.1)
}

/// Puts the TOC entries that the body lacks into the body tree, in TOC
/// order. Returns the tree and how many entries were left out.
///
/// - A body heading and a TOC entry are the same section when their titles
///   agree (equal, one the start of the other, one the other with the
///   unit's name in front), or when they have the same family and number at
///   the same place in the order and, for numbered families other than
///   第X部分, titles alike ("单位概况" in the TOC, "部门概况" in the body, wide
///   a020). The body's title is kept ("宣汉县人民医院概况" for "概况", wide
///   c010), except a bare part marker's, which takes the TOC's (wide b029,
///   long-cities g008).
/// - An entry the body never reaches is a node of its own (`source = toc`)
///   only where the text ends before its place (a truncated excerpt). An
///   entry the body passes over ("五、部门预算表", the tables of the long
///   corpus's PDFs, which have no heading line) is left out, and so are
///   entries of a lower rank than the body's top level (a TOC of second-level
///   entries only, wide c014).
/// - A body that never prints the TOC's parts (第X部分 in the TOC, only 一、
///   二、 in the body; wide a038, b014) is nested under them: each part is an
///   `implicit` node with the TOC's title holding the body sections that its
///   TOC entries list.
fn merge_toc(text: &str, body: Vec<Node>, toc: Vec<Node>) -> (Vec<Node>, usize) {
    if body.is_empty() {
        return (toc, 0);
    }
    let body_top = body.iter().map(Node::rank).min().unwrap_or(u8::MAX);
    let toc_top = toc.iter().map(Node::rank).min().unwrap_or(u8::MAX);
    if toc_top < body_top && toc.iter().any(|t| !t.children.is_empty()) {
        if let Some(nested) = nest_under_parts(text, &body, &toc) {
            return (nested, 0);
        }
    }
    // A table numbered 一、 over a body numbered 第一部分, or the reverse
    // ("一、部门(单位)主要职责" … "第一部分主要职责", wide b035): its top
    // entries are the body's top sections, matched as one family.
    let top_family = |nodes: &[Node]| nodes.iter().min_by_key(|n| n.rank()).map(|n| n.family);
    let (tf, bf) = (top_family(&toc), top_family(&body));
    let one_level = |f: Option<Family>| matches!(f, Some(Family::Part | Family::CnComma));
    // Only where the first entries are one section: number one both, the
    // same words (a TOC fragment "二、机构设置 2 … 十一、…" above 第一部分 is
    // of the level below; wide c014).
    let first_of = |nodes: &[Node], f: Option<Family>| {
        nodes
            .iter()
            .find(|n| Some(n.family) == f)
            .map(|n| (n.ordinal, compact(&text[n.title.0..n.title.1])))
    };
    let same_first = match (first_of(&toc, tf), first_of(&body, bf)) {
        (Some((1, a)), Some((1, b))) => alike(&a, &b) || a.ends_with(&b) || b.ends_with(&a),
        _ => false,
    };
    let swap = (tf != bf && one_level(tf) && one_level(bf) && same_first).then_some((tf, bf));
    // The family a TOC node is matched in.
    let as_body = |f: Family| match swap {
        Some((Some(t), Some(b))) if f == t => b,
        _ => f,
    };
    let key = |n: &Node| compact(&text[n.title.0..n.title.1]);
    let body_keys: Vec<String> = body.iter().map(key).collect();
    // Exact titles through a map; other matches only within a few nodes of
    // the last match (linear, even for a TOC of 100,000 entries).
    let mut exact: std::collections::HashMap<(Family, String), std::collections::VecDeque<usize>> =
        std::collections::HashMap::new();
    for (i, n) in body.iter().enumerate() {
        exact
            .entry((n.family, body_keys[i].clone()))
            .or_default()
            .push_back(i);
    }
    let mut used = vec![false; body.len()];
    let mut cursor = 0usize; // body nodes before it are placed
    let mut slots: Vec<Result<usize, Node>> = Vec::new();
    let mut adopt: Vec<Option<(usize, usize)>> = vec![None; body.len()];
    for t in toc {
        let tfam = as_body(t.family);
        let probe = (tfam, key(&t));
        let tk = probe.1.as_str();
        let mut found = None;
        if !tk.is_empty() {
            if let Some(q) = exact.get_mut(&probe) {
                while let Some(&i) = q.front() {
                    q.pop_front();
                    if !used[i] && i >= cursor {
                        found = Some(i);
                        break;
                    }
                }
            }
        }
        let window = cursor..body.len().min(cursor + 8);
        if found.is_none() {
            found = window
                .clone()
                .find(|&i| !used[i] && body[i].family == tfam && alike(&body_keys[i], tk));
        }
        if found.is_none() {
            // The same number in the same family: the same section when the
            // titles are alike or the numbering is 第X部分's. A misprint in
            // either title ("202 年度" in the TOC of the long corpus's
            // 生态环境局 决算, "2025 年度" in the body) does not matter.
            found = window.clone().find(|&i| {
                let b = &body[i];
                !used[i]
                    && b.family == tfam
                    && b.ordinal == t.ordinal
                    && (b.family == Family::Part && tfam == t.family
                        || body_keys[i].is_empty()
                        || b.announced && announces(&body_keys[i], tk)
                        || near(&body_keys[i], tk))
            });
        }
        match found {
            Some(i) => {
                // Body nodes before i that matched nothing keep their place.
                for (j, u) in used.iter_mut().enumerate().take(i).skip(cursor) {
                    if !*u {
                        *u = true;
                        slots.push(Ok(j));
                    }
                }
                used[i] = true;
                if body[i].title_below || body_keys[i].is_empty() {
                    adopt[i] = Some(t.title);
                }
                slots.push(Ok(i));
                cursor = i + 1;
            }
            None => slots.push(Err(t)),
        }
    }
    // TOC-only entries: kept after the last placed body node (the text
    // stops before them), left out where the body went on past them or
    // where they rank below the body's top.
    let last_placed = slots.iter().rposition(Result::is_ok);
    let mut left_out = 0;
    let mut body: Vec<Option<Node>> = body.into_iter().map(Some).collect();
    for (i, a) in adopt.into_iter().enumerate() {
        if let (Some(t), Some(Some(n))) = (a, body.get_mut(i)) {
            n.title = t;
            n.kind = crate::vocab::section_kind(&text[t.0..t.1]);
        }
    }
    let mut out = Vec::new();
    for (k, slot) in slots.into_iter().enumerate() {
        match slot {
            Ok(i) => out.extend(body[i].take()),
            Err(t) => {
                let rank = if as_body(t.family) == t.family {
                    t.rank()
                } else {
                    body_top
                };
                if last_placed.is_some_and(|l| k < l) || rank > body_top {
                    left_out += 1 + count_nodes(&t.children);
                } else {
                    out.push(t);
                }
            }
        }
    }
    out.extend(body.into_iter().flatten());
    (out, left_out)
}

fn count_nodes(nodes: &[Node]) -> usize {
    nodes.iter().map(|n| 1 + count_nodes(&n.children)).sum()
}

/// Titles that name the same section: equal, one the start of the other,
/// or one the other with a prefix naming the unit ([`announces`]).
fn alike(a: &str, b: &str) -> bool {
    !a.is_empty()
        && !b.is_empty()
        && (a == b || a.starts_with(b) || b.starts_with(a) || announces(a, b) || announces(b, a))
}

/// Titles alike but for a word or a misprint: the same once 单位 and 部门
/// are one word ("单位概况", "部门概况"), or the same first four characters.
fn near(a: &str, b: &str) -> bool {
    let unify = |s: &str| s.replace("单位", "部门");
    alike(&unify(a), &unify(b)) || a.chars().count() >= 4 && a.chars().take(4).eq(b.chars().take(4))
}

/// Nests a body without parts under the parts of the table of contents
/// (see [`merge_toc`]). `None` when no body section matches an entry below
/// a part: then the TOC says nothing about where they go.
fn nest_under_parts(text: &str, body: &[Node], toc: &[Node]) -> Option<Vec<Node>> {
    let key = |n: &Node| compact(&text[n.title.0..n.title.1]);
    let top = toc.iter().map(Node::rank).min()?;
    let parts: Vec<&Node> = toc.iter().filter(|t| t.rank() == top).collect();
    // For each body node, the part it goes to: the first part at or after
    // the current one whose entries list its title.
    let mut owner = Vec::with_capacity(body.len());
    let mut current = 0usize;
    let mut matched = 0;
    for b in body {
        let bk = key(b);
        let hit = (current..parts.len()).take(4).find(|&p| {
            parts[p]
                .children
                .iter()
                .any(|c| c.family == b.family && (alike(&bk, &key(c)) || near(&bk, &key(c))))
        });
        if let Some(p) = hit {
            current = p;
            matched += 1;
        }
        owner.push(current);
    }
    if matched * 2 < body.len().min(8) || matched == 0 {
        return None;
    }
    let mut out = Vec::new();
    let mut body_iter = body.iter().cloned().zip(owner).peekable();
    for (p, part) in parts.iter().enumerate() {
        let mut children = Vec::new();
        while let Some((b, _)) = body_iter.next_if(|(_, o)| *o == p) {
            children.push(b);
        }
        if children.is_empty() {
            out.push((*part).clone());
            continue;
        }
        let (s, e) = (children[0].extent.0, children[children.len() - 1].extent.1);
        out.push(Node {
            family: part.family,
            ordinal: part.ordinal,
            marker: (s, s),
            title: part.title,
            body: (s, s),
            extent: (s, e),
            role: Role::Heading,
            source: Source::Implicit,
            kind: part.kind,
            announced: false,
            title_below: false,
            volume: part.volume,
            children,
        });
    }
    out.extend(body_iter.map(|(b, _)| b));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(text: &str, nodes: &[Node]) -> Vec<String> {
        nodes
            .iter()
            .map(|n| text[n.title.0..n.title.1].to_string())
            .collect()
    }

    #[test]
    fn nesting_and_inline_titles() {
        let t = "标题\n一、单位基本情况\n(一)职能职责\n1.贯彻执行有关法律,为全区提供服务保障。\n2.承担工作。\n二、收支\n(一)收入预算:2024年年初预算数772.94万元。\n";
        let o = segment(t);
        assert_eq!(titles(t, &o.sections), ["单位基本情况", "收支"]);
        let c = &o.sections[0].children[0];
        assert_eq!(titles(t, &c.children), ["贯彻执行有关法律", "承担工作"]);
        assert_eq!(c.children[0].role, Role::Paragraph);
        let r = &o.sections[1].children[0];
        assert_eq!(&t[r.title.0..r.title.1], "收入预算");
        assert!(t[r.body.0..r.body.1].starts_with("2024年"));
    }

    #[test]
    fn toc_entries_fill_truncated_body() {
        let t = "目录\n第一部分 概况\n第二部分 说明\n第三部分 名词解释\n第一部分 概况\n正文。\n";
        let o = segment(t);
        assert!(o.toc.is_some());
        assert_eq!(titles(t, &o.sections), ["概况", "说明", "名词解释"]);
        assert_eq!(o.sections[0].source, Source::Body);
        assert_eq!(o.sections[1].source, Source::Toc);
    }
}
