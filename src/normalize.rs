//! Normalization with an offset map.
//!
//! Takes the decoded original text; gives [`Normalized`]: a new text in which
//! later stages can use one spelling for one thing, plus a map from every
//! byte of the new text back to the original. Nothing downstream ever reports
//! a normalized offset: [`Normalized::span`] maps back first.
//!
//! What it does, in order (each rule is here because a document needed it):
//!
//! 1. **Characters**: CRLF/CR, form feeds and vertical tabs → LF; NBSP, ideographic and other spaces → ' ';
//!    zero-width characters and stray BOMs dropped; full-width ASCII
//!    (digits, letters, （）：，；．％) → ASCII, so "(一)" and "（一）" are one
//!    thing (the dev set stores ASCII where originals print full-width);
//!    ﹒ → '.'; traditional characters of the budget vocabulary → simplified
//!    (doc 014 is a traditional mirror page: 萬元, 減少, 預算).
//! 2. **Debris**: Word field codes (`[bookmark: _GoBack]` in the seed,
//!    `PAGEREF _Toc25831 h 3` in doc 009), table-of-contents dot leaders and
//!    their page numbers, page markers "—5—", lone page numbers between
//!    lines of prose, and pinyin glosses inserted after characters on mirror
//!    pages ("萬(wàn)元").
//! 3. **Reflow**: text extracted from PDFs wraps lines at a fixed width, in
//!    the middle of words ("文化旅游体\n育与传媒支出", "同比无增\n减变化", doc
//!    029). When a document shows that shape (many lines of one width), a
//!    line of full width that ends inside a sentence is joined to the next
//!    one, unless the next one starts a numbered heading.
//!
//! White space inside numbers ("43506.06 元", "0.00\n万元", "1, 537.4万元") is
//! left in place: the extractors allow it, so spans keep covering it.
//!
//! Promises: linear time; never panics; every normalized byte maps to a
//! character boundary of the original; `map` is monotonic.

use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

/// Normalized text plus its map back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    map: Vec<Seg>,
    /// Per block of [`BLOCK`] normalized bytes, how many pieces start at
    /// or before the block's start: a lookup searches one block's pieces,
    /// not the whole map (spans are asked for every section, amount, change
    /// and check; the binary searches were 4% of `extract`).
    blocks: Vec<u32>,
    original_len: usize,
}

/// Normalized bytes per entry of [`Normalized::blocks`].
const BLOCK: usize = 64;

/// [`Normalized::blocks`] for `map` over a text of `len` bytes.
fn blocks_of(map: &[Seg], len: usize) -> Vec<u32> {
    let mut out = Vec::with_capacity(len / BLOCK + 2);
    let mut k = 0;
    for b in 0..=len / BLOCK + 1 {
        while k < map.len() && map[k].n as usize <= b * BLOCK {
            k += 1;
        }
        out.push(k as u32);
    }
    out
}

/// One piece of the offset map. A piece either copies the original byte for
/// byte (`o_end == IDENT`: normalized `n + k` is original `o + k` up to the
/// next piece), or stands for one normalized character that replaced the
/// original bytes `[o, o_end)` ("（" for "(", "萬" for "万", CRLF for LF).
/// Most text is copied, so the map is a few pieces per replaced character
/// instead of two offsets per byte.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Seg {
    n: u32,
    o: u32,
    o_end: u32,
}

const IDENT: u32 = u32::MAX;

impl Normalized {
    /// How many pieces start at or before normalized byte `pos`: the map's
    /// `partition_point(|g| g.n <= pos)`, searched within `pos`'s block.
    fn pieces_upto(&self, pos: usize) -> usize {
        let b = pos / BLOCK;
        let (Some(&lo), Some(&hi)) = (self.blocks.get(b), self.blocks.get(b + 1)) else {
            return self.map.partition_point(|g| g.n as usize <= pos);
        };
        let (lo, hi) = (lo as usize, hi as usize);
        lo + self.map[lo..hi].partition_point(|g| g.n as usize <= pos)
    }

    /// The piece holding normalized byte `pos` (`map` is sorted by `n` and
    /// starts at 0 when the text is not empty).
    fn seg_at(&self, pos: usize) -> Option<&Seg> {
        self.pieces_upto(pos)
            .checked_sub(1)
            .and_then(|k| self.map.get(k))
    }

    /// Maps a normalized byte range back to the original. Out-of-range
    /// input is clamped, never a panic.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let n = self.text.len();
        let (start, end) = (start.min(n), end.min(n));
        let (start, end) = if start <= end {
            (start, end)
        } else {
            (end, start)
        };
        // Most spans lie inside one copied piece: one search, not two.
        let k = self.pieces_upto(start);
        if let Some(g) = k.checked_sub(1).and_then(|k| self.map.get(k)) {
            let piece_end = self.map.get(k).map_or(n, |x| x.n as usize);
            if g.o_end == IDENT && end <= piece_end && start < n {
                let s = g.o as usize + (start - g.n as usize);
                let e = g.o as usize + (end - g.n as usize);
                return Span::new(s, e.clamp(s, self.original_len.max(s)));
            }
        }
        let s = self.original_offset(start);
        let e = if end > start {
            match self.seg_at(end - 1) {
                Some(g) if g.o_end == IDENT => g.o as usize + (end - g.n as usize),
                Some(g) => g.o_end as usize,
                None => s,
            }
        } else {
            s
        };
        Span::new(s, e.clamp(s, self.original_len.max(s)))
    }

    /// The original text of normalized `[start, end)`, piece by piece: the
    /// original characters (not their normalized spelling), without what
    /// normalization deleted between them (pinyin glosses, field codes).
    pub fn printed(&self, original: &str, start: usize, end: usize) -> String {
        let n = self.text.len();
        let (start, end) = (start.min(n), end.min(n));
        let mut out = String::new();
        if start >= end {
            return out;
        }
        // Most titles lie inside one copied piece: a slice of the original.
        let k = self.pieces_upto(start);
        if let Some(g) = k.checked_sub(1).and_then(|k| self.map.get(k)) {
            let piece_end = self.map.get(k).map_or(n, |x| x.n as usize);
            if g.o_end == IDENT && end <= piece_end {
                let a = g.o as usize + (start - g.n as usize);
                return original
                    .get(a..a + (end - start))
                    .unwrap_or_default()
                    .to_string();
            }
        }
        let mut k = k.saturating_sub(1);
        let mut pos = start;
        while pos < end && k < self.map.len() {
            let g = self.map[k];
            let g_end = self.map.get(k + 1).map_or(n, |x| x.n as usize);
            let hi = g_end.min(end);
            if pos < hi {
                let (a, b) = if g.o_end == IDENT {
                    let a = g.o as usize + (pos - g.n as usize);
                    (a, a + (hi - pos))
                } else {
                    (g.o as usize, g.o_end as usize)
                };
                out.push_str(original.get(a..b).unwrap_or_default());
                pos = hi;
            }
            k += 1;
        }
        out
    }

    /// The original ranges that no normalized byte stands for (debris that
    /// normalization deleted: page markers, field codes, glosses, leaders),
    /// in order.
    pub fn dropped(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut covered = 0usize; // original offset covered so far
        for (k, g) in self.map.iter().enumerate() {
            let o = g.o as usize;
            if o > covered {
                out.push((covered, o));
            }
            covered = if g.o_end == IDENT {
                let next_n = self
                    .map
                    .get(k + 1)
                    .map_or(self.text.len(), |x| x.n as usize);
                o + (next_n - g.n as usize)
            } else {
                g.o_end as usize
            }
            .max(covered);
        }
        if covered < self.original_len {
            out.push((covered, self.original_len));
        }
        out
    }

    /// The original offset of a normalized position (start of its character).
    pub fn original_offset(&self, pos: usize) -> usize {
        if pos >= self.text.len() {
            return self.original_len;
        }
        match self.seg_at(pos) {
            Some(g) if g.o_end == IDENT => g.o as usize + (pos - g.n as usize),
            Some(g) => g.o as usize,
            None => self.original_len,
        }
    }
}

