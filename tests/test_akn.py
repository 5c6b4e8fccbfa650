"""Akoma Ntoso 3.0 export: valid against the OASIS schema, footnotes where their markers were, round trip.

Expected values are read from the seed's source text: the annex numbers its paragraphs 1-26 (1-15 open with
recital openers, 16-26 with operative verbs); the three footnote markers are glued to 'verstrekt' (cover note),
'(EMCDDA)' (annex paragraph 11) and 'middelen' (annex paragraph 22), each followed by a comma; the previous
document is printed as 'nr. vorig doc.: 12517/1/23 REV 1'; no date line is printed and the signature stamp
reads 2023-09-19T12:30:04+0000.
"""

from __future__ import annotations

import datetime
import re
import subprocess
import sys

import pytest
from lxml import etree
from typer.testing import CliRunner

import mutations as mut
from conftest import SEED_PATH
from eu_clasi_corpus import Document, from_akn, parse_text
from eu_clasi_corpus.cli import app
from eu_clasi_corpus.export.akn import AKN_NS, ECC_NS, _Writer, escape_attribute, escape_text, to_akn, validate_akn, xml_safe
from eu_clasi_corpus.export.akn_read import AknError, text_and_notes
from eu_clasi_corpus.model import Span
from eu_clasi_corpus.textnorm import Normaliser

NS = {"a": AKN_NS, "ecc": ECC_NS}


def tree(xml: bytes) -> etree._Element:
    return etree.fromstring(xml)


@pytest.fixture(scope="module")
def seed_xml(seed_doc) -> bytes:
    return to_akn(seed_doc)


def text_before(note: etree._Element) -> str:
    """The text of the note's parent element that comes before the note (inline elements' text included,
    other notes' text left out)."""
    text, notes = text_and_notes(note.getparent())
    return text[: next(offset for offset, el in notes if el is note)]


# --- validity and shape ---------------------------------------------------------------------------------------


def test_seed_is_valid_akoma_ntoso(seed_xml):
    assert seed_xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert validate_akn(seed_xml) == []
    root = tree(seed_xml)
    assert root.tag == f"{{{AKN_NS}}}akomaNtoso"
    assert root.xpath("a:doc/@name", namespaces=NS) == ["iaItemNote"]  # from 'NOTA I/A-PUNT'


def test_validation_reports_schema_errors_and_duplicate_eids(seed_xml):
    no_name = seed_xml.replace(b'<doc name="iaItemNote">', b"<doc>", 1)
    errors = validate_akn(no_name)
    assert errors and any("name" in e for e in errors)
    twice = seed_xml.replace(b'eId="para_2"', b'eId="para_1"', 1)
    assert any("eId 'para_1' already used" in e for e in validate_akn(twice))
    assert validate_akn(b"<akomaNtoso><doc>")[0].startswith("line 1: not well-formed")


def test_annex_holds_26_numbered_units_recitals_then_commitments(seed_xml):
    att = tree(seed_xml).xpath("//a:attachment", namespaces=NS)
    assert len(att) == 1
    assert att[0].xpath("a:heading/text()", namespaces=NS) == ["BIJLAGE"]
    statement = att[0].find("a:statement", NS)
    title = statement.xpath("string(a:preface/a:longTitle/a:p/a:docTitle)", namespaces=NS)
    assert title.startswith("Gezamenlijke verklaring van de ministers") and title.endswith("(gezamenlijke verklaring EU-Clasi)")
    recitals = statement.xpath("a:preamble/a:recitals/a:recital[a:num]", namespaces=NS)
    paragraphs = statement.xpath("a:mainBody/a:paragraph[a:num]", namespaces=NS)
    assert [r.findtext("a:num", namespaces=NS) for r in recitals] == [str(n) for n in range(1, 16)]
    assert [p.findtext("a:num", namespaces=NS) for p in paragraphs] == [str(n) for n in range(16, 27)]
    assert {p.get("class") for p in paragraphs} == {"commitment"}
    assert recitals[1].xpath("string(a:p)", namespaces=NS).startswith("Ons ervan bewust dat")
    assert paragraphs[1].xpath("string(a:content/a:p)", namespaces=NS).startswith("Spreken onze volledige steun uit")
    # eIds by the naming convention, prefixed with the attachment
    assert recitals[0].get("eId") == "att_1__recs__rec_1"
    assert paragraphs[0].get("eId") == "att_1__para_16"
    inside = [el.get("eId") for el in att[0].iter() if el.get("eId")]
    assert inside[0] == "att_1" and all(e.startswith("att_1__") for e in inside[1:])


