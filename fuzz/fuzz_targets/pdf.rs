//! The PDF path on arbitrary bytes (seeds: the project's own PDFs): a file
//! that starts like a PDF is text or a format error, never a panic that
//! escapes, an endless loop or unbounded memory (libFuzzer's -timeout and
//! -rss_limit_mb say so); text that loads goes through the pipeline with
//! spans that index it.
//!
//! The reader runs under catch_unwind inside the library, and a panic it
//! catches is an error record, which is the library's promise; libfuzzer's
//! own hook would abort on any panic, caught or not, so the hook is made
//! silent here and only a panic that escapes (caught by fuzz_target!) counts.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::Once;

static HOOK: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    HOOK.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let mut bytes = Vec::with_capacity(data.len() + 8);
    if !data.starts_with(b"%PDF-") {
        bytes.extend_from_slice(b"%PDF-1.4\n");
    }
    bytes.extend_from_slice(data);
    let Ok(loaded) = cnbudget::input::load(&bytes, Some("pdf"), 1 << 20) else {
        return;
    };
    assert_eq!(loaded.format, "pdf");
    let r = cnbudget::extract_loaded(&loaded, &cnbudget::Options::default());
    for a in &r.amounts {
        assert_eq!(a.span.slice(&loaded.text), a.text);
    }
});
