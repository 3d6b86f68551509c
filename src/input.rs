//! Input: bytes to text.
//!
//! Takes raw bytes, gives a `String`. Today only UTF-8 (with or without a
//! byte-order mark) is read; anything else is an [`ErrorKind::Encoding`]
//! error that says where the first bad byte is. Other encodings (GB18030,
//! UTF-16) and formats (HTML, DOCX) come later through this module.
//!
//! The BOM is dropped before anything else sees the text, so spans count
//! from the first character after it.

use crate::error::{Error, ErrorKind};
use std::io::Read;
use std::path::Path;

/// Default upper bound on the size of one input, in bytes (64 MiB).
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Decodes `bytes` as UTF-8, dropping a leading BOM.
pub fn decode(bytes: &[u8]) -> Result<String, Error> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.starts_with(b"\xFF\xFE") || body.starts_with(b"\xFE\xFF") {
        return Err(Error::new(
            ErrorKind::Encoding,
            "looks like UTF-16 (byte-order mark); only UTF-8 is read for now: convert with `iconv -f UTF-16 -t UTF-8`",
        ));
    }
    match std::str::from_utf8(body) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => Err(Error::new(
            ErrorKind::Encoding,
            format!(
                "not valid UTF-8 (first bad byte at offset {}); if the file is GBK/GB18030, convert it with `iconv -f GB18030 -t UTF-8`",
                e.valid_up_to() + (bytes.len() - body.len())
            ),
        )),
    }
}

/// Reads a file (or standard input for `-`) and decodes it, refusing inputs
/// larger than `max_bytes`.
pub fn read_path(path: &Path, max_bytes: u64) -> Result<String, Error> {
    let bytes = read_bytes(path, max_bytes)?;
    decode(&bytes).map_err(|e| e.with_path(path))
}

/// Reads the raw bytes of a file or of standard input (`-`), bounded by
/// `max_bytes`.
pub fn read_bytes(path: &Path, max_bytes: u64) -> Result<Vec<u8>, Error> {
    let io = |e: std::io::Error| Error::new(ErrorKind::Io, e.to_string()).with_path(path);
    let mut buf = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .take(max_bytes + 1)
            .read_to_end(&mut buf)
            .map_err(io)?;
    } else {
        let meta = std::fs::metadata(path).map_err(io)?;
        if meta.is_dir() {
            return Err(Error::new(ErrorKind::Io, "is a directory, not a file").with_path(path));
        }
        let f = std::fs::File::open(path).map_err(io)?;
        f.take(max_bytes + 1).read_to_end(&mut buf).map_err(io)?;
    }
    if buf.len() as u64 > max_bytes {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!("larger than the maximum input size of {max_bytes} bytes (see --max-bytes)"),
        )
        .with_path(path));
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap(), "abc");
    }

    #[test]
    fn invalid_utf8_names_offset() {
        let e = decode(b"ab\xFFcd").unwrap_err();
        assert_eq!(e.kind, ErrorKind::Encoding);
        assert!(e.message.contains("offset 2"), "{}", e.message);
    }
}
