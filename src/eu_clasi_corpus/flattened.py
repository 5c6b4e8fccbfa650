"""Stage 1c, flattened text: where one physical line holds several items, the points to cut it at.

Takes the layout (after furniture) and the language; gives :class:`Cuts`: for
each line index, the offsets at which a new *virtual line* starts, each with
its reason.  :func:`eu_clasi_corpus.blocks.flow_lines` splits the lines there,
so that the line-based header rules and block rules also work on text that an
extraction (or a website) flattened onto one line, e.g.
``RAAD VAN DE EUROPESE UNIE Brussel, 12 juni 2007 (18.06) (OR. fr) ... 10706/07 ADD 2 SIRIS 109 ...``.

Cut reasons and where they are looked for:

* ``header`` (header zone only): an institution name, a place-and-date, ``(OR. xx)``, the
  document number (with the classification codes run after or before it), an
  interinstitutional file number, a document-type title, ``LIMITE``; cut before and after.
  Once a person/subject label (``van:``, ``From:``, ``Subject :``) has been seen only
  labels and body cuts are looked for, so a subject that mentions the Council is not cut.
* ``label`` (header zone): a known label followed by a colon (``Betreft:``, ``from :``).
* ``body``: a transmission sentence of the language (``Hierbij gaat voor de delegaties``),
  or the first numbered paragraph; ends the header zone.
* ``paragraph``: ``N.`` followed by a capital where ``N`` is the next paragraph number
  (sequence-aware: ``den 24. OG 25.`` is not cut because 24 is not next).
* ``point``: ``a)``/``(a)`` where the letter is the next letter of the current paragraph.
* ``footnote``: a run of footnote numbers followed by text (``1 2 PB C 177E ...``) where the
  numbers are exactly the spaced footnote markers seen before and not yet defined.

The header zone runs from the top to the end of the line that holds the subject
label, or to the first body cut, or to :data:`HEADER_ZONE_CHARS` characters of
flow text.  Everything is a linear scan with bounded patterns.
"""

from __future__ import annotations

import bisect
from typing import NamedTuple

import regex

from . import identifiers
from .identifiers import number_value
from .languages import Language, label_key
from .layout import Layout
from .lazy_pattern import LazyPattern
from .model import Span

HEADER_ZONE_CHARS = 1500
SUPPRESSING_LABELS = {"sender", "recipient", "subject", "date_of_receipt", "previous_documents", "commission_document"}
ORIGINAL_LANGUAGE_INLINE = LazyPattern(r"\(OR\.[ \t]*[a-z]{2}(?:[ \t]*,[ \t]*[a-z]{2})*\)")
MARKING_INLINE = LazyPattern(r"(?<![\p{L}])(?:LIMITE|RESTREINT UE)(?![\p{L}])")
CODES_RUN = LazyPattern(r"[ \t]+(?P<run>[A-Z][A-Z0-9./-]{0,14}(?:[ ][A-Z][A-Z0-9-]{1,9})?[ ]\d{1,5}(?:[ ][A-Z][A-Z0-9./-]{0,14}(?:[ ][A-Z][A-Z0-9-]{1,9})?[ ]\d{1,5})*+)(?![\p{L}\p{N}/])")
CODES_BEFORE = LazyPattern(r"(?P<run>[A-Z][A-Z0-9./-]{0,14}[ ]\d{1,5})[ \t]+$")
PARAGRAPH_INLINE = regex.compile(r"(?<=\s)(?P<n>\d{1,3})\.[ \t]+(?=[\p{Lu}\"'\u201c(])")
POINT_INLINE = regex.compile(r"(?<=\s)\(?(?P<l>[a-z])\)[ \t]+(?=\S)")
LINE_START_NUMBER = regex.compile(r"(?:[\u2022\u25aa][ \t]+)?(?P<n>\d{1,3})\.(?=\s|$)")
FLATTENED_ITEMS = 3  # a header line with this many items is a flattened header block: the zone ends with it
FOOTNOTE_RUN = LazyPattern(r"(?<=\s|^)(?P<run>\d{1,2}(?:[ ]\d{1,2})*)[ ](?=\p{Lu})")
# Spaced footnote markers: "Commissie 1," / "Annex I 1 ." / "Procedure 1 ;" (A) and "Commissie, 1 Gezien" (B).
SPACED_MARKER_A = regex.compile(r"(?<=\p{L}|\))[ ](?P<n>\d{1,2})[ ]?(?=[,.;:](?:\s|$))")
SPACED_MARKER_B = regex.compile(r"(?<=\p{L}[,;])[ ](?P<n>\d{1,2})[ ](?=\p{Lu}\p{Ll})")
# PARAGRAPH_INLINE and both spaced-marker forms need a digit right after white space: a line without one (most often a
# line that opens with its paragraph number) has none of them.  The cheap test that spares such a line three scans
# (a byte search in the layout's char_flags when the text is Latin-1: a tenth of the time of this pattern's scan).
SPACE_DIGIT = LazyPattern(r"\s\d")


