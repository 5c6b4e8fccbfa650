"""Footnotes: definitions from the footnote zones, markers in the running text, and their pairing.

Takes the layout (its footnote zones) and the flow lines; gives
:class:`FootnoteDraft` definitions, :class:`~eu_clasi_corpus.model.FootnoteRef`
markers, and the zone text that belongs to no footnote.

* A **definition** starts at a zone line that opens with a number followed by
  text, when that number is higher than the last footnote's and not far beyond
  it (:data:`MAX_NUMBER_STEP`); other zone lines continue the footnote before
  them, also across a page (a footnote that runs over to the next page).
* A **marker** is a run of 1-3 digits glued to the end of a word, a closing
  bracket or a quote, and followed by white space, punctuation or the line end
  (``verstrekt1,``, ``(EMCDDA)2,``).  Numbers with a space before them
  (``12 juli``), inside document numbers (``11301/23``) or after a hyphen
  (``COVID-19``) are not markers.  After a capital letter (``G7``) a number is a
  marker only when a footnote with that number exists; a number with no
  footnote is a marker only when it is at most one past the highest footnote
  (so a lost definition is still reported, and ``m2`` in a note without
  footnotes is left alone).
* **Pairing**: each definition takes the first unpaired marker with its number.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

import regex

from .blocks import FlowLine
from .layout import Layout, LayoutLine
from .model import FootnoteRef, Span

DEFINITION_START = regex.compile(r"(?P<number>\d{1,3})(?:[ \t\u00a0]+|$)")
MAX_NUMBER_STEP = 10
_MARKER = regex.compile(r"(?<=(?P<before>[\p{L}\)\]\"'\u2019\u201d\u00bb]))(?P<number>\d{1,3})(?![\p{L}\p{N}/\-])")


@dataclass(slots=True)
class FootnoteDraft:
    number: str
    number_span: Span
    lines: list[LayoutLine] = field(default_factory=list)

    @property
    def page(self) -> int:
        return self.lines[0].page

    def segments(self) -> list[Span]:
        """Spans of the footnote's text (number excluded), one per run of lines on the same page."""
        out: list[Span] = []
        previous_page = None
        for i, ll in enumerate(self.lines):
            start = self.number_span.end if i == 0 else ll.content.start
            if out and ll.page == previous_page:
                out[-1] = Span(start=out[-1].start, end=ll.content.end)
            else:
                out.append(Span(start=start, end=ll.content.end))
            previous_page = ll.page
        return out

    @property
    def span(self) -> Span:
        return Span(start=self.number_span.start, end=self.lines[-1].content.end)


def collect_definitions(layout: Layout) -> tuple[list[FootnoteDraft], list[LayoutLine]]:
    """Footnote definitions from the zones, in order, and the zone lines that belong to none."""
    text = layout.source.text
    drafts: list[FootnoteDraft] = []
    stray: list[LayoutLine] = []
    last_number = 0
    for zone in layout.zones:
        for ll in zone:
            content = ll.content.slice(text)
            m = DEFINITION_START.match(content)
            if m:
                number = int(m.group("number"))
                if last_number < number <= last_number + MAX_NUMBER_STEP or not drafts:
                    span = Span(start=ll.content.start, end=ll.content.start + len(m.group("number")))
                    drafts.append(FootnoteDraft(number=m.group("number"), number_span=span, lines=[ll]))
                    last_number = max(last_number, number)
                    continue
            if drafts:
                drafts[-1].lines.append(ll)
            else:
                stray.append(ll)
    return drafts, stray


def find_markers(lines: list[FlowLine], defined: set[str]) -> list[FootnoteRef]:
    """Footnote markers in the running text, by the rules in the module docstring."""
    highest = max((int(n) for n in defined), default=0)
    refs: list[FootnoteRef] = []
    for fl in lines:
        for m in _MARKER.finditer(fl.text):
            number = m.group("number")
            if number.startswith("0"):
                continue
            before = m.group("before")
            if number in defined:
                pass
            elif before.isupper() or int(number) > highest + 1:
                continue
            start = fl.content.start + m.start("number")
            refs.append(FootnoteRef(number=number, span=Span(start=start, end=start + len(number))))
    return refs


def pair(drafts: list[FootnoteDraft], refs: list[FootnoteRef]) -> dict[int, FootnoteRef]:
    """Index of each definition → the first unpaired marker with its number."""
    by_number: dict[str, deque[FootnoteRef]] = {}
    for ref in refs:
        by_number.setdefault(ref.number, deque()).append(ref)
    out: dict[int, FootnoteRef] = {}
    for i, draft in enumerate(drafts):
        queue = by_number.get(draft.number)
        if queue:
            out[i] = queue.popleft()
    return out