def test_eids_are_unique(seed_xml):
    eids = [el.get("eId") for el in tree(seed_xml).iter() if isinstance(el.tag, str) and el.get("eId")]
    assert len(eids) > 26
    assert len(eids) == len(set(eids))


def test_footnotes_sit_where_their_markers_were(seed_xml):
    notes = tree(seed_xml).xpath("//a:authorialNote", namespaces=NS)
    assert [(n.get("marker"), n.get("placement")) for n in notes] == [("1", "bottom"), ("2", "bottom"), ("3", "bottom")]
    words = ["verstrekt", "(EMCDDA)", "middelen"]
    for note, word in zip(notes, words):
        assert text_before(note).endswith(" " + word), word
        assert (note.tail or "").startswith(","), word  # the comma after the marker follows the note
    assert notes[0].xpath("string(a:p)", namespaces=NS) == "Doc. 11301/23."
    assert notes[1].xpath("string(a:p)", namespaces=NS) == "Het toekomstige Drugsagentschap van de Europese Unie"
    # each one inside the element holding its anchor text: cover paragraph 1, recital 11, paragraph 22
    holders = [n.xpath("ancestor::*[self::a:paragraph or self::a:recital][1]/@eId", namespaces=NS)[0] for n in notes]
    assert holders == ["para_1", "att_1__recs__rec_11", "att_1__para_22"]
    # the marker digits themselves are not in the text
    assert "verstrekt1" not in tree(seed_xml).xpath("string(//a:mainBody)", namespaces=NS)


def test_header_in_the_preface(seed_xml):
    preface = tree(seed_xml).find("a:doc/a:preface", NS)
    lines = {p.get("class"): p for p in preface.findall("a:p", NS)}
    assert list(lines) == ["docTypeLabel", "sender", "recipient", "previousDocument", "subject"]  # source order
    assert lines["docTypeLabel"].findtext("a:docType", namespaces=NS) == "NOTA I/A-PUNT"
    assert lines["sender"].findtext("a:docProponent", namespaces=NS) == "het voorzitterschap"
    assert lines["sender"].findtext("a:span[@class='label']", namespaces=NS) == "van"
    ref = lines["previousDocument"].find("a:ref", NS)
    assert ref.text == "12517/1/23 REV 1"
    assert ref.get("href") == "/akn/eu/doc/consil/st-12517-2023/nld@rev-1"
    assert lines["subject"].findtext("a:docTitle", namespaces=NS).startswith("Gezamenlijke verklaring")


def test_frbr_identification(seed_xml):
    ident = tree(seed_xml).find("a:doc/a:meta/a:identification", NS)
    assert ident.get("source") == "#parser"
    work, expression, manifestation = ident
    # no date line is printed: the signature stamp's date, and the FRBRdate says so
    for part in (work, expression, manifestation):
        date = part.find("a:FRBRdate", NS)
        assert (date.get("date"), date.get("name")) == ("2023-09-19", "signatureTimestamp")
    assert expression.find("a:FRBRlanguage", NS).get("language") == "nld"
    work_uri = work.find("a:FRBRuri", NS).get("value")
    assert work_uri.startswith("/akn/eu/doc/iaItemNote/consil/2023-09-19/")
    assert expression.find("a:FRBRuri", NS).get("value") == work_uri + "/nld@"
    assert manifestation.find("a:FRBRthis", NS).get("value") == work_uri + "/nld@/!main.xml"
    assert work.find("a:FRBRcountry", NS).get("value") == "eu"


def test_output_is_deterministic_and_dateless(seed_text, seed_doc, seed_xml):
    again = to_akn(parse_text(seed_text, name=SEED_PATH.name))
    assert again == seed_xml
    today = datetime.date.today().isoformat().encode()
    assert today == b"2023-09-19" or today not in seed_xml


