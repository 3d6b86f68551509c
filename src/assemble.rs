//! Report assembly: runs the stages on one document's text and builds the
//! [`Report`], mapping every range of the normalized text back to the
//! original through the offset map (so every span indexes the input), and
//! joining what the stages found: amounts with their labels, changes with
//! their subjects, key facts from the prose and from the tables, checks.
//! The library's façade (`lib.rs`) calls [`report`].

use crate::extract::amounts::RawAmount;
use crate::extract::changes::RawChange;
use crate::normalize::Normalized;
use crate::report::Report;
use crate::segment::Node;
use crate::{
    Options, Span, document, extract, facts, keywords, normalize, numbering, numerals, report,
    segment, tables, validate, vocab,
};

/// The report of one document's text: every stage run, every range mapped
/// back to the original.
pub(crate) fn report(original: &str, opts: &Options) -> Report {
    let norm = normalize::normalize(original);
    let text = norm.text.as_str();
    // Tables first: a table's rows are never headings.
    let tables = tables::find(&norm);
    let ranges: Vec<(usize, usize)> = tables.iter().map(|t| t.range).collect();
    let outline = segment::segment_around(text, &ranges);
    let (raw_amounts, issues) = extract::amounts::find(text);
    let raw_changes = extract::changes::find(text, &raw_amounts);
    let info = document::describe(text, &outline);

    let ctx = Ctx {
        original,
        norm: &norm,
        sections: &outline.sections,
        sentences: extract::Sentences::new(text),
    };
    // Per amount, the change whose delta it is (the last one, if several).
    let mut delta_of: Vec<Option<usize>> = vec![None; raw_amounts.len()];
    for (k, c) in raw_changes.iter().enumerate() {
        if let Some(slot) = c.amount.and_then(|i| delta_of.get_mut(i)) {
            *slot = Some(k);
        }
    }

    // Sorted ends of the change phrases, for the label floors (linear, not
    // amounts × changes, on long documents).
    let mut change_ends: Vec<usize> = raw_changes.iter().map(|c| c.range.1).collect();
    change_ends.sort_unstable();
    // Labels of level amounts first: change subjects may fall back on them.
    let mut labels: Vec<String> = Vec::with_capacity(raw_amounts.len());
    let mut budget_raw: Vec<bool> = Vec::with_capacity(raw_amounts.len());
    for (i, a) in raw_amounts.iter().enumerate() {
        let mut floor = floor_before(a.range.0, &raw_amounts[..i], &change_ends);
        // Not back over the title of the amount's own section: on a page
        // flattened onto one line, nothing else ends it ("一、收入支出决算总体
        // 情况 2023 年度收入总计 386.52 万元"; own corpus, jd17).
        if let Some(n) = ctx.node_at(a.range.0) {
            if n.body.0 <= a.range.0 {
                floor = floor.max(n.body.0);
            }
        }
        let (ls, le) = extract::labels::label_before(text, a.range.0, floor);
        // (A label over a line break is one word: "…支出决\n\n算".)
        let mut label = joined(text[ls..le].to_string());
        // "“三公”经费财政拨款支出年初预算为21.00万元,支出决算为16.95万元" (the
        // 决算 template; long corpus), "…“三公”经费支出预算为3万元,支出决算为
        // 1.71万元" (wide corpus): the 决算 figure is of the subject that the
        // budget figure before it in the sentence named.
        if i > 0
            && extract::labels::is_final_word(&label)
            && raw_amounts[i - 1].range.0 >= ctx.sentences.start(text, a.range.0)
        {
            if let Some((subject, _)) =
                extract::labels::budget_label(&labels[i - 1]).filter(|(s, _)| !s.trim().is_empty())
            {
                label = format!("{}决算", subject.trim());
            }
        }
        // "财政拨款收入918.16万元,支出918.16万元" (wide c014): the 支出 of
        // the subject whose 收入 the figure before it in the sentence was.
        if i > 0
            && label.trim() == "支出"
            && raw_amounts[i - 1].range.0 >= ctx.sentences.start(text, a.range.0)
        {
            if let Some(subject) = labels[i - 1]
                .trim()
                .strip_suffix("收入")
                .filter(|s| !s.is_empty())
            {
                label = format!("{subject}支出");
            }
        }
        if let Some((ra, rb)) = a.table.and_then(|t| t.row_label) {
            // The table stage knows the row label (a flattened table page).
            let l = text[ra..rb].trim();
            let l = numbering::marker(l).map_or(l, |m| l[m.len..].trim());
            label = without_class_codes(l).to_string();
        } else if a.table.is_some() {
            // A row with an empty cell before this one ("2. 政府性基金预算 三、
            // 住房保障支出 1,000,000"): the label is the last row label. A row
            // label the trimming emptied ("合计") is kept as printed.
            label = without_class_codes(last_row_label(&label)).to_string();
            if label.trim().is_empty() {
                // Back to the row start, not past the previous item (linear).
                let floor = floor.min(a.range.0);
                let head = &text[floor..a.range.0];
                let from = head.rfind('\n').map_or(0, |p| p + 1);
                label = without_class_codes(last_row_label(head[from..].trim())).to_string();
            }
            if let (true, Some((ls, le))) =
                (label.trim().is_empty(), a.table.and_then(|t| t.label_above))
            {
                // A cell alone at its line start: the row label above it.
                let above = text[ls..le].trim();
                let above = numbering::marker(above).map_or(above, |m| above[m.len..].trim());
                label = without_class_codes(above).to_string();
            }
        }
        // Whether the label names a budget figure, before a generic label
        // gives way to the section's topic: "年初预算为 0.00 万元" under "八、
        // 政府性基金预算…决算情况说明" is the budget, not the fund's figure
        // (long corpus, cross_san_gong_truth).
        budget_raw.push(extract::labels::budget_label(&label).is_some());
        if extract::labels::is_generic(&label) && i > 0 && raw_amounts[i - 1].shared_unit {
            // The last item of a list shares the label of the first.
            label = labels[i - 1].clone();
        } else if extract::labels::is_generic(&label) && a.table.is_none() {
            // (Not for a table cell: its "合计" is the table's, not the
            // section's topic.)
            if let Some(topic) = ctx.section_title_at(a.range.0) {
                label = text[topic.0..topic.1].to_string();
            }
        }
        labels.push(label);
    }
    // In a 决算 the budget figure a sentence restates is not what its
    // changes are about: "支出决算为1203.55万元,预算为1320.00万元,…较上年减少
    // 64.81万元" compares the 决算 with last year's (own corpus, jd15).
    let final_accounts = info.kind == Some(document::Kind::FinalAccounts);
    let budget_figure: Vec<bool> = labels
        .iter()
        .zip(&budget_raw)
        .map(|(l, &raw)| {
            final_accounts
                && (raw
                    || extract::labels::budget_label(l).is_some()
                    || extract::labels::approved_budget(l))
        })
        .collect();
    // In order: a change may take the subject of an earlier one.
    let mut subjects: Vec<String> = Vec::with_capacity(raw_changes.len());
    for c in &raw_changes {
        let s = subject_of(
            text,
            &ctx.sentences,
            c,
            &raw_amounts,
            &labels,
            &delta_of,
            &budget_figure,
            &subjects,
        );
        subjects.push(s);
    }
    let amounts: Vec<report::Amount> = raw_amounts
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let (label, role) = match delta_of[i] {
                Some(k) => (subjects[k].clone(), "change"),
                None => (labels[i].clone(), "level"),
            };
            ctx.amount(a, label, role)
        })
        .collect();
    let changes: Vec<report::Change> = raw_changes
        .iter()
        .zip(&subjects)
        .map(|(c, subject)| report::Change {
            text: ctx.slice(c.range),
            subject: subject.clone(),
            basis: c.basis.clone(),
            basis_implied: c.basis_implied,
            direction: c.direction.as_str(),
            amount: c.amount.map(|i| amounts[i].clone()),
            percent: c.percent.clone(),
            reason: c.reason.map(|r| ctx.slice(r)),
            span: ctx.span(c.range),
        })
        .collect();
    let (facts, amount_keys) = build_facts(
        text,
        final_accounts,
        &budget_figure,
        &ctx,
        &raw_amounts,
        &labels,
        &delta_of,
        &raw_changes,
        &subjects,
        &changes,
        &amounts,
    );
    // Key facts the prose leaves to the tables' other columns; where the
    // text states one too, the two are compared (below, with the checks).
    let table_facts = tables::facts(&tables, final_accounts);
    let mut facts = facts;
    let mut disagree: Vec<report::Check> = Vec::new();
    for tf in &table_facts {
        if let Some(f) = facts.iter().find(|f| f.key == tf.key) {
            if let Some(c) = prose_against_table(f, tf) {
                if !disagree.contains(&c) {
                    disagree.push(c);
                }
            }
            continue;
        }
        let head = tf
            .cell
            .head
            .as_deref()
            .map_or(String::new(), |h| format!("/{h}"));
        facts.push(report::Fact {
            key: tf.key.to_string(),
            value: tf.cell.value.clone(),
            unit: tf.table.unit.unwrap_or("元"),
            yuan: tf.cell.yuan.clone(),
            label: format!("{}{head}", tf.row.label),
            section: None,
            span: tf.cell.span,
            change: None,
        });
    }
    // A figure read from a cell by its place (a label on the line above,
    // a table printed a cell per line) that its own parts contradict is no
    // fact (long-cities g008: columns out of order put 1,302.95 under 支出
    // 总计, below its 本年支出合计 4,651.67).
    let by_place: Vec<bool> = facts
        .iter()
        .map(|f| {
            raw_amounts
                .iter()
                .zip(&amounts)
                .any(|(r, a)| r.table.is_some() && a.span == f.span)
                && !table_facts.iter().any(|t| t.key == f.key)
        })
        .collect();
    let contradicted = contradicted_totals(&facts, &by_place);
    let mut dropped: Vec<report::Diagnostic> = Vec::new();
    for (i, why) in contradicted.into_iter().rev() {
        let f = facts.remove(i);
        dropped.push(report::Diagnostic {
            code: "fact_contradicted",
            severity: "info",
            message: format!(
                "{} {} {} from a table cell left out: {why}",
                f.key, f.value, f.unit
            ),
            span: Some(f.span),
        });
    }
    dropped.reverse();
    let is_delta: Vec<bool> = (0..raw_amounts.len())
        .map(|i| delta_of[i].is_some())
        .collect();
    let looks_whole = info.title.is_some()
        && outline
            .sections
            .iter()
            .filter(|n| n.source == segment::Source::Body)
            .count()
            >= 4
        && outline.sections.iter().any(|n| n.kind == Some("glossary"));
    let mut sections: Vec<report::Section> = outline
        .sections
        .iter()
        .map(|n| ctx.section(n, 1, false))
        .collect();
    fn kinds_of(s: &[report::Section], out: &mut Vec<&'static str>) {
        for x in s {
            out.extend(x.kind);
            kinds_of(&x.children, out);
        }
    }
    let mut kinds = Vec::new();
    kinds_of(&sections, &mut kinds);
    let mut checks: Vec<report::Check> = validate::validate(&validate::Input {
        kinds: &kinds,
        text,
        amounts: &raw_amounts,
        keys: &amount_keys,
        is_delta: &is_delta,
        changes: &raw_changes,
        sections: &outline.sections,
        looks_whole,
        budget_figure: &budget_figure,
    })
    .into_iter()
    .map(|c| report::Check {
        code: c.code.to_string(),
        severity: c.severity.as_str(),
        message: c.message,
        span: c.range.map(|r| ctx.span(r)),
        spans: c.ranges.iter().map(|&r| ctx.span(r)).collect(),
        suggestion: c.suggestion,
    })
    .collect();
    checks.extend(disagree);
    if opts.keywords {
        keywords::tag(&mut sections);
    }
    let mut diagnostics: Vec<report::Diagnostic> = issues
        .iter()
        .map(|i| report::Diagnostic {
            code: i.code,
            severity: "warning",
            message: i.message.clone(),
            span: Some(ctx.span(i.range)),
        })
        .collect();
    for n in &info.notes {
        diagnostics.push(report::Diagnostic {
            code: n.code,
            severity: "info",
            message: n.message.clone(),
            span: n.range.map(|r| ctx.span(r)),
        });
    }
    diagnostics.extend(dropped);
    if let Some(toc) = outline.toc {
        let missing = count_toc_only(&outline.sections) + outline.toc_left_out;
        if missing > 0 {
            diagnostics.push(report::Diagnostic {
                code: "toc_entries_without_body",
                severity: "info",
                message: format!("{missing} section(s) of the table of contents do not occur in the text (truncated document?)"),
                span: Some(ctx.span(toc)),
            });
        }
    }
    // An excerpt that starts inside a section: what comes before the first
    // top-level heading is the `lead`, not an untitled top-level section
    // (real 029 starts in the middle of a 支出 section).
    let lead = sections
        .first()
        .is_some_and(|s| s.source == "implicit" && s.title.is_empty())
        .then(|| sections.remove(0));
    report::Report {
        document: report::Document {
            // A title or name split over lines is joined.
            title: info.title.map(|r| joined(ctx.printed(r))),
            agency: info.agency.map(|r| {
                ctx.printed(r)
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect()
            }),
            year: info.year,
            kind: info.kind.map(|k| k.as_str()),
            scope: info.scope.map(|s| s.as_str()),
            title_span: info.title.map(|r| ctx.span(r)),
            agency_span: info.agency.map(|r| ctx.span(r)),
        },
        sections,
        lead,
        amounts,
        changes,
        blocks: crate::layout::blocks(original, &norm, &outline, info.title, &tables),
        tables,
        facts,
        checks,
        diagnostics,
    }
}

