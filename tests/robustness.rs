#![allow(clippy::unwrap_used, clippy::expect_used)]
//! No input makes extraction panic, and every span it reports indexes the
//! input on character boundaries. Deterministic: every prefix and suffix of
//! every corpus document cut at many character boundaries, plus splices of
//! two documents (cuts land inside sentences, numbers, headings, 。).

mod common;

fn corpus() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    common::txt_files(&dir)
        .into_iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

fn check(text: &str) {
    let r = cnbudget::extract(text);
    let ok = |s: cnbudget::Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    for a in &r.amounts {
        assert!(ok(a.span), "amount span {:?} in {text:?}", a.span);
        assert_eq!(a.span.slice(text), a.text);
    }
    for c in &r.changes {
        assert!(ok(c.span), "change span {:?}", c.span);
    }
    for f in &r.facts {
        assert!(ok(f.span), "fact span {:?}", f.span);
    }
    fn walk(s: &[cnbudget::report::Section], ok: &dyn Fn(cnbudget::Span) -> bool) {
        for x in s {
            assert!(ok(x.span) && ok(x.title_span), "section span {:?}", x.span);
            walk(&x.children, ok);
        }
    }
    walk(&r.sections, &ok);
}

#[test]
fn cuts_and_splices_never_panic() {
    let docs = corpus();
    let mut n = 0;
    for (k, d) in docs.iter().enumerate() {
        let bounds: Vec<usize> = d.char_indices().map(|(i, _)| i).collect();
        for &b in bounds.iter().step_by(11) {
            check(&d[..b]);
            check(&d[b..]);
            let other = &docs[(k + 1) % docs.len()];
            let ob: Vec<usize> = other.char_indices().map(|(i, _)| i).collect();
            let cut = ob[(b * 7) % ob.len()];
            check(&format!("{}{}", &d[..b], &other[cut..]));
            n += 3;
        }
    }
    println!("{n} cut/spliced documents extracted without a panic");
    assert!(n > 1000);
}
