"""Property-based tests (hypothesis): any text parses, spans are sane, output is deterministic, nothing is lost."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import read_seed
from eu_clasi_corpus import parse_text
from helpers import content_nodes, uncovered

SEED_LINES = read_seed().split("\n")
SPECIAL = [" " * 49, "1 Doc. 11301/23.", " BIJLAGE", "BIJLAGE II", "ANNEX", "a) punt", "(iv) punt", "• punt",
           "van:", "Betreft:", "12.", "\t\t2023-09-19T12:30:04+0000", "\t Guarantee of Integrity and Authenticity",
           "woord1,", "(EMCDDA)2,", "Latijns-", "\f", "\r", "\r\n", "\u00ad", "\u00a0", "\ufeff", "___________"]

line = st.one_of(
    st.sampled_from(SEED_LINES),
    st.sampled_from(SPECIAL),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40),
)
document_text = st.lists(line, max_size=60).map("\n".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_spans(doc, text):
    n = len(text)
    for name, node in content_nodes(doc):
        assert 0 <= node.span.start <= node.span.end <= n, name
        segs = getattr(node, "segments", None) or []
        for a, b in zip(segs, segs[1:]):
            assert a.end <= b.start, name
        if segs:
            assert node.span.start <= segs[0].start and segs[-1].end <= node.span.end, name
    containers = [doc.cover_note.paragraphs] + [a.paragraphs for a in doc.annexes]
    for paras in containers:
        for a, b in zip(paras, paras[1:]):
            assert a.span.end <= b.span.start
    for a, b in zip(doc.footnotes, doc.footnotes[1:]):
        assert a.span.end <= b.span.start
    assert doc.pages[0].span.start == 0 and doc.pages[-1].span.end == n
    for a, b in zip(doc.pages, doc.pages[1:]):
        assert a.span.end == b.span.start
    for f in doc.footnotes:
        if f.anchor:
            assert text[f.anchor.start : f.anchor.end] == f.number


@SETTINGS
@given(document_text)
def test_any_text_parses_with_sane_spans_and_full_coverage(text):
    doc = parse_text(text)
    _check_spans(doc, text)
    assert uncovered(doc, text) == []


@SETTINGS
@given(document_text)
def test_parsing_is_deterministic(text):
    assert parse_text(text).to_json() == parse_text(text).to_json()


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_seed_with_random_lines_removed_keeps_invariants(data):
    lines = list(SEED_LINES)
    drop = data.draw(st.sets(st.integers(0, len(lines) - 1), max_size=30))
    text = "\n".join(line for i, line in enumerate(lines) if i not in drop)
    doc = parse_text(text)
    _check_spans(doc, text)
    assert uncovered(doc, text) == []
