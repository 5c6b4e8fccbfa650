"""The annotators' fast paths (third round) give what the plain way gives; each test would fail if its fast path
were wrong."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DEV_FIXTURES_DIR, SEED_PATH, read_exact
from eu_clasi_corpus import annotate, parse_text
from eu_clasi_corpus.anchors import excluded, segments_of
from eu_clasi_corpus.annotate import acronyms, placement
from eu_clasi_corpus.annotate.placement import MARKER_TYPES, content_holders, place_annotations
from eu_clasi_corpus.annotate.view import ContentView
from eu_clasi_corpus.model import Annotation, Document, Footnote, Span
from eu_clasi_corpus.textnorm import Normaliser

TEXTS = [SEED_PATH, *sorted(DEV_FIXTURES_DIR.glob("*.txt"))]


def _placed_the_plain_way(doc: Document, normaliser: Normaliser, markers: list[Span]) -> None:
    """Sets ``text_start`` / ``text_end`` on ``doc``'s annotations one by one, after they were made: the loop the parser
    ran before it made them placed (independent of :func:`eu_clasi_corpus.annotate.placement._places`)."""
    markers = sorted(markers, key=lambda m: (m.start, m.end))
    starts = [m.start for m in markers]
    holder = content_holders(doc).holder
    by_node: dict[int, tuple[object, list[Annotation]]] = {}
    for a in doc.annotations:
        if a.type in MARKER_TYPES:
            continue
        node = holder(a.span)
        if node is not None:
            by_node.setdefault(id(node), (node, []))[1].append(a)
    for node, held in by_node.values():
        cut = [] if isinstance(node, Footnote) else excluded(node, markers, starts)
        points = sorted({p for a in held for p in (a.span.start, a.span.end)})
        found = normaliser.positions(segments_of(node), cut, points, node.text)
        if found is None:
            continue
        place = dict(zip(points, found))
        for a in held:
            text_start, text_end = place[a.span.start], place[a.span.end]
            if text_start < text_end and node.text[text_start:text_end] == a.text:
                a.text_start, a.text_end = text_start, text_end


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_annotations_made_placed_are_those_placed_after_they_were_made(path, monkeypatch):
    # the parser has annotate() place the records before they are validated; placing the unplaced annotations
    # afterwards, the plain way and with the same markers, sets the same fields to the same values, and no others
    seen: list[list[Span]] = []

    def place_records(doc, normaliser, markers, records):
        seen.append(markers)
        return placement.place_records(doc, normaliser, markers, records)

    monkeypatch.setattr(annotate, "place_records", place_records)
    text = read_exact(path)
    doc = parse_text(text, name=path.name)
    made = doc.annotations
    doc.annotations = [Annotation(**a.model_dump(exclude_unset=True, exclude={"text_start", "text_end"})) for a in made]
    _placed_the_plain_way(doc, Normaliser(text), seen[0])
    assert [a.model_dump() for a in doc.annotations] == [a.model_dump() for a in made]
    assert [a.model_fields_set for a in doc.annotations] == [a.model_fields_set for a in made]
    assert any(a.text_start is not None for a in made) or not made


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_place_annotations_places_as_the_parser_does(path):
    # place_annotations (public: for a document whose annotations were changed or loaded) gives the parser's places;
    # its markers are the document's own (the anchors and the paragraphs' refs), which these texts' parses all pair
    text = read_exact(path)
    doc = parse_text(text, name=path.name)
    made = [a.model_dump() for a in doc.annotations]
    for a in doc.annotations:
        a.text_start = a.text_end = None
    place_annotations(doc, Normaliser(text))
    assert [a.model_dump() for a in doc.annotations] == made


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_a_definitions_text_is_its_short_form_as_surface_gives_it(path):
    # acronyms.records writes the short form as the definition's text instead of asking ContentView.surface
    text = read_exact(path)
    doc = parse_text(text, name=path.name)
    for view in ContentView.of_document(doc, text).layer_views():
        for d in acronyms.definitions(view, doc.language):
            assert view.surface(d.start, d.end) == d.short


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["(", ")", "EU", "Ab", "C", " ", "  ", "\u0558", "\u00e9", "'s", "\u2019", "-", ".",
                                 "&", "\n", "Europese Unie "]), max_size=14).map("".join))
def test_a_short_form_in_parentheses_reads_as_surface_gives_it(text):
    view = ContentView.of_text(text)
    for m in acronyms.SHORT_IN_PARENS.finditer(view.masked):
        assert view.surface(m.start("short"), m.end("short")) == m.group("short")
