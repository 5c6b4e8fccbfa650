"""The annotators' fast paths (third round) give what the plain way gives; each test would fail if its fast path
were wrong."""

from __future__ import annotations

import pytest

from conftest import DEV_FIXTURES_DIR, SEED_PATH, read_exact
from eu_clasi_corpus import parse_text
from eu_clasi_corpus.annotate.placement import place_annotations
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
