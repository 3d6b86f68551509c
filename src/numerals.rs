//! Chinese numerals: 一千二百, 壹仟贰佰, 三点五, 十二, 两百零五 …
//!
//! Used by the amount extractor (一千二百万元, 壹仟贰佰万元整) and by the
//! heading markers (第十二部分, 十一、). Values are exact decimals; a numeral
//! that does not parse, or is too large for a [`Decimal`], gives `None`.

use rust_decimal::Decimal;

/// The value of one Chinese digit character, or `None`.
pub fn digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' | 'O' => 0,
        '一' | '壹' | '幺' => 1,
        '二' | '两' | '贰' | '貳' | '兩' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// The multiplier of a small unit character (十 百 千), or `None`.
fn small_unit(c: char) -> Option<u32> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// True for any character that may appear inside a Chinese numeral.
pub fn is_numeral_char(c: char) -> bool {
    digit(c).is_some() || small_unit(c).is_some() || matches!(c, '万' | '萬' | '亿' | '億' | '点')
}

/// Parses a whole Chinese numeral (integer part, optional 点 + digits).
///
/// Accepts the positional forms (一千二百, 两百零五, 十二, 一万三千) and the
/// digit-string form (二〇二四). Rejects empty input, stray characters and
/// malformed sequences such as "万万" without digits; never panics, and runs
/// in time linear in the input.
pub fn parse(s: &str) -> Option<Decimal> {
    let (int_part, frac_part) = match s.split_once('点') {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    };
    let mut value = parse_integer(int_part)?;
    if let Some(frac) = frac_part {
        if frac.is_empty() {
            return None;
        }
        let mut digits = String::with_capacity(frac.len() + 2);
        digits.push_str("0.");
        for c in frac.chars() {
            digits.push(char::from_digit(digit(c)?, 10)?);
        }
        let f: Decimal = digits.parse().ok()?;
        value = value.checked_add(f)?;
    }
    Some(value)
}

fn parse_integer(s: &str) -> Option<Decimal> {
    if s.is_empty() {
        return None;
    }
    // Digit-string form: every character a digit (二〇二四).
    if s.chars().count() > 1 && s.chars().all(|c| digit(c).is_some()) {
        let mut v = Decimal::ZERO;
        for c in s.chars() {
            v = v
                .checked_mul(Decimal::TEN)?
                .checked_add(Decimal::from(digit(c)?))?;
        }
        return Some(v);
    }
    // Positional form. `total` holds completed 亿 groups, `section` the
    // current group below 万/亿, `pending` the last digit not yet placed.
    let mut total = Decimal::ZERO; // sum of parts already multiplied by 亿
    let mut wan_part = Decimal::ZERO; // part multiplied by 万 within current 亿 group
    let mut section = Decimal::ZERO; // below 万
    let mut pending: Option<u32> = None;
    let mut saw_any = false;
    let mut last_small = u32::MAX; // enforce 千 > 百 > 十 within a section
    for c in s.chars() {
        if let Some(d) = digit(c) {
            if pending.is_some() && d != 0 {
                return None; // two digits in a row in positional form: "一二百"
            }
            pending = if d == 0 { None } else { Some(d) };
            saw_any = true;
        } else if let Some(m) = small_unit(c) {
            if m >= last_small {
                return None;
            }
            last_small = m;
            let d = pending.take().unwrap_or(1); // 十二 = 1×10 + 2
            section = section.checked_add(Decimal::from(d * m))?;
            saw_any = true;
        } else if matches!(c, '万' | '萬') {
            if !saw_any {
                return None;
            }
            let group = section.checked_add(Decimal::from(pending.take().unwrap_or(0)))?;
            if group.is_zero() && wan_part.is_zero() && total.is_zero() {
                return None;
            }
            wan_part = wan_part.checked_add(group.checked_mul(Decimal::from(10_000))?)?;
            section = Decimal::ZERO;
            last_small = u32::MAX;
        } else if matches!(c, '亿' | '億') {
            if !saw_any {
                return None;
            }
            let group = section
                .checked_add(Decimal::from(pending.take().unwrap_or(0)))?
                .checked_add(wan_part)?;
            let below = total.checked_add(group)?;
            if below.is_zero() {
                return None;
            }
            total = below.checked_mul(Decimal::from(100_000_000))?;
            wan_part = Decimal::ZERO;
            section = Decimal::ZERO;
            last_small = u32::MAX;
        } else {
            return None;
        }
    }
    if !saw_any {
        return None;
    }
    // A trailing digit after a unit is read "一万二" = 12000 only in speech;
    // documents write 一万二千. Take it as units (一万零二 = 10002).
    let tail = Decimal::from(pending.unwrap_or(0));
    total
        .checked_add(wan_part)?
        .checked_add(section)?
        .checked_add(tail)
}

/// A small Chinese or Arabic ordinal as used in heading markers (一 … 九十九, 1 … 999).
pub fn ordinal(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    if let Some(n) = small_ordinal(s) {
        return Some(n);
    }
    parse(s)?.normalize().to_string().parse().ok()
}

