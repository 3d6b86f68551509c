"""Facts and amounts of a directory of disclosures, on Spark: the rows of
`cnbudget batch --csv`, written as Parquet.

    python examples/spark_facts.py INPUT_DIR OUTPUT_DIR [--master local[2]]

Reads every file under INPUT_DIR (recursively) with Spark's `binaryFile`
source, extracts each with cnbudget in `mapInPandas` (any format the command
line reads: text in any encoding, HTML, DOCX), and writes one row per fact and
per amount with the CSV's columns to OUTPUT_DIR as Parquet. A file cnbudget
cannot read gives no rows, as in the CSV. Needs `pip install cnbudget pyspark
pandas pyarrow` and a Java runtime.

The columns are given to Spark as plain Python strings (object dtype), not
pandas' Arrow-backed strings, on which `mapInPandas` has failed with some
versions ("Cannot convert pyarrow.lib.ChunkedArray to pyarrow.lib.Array").
With pyspark 4.3.0, pandas 3.1.1 and pyarrow 26.0.1 (2026-12-01) both work;
python/tests/test_spark.py runs this example end to end on whatever versions
are installed, so a break shows there.
"""

from __future__ import annotations

import argparse
from typing import Iterator
from urllib.parse import unquote, urlparse

import pandas as pd

import cnbudget

SCHEMA = ", ".join(f"{c} string" for c in cnbudget.CSV_COLUMNS)


def local_path(uri: str) -> str:
    """Spark's `file:/a/b.txt` as `/a/b.txt` (other URIs stay as they are)."""
    u = urlparse(uri)
    return unquote(u.path) if u.scheme == "file" else uri


def extract_rows(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """`mapInPandas` function: binaryFile rows (path, content) to CSV rows."""
    for pdf in batches:
        rows = []
        for uri, content in zip(pdf["path"], pdf["content"]):
            path = local_path(uri)
            try:
                record = cnbudget.extract_bytes(bytes(content), name=path)
            except cnbudget.Error:
                continue
            record["source"] = {"path": path}
            rows.extend(cnbudget.csv_rows(record))
        yield pd.DataFrame(rows, columns=list(cnbudget.CSV_COLUMNS), dtype=object)


def run(spark, input_dir: str, output_dir: str) -> None:
    files = (
        spark.read.format("binaryFile")
        .option("recursiveFileLookup", "true")
        .load(input_dir)
        .select("path", "content")
    )
    files.mapInPandas(extract_rows, schema=SCHEMA).write.mode("overwrite").parquet(output_dir)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input_dir")
    ap.add_argument("output_dir")
    ap.add_argument("--master", default="local[2]")
    a = ap.parse_args()
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.master(a.master).appName("cnbudget-facts").getOrCreate()
    try:
        run(spark, a.input_dir, a.output_dir)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
