"""Parsing time grows linearly: each pathological input at 1x and 10x size, compared as a ratio (issue 7).

No absolute times are asserted.  A linear parser gives a ratio near 10; a quadratic one near 100.  The bound
(:data:`MAX_RATIO`) leaves room for noise on a loaded CI machine without letting quadratic growth through.
"""

from __future__ import annotations

import time

import pytest

from eu_clasi_corpus import parse_text
from helpers import uncovered

MAX_RATIO = 30.0


def _best_time(text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        parse_text(text)
        best = min(best, time.perf_counter() - start)
    return best


CASES = {
    # name: (generator of a text of size n, n at 1x); the 10x case is the size the issue names.
    "numbered lines": (lambda n: "".join(f"{i}. tekst van punt {i};\n" for i in range(1, n + 1)), 20_000),
    "one long line": (lambda n: "woord " * n, 87_000),  # 10x: about 5 MB with no newline
    "marker-like tokens": (lambda n: "woord1, (EMCDDA)2, middelen3; " * (n // 3), 3_000),
    "nested parentheses": (lambda n: "(" * n + "tekst" + ")" * n, 5_000),
    "footnote separators": (lambda n: ("tekst\n" + " " * 40 + "\n1 voetnoot\n") * n, 500),
    "line-end hyphens": (lambda n: "Europese samen-\nwerking " * n, 5_000),
}


@pytest.mark.parametrize("name", list(CASES))
def test_parse_time_grows_linearly(name):
    make, n = CASES[name]
    small, large = make(n), make(10 * n)
    parse_text(small)  # warm caches (compiled patterns, language tables)
    t_small = _best_time(small, 3)
    t_large = _best_time(large, 1)
    ratio = t_large / max(t_small, 1e-4)
    assert ratio < MAX_RATIO, f"{name}: 10x input took {ratio:.1f}x the time ({t_small:.3f}s -> {t_large:.3f}s)"


def test_large_pathological_input_loses_nothing():
    text = CASES["footnote separators"][0](200) + CASES["numbered lines"][0](200)
    doc = parse_text(text)
    assert uncovered(doc, text) == []


def test_many_footnotes_in_one_paragraph_grow_linearly():
    """Found in review: placing each footnote anchor re-normalised its whole paragraph (quadratic)."""

    def note(n: int) -> str:
        lines = []
        for i in range(1, n + 1):
            lines.append(f"zin met een verwijzing{i}, en verder \n")
        zone = "".join(f"{i} Voetnoot {i}.\n" for i in range(1, n + 1))
        return "1. " + "".join(lines) + " " * 40 + "\n" + zone

    small, large = note(90), note(900)
    doc = parse_text(large)
    assert len(doc.footnotes) == 900 and all(f.anchor_offset is not None for f in doc.footnotes)
    parse_text(small)
    ratio = _best_time(large, 1) / max(_best_time(small, 3), 1e-4)
    assert ratio < MAX_RATIO, ratio


def test_akn_export_and_corpus_check_grow_linearly_with_points():
    """Found in review: the Akoma Ntoso writer and `check` compared every piece with every mark or marker."""
    from eu_clasi_corpus.check import span_mismatches
    from eu_clasi_corpus.export.akn import to_akn

    def note(n: int) -> str:
        return "1. Inleiding:\n" + "".join(f"({chr(97 + i % 26)}) punt over Europol op 12 juli 2023;\n" for i in range(n))

    def cost(text: str) -> float:
        doc = parse_text(text, language="nl")
        start = time.perf_counter()
        to_akn(doc)
        assert span_mismatches(doc, text) == []
        return time.perf_counter() - start

    small, large = note(200), note(2000)
    cost(small)
    ratio = cost(large) / max(min(cost(small) for _ in range(3)), 1e-4)
    assert ratio < MAX_RATIO, ratio
