//! The one error type of the library.

use std::fmt;
use std::path::PathBuf;

/// What went wrong, in terms of what the caller can do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The file could not be read (missing, a directory, permissions).
    Io,
    /// The bytes are not text in an encoding cnbudget reads.
    Encoding,
    /// The input is larger than the configured maximum.
    TooLarge,
    /// A format cnbudget does not read (PDF, legacy .doc) or a broken one.
    Format,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::Encoding => "encoding",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Format => "format",
        }
    }
}

/// An error that names the input it concerns and the reason.
#[derive(Debug, Clone)]
pub struct Error {
    pub kind: ErrorKind,
    /// The input path (`-` for standard input), when there is one.
    pub path: Option<PathBuf>,
    pub message: String,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            path: None,
            message: message.into(),
        }
    }

    pub fn with_path(mut self, path: impl Into<PathBuf>) -> Error {
        self.path = Some(path.into());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) => write!(f, "{}: {}", p.display(), self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}
