//! The native module of the `cnbudget` Python package (`cnbudget._cnbudget`).
//!
//! Thin by design: every function runs the library exactly as the command
//! line does and builds Python objects from the library's serde model
//! (pythonize): the dicts `json.loads` of the command line's JSON would
//! give, without writing and parsing that JSON. So there is one output
//! model and no second set of field names.
//!
//! - The GIL is released while a document is read and extracted, so Python
//!   threads scale.
//! - No panic crosses into Python: each call runs under `catch_unwind`, and a
//!   panic becomes `cnbudget.InternalError` (a bug to report with the input).
//! - Errors are exceptions named after the command line's error kinds (`io`,
//!   `encoding`, `too_large`, `format`, `internal`), all subclasses of
//!   `cnbudget.Error`, with `kind`, `path` and `message` attributes.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex};

use cnbudget::batch::Entry;
use cnbudget::report::Record;

create_exception!(
    cnbudget,
    Error,
    PyException,
    "An input cnbudget could not read; `kind` says why."
);
create_exception!(
    cnbudget,
    IoError,
    Error,
    "The file could not be read (kind `io`)."
);
create_exception!(
    cnbudget,
    EncodingError,
    Error,
    "Not text in a known encoding (kind `encoding`)."
);
create_exception!(
    cnbudget,
    TooLargeError,
    Error,
    "Larger than the size limit (kind `too_large`)."
);
create_exception!(
    cnbudget,
    FormatError,
    Error,
    "A format cnbudget does not read (kind `format`)."
);
create_exception!(
    cnbudget,
    InternalError,
    Error,
    "A bug in cnbudget (kind `internal`)."
);

/// What went wrong inside a call, before it becomes a Python exception.
enum Failure {
    Input(cnbudget::Error),
    Internal(String),
}

impl Failure {
    fn into_py(self, py: Python<'_>) -> PyErr {
        let (kind, path, message) = match &self {
            Failure::Input(e) => (
                e.kind.as_str(),
                e.path.as_ref().map(|p| p.display().to_string()),
                e.to_string(),
            ),
            Failure::Internal(m) => ("internal", None, m.clone()),
        };
        let err = match kind {
            "io" => IoError::new_err(message.clone()),
            "encoding" => EncodingError::new_err(message.clone()),
            "too_large" => TooLargeError::new_err(message.clone()),
            "format" => FormatError::new_err(message.clone()),
            _ => InternalError::new_err(message.clone()),
        };
        let value = err.value(py);
        // Attributes on the instance: what the CLI's error record says.
        let _ = value.setattr("kind", kind);
        let _ = value.setattr("path", path);
        let _ = value.setattr("message", message);
        err
    }
}

/// Runs `f`; a panic becomes an internal failure instead of unwinding into
/// Python.
fn guarded<T>(f: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(Failure::Internal(
            "cnbudget failed on this input (a bug: please report it with the input)".into(),
        ))
    })
}

fn report_of(loaded: &cnbudget::input::Loaded) -> cnbudget::Report {
    cnbudget::extract_loaded(loaded, &cnbudget::Options::default())
}

/// A serde value as Python objects (dicts, lists, strings, ints, None):
/// what `json.loads` of its JSON gives, without the JSON text.
fn to_py<'py, T: serde::Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, value)
        .map_err(|e| Failure::Internal(format!("cannot build the Python value: {e}")).into_py(py))
}

/// The lower-case extension of a file name, as the command line reads it.
fn extension(name: &str) -> Option<String> {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

/// `cnbudget extract -` on `text`: the report as a dict.
#[pyfunction]
fn extract<'py>(py: Python<'py>, text: String) -> PyResult<Bound<'py, PyAny>> {
    let report = py
        .detach(move || {
            guarded(|| {
                let loaded = cnbudget::input::load(
                    text.as_bytes(),
                    None,
                    cnbudget::input::DEFAULT_MAX_BYTES,
                )
                .map_err(Failure::Input)?;
                Ok(report_of(&loaded))
            })
        })
        .map_err(|f| f.into_py(py))?;
    to_py(py, &report)
}

