//! Names: the one validator for every organisation or place name the
//! library emits (`document.agency`), and for the text of titles.
//!
//! Takes a candidate in normalized spelling (simplified characters, ASCII
//! punctuation, debris such as pinyin glosses already removed); says whether
//! it is a name, and if not, why ([`Reject`]). Every stage that finds a name
//! (title, cover page, metadata block, headings, body sentences) asks here,
//! so a name is never a sentence, never page furniture, never half a title.
//!
//! An organisation's name is a place and an organisation word at the end
//! ("乌拉特后旗林业和草原局", "宣汉县人民医院", "中共儋州市委巡察工作领导小组办公室"):
//! - **the end** is an organisation word ([`ORG_ENDS`]: 局, 委员会, 办公室,
//!   中心, 学校, 医院, 卫生院, 镇, 街道办事处, 人民政府, 管委会, 队, 所, 站,
//!   馆, 院, 处, 会 …). "柳城县人民政府办公室柳城县" ends with a place after
//!   the organisation word and is rejected (wide corpus, 柳城县 决算 title);
//! - **the place** is a place name with its suffix (北京市, 乌拉特后旗,
//!   洱源县) anywhere before the end, a national prefix (国家, 中国, 中共 …),
//!   or the short form of a place the same document names with its suffix
//!   ("海原甘盐池种羊场" where the page says 海原县). "林业和草原局" from a
//!   发布机构 line, "省卫生健康委员会", "区财政局" have none: not a name, but
//!   the text may hold the whole name (see `document`'s completion);
//! - **nothing else**: Han characters only, with at most a balanced
//!   parenthesis of Han characters inside ("中国(黑龙江)自由贸易试验区…",
//!   "…开发区(乌鲁木齐市新市区)机场片区管委会"); no digits or Latin letters
//!   (pinyin glosses "鎮(zhèn)"), no punctuation or spaces (":", "|", "、":
//!   "信息名称:", "项目 |", "根据《X职能配置、"), no words of sentences or of
//!   page furniture (关于, 根据, 现将, 是, 的, 信息, 标题, 索引, 来源, 发布, 预算,
//!   决算, 公开, 说明, 报告, 情况, 欢迎, 通知, 部分 …; wide corpus: "关于和平区",
//!   "标题:万宁市…", "文 号: 所属主题: 财政预", "本部门设5个"), no place word
//!   of the document's own place (本市, 我县: "指导推进本市…改革和重组", a
//!   duty ending in 组), and no place twice ("黄陂区武汉市黄陂区木兰乡", two
//!   names run together).
//!
//! A whole-government report (政府预算/决算, 预算执行情况和预算草案的报告) is
//! authored by its place: a [`place`] is a place name alone ("东莞市", "澧县",
//! "上海市黄浦区"), not "我市" or "全区".

use crate::normalize::is_han;
use std::fmt;

/// Why a candidate is not a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reject {
    Empty,
    TooShort,
    TooLong,
    /// A character no name holds (digit, Latin letter, punctuation, space).
    Character(char),
    /// Unbalanced or nested parentheses, or a parenthesis at the start.
    Parenthesis,
    /// A word of sentences, titles or page furniture.
    Word(&'static str),
    /// The last word is not an organisation word.
    NoOrganisationWord,
    /// No place in front of the organisation word.
    NoPlace,
    /// A place word standing for the document's own place ("我市", "全区").
    Deictic,
    /// No Han character: no words ("第四部分 2022").
    NoWord,
    /// The same place twice: two names run together, or a typo.
    RepeatedPlace,
}

impl fmt::Display for Reject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reject::Empty => write!(f, "empty"),
            Reject::TooShort => write!(f, "too short for a name"),
            Reject::TooLong => write!(f, "too long for a name"),
            Reject::Character(c) => write!(f, "holds {c:?}, which no name holds"),
            Reject::Parenthesis => write!(f, "parentheses out of place"),
            Reject::Word(w) => write!(f, "holds {w:?}, a word of sentences or page furniture"),
            Reject::NoOrganisationWord => write!(f, "does not end with an organisation word"),
            Reject::NoPlace => write!(f, "names no place"),
            Reject::Deictic => write!(f, "a place word without a place (我市, 全区)"),
            Reject::NoWord => write!(f, "no words"),
            Reject::RepeatedPlace => write!(f, "names the same place twice"),
        }
    }
}

