//! The whole pipeline: bytes → input (any format) → report → JSON.
//! Asserts what the library promises: no panic, spans on character
//! boundaries of the text they index, blocks in order and apart, valid
//! JSON out.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(loaded) = cnbudget::input::load(data, None, 1 << 20) else { return };
    let text = &loaded.text;
    let r = cnbudget::extract_loaded(&loaded, &cnbudget::Options::default());
    let ok = |s: cnbudget::Span| s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end);
    for a in &r.amounts {
        assert!(ok(a.span));
        assert_eq!(a.span.slice(text), a.text);
    }
    for c in &r.changes {
        assert!(ok(c.span));
    }
    for f in &r.facts {
        assert!(ok(f.span));
    }
    for c in &r.checks {
        if let Some(s) = c.span {
            assert!(ok(s));
        }
    }
    // Blocks: in order, never overlapping, on character boundaries.
    let mut end = 0;
    for b in &r.blocks {
        assert!(ok(b.span) && b.span.start >= end && b.span.end > b.span.start);
        end = b.span.end;
    }
    for t in &r.tables {
        assert!(ok(t.span));
        for c in t.rows.iter().flat_map(|r| &r.cells) {
            assert!(ok(c.span));
        }
    }
    let json = serde_json::to_string(&r).expect("serializable");
    let _: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
});
