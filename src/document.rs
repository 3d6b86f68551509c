//! Document facts: title, agency, fiscal year, kind.
//!
//! Takes normalized text and the outline; gives [`DocInfo`] in normalized
//! byte ranges.
//!
//! - The **title** is the first line of the title area (before the first
//!   heading) that names a 预算/决算/三公 document, skipping page furniture:
//!   breadcrumbs ("首页>政务公开>…", doc 005), 索引号 blocks (docs 018, 067),
//!   bullets (doc 072), font-size and print buttons (docs 020, 032).
//! - The **agency** is the unit as printed in the title: the text before the
//!   year ("重庆市万州区公路事务中心2024年…", doc 001), after it ("2023年度泸州市
//!   中医医院单位决算", doc 009), or the line above a title that starts with
//!   the year (seed). Generic suffixes 单位/部门 are dropped ("怀远县水利局单位
//!   2025年…", doc 024). Without a title, a few body sentences name it:
//!   "现将涪陵区新妙镇2021年度…" (doc 059), "涪陵区财政局(本级)内设…" (doc 038).
//! - The **year** is the fiscal year covered: from the title, else a
//!   heading, else the first "YYYY年" of the body that is not a date
//!   ("公开时间:2025年10月15日", doc 063, is a date).
//! - The **kind**: 决算 → final_accounts, 预算 → budget, from the title, else
//!   the headings, else whichever word the body uses more.

use crate::segment::{Node, Outline};
use regex::Regex;
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Budget,
    FinalAccounts,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Budget => "budget",
            Kind::FinalAccounts => "final_accounts",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocInfo {
    pub title: Option<(usize, usize)>,
    pub agency: Option<(usize, usize)>,
    pub year: Option<i32>,
    pub kind: Option<Kind>,
}

const FURNITURE: &[&str] = &[
    "索引号",
    "发文字号",
    "发布机构",
    "成文日期",
    "发布日期",
    "发布时间",
    "信息来源",
    "来源:",
    "字体",
    "字号",
    "打印",
    "纠错",
    "导航",
    "日期:",
    "当前位置",
    "浏览次数",
    "分享",
];

#[allow(clippy::expect_used)] // fixed patterns
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<y>(?:19|20|21)[0-9]{2})[ \t]*(?P<after>年度?|预算|决算)").expect("year regex")
});

#[allow(clippy::expect_used)] // fixed patterns
static AGENCY_AFTER_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9]{4}[ \t]*年度?[ \t]*(?P<ag>.+?)[ \t]*(?:部门|单位)?(?:预算|决算|“三公”|\x22三公\x22|三公|一般公共预算)")
        .expect("agency regex")
});

#[allow(clippy::expect_used)] // fixed patterns
static DECLARED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:预算主管部门|主管部门|部门名称|单位名称|预算单位)[:：][ \t]*(?P<ag>\S.{1,40})$",
    )
    .expect("declared agency regex")
});

#[allow(clippy::expect_used)] // fixed patterns
static AGENCY_BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"现将(?P<a1>[^,。\n]{2,30}?)[0-9]{4}[ \t]*年",
        r"|(?m:^[ \t]*(?P<a2>[^,。:;\n()]{2,30}?(?:\([^)\n]{1,6}\))?)(?:内设|下设))",
        r"|[0-9]{4}[ \t]*年度?(?P<a3>[^,。\n()]{1,10}?[市县区])(?:部门|本级|各)",
    ))
    .expect("agency body regex")
});