/// Words that end an organisation's name, longest first where one ends
/// another (so the longest is what [`org_end`] reports).
pub const ORG_ENDS: &[&str] = &[
    "街道办事处",
    "管理委员会",
    "人民政府",
    "委员会",
    "办公室",
    "办事处",
    "管委会",
    "领导小组",
    "卫生院",
    "幼儿园",
    "联合会",
    "事务所",
    "研究院",
    "研究所",
    "检察院",
    "图书馆",
    "博物馆",
    "纪念馆",
    "文化馆",
    "档案馆",
    "指挥部",
    "供销社",
    "红十字会",
    "政协",
    "人大",
    "科协",
    "中专",
    "部门",
    "学校",
    "中学",
    "小学",
    "大学",
    "学院",
    "党校",
    "医院",
    "中心",
    "政府",
    "街道",
    "党委",
    "党组",
    "工委",
    "机关",
    "集团",
    "公司",
    "协会",
    "学会",
    "商会",
    "林场",
    "农场",
    "牧场",
    "监狱",
    "银行",
    "总局",
    "分局",
    "局",
    "委",
    "办",
    "厅",
    "处",
    "院",
    "所",
    "站",
    "馆",
    "队",
    "会",
    "社",
    "团",
    "署",
    "场",
    "室",
    "组",
    "校",
    "台",
    "园",
    "镇",
    "乡",
    "部",
    "联",
    "府",
    "库",
    "段",
    "司",
];

/// Place suffixes: the last character of a place name.
const PLACE_CHARS: &[char] = &['省', '市', '县', '区', '旗', '州', '盟', '镇', '乡', '村'];

/// Prefixes that name a national or party organisation, which carry no
/// place ("国家信访局", "中国致公党…", "中共…委员会").
const NATIONAL: &[&str] = &[
    "国家",
    "中国",
    "中共",
    "中华",
    "中央",
    "全国",
    "民革",
    "民盟",
    "民建",
    "民进",
    "农工",
    "致公",
    "九三",
    "共青团",
];

/// Words no name holds: sentence words, title words, furniture.
const NOT_IN_NAMES: &[&str] = &[
    "关于",
    "根据",
    "按照",
    "依据",
    "现将",
    "现就",
    "其中",
    "主要",
    "负责",
    "承担",
    "包括",
    "以及",
    "本部门",
    "本单位",
    "我局",
    "我委",
    "我办",
    "我院",
    "我校",
    "是",
    "的",
    "了",
    "欢迎",
    // A part marker and a table of contents' words ("算单位构成第二部分致公党
    // 海南省委": a wrapped table of contents read as one name; wide c029
    // cut at 30 characters).
    "部分",
    "构成",
    // "X局所属事业单位": a bureau's subordinate units, no name ("…局所" ends in
    // the organisation word 所).
    "所属",
    "通知",
    "公告",
    "正文",
    "信息名称",
    "信息来源",
    "信息公开",
    "名称",
    "标题",
    "索引",
    "来源",
    "发布",
    "发文",
    "文号",
    "主题",
    "分类",
    "网站",
    "首页",
    // "…走进周至 专题\n专栏" wrapped above a government report's title gave
    // "专栏周至县" (an unseen county's 2024 budget report, cut at 30 characters).
    "专栏",
    "栏目",
    "位置",
    "浏览",
    "字体",
    "打印",
    "分享",
    "下载",
    "文库",
    "页面",
    "附件",
    "目录",
    "预算",
    "决算",
    "三公",
    "经费",
    "公开",
    "说明",
    "报告",
    "情况",
    "草案",
    "执行",
    "年度",
    "收入",
    "支出",
    "拨款",
    "合计",
    "总计",
    "概况",
    "职责",
    "职能",
];