class Cut(NamedTuple):
    """A cut point (a named tuple: an immutable record, cheaper to define and to make than a dataclass)."""

    offset: int
    reason: str


class Cuts:
    """The cut points found, by line index, and the spaced footnote markers (a plain class: cheaper to define than a
    dataclass)."""

    __slots__ = ("by_line", "spaced_markers", "_offsets")

    def __init__(self) -> None:
        self.by_line: dict[int, list[Cut]] = {}
        self.spaced_markers: list[tuple[str, Span, str]] = []  # number, span, form ("A"/"B")
        self._offsets: dict[int, set[int]] = {}  # per line: offsets already cut

    def add(self, index: int, offset: int, reason: str, line_start: int, line_end: int) -> None:
        if line_start < offset < line_end:
            seen = self._offsets.setdefault(index, set())
            if offset not in seen:
                seen.add(offset)
                self.by_line.setdefault(index, []).append(Cut(offset, reason))


class _Covered:
    """Positions covered by inline furniture: merged spans, looked up by binary search."""

    def __init__(self, spans: list[Span]) -> None:
        merged: list[list[int]] = []
        for s in sorted(spans, key=lambda s: (s.start, s.end)):
            if merged and s.start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], s.end)
            else:
                merged.append([s.start, s.end])
        self._starts = [m[0] for m in merged]
        self._ends = [m[1] for m in merged]

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self._ends[i]


def _in(covered: "_Covered", pos: int) -> bool:
    return pos in covered


