"""Validators on the seed and on mutations of it: the right code at the right line and column of the source.

Every expected position is computed from the mutated text by locating the edited string, never from the output.
"""

from __future__ import annotations

import pytest

import mutations as mut
from eu_clasi_corpus import parse_text, validate
from eu_clasi_corpus.model import HeaderField, Span
from eu_clasi_corpus.validators import numbering


def position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``index`` in an LF text, counted by hand."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def at(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    assert text.count(needle) == 1, needle
    return position(text, text.index(needle) + offset)


def errors(text: str) -> list[tuple[str, int, int]]:
    found = validate(parse_text(text), text)
    return sorted((d.code, d.line, d.column) for d in found if d.severity == "error")


def test_seed_has_no_errors(seed_doc, seed_text):
    found = validate(seed_doc, seed_text)
    assert [d for d in found if d.severity != "info"] == []


# (mutation, [(code, needle in the mutated text, offset of the reported character inside the needle)])
CASES = [
    (mut.paragraph_number_duplicated, [("NUM003", "\n4. Erkennend hoe belangrijk", 1)]),
    (mut.paragraph_number_far_off, [("NUM002", "\n80. Herhalend", 1)]),
    (mut.footnote_definition_deleted, [("FN003", "(EMCDDA)2,", len("(EMCDDA)")), ("FN001", "\n3 In de gezamenlijke", 1)]),
    (mut.footnote_marker_deleted, [("FN002", "\n2 Het toekomstige Drugsagentschap", 1)]),
    (mut.footnote_numbers_skip, [("FN001", "\n4 In de gezamenlijke verklaring", 1)]),
    (mut.previous_document_revision_mismatch, [("REF002", "12517/1/23 REV 2", 0)]),
    (mut.document_number_without_slash, [("REF001", "Doc. 1251723.", len("Doc. "))]),
    (mut.reference_to_missing_paragraph, [("REF004", "zie punt 42", len("zie punt "))]),
    (mut.impossible_date, [("REF005", "31 februari 2023", 0)]),
    (mut.stray_line_in_annex, [("SRC001", mut.STRAY_LINE, 0)]),
    (mut.subject_deleted, [("HDR001", "NOTA I/A-PUNT", 0)]),
    (mut.points_with_gap, [("NUM002", "\nc) de verdere ontwikkeling", 1)]),
]


@pytest.mark.parametrize("mutate, expected", CASES, ids=[c[0].__name__ for c in CASES])
def test_mutation_is_reported_where_it_is(seed_text, mutate, expected):
    text, _ = mutate(seed_text)
    want = sorted((code, *at(text, needle, offset)) for code, needle, offset in expected)
    assert errors(text) == want


def test_stray_line_is_unplaced_by_the_parser(seed_text):
    text, _ = mut.stray_line_in_annex(seed_text)
    doc = parse_text(text)
    assert [u.text for u in doc.unplaced] == [mut.STRAY_LINE]
    annex = doc.annexes[0]
    assert [p.number for p in annex.paragraphs] == [str(n) for n in range(1, 27)]
    assert mut.STRAY_LINE not in annex.paragraphs[14].text and mut.STRAY_LINE not in annex.paragraphs[15].text


def test_own_number_as_previous_document(seed_text):
    text = mut.own_number_in_header(seed_text)
    doc = parse_text(text)
    assert doc.header.number is not None and doc.header.number.text == "12517/1/23 REV 1"
    # The previous document (line 9) repeats the number printed on line 3.
    prev = text.index("nr. vorig doc.: ") + len("nr. vorig doc.: ")
    assert errors(text) == [("REF003", *position(text, prev))]
    # A later revision citing the earlier one is fine.
    assert errors(mut.own_number_in_header(seed_text, "12517/2/23 REV 2")) == []


