//! Byte spans into the original (decoded) text.
//!
//! Every item cnbudget reports carries a [`Span`]: a half-open byte range
//! `[start, end)` into the input *as decoded to UTF-8, before normalization*.
//! `&original[span.start..span.end]` is always a valid slice: spans are built
//! from the offset map of [`crate::normalize`], which only records character
//! boundaries of the original.

use schemars::JsonSchema;
use serde::Serialize;

/// A half-open byte range `[start, end)`; `start <= end` always holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// Builds a span, swapping the ends if they come reversed (never panics).
    pub fn new(start: usize, end: usize) -> Span {
        if start <= end {
            Span { start, end }
        } else {
            Span {
                start: end,
                end: start,
            }
        }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text under the span, or `""` if the span does not fit `text` or
    /// does not fall on character boundaries (clamped, never a panic).
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}