def find_cuts(layout: Layout, language: Language) -> Cuts:
    """Cut points of every flow line (see the module docstring)."""
    text = layout.source.text
    p = language.patterns
    cuts = Cuts()
    state = {"zone": True, "suppressed": False, "number": False, "seen": set(), "zone_chars": 0}
    next_paragraph = 1
    next_letter = "a"
    pending_markers: list[str] = []
    next_footnote = 1
    # One lookup for the whole document: each line's inline furniture lies inside that line.
    furniture = _Covered([span for spans in layout.inline_furniture.values() for span in spans])
    flags = layout.char_flags
    for index, ll in enumerate(layout.lines):
        if ll.kind != "flow":
            continue
        start, end = ll.content_start, ll.content_end
        body_from = 0
        if state["zone"]:
            body_from = _header_cuts(cuts, index, text, start, end, furniture, p, state, index in layout.digit_lines)
            state["zone_chars"] += end - start
            if state["zone_chars"] > HEADER_ZONE_CHARS:
                state["zone"] = False
        if body_from is None:
            continue
        # Body: numbered paragraphs and points in sequence, spaced footnote markers, definition runs.  A point
        # needs a ")", every other item a digit: a line with neither has none (the cheap test that skips the prose).
        has_digit = index in layout.digit_lines
        has_parenthesis = text.find(")", start, end) >= 0
        if not has_digit and not has_parenthesis:
            continue
        line_text = text[start:end]
        # Events are gathered kind by kind in a fixed order (paragraph, point, marker-A, marker-B, definitions), which
        # the stable sort below keeps for events at the same position.
        events: list[tuple[int, str, regex.Match]] = []
        inline_numbers = has_digit and (
            SPACE_DIGIT.search(line_text) is not None if flags is None else flags.find(b"sd", start, end) != -1
        )
        if has_digit:
            first = LINE_START_NUMBER.match(line_text)
            if first and body_from == 0 and number_value(first.group("n")) is not None:
                next_paragraph = int(first.group("n")) + 1
                next_letter = "a"
        if inline_numbers:
            for m in PARAGRAPH_INLINE.finditer(line_text, body_from):
                events.append((m.start(), "paragraph", m))
        if has_parenthesis:
            for m in POINT_INLINE.finditer(line_text, body_from):
                events.append((m.start(), "point", m))
        if inline_numbers:
            for m in SPACED_MARKER_A.finditer(line_text, body_from):
                events.append((m.start("n"), "marker-A", m))
            for m in SPACED_MARKER_B.finditer(line_text, body_from):
                events.append((m.start("n"), "marker-B", m))
        if has_digit and (pending_markers or any(kind.startswith("marker") for _, kind, _ in events)):
            # a definition run counts only after spaced markers (before this line or in it)
            for m in FOOTNOTE_RUN.finditer(line_text, body_from):
                events.append((m.start(), "definitions", m))
        if not events:
            continue  # (most lines with a digit: a date, a document number)
        events.sort(key=lambda e: e[0])
        marker_at = {pos for pos, kind, _ in events if kind.startswith("marker")}
        for pos, kind, m in events:
            if _in(furniture, start + pos):
                continue
            if kind == "paragraph" and number_value(m.group("n")) == next_paragraph:
                cuts.add(index, start + pos, "paragraph", start, end)
                next_paragraph += 1
                next_letter = "a"
                state["zone"] = False
            elif kind == "point" and m.group("l") == next_letter and next_paragraph > 1:
                cuts.add(index, start + pos, "point", start, end)
                next_letter = chr(ord(next_letter) + 1)
            elif kind.startswith("marker") and number_value(m.group("n")) == next_footnote + len(pending_markers):
                s = start + m.start("n")
                cuts.spaced_markers.append((m.group("n"), Span(start=s, end=s + len(m.group("n"))), kind[-1]))
                pending_markers.append(m.group("n"))
            elif kind == "definitions" and pos not in marker_at and pending_markers and m.group("run").split() == pending_markers:
                cuts.add(index, start + pos, "footnote", start, end)
                next_footnote += len(pending_markers)
                pending_markers = []
    for found in cuts.by_line.values():
        found.sort(key=lambda c: c.offset)
    return cuts


FUZZY_WINDOW = 400  # fuzzy search for damaged titles only in the first characters of a header line


def _fuzzy_titles(window: str, titles: list[str]) -> list[tuple[int, int]]:
    """Spans of damaged document-type titles (``OUTCOME OF PROCEEDIGS``) in a short window; bounded edits."""
    out = []
    for title in sorted(titles, key=len, reverse=True):
        if len(title) < 10:
            continue
        m = regex.search(rf"(?<![\p{{L}}])(?:{regex.escape(title)}){{e<={len(title) // 8}}}(?![\p{{L}}])", window, flags=regex.BESTMATCH)
        if m:
            out.append((m.start(), m.end()))
            break
    return out


