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

Flattened and re-flowed text (no footnote separator) is handled by
:func:`flow_definitions` and :func:`spaced_markers`:

* a **spaced marker** (``Annex I 1 .``, ``Commissie 1,``, ``Commissie, 1 Gezien``;
  found in sequence by :mod:`eu_clasi_corpus.flattened`) becomes a marker only when
  a definition with its number is found; a marker of the unambiguous form
  ``word, N Word`` without one is kept as an annotation (``footnote_marker``), so
  that the footnote is known to exist although its text is not in the source;
* a **definition in the flow** is a line that starts with the number of a spaced
  marker and a capital (``1 This list ...``), with the following lines that start
  in lower case or with a bracket; or a run of numbers cut out of a flattened
  line (``1 2 PB C 177E van , blz. 70. Advies ...``), whose texts are the
  following sentences, one per number.
"""

from __future__ import annotations

from collections import deque

import regex

from .blocks import FlowLine
from .identifiers import number_value
from .layout import Layout, LayoutLine
from .lazy_pattern import LazyPattern
from .model import FootnoteRef, Span

DEFINITION_START = regex.compile(r"(?P<number>\d{1,3})(?:[ \t\u00a0]+|$)")
MAX_NUMBER_STEP = 10
_MARKER = regex.compile(r"(?<=(?P<before>[\p{L}\)\]\"'\u2019\u201d\u00bb]))(?P<number>\d{1,3})(?![\p{L}\p{N}/\-])")


class FootnoteDraft:
    """A footnote definition before assembly (a plain class with slots: cheaper to define than a dataclass)."""

    __slots__ = ("number", "number_span", "lines", "text_start")

    def __init__(self, number: str, number_span: Span, lines: list[LayoutLine], text_start: int | None = None) -> None:
        self.number = number
        self.number_span = number_span
        self.lines = lines
        self.text_start = text_start  # where the text starts when it does not follow the number directly

    @property
    def page(self) -> int:
        return self.lines[0].page

    def segments(self, text: str) -> list[Span]:
        """Spans of the footnote's text (number excluded): one per run of its lines with only white space between."""
        runs: list[list[int]] = []  # [start, end] of each span, made a Span once complete
        for i, ll in enumerate(self.lines):
            start = (self.text_start if self.text_start is not None else self.number_span.end) if i == 0 else ll.content_start
            if runs and ll.page == self.lines[i - 1].page and text[runs[-1][1] : ll.content_start].isspace():
                runs[-1][1] = ll.content_end
            else:
                runs.append([start, ll.content_end])
        return [Span(start=start, end=end) for start, end in runs]

    @property
    def span(self) -> Span:
        return Span(start=self.number_span.start, end=self.lines[-1].content_end)


def collect_definitions(layout: Layout) -> tuple[list[FootnoteDraft], list[LayoutLine]]:
    """Footnote definitions from the zones, in order, and the zone lines that belong to none."""
    text = layout.source.text
    drafts: list[FootnoteDraft] = []
    stray: list[LayoutLine] = []
    last_number = 0
    for zone in layout.zones:
        for position, ll in enumerate(zone):
            content = text[ll.content_start : ll.content_end]
            m = DEFINITION_START.match(content)
            number = number_value(m.group("number")) if m else None
            if m and number is not None:
                # the first line of a zone that opens with a number starts a footnote even when the number does
                # not go up (numbering restarted in an annex): the validators report the repeat (FN001)
                if last_number < number <= last_number + MAX_NUMBER_STEP or not drafts or position == 0:
                    span = Span(start=ll.content_start, end=ll.content_start + len(m.group("number")))
                    drafts.append(FootnoteDraft(number=m.group("number"), number_span=span, lines=[ll]))
                    last_number = max(last_number, number)
                    continue
            if drafts:
                drafts[-1].lines.append(ll)
            else:
                stray.append(ll)
    return drafts, stray


def _has_ascii_digit(text: str) -> bool:
    """Whether ``text`` holds one of 0-9: ten substring tests, many times faster than the marker pattern's scan."""
    return (
        "0" in text or "1" in text or "2" in text or "3" in text or "4" in text
        or "5" in text or "6" in text or "7" in text or "8" in text or "9" in text
    )


