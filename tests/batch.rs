#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Batch ingestion: the seed as UTF-8, GB18030, UTF-16 (BOM), HTML (with
//! script and navigation) and DOCX gives the same amounts for all five; an
//! empty and a binary file each give a record; -j 1 and -j 2 write the same
//! bytes; the CSV starts with a BOM.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cnbudget"))
}

fn seed() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/seed_wanzhou_2024_budget.txt"
    ))
    .unwrap()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A minimal DOCX whose runs split every paragraph in the middle (Word
/// splits runs anywhere, also inside numbers).
fn docx(text: &str) -> Vec<u8> {
    let mut body = String::new();
    for line in text.lines() {
        let chars: Vec<char> = line.chars().collect();
        let (a, b) = chars.split_at(chars.len() / 2);
        let (a, b): (String, String) = (a.iter().collect(), b.iter().collect());
        body.push_str(&format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            xml_escape(&a),
            xml_escape(&b)
        ));
    }
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        z.start_file("[Content_Types].xml", opts).unwrap();
        z.write_all(b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")
            .unwrap();
        z.start_file("word/document.xml", opts).unwrap();
        z.write_all(xml.as_bytes()).unwrap();
        z.finish().unwrap();
    }
    buf.into_inner()
}

fn html(text: &str) -> String {
    let mut h = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>预算公开</title>\
         <script>var total = '999.99万元'; document.write('<p>1.00万元</p>');</script>\
         <style>p { color: red }</style></head><body>\
         <nav><a href=\"/\">首页</a> &gt; <a>政务公开</a> 88.8万元</nav><div class=\"content\">",
    );
    for line in text.lines() {
        h.push_str(&format!(
            "<p>{}</p>\n",
            xml_escape(line).replace('（', "&#65288;")
        ));
    }
    h.push_str("</div><footer>版权所有</footer></body></html>");
    h
}

fn fixture_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cnbudget-batch-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let s = seed();
    std::fs::write(dir.join("a_utf8.txt"), &s).unwrap();
    let (gb, _, _) = encoding_rs::GB18030.encode(&s);
    std::fs::write(dir.join("b_gb18030.txt"), &gb).unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(s.encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    std::fs::write(dir.join("c_utf16.txt"), utf16).unwrap();
    std::fs::write(dir.join("sub/d_page.html"), html(&s)).unwrap();
    std::fs::write(dir.join("sub/e_word.docx"), docx(&s)).unwrap();
    std::fs::write(dir.join("f_empty.txt"), b"").unwrap();
    std::fs::write(
        dir.join("g_binary.bin"),
        (0u8..=255).cycle().take(4096).collect::<Vec<_>>(),
    )
    .unwrap();
    std::fs::write(dir.join("h_scan.pdf"), b"%PDF-1.7\n%binary").unwrap();
    dir
}