def _header_cuts(
    cuts: Cuts, index: int, text: str, start: int, end: int, furniture: _Covered, p, state: dict, has_digit: bool = True
) -> int | None:
    """Cut one header-zone line; gives the offset (in the line) where the body starts, 0, or None at zone end.
    ``has_digit`` False: the line holds no digit, so the patterns that need one (paragraph numbers, file and document
    numbers) are not tried."""
    line_text = text[start:end]
    items: list[tuple[int, int, str, str]] = []  # start, end, reason, what

    def add(m_start: int, m_end: int, what: str, reason: str = "header") -> None:
        if m_end > m_start and not _in(furniture, start + m_start):
            items.append((m_start, m_end, reason, what))

    colon = line_text.rfind(":")  # a label ends with its colon: none ends after the last one
    if p.label_inline is not None and colon >= 0:
        for m in p.label_inline.finditer(line_text, 0, colon + 1):
            key = p.label_fields.get(label_key(m.group("label")))
            add(m.start(), m.end(), f"label:{key}", "label")
    for m in p.body_openers_in(line_text):
        add(m.start(), m.end(), "body", "body")
    if has_digit:
        for m in PARAGRAPH_INLINE.finditer(" " + line_text):
            if m.group("n") == "1":
                add(m.start() - 1, m.end() - 1, "paragraph", "body")
        first = LINE_START_NUMBER.match(line_text)
        if first and first.group("n") == "1":
            add(0, first.end(), "paragraph", "body")
    # The header items proper: once a suppressing label has been seen, or an item of a kind has been taken, the loop
    # below passes such items by, so they are not looked for.
    seen = state["seen"]
    if not state["suppressed"]:
        doc_type = p.doc_type_inline
        if "doc_type" not in seen and doc_type.search(line_text[:FUZZY_WINDOW]) is None:
            for m_start, m_end in _fuzzy_titles(line_text[:FUZZY_WINDOW], list(p.doc_type_keys.values())):
                add(m_start, m_end, "doc_type")
            if len(line_text) <= FUZZY_WINDOW:
                doc_type = None  # the search saw the whole line: the scan below would find nothing
        for what, pattern in (
            ("institution", p.institution_inline), ("date", p.place_date_inline),
            ("original_language", ORIGINAL_LANGUAGE_INLINE if "(OR." in line_text else None),
            ("marking", MARKING_INLINE if "LIMITE" in line_text or "RESTREINT UE" in line_text else None),
            ("doc_type", doc_type),
            ("iif", identifiers.INTERINSTITUTIONAL_FILE if has_digit else None),
            ("number", identifiers.COUNCIL_DOC if has_digit else None),
        ):  # (the patterns of the third to seventh items are tried only where their literal text or a digit stands)
            if pattern is not None and what not in seen:
                for m in pattern.finditer(line_text):
                    add(m.start(), m.end(), what)
    items.sort(key=lambda it: (it[0], -it[1]))

    covered = -1
    previous_what = None
    header_items = 0
    for m_start, m_end, reason, what in items:
        if m_start < covered:
            continue
        if what == "body" or (reason == "body"):
            cuts.add(index, start + m_start, "body", start, end)
            state["zone"] = False
            return m_start
        if what.startswith("label:"):
            key = what.split(":", 1)[1]
            cuts.add(index, start + m_start, "label", start, end)
            if key in SUPPRESSING_LABELS:
                state["suppressed"] = True
                if key == "subject":
                    state["zone"] = False  # the zone ends with this line (unless a body cut comes first)
            covered = m_end
            previous_what = what
            continue
        if state["suppressed"] or what in state["seen"]:
            continue
        if what == "iif":
            after = CODES_RUN.match(line_text, m_end)
            if after and "number" in state["seen"]:
                cuts.add(index, start + m_end, "header", start, end)
                cuts.add(index, start + after.end("run"), "header", start, end)
            if previous_what == "label:interinstitutional_file":
                covered = after.end("run") if after else m_end
                previous_what = what
                continue
        if what == "number":
            # The document's own number, with its codes run after (and before) it.
            state["seen"].add("number")
            header_items += 1
            before = CODES_BEFORE.search(line_text, 0, m_start)
            if before and not _in(furniture, start + before.start("run")):
                cuts.add(index, start + before.start("run"), "header", start, end)
            cuts.add(index, start + m_start, "header", start, end)
            cuts.add(index, start + m_end, "header", start, end)
            after = CODES_RUN.match(line_text, m_end)
            if after:
                cuts.add(index, start + after.end("run"), "header", start, end)
                covered = after.end("run")
            else:
                covered = m_end
            previous_what = what
            continue
        state["seen"].add(what)
        header_items += 1
        cuts.add(index, start + m_start, "header", start, end)
        cuts.add(index, start + m_end, "header", start, end)
        covered = m_end
        previous_what = what
    if header_items >= FLATTENED_ITEMS:
        state["zone"] = False
    return None  # the whole line belongs to the header (body scanning starts with the next line)
