"""Speed of the Python binding against the command line, in one run:

    python python/benches/speed.py [COPIES]      (default 100 copies of corpus/)

1. `cnbudget.batch` (records as dicts) against `cnbudget batch -j 1` (JSON
   lines to /dev/null) on the same files, best of 5 each.
2. The per-call overhead of `cnbudget.extract` on a short document: Python's
   time per call minus the time of the same extraction in Rust alone.
"""

import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

import cnbudget

REPO = pathlib.Path(__file__).resolve().parents[2]


def best(f, n=5):
    return min(f() for _ in range(n))


def main():
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    cli = os.environ.get("CNBUDGET_BIN", str(REPO / "target" / "release" / "cnbudget"))
    with tempfile.TemporaryDirectory() as d:
        for i in range(copies):
            shutil.copytree(REPO / "corpus", pathlib.Path(d) / f"unit{i}")
        files = sum(1 for _ in pathlib.Path(d).rglob("*.txt"))
        mb = sum(p.stat().st_size for p in pathlib.Path(d).rglob("*.txt")) / 1e6

        def run_cli():
            t = time.perf_counter()
            subprocess.run([cli, "batch", "-j", "1", d], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            return time.perf_counter() - t

        def run_py(threads):
            def f():
                t = time.perf_counter()
                for _ in cnbudget.batch([d], threads=threads):
                    pass
                return time.perf_counter() - t
            return f

        c = best(run_cli)
        print(f"{files} files, {mb:.1f} MB")
        print(f"cnbudget batch -j 1 (CLI):        {c:.3f} s  {mb / c:5.1f} MB/s")
        for threads in (None, 1):
            p = best(run_py(threads))
            label = "default" if threads is None else str(threads)
            print(f"cnbudget.batch, threads={label:<8} {p:.3f} s  {mb / p:5.1f} MB/s  = {p / c:.2f}x the CLI's time")

    short = "一、收支\n（一）收入预算：2024年年初预算数772.94万元，较上年减少18.89万元，主要是项目减少。"
    for label, text in (
        ("the README's example", short),
        ("corpus/jd01 (2 KB, 40 amounts)", (REPO / "corpus" / "jd01_final_inline_ascii.txt").read_text(encoding="utf-8")),
    ):
        n = 2000
        for _ in range(200):
            cnbudget.extract(text)
        t = time.perf_counter()
        for _ in range(n):
            cnbudget.extract(text)
        py = (time.perf_counter() - t) / n
        rust = cnbudget._cnbudget._rust_seconds(text, n) / n
        print(f"extract, {label}: Python {py * 1e6:.1f} us per call, Rust alone {rust * 1e6:.1f} us: "
              f"overhead {(py - rust) * 1e6:.1f} us")


if __name__ == "__main__":
    main()