/// The document's own place, which no name holds anywhere: a sentence
/// such as "指导推进本市国有及国有控股企业改革和重组" (a duty that ends in
/// 组; pdf r029) has a 市 but no place. Not 全县/全区: 万全县 and 万全区
/// are places.
const DEICTIC_WORDS: &[&str] = &[
    "本市", "本县", "本区", "本省", "我市", "我县", "我区", "我省", "全市", "全省",
];

/// Function words that begin a clause, never a name: "经伊川县财政局汇总"
/// is "by the 伊川县财政局" (the "经X财政局汇总"). Only words that
/// no place name starts with (向阳区, 将乐县, 和平区, 于都县 do).
const LEADING: &[&str] = &[
    "经", "由", "对", "在", "据", "按", "为", "把", "被", "与", "以", "至", "给", "使", "通过",
    "经过", "纳入", "设立",
];

/// [`NOT_IN_NAMES`] as one automaton: a name is checked in one pass, not
/// sixty (this check runs on every candidate of every document).
#[allow(clippy::expect_used)] // fixed word list
static NOT_IN_NAMES_AC: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(NOT_IN_NAMES)
            .expect("word automaton")
    });

/// A cheap first test: whether `s` (white space aside) ends with the last
/// character of an organisation word or a place, or a place's level (级):
/// what every name this module admits ends with.
pub fn may_end_a_name(s: &str) -> bool {
    let s = s.trim_end();
    // "柳东新区(高新区)": the name before its alias.
    let s = s
        .strip_suffix(')')
        .and_then(|x| x.rfind('(').map(|i| &x[..i]))
        .unwrap_or(s);
    s.chars()
        .next_back()
        .is_some_and(|c| LAST_CHARS.binary_search(&c).is_ok())
}

/// The last characters of [`ORG_ENDS`] and of places, and 级, sorted.
static LAST_CHARS: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
    let mut v: Vec<char> = ORG_ENDS
        .iter()
        .filter_map(|w| w.chars().next_back())
        .chain(PLACE_CHARS.iter().copied())
        .chain(['级'])
        .collect();
    v.sort_unstable();
    v.dedup();
    v
});

/// The organisation word `s` ends with, if any.
pub fn org_end(s: &str) -> Option<&'static str> {
    ORG_ENDS.iter().copied().find(|w| s.ends_with(w))
}

/// Whether `s` holds a place before byte `end`: a place suffix with at
/// least one Han character before it, or a national prefix.
/// Words that start department names and hold a place suffix.
const DEPARTMENT_WORDS: &[&str] = &[
    "农业农村",
    "住房和城乡",
    "城乡",
    "城市",
    "社区",
    "农村",
    "工业园区",
    "产业园区",
    "园区",
    "景区",
];

fn has_place(s: &str, end: usize) -> bool {
    if NATIONAL.iter().any(|p| s.starts_with(p)) {
        return true;
    }
    // A suffix right after another is a common word, no place: 乡村 of
    // "乡村振兴办公室" (a town's office, listed under its 机构设置; an
    // unseen page of a town's 2025 budget), 乡镇, 市县, 县区.
    let head = &s[..end];
    // A department's own words that hold a suffix (农村 of 农业农村局, 城乡 of
    // 住房和城乡建设局, 城市 of 城市管理局) are no place when they start the
    // name: "农业农村局" alone had been an agency (an unseen county bureau's
    // flattened page, its breadcrumb "> 农业农村局" run onto the title).
    let head = DEPARTMENT_WORDS
        .iter()
        .find_map(|w| head.strip_prefix(w))
        .unwrap_or(head);
    let mut prev: Option<char> = None;
    head.chars().any(|c| {
        let placed = PLACE_CHARS.contains(&c)
            && prev.is_some_and(|p| is_han(p) && !PLACE_CHARS.contains(&p));
        prev = Some(c);
        placed
    })
}

/// A character a name may hold: Han, a parenthesis, '·'.
pub fn is_name_char(c: char) -> bool {
    is_han(c) || matches!(c, '(' | ')' | '·')
}

