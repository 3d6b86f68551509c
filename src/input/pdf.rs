//! PDF → text, natively: the text layer's positioned runs (oxidize-pdf)
//! rebuilt into lines the way `pdftotext -layout` prints them, so that a
//! table row is one line with its cells in order and prose reads in order.
//!
//! Why oxidize-pdf: on the 266 PDFs of the scrape `../shared/corpus/pdf`
//! comes from it read every file, handles the predefined CJK CMaps
//! (GBK-EUC-H, UniGB-UCS2-H) that other crates panic on or drop, and gives
//! text runs with positions (`corpus/pdf/CRATES.md`).
//!
//! The rebuild, page by page:
//! 1. runs to display space: each page's `/Rotate` applied (the landscape
//!    tables of 烟台 are portrait pages turned 90°; without it rows fall
//!    apart), y measured from the top;
//! 2. a run drawn twice at the same place (fake bold, "序号序号") is kept once;
//! 3. runs on one baseline (within a third of the font size) make a line;
//!    in a line, runs in x order, with one space for a small gap and two or
//!    more for a column gap (a cell boundary, as pdftotext -layout shows it);
//! 4. a page number alone on the first or last line ("- 5 -", "第3页") is
//!    page furniture and dropped; pages are separated by a form feed.
//!
//! What cannot be read is an error saying why: encrypted, scanned (no text
//! layer: under 20 characters a page), broken. The reader runs under
//! `catch_unwind`, so a panic inside it on a hostile file is an error too.

use oxidize_pdf::parser::objects::{PdfDictionary, PdfObject};
use oxidize_pdf::parser::{ParseError, PdfDocument, PdfReader};
use oxidize_pdf::text::{ExtractionOptions, TextExtractor, TextFragment};
use std::io::Cursor;

/// At most this many pages are read (a page tree that claims more is hostile
/// or not a budget document).
const MAX_PAGES: u32 = 5000;

/// Text of one page is bounded by this many bytes.
const MAX_PAGE_BYTES: usize = 4 << 20;

/// Fewer visible characters than this per page on average: a scan.
const MIN_CHARS_PER_PAGE: usize = 20;

/// A run of positioned text on a page, in display space (y from the top).
#[derive(Clone, Debug)]
struct Run {
    text: String,
    x: f64,
    /// Baseline, from the top of the displayed page.
    y: f64,
    width: f64,
    size: f64,
}

/// Extracts the text of a PDF, or a message saying why not. `max` bounds the
/// size of the text.
pub fn to_text(bytes: &[u8], max: u64) -> Result<String, String> {
    // The reader's state lives inside `read`; nothing is observed after a
    // panic but the error.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read(bytes, max))) {
        Ok(r) => r,
        Err(_) => Err("a broken PDF: the PDF reader failed on it".to_string()),
    }
}

fn open(bytes: &[u8]) -> Result<PdfDocument<Guarded<'_>>, String> {
    Ok(PdfDocument::new(
        PdfReader::new(Guarded::new(bytes)).map_err(open_error)?,
    ))
}

/// The bytes as the reader sees them, with a bound on how it reads them: a
/// damaged cross-reference table that runs to the end of the file made
/// oxidize-pdf 5.5.6 read empty lines at the end forever (fuzz, a cut
/// xref); with the guard, reading at the end more than [`EOF_READS`] times,
/// or reading more than [`READ_FACTOR`] times the file (a loop of seeks
/// back), is an I/O error, and so an error record instead of a hang.
struct Guarded<'a> {
    inner: Cursor<&'a [u8]>,
    eof_reads: u32,
    read: u64,
    budget: u64,
}

/// Reads at the end of the file allowed (a reader needs a handful).
const EOF_READS: u32 = 10_000;

/// Bytes a reader may read, as a multiple of the file's size (plus 64 MiB).
const READ_FACTOR: u64 = 64;

