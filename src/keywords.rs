//! Keyword tags for 职能职责 sections, with jieba's TF-IDF.
//!
//! Loading jieba's dictionary is the most expensive thing cnbudget can do
//! (measured in the README), so it happens only when asked (`--keywords`),
//! once per process, lazily.

use crate::report::Section;
use jieba_rs::{Jieba, KeywordExtract, TfIdf};
use std::sync::LazyLock;

static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);
static TFIDF: LazyLock<TfIdf> = LazyLock::new(TfIdf::default);

/// How many tags a section gets.
const TOP_K: usize = 8;

/// Tags every section whose title speaks of duties (职能, 职责).
pub fn tag(sections: &mut [Section]) {
    for s in sections {
        if s.title.contains("职能") || s.title.contains("职责") {
            let mut text = s.text.clone();
            collect_text(&s.children, &mut text);
            let words = TFIDF.extract_keywords(&JIEBA, &text, TOP_K, Vec::new());
            s.keywords = Some(words.into_iter().map(|k| k.keyword).collect());
        }
        tag(&mut s.children);
    }
}

fn collect_text(sections: &[Section], out: &mut String) {
    for s in sections {
        out.push('\n');
        out.push_str(&s.title);
        out.push('\n');
        out.push_str(&s.text);
        collect_text(&s.children, out);
    }
}
