#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Whole-document regressions: one insta JSON snapshot per file in
//! `corpus/`, stored in the top-level `snapshots/` directory. A changed
//! snapshot is reviewed like code (`cargo insta review`).

#[test]
fn corpus_snapshots() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::glob!("../corpus", "*.txt", |path| {
            let text =
                std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let report = cnbudget::extract(&text);
            // Every span must index the original text.
            for a in &report.amounts {
                assert_eq!(
                    a.span.slice(&text),
                    a.text,
                    "{}: amount span",
                    path.display()
                );
            }
            insta::assert_json_snapshot!(report);
        });
        // The project's own PDFs (scripts/make_pdf.py), read natively; spans
        // index the extracted text.
        insta::glob!("../corpus", "*.pdf", |path| {
            let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let loaded =
                cnbudget::input::load(&bytes, Some("pdf"), cnbudget::input::DEFAULT_MAX_BYTES)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let report = cnbudget::extract_loaded(&loaded, &Default::default());
            for a in &report.amounts {
                assert_eq!(a.span.slice(&loaded.text), a.text, "{}", path.display());
            }
            // Named explicitly: insta adds no file suffix when one file matches.
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("pdf");
            insta::assert_json_snapshot!(format!("pdf@{name}"), report);
        });
    });
}

#[test]
fn output_is_deterministic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("corpus dir") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path).expect("read");
            let a = serde_json::to_string(&cnbudget::extract(&text)).expect("json");
            let b = serde_json::to_string(&cnbudget::extract(&text)).expect("json");
            assert_eq!(a, b, "{}", path.display());
            n += 1;
        }
    }
    assert!(
        n >= 13,
        "expected the seed and at least 12 own documents in corpus/, found {n}"
    );
}
