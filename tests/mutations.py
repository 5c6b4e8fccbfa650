"""Mutated copies of the seed, built in code from its text (never stored), for tests.

Each function takes the seed text and returns a changed copy; it fails loudly
(AssertionError) if the seed no longer contains what it edits, so a test can
never pass on an edit that did not happen.
"""

from __future__ import annotations


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"expected exactly one {old!r} in the seed"
    return text.replace(old, new)


FOOTNOTE_RULE = " " * 49


def footnote_zone(text: str, number: str) -> str:
    """The footnote zone of footnote ``number`` as it stands in the seed (separator to the next page start)."""
    start = text.index(FOOTNOTE_RULE + "\n" + number + " ")
    end = text.index("\n ", start + len(FOOTNOTE_RULE) + 1) + 1
    return text[start:end]


def page_break_inside_paragraph(text: str) -> str:
    """Paragraph 3 of the annex now runs over a page break (its second line opens a page)."""
    return replace_once(text, "\ncriminele netwerken en het gebruik", "\n criminele netwerken en het gebruik")


def footnote_zone_inside_paragraph(text: str) -> str:
    """Footnote 1's zone moves from the end of page 1 into the middle of cover paragraph 1."""
    zone = footnote_zone(text, "1")
    text = replace_once(text, zone, "")
    anchor_line = "lidstaat die het voorzitterschap bekleedt, de betrokken partnerlanden van buiten de EU benaderd om \n\n"
    return replace_once(text, anchor_line, anchor_line + zone + " ")


def without_footnotes(text: str) -> str:
    for n in ("1", "2", "3"):
        text = replace_once(text, footnote_zone(text, n), "")
    text = replace_once(text, "verstrekt1,", "verstrekt,")
    text = replace_once(text, "(EMCDDA)2,", "(EMCDDA),")
    text = replace_once(text, "middelen3,", "middelen,")
    return text


SECOND_ANNEX = (
    " BIJLAGE II\n\nLijst van de deelnemende landen\n\n"
    "1. Deze lijst is opgesteld door het voorzitterschap;\n\n"
    "2. Zij wordt bijgewerkt na elke bijeenkomst.\n\n"
)


def two_annexes(text: str) -> str:
    text = replace_once(text, " BIJLAGE \n", " BIJLAGE I \n")
    return replace_once(text, "\t\t2023-09-19T12:30:04", SECOND_ANNEX + "\t\t2023-09-19T12:30:04")


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def header_reordered(text: str) -> str:
    van = "van: het voorzitterschap \n\n"
    aan = "aan: het Comité van permanente vertegenwoordigers/de Raad \n\n"
    prev = "nr. vorig doc.: 12517/1/23 REV 1 \n\n"
    text = replace_once(text, van + aan + prev, aan + prev + van)
    return text


# --- mutations for the validators: each returns the changed text and the string that marks the problem -------------


def paragraph_number_duplicated(text: str) -> tuple[str, str]:
    """Annex paragraph 5 is printed as a second paragraph 4."""
    return replace_once(text, "\n5. Erkennend hoe belangrijk", "\n4. Erkennend hoe belangrijk"), "4. Erkennend hoe belangrijk"


def paragraph_number_far_off(text: str) -> tuple[str, str]:
    """Annex paragraph 8 is printed as 80 (paragraph 9 follows as before)."""
    return replace_once(text, "\n8. Herhalend", "\n80. Herhalend"), "80. Herhalend"


def footnote_definition_deleted(text: str) -> tuple[str, str]:
    """Footnote 2's zone (separator and text) is gone; its marker stays."""
    return replace_once(text, footnote_zone(text, "2"), ""), "(EMCDDA)2,"


def footnote_marker_deleted(text: str) -> tuple[str, str]:
    """The marker of footnote 2 is gone; its text stays at the page foot."""
    return replace_once(text, "(EMCDDA)2,", "(EMCDDA),"), "\n2 Het toekomstige Drugsagentschap"


def footnote_numbers_skip(text: str) -> tuple[str, str]:
    """Footnote 3 and its marker are numbered 4: the footnotes run 1, 2, 4."""
    text = replace_once(text, "\n3 In de gezamenlijke verklaring", "\n4 In de gezamenlijke verklaring")
    return replace_once(text, "middelen3,", "middelen4,"), "\n4 In de gezamenlijke verklaring"


def previous_document_revision_mismatch(text: str) -> tuple[str, str]:
    """The header's previous document reads REV 2 while the number says revision 1."""
    return replace_once(text, "12517/1/23 REV 1", "12517/1/23 REV 2"), "12517/1/23 REV 2"


def document_number_without_slash(text: str) -> tuple[str, str]:
    """Footnote 1 cites 'Doc. 1251723.': the slash before the year is lost."""
    return replace_once(text, "Doc. 11301/23.", "Doc. 1251723."), "1251723"


def reference_to_missing_paragraph(text: str) -> tuple[str, str]:
    """Annex paragraph 12 refers to a paragraph 42, which the annex does not have."""
    return replace_once(text, "aanmoedigend; \n", "aanmoedigend (zie punt 42); \n"), "punt 42"


def impossible_date(text: str) -> tuple[str, str]:
    """The cover note dates the Coreper information to 31 February."""
    return replace_once(text, "op 12 juli 2023 aan", "op 31 februari 2023 aan"), "31 februari 2023"


STRAY_LINE = "Deze regel hoort nergens bij."


def stray_line_in_annex(text: str) -> tuple[str, str]:
    """A line of text after paragraph 15's short last line 'stemmen;', before paragraph 16."""
    return replace_once(text, "\nstemmen; \n", f"\nstemmen; \n\n{STRAY_LINE}\n"), STRAY_LINE


def subject_deleted(text: str) -> tuple[str, str]:
    """The header loses its 'Betreft:' field (four lines); the title 'NOTA I/A-PUNT' remains."""
    start = text.index("Betreft: ")
    end = text.index("(gezamenlijke verklaring EU-Clasi) \n", start) + len("(gezamenlijke verklaring EU-Clasi) \n")
    return text[:start] + text[end:], "NOTA I/A-PUNT"


def points_with_gap(text: str) -> tuple[str, str]:
    """Annex paragraph 17 gets two lettered points, a) and c): b) is missing."""
    old = "17. Spreken onze volledige steun uit voor de continuïteit en verdere ontwikkeling van Clasi; \n"
    new = (
        "17. Spreken onze volledige steun uit voor: \n\n"
        "a) de continuïteit van Clasi; \n\n"
        "c) de verdere ontwikkeling van Clasi; \n"
    )
    return replace_once(text, old, new), "c) de verdere ontwikkeling"


def own_number_in_header(text: str, number: str = "12517/1/23 REV 1") -> str:
    """The header prints the document's own number on a line of its own after the title."""
    return replace_once(text, " NOTA I/A-PUNT \n", f" NOTA I/A-PUNT \n\n{number} \n")