@pytest.mark.parametrize(
    "make",
    [mut.page_break_inside_paragraph, mut.footnote_zone_inside_paragraph, mut.two_annexes, mut.crlf,
     mut.header_reordered, mut.without_footnotes],
)
def test_layout_changes_alone_give_no_error(seed_text, make):
    assert errors(make(seed_text)) == []


def test_page_break_really_moved_into_paragraph(seed_text):
    text = mut.page_break_inside_paragraph(seed_text)
    doc = parse_text(text)
    p3 = doc.annexes[0].paragraphs[2]
    assert any(p3.span.start < page.span.start < p3.span.end for page in doc.pages)
    assert errors(text) == []


# --- model edits: the SRC checks catch a model that disagrees with its source ---------------------------------------


def test_edited_text_is_src002(seed_text):
    doc = parse_text(seed_text)
    p = doc.annexes[0].paragraphs[6]
    p.text = p.text.replace("cruciaal", "groot")
    found = [d for d in validate(doc, seed_text) if d.severity == "error"]
    assert [(d.code, d.span) for d in found] == [("SRC002", p.span)]
    assert (found[0].line, found[0].column) == at(seed_text, "\n7. Erkennend dat onze", 1)


def test_dropped_paragraph_is_src003_at_its_lines(seed_text):
    doc = parse_text(seed_text)
    dropped = doc.annexes[0].paragraphs.pop(16)  # paragraph 17, one line
    found = [d for d in validate(doc, seed_text) if d.severity == "error"]
    assert [(d.code, d.line, d.column) for d in found] == [
        ("SRC003", *at(seed_text, "\n17. Spreken onze volledige steun", 1)),
        ("NUM002", *at(seed_text, "\n18. Verbinden ons ertoe samen", 1)),
    ]
    assert found[0].span.start == dropped.span.start


def test_paragraphs_out_of_order_is_src004(seed_text):
    doc = parse_text(seed_text)
    paras = doc.annexes[0].paragraphs
    paras[3], paras[4] = paras[4], paras[3]
    codes = {d.code for d in validate(doc, seed_text) if d.severity == "error"}
    assert "SRC004" in codes and "NUM004" in codes


def test_span_out_of_bounds_is_src004(seed_text):
    doc = parse_text(seed_text)
    doc.footnotes[2].span = Span(start=doc.footnotes[2].span.start, end=len(seed_text) + 5)
    assert "SRC004" in {d.code for d in validate(doc, seed_text)}


def test_src004_messages_name_the_spans(seed_text):
    doc = parse_text(seed_text)
    paras = doc.annexes[0].paragraphs
    paras[3], paras[4] = paras[4], paras[3]  # paragraph 5 now before paragraph 4
    p9 = paras[8]
    p9.segments = [Span(start=p9.span.start, end=p9.span.end + 3)]  # one segment past the end of paragraph 9
    n = len(seed_text)
    doc.footnotes[2].span = Span(start=doc.footnotes[2].span.start, end=n + 5)
    four, five, fn3 = paras[4].span, paras[3].span, doc.footnotes[2].span
    seg = p9.segments[0]
    label = doc.annexes[0].label
    assert sorted(d.message for d in validate(doc, seed_text) if d.code == "SRC004") == sorted([
        f"paragraphs of the {label}: paragraph 4 [{four.start}, {four.end}) starts before paragraph 5 [{five.start}, {five.end}) ends",
        f"segment of paragraph 9: [{seg.start}, {seg.end}) lies outside its span [{p9.span.start}, {p9.span.end})",
        f"footnote 3: span [{fn3.start}, {fn3.end}) is out of bounds (the source has {n} characters)",
    ])


def test_empty_header_value_is_hdr003(seed_text):
    doc = parse_text(seed_text)
    sender = doc.header.sender
    doc.header.other_fields.append(HeaderField(label="van", label_span=sender.label_span, text="", span=sender.span))
    found = [d for d in validate(doc, seed_text) if d.code == "HDR003"]
    assert [(d.line, d.column) for d in found] == [at(seed_text, "van: het voorzitterschap")]


