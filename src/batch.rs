//! Batch: many files in, one JSON line per file out, in sorted path order
//! whatever the number of threads; never fewer records than inputs.
//!
//! Inputs: files as given, directories walked recursively (sorted; dot-files
//! skipped; symbolic links to directories reported, not followed, since
//! links can loop), or a list of paths. Every input yields exactly one
//! record: the document, or an error record naming the kind and reason.
//!
//! Parallelism: worker threads take files by index; the writer puts records
//! back in order. Workers may run at most a small window ahead of the
//! writer, so memory stays flat however many files there are.

use crate::error::{Error, ErrorKind};
use crate::report::{ErrorInfo, Record, Report, Source};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::{Condvar, Mutex};

/// One input: a path, and a problem already known while listing it.
#[derive(Debug)]
pub struct Entry {
    pub path: PathBuf,
    pub problem: Option<Error>,
}

/// Files of `paths`, directories walked recursively, in sorted path order.
pub fn collect(paths: &[PathBuf]) -> Vec<Entry> {
    Walker::new(paths).collect()
}

/// A streaming walk: the inputs in sorted path order (component-wise, as
/// `Path` orders them: a directory's children sorted by name, each
/// directory expanded where it sorts), holding only the listings of the
/// directories on the current path, so memory does not grow with the
/// number of files.
pub struct Walker {
    /// Per level, the paths still to visit, in reverse order.
    stack: Vec<Vec<PathBuf>>,
}

impl Walker {
    pub fn new(paths: &[PathBuf]) -> Walker {
        let mut top = paths.to_vec();
        top.sort();
        top.dedup();
        top.reverse();
        Walker { stack: vec![top] }
    }

    /// Lists a directory: its entries sorted, dot-files skipped; or the
    /// error that stopped the listing.
    fn list(dir: &Path) -> Result<Vec<PathBuf>, Error> {
        let rd = std::fs::read_dir(dir)
            .map_err(|e| Error::new(ErrorKind::Io, format!("cannot list directory: {e}")))?;
        let mut v: Vec<PathBuf> = rd
            .filter_map(|e| e.ok())
            .filter(|e| !e.file_name().to_str().is_some_and(|n| n.starts_with('.')))
            .map(|e| e.path())
            .collect();
        v.sort();
        v.reverse();
        Ok(v)
    }
}

impl Iterator for Walker {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        loop {
            let depth = self.stack.len();
            let level = self.stack.last_mut()?;
            let Some(p) = level.pop() else {
                self.stack.pop();
                continue;
            };
            let meta = std::fs::symlink_metadata(&p);
            let is_dir = match &meta {
                Ok(m) if m.is_dir() => true,
                Ok(m)
                    if m.file_type().is_symlink()
                        && std::fs::metadata(&p).is_ok_and(|t| t.is_dir()) =>
                {
                    if depth > 1 {
                        return Some(Entry {
                            path: p,
                            problem: Some(Error::new(
                                ErrorKind::Io,
                                "a symbolic link to a directory: not followed (links can loop); name it directly to include it",
                            )),
                        });
                    }
                    // A link given by name is followed once (the user asked for it).
                    true
                }
                _ => false,
            };
            if !is_dir {
                return Some(Entry {
                    path: p,
                    problem: None,
                });
            }
            match Walker::list(&p) {
                Ok(children) => self.stack.push(children),
                Err(e) => {
                    return Some(Entry {
                        path: p,
                        problem: Some(e),
                    });
                }
            }
        }
    }
}

/// Reads the paths listed in `list`, one per line (blank lines skipped).
pub fn read_list(list: &str) -> Vec<PathBuf> {
    list.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty())
        .map(PathBuf::from)
        .collect()
}

/// One processed input.
pub struct Processed {
    pub record: Record,
    pub bytes: u64,
}

