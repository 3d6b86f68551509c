//! The output model: what `cnbudget extract` prints, as serde types.
//!
//! Field names are a contract other tools read: fields may be added, never
//! renamed. All spans are byte ranges into the input as decoded to UTF-8,
//! before normalization; all money values are decimal strings.

use crate::span::Span;
use schemars::JsonSchema;
use serde::Serialize;

#[derive(Clone, Debug, Serialize, PartialEq, JsonSchema)]
pub struct Report {
    pub document: Document,
    pub sections: Vec<Section>,
    /// The body before its first top-level heading, when the text starts
    /// inside a section (an excerpt cut from a longer document): an untitled
    /// section (`source` `implicit`) holding the subsections found there;
    /// null otherwise. Never one of `sections`, whose titles are all the
    /// document's own (issue 10: a top-level node with an empty title).
    pub lead: Option<Section>,
    pub amounts: Vec<Amount>,
    pub changes: Vec<Change>,
    /// Tables as data: caption, kind, unit, header, rows with their cells
    /// ([`crate::tables`]).
    pub tables: Vec<crate::tables::Table>,
    /// Key figures, one per key (keys of figure_keys.tsv): the first
    /// figure the text states for it.
    pub facts: Vec<Fact>,
    /// Consistency checks (sums, unit slips, template leftovers). Empty
    /// until the checks stage lands.
    pub checks: Vec<Check>,
    /// Odd content met while reading (a unit cut off, a number too long).
    pub diagnostics: Vec<Diagnostic>,
    /// The text as blocks in order: title, heading, paragraph, table, toc,
    /// furniture ([`crate::layout`]).
    pub blocks: Vec<Block>,
}

/// A block of the layout: what a stretch of the text is.
#[derive(Clone, Debug, Serialize, PartialEq, JsonSchema)]
pub struct Block {
    /// `title` | `heading` | `paragraph` | `table` | `toc` | `furniture`.
    pub kind: &'static str,
    pub span: Span,
}

#[derive(Clone, Debug, Serialize, PartialEq, JsonSchema)]
pub struct Document {
    pub title: Option<String>,
    pub agency: Option<String>,
    /// The fiscal year covered.
    pub year: Option<i32>,
    /// `budget` | `final_accounts` | null.
    pub kind: Option<&'static str>,
    /// `unit` (a department, school, hospital, town …) | `government` (a
    /// whole-government report, whose agency is its place) | null.
    pub scope: Option<&'static str>,
    pub title_span: Option<Span>,
    pub agency_span: Option<Span>,
}

#[derive(Clone, Debug, Serialize, PartialEq, JsonSchema)]
pub struct Section {
    /// The numbering as printed: "一、", "（一）", "1.", "第一部分".
    pub marker: String,
    /// 1 for top-level sections.
    pub level: usize,
    pub title: String,
    /// From the marker to the end of the section's last descendant.
    pub span: Span,
    pub title_span: Span,
    /// Canonical kind (a key of sections.tsv: `duties`, `sangong`,
    /// `glossary` …), from the meaning-bearing words of the title; or null.
    pub kind: Option<&'static str>,
    /// `heading`, or `paragraph` for a numbered paragraph (职能职责 1.…).
    pub role: &'static str,
    /// `body`; `toc` for an entry of the table of contents that the text
    /// itself never reaches (a truncated excerpt); `implicit` for the
    /// untitled parent of sections that an excerpt starts inside of.
    pub source: &'static str,
    /// The section's own text, after its title and before its first child.
    pub text: String,
    /// Keyword tags (only with `--keywords`, for 职能职责 sections).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keywords: Option<Vec<String>>,
    pub children: Vec<Section>,
}