/// Working text: a string plus its offset map.
struct Mapped {
    s: String,
    map: Vec<Seg>,
}

impl Mapped {
    fn with_capacity(n: usize) -> Mapped {
        Mapped {
            s: String::with_capacity(n),
            map: Vec::new(),
        }
    }

    /// Appends text copied from original offset `o`.
    fn push_ident(&mut self, t: &str, o: usize) {
        let n = self.s.len();
        let contiguous = self
            .map
            .last()
            .is_some_and(|g| g.o_end == IDENT && g.o as usize + (n - g.n as usize) == o);
        if !contiguous {
            self.map.push(Seg {
                n: n as u32,
                o: o as u32,
                o_end: IDENT,
            });
        }
        self.s.push_str(t);
    }

    /// Appends one character that stands for original `[start, end)`.
    fn push(&mut self, c: char, start: usize, end: usize) {
        self.map.push(Seg {
            n: self.s.len() as u32,
            o: start as u32,
            o_end: end as u32,
        });
        self.s.push(c);
    }

    /// Appends normalized `[a, b)` of `src` with its map.
    fn append(&mut self, src: &Mapped, a: usize, b: usize) {
        if a >= b {
            return;
        }
        let mut k = src
            .map
            .partition_point(|g| g.n as usize <= a)
            .saturating_sub(1);
        let mut pos = a;
        while pos < b && k < src.map.len() {
            let g = src.map[k];
            let g_end = src.map.get(k + 1).map_or(src.s.len(), |x| x.n as usize);
            let hi = g_end.min(b);
            if pos < hi {
                if g.o_end == IDENT {
                    self.push_ident(&src.s[pos..hi], g.o as usize + (pos - g.n as usize));
                } else {
                    self.map.push(Seg {
                        n: self.s.len() as u32,
                        o: g.o,
                        o_end: g.o_end,
                    });
                    self.s.push_str(&src.s[pos..hi]);
                }
                pos = hi;
            }
            k += 1;
        }
    }

    /// A copy without the given byte ranges (sorted, non-overlapping, on
    /// character boundaries).
    fn delete(self, ranges: &[(usize, usize)]) -> Mapped {
        if ranges.is_empty() {
            return self;
        }
        let mut out = Mapped::with_capacity(self.s.len());
        let mut pos = 0;
        for &(a, b) in ranges {
            if a < pos || b < a || b > self.s.len() {
                continue;
            }
            out.append(&self, pos, a);
            pos = b;
        }
        out.append(&self, pos, self.s.len());
        out
    }
}

/// Normalizes `original`. See the module docs for what changes.
pub fn normalize(original: &str) -> Normalized {
    let mut m = map_chars(original);
    // Removing one piece of debris can expose another ("……12[bookmark: x]"
    // leaves a dot leader at the line end): repeat until nothing changes, a
    // few passes at most, so that normalization is idempotent. Joining
    // wrapped lines changes what the next look sees (widths; a page number
    // now between lines of prose): after a join, both again.
    let debris = |mut m: Mapped| {
        for _ in 0..4 {
            let before = m.s.len();
            m = remove_debris(m);
            if m.s.len() == before {
                break;
            }
        }
        m
    };
    m = debris(m);
    for _ in 0..4 {
        let before = m.s.len();
        m = reflow(m);
        if m.s.len() == before {
            break;
        }
        m = debris(m);
    }
    Normalized {
        blocks: blocks_of(&m.map, m.s.len()),
        text: m.s,
        map: m.map,
        original_len: original.len(),
    }
}

