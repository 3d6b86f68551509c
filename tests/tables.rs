#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Tables printed as text (the long corpus: PDF extractions of 上海普陀 预算
//! and 决算): cells take their unit from the header, key facts prefer the
//! prose, and the column of a 收支总表 row says revenue or expenditure.

fn fact<'a>(r: &'a cnbudget::Report, key: &str) -> Option<&'a cnbudget::report::Fact> {
    r.facts.iter().find(|f| f.key == key)
}

#[test]
fn cells_point_at_the_header_unit() {
    let t = "收支总表\n单位：万元\n一、财政拨款收入 4,733.14 一、一般公共服务支出 0.00\n";
    let r = cnbudget::extract(t);
    assert_eq!(r.amounts.len(), 2);
    let a = &r.amounts[0];
    assert_eq!(
        (a.text.as_str(), a.unit, a.yuan.as_str()),
        ("4,733.14", "万元", "47331400")
    );
    let u = a.unit_span.expect("a cell names where its unit came from");
    assert_eq!(u.slice(t), "万元");
    // An amount with its own unit has none.
    let r = cnbudget::extract("收入合计5.5万元。");
    assert!(r.amounts[0].unit_span.is_none());
}

#[test]
fn prose_states_the_fact_before_a_table() {
    // The table comes first (as in a 决算: tables, then the explanation), but
    // the key takes the figure the prose states.
    let t = "收入支出决算总表\n单位：万元\n本年收入合计 4,800.00 本年支出合计 4,800.00\n\
             说明\n本年收入合计4733.14万元。";
    let r = cnbudget::extract(t);
    let f = fact(&r, "revenue.current_year").expect("fact");
    assert_eq!(f.yuan.as_deref(), Some("47331400"));
    // Where the prose is silent, the table's figure is the fact.
    let f = fact(&r, "expenditure.current_year").expect("fact");
    assert_eq!(f.yuan.as_deref(), Some("48000000"));
}

#[test]
fn column_decides_revenue_or_expenditure() {
    let t = "财政拨款收支总表\n单位：元\n本年收入 本年支出\n\
             1. 一般公共预算 47,483,458二、卫生健康支出 1,439,040\n";
    let r = cnbudget::extract(t);
    let f = fact(&r, "revenue.general_budget").expect("the left column is revenue");
    assert_eq!(f.yuan.as_deref(), Some("47483458"));
    assert!(fact(&r, "expenditure.general_budget").is_none());
    let f = fact(&r, "expenditure.function.210").expect("a class row");
    assert_eq!(f.yuan.as_deref(), Some("1439040"));
}

#[test]
fn an_empty_cell_leaves_the_row_label_to_the_next_column() {
    let t = "单位：元\n本年收入 本年支出\n1. 一般公共预算 12,506,000二、社会保障和就业支出 1,300,000\n\
             2. 政府性基金预算 三、住房保障支出 1,000,000\n";
    let r = cnbudget::extract(t);
    let f = fact(&r, "expenditure.function.221").expect("the right column's label");
    assert_eq!(f.label, "住房保障支出");
    assert!(fact(&r, "revenue.gov_fund").is_none() && fact(&r, "expenditure.gov_fund").is_none());
}

#[test]
fn a_generic_cell_keeps_its_own_label() {
    // "合计" in a table is the table's total, not the topic of the section.
    let t =
        "一、事业收入情况\n单位：元\n功能分类科目名称 合计 基本支出\n合计 12,506,000 8,204,000\n";
    let r = cnbudget::extract(t);
    let a = r
        .amounts
        .iter()
        .find(|a| a.text == "12,506,000")
        .expect("cell");
    assert_eq!(a.label, "合计");
    assert!(fact(&r, "revenue.business").is_none());
}

#[test]
fn one_cell_per_line_takes_the_row_label_above() {
    // The layout of a PDF extraction that prints each cell on a line of its
    // own (long corpus, 上海普陀 建管委/城管/文旅 预算): the value of a row
    // opens the next line, after which the next row's label may follow.
    let t = "收支总表\n单位：元\n本年收入\n本年支出\n一、财政拨款收入\n\
             3,286,618.20 一、社会保障和就业支出\n16,067.24 \n　　1. 一般公共预算\n\
             493,761.20 二、卫生健康支出\n4,484.60 \n支出总计\n3,286,618.20 \n";
    let r = cnbudget::extract(t);
    let f = fact(&r, "expenditure.function.208").expect("the label above the value");
    assert_eq!(
        (f.yuan.as_deref(), f.label.as_str()),
        (Some("16067.24"), "社会保障和就业支出")
    );
    let f = fact(&r, "expenditure.function.210").expect("a class row");
    assert_eq!(f.yuan.as_deref(), Some("4484.6"));
    // The digit of the marker "1." is no cell before the label: the value
    // below opens the row, the 收入 column.
    let f = fact(&r, "revenue.general_budget").expect("the left column is revenue");
    assert_eq!(f.yuan.as_deref(), Some("493761.2"));
    assert!(fact(&r, "expenditure.general_budget").is_none());
    assert_eq!(
        fact(&r, "expenditure.total").and_then(|f| f.yuan.as_deref()),
        Some("3286618.2")
    );
}

#[test]
fn codes_at_a_line_start_are_no_cells_of_the_label_above() {
    // Economic class codes open lines too ("31013 公务用车购置\n31019 其他交通工具
    // 购置", long corpus, 石泉路 决算), and 2-3 digit codes stand alone ("208").
    let t = "单位：万元\n项目\n31013 公务用车购置\n31019 其他交通工具购置\n类\n款\n项\n208\n05\n\
             社会保障和就业支出\n";
    let r = cnbudget::extract(t);
    assert!(r.amounts.is_empty(), "{:?}", r.amounts);
    assert!(fact(&r, "three_public.vehicle_purchase").is_none());
}

/// A figure the text states and its table contradicts: a check naming both,
/// with both spans; a rounded figure within its last digit is no check.
#[test]
fn prose_against_its_table() {
    let t = "一、支出预算情况\n2026年支出预算100万元，其中：基本支出70万元，项目支出40.00万元。\n部门支出总表\n单位:万元\n项目            合计      基本支出      项目支出\n合计          100.00         60.00         40.00\n";
    let r = cnbudget::extract(t);
    let checks: Vec<_> = r
        .checks
        .iter()
        .filter(|c| c.code == "prose_table_mismatch")
        .collect();
    assert_eq!(checks.len(), 1, "{:?}", r.checks);
    let c = checks[0];
    assert!(
        c.message.starts_with("expenditure.basic is 70万元"),
        "{}",
        c.message
    );
    assert_eq!(c.span.map(|s| s.slice(t)), Some("70万元"));
    assert_eq!(c.spans[0].slice(t), "60.00");
    // The table's other columns fill no key the text states.
    let basic = r
        .facts
        .iter()
        .find(|f| f.key == "expenditure.basic")
        .unwrap();
    assert_eq!(basic.value, "70");
}