# --- writing (export/akn.py writes the XML itself, as lxml would) ----------------------------------------------


def test_escaping_is_what_lxml_writes_for_every_character():
    chars = "".join(chr(c) for c in range(0x110000))
    for i in range(0, len(chars), 4096):
        chunk = chars[i : i + 4096]
        common = "".join(c for c in chunk if c.isprintable() and c not in '&<>"')  # the escapers' shortcut
        for s in (chunk, common, *(common[:20] + special for special in '&<>"\t\n\r')):
            el = etree.Element("x", a=xml_safe(s))
            el.text = xml_safe(s)
            assert f'<x a="{escape_attribute(s)}">{escape_text(s)}</x>'.encode() == etree.tostring(el, encoding="UTF-8")


@pytest.mark.parametrize("replacement", ["Spreken onze volledige", 'Spreken "onze" <volledige> R&D\r\n\t']
)
def test_output_is_what_lxml_writes_for_the_same_tree(seed_text, replacement):
    xml = to_akn(parse_text(mut.replace_once(seed_text, "Spreken onze volledige", replacement)))
    lxml_wrote = etree.tostring(etree.fromstring(xml), xml_declaration=True, encoding="UTF-8") + b"\n"
    # an element given an empty text is written <x></x>, as lxml writes it; read back, it has no text
    assert re.sub(rb"<([\w:]+)([^<>]*)></\1>", rb"<\1\2/>", xml) == lxml_wrote


def test_eids_take_the_first_free_suffix(seed_doc):
    writer = _Writer(seed_doc)
    assert [writer.eid(c) for c in ["x", "x_3", "x", "x", "x"]] == ["x", "x_3", "x_2", "x_4", "x_5"]


# --- variants --------------------------------------------------------------------------------------------------


def test_two_annexes_valid_with_own_prefixes(seed_text):
    doc = parse_text(mut.two_annexes(seed_text))
    xml = to_akn(doc)
    assert validate_akn(xml) == []
    atts = tree(xml).xpath("//a:attachment", namespaces=NS)
    assert [a.findtext("a:heading", namespaces=NS) for a in atts] == ["BIJLAGE I", "BIJLAGE II"]
    second = atts[1].find("a:statement", NS)
    assert second.find("a:preamble", NS) is None  # no recitals: its paragraphs are in the body
    paras = second.xpath("a:mainBody/a:paragraph", namespaces=NS)
    assert [p.get("eId") for p in paras] == ["att_2__para_1", "att_2__para_2"]
    assert paras[0].xpath("string(a:content/a:p)", namespaces=NS) == "Deze lijst is opgesteld door het voorzitterschap;"
    eids = [el.get("eId") for el in tree(xml).iter() if el.get("eId")]
    assert len(eids) == len(set(eids))
    assert from_akn(xml) == doc


def test_without_footnotes_valid(seed_text):
    doc = parse_text(mut.without_footnotes(seed_text))
    xml = to_akn(doc)
    assert validate_akn(xml) == []
    assert b"authorialNote" not in xml
    assert from_akn(xml) == doc


@pytest.mark.parametrize("mutation", [mut.page_break_inside_paragraph, mut.footnote_zone_inside_paragraph, mut.crlf])
def test_layout_variants_keep_the_notes_in_place(seed_text, mutation):
    doc = parse_text(mutation(seed_text))
    xml = to_akn(doc)
    assert validate_akn(xml) == []
    notes = tree(xml).xpath("//a:authorialNote", namespaces=NS)
    assert [text_before(n).rsplit(" ", 1)[-1] for n in notes] == ["verstrekt", "(EMCDDA)", "middelen"]
    assert from_akn(xml) == doc


def test_footnote_without_marker_goes_to_meta_notes(seed_text):
    doc = parse_text(mut.replace_once(seed_text, "verstrekt1,", "verstrekt,"))
    assert doc.footnotes[0].anchor is None
    xml = to_akn(doc)
    assert validate_akn(xml) == []
    notes = tree(xml).xpath("//a:meta/a:notes/a:note[@class='footnote']", namespaces=NS)
    assert [(n.get("marker"), n.xpath("string(a:p)", namespaces=NS)) for n in notes] == [("1", "Doc. 11301/23.")]
    assert len(tree(xml).xpath("//a:authorialNote", namespaces=NS)) == 2
    assert from_akn(xml) == doc


