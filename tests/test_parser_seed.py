"""The seed note parses exactly: every expected value below was written from reading the source text."""

from __future__ import annotations

import regex

from eu_clasi_corpus import parse_text
from eu_clasi_corpus.textnorm import Normaliser

SUBJECT = (
    "Gezamenlijke verklaring van de ministers van Binnenlandse Zaken van de lidstaten van de Europese Unie "
    "en de voor veiligheid bevoegde ministers van de lidstaten van het Latijns-Amerikaans Comité voor "
    "binnenlandse veiligheid (gezamenlijke verklaring EU-Clasi)"
)


def test_header(seed_doc):
    h = seed_doc.header
    assert seed_doc.language == "nl"
    assert seed_doc.doc_type == "ia_item_note"
    assert h.doc_type_label.text == "NOTA I/A-PUNT"
    assert h.sender.text == "het voorzitterschap"
    assert h.sender.label == "van"
    assert h.recipient.text == "het Comité van permanente vertegenwoordigers/de Raad"
    assert [d.text for d in h.previous_documents] == ["12517/1/23 REV 1"]
    assert h.subject.text == SUBJECT
    # The own number is not printed: nothing may pretend it was parsed.
    assert h.number is None and h.date is None


def test_header_spans_slice_the_source(seed_doc, seed_text):
    h = seed_doc.header
    assert h.sender.span.slice(seed_text) == "het voorzitterschap"
    assert h.previous_documents[0].span.slice(seed_text) == "12517/1/23 REV 1"
    subject_source = h.subject.span.slice(seed_text)
    assert subject_source.startswith("Gezamenlijke verklaring van de ministers")
    assert subject_source.endswith("(gezamenlijke verklaring EU-Clasi)")
    assert subject_source.count("\n") == 3  # the subject runs over four lines


def test_cover_note(seed_doc):
    paras = seed_doc.cover_note.paragraphs
    assert len(paras) == 2
    assert paras[0].text.startswith("Naar aanleiding van de informatie die op 12 juli 2023 aan het Coreper is verstrekt, heeft Spanje")
    assert paras[0].text.endswith("van de COSI-ondersteuningsgroep.")
    assert paras[1].text.startswith("Op basis van de opmerkingen")
    assert paras[1].text.endswith("Binnenlandse Zaken in Brussel op 28 september 2023.")
    assert all(p.kind == "other" and p.number is None for p in paras)


def test_annex(seed_doc):
    assert len(seed_doc.annexes) == 1
    annex = seed_doc.annexes[0]
    assert annex.label == "BIJLAGE"
    assert annex.title.text == SUBJECT  # the annex title repeats the subject, hyphen at the line end kept
    numbers = [p.number for p in annex.paragraphs]
    assert numbers == [str(n) for n in range(1, 27)]
    kinds = [p.kind for p in annex.paragraphs]
    assert kinds == ["recital"] * 15 + ["commitment"] * 11
    assert annex.paragraphs[13].text.endswith("in Brussel, België,")
    assert annex.paragraphs[25].text.endswith("op een nader te bepalen datum te evalueren.")


def test_footnotes_and_anchors(seed_doc, seed_text):
    fns = seed_doc.footnotes
    assert [f.number for f in fns] == ["1", "2", "3"]
    assert fns[0].text == "Doc. 11301/23."
    assert fns[1].text == "Het toekomstige Drugsagentschap van de Europese Unie"
    assert fns[2].text == (
        "In de gezamenlijke verklaring EU-Clasi (3 maart 2022) werd verzocht om de oprichting van een taskforce "
        "voor de bestrijding van de handel in verdovende middelen, zodat er gezamenlijke operaties gepland konden worden."
    )
    expected_anchor = {
        "1": seed_text.index("verstrekt1,") + len("verstrekt"),
        "2": seed_text.index("(EMCDDA)2,") + len("(EMCDDA)"),
        "3": seed_text.index("middelen3,") + len("middelen"),
    }
    for f in fns:
        assert f.anchor is not None
        assert f.anchor.start == expected_anchor[f.number]
        assert seed_text[f.anchor.start : f.anchor.end] == f.number
    assert [f.page for f in fns] == [1, 5, 7]
    para_of_ref = {r.number: p.number for p in seed_doc.paragraphs() for r in p.footnote_refs}
    assert para_of_ref == {"1": None, "2": "11", "3": "22"}