impl<'a> Guarded<'a> {
    fn new(bytes: &'a [u8]) -> Guarded<'a> {
        Guarded {
            inner: Cursor::new(bytes),
            eof_reads: 0,
            read: 0,
            budget: (bytes.len() as u64).saturating_mul(READ_FACTOR) + (64 << 20),
        }
    }
}

impl std::io::Read for Guarded<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() {
            self.eof_reads += 1;
            if self.eof_reads > EOF_READS {
                return Err(std::io::Error::other(
                    "read past the end of the file again and again",
                ));
            }
        }
        self.read += n as u64;
        if self.read > self.budget {
            return Err(std::io::Error::other("read the file over and over"));
        }
        Ok(n)
    }
}

impl std::io::Seek for Guarded<'_> {
    fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
        self.inner.seek(pos)
    }
}

fn read(bytes: &[u8], max: u64) -> Result<String, String> {
    let bytes = &*cap_stream_lengths(bytes);
    let doc = open(bytes)?;
    let pages = doc.page_count().map_err(open_error)?;
    if pages == 0 {
        return Err("a PDF without pages".to_string());
    }
    if pages > MAX_PAGES {
        return Err(format!(
            "a PDF of {pages} pages: more than the {MAX_PAGES} cnbudget reads"
        ));
    }
    // Long documents are read by up to four workers, each with its own
    // reader over the same bytes and a run of consecutive pages; the pages
    // are put together in order, so the text is the same whatever the
    // number of workers. (The reader is not shareable between threads.)
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(4)
        .min(pages as usize / PAGES_PER_WORKER)
        .max(1);
    let chunk = (pages as usize).div_ceil(workers);
    let ranges: Vec<std::ops::Range<u32>> = (0..workers)
        .map(|w| {
            let a = (w * chunk).min(pages as usize) as u32;
            let b = ((w + 1) * chunk).min(pages as usize) as u32;
            a..b
        })
        .collect();
    let deadline = std::time::Instant::now() + time_budget(pages);
    let parts: Vec<Result<(String, usize), String>> = if workers == 1 {
        vec![read_pages(&doc, 0..pages, max, deadline)]
    } else {
        drop(doc);
        std::thread::scope(|s| {
            let handles: Vec<_> = ranges
                .into_iter()
                .map(|r| s.spawn(move || read_pages(&open(bytes)?, r, max, deadline)))
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err("a broken PDF: the PDF reader failed on it".into()))
                })
                .collect()
        })
    };
    let mut out = String::new();
    let mut visible = 0usize;
    for p in parts {
        let (text, v) = p?;
        out.push_str(&text);
        visible += v;
        if out.len() as u64 > max {
            return Err(too_long(max));
        }
    }
    if visible < MIN_CHARS_PER_PAGE * pages as usize {
        return Err(format!(
            "scanned: no text layer ({visible} characters on {pages} pages); OCR it first"
        ));
    }
    Ok(out)
}

/// The time a document may take: 10 s and 0.1 s a page (a 40-page budget
/// reads in about 0.1 s; a 5,000-page file may take 510 s). Checked before
/// each page: a hostile file whose pages each take long ends in an error
/// instead of running on. (A page that never ends inside the reader is not
/// stopped: nothing in-process can stop it; none is known.) The one place
/// where the machine's speed can change a result, and only for such files.
fn time_budget(pages: u32) -> std::time::Duration {
    std::time::Duration::from_millis(10_000 + 100 * u64::from(pages))
}

/// A worker is given at least this many pages.
const PAGES_PER_WORKER: usize = 8;

fn too_long(max: u64) -> String {
    format!("the PDF's text is larger than {max} bytes (see --max-bytes)")
}