POINTS_NOTE = (
    " NOTA \n\nvan: het voorzitterschap \n\naan: de delegaties \n\nBetreft: Proef met punten \n\n"
    "1. De delegaties worden verzocht: \n\na) de tekst te bestuderen; \n\n"
    "b) opmerkingen in te dienen bij het secretariaat1, \n\nen daarna te antwoorden. \n\n"
    "2. Dank u. \n\n" + " " * 49 + "\n1 Uiterlijk op 1 oktober. \n"
)


def test_points_become_a_block_list_with_the_note_in_its_point():
    doc = parse_text(POINTS_NOTE)
    assert [pt.label for pt in doc.cover_note.paragraphs[0].points] == ["a", "b"]
    xml = to_akn(doc)
    assert validate_akn(xml) == []
    para = tree(xml).xpath("//a:paragraph[@eId='para_1']", namespaces=NS)[0]
    assert para.xpath("string(a:content/a:p)", namespaces=NS) == "De delegaties worden verzocht:"
    items = para.xpath("a:content/a:blockList/a:item", namespaces=NS)
    assert [i.findtext("a:num", namespaces=NS) for i in items] == ["a)", "b)"]
    assert items[0].xpath("string(a:p)", namespaces=NS) == "de tekst te bestuderen;"
    note = items[1].xpath(".//a:authorialNote", namespaces=NS)[0]
    assert text_before(note) == "opmerkingen in te dienen bij het secretariaat"
    assert note.tail == ", en daarna te antwoorden."
    back = from_akn(xml)
    assert back == doc
    assert back.footnotes[0].anchor_offset == len("De delegaties worden verzocht: a) de tekst te bestuderen; b) opmerkingen in te dienen bij het secretariaat")


def test_characters_xml_cannot_hold_are_replaced(seed_text):
    doc = parse_text(mut.replace_once(seed_text, "Spreken onze volledige", "Spreken onze\x07volledige"))
    xml = to_akn(doc)
    assert validate_akn(xml) == []
    assert "Spreken onze\ufffdvolledige" in xml.decode("utf-8")


# --- round trip --------------------------------------------------------------------------------------------------


def test_round_trip_rebuilds_the_document(seed_doc, seed_xml):
    back = from_akn(seed_xml)
    assert isinstance(back, Document)
    assert back == seed_doc
    # spelled out, for the reader of a failure
    assert back.header == seed_doc.header
    assert back.header.previous_documents[0].text == "12517/1/23 REV 1"
    annex = back.annexes[0]
    assert [(p.number, p.kind) for p in annex.paragraphs] == [(str(n), "recital") for n in range(1, 16)] + [
        (str(n), "commitment") for n in range(16, 27)
    ]
    assert [p.text for p in back.paragraphs()] == [p.text for p in seed_doc.paragraphs()]
    assert [(f.number, f.text, f.anchor, f.anchor_offset) for f in back.footnotes] == [
        (f.number, f.text, f.anchor, f.anchor_offset) for f in seed_doc.footnotes
    ]
    assert to_akn(back) == seed_xml
    assert from_akn(seed_xml.decode("utf-8")) == seed_doc  # text in, too


def test_from_akn_refuses_what_it_did_not_write():
    with pytest.raises(AknError):
        from_akn(b"<akomaNtoso xmlns='http://docs.oasis-open.org/legaldocml/ns/akn/3.0'><doc name='x'/></akomaNtoso>")
    with pytest.raises(AknError):
        from_akn(b"<akomaNtoso")
    with pytest.raises(ValueError):  # AknError is a ValueError
        from_akn(b"<other/>")


def test_reading_never_expands_external_entities(tmp_path, seed_xml):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY ext SYSTEM "{secret.as_uri()}">', encoding="utf-8")
    doctype = (
        f'<!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM "{secret.as_uri()}"> '
        f'<!ENTITY % remote SYSTEM "{dtd.as_uri()}"> %remote;]>\n'
    ).encode()
    body = seed_xml.split(b"?>\n", 1)[1].replace(b"het voorzitterschap</docProponent>", b"het &xxe;&ext;</docProponent>", 1)
    payload = b"<?xml version='1.0' encoding='UTF-8'?>\n" + doctype + body
    doc = from_akn(payload)
    assert "TOP-SECRET" not in doc.model_dump_json()
    assert doc.header.sender.text == "het "
    errors = validate_akn(payload)
    assert any("&xxe;" in e and "unexpanded" in e for e in errors)
    assert all("TOP-SECRET" not in e for e in errors)


