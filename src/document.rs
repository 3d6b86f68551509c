//! Document facts: title, agency, fiscal year, kind, scope.
//!
//! Takes normalized text and the outline; gives [`DocInfo`] in normalized
//! byte ranges, and notes on what could not be settled.
//!
//! - The **title** is the first line, or run of up to three short lines, of
//!   the title area (before the first heading or table of contents) that
//!   names a 预算/决算/三公 document and ends the way titles end (说明, 公开,
//!   报告, 预算, 决算, 草案 …), skipping page furniture: breadcrumbs, 索引号
//!   blocks, bullets, font-size and print buttons, site banners (docs 005,
//!   018, 020, 032, 067, 072; wide corpus). Lines are joined where a title
//!   wraps ("南开区2023年预算执行情况和\n2024年预算草案的报告", "2022年度内蒙古
//!   自治区巴彦淖尔市审计局\n部门决算公开", "2026 年度\n福州市医疗保障局\n部门预算";
//!   wide and long-cities corpora). A metadata line "标题:…" / "信息名称:…"
//!   gives its value as a title (wide corpus).
//! - The **agency** is the first name found, in this order, that the names
//!   validator accepts ([`crate::names`]); every source proposes, only the
//!   validator admits:
//!   1. a declared unit: "预算主管部门:上海市普陀区文化和旅游局" (long corpus);
//!   2. the title: the text before the year ("重庆市万州区公路事务中心2024年…",
//!      doc 001), after it ("2023年度泸州市中医医院单位决算", doc 009), after
//!      "关于" ("关于和平区2024年预算执行情况…", wide corpus);
//!   3. cover lines above a title that starts with its year (seed; long
//!      corpus: a name split over lines) or that names no unit (洪洞县财政局
//!      above "关于2024年部门预算编制原则及说明", wide corpus);
//!   4. a line of its own right after the title ("柳城县人民政府办公室" under a
//!      garbled title; the 镇人民政府 under a township's report; wide corpus);
//!   5. a metadata title ("信息名称:2022年度北京市门头沟区园林绿化局本级部门决算公开");
//!   6. headings and lines that lead with the unit: "第一部分 三亚市三亚林场概况",
//!      "第一部分 云南省卫生健康委员会2024年部门预算编制说明", "曾都区河道堤防
//!      建设管理处 2021 年度决算公开说明" (wide corpus, pages without a title);
//!   7. body sentences that lead with the unit: "乌拉特后旗林业和草原局是…",
//!      "宣汉县人民医院始建于…", "设立中国致公党北京市委员会。", "现将涪陵区新妙镇
//!      2021年度…" (doc 059), "涪陵区财政局(本级)内设…" (doc 038);
//!   8. a publisher line ("来源: 湛江市财政局"): first of all for a whole-
//!      government report, last of all for a unit (a unit's document may be
//!      published by the bureau above it).
//!
//!   A name without its place ("林业和草原局" from a title, "市财政局") is
//!   completed from the text where the text names it with its place
//!   ("乌拉特后旗林业和草原局是…"), or not given. A trailing 本级/汇总 (and
//!   "(本级)") is not part of the name; generic 部门/单位 before the year are
//!   dropped where the rest is a name ("怀远县水利局单位2025年…", doc 024).
//! - The **year** is the fiscal year covered: the last year of the title that
//!   a 预算/决算 word follows, so a 预算执行情况和预算草案 report is of the
//!   draft's year ("南开区2023年预算执行情况和2024年预算草案的报告" → 2024), and
//!   dates ("2024年9月", "2024-07-18") are not years; else a heading's year,
//!   else the first year of the body that is not a date (doc 063).
//! - The **kind**: the 预算/决算 word after that year in the title, else the
//!   title's first such word, else the headings', else whichever word the
//!   body uses more.
//! - The **scope**: `government` for a whole-government report (政府预算/决算,
//!   财政预决算, 预算执行情况和预算草案, 总决算), whose author is its place
//!   (wide corpus); `unit` when the agency is an organisation.

use crate::names;
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

/// Who a document speaks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// One department, bureau, school, hospital or town (部门/单位).
    Unit,
    /// A whole government's budget or accounts (政府预算/决算报告).
    Government,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Unit => "unit",
            Scope::Government => "government",
        }
    }
}

/// Something about the document that could not be settled, for the
/// report's diagnostics.
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    pub code: &'static str,
    pub message: String,
    pub range: Option<(usize, usize)>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocInfo {
    pub title: Option<(usize, usize)>,
    pub agency: Option<(usize, usize)>,
    pub year: Option<i32>,
    pub kind: Option<Kind>,
    pub scope: Option<Scope>,
    pub notes: Vec<Note>,
}

/// Words of page furniture: a line holding one is not a title.
const FURNITURE: &[&str] = &[
    "索引号",
    "索 引 号",
    "发文字号",
    "发布机构",
    "成文日期",
    "发布日期",
    "发布时间",
    "生成日期",
    "公开日期",
    "信息来源",
    "来源:",
    "字体",
    "字号",
    "打印",
    "纠错",
    "导航",
    "日期:",
    "时间:",
    "当前位置",
    "所在位置",
    "您的位置",
    "浏览次数",
    "分享",
    "无障碍",
    "长者",
    "关怀版",
    "登录",
    "注册",
    "网站",
    "版权",
    "主办单位",
    "承办单位",
    "ICP",
    "备案",
    "联系电话",
    "热门搜索",
    "下载",
    "文库",
    "阅读",
    "浏览",
    "繁体",
    "设为首页",
    "加入收藏",
    "手机版",
    "所属主题",
    "主题分类",
    "体裁分类",
    "文 号",
    "文号:",
    "有效性",
    "公开方式",
    "公开时限",
    "公开责任",
    "发文机关",
    "发布者",
    "作者:",
    // (And LINK_WORDS, added to this list where the automaton is built.)
    "扫一扫",
    "关闭窗口",
];

/// Words that open a link to another page under a document ("上一篇:关于
/// 公布2024年部门预算的公告", a footer that named another year's budget;
/// real 036 with a page footer, tests/cases/document.tsv): furniture, and
/// never the source of a year or a kind ([`is_link`]).
const LINK_WORDS: &[&str] = &[
    "上一篇",
    "下一篇",
    "上一条",
    "下一条",
    "相关链接",
    "相关文章",
    "相关阅读",
];

/// [`FURNITURE`] and [`LINK_WORDS`] as one automaton (every line of the
/// title area asks).
#[allow(clippy::expect_used)] // fixed word list
static FURNITURE_AC: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(FURNITURE.iter().chain(LINK_WORDS))
        .expect("furniture automaton")
});

/// Keys of metadata lines whose value is the document's title.
const TITLE_KEYS: &[&str] = &["信息名称", "文件名称", "标题", "题名", "名称", "内容概述"];

/// Keys of metadata lines whose value is the publishing organisation.
const ORG_KEYS: &[&str] = &[
    "发布机构",
    "发文机关",
    "发文机构",
    "发布单位",
    "公开责任部门",
    "责任部门",
    "信息来源",
    "来源",
    "发布者",
];

#[allow(clippy::expect_used)] // fixed patterns
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<y>(?:19|20|21)[0-9]{2}|[一二][〇零○O0一二三四五六七八九]{3})[ \t]*\n?[ \t]*(?P<after>年度?|预算|决算|(?:部门|单位)(?:预算|决算))")
        .expect("year regex")
});

#[allow(clippy::expect_used)] // fixed patterns
static AGENCY_AFTER_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    // (Years repeated: "2023年 2023年度X部门决算", a breadcrumb's year before
    // the title; wide a019/a020 flattened.)
    Regex::new(r"(?s)^(?:[0-9]{4}[ \t]*年度?[ \t]*)+(?P<ag>.+?)[ \t]*(?:部门|单位)?(?:预算|决算|“三公”|\x22三公\x22|三公|一般公共预算)")
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
        r"|设立(?P<a2>[^,。;:\n]{3,40}?)[。,;]",
        r"|[0-9]{4}[ \t]*年度?(?P<a3>[^,。\n()]{1,10}?[市县区])(?:部门|本级|各)",
        r"|经(?P<a4>[^,。;\n]{3,30}?)汇总",
        // "——2024年1月9日在青岚县第十八届人民代表大会第五次会议上": the
        // place of a whole-government report (own corpus, jd14).
        r"|在(?P<a5>[^,。;\n]{2,20}?)第[一二三四五六七八九十]{1,3}届人民代表大会",
        // The 决算 template: "纳入中共儋州市委巡察工作领导小组办公室2024年度部门
        // 决算编制范围的单位共1个" (wide c014).
        r"|纳入(?P<a6>[^,。;\n]{3,40}?)(?:[0-9]{4}[ \t]*年度?)?(?:部门|单位)?(?:预算|决算)编制范围",
        // The unit's 三定 regulation: "《西藏自治区人民政府驻上海办事处职能配置、
        // 内设机构和人员编制规定》" (wide a008).
        r"|《(?P<a7>[^》\n]{3,40}?)(?:职能配置|主要职责|机构设置)",
    ))
    .expect("agency body regex")
});