/// Stage 1: one character at a time. Characters that map to themselves
/// (nearly all of them) are copied as runs: one map piece and one copy per
/// run, not per character (this loop was a fifth of `extract`).
fn map_chars(original: &str) -> Mapped {
    let mut m = Mapped::with_capacity(original.len());
    let b = original.as_bytes();
    let mut run = 0; // start of the pending run of unchanged text
    let mut i = 0;
    let table: &[char] = &TRAD_TABLE;
    while i < b.len() {
        if b[i] < 0x80 && !matches!(b[i], b'\r' | 0x0B | 0x0C) {
            i += 1;
            continue;
        }
        // Han characters U+4E00..U+9FFF (lead bytes E4..E9) that stay as
        // they are: decoded by hand, the commonest case of all.
        if (0xE4..=0xE9).contains(&b[i]) && i + 2 < b.len() {
            let cp = (usize::from(b[i] & 0x0F) << 12)
                | (usize::from(b[i + 1] & 0x3F) << 6)
                | usize::from(b[i + 2] & 0x3F);
            if cp >= 0x4E00 && table.get(cp - 0x4E00) == Some(&'\0') {
                i += 3;
                continue;
            }
        }
        let Some(c) = original[i..].chars().next() else {
            break;
        };
        let end = i + c.len_utf8();
        let replacement = match c {
            '\r' => Some('\n'),
            // Page breaks of pdftotext output ("\x0c一、学校基本情况",
            // long-cities corpus) and vertical tabs end a line.
            '\u{000B}' | '\u{000C}' => Some('\n'),
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => None,
            '\u{00A0}' | '\u{3000}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => {
                Some(' ')
            }
            '\u{FF01}'..='\u{FF5E}' => Some(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)),
            '﹒' => Some('.'),
            '﹐' => Some(','),
            _ => {
                let t = simplify(c);
                if t == c {
                    i = end;
                    continue;
                }
                Some(t)
            }
        };
        if run < i {
            m.push_ident(&original[run..i], run);
        }
        // CRLF is one line break standing for both bytes.
        let end = if c == '\r' && b.get(end) == Some(&b'\n') {
            end + 1
        } else {
            end
        };
        if let Some(t) = replacement {
            m.push(t, i, end);
        }
        i = end;
        run = end;
    }
    if run < b.len() {
        m.push_ident(&original[run..], run);
    }
    m
}

/// Traditional → simplified for the characters of budget documents. One
/// character to one character, so the map stays simple. Doc 014 (a
/// traditional mirror page) forced this; the list covers the vocabulary of
/// the template (预算, 决算, 经费, 拨款, 增长, 减少 …), not all of Chinese.
fn simplify(c: char) -> char {
    if (c as u32) < 0x4E00 {
        return c;
    }
    let i = c as usize - 0x4E00;
    match TRAD_TABLE.get(i) {
        Some(&s) if s != '\0' => s,
        _ => c,
    }
}

/// Direct lookup table over the CJK block (U+4E00..U+9FFF), '\0' where a
/// character maps to itself: one index per character on the hottest loop.
static TRAD_TABLE: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut t = vec!['\0'; 0xA000 - 0x4E00];
    for &(from, to) in TRAD.iter() {
        if let Some(slot) = (from as usize)
            .checked_sub(0x4E00)
            .and_then(|i| t.get_mut(i))
        {
            *slot = to;
        }
    }
    t
});

static TRAD: LazyLock<Vec<(char, char)>> = LazyLock::new(|| {
    const PAIRS: &str = "萬万億亿圓圆預预決决說说經经費费撥拨財财單单門门機机關关運运構构務务車车購购維维護护國国資资產产會会計计劃划實实際际結结轉转餘余額额較较與与長长減减無无變变動动況况項项總总數数類类業业衛卫導导醫医療疗險险區区縣县鎮镇鄉乡辦办處处廳厅員员職职責责認认識识設设並并為为從从這这個个們们來来時时間间後后進进開开發发環环節节約约養养舉举參参條条規规範范準准標标據据銷销報报貸贷償偿債债幣币稅税採采貨货專专歸归屬属係系級级點点應应當当對对權权獲获題题細细織织組组紀纪統统綜综戶户傳传體体學学術术義义聯联營营輸输農农鐵铁電电訊讯網网絡络視视廣广東东圖图書书館馆藝艺競竞賽赛儀仪氣气質质層层擔担負负執执監监審审驗验證证補补貼贴獎奖勵励績绩問问優优閱阅讀读島岛鄰邻臺台灣湾遊游覽览齊齐濟济賬账災灾雜杂貿贸儲储備备糧粮棄弃廢废積积極极現现狀状態态戰战築筑鋪铺豐丰慮虑儉俭樸朴兩两幾几離离錢钱塊块貳贰陸陆訂订檢检測测頭头號号碼码條条據据議议論论調调節节協协銀银庫库稱称縮缩擴扩張张續续減减於于裡里個个辭辞彙汇匯汇歷历壓压鏈链綫线線线邊边園园館馆萊莱樓楼齡龄險险衞卫黨党團团級级舊旧盤盘築筑興兴縣县屆届錄录録录";
    let cs: Vec<char> = PAIRS.chars().collect();
    let mut v: Vec<(char, char)> = cs.chunks_exact(2).map(|p| (p[0], p[1])).collect();
    v.sort_unstable();
    v.dedup_by_key(|p| p.0);
    v
});

/// Word field codes and table-of-contents leaders. Every alternative
/// starts with a literal that prose rarely holds, so the search skips from
/// one to the next (the leading `[ \t]*` they used to carry made this regex
/// a tenth of `normalize`; the white space before a field code or leader is
/// taken by hand in [`remove_debris`]). Page markers and pinyin glosses,
/// which start with a '-' or '(' that prose holds everywhere, are found
/// their own way: [`line_debris`], [`PINYIN`].
#[allow(clippy::expect_used)] // fixed patterns
static DEBRIS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\[bookmark:[^\]\n]{0,120}\]",
        r"|PAGEREF\s+_Toc[0-9]+(?:\s+\\?h)?(?:[ \t]+[0-9]{1,4})?",
        // All trailing leader groups at once ("……12……12"), so that a second
        // pass finds nothing more (normalization is idempotent).
        r"|(?m:(?:…{2,}|\.{6,}|·{6,}|-{6,})[ \t]*[0-9]{0,4}",
        r"(?:[ \t]*(?:…{2,}|\.{6,}|·{6,}|-{6,})[ \t]*[0-9]{0,4})*[ \t]*$)",
    ))
    .expect("debris regex")
});

/// A page marker "—5—", "- 12 -": a line of its own (after indentation).
#[allow(clippy::expect_used)] // fixed patterns
static PAGE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t]*[-—–]{1,2}[ \t]*[0-9]{1,4}[ \t]*[-—–]{1,2}[ \t]*$")
        .expect("page marker regex")
});

/// A pinyin gloss "(wàn)" that mirror pages insert after a character.
#[allow(clippy::expect_used)] // fixed patterns
static PINYIN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)").expect("pinyin regex"));

/// A pinyin syllable without parentheses (checked for tone marks and Han
/// characters on both sides by the caller).
#[allow(clippy::expect_used)] // fixed patterns
static PINYIN_BARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}").expect("bare pinyin regex")
});

/// The tone marks a gloss must carry ("(a)" or "(km)" stay).
const TONED: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ";