/// A figure of the text that its table contradicts: a check with both
/// spans. The text's figure may be rounded (3619.73万元 for 36,197,265元),
/// and a table's total of rounded figures may differ from another's by one
/// in the last digit (pdf r254: 1,704.11 and 1,704.12万元): within one unit of
/// the text's last digit they agree. Severity `info`, not `warning`: the
/// text's figure may be of a narrower scope than the table's (pdf r093: the
/// 财政拨款 part's 基本支出 5,362.42万元, the 支出总表's of all funds 6,660.01万元).
fn prose_against_table(f: &report::Fact, tf: &tables::TableFact) -> Option<report::Check> {
    use rust_decimal::Decimal;
    use std::str::FromStr;
    let prose = Decimal::from_str(f.yuan.as_deref()?).ok()?;
    let table = Decimal::from_str(tf.cell.yuan.as_deref()?).ok()?;
    let value = Decimal::from_str(&f.value).ok()?;
    if value.is_zero() && table.is_zero() {
        return None;
    }
    // The yuan of one unit of the text's last digit.
    let factor = if value.is_zero() {
        Decimal::ONE
    } else {
        prose / value
    };
    let step = Decimal::new(1, value.scale()).checked_mul(factor)?;
    let tol = step.max(Decimal::new(1, 2));
    if (prose - table).abs() <= tol {
        return None;
    }
    let caption = tf.table.caption.as_deref().unwrap_or("a table");
    Some(report::Check {
        code: "prose_table_mismatch".into(),
        severity: "info",
        message: format!(
            "{} is {}{} in the text but {}{} in {caption} ({}{})",
            f.key,
            f.value,
            f.unit,
            tf.cell.text,
            tf.table.unit.unwrap_or(""),
            tf.row.label,
            tf.cell
                .head
                .as_deref()
                .map_or(String::new(), |h| format!("/{h}")),
        ),
        span: Some(f.span),
        spans: vec![tf.cell.span],
        suggestion: None,
    })
}