/// The shared checks of characters, parentheses, words and length.
fn common(s: &str) -> Result<usize, Reject> {
    if s.is_empty() {
        return Err(Reject::Empty);
    }
    let mut depth = 0;
    let mut n = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' => {
                if i == 0 || depth > 0 {
                    return Err(Reject::Parenthesis);
                }
                depth += 1;
            }
            ')' => {
                if depth == 0 {
                    return Err(Reject::Parenthesis);
                }
                depth -= 1;
            }
            '·' => {}
            c if is_han(c) => {}
            c => return Err(Reject::Character(c)),
        }
        n += 1;
    }
    if depth != 0 {
        return Err(Reject::Parenthesis);
    }
    if DEICTIC_WORDS.iter().any(|w| s.contains(w)) {
        return Err(Reject::Deictic);
    }
    if let Some(m) = NOT_IN_NAMES_AC.find(s) {
        return Err(Reject::Word(NOT_IN_NAMES[m.pattern().as_usize()]));
    }
    if let Some(w) = LEADING.iter().find(|w| s.starts_with(**w)) {
        return Err(Reject::Word(w));
    }
    if n > 40 {
        return Err(Reject::TooLong);
    }
    if repeats_a_place(s) {
        return Err(Reject::RepeatedPlace);
    }
    Ok(n)
}

/// Checks an organisation's name (see the module docs). `places` are the
/// short forms of the document's places ([`Places::of`]).
pub fn organisation(s: &str, places: &Places<'_>) -> Result<(), Reject> {
    let n = common(s)?;
    if n < 3 {
        return Err(Reject::TooShort);
    }
    let Some(end) = org_end(s) else {
        return Err(Reject::NoOrganisationWord);
    };
    let body = s.len() - end.len();
    if body == 0 {
        return Err(Reject::TooShort);
    }
    // "自治区政协办公厅": the level of an autonomous region (or 州, 县, 旗), as
    // its own pages call it, no place's name (an unseen page of a region's
    // 2024 budget, whose cover names it in full).
    let level_only = s
        .strip_prefix("自治")
        .and_then(|r| r.chars().next())
        .is_some_and(|c| PLACE_CHARS.contains(&c));
    if level_only
        || deictic(&s[..body])
        || s.chars().take(2).collect::<String>().chars().count() == 2
            && deictic(&s.chars().take(2).collect::<String>())
    {
        return Err(Reject::Deictic);
    }
    // A university's name is its own place ("西南大学"); so is a
    // subdistrict's: the words before 街道(办事处) name the 街道, a place of
    // its own level ("温泉街道办事处", unseen pages of 2022 final accounts
    // named it in their part headings only).
    // A university's own units carry it as their place too: "云南中医药大学
    // 第二附属医院" (an unseen page of a hospital's 2023 final accounts).
    let university = s[..body]
        .find("大学")
        .is_some_and(|i| s[..i].chars().count() >= 2);
    let own_place = end == "大学"
        || university
        || matches!(end, "街道办事处" | "街道") && s[..body].chars().count() >= 2;
    if has_place(s, body) || own_place || short_place(s, places) {
        Ok(())
    } else {
        Err(Reject::NoPlace)
    }
}

/// Whether a place (two Han characters and a suffix: 黄陂区) occurs twice:
/// "黄陂区武汉市黄陂区木兰乡" is two names run together (wide b022 with its
/// lines joined), "东湖区东湖区卫生健康委员会" a typo (wide b019's body).
fn repeats_a_place(s: &str) -> bool {
    let cs: Vec<(usize, char)> = s.char_indices().collect();
    let mut seen: Vec<&str> = Vec::new();
    for k in 2..cs.len() {
        if PLACE_CHARS.contains(&cs[k].1) && is_han(cs[k - 1].1) && is_han(cs[k - 2].1) {
            let end = cs.get(k + 1).map_or(s.len(), |&(i, _)| i);
            let place = &s[cs[k - 2].0..end];
            if seen.contains(&place) {
                return true;
            }
            seen.push(place);
        }
    }
    false
}