/// `cnbudget extract FILE` on bytes that came from a file named `name`: any
/// format and encoding the command line reads.
#[pyfunction]
#[pyo3(signature = (data, name=None))]
fn extract_bytes<'py>(
    py: Python<'py>,
    data: Vec<u8>,
    name: Option<String>,
) -> PyResult<Bound<'py, PyAny>> {
    let report = py
        .detach(move || {
            guarded(|| {
                let ext = name.as_deref().and_then(extension);
                let loaded = cnbudget::input::load(
                    &data,
                    ext.as_deref(),
                    cnbudget::input::DEFAULT_MAX_BYTES,
                )
                .map_err(|e| match &name {
                    Some(n) => Failure::Input(e.with_path(n)),
                    None => Failure::Input(e),
                })?;
                Ok(report_of(&loaded))
            })
        })
        .map_err(|f| f.into_py(py))?;
    to_py(py, &report)
}

/// `cnbudget extract FILE`.
#[pyfunction]
fn extract_file<'py>(py: Python<'py>, path: PathBuf) -> PyResult<Bound<'py, PyAny>> {
    let report = py
        .detach(move || {
            guarded(|| {
                let loaded = cnbudget::input::read_path(&path, cnbudget::input::DEFAULT_MAX_BYTES)
                    .map_err(Failure::Input)?;
                Ok(report_of(&loaded))
            })
        })
        .map_err(|f| f.into_py(py))?;
    to_py(py, &report)
}

/// The JSON Schema of `extract`'s output (`cnbudget schema`).
#[pyfunction]
fn schema_json() -> String {
    cnbudget::schema_of_report().to_string()
}

/// The columns of `cnbudget batch --csv`.
#[pyfunction]
fn csv_header() -> Vec<&'static str> {
    cnbudget::batch::CSV_HEADER.to_vec()
}

/// Extraction of `text`, `n` times, in Rust alone: the floor the per-call
/// overhead of the Python layer is measured against (python/benches/speed.py).
#[pyfunction]
fn _rust_seconds(py: Python<'_>, text: String, n: usize) -> f64 {
    py.detach(move || {
        let t = std::time::Instant::now();
        // The same work as `extract` below the Python layer: read, extract.
        for _ in 0..n {
            let loaded = cnbudget::input::load(text.as_bytes(), None, u64::MAX);
            std::hint::black_box(loaded.map(|l| report_of(&l)).ok());
        }
        t.elapsed().as_secs_f64()
    })
}

/// Shared between a [`BatchIter`] and its workers.
struct Shared {
    /// Records handed to Python so far: workers stay within a window of it.
    consumed: Mutex<usize>,
    moved: Condvar,
    stop: AtomicBool,
    next: AtomicUsize,
}

/// The records of `cnbudget batch` for a list of paths, in the order given
/// (a directory expands to its files in sorted order, where it stands).
/// Worker threads extract ahead of the consumer within a small window, so
/// memory stays flat; each record is the command line's JSON line.
#[pyclass(module = "cnbudget._cnbudget")]
struct BatchIter {
    shared: Arc<Shared>,
    rx: Mutex<Receiver<(usize, Record)>>,
    pending: BTreeMap<usize, Record>,
    expect: usize,
    total: usize,
}

