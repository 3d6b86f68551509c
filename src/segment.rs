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
//!   is a cell, not a heading.

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
    pub children: Vec<Node>,
}

impl Node {
    pub fn rank(&self) -> u8 {
        rank(self.family, self.announced)
    }
}

#[derive(Clone, Debug, Default)]
pub struct Outline {
    pub sections: Vec<Node>,
    /// The table of contents, if one was recognized.
    pub toc: Option<(usize, usize)>,
    /// Where the first heading line of the body (or the TOC) starts.
    pub first_heading: Option<usize>,
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
}

impl Head {
    fn rank(&self) -> u8 {
        rank(self.family, self.announced)
    }
}

/// Nesting rank: a heading the table of contents announces ranks with
/// 第X部分, above every numbered family, whatever the TOC numbered it with
/// (long corpus: the TOC says "一、部门主要职能", the body prints the part
/// unnumbered and numbers its own subsections 一、二、…).
fn rank(family: Family, announced: bool) -> u8 {
    if announced {
        Family::Part.rank()
    } else {
        family.rank()
    }
}

pub fn segment(text: &str) -> Outline {
    let lines = crate::normalize::line_starts(text);
    let mut heads: Vec<Option<Head>> = (0..lines.len()).map(|k| head_at(text, &lines, k)).collect();
    drop_table_rows(&lines, &mut heads);
    let toc = find_toc(text, &lines, &heads);
    let (toc_range, toc_heads) = match &toc {
        Some((a, b)) => {
            let r = (lines[*a].0, lines[b - 1].0 + lines[b - 1].1.len());
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
    if let Some((_, toc_end)) = toc_range {
        let toc_tree = nest(&toc_heads, toc_end, Source::Toc, text);
        sections = merge_toc(text, sections, toc_tree);
    }
    Outline {
        sections,
        toc: toc_range,
        first_heading,
    }
}

fn head_at(text: &str, lines: &[(usize, &str)], k: usize) -> Option<Head> {
    let (start, line) = lines[k];
    let trimmed = line.trim_start_matches([' ', '\t']);
    let indent = line.len() - trimmed.len();
    let m = numbering::marker(trimmed)?;
    // A cell of a garbled table: "|" lines on both sides (doc 014).
    let nonblank = |l: &&(usize, &str)| !l.1.trim().is_empty();
    let prev = lines[..k].iter().rev().find(nonblank).map(|l| l.1.trim());
    let next = lines[k + 1..].iter().find(nonblank).map(|l| l.1.trim());
    if prev.is_some_and(|p| p.ends_with('|')) && next.is_some_and(|n| n.starts_with('|')) {
        return None;
    }
    let rest_start = start + indent + m.len;
    let line_end = start + line.len();
    let rest = &text[rest_start..line_end];
    if rest.trim().is_empty() && m.family != Family::Part {
        // A bare "1." or "(一)" alone on a line: a list artefact, still a heading
        // only if it has a title; otherwise it is noise.
        return None;
    }
    // "四、住房保障支出 5,871,730" or "一、财政拨款收入 47,483,458一、社会保障和
    // 就业支出 6,397,096": a row of a table printed as text (long corpus), not
    // a heading.
    // (A line with '。' is prose: "收支较上年减少484.05,降低11.1%。", doc 050.)
    if !rest.contains('。') && has_cell_number(rest) {
        return None;
    }
    let (title, body_start, role) = split_title(rest);
    let title = trim_range(text, rest_start + title.0, rest_start + title.1);
    Some(Head {
        family: m.family,
        ordinal: m.ordinal,
        line: (start, line_end),
        marker: (start + indent, start + indent + m.marker_len),
        title,
        body_start: rest_start + body_start,
        role,
        announced: false,
    })
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
}

#[allow(clippy::expect_used)] // fixed pattern
static CELL_NUMBER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+\.[0-9]+")
        .expect("cell number regex")
});

/// A number with a thousands separator or decimals that no unit, percent
/// sign or date word follows: a table cell. ("收入总计4697.76万元" carries its
/// unit; "2023年" is a year.)
fn has_cell_number(rest: &str) -> bool {
    // Cheap first: such a number has a digit, a ',' or '.', and a digit.
    let b = rest.as_bytes();
    if !b
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && (w[1] == b',' || w[1] == b'.') && w[2].is_ascii_digit())
    {
        return false;
    }
    CELL_NUMBER.find_iter(rest).any(|m| {
        let before = rest[..m.start()].chars().next_back();
        let after = rest[m.end()..].trim_start_matches([' ', '\t']);
        !before.is_some_and(|c| c.is_ascii_digit() || c == '.')
            && !after.starts_with([
                '万', '元', '亿', '千', '百', '%', '年', '月', '日', '.', '个', '人', '辆', '项',
            ])
    })
}

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