def find_markers(lines: list[FlowLine], defined: set[str], flags: bytes | None = None) -> list[FootnoteRef]:
    """Footnote markers in the running text, by the rules in the module docstring.  ``flags``: the layout's
    :func:`~eu_clasi_corpus.latin1.char_flags` of the text, if any."""
    highest = max((int(n) for n in defined), default=0)
    refs: list[FootnoteRef] = []
    for fl in lines:
        if flags is not None:
            # a marker is a digit right after a character that is neither white space nor a digit (a letter, a
            # bracket, a quote): a line without such a pair (most lines, and most with a number) has none
            if flags.find(b"\0d", fl.content_start, fl.content_end) == -1:
                continue
        elif fl.text.isascii() and not _has_ascii_digit(fl.text):
            continue  # no digit, no marker (among ASCII characters the pattern's \d holds only 0-9)
        for m in _MARKER.finditer(fl.text):
            number = m.group("number")
            if number.startswith("0"):
                continue
            before = m.group("before")
            if number in defined:
                pass
            elif before.isupper() or (value := number_value(number)) is None or value > highest + 1:
                continue
            start = fl.content_start + m.start("number")
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


_FLOW_DEFINITION = LazyPattern(r"(?P<number>\d{1,2})[ \t]+(?=\p{Lu}|\d{1,5}/\d{2}(?!\d))")
_SENTENCE_END = LazyPattern(r"(?<=\.)[ \t]+(?=\p{Lu})")
_RUN_NUMBER = LazyPattern(r"\d{1,2}")
_RUN = LazyPattern(r"\d{1,2}(?:[ ]\d{1,2})*")


def _zone_line(fl: FlowLine, span: Span) -> LayoutLine:
    line = fl.layout
    return LayoutLine(line.line_start, line.line_end, "footnote", fl.page, span.start, span.end)


def flow_definitions(flow: list[FlowLine], marker_numbers: list[str]) -> tuple[list[FootnoteDraft], list[FlowLine]]:
    """Footnote definitions standing in the flow (module docstring); gives them and the remaining flow lines.

    A flow line after removed definition lines is marked as interrupted (like after a footnote zone).
    """
    drafts: list[FootnoteDraft] = []
    remaining: list[FlowLine] = []
    wanted = set(marker_numbers)
    current: FootnoteDraft | None = None
    removed = False
    for fl in flow:
        if fl.cut == "footnote":
            drafts.extend(_run_definitions(fl))
            current, removed = None, True
            continue
        # the pattern last: most notes have no spaced marker left to define, and then no line is a definition
        m = _FLOW_DEFINITION.match(fl.text) if wanted and fl.cut is None and fl.marker is None else None
        if m and m.group("number") in wanted:
            span = Span(start=fl.content_start, end=fl.content_start + len(m.group("number")))
            current = FootnoteDraft(number=m.group("number"), number_span=span, lines=[_zone_line(fl, fl.content)])
            drafts.append(current)
            wanted.discard(m.group("number"))
            removed = True
            continue
        if current is not None and fl.marker is None and fl.cut is None and (fl.text[:1].islower() or fl.text[:1] in "(["):
            current.lines.append(_zone_line(fl, fl.content))
            continue
        current = None
        if removed:
            fl.interrupted_before = True
            removed = False
        remaining.append(fl)
    return drafts, remaining


def _run_definitions(fl: FlowLine) -> list[FootnoteDraft]:
    """``1 2 PB C ... 70. Advies ...``: one definition per number, texts split at the first sentence ends."""
    run = _RUN.match(fl.text)
    numbers = list(_RUN_NUMBER.finditer(fl.text, 0, run.end() if run else 0))
    if not numbers:
        return []
    run_end = numbers[-1].end() + 1
    bounds = [m.start() for m in _SENTENCE_END.finditer(fl.text, run_end)][: len(numbers) - 1]
    out = []
    base = fl.content_start
    starts, ends = [run_end] + bounds, bounds + [len(fl.text)]
    # Fewer sentence ends than numbers: the last numbers get an empty text (reported as FN005), never dropped.
    missing = len(numbers) - len(starts)
    starts += [len(fl.text)] * missing
    ends += [len(fl.text)] * missing
    for m, s_off, e_off in zip(numbers, starts, ends):
        while s_off < e_off and fl.text[s_off].isspace():
            s_off += 1
        piece = Span(start=base + s_off, end=base + e_off)
        out.append(FootnoteDraft(number=m.group(), number_span=Span(start=base + m.start(), end=base + m.end()),
                                 lines=[_zone_line(fl, piece)], text_start=piece.start))
    return out


def spaced_markers(found: list[tuple[str, Span, str]], defined: set[str]) -> tuple[list[FootnoteRef], list[tuple[str, Span]]]:
    """Spaced markers with a definition (refs) and those of the unambiguous form without one (number, span)."""
    refs: list[FootnoteRef] = []
    unconfirmed: list[tuple[str, Span]] = []
    for number, span, form in found:
        if number in defined:
            refs.append(FootnoteRef(number=number, span=span))
        elif form == "B":
            unconfirmed.append((number, span))
    return refs, unconfirmed