/// A clause that leads with a unit's name and what it has set up.
#[allow(clippy::expect_used)] // fixed pattern
static CLAUSE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[,。;][ \t]*(?P<ag>\p{Han}[^,。;:、\n]{2,30}?)(?:设立|内设|下设|设有)")
        .expect("clause name regex")
});

/// A post and a person's name after an organisation ("…财政局局长 姚慧怡").
#[allow(clippy::expect_used)] // fixed pattern
static POST_AND_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:副?(?:局长|主任|厅长|处长|县长|市长|区长|镇长|乡长|书记|部长|院长|校长))[ \t]*\p{Han}{2,4}$")
        .expect("post regex")
});

/// Words after which a line's leading name ends: "X是…", "X承担…" (wide
/// corpus), "X内设…" (doc 038).
const AFTER_NAME: &[&str] = &[
    "是",
    "为",
    "系",
    "承担",
    "负责",
    "主要职责",
    "的主要职责",
    "的职责",
    "职责",
    "内设",
    "下设",
    "设有",
    "基本职能",
    "主要职能",
    "职能",
    "主要履行",
    "属",
    "机构设置",
    "单位构成",
    "部门构成",
    "始建于",
    "成立于",
    "位于",
    "隶属",
    "属于",
    "现有",
    "共有",
    "概况",
    "基本情况",
    "单位概况",
    "部门概况",
    "概述",
    "简介",
    // "重庆市武隆区人民检察院依法履行…", "保山市中医医院于1981年2月21日成立"
    // (real 027, wide c011 without their titles); the figures a sentence
    // states of its unit ("…幼儿园收入预算总额为551万元", real 054), words
    // no name holds (names::NOT_IN_NAMES).
    "依法",
    // "下马渡镇人民政府只有本级,没有其他预算单位": the 单位构成 template's
    // sentence (an unseen page of a town's 2025 budget).
    "只有",
    "仅有",
    "没有",
    // "北京市石景山区人民法院包括北京市石景山区人民法院本级、…" (a court's
    // 2022 final accounts, in the held-back part of this session's unseen
    // pages, read after it was measured).
    "包括",
    "于1",
    "于2",
    "收入",
    "支出",
    "预算",
    "决算",
    "因公",
    "三公",
    "“三公”",
];

/// How titles end.
const TITLE_ENDS: &[&str] = &[
    "说明",
    "公开",
    "报告",
    "情况",
    "预算",
    "决算",
    "草案",
    "草案)",
    "报表",
    "公开表",
    "信息",
    "数据",
    "经费",
    "说明书",
    "决算书",
    "预算书",
    // "2015年X局部门“三公”经费情况统计表": a page that is one table (an unseen
    // city bureau's 三公 page).
    "统计表",
    "情况表",
];

/// Words of a whole-government report's title.
const GOVERNMENT_WORDS: &[&str] = &[
    "预算执行情况",
    "预算草案",
    "决算草案",
    "政府预算",
    "政府决算",
    "政府预决算",
    "财政预算",
    "财政决算",
    "财政预决算",
    "总决算",
    "预算调整方案",
];

/// A line of the title area, trimmed, in normalized offsets.
#[derive(Clone, Copy, Debug)]
struct Line<'a> {
    start: usize,
    text: &'a str,
    /// [`is_furniture`] of the line, asked once.
    furniture: bool,
    /// [`is_metadata`] of the line, asked once.
    metadata: bool,
}

impl Line<'_> {
    fn range(&self) -> (usize, usize) {
        (self.start, self.start + self.text.len())
    }
}

pub fn describe(text: &str, outline: &Outline) -> DocInfo {
    let area_end = outline.first_heading.unwrap_or(text.len());
    let lines = area_lines(text, area_end, outline.first_heading.is_none());
    let mut info = DocInfo::default();

    let title_at = find_title(&lines);
    info.title = title_at
        .map(|t| t.range)
        .or_else(|| metadata_values(&lines, &TITLE_META).next());
    let title_text = info.title.map(|(a, b)| compact(&text[a..b]));

    let heading_titles = titles_by_level(text, &outline.sections);
    let (mut year, mut kind) = title_text
        .as_deref()
        .and_then(year_and_kind)
        .map_or((None, None), |(y, k)| (Some(y), k));
    // A report on a draft is of the draft's year and kind (issue 10). Asked
    // where no title gives a year, and where the title is one of such a
    // report whose draft year it does not spell ("2023年财政决算情况及2024
    // 财政预算情况报告(草案)", wide c008) or only names the execution part
    // ("2023年预算执行情况" taken for the title; wide a010 without its own):
    // a later year of a draft named in the opening wins.
    let draftish = title_text
        .as_deref()
        .is_some_and(|t| t.contains("草案") || t.contains("执行情况"));
    if year.is_none() || draftish {
        if let Some((y, k)) = draft_named(text) {
            if year.is_none_or(|t| y > t) {
                year = Some(y);
                kind = Some(k);
            }
        }
    }
    // The link lines, found once if the body is asked at all.
    let links = std::cell::OnceCell::new();
    info.year = year
        .or_else(|| heading_titles.iter().find_map(|t| first_year(t)))
        .or_else(|| body_year(text, links.get_or_init(|| link_lines(text))));
    info.kind = kind
        .or_else(|| heading_kind(&heading_titles))
        .or_else(|| body_kind(text, links.get_or_init(|| link_lines(text))));
    let government = title_text
        .as_deref()
        .is_some_and(|t| GOVERNMENT_WORDS.iter().any(|w| t.contains(w)) && !unit_words(t));

    // A unit's document ("…2021年度部门决算"): a place alone is not its
    // author, wherever it stands after the title (a wrapped title lost the
    // unit's name, and the publisher "信息来源:钱塘新区" was taken for it).
    // (Not the title's own name: "泉州臺商區2024年部门预算", a zone's, wide b005.)
    let unit_title = !government && title_text.as_deref().is_some_and(unit_words);
    let mut finder = Finder {
        text,
        places: names::Places::of(text),
        government,
        unit_title,
        unit_doc: false,
        rejected: None,
        incomplete: Vec::new(),
        quiet: false,
    };
    let found = finder.find(&lines, title_at, outline);
    match found {
        Some((range, is_place)) => {
            info.agency = Some(range);
            info.scope = Some(if government || is_place {
                Scope::Government
            } else {
                Scope::Unit
            });
        }
        None => {
            info.scope = government.then_some(Scope::Government);
            let message = match &finder.rejected {
                Some((r, why)) => format!(
                    "no agency: {:?} is not an organisation's name ({why})",
                    compact(&text[r.0..r.1])
                ),
                None => "no agency: the text names no unit".to_string(),
            };
            info.notes.push(Note {
                code: "agency_unknown",
                message,
                range: finder.rejected.map(|(r, _)| r),
            });
        }
    }
    info
}

