"""Shared fixtures: the seed note from the committed corpus, read exactly as the spec says."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED_PATH = ROOT / "data" / "raw" / "nl_2023-09_ia-item-note_eu-clasi-joint-declaration.txt"
DEV_FIXTURES_DIR = ROOT / "tests" / "fixtures" / "corpus-dev"


def read_exact(path: Path) -> str:
    """The text of ``path`` as the spans count it: UTF-8, no newline translation."""
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def read_seed() -> str:
    return read_exact(SEED_PATH)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return read_seed()


@pytest.fixture(scope="session")
def seed_doc(seed_text):
    from eu_clasi_corpus import parse_text

    return parse_text(seed_text, name=SEED_PATH.name)
