//! The `cnbudget` command line.
//!
//! ```text
//! cnbudget extract FILE|-  [--compact] [--keywords] [--max-bytes N]
//! cnbudget check FILE|-
//! cnbudget normalize FILE|-
//! ```
//!
//! Exit status of `extract`: 0 on success; 2 when the input cannot be read
//! or decoded (the message names the file and the reason); 1 on a write
//! error. `check`: 0 when no check is a warning or error, 1 when one is, 2
//! when the input cannot be read.

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

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
        /// The input file (UTF-8 text), or `-` for standard input.
        file: PathBuf,
        /// One line of JSON instead of pretty-printed.
        #[arg(long)]
        compact: bool,
        /// Add jieba keyword tags to 职能职责 sections (loads a dictionary, ~slower).
        #[arg(long)]
        keywords: bool,
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
    /// Print the normalized text the extractors read (for debugging spans
    /// and rules; offsets in `extract` output refer to the input, not this).
    Normalize {
        file: PathBuf,
        #[arg(long, default_value_t = cnbudget::input::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
    },
}

fn normalize_cmd(file: &std::path::Path, max_bytes: u64) -> ExitCode {
    match cnbudget::input::read_path(file, max_bytes) {
        Ok(t) => {
            let n = cnbudget::normalize::normalize(&t);
            let mut out = std::io::stdout().lock();
            match out.write_all(n.text.as_bytes()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("cnbudget: error: writing output: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Err(e) => {
            eprintln!("cnbudget: error: {e}");
            ExitCode::from(2)
        }
    }
}

fn check_cmd(file: &std::path::Path, max_bytes: u64) -> ExitCode {
    let text = match cnbudget::input::read_path(file, max_bytes) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cnbudget: error: {e}");
            return ExitCode::from(2);
        }
    };
    let report = cnbudget::extract(&text);
    let shown = file.display().to_string();
    let mut out = cnbudget::annotate::render(&shown, &text, &report.checks);
    let count = |s: &str| report.checks.iter().filter(|c| c.severity == s).count();
    let (e, w, i) = (count("error"), count("warning"), count("info"));
    out.push_str(&format!(
        "{shown}: {e} error(s), {w} warning(s), {i} info\n"
    ));
    let mut stdout = std::io::stdout().lock();
    if let Err(err) = stdout.write_all(out.as_bytes()) {
        if err.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("cnbudget: error: writing output: {err}");
            return ExitCode::from(2);
        }
    }
    if e + w > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Normalize { file, max_bytes } => normalize_cmd(&file, max_bytes),
        Command::Check { file, max_bytes } => check_cmd(&file, max_bytes),
        Command::Extract {
            file,
            compact,
            keywords,
            max_bytes,
        } => {
            let text = match cnbudget::input::read_path(&file, max_bytes) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("cnbudget: error: {e}");
                    return ExitCode::from(2);
                }
            };
            let report = cnbudget::extract_with(&text, &cnbudget::Options { keywords });
            let json = if compact {
                serde_json::to_string(&report)
            } else {
                serde_json::to_string_pretty(&report)
            };
            let json = match json {
                Ok(j) => j,
                Err(e) => {
                    eprintln!("cnbudget: error: {}: cannot serialize: {e}", file.display());
                    return ExitCode::from(1);
                }
            };
            let mut out = std::io::stdout().lock();
            match writeln!(out, "{json}").and_then(|_| out.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                // A closed pipe (`| head`) is not an error worth a message.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("cnbudget: error: writing output: {e}");
                    ExitCode::from(1)
                }
            }
        }
    }
}