def test_pages_and_signature(seed_doc, seed_text):
    assert len(seed_doc.pages) == 8
    assert seed_doc.pages[0].span.start == 0 and seed_doc.pages[-1].span.end == len(seed_text)
    for before, after in zip(seed_doc.pages, seed_doc.pages[1:]):
        assert before.span.end == after.span.start
    assert seed_text[seed_doc.pages[2].span.start :].startswith(" BIJLAGE")
    assert seed_doc.signature.timestamp == "2023-09-19T12:30:04+0000"
    assert seed_doc.signature.span.slice(seed_text).endswith("Guarantee of Integrity and Authenticity")


def test_no_marker_footnote_or_signature_text_in_paragraphs(seed_doc):
    texts = [p.text for p in seed_doc.paragraphs()]
    joined = "\n".join(texts)
    for marker in ("verstrekt1", "(EMCDDA)2", "middelen3"):
        assert marker not in joined
    for f in seed_doc.footnotes:
        assert f.text not in joined
    assert "Guarantee of Integrity" not in joined and "2023-09-19T" not in joined
    assert not regex.search(r"\p{L}\d{1,2}[,.;]", joined)


def test_hyphenation_decisions_are_recorded(seed_doc):
    by_word = {d.word: d for d in seed_doc.hyphenation}
    assert by_word["Latijns-Amerikaans"].decision == "kept"
    assert by_word["Latijns-Amerikaans"].rule == "capital-after"
    assert "EU-Clasi" in seed_doc.cover_note.paragraphs[0].text
    assert "COSI-ondersteuningsgroep" in seed_doc.cover_note.paragraphs[0].text


def _nodes(doc):
    h = doc.header
    fields = [h.doc_type_label, h.sender, h.recipient, h.subject, *h.previous_documents]
    for f in fields:
        if f is not None:
            yield f, []
    for p in doc.paragraphs():
        exclude = [r.span for r in p.footnote_refs] + ([p.marker_span] if p.marker_span else [])
        yield p, exclude
        for pt in p.points:
            yield pt, [pt.marker_span] + [r.span for r in p.footnote_refs]
    for a in doc.annexes:
        if a.title:
            yield a.title, []
    for f in doc.footnotes:
        yield f, []


def test_every_node_slices_to_its_text(seed_doc, seed_text):
    norm = Normaliser(seed_text)
    count = 0
    for node, exclude in _nodes(seed_doc):
        segments = node.segments or [node.span]
        assert segments[0].start >= node.span.start and segments[-1].end <= node.span.end
        inside = [s for s in exclude if any(seg.start <= s.start and s.end <= seg.end for seg in segments)]
        assert norm.text_of(segments, inside) == node.text, node
        count += 1
    assert count > 30


def test_parsing_is_deterministic(seed_text):
    assert parse_text(seed_text, name="x").to_json() == parse_text(seed_text, name="x").to_json()


def test_no_diagnostics_on_the_seed(seed_doc):
    assert [d for d in seed_doc.diagnostics if d.severity != "info"] == []
    assert seed_doc.unplaced == []


def test_parsing_leaves_the_cycle_collector_as_it_found_it(seed_text):
    """The parser pauses Python's cycle collector while it builds (parser.without_cycle_collection)."""
    import gc

    from eu_clasi_corpus import parse_text

    assert gc.isenabled()
    parse_text(seed_text)
    assert gc.isenabled()
    gc.disable()
    try:
        parse_text(seed_text)
        assert not gc.isenabled()  # a caller that had switched it off keeps it off
    finally:
        gc.enable()