/// Stage 2: conversion debris.
fn remove_debris(m: Mapped) -> Mapped {
    let mut cut: Vec<(usize, usize)> = Vec::new();
    let s = m.s.as_str();
    for whole in DEBRIS.find_iter(s) {
        let (mut start, end) = (whole.start(), whole.end());
        if !whole.as_str().starts_with('[') {
            // A field code or a leader takes the white space before it.
            let head = &s[..start];
            start -= head.len() - head.trim_end_matches([' ', '\t']).len();
        }
        let floor = cut.last().map_or(0, |c| c.1);
        cut.push((start.max(floor), end));
    }
    // Tone marks are Latin letters with lead bytes C3, C4, C5 and C7, which
    // Chinese text hardly ever has: most documents need no gloss search.
    let b = s.as_bytes();
    if memchr::memchr3(0xC3, 0xC4, 0xC5, b).is_some() || memchr::memchr(0xC7, b).is_some() {
        for whole in PINYIN.find_iter(s) {
            let toned = whole.as_str().chars().any(|c| TONED.contains(c));
            let after_han = s[..whole.start()].chars().next_back().is_some_and(is_han);
            if toned && after_han {
                cut.push((whole.start(), whole.end()));
            }
        }
        bare_glosses(s, &mut cut);
    }
    line_debris(s, &mut cut);
    cut.sort_unstable();
    m.delete(&cut)
}

/// Glosses without parentheses, between two Han characters: "財cái政撥bō款"
/// (issue 10). Only called where tone-marked letters occur.
fn bare_glosses(s: &str, out: &mut Vec<(usize, usize)>) {
    for whole in PINYIN_BARE.find_iter(s) {
        let toned = whole.as_str().chars().any(|c| TONED.contains(c));
        let after_han = s[..whole.start()].chars().next_back().is_some_and(is_han);
        let before_han = s[whole.end()..].chars().next().is_some_and(is_han);
        if toned && after_han && before_han {
            out.push((whole.start(), whole.end()));
        }
    }
}

/// Debris that is a line of its own: page markers ("—5—"), and lone page
/// numbers between lines of prose. Table cells ("|\n1\n|", doc 014) are
/// kept: a neighbour with '|' or without Han characters means "not prose".
/// One pass over the lines; only a candidate looks ahead, over blank lines,
/// so the scan stays linear.
fn line_debris(s: &str, out: &mut Vec<(usize, usize)>) {
    let mut prev: Option<&str> = None; // the last non-blank line
    let mut start = 0;
    for line in s.split('\n') {
        let end = start + line.len();
        let t = line.trim();
        if t.starts_with(['-', '—', '–']) && PAGE_MARKER.is_match(line) {
            out.push((start, end));
        }
        if lone_page_number(s, t, end, prev) {
            out.push((start, end));
        }
        // "??" alone on a line: characters a page lost in conversion (an
        // unseen mirror page of a region's 2024 budget has one between every
        // two lines, its contents list among them).
        if t.len() >= 2 && t.chars().all(|c| c == '?' || c == '\u{fffd}') {
            out.push((start, end));
            start = end + 1;
            continue;
        }
        // A page flattened onto one line keeps its page markers inside it:
        // "… 第四部分 名词解释 -3- 第一部分 …" (wide b017).
        if line.len() >= 200 {
            inline_page_markers(line, start, out);
            inline_leaders(line, start, out);
        }
        if !t.is_empty() {
            prev = Some(line);
        }
        start = end + 1;
    }
}

/// A table of contents' leader and page number inside a long line, before
/// the next entry: "第一部分 基本情况..........2 一、部门职责……2 二、…" (a
/// contents page flattened onto one line; wide c022 so reshaped). The run of
/// six dots or middle dots, or two ellipses, the white space before it and
/// the page number after it go; the white space after it stays, and what
/// follows is a Han character or a parenthesis (at a line's end the leaders
/// are [`DEBRIS`]'s).
fn inline_leaders(line: &str, start: usize, out: &mut Vec<(usize, usize)>) {
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // The leader's run: '.' (1 byte), '·' (C2 B7) or '…' (E2 80 A6).
        let (unit, min): (&[u8], usize) = match b[i] {
            b'.' => (b".", 6),
            0xC2 if b.get(i + 1) == Some(&0xB7) => ("·".as_bytes(), 6),
            0xE2 if b.get(i + 1..i + 3) == Some(&[0x80, 0xA6][..]) => ("…".as_bytes(), 2),
            _ => {
                i += 1;
                continue;
            }
        };
        let run_start = i;
        let mut n = 0;
        while b[i..].starts_with(unit) {
            i += unit.len();
            n += 1;
        }
        if n < min {
            continue;
        }
        let mut j = i;
        while matches!(b.get(j), Some(b' ' | b'\t')) {
            j += 1;
        }
        let digits = b[j..].iter().take_while(|c| c.is_ascii_digit()).count();
        let num_end = j + digits;
        let mut k = num_end;
        while matches!(b.get(k), Some(b' ' | b'\t')) {
            k += 1;
        }
        let next = line[k..].chars().next();
        if (1..=4).contains(&digits) && k > num_end && next.is_some_and(|c| is_han(c) || c == '(') {
            let head = &line[..run_start];
            let from = head.trim_end_matches([' ', '\t']).len();
            out.push((start + from, start + num_end));
            i = num_end;
        }
    }
}

/// " -3- " inside a long line: a page marker between white space (the
/// space before it goes too); and "- 1 -" at its end, whatever precedes it
/// (a page saved as one line: "…(十一)国有资本经营预算支出表- 1 -",
/// long-cities g006, own jd21).
fn inline_page_markers(line: &str, start: usize, out: &mut Vec<(usize, usize)>) {
    let b = line.as_bytes();
    let t = line.trim_end().as_bytes();
    if t.last() == Some(&b'-') {
        let mut i = t.len() - 1;
        let spaces = |i: &mut usize| {
            while *i > 0 && t[*i - 1] == b' ' {
                *i -= 1;
            }
        };
        spaces(&mut i);
        let end_digits = i;
        while i > 0 && t[i - 1].is_ascii_digit() {
            i -= 1;
        }
        let digits = end_digits - i;
        spaces(&mut i);
        if (1..=3).contains(&digits) && i > 0 && t[i - 1] == b'-' && i - 1 > 0 {
            out.push((start + i - 1, start + t.len()));
            return;
        }
    }
    for i in memchr::memchr_iter(b'-', b) {
        if i == 0 || b[i - 1] != b' ' {
            continue;
        }
        let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        let close = i + 1 + digits;
        if (1..=3).contains(&digits)
            && b.get(close) == Some(&b'-')
            && b.get(close + 1).is_none_or(|&c| c == b' ')
        {
            out.push((start + i - 1, start + close + 1));
        }
    }
}