/// Reads and extracts one input; never panics on its content, never fails
/// to give a record.
pub fn process(entry: &Entry, max_bytes: u64) -> Processed {
    let path = entry.path.display().to_string();
    let mut source = Source {
        path,
        sha256: None,
        bytes: None,
        encoding: None,
        format: None,
    };
    let failed = |source: Source, e: &Error| Record::Failed {
        source,
        error: ErrorInfo {
            kind: e.kind.as_str(),
            message: e.message.clone(),
        },
    };
    if let Some(e) = &entry.problem {
        return Processed {
            record: failed(source, e),
            bytes: 0,
        };
    }
    let bytes = match crate::input::read_bytes(&entry.path, max_bytes) {
        Ok(b) => b,
        Err(e) => {
            return Processed {
                record: failed(source, &e),
                bytes: 0,
            };
        }
    };
    source.sha256 = Some(hex(&Sha256::digest(&bytes)));
    source.bytes = Some(bytes.len() as u64);
    let ext = entry
        .path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let n = bytes.len() as u64;
    match crate::input::load_owned(bytes, ext.as_deref(), max_bytes) {
        Ok(loaded) => {
            source.encoding = Some(loaded.encoding);
            source.format = Some(loaded.format);
            let report = crate::extract_loaded(&loaded, &crate::Options::default());
            Processed {
                record: Record::Ok {
                    source,
                    report: Box::new(report),
                },
                bytes: n,
            }
        }
        Err(e) => Processed {
            record: failed(source, &e),
            bytes: n,
        },
    }
}

fn hex(b: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(2 * b.len());
    for &x in b {
        s.push(char::from(DIGITS[usize::from(x >> 4)]));
        s.push(char::from(DIGITS[usize::from(x & 15)]));
    }
    s
}

/// CSV header: one row per fact and per amount.
pub const CSV_HEADER: [&str; 12] = [
    "path",
    "item",
    "agency",
    "year",
    "kind",
    "key_or_label",
    "value",
    "unit",
    "yuan",
    "section",
    "start",
    "end",
];

/// The CSV rows of one record.
pub fn csv_rows(source: &Source, r: &Report) -> Vec<[String; 12]> {
    let doc = &r.document;
    let base = |item: &str| {
        (
            source.path.clone(),
            item.to_string(),
            doc.agency.clone().unwrap_or_default(),
            doc.year.map(|y| y.to_string()).unwrap_or_default(),
            doc.kind.unwrap_or_default().to_string(),
        )
    };
    let mut rows = Vec::with_capacity(r.facts.len() + r.amounts.len());
    for f in &r.facts {
        let (p, i, a, y, k) = base("fact");
        rows.push([
            p,
            i,
            a,
            y,
            k,
            f.key.clone(),
            f.value.clone(),
            f.unit.to_string(),
            f.yuan.clone().unwrap_or_default(),
            f.section.clone().unwrap_or_default(),
            f.span.start.to_string(),
            f.span.end.to_string(),
        ]);
    }
    for am in &r.amounts {
        let (p, i, a, y, k) = base("amount");
        rows.push([
            p,
            i,
            a,
            y,
            k,
            am.label.clone(),
            am.value.clone(),
            am.unit.to_string(),
            am.yuan.clone(),
            am.section.clone().unwrap_or_default(),
            am.span.start.to_string(),
            am.span.end.to_string(),
        ]);
    }
    rows
}

/// CSV header of `--tables-csv`: one row per table cell.
pub const TABLES_CSV_HEADER: [&str; 19] = [
    "path",
    "agency",
    "year",
    "kind",
    "table",
    "caption",
    "table_kind",
    "unit",
    "row",
    "side",
    "code",
    "label",
    "column",
    "head",
    "text",
    "value",
    "yuan",
    "start",
    "end",
];

/// The `--tables-csv` rows of one record: one per cell of every table
/// (`table` and `row` count from 1; `column` from 0, as in the JSON).
pub fn table_rows(source: &Source, r: &Report) -> Vec<[String; 19]> {
    let doc = &r.document;
    let mut rows = Vec::new();
    for (ti, t) in r.tables.iter().enumerate() {
        for (ri, row) in t.rows.iter().enumerate() {
            for c in &row.cells {
                rows.push([
                    source.path.clone(),
                    doc.agency.clone().unwrap_or_default(),
                    doc.year.map(|y| y.to_string()).unwrap_or_default(),
                    doc.kind.unwrap_or_default().to_string(),
                    (ti + 1).to_string(),
                    t.caption.clone().unwrap_or_default(),
                    t.kind.unwrap_or_default().to_string(),
                    t.unit.unwrap_or_default().to_string(),
                    (ri + 1).to_string(),
                    row.side.to_string(),
                    row.code.clone().unwrap_or_default(),
                    row.label.clone(),
                    c.column.to_string(),
                    c.head.clone().unwrap_or_default(),
                    c.text.clone(),
                    c.value.clone(),
                    c.yuan.clone().unwrap_or_default(),
                    c.span.start.to_string(),
                    c.span.end.to_string(),
                ]);
            }
        }
    }
    rows
}

