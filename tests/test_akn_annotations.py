"""Annotations as Akoma Ntoso inline elements (docs/akn.md, 'Annotations inline'), and their place in the text.

Expected values are read from the seed's source: cover paragraph 1 says 'op 12 juli 2023 aan het Coreper is
verstrekt1,'; cover paragraph 2 'in september 2023 stelt Spanje ... de Raad Binnenlandse Zaken in Brussel op
28 september 2023.'; footnote 1 is 'Doc. 11301/23.'; recital 11 lists 'Europol, het Europees
Waarnemingscentrum voor drugs en drugsverslaving (EMCDDA)2, Eurojust'; recital 13 welcomes 'Chili, Uruguay,
Mexico, Paraguay, Peru, Colombia en Honduras'; the previous document is 'nr. vorig doc.: 12517/1/23 REV 1'.
"""

from __future__ import annotations

import json

import pytest
from lxml import etree

import mutations as mut
from eu_clasi_corpus import Document, from_akn, parse_text, textnorm
from eu_clasi_corpus.annotate.placement import content_holders
from eu_clasi_corpus.export.akn import AKN_NS, ECC_NS, to_akn, validate_akn
from eu_clasi_corpus.export.akn_inline import Mark, nest
from eu_clasi_corpus.model import Span
from eu_clasi_corpus.textnorm import Normaliser

NS = {"a": AKN_NS, "ecc": ECC_NS}


def tree(xml: bytes) -> etree._Element:
    return etree.fromstring(xml)


def one(el: etree._Element, path: str) -> etree._Element:
    found = el.xpath(path, namespaces=NS)
    assert len(found) == 1, (path, len(found))
    return found[0]


def tlc(root: etree._Element, ref: str) -> etree._Element:
    """The TLC entry a ``refersTo`` value names."""
    assert ref.startswith("#")
    return one(root, f"//a:meta/a:references/*[@eId='{ref[1:]}']")


@pytest.fixture(scope="module")
def seed_root(seed_doc) -> etree._Element:
    return tree(to_akn(seed_doc))


# --- the seed ---------------------------------------------------------------------------------------------------


def test_date_in_cover_paragraph_1(seed_root):
    p = one(seed_root, "//a:paragraph[@eId='para_1']/a:content/a:p")
    date = one(p, "a:date")
    assert (date.get("date"), date.text) == ("2023-07-12", "12 juli 2023")
    assert (date.tail or "").startswith(" aan het ")


def test_month_date_is_a_named_inline_not_a_date(seed_root):
    p = one(seed_root, "//a:paragraph[@eId='para_2']/a:content/a:p")
    month = one(p, "a:inline[@name='date']")
    assert (month.text, month.get(f"{{{ECC_NS}}}value")) == ("september 2023", "2023-09")
    assert [(d.get("date"), d.text) for d in p.findall("a:date", NS)] == [("2023-09-28", "28 september 2023")]
    # no <date> anywhere holds less than a full date (the schema's @date is an xsd:date)
    assert all(len(d.get("date")) == 10 for d in seed_root.iter(f"{{{AKN_NS}}}date"))


def test_council_document_in_footnote_1(seed_root):
    note = one(seed_root, "//a:authorialNote[@marker='1']")
    ref = one(note, "a:p/a:ref")
    assert (ref.text, ref.get("href")) == ("11301/23", "/akn/eu/doc/consil/st-11301-2023")
    assert note.xpath("string(a:p)", namespaces=NS) == "Doc. 11301/23."


def test_emcdda_in_recital_11_is_an_abbreviation_inside_an_organisation(seed_root):
    recital = one(seed_root, "//a:recital[@eId='att_1__recs__rec_11']")
    abbr = one(recital, ".//a:abbr[.='EMCDDA']")
    assert abbr.get("title") == "Europees Waarnemingscentrum voor drugs en drugsverslaving"
    outer = abbr.getparent()
    assert etree.QName(outer).localname == "organization" and outer.text is None and len(outer) == 1
    assert tlc(seed_root, outer.get("refersTo")).get("eId") == "org-emcdda"
    # the long form before it is the same organisation; the note follows the closing parenthesis
    long_form = one(recital, ".//a:organization[.='Europees Waarnemingscentrum voor drugs en drugsverslaving']")
    assert long_form.get("refersTo") == outer.get("refersTo")
    assert outer.tail == ")" and etree.QName(outer.getnext()).localname == "authorialNote"