#[derive(Clone, Debug, Serialize, PartialEq, JsonSchema)]
pub struct Amount {
    /// The original text of the amount.
    pub text: String,
    /// The number as written, without separators ("129973.58").
    pub value: String,
    /// `元` | `万元` | `亿元`.
    pub unit: &'static str,
    /// `value` × unit, exact.
    pub yuan: String,
    /// What the amount measures, in normalized spelling (simplified
    /// characters, half-width punctuation) so that labels compare across
    /// documents: the words before the amount, or the section topic where
    /// those say nothing ("2024年年初预算数772.94万元" under "（一）收入预算").
    pub label: String,
    /// Title of the innermost section holding the amount.
    pub section: Option<String>,
    pub span: Span,
    /// `level` (a stated figure) or `change` (the delta of a change).
    pub role: &'static str,
    /// For a table cell, whose text is a bare number: the span of the unit
    /// in the table's header ("单位：万元") that `unit` was read from.
    /// Absent for amounts that carry their own unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_span: Option<Span>,
}

#[derive(Clone, Debug, Serialize, PartialEq, JsonSchema)]
pub struct Change {
    pub text: String,
    /// What changed ("收入预算", "基本支出"), in normalized spelling like
    /// `Amount::label`.
    pub subject: String,
    /// Compared with what ("上年", "2023年", "上年决算数", "年初预算数").
    pub basis: String,
    /// The basis is not written in this phrase but carried over from the
    /// explicit change of the same sentence.
    pub basis_implied: bool,
    /// `increase` | `decrease` | `flat` | `unspecified` | `not_comparable`.
    pub direction: &'static str,
    pub amount: Option<Amount>,
    /// The percentage as written ("16.9").
    pub percent: Option<String>,
    pub reason: Option<String>,
    pub span: Span,
}

#[derive(Clone, Debug, Serialize, PartialEq, JsonSchema)]
pub struct Fact {
    /// "revenue.total", "expenditure.function.201", "assets.vehicles" …
    pub key: String,
    /// The number as written.
    pub value: String,
    /// `元` | `万元` | `亿元`, or `辆` for a count.
    pub unit: &'static str,
    /// The value in yuan, exact; null for counts.
    pub yuan: Option<String>,
    pub label: String,
    pub section: Option<String>,
    pub span: Span,
    /// The year-over-year change stated for this figure, if any.
    pub change: Option<Change>,
}

#[derive(Clone, Debug, Serialize, PartialEq, JsonSchema)]
pub struct Check {
    pub code: String,
    /// `error` | `warning` | `info`.
    pub severity: &'static str,
    pub message: String,
    pub span: Option<Span>,
    pub spans: Vec<Span>,
    pub suggestion: Option<String>,
}

#[derive(Clone, Debug, Serialize, PartialEq, JsonSchema)]
pub struct Diagnostic {
    pub code: &'static str,
    /// `warning` | `info`.
    pub severity: &'static str,
    pub message: String,
    pub span: Option<Span>,
}

/// Where a batch record came from.
#[derive(Clone, Debug, Serialize, PartialEq, JsonSchema)]
pub struct Source {
    /// The path as given or found (directories walked recursively).
    pub path: String,
    /// SHA-256 of the file's bytes, hex; null when the file could not be read.
    pub sha256: Option<String>,
    /// Size in bytes; null when the file could not be read.
    pub bytes: Option<u64>,
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE`, `GB18030` …; null when not decoded.
    pub encoding: Option<&'static str>,
    /// `text` | `html` | `docx`; null when not recognized.
    pub format: Option<&'static str>,
}

/// One line of `cnbudget batch` output: the source and either the document
/// (the same fields as `extract`) or an error.
#[derive(Clone, Debug, Serialize, PartialEq, JsonSchema)]
#[serde(untagged)]
pub enum Record {
    Ok {
        source: Source,
        #[serde(flatten)]
        report: Box<Report>,
    },
    Failed {
        source: Source,
        error: ErrorInfo,
    },
}

#[derive(Clone, Debug, Serialize, PartialEq, JsonSchema)]
pub struct ErrorInfo {
    /// `io` | `encoding` | `too_large` | `format`.
    pub kind: &'static str,
    pub message: String,
}
