"""The Akoma Ntoso writer's string path (``_Writer.fill`` writing text, notes and marks at once) gives the same
bytes as its element path (``_Writer.fill_elements``, which it uses only where an internal reference is written)."""

from __future__ import annotations

import pytest
from conftest import DEV_FIXTURES_DIR, SEED_PATH, read_exact, read_seed

import mutations as mut
from eu_clasi_corpus import parse_text
from eu_clasi_corpus.export import akn
from test_akn_annotations import POINTS_NOTE


class _ElementsOnly(akn._Writer):
    """A writer whose text is always written as elements (the path taken for internal references)."""

    def fill(self, el, text, notes, prefix, marks=(), base=0):
        notes = sorted(notes, key=lambda n: (n[0], n[1].span.start))
        self.fill_elements(el, text, notes, prefix, marks, base)


def _elements_only(doc) -> bytes:
    out = ["<?xml version='1.0' encoding='UTF-8'?>\n"]
    akn.write_indented(_ElementsOnly(doc).build(), 0, out)
    out.append("\n")
    return "".join(out).encode("utf-8")


def _texts():
    yield SEED_PATH.name, read_seed()
    yield "points", POINTS_NOTE
    yield "footnote zone inside a paragraph", mut.footnote_zone_inside_paragraph(read_seed())
    for path in sorted(DEV_FIXTURES_DIR.glob("*.txt")):
        yield path.name, read_exact(path)


@pytest.mark.parametrize(("name", "text"), list(_texts()), ids=lambda v: v if len(v) < 60 else None)
def test_string_path_writes_what_the_element_path_writes(name, text):
    doc = parse_text(text)
    assert akn.to_akn(doc) == _elements_only(doc)


def test_notes_inside_and_at_the_edges_of_marks(seed_doc):
    """Every note of the seed moved onto the edges and the inside of its holder's marks: each placement gives
    the same bytes on both paths."""
    writer = akn._Writer(seed_doc)
    holders = {id(f): key for key, notes in writer.notes.items() for _, f in notes}
    assert holders, "the seed has anchored notes"
    checked = 0
    for f in seed_doc.footnotes:
        marks = writer.marks.get(holders.get(id(f)), [])
        for m in marks[:6]:
            for offset in (m.start, m.start + 1, m.end - 1, m.end):
                doc = seed_doc.model_copy(deep=True)
                moved = next(g for g in doc.footnotes if g.number == f.number)
                moved.anchor_offset = offset
                assert akn.to_akn(doc) == _elements_only(doc), (f.number, offset)
                checked += 1
    assert checked