def test_europol_and_chili_refer_to_their_entries(seed_root):
    europol = one(seed_root, "//a:recital[@eId='att_1__recs__rec_11']//a:organization[.='Europol']")
    entry = tlc(seed_root, europol.get("refersTo"))
    assert etree.QName(entry).localname == "TLCOrganization"
    assert entry.get("href") == "/ontology/organization/eu/europol"
    chili = one(seed_root, "//a:recital[@eId='att_1__recs__rec_13']//a:location[.='Chili']")
    entry = tlc(seed_root, chili.get("refersTo"))
    assert etree.QName(entry).localname == "TLCLocation"
    assert (entry.get("eId"), entry.get("href"), entry.get("showAs")) == (
        "country-cl", "https://www.iso.org/obp/ui/#iso:code:3166:CL", "Chili")
    countries = one(seed_root, "//a:recital[@eId='att_1__recs__rec_13']/a:p").findall("a:location", NS)
    assert [c.text for c in countries] == ["Chili", "Uruguay", "Mexico", "Paraguay", "Peru", "Colombia", "Honduras"]


def test_the_council_is_the_existing_consil_entry(seed_root):
    p = one(seed_root, "//a:paragraph[@eId='para_2']/a:content/a:p")
    council = [o.text for o in p.findall("a:organization", NS) if o.get("refersTo") == "#consil"]
    assert council == ["Raad", "Raad Binnenlandse Zaken"]
    assert not seed_root.xpath("//a:TLCOrganization[@eId='org-council']", namespaces=NS)


def test_every_refers_to_resolves_and_every_entry_is_used(seed_root):
    refs = {el.get("refersTo") for el in seed_root.iter() if isinstance(el.tag, str) and el.get("refersTo")}
    assert "#org-europol" in refs and "#country-es" in refs
    for ref in refs:
        tlc(seed_root, ref)
    entries = seed_root.xpath("//a:meta/a:references/*[self::a:TLCOrganization or self::a:TLCLocation]", namespaces=NS)
    used = {e.get("eId") for e in entries if "#" + e.get("eId") in refs}
    assert used | {"parser"} == {e.get("eId") for e in entries}


def test_header_values_hold_annotations_without_repeating_their_own_element(seed_root):
    preface = one(seed_root, "//a:doc/a:preface")
    previous = one(preface, "a:p[@class='previousDocument']/a:ref")
    assert previous.text == "12517/1/23 REV 1" and len(previous) == 0  # not a ref inside the ref
    subject = one(preface, "a:p[@class='subject']/a:docTitle")
    assert [o.text for o in subject.findall("a:organization", NS)][:2] == [
        "Europese Unie", "Latijns-Amerikaans Comité voor binnenlandse veiligheid"]
    recipient = one(preface, "a:p[@class='recipient']/a:inline")
    assert [o.text for o in recipient.findall("a:organization", NS)] == ["Comité van permanente vertegenwoordigers", "Raad"]


def test_texts_are_unchanged_by_the_inline_elements(seed_doc, seed_root):
    p = one(seed_root, "//a:recital[@eId='att_1__recs__rec_11']")
    assert p.xpath("string(a:p/text()[1])", namespaces=NS).startswith("Herinnerend aan het feit")
    back = from_akn(to_akn(seed_doc))
    assert back == seed_doc
    assert [p.text for p in back.paragraphs()] == [p.text for p in seed_doc.paragraphs()]


def test_seed_output_valid_and_deterministic(seed_doc):
    xml = to_akn(seed_doc)
    assert validate_akn(xml) == []
    assert to_akn(Document.from_json(seed_doc.to_json())) == xml
    counts = {tag: len(tree(xml).xpath(f"//a:{tag}", namespaces=NS)) for tag in ("abbr", "location")}
    # 7 countries in recital 13, Spain three times in the cover note, Belgium in 14, Argentina in 22
    assert counts["location"] == 12


# --- where annotations sit in their node's text ----------------------------------------------------------------


def test_every_seed_annotation_but_the_markers_has_its_place(seed_doc):
    holders = content_holders(seed_doc)
    placed = [a for a in seed_doc.annotations if a.text_start is not None]
    markers = [a for a in seed_doc.annotations if a.type == "footnote_ref"]
    assert len(markers) == 3 and all(a.text_start is None and a.text_end is None for a in markers)
    assert len(placed) == len(seed_doc.annotations) - 3
    for a in placed:
        assert holders.holder(a.span).text[a.text_start : a.text_end] == a.text
    recital_11 = seed_doc.annexes[0].paragraphs[10]
    emcdda = next(a for a in placed if a.type == "acronym" and a.text == "EMCDDA")
    assert holders.holder(emcdda.span) is recital_11
    assert emcdda.text_start == recital_11.text.index("(EMCDDA)") + 1


