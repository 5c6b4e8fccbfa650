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