/// Checks a place name, the author of a whole-government report.
pub fn place(s: &str) -> Result<(), Reject> {
    // Another name of the same place in parentheses: "柳东新区(高新区)"
    // (wide c034).
    if let Some(open) = s.strip_suffix(')').and_then(|x| x.rfind('(')) {
        let (head, alias) = (&s[..open], &s[open + 1..s.len() - 1]);
        if !alias.is_empty() && place_only(alias).is_ok() {
            return place_only(head);
        }
    }
    place_only(s)
}

/// [`place`] without the parenthesized alias.
fn place_only(s: &str) -> Result<(), Reject> {
    // The level of a place's government: "湖南省级" (doc 077), "市本级".
    let s = s
        .strip_suffix("本级")
        .or_else(|| s.strip_suffix('级'))
        .unwrap_or(s);
    let n = common(s)?;
    if n < 2 {
        return Err(Reject::TooShort);
    }
    let Some(last) = s.chars().next_back() else {
        return Err(Reject::Empty);
    };
    if !PLACE_CHARS.contains(&last) {
        return Err(Reject::NoPlace);
    }
    // "柳城县人民政府办公室柳城县" ends with a place but holds an
    // organisation: not a place (wide corpus). Single characters such as
    // 会 or 团 start real places (会泽县, 团风县), so only longer words and
    // the characters of offices count.
    if let Some(w) = ORG_ENDS
        .iter()
        .find(|w| w.chars().count() >= 2 && !matches!(**w, "街道") && s.contains(**w))
    {
        return Err(Reject::Word(w));
    }
    if let Some(c) = s.chars().find(|c| "局委办厅".contains(*c)) {
        return Err(Reject::Character(c));
    }
    if deictic(s) {
        return Err(Reject::Deictic);
    }
    Ok(())
}

/// Words of page furniture that no title holds.
/// The first characters of NOT_IN_TITLES's words (a test keeps them in step).
const FURNITURE_FIRST: &[char] = &['索', '信', '发', '浏', '字', '打', '分'];

const NOT_IN_TITLES: &[&str] = &[
    "索引号",
    "信息名称",
    "发布机构",
    "发文字号",
    "发布日期",
    "浏览次数",
    "字体",
    "打印",
    "分享到",
];

/// Checks the text of a title (a section's heading, the document's title):
/// words, not a table row ('|'), not a sentence ('。'), no pinyin gloss
/// (a tone-marked Latin letter), no furniture. The same stages that find
/// names ask here for titles (issue 10: "公务用车购置|0|0|", "財cái政", "信息名称:").
pub fn title(s: &str) -> Result<(), Reject> {
    let t = s.trim();
    if t.is_empty() {
        return Err(Reject::Empty);
    }
    // One pass (every heading candidate of a document passes here): the
    // first bad character, and which furniture words occur, reported in
    // the order NoWord, Character, Word (the first of NOT_IN_TITLES).
    let mut han = false;
    let mut bad = None;
    let mut words = 0u32;
    for (i, c) in t.char_indices() {
        han |= is_han(c);
        if bad.is_none()
            && (matches!(c, '|' | '。') || ('à'..='ǜ').contains(&c) && TONE_MARKED.contains(c))
        {
            bad = Some(c);
        }
        if FURNITURE_FIRST.contains(&c) {
            for (k, w) in NOT_IN_TITLES.iter().enumerate() {
                if t[i..].starts_with(w) {
                    words |= 1 << k;
                }
            }
        }
    }
    if !han {
        return Err(Reject::NoWord);
    }
    if let Some(c) = bad {
        return Err(Reject::Character(c));
    }
    if words != 0 {
        return Err(Reject::Word(NOT_IN_TITLES[words.trailing_zeros() as usize]));
    }
    if let Some(ext) = file_extension(t).or_else(|| file_extension_inside(t)) {
        return Err(Reject::Word(ext));
    }
    Ok(())
}