/// A title wrapped over lines, joined (the lines trimmed).
fn joined(s: String) -> String {
    if s.contains('\n') {
        s.lines().map(str::trim).collect()
    } else {
        s
    }
}

/// The text after the last numbering marker that follows white space in a
/// table cell's label, without the marker: "政府性基金预算 三、住房保障支出" →
/// "住房保障支出".
fn last_row_label(label: &str) -> &str {
    let mut out = label;
    for (i, c) in label.char_indices() {
        if c != ' ' && c != '\t' {
            continue;
        }
        let rest = label[i..].trim_start_matches([' ', '\t']);
        if let Some(m) = numbering::marker(rest) {
            out = &rest[m.len..];
        }
    }
    out
}

/// A table label without the class codes in front of it: "208 05 01
/// 行政单位离退休" → "行政单位离退休" (the 功能分类科目编码 column).
fn without_class_codes(label: &str) -> &str {
    // The cell separators of a pipe table are no part of a label
    // ("公务接待费|2.00|", issue 10).
    let mut rest = label.trim_matches(|c: char| c == '|' || c.is_whitespace());
    loop {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let after = &rest[digits..];
        if !(2..=3).contains(&digits) || !after.starts_with([' ', '\t']) {
            return rest;
        }
        rest = after.trim_start();
    }
}