/// Whether the line ending at `end`, trimmed `t`, is a page number: at
/// most three digits, the last non-blank line before (`prev`) and the next
/// one after being prose.
///
/// (Not between two short labels, "项目支出\n205\n教育支出": a class code of
/// a table printed a cell per line, long-cities g002. One of the two lines
/// must read as a sentence: a clause mark, or ten characters.)
fn lone_page_number(s: &str, t: &str, end: usize, prev: Option<&str>) -> bool {
    let prose = |l: &str| !l.contains('|') && l.chars().filter(|&c| is_han(c)).count() >= 4;
    let sentence = |l: &str| {
        let l = l.trim();
        l.contains([',', '。', ';', ':', '，', '；', '：']) || l.chars().count() >= 10
    };
    let candidate = !t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit());
    if !candidate || !prev.is_some_and(prose) {
        return false;
    }
    let next = s
        .get(end + 1..)
        .unwrap_or("")
        .split('\n')
        .find(|l| !l.trim().is_empty());
    next.is_some_and(prose) && (prev.is_some_and(sentence) || next.is_some_and(sentence))
}

/// Every line of `s` with the byte offset where it starts.
pub fn line_starts(s: &str) -> Vec<(usize, &str)> {
    let mut v = Vec::new();
    let mut pos = 0;
    for line in s.split('\n') {
        v.push((pos, line));
        pos += line.len() + 1;
    }
    v
}

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Display width: Han and other wide characters count 2.
pub(crate) fn width(line: &str) -> usize {
    // By bytes (a hot loop): ASCII counts 1, each lead byte of a multi-byte
    // character 2, continuation bytes 0. Non-ASCII below U+1100 (rare here)
    // counts 2 as well.
    // Eight bytes at a time (this ran for every line of every document):
    // a byte with its top bit clear is ASCII, one with its two top bits set
    // is a lead byte.
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let b = line.as_bytes();
    let mut chunks = b.chunks_exact(8);
    let mut w = 0usize;
    for c in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(c);
        let x = u64::from_le_bytes(word);
        let non_ascii = (x & HIGH).count_ones() as usize;
        let lead = (x & (x << 1) & HIGH).count_ones() as usize;
        w += 8 - non_ascii + 2 * lead;
    }
    for &x in chunks.remainder() {
        w += match x {
            0..=0x7F => 1,
            0xC0..=0xFF => 2,
            _ => 0,
        };
    }
    w
}