/// The extensions of the files a page links to.
const FILE_EXTENSIONS: &[&str] = &[
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".et", ".ofd", ".zip", ".rar",
];

/// A file's name inside `t`: "理局2023年部门预算.pdf中国(黑龙江)…" (a
/// download page's lines run together; wide a023 wrapped) is no title.
fn file_extension_inside(t: &str) -> Option<&'static str> {
    if !t.contains('.') {
        return None;
    }
    let lower = t.to_ascii_lowercase();
    FILE_EXTENSIONS.iter().copied().find(|e| {
        lower.match_indices(e).any(|(i, _)| {
            !lower[i + e.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric())
        })
    })
}

/// The file extension `t` ends with, if any: "2023年度部门决算公开说明-水保站.pdf"
/// (wide b001) or "1. 2024年部门预算公开表.xls" in a page's list of
/// attachments is a link to a file, never a title or a heading.
pub fn file_extension(t: &str) -> Option<&'static str> {
    let t = t.trim_end();
    let dot = t.rfind('.')?;
    let tail = &t[dot..];
    FILE_EXTENSIONS
        .iter()
        .copied()
        .find(|e| tail.eq_ignore_ascii_case(e))
}

/// Latin letters with tone marks: pinyin, never a budget word.
const TONE_MARKED: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ";

/// Checks the author of a whole-government report: a place, or a place's
/// government or finance bureau ("和平区财政局", "下陆区政府").
pub fn government(s: &str, places: &Places<'_>) -> Result<(), Reject> {
    place(s).or_else(|e| organisation(s, places).map_err(|_| e))
}

/// "我市", "全区", "本县": a place word for the document's own place. (A
/// real place may start with 本 or 全, "本溪市", "全椒县": those are longer.)
fn deictic(s: &str) -> bool {
    let mut cs = s.chars();
    match (cs.next(), cs.next(), cs.next()) {
        (Some(a), Some(b), None) => "我本全各该此".contains(a) && PLACE_CHARS.contains(&b),
        (Some(a), None, None) => PLACE_CHARS.contains(&a),
        _ => false,
    }
}

/// The name starts with the short form of a place that the document
/// names with its suffix: "海原甘盐池种羊场" on a page that says 海原县.
fn short_place(s: &str, places: &Places<'_>) -> bool {
    let mut ends = s.char_indices().skip(2).map(|(i, _)| i);
    ends.next()
        .is_some_and(|two| places.stems().contains(&s[..two]))
}

/// The short forms of the places a document names with their suffix: the
/// two Han characters before each 县/市/区/旗/州/省 ("海原" of 海原县). Built
/// once per document, in one pass, so that a name is checked in constant
/// time (a check that searched the text for each name was quadratic on a
/// page of many candidate names).
#[derive(Clone, Debug, Default)]
pub struct Places<'a> {
    text: &'a str,
    /// Gathered on the first question: most names carry their place and
    /// never ask.
    stems: std::sync::OnceLock<std::collections::HashSet<&'a str>>,
}