/// The non-blank lines of the title area. Without any heading the area is
/// the whole text, of which the first lines are looked at.
fn area_lines(text: &str, area_end: usize, no_heading: bool) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut kept = 0;
    for line in text[..area_end].split('\n') {
        let start = pos;
        pos += line.len() + 1;
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let off = line.len() - line.trim_start().len();
        // "…决算公开说明 (目录)": the table of contents starts on the title's
        // line (a page flattened onto one line; own corpus, jd17).
        let t = ["(目录)", "目录", "目 录"]
            .iter()
            .find_map(|m| t.strip_suffix(m))
            .map(|x| x.trim_end())
            .filter(|x| !x.is_empty())
            .unwrap_or(t);
        // "2015年X局部门“三公”经费情况统计表 | ||": a table's caption in its
        // first row, the other cells empty (an unseen page of a city bureau's
        // 三公 table); the caption is the line.
        let t = t
            .split_once('|')
            .filter(|(head, rest)| {
                let head = head.trim();
                !head.is_empty()
                    && (rest.chars().all(|c| c == '|' || c.is_whitespace())
                        // (Or the table's rows after it on one flattened line.)
                        || title_like(head) && complete(head) && has_year(head))
            })
            .map_or(t, |(head, _)| head.trim_end());
        let furniture = is_furniture(t);
        out.push(Line {
            start: start + off,
            text: t,
            furniture,
            metadata: is_metadata(t),
        });
        if !furniture {
            kept += 1;
        }
        if no_heading && kept >= 12 {
            break;
        }
    }
    out
}

/// Where the title is: its first line, how many lines it takes, and its
/// range (which may end inside its line: a page flattened onto one line).
#[derive(Clone, Copy, Debug)]
struct TitleAt {
    line: usize,
    lines: usize,
    range: (usize, usize),
}

/// The title: the first line, or run of up to three lines, that reads as a
/// title (module docs).
fn find_title(lines: &[Line]) -> Option<TitleAt> {
    let first = first_title(lines)?;
    // A web page's title, its metadata block, then the document's own
    // title: the latter names the unit as the document does ("洱源县右所镇
    // 2021年度部门决算公开报告", 索引号…, "大理州洱源县右所镇2021年度部门决算";
    // wide c028).
    let mut best = first;
    let mut furniture = 0;
    // A title without its year, then the document's own title with it
    // ("重庆市綦江区公路事务中心决算公开说明" above "…中心2023年度决算公开
    // 说明", real 006): the one that names the year is the title.
    let first_has_year = lines[first.line..first.line + first.lines]
        .iter()
        .any(|l| has_year(l.text));
    for (j, l) in lines
        .iter()
        .enumerate()
        .skip(first.line + first.lines)
        .take(10)
    {
        if l.furniture || l.metadata {
            furniture += 1;
            continue;
        }
        // Only after furniture: a heading under the title ("2023年预算执行
        // 情况", wide b011) is no second title.
        if (furniture > 0 || !first_has_year && best.line == first.line)
            && title_like(l.text)
            && complete(l.text)
            && has_year(l.text)
            && !l.text.contains('。')
        {
            best = TitleAt {
                line: j,
                lines: 1,
                range: l.range(),
            };
            continue;
        }
        break;
    }
    Some(best)
}

/// The first line, or run of lines, that reads as a title.
fn first_title(lines: &[Line]) -> Option<TitleAt> {
    let usable = |l: &Line| !l.furniture && !l.metadata && !l.text.contains('。');
    let at = |i: usize, k: usize| TitleAt {
        line: i,
        lines: k,
        range: (lines[i].start, lines[i + k - 1].range().1),
    };
    for i in 0..lines.len() {
        let one = lines[i].text;
        // A page flattened onto one line: the title is what comes before
        // the table of contents or the first part ("2026年深圳市气象局(本级)
        // 部门预算目  录一、文字部分…", long-cities corpus).
        if !lines[i].furniture && one.chars().count() > 80 {
            let cut = ["目录", "目 录", "目  录", "第一部分", "一、", "(一)"]
                .iter()
                .filter_map(|m| one.find(m))
                .min();
            if let Some(c) = cut.filter(|&c| c > 0) {
                let head = one[..c].trim_end().trim_end_matches(['(', ' ']);
                if title_like(head) && complete(head) && !head.contains('。') {
                    return Some(TitleAt {
                        line: i,
                        lines: 1,
                        range: (lines[i].start, lines[i].start + head.len()),
                    });
                }
            }
        }
        // A long line of furniture with the title inside; a title of a
        // furniture line must name more than its year ("首页 > 2024年部门
        // 预算公开" is a link, not this page's title).
        let long = one.chars().count() > 80;
        // (The first 40 lines only: a page of ten thousand furniture lines
        // is searched in bounded time.)
        // (Or a line no title can be whole: "2021年度部门决算公开说明-堤防处.pdf
        // 曾都区河道堤防建设管理处 2021 年度决算公开说明", wide b001 flattened.)
        let unfit = || names::title(one).is_err();
        if (long || lines[i].furniture && !lines[i].metadata || !lines[i].metadata && unfit())
            && i < 40
        {
            if let Some((a, b)) = title_among_furniture(one, lines[i].furniture) {
                return Some(TitleAt {
                    line: i,
                    lines: 1,
                    range: (lines[i].start + a, lines[i].start + b),
                });
            }
        }
        if !usable(&lines[i]) {
            continue;
        }
        if title_like(one) && complete(one) {
            return Some(at(i, 1));
        }
        // A short line above a whole title with its year is a cover line
        // (the seed: the unit, then "2024年单位预算情况说明").
        if let Some(next) = lines.get(i + 1).filter(|l| usable(l)) {
            if !title_like(one)
                && title_like(next.text)
                && complete(next.text)
                && has_year(next.text)
            {
                continue;
            }
        }
        let mut joined = compact(one);
        for k in 2..=3 {
            let Some(l) = lines.get(i + k - 1).filter(|l| usable(l)) else {
                break;
            };
            // A whole title of its own further down: the lines before it
            // are cover lines (doc 009: two lines of honours above it).
            if l.text.chars().count() > 40
                || (!title_like(one) && title_like(l.text) && complete(l.text) && has_year(l.text))
            {
                break;
            }
            joined.push_str(&compact(l.text));
            if joined.chars().count() > 80 {
                break;
            }
            if title_like(&joined) && complete(&joined) {
                return Some(at(i, k));
            }
        }
        // A title that never ends ("…的报告" cut off): the line alone.
        if title_like(one) && has_year(one) && one.chars().count() <= 60 {
            return Some(at(i, 1));
        }
    }
    None
}

/// A title inside a page flattened onto one line together with its
/// furniture ("您当前的位置:首页 >政务公开 >… [ 发布日期 ] 2025-09-22
/// 重庆市开州区大进镇人民政府2024年度决算公开说明 一、…", "文字: 保护视力色:
/// 宁波市发展和改革委员会2020年部门预算 • 阅读: • 时间:…"): the leftmost,
/// then longest, run of the line's first 1000 bytes between separators
/// (white space, •, >, |, ], 】, :) that reads as a whole title with its
/// year. It starts with a Han character or with its year; in a line of
/// furniture (`name_first`) a year-first title must name its unit after
/// the year ("首页 > 2024年部门预算公开" is a link; "2025年襄州区伙牌镇政府
/// 预算公开说明 2025年01月16日 …【打印】" a title, real 032 flattened).
/// Bounded: at most
/// 128 starts and 128 ends are tried. (The dev documents wrapped so, by
/// tests/real_corpus.rs, 2026-12-02.)
fn title_among_furniture(line: &str, name_first: bool) -> Option<(usize, usize)> {
    let mut limit = line.len().min(1000);
    while !line.is_char_boundary(limit) {
        limit -= 1;
    }
    let head = &line[..limit];
    // Most lines of furniture name no year or no kind: nothing to try.
    if !["预算", "决算", "三公"].iter().any(|k| head.contains(k)) || !YEAR.is_match(head) {
        return None;
    }
    let sep = |c: char| c.is_whitespace() || "•>|]】:!".contains(c);
    let mut bounds: Vec<usize> = head
        .char_indices()
        .filter(|&(_, c)| sep(c))
        .map(|(i, _)| i)
        .take(128)
        .collect();
    bounds.push(head.len());
    let starts = std::iter::once(0).chain(
        bounds
            .iter()
            .map(|&i| i + head[i..].chars().next().map_or(0, char::len_utf8)),
    );
    for a in starts.filter(|&a| a < head.len()) {
        let t = &head[a..];
        let first_ok = t.chars().next().is_some_and(crate::normalize::is_han)
            || YEAR.find(t).is_some_and(|m| m.start() == 0)
                && (!name_first
                    || AGENCY_AFTER_YEAR
                        .captures(t)
                        .and_then(|c| c.name("ag"))
                        .is_some_and(|m| m.as_str().chars().count() >= 3));
        if !first_ok {
            continue;
        }
        for &b in bounds.iter().rev().filter(|&&b| b > a) {
            let cand = head[a..b].trim_end();
            // Cheap tests first: the end word, the length, the separators.
            if !complete(cand)
                || cand.len() > 60 * 3 && cand.chars().count() > 60
                || cand.contains(['。', '•', '>', '|', ']', '】', ':'])
            {
                continue;
            }
            // No white space before the year: "区交通运输委员会 重庆市綦江区
            // 公路事务中心2023年度…" is a breadcrumb's last link, then the
            // title; "重庆市开州区人民医院 2023年度…" is one title.
            let Some(year) = YEAR.find(cand) else {
                continue;
            };
            // Nor a metadata value before it: "所属主题: 预算决算 2023年度庆城县驿马
            // 镇人民政府部门决算公开" (an unseen town's page flattened): what a
            // space parts from the year must end as a name does.
            let before = cand[..year.start()].trim_end();
            let spaced = before.len() < cand[..year.start()].len();
            if !before.contains(char::is_whitespace)
                && (!spaced || before.is_empty() || names::may_end_a_name(before))
                && title_like(cand)
                && !is_furniture(cand)
            {
                return Some((a, a + cand.len()));
            }
        }
    }
    None
}

