//! The `cnbudget` command line.
//!
//! ```text
//! cnbudget extract FILE|-  [--compact] [--keywords] [--text] [--max-bytes N]
//! cnbudget check FILE|-
//! cnbudget batch PATH... [-o out.jsonl] [--csv facts.csv] [-j N] [--files-from FILE|-]
//! cnbudget schema [--batch]
//! cnbudget normalize FILE|-
//! ```
//!
//! Exit status: `extract` 0 on success, 2 when the input cannot be read or
//! decoded (the message names the file and the reason), 1 on a write error.
//! `check` 0 when no check is a warning or error, 1 when one is, 2 when the
//! input cannot be read. `batch` 0 when every file gave a document, 1 when
//! some gave an error record, 2 when the run itself failed (cannot write).

use clap::{Parser, Subcommand};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// mimalloc instead of the system allocator: building a report is many
/// small strings and vectors, and glibc's malloc/free were a fifth of the
/// instructions of `extract` (callgrind), with contention between batch
/// workers on top.
/// Output buffer of `batch`: a record is ~10 KB of JSON, more than the
/// default 8 KiB, so each one went out in its own write while the worker
/// writing it held the others back.
const OUT_BUFFER: usize = 1 << 20;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "cnbudget",
    version,
    about = "Chinese budget / final-account explanations to structured JSON"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract one document and print it as JSON.
    Extract {
        /// The input file (text in UTF-8/UTF-16/GB18030…, HTML or DOCX), or `-` for standard input.
        file: PathBuf,
        /// One line of JSON instead of pretty-printed.
        #[arg(long)]
        compact: bool,
        /// Add jieba keyword tags to 职能职责 sections (loads a dictionary, ~0.2 s).
        #[arg(long)]
        keywords: bool,
        /// Print the text that was read (for HTML/DOCX: the extracted text), which spans index.
        #[arg(long)]
        text: bool,
        /// Refuse inputs larger than this many bytes.
        #[arg(long, default_value_t = cnbudget::input::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
    },
    /// Print the checks of one document as annotated snippets.
    ///
    /// Exit status 1 when any check is a warning or an error.
    Check {
        file: PathBuf,
        #[arg(long, default_value_t = cnbudget::input::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
    },
    /// Extract many files: one JSON line per file, in sorted path order.
    Batch {
        /// Files and directories (walked recursively).
        paths: Vec<PathBuf>,
        /// Write the JSON lines here (atomically: temporary file + rename); stdout when absent.
        #[arg(short = 'o', long)]
        output: Option<PathBuf>,
        /// Also write one CSV row per fact and per amount (UTF-8 with BOM, for Excel).
        #[arg(long)]
        csv: Option<PathBuf>,
        /// Also write one CSV row per table cell (UTF-8 with BOM, for Excel).
        #[arg(long)]
        tables_csv: Option<PathBuf>,
        /// Worker threads (default: the number of CPUs).
        #[arg(short = 'j', long)]
        jobs: Option<usize>,
        /// Read more paths from this file, one per line (`-` for stdin).
        #[arg(long)]
        files_from: Option<PathBuf>,
        /// Give an error record for inputs larger than this many bytes.
        #[arg(long, default_value_t = cnbudget::input::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
        /// No progress bar even on a terminal.
        #[arg(long)]
        quiet: bool,
    },
    /// Print the JSON Schema (2020-12) of `extract` output.
    Schema {
        /// The schema of one `batch` line instead.
        #[arg(long)]
        batch: bool,
    },
    /// Print the normalized text the extractors read (for debugging spans
    /// and rules; offsets in `extract` output refer to the input, not this).
    Normalize {
        file: PathBuf,
        #[arg(long, default_value_t = cnbudget::input::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
    },
}

/// Writes to stdout; a closed pipe (`| head`) ends quietly.
fn emit(bytes: &[u8]) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cnbudget: error: writing output: {e}");
            ExitCode::from(1)
        }
    }
}

fn load(file: &Path, max_bytes: u64) -> Result<cnbudget::input::Loaded, ExitCode> {
    cnbudget::input::read_path(file, max_bytes).map_err(|e| {
        eprintln!("cnbudget: error: {e}");
        ExitCode::from(2)
    })
}

