"""Variants of the seed built in code: the structure must come out right in each."""

from __future__ import annotations

import pytest

import mutations as mut
from eu_clasi_corpus import parse_text


def _shape(doc):
    return {
        "header": (doc.header.sender.text, doc.header.recipient.text, doc.header.subject.text,
                   [d.text for d in doc.header.previous_documents]),
        "cover": [p.text for p in doc.cover_note.paragraphs],
        "annexes": [(a.label, a.title.text if a.title else None, [(p.number, p.kind, p.text) for p in a.paragraphs]) for a in doc.annexes],
        "footnotes": [(f.number, f.text, f.anchor is not None) for f in doc.footnotes],
    }


def test_page_break_inside_a_paragraph(seed_text, seed_doc):
    doc = parse_text(mut.page_break_inside_paragraph(seed_text))
    assert len(doc.pages) == len(seed_doc.pages) + 1
    assert _shape(doc) == _shape(seed_doc)
    para3 = doc.annexes[0].paragraphs[2]
    assert para3.number == "3" and para3.text == seed_doc.annexes[0].paragraphs[2].text
    assert doc.pages[para3.page - 1].span.end < para3.span.end  # it really runs over the break
    assert doc.unplaced == []


def test_footnote_zone_inside_a_paragraph(seed_text, seed_doc):
    doc = parse_text(mut.footnote_zone_inside_paragraph(seed_text))
    assert _shape(doc) == _shape(seed_doc)
    para = doc.cover_note.paragraphs[0]
    assert len(para.segments) == 2  # cut by the footnote zone, which is not in its text
    assert "Doc. 11301/23" not in para.text
    assert doc.footnotes[0].page == 1 and doc.unplaced == []


def test_no_footnotes(seed_text, seed_doc):
    doc = parse_text(mut.without_footnotes(seed_text))
    assert doc.footnotes == []
    shape, seed_shape = _shape(doc), _shape(seed_doc)
    assert shape["cover"] == seed_shape["cover"] and shape["annexes"] == seed_shape["annexes"]
    assert all(p.footnote_refs == [] for p in doc.paragraphs())


def test_two_annexes(seed_text):
    doc = parse_text(mut.two_annexes(seed_text))
    assert [(a.label, a.number) for a in doc.annexes] == [("BIJLAGE I", "I"), ("BIJLAGE II", "II")]
    assert [p.number for p in doc.annexes[0].paragraphs] == [str(n) for n in range(1, 27)]
    second = doc.annexes[1]
    assert second.title.text == "Lijst van de deelnemende landen"
    assert [(p.number, p.text) for p in second.paragraphs] == [
        ("1", "Deze lijst is opgesteld door het voorzitterschap;"),
        ("2", "Zij wordt bijgewerkt na elke bijeenkomst."),
    ]
    assert doc.signature is not None


def test_crlf_line_endings(seed_text, seed_doc):
    doc = parse_text(mut.crlf(seed_text))
    assert doc.source.newline == "CRLF"
    assert _shape(doc) == _shape(seed_doc)
    assert len(doc.pages) == len(seed_doc.pages)
    text = mut.crlf(seed_text)
    for f in doc.footnotes:
        assert text[f.anchor.start : f.anchor.end] == f.number


def test_header_fields_in_another_order(seed_text, seed_doc):
    doc = parse_text(mut.header_reordered(seed_text))
    assert _shape(doc) == _shape(seed_doc)


@pytest.mark.parametrize("make", [mut.page_break_inside_paragraph, mut.two_annexes, mut.crlf, mut.header_reordered])
def test_variants_have_no_error_diagnostics(seed_text, make):
    doc = parse_text(make(seed_text))
    assert [d for d in doc.diagnostics if d.severity == "error"] == []


def test_footnote_zone_ends_at_a_numbered_paragraph_when_the_page_start_is_lost(seed_text, seed_doc):
    doc = parse_text(mut.replace_once(seed_text, "\n 14. Gezien", "\n14. Gezien"))
    assert len(doc.pages) == len(seed_doc.pages) - 1
    assert _shape(doc) == _shape(seed_doc)


def test_footnote_marker_in_the_subject_is_not_in_its_text(seed_text):
    text = mut.replace_once(seed_text, "(gezamenlijke verklaring EU-Clasi) \n\n  \n", "(gezamenlijke verklaring EU-Clasi)4 \n\n  \n")
    text = mut.replace_once(text, "gezamenlijke operaties gepland konden worden. \n", "gezamenlijke operaties gepland konden worden. \n\n4 Zie ook de ontwerptekst.\n")
    doc = parse_text(text)
    assert doc.header.subject.text.endswith("(gezamenlijke verklaring EU-Clasi)")
    fn4 = doc.footnotes[-1]
    assert fn4.number == "4" and fn4.text == "Zie ook de ontwerptekst."
    assert text[fn4.anchor.start : fn4.anchor.end] == "4"
    assert doc.header.subject.span.start < fn4.anchor.start < doc.header.subject.span.end


def test_line_end_hyphen_right_before_a_footnote_zone_is_decided(seed_text, seed_doc):
    """Found in review: a hyphen that ended a segment gave 'Latijns- Amerikaans' (the zone cut the word)."""
    rule = " " * 49
    text = mut.replace_once(seed_text, "van de lidstaten van het Latijns-\n\nAmerikaans Comité voor binnenlandse veiligheid (gezamenlijke verklaring EU-Clasi) \n\n \n",
                            f"van de lidstaten van het Latijns-\n\n{rule}\n9 Een voetnoot.\n Amerikaans Comité voor binnenlandse veiligheid (gezamenlijke verklaring EU-Clasi) \n\n \n")
    doc = parse_text(text)
    assert doc.annexes[0].title.text == seed_doc.annexes[0].title.text
    assert len(doc.annexes[0].title.segments) == 2
    assert any(d.word == "Latijns-Amerikaans" and d.rule == "capital-after" for d in doc.hyphenation)
