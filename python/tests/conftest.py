"""Shared fixtures: the repository, its corpus, and the command line built
from the same sources (the Python results are compared with it)."""

import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"


@pytest.fixture(scope="session")
def cli() -> str:
    """The `cnbudget` binary: $CNBUDGET_BIN, else target/release (built if absent)."""
    env = os.environ.get("CNBUDGET_BIN")
    if env:
        return env
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    binary = target / "release" / "cnbudget"
    if not binary.exists():
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    return str(binary)


@pytest.fixture(scope="session")
def corpus_files():
    return sorted(CORPUS.glob("*.txt"))
