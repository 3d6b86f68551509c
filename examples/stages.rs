//! Times each stage on a generated long line at two sizes (debugging aid
//! for the linear-time test).
use std::time::Instant;
fn main() {
    for n in std::env::args()
        .skip(1)
        .map(|a| a.parse::<usize>().unwrap_or(4000))
    {
        let text = "收入预算较上年减少18.89万元，其中基本支出382.58万元，主要是".repeat(n);
        let t = Instant::now();
        let norm = cnbudget::normalize::normalize(&text);
        let t_norm = t.elapsed();
        let t = Instant::now();
        let outline = cnbudget::segment::segment(&norm.text);
        let t_seg = t.elapsed();
        let t = Instant::now();
        let (am, _) = cnbudget::extract::amounts::find(&norm.text);
        let t_am = t.elapsed();
        let t = Instant::now();
        let ch = cnbudget::extract::changes::find(&norm.text, &am);
        let t_ch = t.elapsed();
        let t = Instant::now();
        let _d = cnbudget::document::describe(&norm.text, &outline);
        let t_doc = t.elapsed();
        let t = Instant::now();
        let r = cnbudget::extract(&text);
        let t_all = t.elapsed();
        println!(
            "n={n}: normalize {t_norm:?} segment {t_seg:?} amounts {t_am:?} changes {t_ch:?} ({}) describe {t_doc:?} total {t_all:?} checks {}",
            ch.len(),
            r.checks.len()
        );
    }
}
