#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Linear time: doubling the input roughly doubles the time, for the shapes
//! that could make a careless pipeline quadratic (one 20 MB line, many
//! headings, many 其中 groups, many changes, comparisons that never reach a
//! verb, a huge TOC, long digit runs, with or without a unit at their end, a
//! table row of many cells, table rows among parts a TOC announces).
//! A ratio, not an absolute time; its own test binary, so no other test
//! runs beside it. Best of 5 runs against scheduling noise.
//!
//! About 65 s in a debug build, so `cargo test` leaves it out;
//! `cargo test -- --include-ignored` (CI) runs it.

use std::time::Instant;

/// Best of 2 timings of extracting `text`.
fn secs(text: &str) -> f64 {
    (0..2)
        .map(|_| {
            let t = Instant::now();
            let r = cnbudget::extract(text);
            std::hint::black_box(r);
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

#[test]
#[ignore = "~65 s in a debug build; cargo test -- --include-ignored (CI) runs it"]
fn time_grows_linearly() {
    type Shape = (&'static str, Box<dyn Fn(usize) -> String>);
    let shapes: Vec<Shape> = vec![
        (
            "one long line",
            Box::new(|n| "收入预算较上年减少18.89万元，其中基本支出382.58万元，主要是".repeat(n)),
        ),
        (
            "many headings",
            Box::new(|n| {
                (0..n)
                    .map(|i| format!("（{}）标题{}\n", i % 9 + 1, i))
                    .collect()
            }),
        ),
        (
            "many 其中",
            Box::new(|n| "支出合计10万元，其中：基本支出5万元；项目支出5万元。".repeat(n)),
        ),
        ("many changes", Box::new(|n| "比上年增加1元".repeat(n))),
        (
            // The explicit-change matcher's costliest failing shape: a basis
            // with suffix words and blanks, and no verb (src/extract/explicit.rs).
            "comparisons without a verb",
            Box::new(|n| "较上年数数数数数数数数数 \t 相比,  较 与2023 年度".repeat(n)),
        ),
        (
            "digit runs before 元",
            Box::new(|n| "1.1,1 1\n".repeat(n) + "元"),
        ),
        (
            "TOC",
            Box::new(|n| {
                format!(
                    "目录\n{}",
                    (0..n)
                        .map(|i| format!("第{}部分 标{}\n", i % 9 + 1, i))
                        .collect::<String>()
                        .repeat(2)
                )
            }),
        ),
        (
            "digits",
            Box::new(|n| format!("{}万元", "1".repeat(n * 40))),
        ),
        (
            "one long table row",
            Box::new(|n| format!("单位:元\n{}", "一、收入合计 1,000 合计 ".repeat(n))),
        ),
        (
            "table rows and a TOC of announced parts",
            Box::new(|n| {
                let toc: String = (0..n)
                    .map(|i| format!("{}、部门说明{}\n", i % 9 + 1, i))
                    .collect();
                let rows: String = (0..n)
                    .map(|i| {
                        format!(
                            "{}、收入{i} 1,000\n二、事业收入\n甲局部门说明{i}\n",
                            i % 9 + 1
                        )
                    })
                    .collect();
                format!("目录\n{toc}单位:元\n{rows}")
            }),
        ),
        (
            // Markers glued to a title's 预算 all along one line: the title
            // test at each marker measured the line so far (quadratic once).
            "markers after 预算 without spaces",
            Box::new(|n| format!("2024年部门预算{}", "三、预算".repeat(n * 8))),
        ),
        (
            // A page flattened onto one line: markers after spaces all along.
            "flattened page",
            Box::new(|n| "第一部分 概况 一、职能 负责工作。 (一)机构 内设科室。 ".repeat(n)),
        ),
        (
            // Names that never pass (no place), each a candidate to complete.
            "names without a place",
            Box::new(|n| "水利局是本县政府工作部门。\n".repeat(n)),
        ),
        (
            // A title area of metadata lines only.
            "metadata block",
            Box::new(|n| "发布机构: 水利局 来源: 水利局 | 信息名称: 2024年部门预算\n".repeat(n)),
        ),
        (
            // One line of kind words with a link to another page: each word's
            // line was searched for its bounds (quadratic once).
            "kind words on one line",
            Box::new(|n| format!("上一篇:2023年部门决算.pdf\n{}", "预算决算 ".repeat(n * 24))),
        ),
        (
            // Furniture with years and kind words between many separators.
            "furniture with titles",
            Box::new(|n| "首页 > 2024年部门预算 | 字体: 大 中 小 • 2024年预算公开 ]\n".repeat(n)),
        ),
    ];
    for (name, make) in shapes {
        let n = 8000;
        let (a, b) = (make(n), make(2 * n));
        // Interleaved, best of each: a burst of load hits both sizes alike.
        let (mut t1, mut t2) = (f64::INFINITY, f64::INFINITY);
        for _ in 0..3 {
            t1 = t1.min(secs(&a));
            t2 = t2.min(secs(&b));
        }
        let ratio = t2 / t1.max(1e-6);
        println!(
            "{name}: {:.1} ms for {} KB, {:.1} ms for {} KB: ratio {ratio:.2}",
            t1 * 1e3,
            a.len() / 1024,
            t2 * 1e3,
            b.len() / 1024
        );
        assert!(
            ratio < 3.0,
            "{name}: doubling the input multiplied the time by {ratio:.2} (quadratic?)"
        );
    }
}