/// The text of pages `range` (each page but the document's first preceded
/// by a form feed) and the number of visible characters on them.
fn read_pages(
    doc: &PdfDocument<Guarded<'_>>,
    range: std::ops::Range<u32>,
    max: u64,
    deadline: std::time::Instant,
) -> Result<(String, usize), String> {
    let opts = ExtractionOptions {
        preserve_layout: true,
        max_extracted_bytes: Some(MAX_PAGE_BYTES),
        ..Default::default()
    };
    // One extractor for all the pages: it keeps the fonts it has read, and
    // reading a font (an embedded program inflated for its metrics) was 63 %
    // of the time when each page had its own (callgrind, pdf r234).
    let mut extractor = TextExtractor::with_options(opts);
    let mut out = String::new();
    let mut visible = 0usize;
    for i in range {
        if std::time::Instant::now() > deadline {
            return Err(format!(
                "a PDF that takes too long to read: over its time budget at page {}",
                i + 1
            ));
        }
        let page = doc
            .get_page(i)
            .map_err(|e| format!("a broken PDF: page {}: {e}", i + 1))?;
        let resources = page.dict.get("Resources").map_or_else(
            || page.inherited_resources.clone(),
            |r| doc.resolve(r).ok().and_then(|r| r.as_dict().cloned()),
        );
        if let Some(res) = resources {
            sound_resources(doc, &res, &mut Vec::new(), &mut Default::default())
                .map_err(|m| format!("a broken PDF: page {}: {m}", i + 1))?;
        }
        // A page whose text cannot be read is left empty rather than the
        // whole document lost; the scan check catches a document where
        // that is every page.
        let runs = match extractor.extract_from_page(doc, i) {
            Ok(t) => display_runs(&t.fragments, page.rotation, page.media_box),
            Err(_) => Vec::new(),
        };
        visible += runs
            .iter()
            .map(|r| r.text.chars().filter(|c| !c.is_whitespace()).count())
            .sum::<usize>();
        if i > 0 {
            out.push('\x0c');
        }
        page_text(runs, &mut out);
        if out.len() as u64 > max {
            return Err(too_long(max));
        }
    }
    Ok((out, visible))
}

/// A stream's direct `/Length` larger than the file is zeroed (its digits
/// replaced by as many `0`s, so no offset moves): oxidize-pdf 5.5.6 reserves
/// a buffer of the declared length before reading, and an allocation of
/// exabytes aborts the process, which no `catch_unwind` stops (fuzz: `/Length
/// 4099276460824344804`). No stream is longer than the file, so a valid file
/// is never changed; the reader then finds the stream's end by its keyword or
/// reports the stream broken.
fn cap_stream_lengths(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let mut out = std::borrow::Cow::Borrowed(bytes);
    let limit = bytes.len() as u128;
    for at in memchr::memmem::find_iter(bytes, b"/Length") {
        let mut i = at + b"/Length".len();
        // "/Length1" and the like are other keys.
        if !bytes
            .get(i)
            .is_some_and(|&b| b.is_ascii_whitespace() || b == b'%')
        {
            continue;
        }
        // White space and comments between the key and its value.
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii_whitespace() {
                i += 1;
            } else if b == b'%' {
                while bytes.get(i).is_some_and(|&b| b != b'\n' && b != b'\r') {
                    i += 1;
                }
            } else {
                break;
            }
        }
        if bytes.get(i) == Some(&b'+') {
            i += 1;
        }
        let start = i;
        let mut value: u128 = 0;
        while let Some(&b) = bytes.get(i).filter(|b| b.is_ascii_digit()) {
            value = value
                .saturating_mul(10)
                .saturating_add(u128::from(b - b'0'));
            i += 1;
        }
        if i > start && value > limit {
            out.to_mut()[start..i].fill(b'0');
        }
    }
    out
}

/// Form XObjects nested deeper than this are a broken file.
const MAX_FORM_DEPTH: usize = 12;

