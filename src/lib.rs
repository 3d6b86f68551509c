//! cnbudget: Chinese government budget and final-account explanations
//! (预算情况说明, 决算公开说明) to exact, structured JSON.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! ```text
//! input ─▶ normalize ─▶ tables ─────▶ segment ─▶ extract::{amounts, changes, labels} ─▶ document ─▶ report
//! bytes    text + map   │ ranges:      tree      items (normalized offsets)  ▲          title/year   JSON model
//! (text, HTML,          │ a table row                                        │ cells as amounts
//!  DOCX, PDF)           │ is no heading ─────────────────────────────────────┘
//!                       └▶ unit line, caption, header, rows, cells, facts ───────────▶ tables[], facts
//!                                          layout (title, headings, tables, toc, furniture) ─▶ blocks[]
//! ```
//!
//! The table stage runs before the segmenter: a numbered line inside a table
//! it found is a row, never a heading (`segment::segment_around`), and a
//! table ends at the next heading (a part, a numbered line that prose
//! follows). `layout` puts the stages' findings side by side as blocks
//! (title, heading, paragraph, table, toc, furniture) once they are known.
//!
//! Every stage after `normalize` works on normalized text; the report is
//! assembled in `assemble.rs`, which maps every range back through the
//! offset map before anything leaves the library, so every [`Span`] indexes
//! the original text. This file is the façade: the modules and the entry
//! points ([`extract`], [`extract_with`], [`extract_loaded`], the schemas).
//!
//! ```
//! let r = cnbudget::extract("一、收支\n收入预算较上年减少18.89万元。");
//! assert_eq!(r.amounts[0].yuan, "188900");
//! assert_eq!(r.changes[0].direction, "decrease");
//! ```

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod annotate;
mod assemble;
pub mod batch;
pub mod document;
pub mod error;
pub mod extract;
pub mod facts;
pub mod input;
pub mod keywords;
pub mod layout;
pub mod names;
pub mod normalize;
pub mod numbering;
pub mod numerals;
pub mod report;
pub mod segment;
pub mod span;
pub mod tables;
pub mod validate;
pub mod vocab;

pub use error::{Error, ErrorKind};
pub use report::Report;
pub use span::Span;

/// Options of one extraction.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Add jieba keyword tags to 职能职责 sections (loads the dictionary).
    pub keywords: bool,
}

/// Extracts from a loaded input ([`input::load`]): as [`extract_with`], plus
/// a diagnostic when decoding replaced malformed bytes.
pub fn extract_loaded(loaded: &input::Loaded, opts: &Options) -> Report {
    let mut r = extract_with(&loaded.text, opts);
    if loaded.replaced {
        r.diagnostics.insert(
            0,
            report::Diagnostic {
                code: "encoding_replaced",
                severity: "warning",
                message: format!(
                    "malformed {} byte sequences were replaced by U+FFFD while decoding",
                    loaded.encoding
                ),
                span: None,
            },
        );
    }
    r
}

/// The JSON Schema (2020-12) of `extract` output.
pub fn schema_of_report() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Report)).unwrap_or_default()
}

/// The JSON Schema (2020-12) of one `batch` line.
pub fn schema_of_record() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(report::Record)).unwrap_or_default()
}

/// Extracts everything from one document's text.
pub fn extract(original: &str) -> Report {
    extract_with(original, &Options::default())
}

/// [`extract`] with options.
pub fn extract_with(original: &str, opts: &Options) -> Report {
    assemble::report(original, opts)
}