/// The flow named last in `s`: whichever of 收入 / 支出 occurs last. One
/// scan back over the bytes (both words start with the bytes E6 94).
fn last_flow(s: &str) -> Option<facts::Flow> {
    const REVENUE: &[u8] = "收入".as_bytes();
    const EXPENDITURE: &[u8] = "支出".as_bytes();
    s.as_bytes().windows(REVENUE.len()).rev().find_map(|w| {
        if w[0] != REVENUE[0] {
            None
        } else if w == REVENUE {
            Some(facts::Flow::Revenue)
        } else if w == EXPENDITURE {
            Some(facts::Flow::Expenditure)
        } else {
            None
        }
    })
}

/// Where money flows in the words before `pos`: the nearest 收入/支出 in
/// its sentence, else within 40 bytes ("收入包括:\n一般公共预算拨款…", doc
/// 029), else in the section title.
fn flow_at(
    text: &str,
    sentences: &extract::Sentences,
    pos: usize,
    section_title: Option<&str>,
) -> Option<facts::Flow> {
    let nearest = last_flow;
    let sentence_start = sentences.start(text, pos);
    let w = extract::ceil_boundary(text, pos.saturating_sub(120));
    nearest(&text[sentence_start..pos])
        .or_else(|| nearest(&text[w..pos]))
        .or_else(|| section_title.and_then(nearest))
}