/// Checks what the PDF reader would follow without a bound: a composite
/// font whose descendant is itself composite (a cycle made oxidize-pdf 5.5.6
/// recurse, cloning a CMap each time, until memory ran out: fuzz), and form
/// XObjects that draw themselves or nest without end. Depth first, each
/// form looked at once (`done`), the forms on the way down in `path`.
fn sound_resources(
    doc: &PdfDocument<Guarded<'_>>,
    res: &PdfDictionary,
    path: &mut Vec<(u32, u16)>,
    done: &mut std::collections::HashSet<(u32, u16)>,
) -> Result<(), String> {
    if path.len() > MAX_FORM_DEPTH {
        return Err(format!(
            "form XObjects nested more than {MAX_FORM_DEPTH} deep"
        ));
    }
    let dict_of = |o: &PdfObject| -> Option<PdfDictionary> {
        match doc.resolve(o).ok()? {
            PdfObject::Dictionary(d) => Some(d),
            PdfObject::Stream(s) => Some(s.dict),
            _ => None,
        }
    };
    if let Some(fonts) = res.get("Font").and_then(dict_of) {
        for font in fonts.0.values().filter_map(dict_of) {
            let descendant =
                font.get("DescendantFonts")
                    .and_then(|d| match doc.resolve(d).ok()? {
                        PdfObject::Array(a) => a.0.first().and_then(dict_of),
                        _ => None,
                    });
            if descendant.is_some_and(|d| d.get("DescendantFonts").is_some()) {
                return Err("a composite font whose descendant is composite again".into());
            }
        }
    }
    if let Some(xobjects) = res.get("XObject").and_then(dict_of) {
        for o in xobjects.0.values() {
            let id = match o {
                PdfObject::Reference(n, g) => Some((*n, *g)),
                _ => None,
            };
            if let Some(id) = id {
                if path.contains(&id) {
                    return Err("a form XObject that draws itself".into());
                }
                if !done.insert(id) {
                    continue;
                }
            }
            let Some(x) = dict_of(o) else { continue };
            if x.get("Subtype")
                .and_then(|s| s.as_name())
                .map(|n| n.0.as_str())
                != Some("Form")
            {
                continue;
            }
            if let Some(inner) = x.get("Resources").and_then(dict_of) {
                path.push(id.unwrap_or((0, 0)));
                sound_resources(doc, &inner, path, done)?;
                path.pop();
            }
        }
    }
    Ok(())
}

fn open_error(e: ParseError) -> String {
    match e {
        ParseError::EncryptionNotSupported | ParseError::WrongPassword | ParseError::PdfLocked => {
            "encrypted: the PDF needs a password cnbudget does not have".to_string()
        }
        ParseError::EmptyFile => "an empty file (0 bytes)".to_string(),
        e => format!("a broken PDF: {e}"),
    }
}

/// The page's runs in display space: rotated by `/Rotate`, y from the top,
/// empty runs dropped.
fn display_runs(frags: &[TextFragment], rotation: i32, media: [f64; 4]) -> Vec<Run> {
    let (x0, y0, x1, y1) = (media[0], media[1], media[2], media[3]);
    let (w, h) = ((x1 - x0).abs(), (y1 - y0).abs());
    let mut runs = Vec::with_capacity(frags.len());
    for f in frags {
        let text = f.text.trim_matches(' ');
        if text.trim().is_empty() || !f.x.is_finite() || !f.y.is_finite() {
            continue;
        }
        let (ux, uy) = (f.x - x0, f.y - y0);
        // Display coordinates, y up, then flipped to y down.
        let (dx, dy_up, dh) = match rotation.rem_euclid(360) {
            90 => (uy, w - ux, w),
            180 => (w - ux, h - uy, h),
            270 => (h - uy, ux, w),
            _ => (ux, uy, h),
        };
        let size = if f.font_size.is_finite() && f.font_size > 0.5 {
            f.font_size
        } else {
            f.height.abs().max(1.0)
        };
        runs.push(Run {
            text: text.to_string(),
            x: dx,
            y: dh - dy_up,
            width: if f.width.is_finite() {
                f.width.abs()
            } else {
                0.0
            },
            size,
        });
    }
    runs
}