# --- without the text, and with the wrong text ----------------------------------------------------------------------


def test_without_text_structural_checks_still_run(seed_text):
    text, _ = mut.paragraph_number_duplicated(seed_text)
    doc = parse_text(text)
    found = validate(doc)
    codes = [d.code for d in found]
    assert "SRC005" in codes and "NUM003" in codes
    num = next(d for d in found if d.code == "NUM003")
    assert (num.line, num.column) == (1, text.index("\n4. Erkennend hoe belangrijk") + 2)


def test_wrong_text_is_refused(seed_doc, seed_text):
    with pytest.raises(ValueError):
        validate(seed_doc, seed_text + "x")
    with pytest.raises(ValueError):
        validate(seed_doc, seed_text.replace("Spanje", "Spanjo", 1))


def test_document_from_json_keeps_its_findings(seed_text):
    text, _ = mut.stray_line_in_annex(seed_text)
    doc = parse_text(text)
    doc.diagnostics = []  # e.g. a corpus JSON written without them
    assert [d.code for d in validate(doc, text) if d.severity == "error"] == ["SRC001"]


def test_findings_are_sorted_and_unique(seed_text):
    text, _ = mut.footnote_definition_deleted(seed_text)
    text = mut.impossible_date(text)[0]
    found = validate(parse_text(text), text)
    keys = [(d.span.start, d.code) for d in found]
    assert keys == sorted(keys)
    assert len({(d.code, d.span.start, d.span.end) for d in found}) == len(found)


# --- numbering rules in isolation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "numbers, expected",
    [
        ([1, 2, 3], []),
        ([2, 3, 4], ["NUM001"]),
        ([1, 2, 4, 5], ["NUM002"]),  # 3 missing
        ([1, 2, 2, 3], ["NUM003"]),  # inserted duplicate, then on
        ([1, 2, 2, 4], ["NUM003"]),  # 3 misprinted as 2
        ([1, 2, 30, 4], ["NUM002"]),  # one misprint is one finding
        ([1, 3, 2, 4], ["NUM002", "NUM004"]),
    ],
)
def test_sequence_rules(numbers, expected):
    class Collect:
        def __init__(self):
            self.found = []

        def report(self, code, span, message, hint=None):
            self.found.append(code)

    ctx = Collect()
    items = [numbering.Numbered(str(n), n, Span(start=i, end=i + 1)) for i, n in enumerate(numbers)]
    numbering.check_sequence(ctx, items, "paragraph")  # type: ignore[arg-type]
    assert ctx.found == expected


def test_roman_values():
    assert [numbering.roman_value(s) for s in ["i", "ii", "iv", "ix", "xiv", "IV", "iiii", "", "c"]] == [
        1, 2, 4, 9, 14, 4, None, None, None
    ]


def test_public_validate_stays_a_function_after_use(seed_doc, seed_text):
    """`eu_clasi_corpus.validate` is the function, also after the validators package has been imported."""
    import eu_clasi_corpus

    eu_clasi_corpus.validate(seed_doc, seed_text)
    assert callable(eu_clasi_corpus.validate)
    assert eu_clasi_corpus.validate(seed_doc, seed_text) == eu_clasi_corpus.validate(seed_doc, seed_text)
# --- more references and footnotes, each edit located by hand ----------------------------------------------------------


def _edit(seed_text: str, old: str, new: str) -> str:
    return mut.replace_once(seed_text, old, new)


def test_references_that_resolve_or_point_elsewhere_are_fine(seed_text):
    text = _edit(seed_text, "aanmoedigend; \n", "aanmoedigend (zie de punten 3 en 4, punt 45 van de conclusies en voetnoot 2); \n")
    assert errors(text) == []