fn extract_cmd(file: &Path, compact: bool, keywords: bool, text: bool, max_bytes: u64) -> ExitCode {
    let loaded = match load(file, max_bytes) {
        Ok(l) => l,
        Err(c) => return c,
    };
    if text {
        return emit(loaded.text.as_bytes());
    }
    let report = cnbudget::extract_loaded(&loaded, &cnbudget::Options { keywords });
    let json = if compact {
        serde_json::to_string(&report)
    } else {
        serde_json::to_string_pretty(&report)
    };
    match json {
        Ok(mut j) => {
            j.push('\n');
            emit(j.as_bytes())
        }
        Err(e) => {
            eprintln!("cnbudget: error: {}: cannot serialize: {e}", file.display());
            ExitCode::from(1)
        }
    }
}

fn check_cmd(file: &Path, max_bytes: u64) -> ExitCode {
    let loaded = match load(file, max_bytes) {
        Ok(l) => l,
        Err(c) => return c,
    };
    let report = cnbudget::extract_loaded(&loaded, &cnbudget::Options::default());
    let shown = file.display().to_string();
    let mut out = cnbudget::annotate::render(&shown, &loaded.text, &report.checks);
    let count = |s: &str| report.checks.iter().filter(|c| c.severity == s).count();
    let (e, w, i) = (count("error"), count("warning"), count("info"));
    out.push_str(&format!(
        "{shown}: {e} error(s), {w} warning(s), {i} info\n"
    ));
    let code = emit(out.as_bytes());
    if code != ExitCode::SUCCESS {
        return ExitCode::from(2);
    }
    if e + w > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn normalize_cmd(file: &Path, max_bytes: u64) -> ExitCode {
    match load(file, max_bytes) {
        Ok(l) => emit(cnbudget::normalize::normalize(&l.text).text.as_bytes()),
        Err(c) => c,
    }
}

/// A file written atomically: a temporary file beside it, renamed at the end.
struct Atomic {
    tmp: PathBuf,
    dest: PathBuf,
}

impl Atomic {
    fn create(dest: &Path) -> std::io::Result<(Atomic, std::fs::File)> {
        let name = dest.file_name().and_then(|n| n.to_str()).unwrap_or("out");
        let tmp = dest.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
        let f = std::fs::File::create(&tmp)?;
        Ok((
            Atomic {
                tmp,
                dest: dest.to_path_buf(),
            },
            f,
        ))
    }

    fn commit(self) -> std::io::Result<()> {
        std::fs::rename(&self.tmp, &self.dest)
    }

    fn abandon(self) {
        let _ = std::fs::remove_file(&self.tmp);
    }
}

/// A CSV file written atomically, with a BOM (so that Excel opens the
/// Chinese correctly) and `header`; `None` when no path is given.
fn open_csv(
    path: Option<&std::path::Path>,
    header: &[&str],
    atomics: &mut Vec<Atomic>,
) -> Result<Option<cnbudget::batch::CsvWriter>, ExitCode> {
    let Some(p) = path else { return Ok(None) };
    let (a, mut f) = Atomic::create(p).map_err(|e| {
        eprintln!("cnbudget: error: {}: cannot create: {e}", p.display());
        ExitCode::from(2)
    })?;
    atomics.push(a);
    let fail = |e: &dyn std::fmt::Display| {
        eprintln!("cnbudget: error: {}: {e}", p.display());
        ExitCode::from(2)
    };
    f.write_all("\u{feff}".as_bytes()).map_err(|e| fail(&e))?;
    let sink: Box<dyn Write + Send> = Box::new(std::io::BufWriter::new(f));
    let mut w = csv::Writer::from_writer(sink);
    w.write_record(header).map_err(|e| fail(&e))?;
    Ok(Some(w))
}

#[allow(clippy::too_many_arguments)]
fn batch_cmd(
    paths: Vec<PathBuf>,
    output: Option<PathBuf>,
    csv_path: Option<PathBuf>,
    tables_csv: Option<PathBuf>,
    jobs: Option<usize>,
    files_from: Option<PathBuf>,
    max_bytes: u64,
    quiet: bool,
) -> ExitCode {
    let mut paths = paths;
    if let Some(list) = files_from {
        let read = if list.as_os_str() == "-" {
            std::io::read_to_string(std::io::stdin())
        } else {
            std::fs::read_to_string(&list)
        };
        match read {
            Ok(t) => paths.extend(cnbudget::batch::read_list(&t)),
            Err(e) => {
                eprintln!(
                    "cnbudget: error: {}: cannot read the list of files: {e}",
                    list.display()
                );
                return ExitCode::from(2);
            }
        }
    }
    if paths.is_empty() {
        eprintln!("cnbudget: error: batch needs at least one path (or --files-from)");
        return ExitCode::from(2);
    }
    let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));

    let mut atomics = Vec::new();
    let mut out: Box<dyn Write + Send> = match &output {
        Some(p) => match Atomic::create(p) {
            Ok((a, f)) => {
                atomics.push(a);
                Box::new(std::io::BufWriter::with_capacity(OUT_BUFFER, f))
            }
            Err(e) => {
                eprintln!("cnbudget: error: {}: cannot create: {e}", p.display());
                return ExitCode::from(2);
            }
        },
        None => Box::new(std::io::BufWriter::with_capacity(
            OUT_BUFFER,
            std::io::stdout(),
        )),
    };
    let mut csv_writer = match open_csv(
        csv_path.as_deref(),
        &cnbudget::batch::CSV_HEADER,
        &mut atomics,
    ) {
        Ok(w) => w,
        Err(code) => return code,
    };
    let mut tables_writer = match open_csv(
        tables_csv.as_deref(),
        &cnbudget::batch::TABLES_CSV_HEADER,
        &mut atomics,
    ) {
        Ok(w) => w,
        Err(code) => return code,
    };

    let started = std::time::Instant::now();
    let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
        // Counting walks the tree once more but holds nothing: memory stays flat.
        let b = indicatif::ProgressBar::new(cnbudget::batch::Walker::new(&paths).count() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} files  {msg}  ETA {eta}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    let mut tick = |s: &cnbudget::batch::Summary| {
        if let Some(b) = &bar {
            let secs = started.elapsed().as_secs_f64().max(1e-9);
            b.set_position(s.files as u64);
            b.set_message(format!(
                "{:.1} MB/s  {} errors",
                s.bytes as f64 / 1e6 / secs,
                s.failed
            ));
        }
    };
    let mut walker = cnbudget::batch::Walker::new(&paths);
    let result = cnbudget::batch::run(
        &mut walker,
        jobs,
        max_bytes,
        &mut *out,
        csv_writer.as_mut(),
        tables_writer.as_mut(),
        &mut tick,
    );
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let flushed = result.and_then(|s| {
        out.flush()?;
        if let Some(w) = csv_writer.as_mut() {
            w.flush()?;
        }
        if let Some(w) = tables_writer.as_mut() {
            w.flush()?;
        }
        Ok(s)
    });
    drop(out);
    drop(csv_writer);
    drop(tables_writer);
    let summary = match flushed {
        Ok(s) => s,
        Err(e) => {
            for a in atomics {
                a.abandon();
            }
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("cnbudget: error: writing output: {e}");
            return ExitCode::from(2);
        }
    };
    for a in atomics {
        if let Err(e) = a.commit() {
            eprintln!("cnbudget: error: cannot move the output into place: {e}");
            return ExitCode::from(2);
        }
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "cnbudget batch: {} files, {} ok, {} failed, {:.2} MB in {:.2} s ({:.1} MB/s, {} threads)",
        summary.files,
        summary.files - summary.failed,
        summary.failed,
        summary.bytes as f64 / 1e6,
        secs,
        summary.bytes as f64 / 1e6 / secs.max(1e-9),
        jobs
    );
    if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract {
            file,
            compact,
            keywords,
            text,
            max_bytes,
        } => extract_cmd(&file, compact, keywords, text, max_bytes),
        Command::Check { file, max_bytes } => check_cmd(&file, max_bytes),
        Command::Normalize { file, max_bytes } => normalize_cmd(&file, max_bytes),
        Command::Schema { batch } => {
            let s = if batch {
                cnbudget::schema_of_record()
            } else {
                cnbudget::schema_of_report()
            };
            emit(format!("{}\n", serde_json::to_string_pretty(&s).unwrap_or_default()).as_bytes())
        }
        Command::Batch {
            paths,
            output,
            csv,
            tables_csv,
            jobs,
            files_from,
            max_bytes,
            quiet,
        } => batch_cmd(
            paths, output, csv, tables_csv, jobs, files_from, max_bytes, quiet,
        ),
    }
}
