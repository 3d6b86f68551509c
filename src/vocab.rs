//! Domain vocabulary: section kinds and functional classes.
//!
//! Encoded from `../shared/reference/sections.tsv` and
//! `../shared/reference/function_classes.tsv` (2024 支出功能分类 类级, with
//! older names such as 医疗卫生与计划生育支出). Matching is on meaning-bearing
//! words, not exact headings, because every district words them a little
//! differently ("单位基本情况", "部门基本情况", "部门决算收支情况说明").

/// Functional classes: code, then names (current first, older and short
/// forms after). Longer names come before their prefixes when matched.
pub const FUNCTION_CLASSES: &[(&str, &[&str])] = &[
    ("201", &["一般公共服务支出", "一般公共服务"]),
    ("202", &["外交支出"]),
    ("203", &["国防支出"]),
    // Doc 027 prints "一般公共安全支出" (a misprint of 公共安全支出 under a procuratorate).
    ("204", &["公共安全支出", "一般公共安全支出"]),
    ("205", &["教育支出"]),
    ("206", &["科学技术支出"]),
    (
        "207",
        &[
            "文化旅游体育与传媒支出",
            "文化体育与传媒支出",
            "文化旅游体育与传媒",
        ],
    ),
    ("208", &["社会保障和就业支出", "社会保障和就业"]),
    ("209", &["社会保险基金支出"]),
    (
        "210",
        &[
            "卫生健康支出",
            "医疗卫生与计划生育支出",
            "医疗卫生支出",
            "卫生健康",
        ],
    ),
    ("211", &["节能环保支出", "环境保护支出"]),
    ("212", &["城乡社区支出", "城乡社区事务支出"]),
    ("213", &["农林水支出", "农林水事务支出"]),
    ("214", &["交通运输支出"]),
    (
        "215",
        &[
            "资源勘探工业信息等支出",
            "资源勘探信息等支出",
            "资源勘探电力信息等支出",
        ],
    ),
    ("216", &["商业服务业等支出"]),
    ("217", &["金融支出", "金融监管等支出"]),
    ("219", &["援助其他地区支出"]),
    (
        "220",
        &[
            "自然资源海洋气象等支出",
            "国土海洋气象等支出",
            "国土资源气象等支出",
        ],
    ),
    ("221", &["住房保障支出", "住房保障"]),
    ("222", &["粮油物资储备支出"]),
    ("224", &["灾害防治及应急管理支出"]),
    ("227", &["预备费"]),
    ("229", &["其他支出"]),
    ("230", &["转移性支出"]),
    ("231", &["债务还本支出"]),
    ("232", &["债务付息支出"]),
    ("233", &["债务发行费用支出"]),
];

/// What may follow a class name in a label ("一般公共服务支出预算").
const CLASS_SUFFIXES: &[&str] = &[
    "",
    "预算",
    "类科目",
    "(类)",
    // "一般公共服务支出(类)支出2,906.63万元" (long-cities g008).
    "(类)支出",
    "类",
    "决算",
    "决算数",
    "预算数",
    "合计",
];

/// Every class name with the position of its (code, name) pair in
/// [`FUNCTION_CLASSES`], which decides between names that both fit.
static CLASS_NAMES: std::sync::LazyLock<
    std::collections::HashMap<&'static str, (usize, &'static str), Fnv>,
> = std::sync::LazyLock::new(|| {
    let mut m = std::collections::HashMap::with_hasher(Fnv::default());
    let mut order = 0;
    for (code, names) in FUNCTION_CLASSES {
        for name in *names {
            m.entry(*name).or_insert((order, *code));
            order += 1;
        }
    }
    m
});

/// FNV-1a for the class-name table: the keys are fixed words and the
/// look-ups run for every amount and change, where SipHash (the default,
/// made to resist chosen keys) cost more than the rest of the look-up.
#[derive(Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

impl std::hash::BuildHasher for Fnv {
    type Hasher = Fnv;
    fn build_hasher(&self) -> Fnv {
        *self
    }
}