/// Key facts from the labelled level amounts, plus the vehicle count.
/// Totals and their parts: a total is never below a part of it.
const PARTS: &[(&str, &[&str])] = &[
    (
        "revenue.total",
        &[
            "revenue.current_year",
            "revenue.fiscal",
            "revenue.general_budget",
            "revenue.gov_fund",
            "revenue.business",
            "revenue.other",
            "revenue.carryover",
        ],
    ),
    (
        "expenditure.total",
        &[
            "expenditure.current_year",
            "expenditure.basic",
            "expenditure.project",
            "expenditure.fiscal",
            "expenditure.general_budget",
        ],
    ),
    (
        "expenditure.current_year",
        &["expenditure.basic", "expenditure.project"],
    ),
    (
        "three_public.total",
        &[
            "three_public.overseas",
            "three_public.vehicle",
            "three_public.vehicle_purchase",
            "three_public.vehicle_operation",
            "three_public.reception",
        ],
    ),
];

/// Facts read by place (`by_place[i]`) that a part contradicts: a total
/// below one of its parts. The total goes when it was read by place, else
/// the part when it was; two figures the text states stay (the checks
/// report them). Indices ascending, each with the reason.
fn contradicted_totals(facts: &[report::Fact], by_place: &[bool]) -> Vec<(usize, String)> {
    use rust_decimal::Decimal;
    let yuan = |i: usize| {
        facts[i]
            .yuan
            .as_deref()
            .and_then(|y| Decimal::from_str_exact(y).ok())
    };
    // Half the last written digit, in yuan: "27807.61 万元" stands for
    // anything within 50 yuan of 278,076,100 (上海普陀: the prose rounds
    // what the table gives to the yuan).
    let slack = |i: usize| {
        let f = &facts[i];
        let scale = f.value.split_once('.').map_or(0, |(_, d)| d.len());
        let factor = match f.unit {
            "万元" => Decimal::from(10_000),
            "亿元" => Decimal::from(100_000_000),
            "千元" => Decimal::from(1_000),
            _ => Decimal::ONE,
        };
        u32::try_from(scale)
            .ok()
            .filter(|&s| s <= 20)
            .and_then(|s| factor.checked_mul(Decimal::new(5, s + 1)))
            .unwrap_or(Decimal::ZERO)
    };
    let find = |k: &str| facts.iter().position(|f| f.key == k);
    let mut out: Vec<(usize, String)> = Vec::new();
    for (total, parts) in PARTS {
        let Some(t) = find(total) else { continue };
        for part in *parts {
            let Some(p) = find(part) else { continue };
            let (Some(ty), Some(py)) = (yuan(t), yuan(p)) else {
                continue;
            };
            // (At the Decimal limit no sum: no verdict.)
            let top = ty
                .checked_add(slack(t))
                .and_then(|x| x.checked_add(slack(p)));
            if top.is_none_or(|x| x >= py) {
                continue;
            }
            let why = format!("{total} {ty} is below its part {part} {py}");
            let gone = if by_place[t] {
                t
            } else if by_place[p] {
                p
            } else {
                continue;
            };
            if !out.iter().any(|(i, _)| *i == gone) {
                out.push((gone, why));
            }
        }
    }
    out.sort_by_key(|(i, _)| *i);
    out
}

/// A target's bound, not a figure: "≤25 万元" in a 绩效目标表 (long-cities
/// g014, taken for the money under performance management), "不超过10万元".
fn is_bound(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '\t']);
    before.ends_with(['≤', '≥', '<', '>', '＜', '＞', '≦', '≧', '='])
        || ["不超过", "不高于", "不低于", "不少于", "控制在"]
            .iter()
            .any(|w| before.ends_with(w))
}