def test_offsets_survive_json_and_old_json_without_them_still_loads(seed_doc):
    assert Document.from_json(seed_doc.to_json()) == seed_doc
    data = json.loads(seed_doc.to_json())
    for a in data["annotations"]:
        del a["text_start"], a["text_end"]
    old = Document.from_json(json.dumps(data))
    assert all(a.text_start is None for a in old.annotations)
    xml = to_akn(old)
    assert validate_akn(xml) == []
    assert not tree(xml).xpath("//a:abbr | //a:organization | //a:location", namespaces=NS)
    assert from_akn(xml) == old


def test_positions_follow_normalisation():
    text = "De Raad1 van de Eu-\nropese Unie\n\n[ZONE]\n\nop 12 juli"
    normaliser = Normaliser(text + " Europese")  # 'Europese' elsewhere: the line-end hyphen is joined
    marker = Span(start=text.index("1 van"), end=text.index("1 van") + 1)
    first = Span(start=0, end=text.index("\n\n["))
    second = Span(start=text.index("op 12"), end=len(text))
    assert normaliser.text_of([first, second], [marker]) == "De Raad van de Europese Unie op 12 juli"
    points = [text.index("Raad"), text.index("1 van"), text.index("Eu-"), text.index("Unie") + 4,
              text.index("[ZONE]"), text.index("12"), len(text)]
    assert normaliser.positions([first, second], [marker], points) == [
        len("De "), len("De Raad"), len("De Raad van de "), len("De Raad van de Europese Unie"),
        len("De Raad van de Europese Unie "), len("De Raad van de Europese Unie op "),
        len("De Raad van de Europese Unie op 12 juli")]
    assert normaliser.positions([first], [], []) == []
    # given the node's text, a text that is not it gives no positions
    assert normaliser.positions([first, second], [marker], points[:1], "De Raad van de Europese Unie op 12 juli") == [3]
    assert normaliser.positions([first, second], [], points[:1], "De Raad van de Europese Unie op 12 juli") is None
    assert Normaliser(text + textnorm._MARK_CANDIDATES[0]).positions([first], [], [0]) == [0]  # another mark is taken
    every_mark = "".join(textnorm._MARK_CANDIDATES)
    assert Normaliser(text + every_mark).positions([first], [], [0]) is None  # no free mark: no positions


# --- nesting ----------------------------------------------------------------------------------------------------


def test_nest_keeps_proper_nesting_and_drops_crossing_marks():
    org = Mark(0, 6, 2, "organization")
    abbr = Mark(0, 6, 4, "abbr")
    date = Mark(10, 22, 1, "date")
    crossing = Mark(18, 30, 2, "organization")  # starts inside the date, ends after it
    inner = Mark(13, 17, 3, "location")
    twice = Mark(0, 6, 2, "organization")
    over_a_point = Mark(35, 45, 1, "date")
    kept = nest([abbr, crossing, date, org, inner, twice, over_a_point], [(0, 40), (41, 60)])
    assert [(m.tag, m.start, m.end) for m in kept] == [
        ("organization", 0, 6), ("abbr", 0, 6), ("date", 10, 22), ("location", 13, 17)]


# --- variants ---------------------------------------------------------------------------------------------------


def test_two_annexes_valid_with_inline_elements(seed_text):
    doc = parse_text(mut.two_annexes(seed_text))
    xml = to_akn(doc)
    assert validate_akn(xml) == []
    root = tree(xml)
    assert one(root, "//a:attachment[@eId='att_1']//a:recital[@eId='att_1__recs__rec_13']//a:location[.='Chili']") is not None
    assert from_akn(xml) == doc


def test_without_footnotes_valid_with_inline_elements(seed_text):
    doc = parse_text(mut.without_footnotes(seed_text))
    xml = to_akn(doc)
    assert validate_akn(xml) == []
    root = tree(xml)
    abbr = one(root, "//a:recital[@eId='att_1__recs__rec_11']//a:abbr[.='EMCDDA']")
    assert abbr.getparent().tail == "), "
    assert not root.xpath("//a:ref[.='11301/23']", namespaces=NS)  # it was in footnote 1
    assert from_akn(xml) == doc


