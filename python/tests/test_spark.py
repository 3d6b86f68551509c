"""examples/spark_facts.py on Spark local mode over the project's corpus: its
Parquet rows equal `cnbudget batch --csv` on the same files.

Skips when pyspark or Java is absent, unless CNBUDGET_REQUIRE_SPARK=1 (set by
.ci/run), where that is a failure."""

import csv
import io
import os
import shutil
import subprocess
import sys

import pytest

from conftest import CORPUS, REPO


def spark_or_skip():
    missing = []
    try:
        import pyspark  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError as e:
        missing.append(str(e))
    if shutil.which("java") is None:
        missing.append("no java on PATH")
    if missing:
        if os.environ.get("CNBUDGET_REQUIRE_SPARK") == "1":
            pytest.fail("Spark test required but " + "; ".join(missing))
        pytest.skip("; ".join(missing))


def test_spark_facts_equal_cli_csv(cli, tmp_path):
    spark_or_skip()
    out = tmp_path / "parquet"
    example = REPO / "examples" / "spark_facts.py"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    p = subprocess.run(
        [sys.executable, str(example), str(CORPUS), str(out), "--master", "local[2]"],
        capture_output=True,
        env=env,
        timeout=900,
    )
    assert p.returncode == 0, p.stderr.decode("utf-8", "replace")[-4000:]

    import pandas as pd

    got = pd.read_parquet(out)
    csv_path = tmp_path / "facts.csv"
    r = subprocess.run(
        [cli, "batch", str(CORPUS), "-o", str(tmp_path / "out.jsonl"), "--csv", str(csv_path)],
        capture_output=True,
    )
    assert r.returncode == 0, r.stderr
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    header, want = rows[0], rows[1:]
    assert list(got.columns) == header
    key = lambda row: tuple(row)  # noqa: E731
    got_rows = sorted((tuple(str(x) for x in row) for row in got.itertuples(index=False)), key=key)
    assert got_rows == sorted((tuple(r) for r in want), key=key)
    assert len(got_rows) > 100
