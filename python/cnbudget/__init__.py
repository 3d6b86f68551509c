"""cnbudget: Chinese government budget and final-account explanations
(预算情况说明, 决算公开说明) to exact, structured data.

The same library as the ``cnbudget`` command line, and the same output: a
document's dict is ``json.loads`` of ``cnbudget extract``; a batch record is
``json.loads`` of a line of ``cnbudget batch``; :func:`facts_frame` has the
columns of ``cnbudget batch --csv``. Money stays exact: values are decimal
strings, never floats.

>>> import cnbudget
>>> r = cnbudget.extract("一、收支\\n收入预算较上年减少18.89万元。")
>>> r["amounts"][0]["yuan"]
'188900'
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Union

from . import _cnbudget as _native
from ._cnbudget import (
    EncodingError,
    Error,
    FormatError,
    InternalError,
    IoError,
    TooLargeError,
)

__all__ = [
    "extract",
    "extract_bytes",
    "extract_file",
    "batch",
    "csv_rows",
    "facts_frame",
    "schema",
    "CSV_COLUMNS",
    "Error",
    "IoError",
    "EncodingError",
    "TooLargeError",
    "FormatError",
    "InternalError",
]

__version__: str = _native.VERSION

#: The columns of ``cnbudget batch --csv`` (and of :func:`facts_frame`).
CSV_COLUMNS: tuple = tuple(_native.csv_header())

PathLike = Union[str, "os.PathLike[str]"]


def extract(text: str) -> Dict[str, Any]:
    """Extract from a document's text, as ``cnbudget extract -`` does.

    Returns the report: ``document``, ``sections``, ``amounts``, ``changes``,
    ``facts``, ``checks``, ``diagnostics`` (spans are byte offsets into the
    text as UTF-8). Raises :class:`Error` (kind ``encoding`` for binary data,
    ``format`` for HTML it cannot read …).
    """
    if not isinstance(text, str):
        raise TypeError(f"extract() takes str, not {type(text).__name__}; use extract_bytes for bytes")
    return _native.extract(text)


def extract_bytes(data: bytes, name: Optional[str] = None) -> Dict[str, Any]:
    """Extract from a file's bytes: any format and encoding the command line
    reads (UTF-8/16, GB18030 and other legacy encodings, HTML, DOCX).

    ``name`` is the file's name, if known: its extension says the format
    (``.html``, ``.docx``) and it names the input in errors.
    """
    return _native.extract_bytes(bytes(data), name)


def extract_file(path: PathLike) -> Dict[str, Any]:
    """Extract from a file, as ``cnbudget extract FILE`` does."""
    return _native.extract_file(os.fspath(path))


def batch(paths: Iterable[PathLike], threads: Optional[int] = None) -> Iterator[Dict[str, Any]]:
    """The records of ``cnbudget batch`` for ``paths``, in the order given (a
    directory gives its files, walked in sorted order, where it stands).

    Each record is ``{"source": …, "document": …, …}`` or, for an input that
    could not be read, ``{"source": …, "error": {"kind", "message"}}``: one bad
    file never raises, and every input yields exactly one record. ``threads``
    worker threads (default: one less than the CPUs, at least one: the
    calling thread builds the dicts) extract in parallel, a small window
    ahead of the consumer, so memory stays flat however many files there are.
    """
    if threads is None:
        # One core for the Python side, which builds the dicts.
        threads = max(1, (os.cpu_count() or 1) - 1)
    yield from _native.BatchIter([os.fspath(p) for p in paths], threads)


def csv_rows(record: Dict[str, Any]) -> List[tuple]:
    """The rows ``cnbudget batch --csv`` writes for a record: one per fact,
    then one per amount, with :data:`CSV_COLUMNS`. All values are strings, as
    in the CSV (``""`` for null). An error record has none. For a report from
    :func:`extract`, ``path`` is ``""``.
    """
    if "error" in record:
        return []
    path = (record.get("source") or {}).get("path") or ""
    doc = record.get("document") or {}
    agency = doc.get("agency") or ""
    year = "" if doc.get("year") is None else str(doc["year"])
    kind = doc.get("kind") or ""
    rows = []

    def row(item, key, x, yuan):
        span = x.get("span") or {}
        return (
            path,
            item,
            agency,
            year,
            kind,
            key,
            x.get("value") or "",
            x.get("unit") or "",
            yuan or "",
            x.get("section") or "",
            str(span.get("start", "")),
            str(span.get("end", "")),
        )

    for f in record.get("facts") or []:
        rows.append(row("fact", f.get("key") or "", f, f.get("yuan")))
    for a in record.get("amounts") or []:
        rows.append(row("amount", a.get("label") or "", a, a.get("yuan")))
    return rows


def facts_frame(records: Iterable[Dict[str, Any]]):
    """A pandas DataFrame of the records' CSV rows (:func:`csv_rows`), with
    :data:`CSV_COLUMNS`. Columns are Python strings (object dtype), exact as
    in the CSV: convert ``yuan`` with ``decimal.Decimal`` where exactness
    matters. pandas is needed only here.
    """
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("facts_frame needs pandas: pip install pandas") from e
    rows: List[tuple] = []
    for r in records:
        rows.extend(csv_rows(r))
    return pd.DataFrame(rows, columns=list(CSV_COLUMNS), dtype=object)


def schema() -> Dict[str, Any]:
    """The JSON Schema (2020-12) of :func:`extract`'s output."""
    return json.loads(_native.schema_json())