pub fn describe(text: &str, outline: &Outline) -> DocInfo {
    let area_end = outline.first_heading.unwrap_or(text.len());
    let mut info = DocInfo::default();
    // Short lines just above the title: a cover page that splits the unit's
    // name over lines ("上海市普陀区人民政府\n宜川路街道办事处\n2025 年度部门决算",
    // long corpus).
    let mut cover: Vec<(usize, usize)> = Vec::new();
    // "预算主管部门：上海市普陀区城市管理行政执法局" names the unit outright.
    let mut declared: Option<(usize, usize)> = None;
    let mut pos = 0;
    let mut seen = 0;
    for line in text[..area_end].split('\n') {
        let (ls, le) = (pos, pos + line.len());
        pos = le + 1;
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        seen += 1;
        if outline.first_heading.is_none() && seen > 6 {
            break;
        }
        let off = line.len() - line.trim_start().len();
        if DECLARED.is_match(t) {
            continue;
        }
        if is_furniture(t) {
            cover.clear();
            continue;
        }
        let names_doc = ["预算", "决算", "三公"].iter().any(|k| t.contains(k));
        let short = t.chars().count() <= 20;
        let titled = YEAR.is_match(t)
            || ["说明", "公开", "情况"].iter().any(|k| t.ends_with(k))
            || (short && (t.ends_with("预算") || t.ends_with("决算")));
        if names_doc && titled && !t.contains('。') && t.chars().count() <= 60 {
            let title = (ls + off, ls + off + t.len());
            info.title = Some(title);
            // The title starts with its year ("2024年单位预算情况说明", seed) or
            // the rest of one ("…办事处 2025\n年度部门决算"): the unit is above.
            let continues = t.len() >= 4 && t.as_bytes()[..4].iter().all(u8::is_ascii_digit)
                || t.starts_with('年');
            let from_title = if t.starts_with('年') {
                None
            } else {
                agency_in_title(text, title)
            };
            info.agency = from_title.or_else(|| {
                let (&(a, _), &(_, b)) = (cover.first()?, cover.last()?);
                if !continues {
                    return None;
                }
                // Drop a year that ended the last cover line.
                let cut = text[a..b].trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
                (cut.chars().count() >= 2).then(|| (a, a + cut.len()))
            });
            break;
        }
        let qualifies = !names_doc && t.chars().count() <= 30 && !YEAR.is_match(t);
        if qualifies && cover.len() < 3 {
            cover.push((ls + off, ls + off + t.len()));
        } else {
            cover.clear();
            if qualifies {
                cover.push((ls + off, ls + off + t.len()));
            }
        }
    }
    // The declared unit may come after the title: look at the first lines.
    let mut pos = 0;
    for line in text[..area_end].split('\n').take(12) {
        let off = line.len() - line.trim_start().len();
        if let Some(m) = DECLARED.captures(line.trim()).and_then(|c| c.name("ag")) {
            declared = Some((pos + off + m.start(), pos + off + m.end()));
            break;
        }
        pos += line.len() + 1;
    }
    if let Some(d) = declared {
        info.agency = Some(d);
    }
    if info.agency.is_none() && info.title.is_none() {
        info.agency = agency_in_body(text);
    }
    // Year and kind: title first, then headings, then body.
    let title_text = info.title.map(|(a, b)| &text[a..b]);
    let mut heading_titles = Vec::new();
    collect_titles(text, &outline.sections, &mut heading_titles);
    info.year = title_text
        .and_then(first_year)
        .or_else(|| heading_titles.iter().find_map(|t| first_year(t)))
        .or_else(|| body_year(text));
    info.kind = title_text
        .and_then(kind_of)
        .or_else(|| heading_titles.iter().find_map(|t| kind_of(t)))
        .or_else(|| body_kind(text));
    info
}

fn is_furniture(t: &str) -> bool {
    t.contains('>')
        || t.starts_with(['[', '|', '•', '【', '/', '·'])
        || t.starts_with("首页")
        || t.starts_with("您当前")
        || FURNITURE.iter().any(|f| t.contains(f))
}

fn collect_titles<'a>(text: &'a str, nodes: &[Node], out: &mut Vec<&'a str>) {
    for n in nodes {
        out.push(&text[n.title.0..n.title.1]);
        collect_titles(text, &n.children, out);
    }
}

fn first_year(s: &str) -> Option<i32> {
    YEAR.captures_iter(s)
        .filter_map(|c| c.name("y")?.as_str().parse().ok())
        .next()
}

/// The first "YYYY年" of the body that is not part of a date "YYYY年M月".
fn body_year(text: &str) -> Option<i32> {
    for c in YEAR.captures_iter(text) {
        let (Some(y), Some(after), Some(w)) = (c.name("y"), c.name("after"), c.get(0)) else {
            continue;
        };
        if after.as_str().starts_with('年') {
            let rest = text[w.end()..].trim_start();
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0 && rest[digits..].trim_start().starts_with('月') {
                continue;
            }
        }
        if let Ok(v) = y.as_str().parse() {
            return Some(v);
        }
    }
    None
}

