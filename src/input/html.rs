//! HTML → text, for saved web pages.
//!
//! Drops `<script>`, `<style>`, `<nav>`, `<head>`, `<noscript>`, `<iframe>`,
//! `<select>` and comments; turns block elements (p, div, br, li, tr, h1–h6,
//! table, section …) into line breaks and table cells into " | "; decodes
//! character references (&nbsp; &amp; &#12345; &#x4E00; …). One pass over
//! the input, no DOM: linear time on any input, however broken the markup.

/// Elements whose whole content is dropped.
const SKIP: &[&str] = &[
    "script", "style", "nav", "head", "noscript", "iframe", "select", "template", "svg",
];
/// Elements that start or end a line.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "tbody",
    "thead",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "hr",
    "dl",
    "dt",
    "dd",
    "title",
    "form",
];

/// Extracts the text of an HTML document.
pub fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let b = html.as_bytes();
    let mut i = 0;
    let mut skip_until: Option<String> = None;
    while i < b.len() {
        if b[i] == b'<' {
            // Comment.
            if html[i..].starts_with("<!--") {
                i = html[i + 4..].find("-->").map_or(b.len(), |e| i + 4 + e + 3);
                continue;
            }
            let Some(end) = tag_end(b, i) else {
                // A lone '<' in text.
                if skip_until.is_none() {
                    out.push('<');
                }
                i += 1;
                continue;
            };
            let tag = &html[i + 1..end];
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            i = end + 1;
            if let Some(s) = &skip_until {
                if closing && name == *s {
                    skip_until = None;
                }
                continue;
            }
            if !closing && SKIP.contains(&name.as_str()) && !tag.ends_with('/') {
                skip_until = Some(name);
                continue;
            }
            if BLOCK.contains(&name.as_str()) {
                if !out.ends_with('\n') && !out.is_empty() {
                    out.push('\n');
                }
            } else if (name == "td" || name == "th") && closing {
                out.push_str(" | ");
            }
            continue;
        }
        if skip_until.is_some() {
            i += html[i..].find('<').unwrap_or(b.len() - i);
            continue;
        }
        // Text up to the next tag, with references decoded and white space
        // runs (source formatting) folded to one space.
        let next = html[i..].find('<').map_or(b.len(), |k| i + k);
        push_text(&mut out, &html[i..next]);
        i = next;
    }
    // Tidy: no spaces at line ends, no runs of blank lines.
    let mut tidy = String::with_capacity(out.len());
    let mut blank = 0;
    for line in out.lines() {
        let l = line.trim();
        if l.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        tidy.push_str(l);
        tidy.push('\n');
    }
    tidy
}

/// The '>' closing a tag that starts at `i`, or `None` if `<` does not
/// start a tag (a '<' in text: "a < b").
fn tag_end(b: &[u8], i: usize) -> Option<usize> {
    let next = *b.get(i + 1)?;
    if !(next.is_ascii_alphabetic() || next == b'/' || next == b'!' || next == b'?') {
        return None;
    }
    let mut quote = 0u8;
    for (k, &c) in b.iter().enumerate().skip(i + 1) {
        match c {
            b'"' | b'\'' if quote == 0 => quote = c,
            c2 if c2 == quote => quote = 0,
            b'>' if quote == 0 => return Some(k),
            _ => {}
        }
    }
    None
}

fn push_text(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        push_folded(out, &rest[..amp]);
        let tail = &rest[amp..];
        match decode_ref(tail) {
            Some((c, len)) => {
                if c == '\u{a0}' {
                    out.push(' ');
                } else {
                    out.push(c);
                }
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    push_folded(out, rest);
}

fn push_folded(out: &mut String, s: &str) {
    for c in s.chars() {
        if c == '\r' || c == '\n' || c == '\t' {
            if !out.ends_with(' ') && !out.ends_with('\n') && !out.is_empty() {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

/// Decodes a character reference at the start of `s` ("&amp;", "&#20013;").
fn decode_ref(s: &str) -> Option<(char, usize)> {
    // ';' is ASCII, so its index is a character boundary (the bytes before
    // it may be anything: "&#65288;一）" was a panic here once).
    let semi = s.bytes().take(12).position(|b| b == b';')?;
    let body = &s[1..semi];
    let c = if let Some(num) = body.strip_prefix('#') {
        let n = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse().ok()?
        };
        char::from_u32(n)?
    } else {
        match body {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            "ldquo" => '“',
            "rdquo" => '”',
            "lsquo" => '‘',
            "rsquo" => '’',
            "mdash" => '—',
            "ndash" => '–',
            "hellip" => '…',
            "middot" => '·',
            "times" => '×',
            "yen" => '¥',
            "emsp" | "ensp" | "thinsp" => ' ',
            _ => return None,
        }
    };
    Some((c, semi + 1))
}

/// True when bytes look like an HTML document.
pub fn sniff(head: &str) -> bool {
    let t = head.trim_start();
    // The first KiB, cut at a character boundary (cut inside a character,
    // `get` gave nothing and a page with Chinese early on read as text).
    let mut end = t.len().min(1024);
    while !t.is_char_boundary(end) {
        end -= 1;
    }
    let l = t[..end].to_ascii_lowercase();
    l.starts_with("<!doctype html")
        || l.starts_with("<html")
        || l.contains("<body")
        || l.contains("<head>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_a_page_whose_first_kib_ends_inside_a_character() {
        // Byte 1024 falls inside a 3-byte character.
        let page = format!(
            "<!DOCTYPE html><html><head><title>a{}</title>",
            "预算".repeat(200)
        );
        assert!(!page.is_char_boundary(1024));
        assert!(sniff(&page));
    }

    #[test]
    fn strips_scripts_and_nav_keeps_blocks() {
        let h = "<html><head><title>t</title><script>var a='<p>';</script></head><body><nav><a>首页</a></nav>\
                 <p>收入预算&nbsp;772.94万元</p><div>比上年减少<b>18.89</b>万元&amp;</div><table><tr><td>a</td><td>b</td></tr></table></body></html>";
        let t = to_text(h);
        assert!(!t.contains("var a") && !t.contains("首页"), "{t}");
        assert!(
            t.contains("收入预算 772.94万元\n比上年减少18.89万元&\n"),
            "{t}"
        );
        assert!(t.contains("a | b |"), "{t}");
    }

    #[test]
    fn references_next_to_wide_characters() {
        assert_eq!(to_text("<p>&#65288;一）职能</p>"), "（一）职能\n");
        assert_eq!(to_text("<p>&一二三四五</p>"), "&一二三四五\n");
    }

    #[test]
    fn broken_markup_is_linear_and_safe() {
        let t = to_text("a < b <p unclosed \"quote > x");
        assert!(t.starts_with("a < b"));
        let big = "<div>".repeat(50_000);
        assert!(to_text(&big).trim().is_empty());
    }
}