#[allow(clippy::too_many_arguments)]
fn build_facts(
    text: &str,
    final_accounts: bool,
    budget_figure: &[bool],
    ctx: &Ctx,
    amounts: &[RawAmount],
    labels: &[String],
    delta_of: &[Option<usize>],
    changes: &[RawChange],
    subjects: &[String],
    out_changes: &[report::Change],
    out_amounts: &[report::Amount],
) -> (Vec<report::Fact>, Vec<Vec<String>>) {
    let context = |pos: usize| -> (Option<facts::Flow>, Option<&'static str>) {
        let node = ctx.node_at(pos);
        let title = node.map(|n| &text[n.title.0..n.title.1]);
        (flow_at(text, &ctx.sentences, pos, title), ctx.kind_at(pos))
    };
    // Keys of each change, to attach a change to the fact it is about.
    // (keys of the change's subject, extent of its section)
    type Keyed = (Vec<String>, Option<(usize, usize)>);
    let change_keys: Vec<Keyed> = changes
        .iter()
        .zip(subjects)
        .map(|(c, subject)| {
            let (flow, kind) = context(c.anchor);
            let keys = facts::keys_for(&facts::Candidate {
                label: subject,
                level: true,
                flow,
                section_kind: kind,
                list: (0, 1),
                after_function_class: false,
            });
            (keys, ctx.node_at(c.anchor).map(|n| n.extent))
        })
        .collect();
    let mut out: Vec<report::Fact> = Vec::new();
    let mut all_keys: Vec<Vec<String>> = vec![Vec::new(); amounts.len()];
    let mut seen = std::collections::HashSet::with_hasher(vocab::Fnv::default());
    // Prose first, then table cells: a key takes its figure from a table
    // only where the text states none (tables hold budget and final columns
    // side by side, counts and ratios; the prose names the figure; long
    // corpus).
    let order = (0..amounts.len())
        .filter(|&i| amounts[i].table.is_none())
        .chain((0..amounts.len()).filter(|&i| amounts[i].table.is_some()));
    for i in order {
        let a = &amounts[i];
        if delta_of[i].is_some() {
            continue;
        }
        // In a 决算 the figure of a key is the final one: "年初预算为21.00万元"
        // (long corpus), "预算数为832.05万元" (issue 10) are the budget it is
        // measured against, never the fact.
        if budget_figure[i] || is_bound(text, a.range.0) {
            continue;
        }
        // A table cell in a column headed as last year's, or as the budget
        // in a 决算 ("项目|预算数|决算数|"): not the year's figure.
        if let Some((ha, hb)) = a.table.and_then(|t| t.column_head) {
            let head = &text[ha..hb];
            if head.contains("上年")
                || final_accounts && head.contains("预算") && !head.contains("决算")
            {
                continue;
            }
        }
        let (flow, kind) = context(a.range.0);
        // In a table the column says which side a cell is on: the first
        // labelled cell of a 收支总表 row is 收入, the next 支出 ("1. 一般公共预算
        // 47,483,458" under 本年收入, long corpus).
        let flow = match a.table.map(|t| (t.column, t.row_label.is_some())) {
            // A flattened page's row: no columns; its label's flow, if any.
            // An appropriation ("一般公共预算拨款") is received: 收入.
            Some((_, true)) => last_flow(&labels[i])
                .or_else(|| labels[i].ends_with("拨款").then_some(facts::Flow::Revenue))
                .or(flow),
            Some((0, _)) => Some(facts::Flow::Revenue),
            Some(_) => Some(facts::Flow::Expenditure),
            None => flow,
        };
        let mut s = i;
        while s > 0 && amounts[s - 1].shared_unit {
            s -= 1;
        }
        let mut e = i;
        while amounts[e].shared_unit && e + 1 < amounts.len() {
            e += 1;
        }
        let sentence_start = ctx.sentences.start(text, a.range.0);
        // The nearest previous amount only: bounded work per amount.
        let after_function_class = i
            .checked_sub(1)
            .filter(|&j| amounts[j].range.0 >= sentence_start && delta_of[j].is_none())
            .is_some_and(|j| vocab::function_class(&labels[j]).is_some());
        let keys = facts::keys_for(&facts::Candidate {
            label: &labels[i],
            level: true,
            flow,
            section_kind: kind,
            list: (i - s, e - s + 1),
            after_function_class,
        });
        let section = ctx.node_at(a.range.0).map(|n| n.extent);
        all_keys[i] = keys.clone();
        for key in keys {
            if !seen.insert(key.clone()) {
                continue;
            }
            let change = change_keys
                .iter()
                .position(|(ks, sec)| ks.contains(&key) && *sec == section)
                .map(|k| out_changes[k].clone());
            // The amount's report entry has the fields already (a level
            // amount's label is `labels[i]`).
            let r = &out_amounts[i];
            out.push(report::Fact {
                key,
                value: r.value.clone(),
                unit: r.unit,
                yuan: Some(r.yuan.clone()),
                label: r.label.clone(),
                section: r.section.clone(),
                span: r.span,
                change,
            });
        }
    }
    if let Some((range, n)) = facts::vehicle_count(text) {
        out.push(report::Fact {
            key: "assets.vehicles".into(),
            value: n,
            unit: "辆",
            yuan: None,
            label: "车辆".into(),
            section: ctx.section_at(range.0),
            span: ctx.span(range),
            change: None,
        });
    }
    (out, all_keys)
}