/// Names a 预算/决算/三公 document, is short and is not a sentence.
fn title_like(t: &str) -> bool {
    ["预算", "决算", "三公"].iter().any(|k| t.contains(k))
        && t.chars().count() <= 80
        && names::title(t).is_ok()
}

fn complete(t: &str) -> bool {
    // "…2024年部门预算公开(汇总)" (wide b035 flattened).
    let t = OWN_WORDS
        .iter()
        .find_map(|w| t.strip_suffix(w))
        .unwrap_or(t);
    let t = t.trim_end_matches(|c: char| c.is_whitespace() || c == ')' && !t.ends_with("草案)"));
    TITLE_ENDS.iter().any(|e| t.ends_with(e)) || t.ends_with("草案)")
}

fn has_year(t: &str) -> bool {
    YEAR.is_match(t)
}

/// 部门/单位 words: a department's document, even when it reports on a
/// budget's execution.
fn unit_words(t: &str) -> bool {
    ["部门预算", "部门决算", "单位预算", "单位决算", "部门预决算"]
        .iter()
        .any(|w| t.contains(w))
}

/// Whether a line (trimmed) is page furniture or metadata, for the
/// layout's blocks: in the title area as the title finder judges it; in the
/// body only a short line without a sentence's end that holds a furniture
/// or link word ("打印本页", "上一篇", "发布时间:") or a metadata pair.
pub(crate) fn furniture_line(t: &str, title_area: bool) -> bool {
    if title_area {
        return is_furniture(t) || is_metadata(t);
    }
    // (Cheap tests first: this asks every line of the body's prose.)
    t.len() <= 120
        && t.chars().count() <= 40
        && !t.contains(['。', ';', ','])
        && (FURNITURE_AC.is_match(t) || is_metadata(t))
}

fn is_furniture(t: &str) -> bool {
    // A file's name ("2023年度部门决算公开说明-水保站.pdf", wide b001) names
    // the attachment, not the document: its title comes after.
    if names::file_extension(t).is_some() {
        return true;
    }
    t.contains('>')
        || t.contains('»')
        || t.starts_with(['[', '|', '•', '/', '·', '丨', '-', '—', '©'])
        // "【字体:大 中 小】" is furniture, "【青山县水利局】2023年度部门决算" a title.
        || t.starts_with('【') && !(title_like(t) && has_year(t))
        || t.starts_with("首页")
        || t.starts_with("您当前")
        || t.starts_with("您现在")
        || t.starts_with("当前")
        || FURNITURE_AC.is_match(t)
}

/// A metadata pair "key: value" / "key | value" / "[ key ] | value" whose
/// key is one of `keys`, spaces allowed inside the key ("名 称:", "发 布
/// 机 构"; wide corpus). The value runs to the next separator or space.
fn metadata_regex(keys: &[&str]) -> Regex {
    let alts: Vec<String> = keys
        .iter()
        .map(|k| {
            k.chars()
                .map(|c| regex::escape(&c.to_string()))
                .collect::<Vec<_>>()
                .join("[ \t]*")
        })
        .collect();
    let pattern = format!(
        r"(?m)(?:^|[\s|\[【•])[ \t]*(?:{})[ \t\]】]*[:|][ \t|]*(?P<v>[^\s|\[【]+)",
        alts.join("|")
    );
    #[allow(clippy::expect_used)] // built from fixed key lists
    Regex::new(&pattern).expect("metadata regex")
}

static TITLE_META: LazyLock<Regex> = LazyLock::new(|| metadata_regex(TITLE_KEYS));
static ORG_META: LazyLock<Regex> = LazyLock::new(|| metadata_regex(ORG_KEYS));

/// A line that starts with a metadata pair (信息名称:…, 发布机构 | …).
fn is_metadata(t: &str) -> bool {
    // Every pair has its separator: most lines have none.
    if !t.contains([':', '|']) {
        return false;
    }
    [&*TITLE_META, &*ORG_META].iter().any(|re| {
        re.find(t).is_some_and(|m| {
            t[..m.start()]
                .chars()
                .all(|c| c.is_whitespace() || "|[【•".contains(c))
        })
    })
}

/// The values of the metadata pairs of `re` in the lines, in order.
fn metadata_values<'a>(
    lines: &'a [Line<'a>],
    re: &'static Regex,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    lines
        .iter()
        .filter(|l| l.text.contains([':', '|']))
        .flat_map(move |l| {
            re.captures_iter(l.text)
                .filter_map(|c| c.name("v"))
                .map(|m| (l.start + m.start(), l.start + m.end()))
                .collect::<Vec<_>>()
        })
}

/// Proposes names and keeps the first the validator admits.
struct Finder<'a> {
    text: &'a str,
    /// The short forms of the document's places, for the validator.
    places: names::Places<'a>,
    government: bool,
    /// The title names a unit's document (部门预算, 单位决算 …).
    unit_title: bool,
    /// A place alone is refused (set once the title and cover are passed).
    unit_doc: bool,
    /// The first candidate refused, with the reason (for the diagnostic).
    rejected: Option<((usize, usize), names::Reject)>,
    /// Candidates that lack only their place, to complete from the text.
    incomplete: Vec<(usize, usize)>,
    /// Refusals are not remembered (weak sources).
    quiet: bool,
}

