"""The other corpus commands through the installed console script: parse -, schema, show, stats, --help."""

from __future__ import annotations

import json

import pytest

from corpus_tools import DATA, SEED_STEM, run
from eu_clasi_corpus import Document

RAW = DATA / "raw" / f"{SEED_STEM}.txt"
PARSED = DATA / "parsed" / f"{SEED_STEM}.json"


def test_parse_reads_standard_input():
    result = run("parse", "-", stdin=RAW.read_bytes())
    assert result.returncode == 0, result.stderr
    doc = Document.from_json(result.stdout)
    assert doc.source.name == "<stdin>"
    committed = Document.from_json(PARSED.read_bytes())
    committed.source.name = "<stdin>"
    assert doc == committed


def test_schema_is_the_model_schema_and_deterministic(tmp_path):
    first = run("schema")
    assert first.returncode == 0
    assert json.loads(first.stdout) == Document.model_json_schema()
    out = tmp_path / "document.schema.json"
    assert run("schema", "-o", str(out)).returncode == 0
    assert out.read_bytes() == first.stdout == run("schema").stdout


def test_show_gives_the_same_tree_for_raw_and_parsed():
    raw = run("show", str(RAW))
    parsed = run("show", str(PARSED))
    assert raw.returncode == parsed.returncode == 0
    assert raw.stdout == parsed.stdout
    lines = raw.stdout.decode().splitlines()
    assert lines[0] == f"{SEED_STEM}.txt  (nl, ia_item_note, 8 page(s))"
    assert "cover note: 2 paragraph(s)" in lines and "footnotes: 3" in lines
    assert sum(1 for l in lines if l.startswith("  ") and " recital " in l) == 15


def test_show_refuses_a_json_that_is_not_a_document(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text('{"language": "nl"}', encoding="utf-8")
    result = run("show", str(bad))
    assert result.returncode == 2
    assert result.stderr.decode().startswith(f"eu-clasi: {bad}: not a parsed document")


def test_stats_counts_the_corpus():
    result = run("stats", str(DATA), "--format", "json")
    assert result.returncode == 0
    stats = json.loads(result.stdout)
    assert stats["documents"] == 1 and stats["languages"] == {"nl": 1}
    # From the source: 2 unnumbered cover-note paragraphs, annex recitals 1-15, commitments 16-26.
    assert stats["paragraphs_by_kind"] == {"recital": 15, "commitment": 11, "other": 2}
    assert stats["footnotes"] == 3 and stats["pages"] == 8
    table = run("stats", str(DATA)).stdout.decode()
    assert "paragraphs      28 (recital 15, commitment 11, other 2)" in table


@pytest.mark.parametrize("command", ["parse", "validate", "build", "check", "schema", "show", "stats"])
def test_every_command_help_has_an_example(command):
    result = run(command, "--help")
    assert result.returncode == 0
    assert f"Example:  eu-clasi {command}" in result.stdout.decode()