def test_annotation_over_a_footnote_zone_is_written_whole(seed_text):
    """Footnote 1's zone moved between 'Raad' and 'Binnenlandse Zaken' in cover paragraph 2."""
    zone = mut.footnote_zone(seed_text, "1")
    text = mut.replace_once(seed_text, zone, "")
    text = mut.replace_once(text, "zitting van de Raad \n\nBinnenlandse Zaken",
                            "zitting van de Raad \n\n" + zone + " Binnenlandse Zaken")
    doc = parse_text(text)
    assert len(doc.cover_note.paragraphs[1].segments) == 2
    xml = to_akn(doc)
    assert validate_akn(xml) == []
    p = one(tree(xml), "//a:paragraph[@eId='para_2']/a:content/a:p")
    assert [o.text for o in p.findall("a:organization", NS) if o.get("refersTo") == "#consil"] == [
        "Raad", "Raad Binnenlandse Zaken"]
    assert one(tree(xml), "//a:authorialNote[@marker='1']/a:p/a:ref").text == "11301/23"
    assert from_akn(xml) == doc


def test_internal_references_link_to_the_eids_they_target(seed_text):
    text = mut.replace_once(seed_text, "op 28 september 2023.", "op 28 september 2023 (zie punt 16 en voetnoot 2).")
    text, missing = mut.reference_to_missing_paragraph(text)
    doc = parse_text(text)
    xml = to_akn(doc)
    assert validate_akn(xml) == []
    root = tree(xml)
    p = one(root, "//a:paragraph[@eId='para_2']/a:content/a:p")
    assert [(r.text, r.get("href")) for r in p.findall("a:ref", NS)] == [
        ("zie punt 16", "#att_1__para_16"), ("voetnoot 2", "#att_1__recs__rec_11__authorialNote_2")]
    for ref in p.findall("a:ref", NS):
        one(root, f"//*[@eId='{ref.get('href')[1:]}']")
    # a reference to a paragraph 42 the annex does not have: only in meta/proprietary
    recital = one(root, "//a:recital[@eId='att_1__recs__rec_12']")
    assert missing in "".join(recital.itertext())
    assert not [el for el in recital.iter(f"{{{AKN_NS}}}ref", f"{{{AKN_NS}}}inline") if missing in (el.text or "")]
    assert one(root, f"//ecc:annotation[.='zie {missing}']").get("target") is None
    assert from_akn(xml) == doc


POINTS_NOTE = (
    " NOTA \n\nvan: het voorzitterschap \n\naan: de delegaties \n\nBetreft: Proef met punten \n\n"
    "1. De delegaties worden verzocht: \n\na) de tekst van 12 juli 2023 te bestuderen; \n\n"
    "b) opmerkingen in te dienen bij Europol1, \n\nen daarna te antwoorden. \n\n"
    "2. Dank u. \n\n" + " " * 49 + "\n1 Uiterlijk op 1 oktober 2023. \n"
)


def test_annotations_inside_points_and_notes():
    doc = parse_text(POINTS_NOTE)
    xml = to_akn(doc)
    assert validate_akn(xml) == []
    items = one(tree(xml), "//a:paragraph[@eId='para_1']").xpath("a:content/a:blockList/a:item", namespaces=NS)
    assert one(items[0], "a:p/a:date").get("date") == "2023-07-12"
    europol = one(items[1], "a:p/a:organization")
    assert europol.text == "Europol" and etree.QName(europol.getnext()).localname == "authorialNote"
    assert one(items[1], "a:p/a:authorialNote/a:p/a:date").get("date") == "2023-10-01"
    assert from_akn(xml) == doc


@pytest.mark.parametrize("mark", ["\uffff", textnorm._MARK_CANDIDATES[0]])
def test_a_position_mark_in_the_source_does_not_lose_the_placements(seed_text, seed_doc, mark):
    """Found in review: one U+FFFF in the source (valid UTF-8) made every annotation unplaced.  A source that holds a
    character the normaliser marks positions with (a noncharacter, or its first choice, a C0 control) gets the next
    candidate: nothing is lost."""
    doc = parse_text(seed_text + "\n" + mark + "\n")
    placed = lambda d: [(a.type, a.text_start, a.text_end) for a in d.annotations if a.text_start is not None]
    assert placed(doc) == placed(seed_doc) and placed(doc)