/// Stage 3: join lines wrapped by a PDF conversion.
fn reflow(m: Mapped) -> Mapped {
    // Widths first: most documents show no wrap and stop here.
    let widths: Vec<usize> = m.s.split('\n').map(|l| width(l.trim_end())).collect();
    // A table row (a column gap of three spaces inside the line, as a PDF's
    // layout text prints rows) is neither wrapped nor prose.
    let row: Vec<bool> = m.s.split('\n').map(|l| l.trim().contains("   ")).collect();
    let nonblank = widths.iter().filter(|&&w| w > 0).count();
    let prose_widths: Vec<usize> = widths
        .iter()
        .zip(&row)
        .map(|(&w, &r)| if r { 0 } else { w })
        .collect();
    // A page's right margin: many lines end within a few columns of the
    // widest, few a little short of it. Such a document is wrapped even when
    // its tables (a label per line) outnumber its prose lines (long corpus,
    // 上海普陀's budgets: "…政府采购服务预\n算2573.64万元" was read as two).
    // (The 80th percentile is the better width where it lies near the
    // margin: digits make a wrapped page's lines ragged, scripts/perturb.py
    // wrap of real 078.)
    // Lines of 20 columns and more, sorted: both widths are read off them.
    let mut sorted: Vec<usize> = prose_widths.iter().copied().filter(|&w| w >= 20).collect();
    sorted.sort_unstable();
    let edge = right_margin(&sorted);
    let p80 = wrap_width(&sorted);
    // Lines of prose, not the short cells of a table printed a cell per
    // line, which would hide the pattern of a table-heavy document
    // (long-cities g002).
    let prose = widths
        .iter()
        .zip(&row)
        .filter(|&(&w, &r)| w >= 20 && !r)
        .count();
    // Half-width digits and ASCII punctuation (the dev set's stored copies)
    // make wrapped lines ragged: anything from 3/4 of the width counts.
    let full = |wrap: usize, w: usize| w * 4 >= wrap * 3 && w <= wrap + 10;
    // The widths worth trying: the 80th percentile where enough lines are
    // that full; the margin whatever their share.
    let candidates: Vec<(usize, bool)> = p80
        .map(|p| (p, false))
        .into_iter()
        .chain(edge.filter(|&e| Some(e) != p80).map(|e| (e, true)))
        .filter(|&(wrap, at_edge)| {
            let n = widths
                .iter()
                .zip(&row)
                .filter(|&(&w, &r)| full(wrap, w) && !r)
                .count();
            n >= 3 && (at_edge || n * 4 >= prose)
        })
        .collect();
    if candidates.is_empty() {
        return m;
    }
    let lines = line_starts(&m.s);
    // A line printed elsewhere as a numbered line of its own (one that a
    // numbered line follows) is a title, not a wrapped line: "上海市普陀区生态环境局 2025
    // 年度部门决算表" in the table of contents, and in the body above the
    // caption "收入支出决算总表" (long corpus). (A title that wraps in the
    // table of contents wraps the same way in the body: "…2025 年度\n部门决
    // 算情况说明".)
    let title_key = |l: &'_ str| -> String {
        let t = l.trim();
        let t = match crate::numbering::marker(t) {
            Some(mk) => &t[mk.len..],
            None => t,
        };
        t.chars().filter(|c| !c.is_whitespace()).collect()
    };
    let mut whole: std::collections::HashSet<String> = std::collections::HashSet::new();
    for k in 0..lines.len() {
        let t = lines[k].1.trim();
        let n = t.chars().count();
        if !(8..=60).contains(&n) {
            continue;
        }
        // Numbered lines only: entries of a table of contents, headings.
        if crate::numbering::marker(t).is_none() {
            continue;
        }
        let next = lines[k + 1..]
            .iter()
            .map(|l| l.1.trim())
            .find(|l| !l.is_empty());
        match next {
            None => {
                whole.insert(title_key(t));
            }
            Some(nt) if crate::numbering::marker(nt).is_some() => {
                whole.insert(title_key(t));
            }
            // A numbered entry wrapped once: "第二部分 …办事处 2025 年度\n部门
            // 决算表" in the table of contents names the body's "…办事处 2025
            // 年度部门决算表" (long corpus).
            Some(nt) if nt.chars().count() <= 20 => {
                whole.insert(title_key(t) + &title_key(nt));
            }
            Some(_) => {}
        }
    }
    // Text that puts a blank line after every line (pdfminer's output;
    // long-cities g002: "…其中:教\n\n育支出 452,738.18 万元"): a wrap
    // spans one blank line there.
    // (Or where three in four lines of prose are: a document whose tables
    // print cells on consecutive lines, long-cities g010, g016.)
    let spaced = {
        let followed_by_blank = (0..lines.len().saturating_sub(1))
            .filter(|&k| widths[k] > 0 && widths[k + 1] == 0)
            .count();
        let prose_lines: Vec<usize> = (0..lines.len().saturating_sub(1))
            .filter(|&k| prose_widths[k] >= 20)
            .collect();
        let prose_blank = prose_lines.iter().filter(|&&k| widths[k + 1] == 0).count();
        followed_by_blank * 10 >= nonblank * 8
            || prose_lines.len() >= 20 && prose_blank * 4 >= prose_lines.len() * 3
    };
    // In the title area (before the first numbered line or 目录), lines
    // without a clause mark are cover and page furniture, never wrapped
    // prose: names and honours are not joined (doc 009).
    let body_from = lines
        .iter()
        .position(|(_, l)| {
            let t = l.trim();
            crate::numbering::marker(t).is_some() || t.starts_with('目') && t.ends_with('录')
        })
        .unwrap_or(lines.len());
    let cuts_at = |wrap: usize| {
        let mut cut = Vec::new();
        for k in 0..lines.len().saturating_sub(1) {
            let (start, line) = lines[k];
            // (But a year cut by the wrap is joined: "…城市管理局) 20\n21年度部门
            // 决算", an unseen page's title cut at 30 characters.)
            if k < body_from
                && !line.contains([',', '。', ';', ':'])
                && !splits_a_year(line.trim_end(), lines.get(k + 1).map_or("", |l| l.1))
            {
                continue;
            }
            let step = if spaced && widths[k + 1] == 0 && k + 2 < lines.len() {
                2
            } else {
                1
            };
            let (_, next) = lines[k + step];
            if !full(wrap, widths[k]) {
                continue;
            }
            let body = line.trim_end();
            let Some(last) = body.chars().next_back() else {
                continue;
            };
            if "。;；:：!！?？|".contains(last)
                || !(is_han(last) || last.is_ascii_alphanumeric() || "、,%)”".contains(last))
            {
                continue;
            }
            let nt = next.trim_start();
            let Some(first) = nt.chars().next() else {
                continue;
            };
            if !(is_han(first) || first.is_ascii_alphanumeric() || "“(、,.%".contains(first)) {
                continue;
            }
            // Nor a table row: a gap of three spaces or more inside a line is a
            // column gap, as a PDF's layout text prints rows ("20702 文物    0.00
            // 0.00" joined to the next row's "2070104 图书馆" made 0.002070104;
            // own corpus, jd20).
            if body.trim_start().contains("   ") || nt.trim_end().contains("   ") {
                continue;
            }
            // Nor a row whose cells a single space parts ("212 08 国有土地使用权出让
            // 收入安排的支出 2,792,857,000.00 … 0.00" and the next row's "212 08 03
            // 城市建设支出", long corpus): a finished cell never runs on into the next
            // line's code. (A number wrapped inside itself, "29\n57000元", is
            // joined: own corpus jd03.)
            if ends_with_cell(body) && starts_with_code(nt) {
                continue;
            }
            // Nor a numbered heading whose title is whole ("(一)“三公”经费财政拨款
            // 支出决算总体情况说明\n\n国家信访局 2024 年度…", long-cities g010):
            // a title ends in 说明, 概况, 概述.
            if crate::numbering::marker(body.trim_start()).is_some()
                && ["说明", "概况", "概述"].iter().any(|w| body.ends_with(w))
            {
                continue;
            }
            // Nor a table's unit line ("…支出预算表\n单位:万元", wide b020 cut at 30
            // characters): a caption ends there.
            if crate::numbering::marker(nt).is_some()
                || nt.starts_with("单位:")
                || nt.starts_with("金额单位")
            {
                continue;
            }
            // Nor a page's publication line ("发布时间:2025-09-30 11:59") and
            // the "目录" after it (an unseen page of a county centre's 2024
            // final accounts, where 目录 joined to the time hid the table of
            // contents): a date or time ends a line, 目录 is one.
            if ends_with_date_or_time(body) || crate::segment::is_toc_title(nt) {
                continue;
            }
            if !whole.is_empty()
                && (whole.contains(&title_key(line)) || whole.contains(&title_key(nt)))
            {
                continue;
            }
            // A title above a table's caption, both ending in 表: "…2025 年度部门
            // 决算表\n收入支出决算总表" (long corpus, where the TOC wraps the title).
            let nt_end = nt.trim_end();
            if body.ends_with('表')
                && nt_end.ends_with('表')
                && nt_end.chars().count() <= 20
                && !nt_end.contains([',', '。', ';', ':'])
            {
                continue;
            }
            // Delete trailing spaces, the newline (and the blank line) and the
            // next line's indent.
            let a = start + body.len();
            let b = lines[k + step].0 + (next.len() - nt.len());
            cut.push((a, b));
        }
        cut
    };
    // One or two full lines ending mid-sentence are a title above a line of
    // metadata (docs 009, 054), not a wrapped page: demand a pattern. Of
    // two widths, the one that explains more wraps (pdf r147: prose wraps
    // at 58 columns, a few wide table lines reach 121; 上海普陀's budgets:
    // prose wraps at 119, the 80th percentile is a label's 79).
    let best = candidates
        .into_iter()
        .map(|(wrap, at_edge)| (cuts_at(wrap), at_edge))
        .filter(|(cut, at_edge)| cut.len() >= 3 && (*at_edge || cut.len() * 5 >= prose))
        .max_by_key(|(cut, at_edge)| (cut.len(), !at_edge));
    match best {
        Some((cut, _)) => m.delete(&cut),
        None => m,
    }
}