impl<'a> Places<'a> {
    pub fn of(text: &'a str) -> Places<'a> {
        Places {
            text,
            stems: std::sync::OnceLock::new(),
        }
    }

    fn stems(&self) -> &std::collections::HashSet<&'a str> {
        self.stems.get_or_init(|| {
            let text = self.text;
            let mut stems = std::collections::HashSet::new();
            // (And 省: "云南日报报业集团" under "中共云南省委"; an unseen
            // provincial newspaper group's 2024 final accounts.)
            for (i, _) in text.match_indices(['县', '市', '区', '旗', '州', '省']) {
                let mut before = text[..i].char_indices().rev();
                let (Some((_, y)), Some((a, x))) = (before.next(), before.next()) else {
                    continue;
                };
                // "市城" of "黄石市城区" is no stem: a stem holds no place
                // suffix ("市城管委" is "the city's 城管委"; wide b035 flattened).
                let plain = |c: char| is_han(c) && !PLACE_CHARS.contains(&c);
                if plain(x) && plain(y) && stems.len() < 4096 {
                    stems.insert(&text[a..i]);
                }
            }
            stems
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_first_characters_are_in_step() {
        for w in NOT_IN_TITLES {
            assert!(FURNITURE_FIRST.contains(&w.chars().next().unwrap()), "{w}");
            assert_eq!(title(&format!("一、{w}")), Err(Reject::Word(w)));
        }
        assert_eq!(title("一、bái 打印"), Err(Reject::Character('á')));
        assert_eq!(title("一、部门概况"), Ok(()));
    }

    #[test]
    fn names_from_the_wide_corpus() {
        for ok in [
            "乌拉特后旗林业和草原局",
            "宣汉县人民医院",
            "中共儋州市委巡察工作领导小组办公室",
            "中国(黑龙江)自由贸易试验区绥芬河片区管理委员会互市贸易区管理局",
            "新疆乌鲁木齐高新技术产业开发区(乌鲁木齐市新市区)机场片区管委会",
            "秦安县第三幼儿园",
            "国家信访局",
            "西南大学",
            "洱源县右所镇",
            "海南省交通运输部门",
            "温泉街道办事处",
            "云南中医药大学第二附属医院",
        ] {
            assert_eq!(organisation(ok, &Places::default()), Ok(()), "{ok}");
        }
        for (bad, why) in [
            ("关于和平区", Reject::Word("关于")),
            ("信息名称:", Reject::Character(':')),
            ("标题:万宁市政务服务中心", Reject::Character(':')),
            ("林业和草原局", Reject::NoPlace),
            ("省卫生健康委员会", Reject::NoPlace),
            ("柳城县人民政府办公室柳城县", Reject::RepeatedPlace),
            ("本部门设5个", Reject::Character('5')),
            ("(河南省)X县", Reject::Parenthesis),
            ("我市财政局", Reject::Deictic),
            ("澧县财政总", Reject::NoOrganisationWord),
            ("预算执行情况及", Reject::Word("预算")),
            ("黄陂区武汉市黄陂区木兰乡", Reject::RepeatedPlace),
            ("东湖区东湖区卫生健康委员会", Reject::RepeatedPlace),
            ("指导推进本市国有及国有控股企业改革和重组", Reject::Deictic),
            ("各街道办事处", Reject::NoPlace),
            ("乡村振兴办公室", Reject::NoPlace),
            ("自治区政协办公厅", Reject::Deictic),
            ("大学生服务中心", Reject::NoPlace),
        ] {
            assert_eq!(organisation(bad, &Places::default()), Err(why), "{bad}");
        }
        assert_eq!(
            organisation("海原甘盐池种羊场", &Places::default()),
            Err(Reject::NoPlace)
        );
        assert_eq!(
            organisation("海原甘盐池种羊场", &Places::of("海原县人民政府门户网")),
            Ok(())
        );
    }

    #[test]
    fn titles() {
        for ok in ["部门概况", "2024年度部门决算表", "“三公”经费支出情况说明"]
        {
            assert_eq!(title(ok), Ok(()), "{ok}");
        }
        assert_eq!(title("2022"), Err(Reject::NoWord));
        assert_eq!(title("2024年部门预算公开表.XLS"), Err(Reject::Word(".xls")));
        assert_eq!(title("公务用车购置|0|0|"), Err(Reject::Character('|')));
        assert_eq!(title("財cái政撥款"), Err(Reject::Character('á')));
        assert_eq!(
            title("信息名称:2024年部门预算"),
            Err(Reject::Word("信息名称"))
        );
    }

    #[test]
    fn places() {
        for ok in ["东莞市", "澧县", "上海市黄浦区", "本溪市", "深汕特别合作区"]
        {
            assert_eq!(place(ok), Ok(()), "{ok}");
        }
        assert_eq!(place("我市"), Err(Reject::Deictic));
        assert_eq!(place("全区"), Err(Reject::Deictic));
        assert_eq!(place("财政"), Err(Reject::NoPlace));
        assert_eq!(government("下陆区政府", &Places::default()), Ok(()));
    }
}