/// 一 … 九十九 by hand: the forms heading markers use, read for every
/// heading line and label (through exact decimals, this was 1% of extract).
fn small_ordinal(s: &str) -> Option<u32> {
    let d = |c: char| {
        "一二三四五六七八九"
            .chars()
            .position(|x| x == c)
            .map(|i| i as u32 + 1)
    };
    let mut it = s.chars();
    let (a, b, c, rest) = (it.next(), it.next(), it.next(), it.next());
    if rest.is_some() {
        return None;
    }
    match (a, b, c) {
        (Some('十'), None, None) => Some(10),
        (Some('十'), Some(y), None) => Some(10 + d(y)?),
        (Some(x), None, None) => d(x),
        (Some(x), Some('十'), None) => Some(10 * d(x)?),
        (Some(x), Some('十'), Some(y)) => Some(10 * d(x)? + d(y)?),
        _ => None,
    }
}

/// `d` as its `Display` prints it ("7729400", "0.05", "-1.20"), without
/// the formatting machinery: a report prints a value or two per amount and
/// fact, and `Decimal`'s `Display` (a digit loop over 96-bit words, then
/// `pad_integral`) was 3.7% of `extract`.
pub fn decimal_text(d: Decimal) -> String {
    let scale = d.scale() as usize;
    let m = d.mantissa().unsigned_abs();
    let mut buf = [0u8; 40];
    let mut i = buf.len();
    match u64::try_from(m) {
        Ok(mut v) => loop {
            i -= 1;
            buf[i] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        },
        Err(_) => {
            let mut v = m;
            loop {
                i -= 1;
                buf[i] = b'0' + (v % 10) as u8;
                v /= 10;
                if v == 0 {
                    break;
                }
            }
        }
    }
    let digits = &buf[i..];
    let mut out = String::with_capacity(digits.len() + scale + 3);
    if d.is_sign_negative() {
        out.push('-');
    }
    fn ascii(b: &[u8]) -> impl Iterator<Item = char> + '_ {
        b.iter().map(|&c| char::from(c))
    }
    if scale == 0 {
        out.extend(ascii(digits));
    } else if digits.len() <= scale {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', scale - digits.len()));
        out.extend(ascii(digits));
    } else {
        let (whole, frac) = digits.split_at(digits.len() - scale);
        out.extend(ascii(whole));
        out.push('.');
        out.extend(ascii(frac));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_text_is_display() {
        let mut cases: Vec<Decimal> = [
            "0",
            "0.00",
            "-0",
            "1",
            "-1",
            "7729400",
            "0.05",
            "-1.20",
            "10.950",
            "0.000001",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "7.9228162514264337593543950335",
            "18446744073709551615",
            "18446744073709551616",
            "0.0000000000000000000000000001",
        ]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
        // A spread of mantissas and scales, both signs.
        let mut m: u128 = 1;
        while m < (1u128 << 96) {
            for scale in [0, 1, 2, 4, 9, 19, 28] {
                for neg in [false, true] {
                    let lo = m as u32;
                    let mid = (m >> 32) as u32;
                    let hi = (m >> 64) as u32;
                    cases.push(Decimal::from_parts(lo, mid, hi, neg, scale));
                }
            }
            m = m * 7 + 3;
        }
        for d in cases {
            assert_eq!(decimal_text(d), d.to_string(), "{d:?}");
        }
    }

    fn p(s: &str) -> Option<String> {
        parse(s).map(|d| d.normalize().to_string())
    }

    #[test]
    fn positional() {
        assert_eq!(p("一千二百").as_deref(), Some("1200"));
        assert_eq!(p("十二").as_deref(), Some("12"));
        assert_eq!(p("两百零五").as_deref(), Some("205"));
        assert_eq!(p("一万二千三百四十五").as_deref(), Some("12345"));
        assert_eq!(p("壹仟玖佰").as_deref(), Some("1900"));
        assert_eq!(p("三点五").as_deref(), Some("3.5"));
        assert_eq!(p("一亿零五十万").as_deref(), Some("100500000"));
        assert_eq!(p("二〇二四").as_deref(), Some("2024"));
    }

    #[test]
    fn small_ordinals_agree_with_the_general_parser() {
        let ds = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        for a in ds {
            for b in ["", "十"] {
                for c in ds {
                    let s = format!("{a}{b}{c}");
                    let general =
                        parse(&s).and_then(|d| d.normalize().to_string().parse::<u32>().ok());
                    if let Some(n) = small_ordinal(&s) {
                        assert_eq!(Some(n), general, "{s}");
                    }
                }
            }
        }
        assert_eq!(small_ordinal("二十三"), Some(23));
        assert_eq!(small_ordinal("十"), Some(10));
        assert_eq!(small_ordinal("一百"), None);
    }

    #[test]
    fn rejects_garbage() {
        assert_eq!(p(""), None);
        assert_eq!(p("万"), None);
        assert_eq!(p("一二百"), None);
        assert_eq!(p("百千"), None);
        assert_eq!(p("点五"), None);
    }

    #[test]
    fn ordinals() {
        assert_eq!(ordinal("十一"), Some(11));
        assert_eq!(ordinal("12"), Some(12));
        assert_eq!(ordinal("二十"), Some(20));
    }
}