/// The functional class a label names, if it is one: the label must start
/// with the class name, optionally followed by 预算 / 类科目 / (类) / 决算.
/// Looked up by the head left after each possible suffix (a few hash
/// look-ups instead of a prefix test against every name: this runs for
/// every amount and change).
pub fn function_class(label: &str) -> Option<&'static str> {
    let l = label.trim();
    // A time word before the class: "本年度一般公共服务支出决算数" (sentence
    // frames of figure_keys.tsv's vocabulary, 2026-12-02).
    let l = ["本年度", "本年", "全年", "当年", "年度"]
        .iter()
        .find_map(|p| l.strip_prefix(p))
        .unwrap_or(l);
    // "201-一般公共服务支出23653万元" (wide b005): the class's code before
    // its name, which must then be the name's.
    let digits = l.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 3 {
        if let Some(name) = l[3..].strip_prefix(['-', ' ', '—']) {
            return function_class(name).filter(|c| *c == &l[..3]);
        }
    }
    let mut best: Option<(usize, &'static str)> = None;
    let last = l.as_bytes().last();
    for suffix in CLASS_SUFFIXES {
        // The last byte first: `strip_suffix` is a `memcmp` call, nine per
        // label, and most labels end in none of these.
        if !suffix.is_empty() && suffix.as_bytes().last() != last {
            continue;
        }
        let Some(head) = l.strip_suffix(suffix) else {
            continue;
        };
        if let Some(&(order, code)) = CLASS_NAMES.get(head.trim_end()) {
            if best.is_none_or(|(o, _)| order < o) {
                best = Some((order, code));
            }
        }
    }
    best.map(|(_, code)| code)
}

/// Section kinds (keys of sections.tsv), tried in order: the first whose
/// words all occur in the title wins. Specific kinds come before general
/// ones (三公 before 情况说明).
const SECTION_RULES: &[(&str, &[&str])] = &[
    ("glossary", &["名词解释"]),
    ("part_tables", &["预算表"]),
    ("part_tables", &["决算表"]),
    ("part_tables", &["公开表"]),
    ("attachments", &["附件"]),
    ("attachments", &["附表"]),
    ("sangong", &["三公"]),
    ("operating_costs", &["机关运行经费"]),
    ("operating_costs", &["行政经费"]),
    ("procurement", &["政府采购"]),
    ("assets", &["国有资产"]),
    ("performance", &["绩效"]),
    ("gov_fund", &["政府性基金"]),
    ("soe_capital", &["国有资本经营"]),
    ("gpb_basic", &["一般公共预算", "基本支出"]),
    ("gpb_expenditure", &["一般公共预算", "支出"]),
    ("gpb_expenditure", &["一般公共预算", "拨款"]),
    ("fiscal_overall", &["财政拨款", "收支"]),
    ("fiscal_overall", &["财政拨款", "收入支出"]),
    ("transfer_payments", &["转移支付"]),
    ("project_expense", &["项目经费"]),
    ("general_spending", &["一般性支出"]),
    ("scope_notes", &["口径"]),
    ("key_work", &["重点工作"]),
    ("key_work", &["主要工作任务"]),
    ("duties", &["职责"]),
    ("duties", &["职能"]),
    ("org", &["机构设置"]),
    ("org", &["单位构成"]),
    ("org", &["机构情况"]),
    ("org", &["人员情况"]),
    ("org", &["内设机构"]),
    ("part_overview", &["概况"]),
    ("part_overview", &["基本情况"]),
    ("other_matters", &["其他", "事项"]),
    ("other_matters", &["其他", "说明"]),
    ("overall", &["收支", "总体"]),
    ("overall", &["收入支出", "总体"]),
    ("overall", &["收支", "增减"]),
    ("overall", &["收支", "情况"]),
    ("revenue", &["收入"]),
    ("expenditure", &["支出"]),
    ("part_explanation", &["预算", "说明"]),
    ("part_explanation", &["决算", "说明"]),
    ("part_explanation", &["决算", "情况"]),
];