fn count_toc_only(nodes: &[Node]) -> usize {
    nodes
        .iter()
        .map(|n| usize::from(n.source == segment::Source::Toc) + count_toc_only(&n.children))
        .sum()
}

/// Where the label search for an amount at `start` must stop: the end of the
/// previous amount, or of a change phrase, whichever is later.
fn floor_before(start: usize, before: &[RawAmount], change_ends: &[usize]) -> usize {
    let a = before.last().map_or(0, |a| a.range.1);
    let k = change_ends.partition_point(|&e| e <= start);
    let c = if k > 0 { change_ends[k - 1] } else { 0 };
    a.max(c)
}

/// The subject of a change, falling back on the label of the level amount
/// just before it in the same sentence ("基本支出382.58万元，比上年减少…").
/// (The amounts' parallel arrays, as `build_facts` takes them.)
#[allow(clippy::too_many_arguments)]
fn subject_of(
    text: &str,
    sentences: &extract::Sentences,
    c: &RawChange,
    amounts: &[RawAmount],
    labels: &[String],
    delta_of: &[Option<usize>],
    budget_figure: &[bool],
    earlier: &[String],
) -> String {
    let s = text[c.subject.0..c.subject.1].trim();
    // A share clause ("占支出总预算的 94.38%", doc 029) is no subject either.
    let generic = s.is_empty()
        || matches!(s, "本年预算" | "本年" | "今年" | "本年度" | "其中")
        || s.starts_with('占')
        || s.contains('%');
    if !generic && !s.chars().all(|ch| ch.is_ascii_digit() || ch == '.') {
        // A subject holding an amount ("公务接待费720.03万元") is the amount's label.
        let i = amounts.partition_point(|a| a.range.0 < c.subject.0);
        if amounts.get(i).is_some_and(|a| a.range.1 <= c.anchor) {
            return labels[i].clone();
        }
        return s.to_string();
    }
    let gap = text[c.gap.0..c.gap.1].trim().trim_end_matches(['各', '均']);
    // An adverb between the basis and the verb is no subject ("比上年度略有
    // 增加"; a probe of change phrasings, 2026-12-02).
    let adverb = [
        "略有",
        "有所",
        "稍有",
        "大幅",
        "小幅",
        "明显",
        "分别",
        "进一步",
        "持续",
    ]
    .contains(&gap);
    if gap.chars().count() >= 2 && !adverb {
        return gap.to_string();
    }
    let sentence_start = sentences.start(text, c.anchor);
    let k = amounts.partition_point(|a| a.range.0 < c.anchor);
    let before = || {
        amounts[..k]
            .iter()
            .enumerate()
            .rev()
            .take_while(|(_, a)| a.range.0 >= sentence_start)
            .filter(|(_, a)| a.range.1 <= c.anchor)
    };
    if let Some((i, _)) = before()
        .find(|&(i, _)| !budget_figure[i])
        .or_else(|| before().next())
    {
        // The delta of an earlier change: same subject ("三公经费较上年减少2.97万元,
        // 较年初预算数减少0.36万元", doc 059).
        if let Some(s) = delta_of[i].and_then(|k| earlier.get(k)) {
            return s.clone();
        }
        return labels[i].clone();
    }
    // No amount either: the clause before ("…安排的支出，与上年保持一致", seed).
    let head = text[..c.subject.0].trim_end_matches([',', ' ', '\t']);
    if head.len() < c.subject.0 && head.len() > sentence_start {
        let (a, b) = extract::changes::subject_before(text, head.len());
        let clause = text[a..b].trim();
        // Not a clause that is a comparison itself ("比2022年度增长12.5%,
        // 增加3.2万元": the second states the first's amount).
        let comparison = clause.contains('%')
            || ["比", "较", "与", "同比"]
                .iter()
                .any(|w| clause.starts_with(w));
        return if comparison {
            String::new()
        } else {
            clause.to_string()
        };
    }
    if s.contains('%') {
        String::new()
    } else {
        s.to_string()
    }
}

/// What the stages share while building the report.
struct Ctx<'a> {
    original: &'a str,
    norm: &'a Normalized,
    sections: &'a [Node],
    sentences: extract::Sentences,
}

