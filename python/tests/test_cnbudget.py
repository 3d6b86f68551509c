"""The Python API against the command line it wraps: the same JSON, the same
batch records, the same CSV rows, the command line's error kinds."""

import csv
import io
import json
import subprocess
import threading
import time

import pytest

import cnbudget


def run(cli, *args, stdin=None):
    return subprocess.run([cli, *args], input=stdin, capture_output=True)


def test_extract_file_equals_cli(cli, corpus_files):
    assert len(corpus_files) >= 14
    for path in corpus_files:
        out = run(cli, "extract", "--compact", str(path))
        assert out.returncode == 0, out.stderr
        assert cnbudget.extract_file(path) == json.loads(out.stdout), path


def test_extract_text_equals_cli_on_stdin(cli, corpus_files):
    for path in corpus_files:
        text = path.read_text(encoding="utf-8")
        out = run(cli, "extract", "--compact", "-", stdin=text.encode("utf-8"))
        assert cnbudget.extract(text) == json.loads(out.stdout), path


def test_extract_bytes_reads_encodings_and_formats(cli, tmp_path):
    text = "一、收支\n收入预算较上年减少18.89万元。\n"
    gb = cnbudget.extract_bytes(text.encode("gb18030"), name="a.txt")
    assert [a["yuan"] for a in gb["amounts"]] == ["188900"]
    assert gb["amounts"][0]["label"] == cnbudget.extract(text)["amounts"][0]["label"]
    html = "<html><body><p>一、收支</p><p>收入预算较上年减少18.89万元。</p></body></html>"
    f = tmp_path / "page.html"
    f.write_text(html, encoding="utf-8")
    assert cnbudget.extract_bytes(html.encode("utf-8"), name="page.html") == json.loads(
        run(cli, "extract", "--compact", str(f)).stdout
    )


def test_errors_carry_the_cli_kinds(tmp_path):
    with pytest.raises(cnbudget.IoError) as e:
        cnbudget.extract_file(tmp_path / "missing.txt")
    assert e.value.kind == "io" and e.value.path.endswith("missing.txt")
    with pytest.raises(cnbudget.FormatError) as e:
        cnbudget.extract_bytes(b"%PDF-1.4\n1 0 obj", name="scan.pdf")
    assert e.value.kind == "format" and e.value.path == "scan.pdf"
    with pytest.raises(cnbudget.EncodingError) as e:
        cnbudget.extract_bytes(bytes(range(256)) * 8)
    assert e.value.kind == "encoding"
    assert issubclass(cnbudget.TooLargeError, cnbudget.Error)
    assert issubclass(cnbudget.InternalError, cnbudget.Error)
    with pytest.raises(TypeError):
        cnbudget.extract(b"bytes")


def test_batch_records_equal_cli_lines_in_the_given_order(cli, tmp_path, corpus_files):
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    missing = tmp_path / "missing.txt"
    paths = [corpus_files[3], binary, missing, corpus_files[0], corpus_files[1]]
    got = list(cnbudget.batch(paths, threads=2))
    assert [r["source"]["path"] for r in got] == [str(p) for p in paths]
    for p, rec in zip(paths, got):
        line = run(cli, "batch", str(p)).stdout.decode("utf-8").strip()
        assert rec == json.loads(line), p
    assert got[1]["error"]["kind"] == "encoding"
    assert got[2]["error"]["kind"] == "io"


def test_batch_threads_give_the_same_records(corpus_files):
    one = list(cnbudget.batch(corpus_files, threads=1))
    two = list(cnbudget.batch(corpus_files, threads=2))
    assert one == two and len(one) == len(corpus_files)
    with pytest.raises(ValueError):
        list(cnbudget.batch(corpus_files, threads=0))


def test_batch_of_a_directory_is_the_cli_batch(cli):
    from conftest import CORPUS

    lines = run(cli, "batch", str(CORPUS)).stdout.decode("utf-8").splitlines()
    assert [json.loads(x) for x in lines] == list(cnbudget.batch([CORPUS]))


def test_facts_frame_equals_cli_csv(cli, tmp_path):
    from conftest import CORPUS

    out = tmp_path / "facts.csv"
    assert run(cli, "batch", str(CORPUS), "-o", str(tmp_path / "out.jsonl"), "--csv", str(out)).returncode == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert tuple(rows[0]) == cnbudget.CSV_COLUMNS
    df = cnbudget.facts_frame(cnbudget.batch([CORPUS]))
    assert list(df.columns) == list(cnbudget.CSV_COLUMNS)
    assert [list(r) for r in df.itertuples(index=False)] == rows[1:]
    assert all(str(t) == "object" for t in df.dtypes)


def test_schema_is_the_cli_schema(cli):
    assert cnbudget.schema() == json.loads(run(cli, "schema").stdout)


def test_the_gil_is_released_while_extracting():
    """While one thread extracts a large document, another runs Python."""
    text = "一、收支\n收入预算较上年减少18.89万元，其中基本支出382.58万元。\n" * 40000
    counter = [0]
    done = threading.Event()

    def spin():
        while not done.is_set():
            counter[0] += 1

    t = threading.Thread(target=spin)
    t.start()
    time.sleep(0.05)
    before = counter[0]
    start = time.perf_counter()
    cnbudget.extract(text)
    seconds = time.perf_counter() - start
    during = counter[0] - before
    done.set()
    t.join()
    # Held, the GIL would let the spinning thread run only between calls.
    assert seconds > 0.05 and during > 1000, (seconds, during)