/// Kind from body wording. 预算 also occurs in every 决算 text (年初预算数,
/// 一般公共预算, 《预算法》; doc 059), so those uses do not count for budget.
fn body_kind(text: &str) -> Option<Kind> {
    // memchr's searcher, not `str::matches`: a two-way search without SIMD
    // over the whole text, eight times.
    let count = |w: &str| memchr::memmem::find_iter(text.as_bytes(), w.as_bytes()).count();
    let f = count("决算").saturating_sub(count("上年决算"));
    let generic = [
        "一般公共预算",
        "预算法",
        "年初预算",
        "预算单位",
        "全年预算",
        "调整预算",
    ];
    let b = count("预算").saturating_sub(generic.iter().map(|g| count(g)).sum());
    match (f, b) {
        (0, 0) => None,
        (f, b) if f >= b => Some(Kind::FinalAccounts),
        _ => Some(Kind::Budget),
    }
}

fn kind_of(s: &str) -> Option<Kind> {
    if s.contains("决算") {
        Some(Kind::FinalAccounts)
    } else if s.contains("预算") {
        Some(Kind::Budget)
    } else {
        None
    }
}

fn agency_in_title(text: &str, (a, b): (usize, usize)) -> Option<(usize, usize)> {
    let t = &text[a..b];
    if let Some(c) = AGENCY_AFTER_YEAR.captures(t) {
        let m = c.name("ag")?;
        return clean_agency(text, a + m.start(), a + m.end());
    }
    // Text before the first year, or before the kind word.
    let cut = YEAR.find(t).map(|m| m.start()).or_else(|| {
        ["决算", "预算", "“三公”", "三公"]
            .iter()
            .filter_map(|k| t.find(k))
            .min()
    })?;
    clean_agency(text, a, a + cut)
}

fn clean_agency(text: &str, a: usize, b: usize) -> Option<(usize, usize)> {
    let s = &text[a..b];
    let mut t = s.trim();
    for suffix in ["部门", "单位"] {
        if let Some(x) = t.strip_suffix(suffix) {
            if x.chars().count() >= 4 {
                t = x.trim_end();
            }
        }
    }
    if t.chars().count() < 2
        || ["单位", "部门", "本级", "一般公共"]
            .iter()
            .any(|g| t.starts_with(g))
    {
        return None;
    }
    let off = s.find(t)?;
    Some((a + off, a + off + t.len()))
}

fn agency_in_body(text: &str) -> Option<(usize, usize)> {
    let c = AGENCY_BODY.captures(text)?;
    let m = c
        .name("a1")
        .or_else(|| c.name("a2"))
        .or_else(|| c.name("a3"))?;
    clean_agency(text, m.start(), m.end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agency(text: &str) -> Option<String> {
        let o = crate::segment::segment(text);
        describe(text, &o)
            .agency
            .map(|(a, b)| text[a..b].lines().map(str::trim).collect())
    }

    #[test]
    fn cover_lines_and_declared_units() {
        // Long corpus shapes: a name split over cover lines, a trailing year.
        assert_eq!(agency("上海市普陀区人民政府\n宜川路街道办事处\n2025 年度部门决算\n目 录\n一、甲\n二、乙\n三、丙\n").as_deref(), Some("上海市普陀区人民政府宜川路街道办事处"));
        assert_eq!(
            agency("上海市普陀区人民政府\n石泉路街道办事处 2025\n年度部门决算\n一、概况\n")
                .as_deref(),
            Some("上海市普陀区人民政府石泉路街道办事处")
        );
        assert_eq!(
            agency(
                "上海市普陀区2026年区级部门预算\n预算主管部门:上海市普陀区文化和旅游局\n一、职能\n"
            )
            .as_deref(),
            Some("上海市普陀区文化和旅游局")
        );
        // The seed's shape still works.
        assert_eq!(
            agency(" \n重庆市万州区党政信息中心\n2024年单位预算情况说明\n一、单位基本情况\n")
                .as_deref(),
            Some("重庆市万州区党政信息中心")
        );
    }
}