impl Ctx<'_> {
    fn span(&self, (a, b): (usize, usize)) -> Span {
        self.norm.span(a, b)
    }

    fn slice(&self, r: (usize, usize)) -> String {
        self.span(r).slice(self.original).to_string()
    }

    /// The original text of normalized range `r` as printed, without the
    /// conversion debris that normalization removed inside it (pinyin
    /// glosses "鎮(zhèn)", field codes): for names and titles.
    fn printed(&self, r: (usize, usize)) -> String {
        self.norm.printed(self.original, r.0, r.1)
    }

    /// Title of the innermost body section holding normalized position `pos`,
    /// as printed.
    fn section_at(&self, pos: usize) -> Option<String> {
        self.section_title_at(pos).map(|r| self.slice(r))
    }

    /// The innermost titled section (body or implicit) holding `pos`.
    fn node_at(&self, pos: usize) -> Option<&Node> {
        let mut nodes = self.sections;
        let mut found = None;
        while let Some(n) = segment::child_at(nodes, pos) {
            if n.title.0 < n.title.1 {
                found = Some(n);
            }
            nodes = &n.children;
        }
        found
    }

    /// The kind of the innermost section at `pos` that has one: "(一)总体
    /// 工作情况" under "七、预算绩效管理情况说明" is of the performance kind
    /// (long-cities g014).
    fn kind_at(&self, pos: usize) -> Option<&'static str> {
        let mut nodes = self.sections;
        let mut found = None;
        while let Some(n) = segment::child_at(nodes, pos) {
            found = n.kind.or(found);
            nodes = &n.children;
        }
        found
    }

    /// The normalized range of that title.
    fn section_title_at(&self, pos: usize) -> Option<(usize, usize)> {
        let mut nodes = self.sections;
        let mut found = None;
        while let Some(n) = segment::child_at(nodes, pos) {
            if n.title.0 < n.title.1 {
                found = Some(n.title);
            }
            nodes = &n.children;
        }
        found
    }

    fn amount(&self, a: &RawAmount, label: String, role: &'static str) -> report::Amount {
        let span = self.span(a.range);
        report::Amount {
            text: span.slice(self.original).to_string(),
            value: a.value.clone(),
            unit: a.unit.as_str(),
            yuan: numerals::decimal_text(a.yuan),
            label,
            section: self.section_at(a.range.0),
            span,
            role,
            unit_span: a.table.map(|t| self.span(t.unit_range)),
        }
    }

    /// `in_glossary`: below a 名词解释 section, titles are the terms being
    /// explained ("（一）财政拨款收入"), not sections of that kind.
    fn section(&self, n: &Node, level: usize, in_glossary: bool) -> report::Section {
        let kind = if in_glossary || n.role == segment::Role::Paragraph {
            None
        } else {
            n.kind
        };
        report::Section {
            marker: self.slice(n.marker),
            level,
            // A title wrapped over lines is joined.
            title: joined(self.printed(n.title)),
            span: self.span(n.extent),
            title_span: self.span(n.title),
            kind,
            role: match n.role {
                segment::Role::Heading => "heading",
                segment::Role::Paragraph => "paragraph",
            },
            source: match n.source {
                segment::Source::Body => "body",
                segment::Source::Toc => "toc",
                segment::Source::Implicit => "implicit",
            },
            text: if n.source == segment::Source::Body {
                self.span(n.body).slice(self.original).trim().to_string()
            } else {
                String::new()
            },
            keywords: None,
            children: n
                .children
                .iter()
                .map(|c| self.section(c, level + 1, in_glossary || kind == Some("glossary")))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(key: &str, value: &str, unit: &'static str, yuan: &str) -> report::Fact {
        report::Fact {
            key: key.into(),
            value: value.into(),
            unit,
            yuan: Some(yuan.into()),
            label: String::new(),
            section: None,
            span: crate::span::Span::new(0, 0),
            change: None,
        }
    }

    /// A total below its part goes when it was read by place; figures
    /// rounded by the prose (27807.61 万元 against the table's 278,076,101
    /// 元) do not contradict each other.
    #[test]
    fn totals_below_their_parts() {
        let facts = [
            fact("expenditure.total", "1302.95", "万元", "13029500"),
            fact("expenditure.current_year", "4651.67", "万元", "46516700"),
            fact("revenue.total", "27807.61", "万元", "278076100"),
            fact("revenue.general_budget", "278076101", "元", "278076101"),
        ];
        let gone = contradicted_totals(&facts, &[true, true, false, true]);
        assert_eq!(gone.iter().map(|g| g.0).collect::<Vec<_>>(), [0]);
        assert!(
            gone[0]
                .1
                .contains("below its part expenditure.current_year")
        );
        // Two figures the text states both stay.
        assert!(contradicted_totals(&facts, &[false, false, false, false]).is_empty());
        // The part goes when only the part was read by place.
        let gone = contradicted_totals(&facts, &[false, true, false, false]);
        assert_eq!(gone.iter().map(|g| g.0).collect::<Vec<_>>(), [1]);
    }
}