# --- the anchor offset -----------------------------------------------------------------------------------------


def test_offset_at_counts_the_normalised_prefix():
    text = "Een zin met een woord dat af-\ngebroken1 is,\n  en  meer."
    normaliser = Normaliser(text)
    marker = text.index("1 is")
    whole = Span(start=0, end=len(text))
    exclude = [Span(start=marker, end=marker + 1)]
    normalised = normaliser.text_of([whole], exclude)
    assert normalised == "Een zin met een woord dat af-gebroken is, en meer."  # default-keep
    offset = normaliser.offset_at([whole], exclude, marker)
    assert normalised[:offset].endswith("af-gebroken") and normalised[offset:] == " is, en meer."


def test_offset_at_across_segments_and_a_cut_hyphen():
    text = "eerste stuk\n[ZONE]\ntweede sa-\nmen stuk"
    normaliser = Normaliser(text + " samen")  # 'samen' in the lexicon: the line-end hyphen is joined
    segments = [Span(start=0, end=11), Span(start=text.index("tweede"), end=len(text))]
    assert normaliser.text_of(segments) == "eerste stuk tweede samen stuk"
    # at the start of the second segment: the first one, without the joining space (a marker belongs to
    # the text before it)
    assert normaliser.offset_at(segments, [], text.index("tweede")) == len("eerste stuk")
    assert normaliser.offset_at(segments, [], text.index(" sa-")) == len("eerste stuk tweede")
    # cut right after the hyphen: the prefix ('sa-') disagrees with the whole ('samen'); the offset stops
    # where they agree, and never points past the text
    at = text.index("-") + 1
    assert normaliser.offset_at(segments, [], at) == len("eerste stuk tweede sa")


# --- the command line and the model method ----------------------------------------------------------------------


def test_cli_parse_format_akn(seed_xml):
    result = CliRunner().invoke(app, ["parse", str(SEED_PATH), "--format", "akn"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == seed_xml


def test_document_method(seed_doc, seed_xml):
    assert seed_doc.to_akn() == seed_xml


def test_schema_is_local():
    from eu_clasi_corpus.export import akn

    folder = akn.schema_dir()
    assert (folder / "akomantoso30.xsd").is_file() and (folder / "xml.xsd").is_file()
    notice = (folder / "NOTICE.md").read_text(encoding="utf-8")
    assert "OASIS Standard of 29 August 2018" in notice and "Creative Commons Attribution 4.0" in notice
    assert 'schemaLocation="./xml.xsd"' in (folder / "akomantoso30.xsd").read_text(encoding="utf-8")
    assert akn.schema() is akn.schema()  # loaded once


def test_impossible_dates_do_not_make_the_xml_invalid(seed_text):
    """Found in review: '31 February' and a stamp of 2023-02-30 went into @date and failed the XSD."""
    header = "COUNCIL OF THE EUROPEAN UNION\nBrussels, 31 February 2023 (OR. en)\n12345/23\nNOTE\nFrom: Presidency\nTo: Delegations\nSubject: Test\n\n1. Text.\n"
    doc = parse_text(header, language="en")
    assert doc.header.date.text == "31 February 2023" and doc.header.date.value is None
    assert validate_akn(to_akn(doc)) == []
    stamped = parse_text(mut.replace_once(seed_text, "2023-09-19T12:30:04", "2023-02-30T12:30:04"))
    assert validate_akn(to_akn(stamped)) == []


def test_writing_does_not_load_lxml():
    # lxml reads and validates; the writer needs none of it (``parse --format akn`` and ``build`` skip its import)
    code = (
        "import sys, eu_clasi_corpus as e; from eu_clasi_corpus.export.akn import to_akn; "
        f"to_akn(e.parse_file({str(SEED_PATH)!r})); print('lxml' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
