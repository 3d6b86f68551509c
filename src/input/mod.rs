//! Input: bytes to text.
//!
//! Takes the raw bytes of a file and gives text plus what was read
//! ([`Loaded`]): the format (text, HTML, DOCX) and the encoding (UTF-8,
//! UTF-16LE/BE by byte-order mark, GB18030 and other legacy encodings guessed
//! by chardetng on a prefix and decoded with encoding_rs), or PDF with a
//! text layer ([`pdf`]). What cannot be read is an [`Error`] that says why
//! and what to do: binary data, legacy .doc, a broken DOCX, a scanned,
//! encrypted or broken PDF.
//!
//! For HTML, DOCX and PDF the text is the extracted text, and spans refer to it;
//! `cnbudget extract --text` prints it so users can check a span.

pub mod docx;
pub mod html;
pub mod pdf;

use crate::error::{Error, ErrorKind};
use std::borrow::Cow;
use std::io::Read;
use std::path::Path;

/// Default upper bound on the size of one input, in bytes (64 MiB).
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// What was read, and how.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub text: String,
    /// `text` | `html` | `docx` | `pdf`.
    pub format: &'static str,
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE`, `GB18030`, `Big5` …
    pub encoding: &'static str,
    /// Malformed byte sequences were replaced by U+FFFD while decoding.
    pub replaced: bool,
}

/// Decodes `bytes` as UTF-8, dropping a leading BOM (plain UTF-8 only; see
/// [`load`] for the other encodings and formats).
pub fn decode(bytes: &[u8]) -> Result<String, Error> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => Err(Error::new(
            ErrorKind::Encoding,
            format!(
                "not valid UTF-8 (first bad byte at offset {})",
                e.valid_up_to() + (bytes.len() - body.len())
            ),
        )),
    }
}

/// Reads any supported input. `ext` is the file extension (lower case), if
/// any; `max` bounds decompressed DOCX content.
pub fn load(bytes: &[u8], ext: Option<&str>, max: u64) -> Result<Loaded, Error> {
    load_cow(Cow::Borrowed(bytes), ext, max)
}

/// [`load`] taking the bytes: UTF-8 text (nearly every input) becomes the
/// `String` without a copy.
pub fn load_owned(bytes: Vec<u8>, ext: Option<&str>, max: u64) -> Result<Loaded, Error> {
    load_cow(Cow::Owned(bytes), ext, max)
}

fn load_cow(bytes: Cow<'_, [u8]>, ext: Option<&str>, max: u64) -> Result<Loaded, Error> {
    if is_pdf(&bytes) || ext == Some("pdf") {
        let text = pdf::to_text(&bytes, max).map_err(|m| Error::new(ErrorKind::Format, m))?;
        return Ok(Loaded {
            text,
            format: "pdf",
            encoding: "UTF-8",
            replaced: false,
        });
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") || ext == Some("doc") {
        return Err(Error::new(
            ErrorKind::Format,
            "a legacy Word .doc: save it as .docx, or convert with `libreoffice --headless --convert-to docx`",
        ));
    }
    if bytes.starts_with(b"PK\x03\x04") || ext == Some("docx") {
        let text = docx::to_text(&bytes, max).map_err(|m| Error::new(ErrorKind::Format, m))?;
        return Ok(Loaded {
            text,
            format: "docx",
            encoding: "UTF-8",
            replaced: false,
        });
    }
    let (text, encoding, replaced) = decode_any(bytes)?;
    let is_html =
        matches!(ext, Some("html" | "htm" | "shtml" | "xhtml" | "mhtml")) || html::sniff(&text);
    if is_html {
        return Ok(Loaded {
            text: html::to_text(&text),
            format: "html",
            encoding,
            replaced,
        });
    }
    Ok(Loaded {
        text,
        format: "text",
        encoding,
        replaced,
    })
}

/// `%PDF-` within the first 1024 bytes, where readers look for it (some
/// files carry a few bytes of junk before it).
fn is_pdf(bytes: &[u8]) -> bool {
    memchr::memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some()
}

/// Text in any encoding we read: BOMs first, then UTF-8, then a guess.
fn decode_any(bytes: Cow<'_, [u8]>) -> Result<(String, &'static str, bool), Error> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(&bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok((text.into_owned(), enc.name(), had_errors));
    }
    // Owned bytes become the text as they are; borrowed ones are copied
    // only once they are known to be UTF-8.
    let bytes: Cow<'_, [u8]> = match bytes {
        Cow::Owned(v) => match String::from_utf8(v) {
            Ok(s) if s.contains('\0') => return Err(binary()),
            Ok(s) => return Ok((s, "UTF-8", false)),
            Err(e) => Cow::Owned(e.into_bytes()),
        },
        Cow::Borrowed(b) => match std::str::from_utf8(b) {
            Ok(s) if s.contains('\0') => return Err(binary()),
            Ok(s) => return Ok((s.to_owned(), "UTF-8", false)),
            Err(_) => Cow::Borrowed(b),
        },
    };
    let bytes: &[u8] = &bytes;
    // Mostly UTF-8 with a few bad bytes (a truncated download, a stray
    // byte): keep it as UTF-8, replacing what is malformed, and say so.
    let lossy = String::from_utf8_lossy(bytes);
    let bad = lossy.matches('\u{fffd}').count();
    if bad * 100 < lossy.chars().count() && !lossy.contains('\0') {
        return Ok((lossy.into_owned(), "UTF-8", true));
    }
    // Not UTF-8: binary data, or a legacy encoding.
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if head.contains(&0) {
        return Err(binary());
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(head, head.len() == bytes.len());
    let enc = det.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    // GBK text is decoded as GB18030, its superset (encoding_rs's GBK
    // decoder is the GB18030 decoder).
    let (enc, name) = if enc == encoding_rs::GBK || enc == encoding_rs::GB18030 {
        (encoding_rs::GB18030, "GB18030")
    } else {
        (enc, enc.name())
    };
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let text = text.into_owned();
    // A guess that decodes to mostly replacement or control characters was
    // binary after all.
    let bad = text
        .chars()
        .filter(|&c| c == '\u{fffd}' || (c.is_control() && !c.is_whitespace()))
        .count();
    if bad * 20 > text.chars().count().max(1) {
        return Err(binary());
    }
    Ok((text, name, had_errors))
}

fn binary() -> Error {
    Error::new(
        ErrorKind::Encoding,
        "binary data (NUL or control bytes), not text",
    )
}

/// Reads a file (or standard input for `-`) and loads it.
pub fn read_path(path: &Path, max_bytes: u64) -> Result<Loaded, Error> {
    let bytes = read_bytes(path, max_bytes)?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    load_owned(bytes, ext.as_deref(), max_bytes).map_err(|e| e.with_path(path))
}

/// Reads the raw bytes of a file or of standard input (`-`), bounded by
/// `max_bytes`.
pub fn read_bytes(path: &Path, max_bytes: u64) -> Result<Vec<u8>, Error> {
    let io = |e: std::io::Error| Error::new(ErrorKind::Io, e.to_string()).with_path(path);
    let mut buf = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .take(max_bytes.saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(io)?;
    } else {
        // Opened first, then asked for its size: one path look-up per file.
        let f = std::fs::File::open(path).map_err(io)?;
        let meta = f.metadata().map_err(io)?;
        if meta.is_dir() {
            return Err(Error::new(ErrorKind::Io, "is a directory, not a file").with_path(path));
        }
        if meta.len() > max_bytes {
            return Err(too_large(max_bytes).with_path(path));
        }
        // Sized from the metadata: one read and one at EOF, where growing
        // from empty took eight reads for a small file (strace of batch).
        // `take` still bounds a file that grows after the check.
        buf.reserve_exact(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
        f.take(max_bytes.saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(io)?;
    }
    if buf.len() as u64 > max_bytes {
        return Err(too_large(max_bytes).with_path(path));
    }
    Ok(buf)
}

fn too_large(max: u64) -> Error {
    Error::new(
        ErrorKind::TooLarge,
        format!("larger than the maximum input size of {max} bytes (see --max-bytes)"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap(), "abc");
        assert_eq!(load(b"\xEF\xBB\xBFabc", None, 100).unwrap().text, "abc");
    }

    #[test]
    fn invalid_utf8_names_offset() {
        let e = decode(b"ab\xFFcd").unwrap_err();
        assert_eq!(e.kind, ErrorKind::Encoding);
        assert!(e.message.contains("offset 2"), "{}", e.message);
    }

    #[test]
    fn utf16_and_gb18030() {
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "收入772.94万元"
                    .encode_utf16()
                    .flat_map(|u| u.to_le_bytes()),
            )
            .collect();
        let l = load(&utf16, None, 1000).unwrap();
        assert_eq!(
            (l.text.as_str(), l.encoding),
            ("收入772.94万元", "UTF-16LE")
        );
        let (gb, _, _) = encoding_rs::GB18030
            .encode("重庆市万州区党政信息中心2024年单位预算情况说明，收入预算772.94万元。");
        let l = load(&gb, Some("txt"), 1000).unwrap();
        assert_eq!(l.encoding, "GB18030");
        assert!(l.text.contains("772.94万元"));
    }

    #[test]
    fn binary_and_broken_pdf_are_errors() {
        assert_eq!(
            load(b"\0\x01\x02abc", None, 100).unwrap_err().kind,
            ErrorKind::Encoding
        );
        let e = load(b"%PDF-1.7", None, 100).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Format);
        assert!(e.message.contains("PDF"), "{}", e.message);
    }
}