impl Finder<'_> {
    /// The agency's range and whether it is a place (a government report's
    /// author).
    fn find(
        &mut self,
        lines: &[Line],
        title_at: Option<TitleAt>,
        outline: &Outline,
    ) -> Option<((usize, usize), bool)> {
        let text = self.text;
        // 1. A declared unit among the first lines.
        for l in lines.iter().take(16) {
            if let Some(m) = DECLARED.captures(l.text).and_then(|c| c.name("ag")) {
                if let Some(r) = self.admit((l.start + m.start(), l.start + m.end())) {
                    return Some(r);
                }
            }
        }
        // 2. The title; 3. cover lines above it; 4. a line after it.
        if let Some(TitleAt {
            line: i,
            lines: k,
            range,
        }) = title_at
        {
            if let Some(r) = agency_in_title(text, range).and_then(|r| self.admit(r)) {
                return Some(r);
            }
            // Words before the year that are no unit's name, the title from
            // its year on: "农业农村局 2022年度汨罗市农业农村局部门决算" (a
            // breadcrumb's last crumb run onto a flattened title; an unseen
            // county bureau's page).
            let from_year = YEAR
                .find(&text[range.0..range.1])
                .filter(|m| m.start() > 0)
                .map(|m| (range.0 + m.start(), range.1));
            if let Some(r) = from_year
                .and_then(|r| agency_in_title(text, r))
                .and_then(|r| self.admit(r))
            {
                return Some(r);
            }
            if let Some(r) = self.cover(lines, i) {
                return Some(r);
            }
            self.unit_doc = self.unit_title;
            // (A name printed over two short lines is tried whole first:
            // "中国人民政治协商会议\n广西壮族自治区委员会 办公厅" under the title;
            // an unseen page of a region's 2024 budget.)
            let mut prev: Option<usize> = None;
            for l in lines[i + k..].iter().take(6) {
                if l.furniture || l.text.chars().count() > 30 {
                    prev = None;
                    continue;
                }
                // "东莞市财政局局长 姚慧怡": the speaker's office, then name.
                let r = l.range();
                let r = POST_AND_NAME
                    .find(l.text)
                    .map_or(r, |m| (r.0, r.0 + m.start()));
                if let Some(r) = prev.and_then(|a| self.admit((a, r.1))) {
                    return Some(r);
                }
                if let Some(r) = self.admit(r) {
                    return Some(r);
                }
                prev = Some(r.0);
            }
        }
        // 5. A metadata title.
        let metas: Vec<(usize, usize)> = metadata_values(lines, &TITLE_META).collect();
        for m in metas {
            if let Some(r) = agency_in_title(text, m).and_then(|r| self.admit(r)) {
                return Some(r);
            }
        }
        // 6. Headings and lines that lead with the unit; 7. body sentences.
        // (Their refusals are many and say little: the diagnostic names
        // only what a title, cover or metadata line proposed.)
        self.quiet = true;
        if let Some(r) = self.headings(&outline.sections, 0) {
            return Some(r);
        }
        if let Some(r) = self.leading_names(&outline.sections) {
            return Some(r);
        }
        for c in AGENCY_BODY.captures_iter(text).take(64) {
            let Some(m) = ["a1", "a2", "a3", "a4", "a5", "a6", "a7"]
                .iter()
                .find_map(|g| c.name(g))
            else {
                continue;
            };
            if let Some(r) = self.admit((m.start(), m.end())) {
                return Some(r);
            }
        }
        // A clause, not a line, that leads with the unit and says what it
        // has set up: "…的通知》要求,通州区人大常委会设立八个处级机构" (an
        // unseen page of a district people's congress's 2025 budget that
        // names itself nowhere else).
        for c in CLAUSE_NAME.captures_iter(text).take(64) {
            if let Some(m) = c.name("ag") {
                if let Some(r) = self.admit((m.start(), m.end())) {
                    return Some(r);
                }
            }
        }
        // 8. The publisher ("发布机构 | …", "来源: 湛江市财政局"): the author
        // of a whole-government report; for a unit's document the last
        // resort, after the names the text gives the unit itself, since a
        // unit's document may be published by the bureau above it.
        let orgs: Vec<(usize, usize)> = metadata_values(lines, &ORG_META).collect();
        if self.government {
            for &m in &orgs {
                if let Some(r) = self.admit(m) {
                    return Some(r);
                }
            }
        }
        if let Some(r) = self.complete() {
            return Some(r);
        }
        for m in orgs {
            if let Some(r) = self.admit(m) {
                return Some(r);
            }
        }
        self.complete()
    }

    /// Trims a candidate and asks the validator; remembers refusals.
    fn admit(&mut self, r: (usize, usize)) -> Option<((usize, usize), bool)> {
        let r = trim_name(self.text, r)?;
        // Most candidates of the weak sources end in no organisation or
        // place word: refused before any work.
        if !names::may_end_a_name(&self.text[r.0..r.1]) {
            if self.rejected.is_none() && !self.quiet {
                self.rejected = Some((r, names::Reject::NoOrganisationWord));
            }
            return None;
        }
        let name = compact(&self.text[r.0..r.1]);
        let verdict = if self.government {
            names::government(&name, &self.places)
        } else {
            names::organisation(&name, &self.places)
        };
        match verdict {
            Ok(()) => Some((r, false)),
            Err(why) => {
                // "柳城县人民政府办公室柳城县": a name, then its place again
                // (wide corpus); the name is what comes before.
                if matches!(
                    why,
                    names::Reject::NoOrganisationWord | names::Reject::RepeatedPlace
                ) {
                    if let Some(cut) = name_before_place(&name, &self.places) {
                        let keep = self.text[r.0..r.1]
                            .char_indices()
                            .filter(|(_, c)| !c.is_whitespace())
                            .nth(cut)
                            .map_or(r.1, |(i, _)| r.0 + i);
                        return Some(((r.0, keep), false));
                    }
                }
                // A title naming a place only ("2023年本溪市预算说明") is a
                // whole-government document.
                if !self.government && !self.unit_doc && names::place(&name).is_ok() {
                    return Some((r, true));
                }
                if why == names::Reject::NoPlace && self.incomplete.len() < 8 {
                    self.incomplete.push(r);
                }
                if self.rejected.is_none() && !self.quiet {
                    self.rejected = Some((r, why));
                }
                None
            }
        }
    }

    /// Cover lines above the title at line `i`: up to three short lines
    /// after the last furniture line, joined.
    fn cover(&mut self, lines: &[Line], i: usize) -> Option<((usize, usize), bool)> {
        let mut first = i;
        while first > 0 && i - first < 3 {
            let l = &lines[first - 1];
            if l.furniture || l.metadata || l.text.chars().count() > 30 {
                break;
            }
            first -= 1;
        }
        // Longest run first, ending just above the title.
        for s in first..i {
            let (a, mut b) = (lines[s].start, lines[i - 1].range().1);
            // Drop a year that ended the last cover line ("…办事处 2025").
            let cut = self.text[a..b].trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
            b = a + cut.len();
            if let Some(r) = self.admit((a, b)) {
                return Some(r);
            }
        }
        None
    }

    /// Titles of parts and top-level sections that lead with the unit:
    /// "三亚市三亚林场概况", "云南省卫生健康委员会2024年部门预算编制说明".
    fn headings(&mut self, nodes: &[Node], depth: usize) -> Option<((usize, usize), bool)> {
        for n in nodes.iter().take(24) {
            let (a, b) = n.title;
            if a < b {
                let t = &self.text[a..b];
                // Whichever comes first: a word after the name, or the year.
                let cut = leading_name_end(t)
                    .into_iter()
                    .chain(YEAR.find(t).map(|m| m.start()))
                    .min()
                    .or(Some(t.len()));
                if let Some(c) = cut.filter(|&c| c > 0) {
                    if let Some(r) = self.admit((a, a + c)) {
                        // A name cut by the end of its line, its last word on
                        // the next: "第二部分 中国共产党X区委员会\n组织部概况"
                        // (an unseen page of a district party department's
                        // 2025 budget; the committee alone had been its
                        // agency); on a flattened page, after a space. Only a
                        // name is continued ("名词解释" before a line that
                        // starts with the unit is none; wide a017).
                        let longer = (c == t.len() || t[c..].starts_with([' ', '\t']))
                            .then(|| self.continued(a, a + c))
                            .flatten()
                            .and_then(|e| self.admit((a, e)));
                        return Some(longer.unwrap_or(r));
                    }
                }
            }
            if depth == 0 {
                if let Some(r) = self.headings(&n.children, 1) {
                    return Some(r);
                }
            }
        }
        None
    }

    /// Where a name that ends its line at `b` ends if the next line carries
    /// its last word: a short run of name characters that ends like a name,
    /// before a word that follows names (概况, 2025年 …).
    fn continued(&self, a: usize, b: usize) -> Option<usize> {
        let text = self.text;
        if text[a..b].contains('\n') {
            return None;
        }
        // The next line, or on a page flattened onto one line, the next word.
        let rest = text[b..].trim_start_matches([' ', '\t']);
        let rest = match rest.strip_prefix('\n') {
            Some(r) => r,
            None if rest.len() < text.len() - b => rest,
            None => return None,
        };
        let next = rest.trim_start_matches([' ', '\t']);
        let start = text.len() - next.len();
        // (A name's last word is short: the first 48 characters are enough.)
        let head = &next[..next.char_indices().nth(48).map_or(next.len(), |(i, _)| i)];
        let line = &head[..head.find('\n').unwrap_or(head.len())];
        let cut = leading_name_end(line)
            .into_iter()
            .chain(YEAR.find(line).map(|m| m.start()))
            .min()?;
        let seg = &line[..cut];
        (seg.chars().count() <= 8
            && seg.chars().all(names::is_name_char)
            && names::may_end_a_name(seg))
        .then_some(start + cut)
    }

    /// Lines that start with the unit: "乌拉特后旗林业和草原局是…", "1.宣汉县
    /// 人民医院始建于…", "苏州市审计局 2026 年度部门预算公开". Then the text
    /// right after a heading that shares its line (a page flattened onto
    /// one line: "…二、机构设置 渠县农业综合技术服务中心下设办公室…", real 063
    /// so reshaped), as if it started a line.
    fn leading_names(&mut self, nodes: &[Node]) -> Option<((usize, usize), bool)> {
        if let Some(r) = self.leading_lines() {
            return Some(r);
        }
        let text = self.text;
        let mut starts = Vec::new();
        fn walk(text: &str, nodes: &[Node], out: &mut Vec<usize>) {
            for n in nodes {
                let b = n.body.0.min(text.len());
                if out.len() < 256
                    && n.body.1 > b
                    && !text[..b].trim_end_matches([' ', '\t']).ends_with('\n')
                    && b > 0
                {
                    out.push(b);
                }
                walk(text, &n.children, out);
            }
        }
        walk(text, nodes, &mut starts);
        for b in starts {
            // (A window: a name is short, and a flattened line is long.)
            let mut w = (b + 300).min(text.len());
            while !text.is_char_boundary(w) {
                w -= 1;
            }
            let rest = &text[b..w];
            let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
            let t = line.trim_start();
            let off = b + (line.len() - t.len());
            // (Punctuation that closes the title: "二、机构设置:本中心…".)
            let t2 = t.trim_start_matches([':', '。', ' ']);
            let off = off + (t.len() - t2.len());
            if let Some(r) = self.lead_at(off, t2, b + line.len() + 1) {
                return Some(r);
            }
        }
        None
    }

    fn leading_lines(&mut self) -> Option<((usize, usize), bool)> {
        let text = self.text;
        let mut pos = 0;
        let mut prev = "";
        for (n, line) in text.split('\n').enumerate() {
            let start = pos;
            pos += line.len() + 1;
            if n > 4000 {
                break;
            }
            // A line that continues a wrapped one starts inside a word: after
            // "…(一)中国致公党是由归侨、侨眷中的…第一部分 致公" comes "党海南省委
            // 概况" (wide c029 wrapped at 30 characters, as PDFs wrap Chinese).
            // (A heading or a title before it ends its line: "二、2025年一般公共
            // 预算“三公”经费支出预算情况说明", real 024.)
            let wrapped = prev.chars().count() >= 20
                && prev
                    .chars()
                    .next_back()
                    .is_some_and(crate::normalize::is_han)
                && crate::numbering::marker(prev.trim_start()).is_none()
                && !(title_like(prev) && complete(prev));
            if !line.trim().is_empty() {
                prev = line.trim_end();
            }
            if wrapped {
                continue;
            }
            let t = line.trim_start();
            if let Some(r) = self.lead_at(start + (line.len() - t.len()), t, pos) {
                return Some(r);
            }
        }
        None
    }

    /// The unit's name at the start of `t` (at byte `off` of the text; the
    /// next line starts at `next`), if it leads there: after a marker, a
    /// short label and colon, or a year.
    fn lead_at(&mut self, off: usize, t: &str, next: usize) -> Option<((usize, usize), bool)> {
        let text = self.text;
        let pos = next;
        let mut off = off;
        let mut t = t;
        {
            if let Some(m) = crate::numbering::marker(t) {
                off += m.len;
                t = &t[m.len..];
            }
            // A label before the name: "附件: 黄石市财政局2024年…" (wide
            // corpus), "第一部分:广西…" after its marker.
            if let Some(i) = t
                .find(':')
                .filter(|&i| t[..i].chars().count() <= 6 && t[..i].chars().all(names::is_name_char))
            {
                let rest = t[i + 1..].trim_start();
                off += t.len() - rest.len();
                t = rest;
            }
            // The year before it: "2025年全南县第三幼儿园收入预算总额为…"
            // (real 054 without its title).
            if let Some(m) = YEAR.find(t).filter(|m| m.start() == 0) {
                let rest = &t[m.end()..];
                if m.as_str().ends_with(['年', '度']) {
                    let rest = rest.trim_start();
                    off += t.len() - rest.len();
                    t = rest;
                }
            }
            // A name starts with a Han character.
            if !t.chars().next().is_some_and(crate::normalize::is_han) {
                return None;
            }
            let head = &t[..t.char_indices().nth(48).map_or(t.len(), |(i, _)| i)];
            // The name ends where a verb, a clause mark or a year comes,
            // whichever is first ("柳东新区(高新区)2024年一般公共预算收入总计
            // 15.25亿元。", wide c034).
            let year_at = YEAR.find(head).filter(|m| m.start() > 0).map(|m| m.start());
            let cut = leading_name_end(head)
                .into_iter()
                .chain(year_at)
                .min()
                .or_else(|| {
                    // A cover inside the text: the unit on a line of its own
                    // above the title ("大英县隆盛镇石门小学校\n2024年部门预算编制
                    // 说明", after the table of contents; wide c016).
                    let line = t.trim_end();
                    if line.len() > 30 * 3 || !names::may_end_a_name(line) {
                        return None;
                    }
                    let next = text[pos.min(text.len())..]
                        .lines()
                        .map(str::trim)
                        .find(|l| !l.is_empty());
                    next.is_some_and(|n| title_like(n) && complete(n) && has_year(n))
                        .then_some(line.len())
                });
            // A place cut at a space before more words is a name cut at a
            // wrap ("中国(黑龙江)自由贸易试验区绥芬河片区 管理委员会…"; wide
            // a023 wrapped at 30 characters): no candidate.
            let at_wrap = |c: usize| {
                t[c..].starts_with(' ')
                    && t[c..].trim_start().starts_with(crate::normalize::is_han)
                    && names::place(&compact(&t[..c])).is_ok()
            };
            // "渠县人大常委会:" alone on its line: whom a report is addressed
            // to, not its author (an unseen county's report on its final
            // accounts, to the county's people's congress).
            // (On a flattened page the letter goes on after it: "渠县人大常委会:
            // 按照有关法律规定…". A label before a colon is short and was
            // passed above.)
            let salutation = |c: usize| t[c..].starts_with(':');
            if let Some(c) = cut.filter(|&c| !at_wrap(c) && !salutation(c)) {
                if let Some(r) = self.admit((off, off + c)) {
                    return Some(r);
                }
            }
        }
        None
    }

    /// A candidate that lacked only its place, found in the text after a
    /// place ("林业和草原局" → "乌拉特后旗林业和草原局是…").
    fn complete(&mut self) -> Option<((usize, usize), bool)> {
        let text = self.text;
        let todo = std::mem::take(&mut self.incomplete);
        for (a, b) in todo {
            let name = &text[a..b];
            if name.contains('\n') || name.chars().count() < 3 {
                continue;
            }
            for (i, _) in text.match_indices(name).take(64) {
                // Walk back over at most 20 Han characters.
                let mut starts: Vec<usize> = Vec::new();
                let mut k = i;
                for c in text[..i].chars().rev().take(20) {
                    if !names::is_name_char(c) {
                        break;
                    }
                    k -= c.len_utf8();
                    starts.push(k);
                }
                // The longest prefix that starts at a boundary and makes a name.
                for &s in starts.iter().rev() {
                    let before = text[..s].chars().next_back();
                    let boundary = before.is_none_or(|c| !names::is_name_char(c))
                        || before.is_some_and(|c| "将对由经向在与和及为是把据".contains(c));
                    if !boundary {
                        continue;
                    }
                    let cand = &text[s..i + name.len()];
                    if names::organisation(cand, &self.places).is_ok() {
                        return Some(((s, i + name.len()), false));
                    }
                }
            }
        }
        None
    }
}

