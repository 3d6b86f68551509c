//! DOCX → text: `word/document.xml` of the zip, paragraphs as lines, table
//! rows as lines with cells separated by " | ", runs joined (Word splits runs
//! anywhere, also in the middle of a number: "77" + "2.94万元").

use quick_xml::events::Event;
use quick_xml::reader::Reader;
use std::io::{Cursor, Read};

/// Extracts the text, or a message saying why not. `max` bounds the size
/// of the decompressed XML (a zip bomb stops there).
pub fn to_text(bytes: &[u8], max: u64) -> Result<String, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a readable DOCX (zip): {e}"))?;
    let mut xml = Vec::new();
    {
        let part = zip
            .by_name("word/document.xml")
            .map_err(|_| "a zip without word/document.xml: not a DOCX".to_string())?;
        part.take(max + 1)
            .read_to_end(&mut xml)
            .map_err(|e| format!("cannot decompress word/document.xml: {e}"))?;
    }
    if xml.len() as u64 > max {
        return Err(format!(
            "word/document.xml is larger than {max} bytes once decompressed"
        ));
    }
    let mut reader = Reader::from_reader(xml.as_slice());
    let mut out = String::new();
    let mut buf = Vec::new();
    let mut in_text = false;
    let mut cell_depth = 0usize;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                b"t" => in_text = true,
                b"tc" => cell_depth += 1,
                _ => {}
            },
            Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"tab" => out.push('\t'),
                b"br" | b"cr" => out.push('\n'),
                _ => {}
            },
            Ok(Event::Text(t)) if in_text => {
                let s = t
                    .decode()
                    .map_err(|e| format!("bad text in word/document.xml: {e}"))?;
                let s = quick_xml::escape::unescape(&s)
                    .map_err(|e| format!("bad text in word/document.xml: {e}"))?;
                out.push_str(&s);
            }
            Ok(Event::GeneralRef(r)) if in_text => {
                // &amp; and friends arrive as references in quick-xml 0.38+.
                let name = r.decode().map_err(|e| format!("bad reference: {e}"))?;
                let reference = format!("&{name};");
                let s = quick_xml::escape::unescape(&reference)
                    .map_err(|e| format!("bad reference: {e}"))?;
                out.push_str(&s);
            }
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => out.push(if cell_depth > 0 { ' ' } else { '\n' }),
                b"tc" => {
                    cell_depth = cell_depth.saturating_sub(1);
                    let trimmed = out.trim_end_matches(' ').len();
                    out.truncate(trimmed);
                    out.push_str(" | ");
                }
                b"tr" => {
                    let trimmed = out.trim_end_matches([' ', '|']).len();
                    out.truncate(trimmed);
                    out.push('\n');
                }
                _ => {}
            },
            Ok(Event::Eof) => break,
            Err(e) => {
                return Err(format!(
                    "bad XML in word/document.xml at byte {}: {e}",
                    reader.buffer_position()
                ));
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}