/// CSV rows of a record: facts and amounts, and table cells.
type Rows = (Vec<[String; 12]>, Vec<[String; 19]>);

/// Writes `rows` to `w`, if there is a writer; the first error stops it.
fn write_rows<const N: usize>(
    w: Option<&mut CsvWriter>,
    rows: &[[String; N]],
) -> std::io::Result<()> {
    if let Some(w) = w {
        for r in rows {
            w.write_record(r).map_err(std::io::Error::other)?;
        }
    }
    Ok(())
}

/// A processed file on its way to the writer: JSON line, CSV rows, ok, bytes.
type Done = (Vec<u8>, Rows, bool, u64);

/// The CSV writers of a run.
pub type CsvWriter = csv::Writer<Box<dyn Write + Send>>;

/// What a batch run saw.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub files: usize,
    pub failed: usize,
    pub bytes: u64,
}

/// Where finished records go: put in input order by whichever worker
/// completes the next one, so there is no writer thread to wake per record
/// (a wake-up and two context switches per file cost more than the files of
/// the bench take to read). JSON lines collect in `buf`; a full buffer is
/// written out by one worker after it let go of the sink (see [`Out`]).
struct Sink<'a> {
    pending: BTreeMap<usize, Done>,
    /// Index of the next record to write.
    expect: usize,
    /// Workers waiting for `expect` to move (they ran a window ahead).
    waiting: usize,
    buf: Vec<u8>,
    csv: Option<&'a mut CsvWriter>,
    tables_csv: Option<&'a mut CsvWriter>,
    tick: &'a mut (dyn FnMut(&Summary) + Send),
    summary: Summary,
    result: std::io::Result<()>,
}

/// The output and the first write error. Taken while the sink is still
/// held, so buffers are written in the order they were filled; written
/// after the sink is let go, so the other worker can go on meanwhile
/// (writing to the page cache was the part of `-j 2` that did not scale).
struct Out<'a> {
    w: &'a mut (dyn Write + Send),
    result: std::io::Result<()>,
}

/// JSON bytes collected before one write.
const WRITE_CHUNK: usize = 1 << 20;
/// Room past [`WRITE_CHUNK`] for the record that crosses it, so that the
/// buffer is allocated once per chunk, not grown by doubling.
const CHUNK_SLACK: usize = 1 << 16;

impl Sink<'_> {
    /// Puts the record that is next in order into the buffer.
    fn put(&mut self, line: &[u8], rows: &Rows, ok: bool, bytes: u64) {
        if self.result.is_ok() {
            self.buf.extend_from_slice(line);
            self.buf.push(b'\n');
            self.result = write_rows(self.csv.as_deref_mut(), &rows.0)
                .and_then(|()| write_rows(self.tables_csv.as_deref_mut(), &rows.1));
        }
        self.summary.files += 1;
        self.summary.bytes += bytes;
        if !ok {
            self.summary.failed += 1;
        }
        self.expect += 1;
        (self.tick)(&self.summary);
    }

    /// Puts every pending record that is next in order into the buffer.
    fn drain(&mut self) {
        while let Some((line, rows, ok, bytes)) = self.pending.remove(&self.expect) {
            self.put(&line, &rows, ok, bytes);
        }
    }
}

/// Writes `chunk` unless an earlier write failed; true when all is well.
fn write_chunk(out: &Mutex<Out>, chunk: Vec<u8>, g: std::sync::MutexGuard<'_, Sink<'_>>) -> bool {
    let mut o = out.lock().unwrap_or_else(|p| p.into_inner());
    drop(g);
    if o.result.is_ok() && !chunk.is_empty() {
        o.result = o.w.write_all(&chunk);
    }
    o.result.is_ok()
}