/// In characters, where a name ends that a place follows: "X办公室X县" → X办公室.
fn name_before_place(name: &str, places: &names::Places<'_>) -> Option<usize> {
    let cuts: Vec<(usize, usize)> = name
        .char_indices()
        .enumerate()
        .skip(3)
        .map(|(n, (i, _))| (n, i))
        .collect();
    // The longest name first ("…办公室" before "…办").
    for &(n, i) in cuts.iter().rev() {
        let (head, tail) = name.split_at(i);
        // The place after it is a whole one, of three characters or more:
        // "泉州臺商區" is one place, not 泉州臺 (a 台) and 商區 (wide b005).
        if tail.chars().count() >= 3
            && names::organisation(head, places).is_ok()
            && names::place(tail).is_ok()
        {
            return Some(n);
        }
    }
    None
}

/// Where a leading name ends in `t`: before a word of [`AFTER_NAME`], or
/// before a comma, within the first 40 characters.
fn leading_name_end(t: &str) -> Option<usize> {
    // Within the first 40 characters: the first clause mark, or the first
    // word of AFTER_NAME after two characters, whichever comes first.
    let limit = t.char_indices().nth(41).map_or(t.len(), |(i, _)| i);
    let head = &t[..limit];
    let mark = head
        .char_indices()
        .find(|&(_, c)| matches!(c, ',' | '。' | ':' | ';' | ' '))
        .map(|(i, _)| i);
    // Not the 属 of 所属 ("X局所属事业单位…": the bureau's subordinate units;
    // X局所 is no name), nor of 附属, which is inside the name ("云南中医药大学
    // 第二附属医院为…"; an unseen page of a hospital's 2023 final accounts).
    let word = head.get(6..).and_then(|rest| {
        AFTER_NAME_AC
            .find_iter(rest)
            .find(|m| {
                !rest[m.start()..].starts_with('属')
                    || !head[..6 + m.start()].ends_with(['所', '附'])
            })
            .map(|m| 6 + m.start())
    });
    match (mark, word) {
        (Some(m), Some(w)) if w < m => Some(w),
        (Some(m), _) => (m > 0).then_some(m),
        (None, w) => w,
    }
}