def test_reference_to_missing_footnote(seed_text):
    text = _edit(seed_text, "aanmoedigend; \n", "aanmoedigend (zie voetnoot 7); \n")
    assert errors(text) == [("REF004", *at(text, "voetnoot 7", len("voetnoot ")))]


def test_missing_number_in_a_list_is_reported(seed_text):
    text = _edit(seed_text, "aanmoedigend; \n", "aanmoedigend (punten 3 tot en met 27); \n")
    assert errors(text) == [("REF004", *at(text, "met 27", len("met ")))]


def test_impossible_iso_date(seed_text):
    text = _edit(seed_text, "(3 maart 2022)", "(2022-02-30)")
    assert errors(text) == [("REF005", *at(text, "2022-02-30"))]


def test_marker_on_a_later_page_than_its_footnote(seed_text):
    text = _edit(seed_text, "verstrekt1,", "verstrekt,")
    text = mut.replace_once(text, "Zaken in Brussel op 28 september", "Zaken in Brussel1 op 28 september")
    assert errors(text) == [("FN004", *at(text, "Brussel1 op", len("Brussel")))]


def test_second_marker_for_one_footnote(seed_text):
    text = _edit(seed_text, "van de COSI-ondersteuningsgroep. \n", "van de COSI-ondersteuningsgroep1. \n")
    assert errors(text) == [("FN006", *at(text, "ondersteuningsgroep1.", len("ondersteuningsgroep")))]


def test_empty_footnote(seed_text):
    text = _edit(seed_text, "\n1 Doc. 11301/23. \n", "\n1 \n")
    assert errors(text) == [("FN005", *at(text, "\n1 \n", 1))]


# --- the reference scans find the same matches as trying each pattern at every position ----------------------------


def test_ascii_case_extras_are_the_characters_regex_matches_to_ascii_case_insensitively():
    import regex

    from eu_clasi_corpus.validators import references

    non_ascii = "".join(chr(i) for i in range(0x80, 0x110000))
    any_ascii = "(?i)(?:" + "|".join(regex.escape(chr(i)) for i in range(0x80)) + ")"
    assert set(regex.findall(any_ascii, non_ascii)) == set(references._ASCII_CASE_EXTRAS)
    # and str.lower keeps the length of every other character
    assert {c for c in non_ascii if len(c.lower()) != 1} <= set(references._ASCII_CASE_EXTRAS)


@pytest.mark.parametrize("code", ["nl", "en", "de"])
def test_cue_matches_are_those_of_a_scan_of_each_region(code):
    import random

    from eu_clasi_corpus.validators import references

    pats = references._patterns(code)
    pieces = ["punt", "PUNTEN", "Punt", "zie voetnoot", "ZIE\n VOETNOOT", "voetnoot", "point", "POINTS", "see  footnote",
              "Punkt", "ABSATZ", "Fußnote", "siehe FUSSNOTE", "siehe\tfußnote", "Doc.", "doc", "DOCS.", "document", "ST",
              "st", "nr. vorig doc.", "No. doc.", "12517/23", "3", "4", " en ", " and ", ", ", "-", " ", "\n", "x", "ab"]
    # characters that (?i) matches to ASCII letters (the searches then take another path), in one text of four
    extras = ["ſt", "\u212aST", "İ", "ı", "pı", "punſt", "doſ"]
    rnd = random.Random(7)
    for i in range(400):
        text = "".join(rnd.choice(pieces + extras if i % 4 == 0 else pieces) for _ in range(rnd.randrange(1, 40)))
        lowered = references._lowered_for_search(text)
        for cue in [*pats.references.values(), pats.document]:
            if cue is None:
                continue
            starts = cue.starts(text, lowered)
            for _ in range(3):
                start = rnd.randrange(len(text) + 1)
                end = rnd.randrange(start, len(text) + 1)
                want = [m.span() for m in cue.pattern.finditer(text, start, end)]
                assert [m.span() for m in cue.matches(text, starts, start, end)] == want, (text, start, end)
