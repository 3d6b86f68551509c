//! The `cnbudget` command line.
//!
//! ```text
//! cnbudget extract FILE|-  [--compact] [--keywords] [--max-bytes N]
//! ```
//!
//! Exit status: 0 on success; 2 when the input cannot be read or decoded
//! (the message names the file and the reason); 1 on a write error.

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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Normalize { file, max_bytes } => normalize_cmd(&file, max_bytes),
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
