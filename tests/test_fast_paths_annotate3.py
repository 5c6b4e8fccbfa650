"""The annotators' fast paths (third round) give what the plain way gives; each test would fail if its fast path
were wrong."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DEV_FIXTURES_DIR, SEED_PATH, read_exact
from eu_clasi_corpus import parse_text
from eu_clasi_corpus.annotate import acronyms
from eu_clasi_corpus.annotate.placement import place_annotations
from eu_clasi_corpus.annotate.view import ContentView
from eu_clasi_corpus.model import Annotation
from eu_clasi_corpus.textnorm import Normaliser

TEXTS = [SEED_PATH, *sorted(DEV_FIXTURES_DIR.glob("*.txt"))]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_annotations_made_placed_are_those_placed_after_they_were_made(path):
    # the parser has annotate() place the records before they are validated; placing the unplaced annotations
    # afterwards (the plain way) sets the same fields to the same values, and no others
    text = read_exact(path)
    doc = parse_text(text, name=path.name)
    made = doc.annotations
    doc.annotations = [Annotation(**a.model_dump(exclude_unset=True, exclude={"text_start", "text_end"})) for a in made]
    place_annotations(doc, Normaliser(text))
    assert [a.model_dump() for a in doc.annotations] == [a.model_dump() for a in made]
    assert [a.model_fields_set for a in doc.annotations] == [a.model_fields_set for a in made]
    assert any(a.text_start is not None for a in made) or not made


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
