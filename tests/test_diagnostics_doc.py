"""docs/diagnostics.md is generated from the registry and lists every code."""

from __future__ import annotations

import regex

from conftest import ROOT
from eu_clasi_corpus.diagnostics import REGISTRY, registry_markdown

DOC = ROOT / "docs" / "diagnostics.md"


def test_committed_file_matches_the_registry():
    assert DOC.read_text(encoding="utf-8") == registry_markdown(), "run: python scripts/gen_diagnostics_doc.py"


def test_every_code_is_listed_once_with_a_known_family():
    listed = regex.findall(r"^\| `([A-Z]{2,3}\d{3})` \|", DOC.read_text(encoding="utf-8"), flags=regex.M)
    assert sorted(listed) == sorted(REGISTRY) and len(set(listed)) == len(listed)
    assert {code.rstrip("0123456789") for code in REGISTRY} == {"NUM", "FN", "REF", "SRC", "HDR", "LAY", "ENC"}


def _codes_used_in_the_code() -> set[str]:
    used = set()
    for path in (ROOT / "src").rglob("*.py"):
        if path.name == "diagnostics.py":  # the registry itself
            continue
        used |= set(regex.findall(r"\"((?:NUM|FN|REF|SRC|HDR|LAY|ENC)\d{3})\"", path.read_text(encoding="utf-8")))
    return used


def test_codes_used_in_the_code_are_registered():
    assert _codes_used_in_the_code() <= set(REGISTRY)


def test_every_registered_code_is_reported_somewhere():
    """No documented code that nothing can emit."""
    assert set(REGISTRY) <= _codes_used_in_the_code()