#[pymethods]
impl BatchIter {
    #[new]
    #[pyo3(signature = (paths, threads=None))]
    fn new(paths: Vec<PathBuf>, threads: Option<usize>) -> PyResult<BatchIter> {
        if threads == Some(0) {
            return Err(PyValueError::new_err("threads must be at least 1"));
        }
        let entries: Vec<Entry> = paths
            .iter()
            .flat_map(|p| cnbudget::batch::collect(std::slice::from_ref(p)))
            .collect();
        let total = entries.len();
        let jobs = threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .clamp(1, total.max(1));
        let window = jobs * 8;
        let shared = Arc::new(Shared {
            consumed: Mutex::new(0),
            moved: Condvar::new(),
            stop: AtomicBool::new(false),
            next: AtomicUsize::new(0),
        });
        let entries = Arc::new(entries);
        let (tx, rx) = std::sync::mpsc::channel();
        for _ in 0..jobs {
            let (shared, entries, tx): (_, _, Sender<(usize, Record)>) =
                (shared.clone(), entries.clone(), tx.clone());
            std::thread::spawn(move || worker(&shared, &entries, &tx, window));
        }
        Ok(BatchIter {
            shared,
            rx: Mutex::new(rx),
            pending: BTreeMap::new(),
            expect: 0,
            total,
        })
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    /// The next record as a dict, or the end.
    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        if self.expect >= self.total {
            return Ok(None);
        }
        while !self.pending.contains_key(&self.expect) {
            let rx = &self.rx;
            let got = py.detach(|| rx.lock().ok().and_then(|r| r.recv().ok()));
            match got {
                Some((i, line)) => {
                    self.pending.insert(i, line);
                }
                // Every worker gone without the record: cannot happen, as
                // each index yields a record; end rather than hang.
                None => return Ok(None),
            }
        }
        let record = self.pending.remove(&self.expect);
        self.expect += 1;
        if let Ok(mut c) = self.shared.consumed.lock() {
            *c = self.expect;
        }
        self.shared.moved.notify_all();
        record.map(|r| to_py(py, &r)).transpose()
    }

    /// How many records the iterator gives in all.
    fn __len__(&self) -> usize {
        self.total
    }
}

impl Drop for BatchIter {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        self.shared.moved.notify_all();
    }
}

/// A worker: takes the next index, waits while it is a window ahead of the
/// consumer, extracts, sends the record.
fn worker(shared: &Shared, entries: &[Entry], tx: &Sender<(usize, Record)>, window: usize) {
    loop {
        if shared.stop.load(Ordering::SeqCst) {
            return;
        }
        let i = shared.next.fetch_add(1, Ordering::SeqCst);
        let Some(entry) = entries.get(i) else { return };
        {
            let Ok(mut c) = shared.consumed.lock() else {
                return;
            };
            while i >= *c + window && !shared.stop.load(Ordering::SeqCst) {
                c = match shared.moved.wait(c) {
                    Ok(c) => c,
                    Err(_) => return,
                };
            }
        }
        if shared.stop.load(Ordering::SeqCst) {
            return;
        }
        let record = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            cnbudget::batch::process(entry, cnbudget::input::DEFAULT_MAX_BYTES).record
        }))
        .unwrap_or_else(|_| internal_record(&entry.path));
        if tx.send((i, record)).is_err() {
            return;
        }
    }
}

/// The record of an input that made cnbudget fail: what the command line
/// writes for it.
fn internal_record(path: &Path) -> Record {
    Record::Failed {
        source: cnbudget::report::Source {
            path: path.display().to_string(),
            sha256: None,
            bytes: None,
            encoding: None,
            format: None,
        },
        error: cnbudget::report::ErrorInfo {
            kind: "internal",
            message: "cnbudget failed on this input (a bug: please report it with the file)".into(),
        },
    }
}

#[pymodule]
fn _cnbudget(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(extract_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(extract_file, m)?)?;
    m.add_function(wrap_pyfunction!(schema_json, m)?)?;
    m.add_function(wrap_pyfunction!(csv_header, m)?)?;
    m.add_function(wrap_pyfunction!(_rust_seconds, m)?)?;
    m.add_class::<BatchIter>()?;
    m.add("Error", py.get_type::<Error>())?;
    m.add("IoError", py.get_type::<IoError>())?;
    m.add("EncodingError", py.get_type::<EncodingError>())?;
    m.add("TooLargeError", py.get_type::<TooLargeError>())?;
    m.add("FormatError", py.get_type::<FormatError>())?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    m.add("VERSION", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
