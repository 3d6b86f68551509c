//! Extractors: one file per kind of item. Each takes normalized text (and
//! what earlier extractors found) and gives items in normalized byte ranges;
//! the pipeline in `lib.rs` maps them back to the original.

pub mod amounts;
pub mod changes;
mod explicit;
pub mod labels;

/// How far a sentence is searched for its start or end, in bytes. Real
/// sentences are far shorter; the bound keeps every search O(1) on a 20 MB
/// single-line dump, so extraction stays linear in the input.
pub const SENTENCE_MAX: usize = 2048;

/// A character boundary at or after `pos`.
pub fn ceil_boundary(text: &str, mut pos: usize) -> usize {
    pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos += 1;
    }
    pos
}

/// A character boundary at or before `pos`.
pub fn floor_boundary(text: &str, mut pos: usize) -> usize {
    pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

/// Start of the sentence holding `pos`: just after the last '。' or line
/// break before it, looking back at most [`SENTENCE_MAX`] bytes. A byte
/// scan ('。' is E3 80 82; UTF-8 never has those bytes inside another
/// character), since this runs for every amount and change.
pub fn sentence_start(text: &str, pos: usize) -> usize {
    let b = text.as_bytes();
    let lo = ceil_boundary(text, pos.saturating_sub(SENTENCE_MAX));
    let mut i = pos;
    while i > lo {
        i -= 1;
        if b[i] == b'\n' {
            return i + 1;
        }
        if b[i] == 0x82 && i >= lo + 2 && b[i - 1] == 0x80 && b[i - 2] == 0xE3 {
            return i + 1;
        }
    }
    lo
}

/// Where the sentences of one document start, found once: [`sentence_start`]
/// by binary search instead of a scan back for every amount, change and fact
/// (those scans were the costliest function of building the report).
#[derive(Debug, Clone, Default)]
pub struct Sentences {
    /// Offsets just after each '。' and line break, ascending.
    starts: Vec<usize>,
}

impl Sentences {
    pub fn new(text: &str) -> Sentences {
        // Line breaks and lead bytes E3 (U+3000..U+3FFF, CJK punctuation,
        // a small share of Chinese text) found by memchr; '。' is E3 80 82.
        let b = text.as_bytes();
        let starts = memchr::memchr2_iter(b'\n', 0xE3, b)
            .filter_map(|i| match b[i] {
                b'\n' => Some(i + 1),
                _ if b.get(i + 1..i + 3) == Some(&[0x80, 0x82]) => Some(i + 3),
                _ => None,
            })
            .collect();
        Sentences { starts }
    }

    /// The same as [`sentence_start`]`(text, pos)` for the text this index
    /// was built from.
    pub fn start(&self, text: &str, pos: usize) -> usize {
        let lo = ceil_boundary(text, pos.saturating_sub(SENTENCE_MAX));
        let k = self.starts.partition_point(|&e| e <= pos);
        let e = k.checked_sub(1).map_or(0, |k| self.starts[k]);
        e.max(lo)
    }
}

/// End of the clause-level sentence from `pos`: the next '。', ';' or line
/// break, looking ahead at most [`SENTENCE_MAX`] bytes.
pub fn sentence_end(text: &str, pos: usize) -> usize {
    let b = text.as_bytes();
    let hi = floor_boundary(text, pos.saturating_add(SENTENCE_MAX));
    let mut i = pos;
    while i < hi {
        match b[i] {
            b'\n' | b';' => return i,
            0xE3 if i + 2 < b.len() && b[i + 1] == 0x80 && b[i + 2] == 0x82 => return i,
            _ => i += 1,
        }
    }
    hi
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences() {
        let t = "甲。乙丙;丁\n戊";
        let p = t.find('丙').unwrap();
        assert_eq!(&t[sentence_start(t, p)..p], "乙");
        assert_eq!(&t[p..sentence_end(t, p)], "丙");
        assert_eq!(sentence_start(t, 0), 0);
        let long = format!(
            "{}。{}\n{}",
            "甲".repeat(1000),
            "乙".repeat(900),
            "丙".repeat(5)
        );
        for text in [t, long.as_str(), "", "。", "\n\n"] {
            let idx = Sentences::new(text);
            for pos in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
                assert_eq!(idx.start(text, pos), sentence_start(text, pos), "{pos}");
            }
        }
        assert_eq!(sentence_end(t, t.len()), t.len());
    }
}