/// A year cut in two by a line break: the line ends with digits, the next
/// line starts with the rest of four, then 年.
fn splits_a_year(line: &str, next: &str) -> bool {
    let head = line.bytes().rev().take_while(u8::is_ascii_digit).count();
    let tail = next.bytes().take_while(u8::is_ascii_digit).count();
    head > 0
        && tail > 0
        && head + tail == 4
        && next[tail..].starts_with('年')
        && line[line.len() - head..].starts_with(['1', '2'])
}

/// The line ends with a date or a time: "2025-09-30", "2025-09-30 11:59",
/// "11:59:02".
fn ends_with_date_or_time(line: &str) -> bool {
    let b = line.as_bytes();
    let n = b.len();
    let digits = |r: std::ops::Range<usize>| r.clone().all(|i| b[i].is_ascii_digit());
    let time = n >= 5 && b[n - 3] == b':' && digits(n - 2..n) && digits(n - 5..n - 3);
    let date = n >= 10
        && b[n - 3] == b'-'
        && b[n - 6] == b'-'
        && digits(n - 2..n)
        && digits(n - 5..n - 3)
        && digits(n - 10..n - 6);
    time || date
}

/// The line ends with a whole cell: a number with two decimals ("0.00",
/// "2,792,857,000.00").
fn ends_with_cell(line: &str) -> bool {
    let b = line.as_bytes();
    let n = b.len();
    n >= 4
        && b[n - 3] == b'.'
        && b[n - 1].is_ascii_digit()
        && b[n - 2].is_ascii_digit()
        && b[n - 4].is_ascii_digit()
}

/// The line starts with a class code: digits, then a space or a word
/// ("212 08 03 城市建设支出", "2070104图书馆").
fn starts_with_code(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    digits >= 3
        && line[digits..]
            .chars()
            .next()
            .is_some_and(|c| c == ' ' || is_han(c))
}

/// The right margin of a wrapped text: the width `w` of its widest lines
/// (the 98th percentile of lines at least 20 columns wide, 30–130 columns)
/// when at least 5 lines end within `w-12 ..= w+10` and at most half as
/// many within the 24 columns below that. A web page's paragraphs (a line
/// each) spread evenly over those widths; a page's wrapped lines pile up at
/// the margin. `w`: the widths of at least 20 columns, sorted.
fn right_margin(w: &[usize]) -> Option<usize> {
    if w.len() < 10 {
        return None;
    }
    let top = w[(w.len() - 1) * 98 / 100];
    if !(30..=130).contains(&top) {
        return None;
    }
    let band = w
        .iter()
        .filter(|&&x| x + 12 >= top && x <= top + 10)
        .count();
    let below = w.iter().filter(|&&x| x + 36 >= top && x + 12 < top).count();
    (band >= 5 && band >= 2 * below).then_some(top)
}