fn lines(p: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(p)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn yuan_list(v: &serde_json::Value) -> Vec<String> {
    v["amounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["yuan"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn five_formats_same_amounts_and_one_record_per_file() {
    let dir = fixture_dir("formats");
    let out1 = dir.join("out1.jsonl");
    let csv = dir.join("facts.csv");
    let st = bin()
        .args(["batch", "-j", "1", "--quiet", "-o"])
        .arg(&out1)
        .arg("--csv")
        .arg(&csv)
        .arg(&dir)
        .status()
        .unwrap();
    assert_eq!(
        st.code(),
        Some(1),
        "the binary and PDF files fail, so exit 1"
    );
    let recs = lines(&out1);
    let paths: Vec<&str> = recs
        .iter()
        .map(|r| r["source"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(recs.len(), 8, "one record per input: {paths:?}");
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "sorted path order");
    let plain = yuan_list(&serde_json::to_value(cnbudget::extract(&seed())).unwrap());
    assert_eq!(plain.len(), 41);
    for (name, enc, fmt) in [
        ("a_utf8.txt", "UTF-8", "text"),
        ("b_gb18030.txt", "GB18030", "text"),
        ("c_utf16.txt", "UTF-16LE", "text"),
        ("d_page.html", "UTF-8", "html"),
        ("e_word.docx", "UTF-8", "docx"),
    ] {
        let r = recs
            .iter()
            .find(|r| r["source"]["path"].as_str().unwrap().ends_with(name))
            .unwrap();
        assert_eq!(r["source"]["encoding"], enc, "{name}");
        assert_eq!(r["source"]["format"], fmt, "{name}");
        assert_eq!(r["source"]["sha256"].as_str().map(str::len), Some(64));
        assert_eq!(
            yuan_list(r),
            plain,
            "{name}: amounts differ from the plain seed"
        );
        assert_eq!(
            r["document"]["agency"], "重庆市万州区党政信息中心",
            "{name}"
        );
    }
    let rec = |n: &str| {
        recs.iter()
            .find(|r| r["source"]["path"].as_str().unwrap().ends_with(n))
            .unwrap()
    };
    assert!(rec("f_empty.txt")["amounts"].as_array().unwrap().is_empty());
    assert_eq!(rec("g_binary.bin")["error"]["kind"], "encoding");
    assert_eq!(rec("h_scan.pdf")["error"]["kind"], "format");
    assert!(
        rec("h_scan.pdf")["error"]["message"]
            .as_str()
            .unwrap()
            .contains("broken PDF")
    );

    let csv_bytes = std::fs::read(&csv).unwrap();
    assert!(
        csv_bytes.starts_with("\u{feff}path,item,agency".as_bytes()),
        "CSV starts with a BOM and the header"
    );
    let csv_text = String::from_utf8(csv_bytes).unwrap();
    assert!(
        csv_text.contains(
            ",fact,重庆市万州区党政信息中心,2024,budget,revenue.total,772.94,万元,7729400,"
        )
    );

    // -j 2 writes the same bytes.
    let out2 = dir.join("out2.jsonl");
    let csv2 = dir.join("facts2.csv");
    bin()
        .args(["batch", "-j", "2", "--quiet", "-o"])
        .arg(&out2)
        .arg("--csv")
        .arg(&csv2)
        .arg(&dir)
        .status()
        .unwrap();
    // The second run also sees out1.jsonl and facts.csv: compare the records of the fixtures.
    let a = std::fs::read_to_string(&out1).unwrap();
    let b: String = std::fs::read_to_string(&out2)
        .unwrap()
        .lines()
        .filter(|l| !l.contains("out1.jsonl") && !l.contains("facts.csv"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(a, b, "-j 1 and -j 2 differ");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn same_bytes_whatever_the_thread_count() {
    let dir = fixture_dir("threads");
    let run = |j: &str| {
        let out = bin()
            .args(["batch", "--quiet", "-j", j])
            .arg(&dir)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&out.stderr).contains("8 files, 6 ok, 2 failed"));
        out.stdout
    };
    let one = run("1");
    assert_eq!(one, run("2"));
    assert_eq!(one, run("4"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn files_from_and_missing_paths() {
    let dir = fixture_dir("list");
    let list = dir.join("list.txt");
    std::fs::write(
        &list,
        format!(
            "{}\n\n{}\n",
            dir.join("a_utf8.txt").display(),
            dir.join("nope.txt").display()
        ),
    )
    .unwrap();
    let out = bin()
        .args(["batch", "--quiet", "--files-from"])
        .arg(&list)
        .output()
        .unwrap();
    let recs: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[1]["error"]["kind"], "io");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn extract_text_prints_what_spans_index() {
    let dir = fixture_dir("text");
    let page = dir.join("sub/d_page.html");
    let text = bin()
        .args(["extract", "--text"])
        .arg(&page)
        .output()
        .unwrap()
        .stdout;
    let text = String::from_utf8(text).unwrap();
    assert!(!text.contains("var total") && !text.contains("首页"));
    let json = bin()
        .args(["extract", "--compact"])
        .arg(&page)
        .output()
        .unwrap()
        .stdout;
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    for a in v["amounts"].as_array().unwrap() {
        let (s, e) = (
            a["span"]["start"].as_u64().unwrap() as usize,
            a["span"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], a["text"].as_str().unwrap());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn zero_loss_on_links_huge_files_and_missing_paths() {
    let dir = std::env::temp_dir().join(format!("cnbudget-batch-{}-loss", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("d")).unwrap();
    std::fs::write(dir.join("d/ok.txt"), "收入预算100万元。").unwrap();
    std::fs::write(dir.join("d/huge.txt"), "收入".repeat(10_000)).unwrap();
    std::os::unix::fs::symlink("self_loop", dir.join("d/self_loop")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("d/up")).unwrap(); // a directory loop
    std::os::unix::fs::symlink("gone.txt", dir.join("d/dangling.txt")).unwrap();
    let list = dir.join("list.txt");
    std::fs::write(
        &list,
        format!(
            "{}\n{}\n",
            dir.join("d").display(),
            dir.join("vanished.txt").display()
        ),
    )
    .unwrap();
    let out = bin()
        .args(["batch", "--quiet", "--max-bytes", "1000", "--files-from"])
        .arg(&list)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let recs: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let kind = |name: &str| {
        let r = recs
            .iter()
            .find(|r| r["source"]["path"].as_str().unwrap().ends_with(name))
            .unwrap_or_else(|| panic!("no record for {name}"));
        r["error"]["kind"].as_str().unwrap_or("ok").to_string()
    };
    assert_eq!(recs.len(), 6, "six inputs, six records: {recs:?}");
    assert_eq!(kind("ok.txt"), "ok");
    assert_eq!(kind("huge.txt"), "too_large");
    assert_eq!(kind("self_loop"), "io");
    assert_eq!(kind("up"), "io");
    assert_eq!(kind("dangling.txt"), "io");
    assert_eq!(kind("vanished.txt"), "io");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::{BufRead, BufReader};
    let dir = fixture_dir("pipe");
    for i in 0..200 {
        std::fs::write(dir.join(format!("m{i:03}.txt")), seed()).unwrap();
    }
    let mut child = bin()
        .args(["batch", "--quiet", "-j", "2"])
        .arg(&dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here: the pipe closes, as with `| head -1`.
    let out = child.wait_with_output().unwrap();
    assert!(first.starts_with("{\"source\""));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        out.status.code().is_some(),
        "killed by a signal instead of ending"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn tables_csv_has_one_row_per_cell() {
    let dir = std::env::temp_dir().join(format!("cnbudget-tables-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("corpus/jd20_native_pdf.pdf"), dir.join("a.pdf")).unwrap();
    let csv = dir.join("tables.csv");
    let out = dir.join("out.jsonl");
    let st = bin()
        .args(["batch", "--quiet", "-o"])
        .arg(&out)
        .arg("--tables-csv")
        .arg(&csv)
        .arg(dir.join("a.pdf"))
        .status()
        .unwrap();
    assert_eq!(st.code(), Some(0));
    let text = String::from_utf8(std::fs::read(&csv).unwrap()).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "\u{feff}path,agency,year,kind,table,caption,table_kind,unit,row,side,code,label,column,head,text,value,yuan,start,end"
    );
    let rec: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(&out).unwrap().trim()).unwrap();
    let cells: usize = rec["tables"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["rows"].as_array().unwrap())
        .map(|r| r["cells"].as_array().unwrap().len())
        .sum();
    assert_eq!(lines.clone().count(), cells);
    assert!(
        lines.any(|l| l.contains(",2070104,图书馆,1,基本支出,832.40,832.40,8324000,")),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
