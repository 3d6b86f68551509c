#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Inputs that once crashed cnbudget (`tests/regressions/`, one per bug).

#[test]
fn regression_inputs_run_clean() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "md") {
            continue;
        }
        let bytes = std::fs::read(&p).unwrap();
        let Ok(loaded) = cnbudget::input::load(&bytes, None, 1 << 20) else {
            continue;
        };
        let r = cnbudget::extract_loaded(&loaded, &cnbudget::Options::default());
        for a in &r.amounts {
            assert_eq!(a.span.slice(&loaded.text), a.text, "{}", p.display());
        }
        for c in &r.changes {
            assert!(
                loaded.text.get(c.span.start..c.span.end).is_some(),
                "{}",
                p.display()
            );
        }
        // Blocks: in order, never overlapping, never empty.
        let mut end = 0;
        for b in &r.blocks {
            assert!(
                b.span.start >= end && b.span.end > b.span.start,
                "{}: block {:?}",
                p.display(),
                b
            );
            end = b.span.end;
        }
        serde_json::to_string(&r).unwrap();
        n += 1;
    }
    assert!(n >= 1);
}