/// Runs the batch: records to `out` (JSON lines, in input order), CSV rows
/// to `csv` and table cells to `tables_csv` if given. `tick` is called
/// after each record is written.
pub fn run(
    entries: &mut (dyn Iterator<Item = Entry> + Send),
    jobs: usize,
    max_bytes: u64,
    out: &mut (dyn Write + Send),
    csv: Option<&mut CsvWriter>,
    tables_csv: Option<&mut CsvWriter>,
    tick: &mut (dyn FnMut(&Summary) + Send),
) -> std::io::Result<Summary> {
    let jobs = jobs.max(1);
    let window = jobs * 8;
    // The input stream and the index of the next entry, taken together.
    let source = Mutex::new((entries, 0usize));
    let stop = std::sync::atomic::AtomicBool::new(false);
    let want_csv = csv.is_some();
    let want_tables = tables_csv.is_some();
    let out = Mutex::new(Out {
        w: out,
        result: Ok(()),
    });
    let sink = Mutex::new(Sink {
        pending: BTreeMap::new(),
        expect: 0,
        waiting: 0,
        buf: Vec::with_capacity(WRITE_CHUNK + CHUNK_SLACK),
        csv,
        tables_csv,
        tick,
        summary: Summary::default(),
        result: Ok(()),
    });
    let moved = Condvar::new();
    std::thread::scope(|s| {
        for _ in 0..jobs {
            let (source, sink, out, moved, stop) = (&source, &sink, &out, &moved, &stop);
            s.spawn(move || {
                // The JSON line, its allocation kept from record to record
                // while records come in order (always with -j 1).
                let mut line: Vec<u8> = Vec::new();
                loop {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let (i, entry) = {
                        let mut g = source.lock().unwrap_or_else(|p| p.into_inner());
                        let Some(e) = g.0.next() else { break };
                        g.1 += 1;
                        (g.1 - 1, e)
                    };
                    // Stay within a window of the writer: flat memory.
                    {
                        let mut g = sink.lock().unwrap_or_else(|p| p.into_inner());
                        while i >= g.expect + window && !stop.load(Ordering::SeqCst) {
                            g.waiting += 1;
                            g = moved.wait(g).unwrap_or_else(|p| p.into_inner());
                            g.waiting -= 1;
                        }
                    }
                    // Defence in depth: a bug that panics on one file must
                    // not take the other records with it.
                    let p = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| process(&entry, max_bytes)))
                        .unwrap_or_else(|_| Processed {
                            record: Record::Failed {
                                source: Source {
                                    path: entry.path.display().to_string(),
                                    sha256: None,
                                    bytes: None,
                                    encoding: None,
                                    format: None,
                                },
                                error: ErrorInfo {
                                    kind: "internal",
                                    message: "cnbudget failed on this input (a bug: please report it with the file)".into(),
                                },
                            },
                            bytes: 0,
                        });
                    let ok = matches!(p.record, Record::Ok { .. });
                    let rows: Rows = match &p.record {
                        Record::Ok { source, report } => (
                            if want_csv { csv_rows(source, report) } else { Vec::new() },
                            if want_tables { table_rows(source, report) } else { Vec::new() },
                        ),
                        _ => (Vec::new(), Vec::new()),
                    };
                    line.clear();
                    if let Err(e) = serde_json::to_writer(&mut line, &p.record) {
                        line.clear();
                        line.extend_from_slice(
                            format!(
                                "{{\"source\":{{\"path\":{}}},\"error\":{{\"kind\":\"serialize\",\"message\":{}}}}}",
                                serde_json::Value::from(entry.path.display().to_string()),
                                serde_json::Value::from(e.to_string())
                            )
                            .as_bytes(),
                        );
                    }
                    drop(p.record);
                    let mut g = sink.lock().unwrap_or_else(|p| p.into_inner());
                    let before = g.expect;
                    if i == before {
                        g.put(&line, &rows, ok, p.bytes);
                    } else {
                        g.pending.insert(i, (std::mem::take(&mut line), rows, ok, p.bytes));
                    }
                    g.drain();
                    if g.expect != before && g.waiting > 0 {
                        moved.notify_all();
                    }
                    let mut fine = g.result.is_ok();
                    if fine && g.buf.len() >= WRITE_CHUNK {
                        let chunk = std::mem::replace(&mut g.buf, Vec::with_capacity(WRITE_CHUNK + CHUNK_SLACK));
                        fine = write_chunk(out, chunk, g);
                    } else {
                        drop(g);
                    }
                    if !fine {
                        // Stop taking new files; wake everyone waiting.
                        stop.store(true, Ordering::SeqCst);
                        let _g = sink.lock().unwrap_or_else(|p| p.into_inner());
                        moved.notify_all();
                        break;
                    }
                }
            });
        }
    });
    let mut sink = sink.into_inner().unwrap_or_else(|p| p.into_inner());
    let mut out = out.into_inner().unwrap_or_else(|p| p.into_inner());
    if out.result.is_ok() && sink.result.is_ok() {
        out.result = out.w.write_all(&sink.buf);
    }
    sink.buf.clear();
    sink.result.and(out.result).map(|_| sink.summary)
}