/// Appends the page's lines to `out`.
fn page_text(mut runs: Vec<Run>, out: &mut String) {
    if runs.is_empty() {
        return;
    }
    runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    // Runs drawn twice at the same place are kept once. Duplicates sit next
    // to each other in this order, or within a few runs of it.
    let mut kept: Vec<Run> = Vec::with_capacity(runs.len());
    for r in runs {
        let dup = kept
            .iter()
            .rev()
            .take(8)
            .any(|k| k.text == r.text && (k.x - r.x).abs() < 1.0 && (k.y - r.y).abs() < 1.0);
        if !dup {
            kept.push(r);
        }
    }
    // Lines: runs whose baseline is within a third of the font size of the
    // line's first run.
    let mut lines: Vec<Vec<Run>> = Vec::new();
    for r in kept {
        match lines.last_mut() {
            Some(line) if (r.y - line[0].y).abs() <= line[0].size.min(r.size) / 3.0 => line.push(r),
            _ => lines.push(vec![r]),
        }
    }
    let left = lines
        .iter()
        .flat_map(|l| l.iter().map(|r| r.x))
        .fold(f64::INFINITY, f64::min);
    let mut texts: Vec<String> = lines.into_iter().map(|l| line_text(l, left)).collect();
    // Page numbers on the first or last line are page furniture.
    if texts.last().is_some_and(|t| is_page_number(t)) {
        texts.pop();
    }
    if texts.len() > 1 && is_page_number(&texts[0]) {
        texts.remove(0);
    }
    for t in texts {
        out.push_str(&t);
        out.push('\n');
    }
}

/// One line: runs in x order, with spaces for the gaps between them. The
/// space unit is half the font size (the width of a Latin digit), so that
/// columns come out roughly where pdftotext -layout puts them.
fn line_text(mut runs: Vec<Run>, left: f64) -> String {
    runs.sort_by(|a, b| a.x.total_cmp(&b.x));
    let mut s = String::new();
    let unit = (runs[0].size / 2.0).max(0.5);
    let indent = ((runs[0].x - left) / unit).round().clamp(0.0, 200.0) as usize;
    s.extend(std::iter::repeat_n(' ', indent));
    let mut end = runs[0].x;
    for (i, r) in runs.iter().enumerate() {
        if i > 0 {
            let unit = (r.size / 2.0).max(0.5);
            let gap = r.x - end;
            let n = if gap < 0.4 * unit {
                0
            } else if gap < 2.0 * unit {
                1
            } else {
                ((gap / unit).round() as usize).clamp(2, 200)
            };
            s.extend(std::iter::repeat_n(' ', n));
        }
        s.push_str(&r.text);
        end = end.max(r.x + r.width);
    }
    s.truncate(s.trim_end().len());
    s
}