/// The distinct words of [`SECTION_RULES`] in one automaton, and each
/// rule as a bit mask over them: one pass over a title finds every word,
/// then the first rule whose words are all present wins. (Testing the rules
/// one substring search at a time was the costliest step of building the
/// report: it runs for every section, amount and change.)
static SECTION_MATCHER: std::sync::LazyLock<(aho_corasick::AhoCorasick, Vec<(&'static str, u64)>)> =
    std::sync::LazyLock::new(|| {
        let mut words: Vec<&'static str> = Vec::new();
        for (_, ws) in SECTION_RULES {
            for w in *ws {
                if !words.contains(w) {
                    words.push(w);
                }
            }
        }
        let rules = SECTION_RULES
            .iter()
            .map(|(k, ws)| {
                let mask = ws
                    .iter()
                    .map(|w| 1u64 << words.iter().position(|x| x == w).unwrap_or(63))
                    .fold(0, |a, b| a | b);
                (*k, mask)
            })
            .collect();
        #[allow(clippy::expect_used)] // fixed word list
        let ac = aho_corasick::AhoCorasick::new(&words).expect("section words automaton");
        (ac, rules)
    });

/// The kind of a section from its (normalized) title, or `None`.
pub fn section_kind(title: &str) -> Option<&'static str> {
    let (ac, rules) = &*SECTION_MATCHER;
    let mut present = 0u64;
    for m in ac.find_overlapping_iter(title) {
        present |= 1 << m.pattern().as_usize();
    }
    if present == 0 {
        return None;
    }
    rules
        .iter()
        .find(|(_, mask)| present & mask == *mask)
        .map(|(k, _)| *k)
}

/// Kinds that 财预〔2016〕143号 requires in the explanation text of a 部门
/// 预算/决算 (the `mandated = 143` rows of sections.tsv that are text, not
/// tables), each with the kinds that also satisfy it.
pub const MANDATED: &[(&str, &[&str])] = &[
    ("duties", &["duties", "part_overview"]),
    ("org", &["org", "part_overview"]),
    (
        "overall",
        &[
            "overall",
            "revenue",
            "expenditure",
            "part_explanation",
            "fiscal_overall",
        ],
    ),
    ("sangong", &["sangong"]),
    ("operating_costs", &["operating_costs", "other_matters"]),
    ("procurement", &["procurement", "other_matters"]),
    ("glossary", &["glossary"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(function_class("一般公共服务支出"), Some("201"));
        assert_eq!(function_class("社会保障和就业支出预算"), Some("208"));
        assert_eq!(function_class("文化旅游体育与传媒支出类科目"), Some("207"));
        assert_eq!(function_class("医疗卫生与计划生育支出"), Some("210"));
        assert_eq!(function_class("一般公共预算支出"), None);
        assert_eq!(function_class("基本支出"), None);
    }

    #[test]
    fn fewer_than_64_words() {
        let mut words: Vec<&str> = SECTION_RULES
            .iter()
            .flat_map(|(_, w)| w.iter().copied())
            .collect();
        words.sort_unstable();
        words.dedup();
        assert!(words.len() < 64, "the rule masks are u64");
    }

    #[test]
    fn kinds() {
        assert_eq!(section_kind("单位基本情况"), Some("part_overview"));
        assert_eq!(section_kind("单位收支总体情况"), Some("overall"));
        assert_eq!(section_kind("单位预算情况说明"), Some("part_explanation"));
        assert_eq!(section_kind("“三公”经费情况说明"), Some("sangong"));
        assert_eq!(
            section_kind("其他重要事项的情况说明"),
            Some("other_matters")
        );
        assert_eq!(section_kind("专业性名词解释"), Some("glossary"));
        assert_eq!(section_kind("部门决算收支情况说明"), Some("overall"));
        assert_eq!(section_kind("职能职责"), Some("duties"));
    }
}
