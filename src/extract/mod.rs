//! Extractors: one file per kind of item. Each takes normalized text (and
//! what earlier extractors found) and gives items in normalized byte ranges;
//! the pipeline in `lib.rs` maps them back to the original.

pub mod amounts;
pub mod changes;
pub mod labels;