/// Finds the table of contents as a line range `[a, b)`.
fn find_toc(text: &str, lines: &[(usize, &str)], heads: &[Option<Head>]) -> Option<(usize, usize)> {
    let k0 = lines.iter().position(|(_, l)| {
        // "目录", "目 录", "目    录", "目录:" (docs 041, 054, 032); no
        // allocation per line, this runs on every line of every document.
        let t = l.trim();
        t.starts_with('目')
            && t.len() <= 24
            && t.chars()
                .filter(|c| !c.is_whitespace() && *c != ':')
                .eq("目录".chars())
    })?;
    let mut entries = 0;
    let mut first: Option<(Family, String)> = None;
    let mut end = k0 + 1;
    for k in k0 + 1..lines.len() {
        let line = lines[k].1.trim();
        if line.is_empty() {
            continue;
        }
        match &heads[k] {
            Some(h) => {
                let key = (h.family, compact(&text[h.title.0..h.title.1]));
                if let Some(f) = &first {
                    if *f == key {
                        break;
                    }
                } else {
                    first = Some(key);
                }
                entries += 1;
                end = k + 1;
            }
            None => {
                // "公开日期:2024926" / "公开时间:2025年10月15日" (docs 009, 063)
                let meta = line.contains("日期") || line.contains("时间");
                if entries == 0 && meta {
                    end = k + 1;
                    continue;
                }
                break;
            }
        }
    }
    (entries >= 3).then_some((k0, end))
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
            }
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
        });
        next = j + 1;
    }
    out
}

/// Title text for comparison: no white space or punctuation.
pub fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !"，,、:：;；.。“”\"'()《》".contains(*c))
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

/// Puts the TOC entries that the body lacks into the body tree, in TOC order.
fn merge_toc(text: &str, body: Vec<Node>, toc: Vec<Node>) -> Vec<Node> {
    if body.is_empty() {
        return toc;
    }
    let key = |n: &Node| compact(&text[n.title.0..n.title.1]);
    let same = |a: &str, b: &str| {
        !a.is_empty() && !b.is_empty() && (a == b || a.starts_with(b) || b.starts_with(a))
    };
    let body_keys: Vec<String> = body.iter().map(key).collect();
    // Exact titles through a map; prefix matches only within a few nodes of
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
    for t in toc {
        let probe = (t.family, key(&t));
        let tk = probe.1.as_str();
        let mut found = None;
        if let Some(q) = exact.get_mut(&probe) {
            while let Some(&i) = q.front() {
                q.pop_front();
                if !used[i] && i >= cursor {
                    found = Some(i);
                    break;
                }
            }
        }
        if found.is_none() {
            found = (cursor..body.len().min(cursor + 8))
                .find(|&i| !used[i] && body[i].family == t.family && same(&body_keys[i], tk));
        }
        if found.is_none() {
            // A heading the entry announced, or the same number with a
            // misprint in either title ("202 年度" in the TOC of the long
            // corpus's 生态环境局 决算, "2025 年度" in the body): same
            // family and ordinal, and the first four characters alike.
            let near = |i: usize| {
                let (a, b) = (&body_keys[i], tk);
                body[i].ordinal == t.ordinal
                    && a.chars().take(4).eq(b.chars().take(4))
                    && a.chars().count() >= 4
            };
            found = (cursor..body.len().min(cursor + 8)).find(|&i| {
                !used[i]
                    && body[i].family == t.family
                    && if body[i].announced {
                        announces(&body_keys[i], tk)
                    } else {
                        near(i)
                    }
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
                slots.push(Ok(i));
                cursor = i + 1;
            }
            None => slots.push(Err(t)),
        }
    }
    let mut body: Vec<Option<Node>> = body.into_iter().map(Some).collect();
    let mut out = Vec::new();
    for slot in slots {
        match slot {
            Ok(i) => out.extend(body[i].take()),
            Err(t) => out.push(t),
        }
    }
    out.extend(body.into_iter().flatten());
    out
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