/// "- 5 -", "— 8 —", "5", "第3页", "3/20", "第 3 页 共 20 页".
fn is_page_number(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let core = t.trim_matches(|c: char| matches!(c, '-' | '—' | '–' | '－' | '·' | '•'));
    if core.is_empty() || core.chars().count() > 12 {
        return false;
    }
    let digits = core.chars().filter(char::is_ascii_digit).count();
    digits > 0
        && digits <= 8
        && core
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '第' | '页' | '共' | '/' | '／'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, x: f64, y: f64, width: f64) -> Run {
        Run {
            text: text.into(),
            x,
            y,
            width,
            size: 10.0,
        }
    }

    #[test]
    fn a_row_is_one_line_with_column_gaps() {
        let mut out = String::new();
        page_text(
            vec![
                run("1,200.00", 300.0, 100.4, 40.0),
                run("一、财政拨款收入", 50.0, 100.0, 80.0),
                run("800.00", 400.0, 99.8, 30.0),
                run("支出总计", 50.0, 120.0, 40.0),
            ],
            &mut out,
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2, "{out}");
        assert!(lines[0].starts_with("一、财政拨款收入  "), "{out}");
        let cells: Vec<&str> = lines[0].split_whitespace().collect();
        assert_eq!(cells, ["一、财政拨款收入", "1,200.00", "800.00"]);
    }

    #[test]
    fn runs_drawn_twice_are_kept_once() {
        let mut out = String::new();
        page_text(
            vec![
                run("序号", 50.0, 100.0, 20.0),
                run("序号", 50.3, 100.2, 20.0),
            ],
            &mut out,
        );
        assert_eq!(out, "序号\n");
    }

    #[test]
    fn glyph_runs_join_without_spaces() {
        let mut out = String::new();
        let runs = "预算单位"
            .chars()
            .enumerate()
            .map(|(i, c)| run(&c.to_string(), 50.0 + 10.0 * i as f64, 100.0, 10.0))
            .collect();
        page_text(runs, &mut out);
        assert_eq!(out, "预算单位\n");
    }

    #[test]
    fn page_numbers_are_furniture() {
        for t in ["- 5 -", "— 8 —", "5", "第3页", "3/20", "第 3 页 共 20 页"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2024", "一、收入", "合计 5", "5万元"] {
            // 2024 alone is a page number by form; a year alone on the last
            // line of a page is one too (the cover's date has 年).
            assert_eq!(is_page_number(t), t == "2024", "{t}");
        }
        let mut out = String::new();
        page_text(
            vec![
                run("正文", 50.0, 100.0, 20.0),
                run("- 5 -", 200.0, 800.0, 20.0),
            ],
            &mut out,
        );
        assert_eq!(out, "正文\n");
    }

    #[test]
    fn rotation_turns_runs_upright() {
        // A landscape table on a portrait page turned 90°: a row's cells at
        // constant user x, increasing user y.
        let f = |text: &str, x: f64, y: f64| TextFragment::new(text, x, y, 30.0, 8.0, 8.0);
        let frags = vec![f("合计", 187.0, 80.0), f("45,761.72", 187.0, 197.7)];
        let runs = display_runs(&frags, 90, [0.0, 0.0, 595.0, 842.0]);
        assert!((runs[0].y - runs[1].y).abs() < 0.01);
        assert!(runs[0].x < runs[1].x);
    }

    #[test]
    fn stream_lengths_beyond_the_file_are_zeroed() {
        let pdf = b"1 0 obj << /Length 4099276460824344804 /Length1 99999999999 >> stream";
        let capped = cap_stream_lengths(pdf);
        assert_eq!(
            &capped[..],
            &b"1 0 obj << /Length 0000000000000000000 /Length1 99999999999 >> stream"[..]
        );
        let ok = b"<< /Length %c\n 12 >>";
        assert!(matches!(
            cap_stream_lengths(ok),
            std::borrow::Cow::Borrowed(_)
        ));
        let commented = b"<< /Length %c\n 123456 >>";
        assert_eq!(
            &cap_stream_lengths(commented)[..],
            b"<< /Length %c\n 000000 >>"
        );
    }

    #[test]
    fn a_document_past_its_time_budget_is_an_error() {
        let bytes = include_bytes!("../../corpus/jd20_native_pdf.pdf");
        let doc = open(bytes).expect("opens");
        let past = std::time::Instant::now() - std::time::Duration::from_secs(1);
        let e = read_pages(&doc, 0..1, 1 << 20, past).expect_err("past its budget");
        assert!(e.contains("too long to read"), "{e}");
        let later = std::time::Instant::now() + time_budget(1);
        assert!(read_pages(&doc, 0..1, 1 << 20, later).is_ok());
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for b in [
            &b"%PDF-1.7"[..],
            b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF",
            b"",
        ] {
            assert!(to_text(b, 1 << 20).is_err());
        }
    }
}