/// [`AFTER_NAME`] as one automaton: a line's first 40 characters are
/// searched once, not forty times (this ran on every line of a document
/// whose unit the title does not name).
#[allow(clippy::expect_used)] // fixed word list
static AFTER_NAME_AC: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(AFTER_NAME)
        .expect("word automaton")
});

/// What a name may carry after it that is no part of it: 本级 (the unit
/// alone) or 汇总 (with its subordinate units), in parentheses or not, in
/// simplified or traditional spelling.
const OWN_WORDS: &[&str] = &[
    "(本级)", "(汇总)", "(本級)", "(匯總)", "本级", "汇总", "本級", "匯總",
];

/// A candidate's range without the white space, the "关于" before it and the
/// 本级/汇总 or 部门/单位 after it.
fn trim_name(text: &str, (a, b): (usize, usize)) -> Option<(usize, usize)> {
    let s = &text[a..b];
    // Separators around a name in a title: "青山县水利局:2023年度…", "…-".
    let mut t = s
        .trim()
        .trim_end_matches([':', '-', '—', '_', '|', '·', ' ']);
    if let Some(x) = t.strip_prefix("关于") {
        t = x.trim_start();
    }
    // "杭州市钱塘区综合行政执法局 (杭州市钱塘区城市管理局)": a unit's other
    // name in parentheses after its name (wide b008): the first name.
    if let Some(open) = t.strip_suffix(')').and_then(|x| x.rfind('(')) {
        let head = t[..open].trim_end();
        if names::organisation(&compact(head), &names::Places::default()).is_ok() {
            t = head;
        }
    }
    // "部门名称:X局(盖章)": the stamp's place.
    for stamp in ["(盖章)", "(公章)", "(章)"] {
        if let Some(x) = t.strip_suffix(stamp) {
            t = x.trim_end();
        }
    }
    // "(河南省)伊川县…": a province in parentheses before the name.
    if let Some(x) = t.strip_prefix('(') {
        if let Some(close) = x.find(')') {
            if names::place(&x[..close]).is_ok() {
                t = x[close + 1..].trim_start();
            }
        }
    }
    // "X区人民政府关于2023年…": the name ends where 关于 starts.
    if let Some(i) = t.find("关于").filter(|&i| i > 0) {
        t = t[..i].trim_end();
    }
    loop {
        let before = t;
        // (And their traditional spellings: a mirror page keeps them,
        // "贛州市南康區唐江鎮人民政府本級部門", wide b038.)
        let more = ["部门", "单位", "部門", "單位", "公开"];
        for suffix in OWN_WORDS.iter().chain(&more) {
            if let Some(x) = t.strip_suffix(suffix) {
                // 部门/单位 go only where a name is left ("海南省交通运输部门"
                // keeps its 部门, wide corpus).
                // "涪陵区财政局(本级)部门决算": 部门 after the (本级) of a name.
                let core = x.trim_end();
                let core = OWN_WORDS
                    .iter()
                    .find_map(|w| core.strip_suffix(w))
                    .unwrap_or(core);
                // (A place's document: "泉州臺商區部门决算", wide b005.)
                // ("X公开2023年度部门决算": the verb before the year goes.)
                if more.contains(suffix)
                    && names::org_end(core).is_none()
                    && names::place(&compact(core)).is_err()
                {
                    continue;
                }
                t = x.trim_end();
            }
        }
        if t == before {
            break;
        }
    }
    if t.is_empty() {
        return None;
    }
    let off = s.find(t)?;
    Some((a + off, a + off + t.len()))
}

/// The agency part of a title: after the year, or before it, or before the
/// kind word.
fn agency_in_title(text: &str, (a, b): (usize, usize)) -> Option<(usize, usize)> {
    let t = &text[a..b];
    // "2023年度部门决算公开(青山县水利局)": the unit in parentheses at the end.
    if let Some(open) = t.trim_end().strip_suffix(')').and_then(|x| x.rfind('(')) {
        let inner = &t[open + 1..t.trim_end().len() - 1];
        if names::organisation(&compact(inner), &names::Places::default()).is_ok() {
            return Some((a + open + 1, a + open + 1 + inner.len()));
        }
    }
    // "【青山县水利局】2023年度部门决算公开".
    if let Some(rest) = t.strip_prefix('【') {
        if let Some(close) = rest.find('】') {
            return Some((a + '【'.len_utf8(), a + '【'.len_utf8() + close));
        }
    }
    // "《X局2023年度部门决算》": a title in book-title marks.
    let body = t.strip_prefix('《').unwrap_or(t);
    let body = body.strip_prefix("关于").unwrap_or(body);
    // "字 2021年度X部门决算": a spaced metadata key's last character ("关 键
    // 字") before the year, on a page flattened onto one line (wide a040 so
    // reshaped). Two characters or fewer before a year name nothing.
    let body = match YEAR.find(body) {
        Some(m) if m.start() > 0 && body[..m.start()].trim().chars().count() <= 2 => {
            &body[m.start()..]
        }
        _ => body,
    };
    let skip = t.len() - body.len();
    if let Some(c) = AGENCY_AFTER_YEAR.captures(body) {
        let m = c.name("ag")?;
        return Some((a + skip + m.start(), a + skip + m.end()));
    }
    // The name ends at the year or at the kind word, whichever comes first
    // ("青山县水利局部门决算(2023年度)").
    let cut = YEAR
        .find(body)
        .map(|m| m.start())
        .into_iter()
        .chain(
            ["决算", "预算", "“三公”", "三公"]
                .iter()
                .filter_map(|k| body.find(k)),
        )
        .min()?;
    (cut > 0).then_some((a + skip, a + skip + cut))
}

/// Text without white space (lines of a title or a name joined).
fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Heading titles, the top level first (a numbered paragraph of the
/// duties, "(三)统筹管理市本级一般公共预算…", says nothing of the kind;
/// wide corpus).
fn titles_by_level<'a>(text: &'a str, nodes: &[Node]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut level: Vec<&Node> = nodes.iter().collect();
    while !level.is_empty() && out.len() < 256 {
        let mut next = Vec::new();
        for n in level {
            if n.role == crate::segment::Role::Heading {
                out.push(&text[n.title.0..n.title.1]);
            }
            next.extend(n.children.iter());
        }
        level = next;
    }
    out
}

fn first_year(s: &str) -> Option<i32> {
    years(s).next().map(|(y, _, _)| y)
}

/// The years of `s` that are not dates, with the byte range of each
/// ("2024年度").
fn years(s: &str) -> impl Iterator<Item = (i32, usize, usize)> + '_ {
    YEAR.captures_iter(s).filter_map(move |c| {
        let (y, after, w) = (c.name("y")?, c.name("after")?, c.get(0)?);
        let rest = &s[w.end()..];
        if after.as_str().starts_with('年') && is_date(rest) {
            return None;
        }
        // A rule's revision, not a fiscal year: "《四川省预决算公开操作规程
        // (2022年修订)》" opening a city's 2025 三公 summary (an unseen page).
        if after.as_str() == "年" && ["修订", "修正", "版)"].iter().any(|x| rest.starts_with(x))
        {
            return None;
        }
        Some((year_number(y.as_str())?, w.start(), w.end()))
    })
}