/// The width at which a PDF conversion wrapped lines, if the document shows
/// one: the 80th percentile of the widths of lines at least 20 columns wide,
/// when that is a plausible page width (30–130 columns). Web pages put a
/// paragraph on one line, so their percentile is far above that. `w`: the
/// widths of at least 20 columns, sorted.
fn wrap_width(w: &[usize]) -> Option<usize> {
    if w.len() < 3 {
        return None;
    }
    let p80 = w[(w.len() - 1) * 4 / 5];
    (30..=130).contains(&p80).then_some(p80)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_and_map() {
        let o = "收入（一）：１２３．５万元";
        let n = normalize(o);
        assert_eq!(n.text, "收入(一):123.5万元");
        let p = n.text.find("123.5").unwrap();
        let sp = n.span(p, p + 5);
        assert_eq!(sp.slice(o), "１２３．５");
    }

    #[test]
    fn debris() {
        let o = "[bookmark: _GoBack]1.贯彻\n第一部分 单位概况 PAGEREF _Toc25831 h 3\n";
        let n = normalize(o);
        assert_eq!(n.text, "1.贯彻\n第一部分 单位概况\n");
    }

    #[test]
    fn crlf_and_traditional() {
        let n = normalize("增長\r\n萬元");
        assert_eq!(n.text, "增长\n万元");
        assert_eq!(n.span(6, 7), Span::new(6, 8));
    }

    /// A budget whose tables print a label per line (more lines than its
    /// prose) and whose prose wraps at a right margin of 60 columns: the
    /// wraps are joined, a row's last cell never runs into the next row's
    /// code (long corpus, 上海普陀).
    #[test]
    fn wraps_at_a_margin_among_table_labels() {
        let mut t = String::from("一、部门预算\n");
        for _ in 0..3 {
            t.push_str(
                "本部门政府采购预算8536.39万元,其中:政府采购货物预算692.93万元、政府采购服务预\n",
            );
            t.push_str("算2573.64万元,其中面向中小企业预留政府采购项目预算金额2603.50万元。\n");
        }
        for k in 0..12 {
            t.push_str(&format!("{k}. 其他社会保障和就业支出项目明细\n"));
        }
        t.push_str("212 08 国有土地使用权出让收入安排的支出 2,792,857,000.00 0.00 0.00 0.00\n");
        t.push_str("212 08 03 城市建设支出 2,792,857,000.00 0.00 0.00 0.00 0.00 0.00 0.00\n");
        let n = normalize(&t);
        assert!(n.text.contains("政府采购服务预算2573.64万元"), "{}", n.text);
        assert!(n.text.contains("0.00\n212 08 03"), "{}", n.text);
        assert!(ends_with_cell("收入 1,234.56") && !ends_with_cell("1,234.5"));
        assert!(starts_with_code("2070104图书馆") && !starts_with_code("29万元"));
    }

    /// A PDF's text with a blank line after every line of prose, its tables
    /// a cell per line on consecutive lines (long-cities g010): the prose's
    /// wraps are joined across the blank line; a numbered heading ending in
    /// 说明 is not joined to the text below it.
    #[test]
    fn wraps_across_blank_lines_among_cells() {
        let mut t = String::from("一、收支情况\n\n");
        for _ in 0..6 {
            t.push_str("(一)“三公”经费财政拨款支出决算总体情况说明\n\n");
            t.push_str("国家信访局 2024 年度“三公”经费财政拨款支出预算为 76.43\n\n");
            t.push_str("万元,2024 年度支出决算为 46.21 万元,完成预算的 60.46%。其\n\n");
            t.push_str("中:因公出国(境)费支出决算为 4.69 万元,完成预算的 15.63%;\n\n");
            t.push_str("公务接待费支出决算为 0.9 万元,完成预算的百分之十五左右。\n\n");
        }
        for k in 0..40 {
            t.push_str(&format!("{k}\n1.00\n"));
        }
        let n = normalize(&t);
        assert!(n.text.contains("预算为 76.43万元,2024"), "{}", n.text);
        assert!(n.text.contains("其中:因公出国"), "{}", n.text);
        assert!(n.text.contains("总体情况说明\n"), "{}", n.text);
    }

    #[test]
    fn width_counts_han_twice() {
        for t in [
            "",
            "a",
            "收入",
            "1.总体情况。2023年度收入总计772.94万元",
            "é—…·x",
        ] {
            let naive: usize = t.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
            assert_eq!(width(t), naive, "{t}");
        }
    }

    /// Debris as one regex found it before it was split (page markers and
    /// pinyin glosses were alternatives of it): the oracle for
    /// [`remove_debris`].
    static OLD_DEBRIS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"\[bookmark:[^\]\n]{0,120}\]",
            r"|PAGEREF\s+_Toc[0-9]+(?:\s+\\?h)?(?:[ \t]+[0-9]{1,4})?",
            // All trailing leader groups at once ("……12……12"), so that a second
            // pass finds nothing more (normalization is idempotent).
            r"|(?m:(?:…{2,}|\.{6,}|·{6,}|-{6,})[ \t]*[0-9]{0,4}",
            r"(?:[ \t]*(?:…{2,}|\.{6,}|·{6,}|-{6,})[ \t]*[0-9]{0,4})*[ \t]*$)",
            r"|(?m:[-—–]{1,2}[ \t]*[0-9]{1,4}[ \t]*[-—–]{1,2}[ \t]*$)",
            r"|\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)",
        ))
        .unwrap()
    });

    fn remove_debris_by_one_regex(m: Mapped) -> Mapped {
        let mut cut: Vec<(usize, usize)> = Vec::new();
        let s = m.s.as_str();
        for whole in OLD_DEBRIS.find_iter(s) {
            let (mut start, end) = (whole.start(), whole.end());
            let head = &s[..start];
            let blank_before = head.len() - head.trim_end_matches([' ', '\t']).len();
            let line_start = head.rfind('\n').map_or(0, |i| i + 1);
            let text = whole.as_str();
            let dashes = text.bytes().take_while(|&b| b == b'-').count();
            if text.starts_with('(') {
                // A pinyin gloss: only after a Han character, and only if it
                // carries a tone mark (so "(a)" or "(km)" stay).
                let toned = text.chars().any(|c| "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ".contains(c));
                let after_han = head.chars().next_back().is_some_and(is_han);
                if !(toned && after_han) {
                    continue;
                }
            } else if text.starts_with(['—', '–']) || (1..=2).contains(&dashes) {
                // A page marker "—5—" stands alone on its line.
                if blank_before != start - line_start {
                    continue;
                }
                start = line_start;
            } else if !text.starts_with('[') {
                // A field code or a leader takes the white space before it.
                start -= blank_before;
            }
            let floor = cut.last().map_or(0, |c| c.1);
            cut.push((start.max(floor), end));
        }
        cut.extend(old_lone_page_numbers(&m.s));
        // The two rules added since (issue 10), as the code has them.
        if s.chars().any(|c| "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ".contains(c)) {
            bare_glosses(s, &mut cut);
        }
        let mut start = 0;
        for line in s.split('\n') {
            if line.len() >= 200 {
                inline_page_markers(line, start, &mut cut);
                inline_leaders(line, start, &mut cut);
            }
            start += line.len() + 1;
        }
        cut.sort_unstable();
        m.delete(&cut)
    }

    fn old_lone_page_numbers(s: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        // (Page numbers were found as they are now; only the regex changed.)
        let mut prev: Option<&str> = None;
        let mut start = 0;
        for line in s.split('\n') {
            let end = start + line.len();
            if lone_page_number(s, line.trim(), end, prev) {
                out.push((start, end));
            }
            if !line.trim().is_empty() {
                prev = Some(line);
            }
            start = end + 1;
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 5000, .. Default::default() })]
        /// Texts of debris pieces, prose and line breaks.
        #[test]
        fn debris_as_one_regex(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "[bookmark: _GoBack]", "PAGEREF", " _Toc12", " h", " 3", "……", "…", "......",
                "······", "------", "-", "—", "–", " ", "\t", "\n", "5", "12", "(", ")", "wàn",
                "a", "萬", "收入预算增长", "|", "目录",
            ]), 0..24)) {
            let t: String = parts.concat();
            let mk = || Mapped { s: t.clone(), map: vec![Seg { n: 0, o: 0, o_end: IDENT }] };
            let (a, b) = (remove_debris(mk()), remove_debris_by_one_regex(mk()));
            proptest::prop_assert_eq!(&a.s, &b.s, "{:?}", t);
            proptest::prop_assert_eq!(a.map, b.map, "{:?}", t);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, .. Default::default() })]
        /// The block index finds what a binary search over the whole map finds.
        #[test]
        fn blocks_as_whole_map_search(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "（", "）", "１２", "3", "萬元", "预算", "\r\n", "\n", " ", "\u{3000}", "……5",
                "收入增长", "abc", "﹒",
            ]), 0..80)) {
            let t: String = parts.concat();
            let n = normalize(&t);
            for pos in 0..n.text.len() + 2 * BLOCK {
                let whole = n.map.partition_point(|g| g.n as usize <= pos);
                proptest::prop_assert_eq!(n.pieces_upto(pos), whole, "{:?} at {}", t, pos);
            }
        }
    }

    #[test]
    fn pinyin_gloss() {
        let n = normalize("萬(wàn)元 (a)");
        assert_eq!(n.text, "万元 (a)");
    }
}