/// A year written in digits or in Chinese numerals ("二〇二四", "二0二四"; a
/// probe of title shapes, 2026-12-02), between 1900 and 2199.
fn year_number(s: &str) -> Option<i32> {
    let mut n = 0i32;
    for c in s.chars() {
        let d = match c {
            '0'..='9' => c as i32 - '0' as i32,
            '〇' | '零' | '○' | 'O' => 0,
            _ => "一二三四五六七八九".chars().position(|x| x == c)? as i32 + 1,
        };
        n = n * 10 + d;
    }
    (1900..2200).contains(&n).then_some(n)
}

/// What follows "YYYY年" makes it a date: "9月", "09月".
fn is_date(rest: &str) -> bool {
    let rest = rest.trim_start();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    // "二〇二四年二月", "二〇二三年十二月" (a cover's date).
    let cn: usize = rest
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .take(3)
        .map(char::len_utf8)
        .sum();
    let n = if digits > 0 { digits } else { cn };
    n > 0 && (digits <= 2) && rest[n..].trim_start().starts_with('月')
}

/// Year and kind from a title: the last year that a 预算/决算 word follows
/// (before the next year), and that word.
fn year_and_kind(t: &str) -> Option<(i32, Option<Kind>)> {
    let ys: Vec<(i32, usize, usize)> = years(t).collect();
    let mut best: Option<(i32, Option<Kind>)> = None;
    for (k, &(y, _, end)) in ys.iter().enumerate() {
        let next = ys.get(k + 1).map_or(t.len(), |&(_, s, _)| s);
        let kind = first_kind(&t[end..next.max(end)]);
        if kind.is_some() || best.is_none() {
            best = Some((y, kind));
        }
    }
    // A title whose kind word comes before its year ("预算2024") keeps the
    // kind of the whole title.
    best.map(|(y, k)| (y, k.or_else(|| first_kind(t)).or_else(|| kind_of(t))))
}

/// Compounds with 预算 that every kind of document uses: the four budgets
/// (一般公共预算 …; "2023年度一般公共预算财政拨款“三公”经费支出决算" is a 决算,
/// wide corpus), 年初预算, 预算单位, 预算法 (doc 059).
const GENERIC_BUDGET: &[&str] = &[
    "一般公共预算",
    "政府性基金预算",
    "国有资本经营预算",
    "社会保险基金预算",
    "年初预算",
    "全年预算",
    "调整预算",
    "预算单位",
    "预算法",
    "预算管理",
    "预算绩效",
    "预算数",
    // "收入支出预算执行情况分析" heads a 决算's section (wide b041); a
    // report on a budget's execution is of the draft that follows it.
    "预算执行",
];

/// The first 预算 or 决算 word of `s` that names a kind of document:
/// not a compound of [`GENERIC_BUDGET`], not "预决算" (either kind).
fn first_kind(s: &str) -> Option<Kind> {
    // An occurrence inside a compound of GENERIC_BUDGET does not count: the
    // compound ends right after it ("一般公共预算" ends at its 预算).
    let inside_generic = |i: usize, w: &str| {
        GENERIC_BUDGET.iter().any(|g| {
            g.find(w).is_some_and(|k| {
                i.checked_sub(k)
                    .and_then(|at| s.get(at..))
                    .is_some_and(|t| t.starts_with(g))
            })
        })
    };
    let first = |w: &str| {
        s.match_indices(w)
            .map(|(i, _)| i)
            .find(|&i| !inside_generic(i, w))
    };
    let f = first("决算").filter(|&i| !s[..i].ends_with('预'));
    let b = first("预算");
    match (f, b) {
        (Some(f), Some(b)) if f < b => Some(Kind::FinalAccounts),
        (Some(_), None) => Some(Kind::FinalAccounts),
        (_, Some(_)) => Some(Kind::Budget),
        (None, None) => None,
    }
}

/// "…现将南开区2023年预算执行情况和2024年预算草案提请大会审议" (wide a010
/// without its title): a report on a draft is a document of the draft's
/// year and kind (issue 10), wherever its opening names the draft. No digit
/// between the year and the draft, so the execution's year is not taken.
static DRAFT: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)] // fixed pattern
    Regex::new(
        r"(?P<y>(?:19|20)[0-9]{2})[ \t]*年度?[^。\n,;0-9]{0,12}?(?P<k>预算|决算)[ \t]*\(?草案",
    )
    .expect("draft regex")
});

/// The year and kind of the first draft the first 4 KB name.
fn draft_named(text: &str) -> Option<(i32, Kind)> {
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let c = DRAFT.captures(&text[..end])?;
    let year = c.name("y")?.as_str().parse().ok()?;
    let kind = if &c["k"] == "决算" {
        Kind::FinalAccounts
    } else {
        Kind::Budget
    };
    Some((year, kind))
}

/// The kind the headings name most (the first named on a tie): a 决算's
/// "二、收入支出预算执行情况分析" is outvoted by its "十、决算公开表" (wide b041
/// without its title).
fn heading_kind(titles: &[&str]) -> Option<Kind> {
    let kinds: Vec<Kind> = titles.iter().filter_map(|t| first_kind(t)).collect();
    let finals = kinds.iter().filter(|&&k| k == Kind::FinalAccounts).count();
    let budgets = kinds.len() - finals;
    match finals.cmp(&budgets) {
        std::cmp::Ordering::Greater => Some(Kind::FinalAccounts),
        std::cmp::Ordering::Less => Some(Kind::Budget),
        std::cmp::Ordering::Equal => kinds.first().copied(),
    }
}

/// The first year of the body that is not part of a date "YYYY年M月".
/// Links to other pages do not count: a footer's "上一篇:关于公布2024年部门预算
/// 的公告" or an attachment "2024年部门预算公开表.xls" names another page.
fn body_year(text: &str, links: &[(usize, usize)]) -> Option<i32> {
    years(text)
        .find(|&(_, a, _)| !inside(links, a))
        .map(|(y, _, _)| y)
}

/// Links to other pages: previous/next links, lists of related pages, a
/// linked file's name. Their words describe those pages, not this one.
fn is_link(t: &str) -> bool {
    names::file_extension(t).is_some() || LINK_WORDS.iter().any(|w| t.starts_with(w))
}

/// The byte ranges of the [`is_link`] lines of `text`, in order: one pass
/// over the lines (a search per word occurrence for its line's bounds was
/// quadratic on a page flattened onto one line).
fn link_lines(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split('\n') {
        let t = line.trim();
        // Cheap first: every link line ends with a file's extension or
        // starts with one of a few words of three bytes or more.
        if t.len() >= 6 && is_link(t) {
            out.push((pos, pos + line.len()));
        }
        pos += line.len() + 1;
    }
    out
}

/// Whether byte `at` lies in one of the sorted, disjoint `ranges`.
fn inside(ranges: &[(usize, usize)], at: usize) -> bool {
    let k = ranges.partition_point(|r| r.1 <= at);
    ranges.get(k).is_some_and(|r| r.0 <= at)
}

fn body_kind(text: &str, links: &[(usize, usize)]) -> Option<Kind> {
    // memchr's searcher, not `str::matches`: a two-way search without SIMD
    // over the whole text, eight times.
    let count = |w: &str| {
        memchr::memmem::find_iter(text.as_bytes(), w.as_bytes())
            .filter(|&i| !inside(links, i))
            .count()
    };
    // (预决算 names both: "四川省预决算公开操作规程" in a 2025 三公 budget
    // summary, an unseen page.)
    let f = count("决算").saturating_sub(count("上年决算") + count("预决算"));
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

    #[test]
    fn draft_reports_are_of_the_drafts_year() {
        assert_eq!(
            year_and_kind("南开区2023年预算执行情况和2024年预算草案的报告"),
            Some((2024, Some(Kind::Budget)))
        );
        assert_eq!(
            year_and_kind("2023年财政决算情况及2024年财政预算情况报告(草案)"),
            Some((2024, Some(Kind::Budget)))
        );
        assert_eq!(
            year_and_kind("关于我市2020年市本级财政决算草案的报告"),
            Some((2020, Some(Kind::FinalAccounts)))
        );
        assert_eq!(
            year_and_kind("2023年度部门决算公开(2024年9月)"),
            Some((2023, Some(Kind::FinalAccounts)))
        );
    }
}
