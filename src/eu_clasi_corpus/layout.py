"""Stage 1, layout: physical lines → pages, footnote zones, signature stamp and flow lines.

Takes a :class:`~eu_clasi_corpus.source.SourceText`; gives a :class:`Layout`
in which every physical line has exactly one kind:

* ``blank``: white space only (not a paragraph break: extractions double-space);
* ``flow``: running text of the note (header, cover note, annexes);
* ``footnote``: a line inside a footnote zone;
* ``furniture``: classified non-content (footnote separator, signature stamp, rules).

Conventions recognised (as data in :data:`LAYOUT_RULES`, none taken from one document):

* a **page starts** at the first line, at a form feed, and at a line that opens
  with exactly one space followed by text (how the Council's PDFs extract);
* a **footnote zone** opens at a separator line (a long run of white space, the
  extracted footnote rule) and runs to the next page start, the signature stamp,
  a numbered paragraph (``14. ...``: footnotes read ``1 text``, so this means the
  page start was lost) or the end of the text;
* the **signature stamp** is an ISO 8601 timestamp alone on its line, with the
  stamp's caption ("Guarantee of Integrity and Authenticity") close after it.

Guarantees: ``lines`` has one entry per physical line in order; every
non-blank line is ``flow``, ``footnote`` or ``furniture``; pages are ordered,
contiguous and together cover the whole text.
"""

from __future__ import annotations

import bisect
from typing import Literal, NamedTuple

import regex

from .latin1 import char_flags
from .lazy_pattern import LazyPattern
from .model import Furniture, Page, Signature, Span
from .source import SourceText

LineKind = Literal["blank", "flow", "footnote", "furniture"]


class LayoutRules(NamedTuple):
    """The layout conventions as patterns.  :func:`analyse` skips lines by cheap tests that these patterns imply:
    ``page_start`` needs a form feed or a space first, ``timestamp`` and ``zone_ends_at`` a digit (``timestamp`` a
    colon too), and a ``rule_line`` has one of its marks first in its content; a changed pattern must keep to that.
    (A named tuple: immutable, and cheaper to define than a frozen dataclass.)"""

    footnote_separator_min_width: int = 10  # at least 1: an empty line is never taken for a separator (analyse)
    page_start: regex.Pattern = regex.compile(r"^(?:\f|[ ](?=[^\s]))")
    rule_line: regex.Pattern | LazyPattern = LazyPattern(r"^[ \t]*(?:_{5,}|-{5,}|\u2014{3,})[ \t]*$")  # (rule lines are rare)
    timestamp: regex.Pattern = regex.compile(
        r"^[\s\ufeff]*(?P<ts>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)\s*$"
    )
    stamp_caption: regex.Pattern = regex.compile(r"^\s*Guarantee of Integrity and Authenticity\s*$", regex.I)
    zone_ends_at: regex.Pattern = regex.compile(r"^\s?\d{1,3}\.[ \t]")  # footnotes read "1 text", paragraphs "1. text"
    stamp_caption_window: int = 4  # non-blank lines after the timestamp in which the caption may stand


LAYOUT_RULES = LayoutRules()


class LazyContent:
    """The ``content`` span of a line whose content bounds are ``content_start`` / ``content_end``, made when first
    asked for (the stages read the bounds; few lines end up needing a span).  For slotted classes with ``_content``."""

    __slots__ = ()

    @property
    def content(self) -> Span:
        content = self._content  # type: ignore[attr-defined]
        if content is None:
            content = self._content = Span(start=self.content_start, end=self.content_end)  # type: ignore[attr-defined]
        return content


class LayoutLine(LazyContent):
    """One physical line with its kind and page, and its content: the line without leading/trailing white space,
    ``[content_start, content_end)`` (an empty span at the line end for a blank line).

    ``[line_start, line_end)`` is the whole line without its ending (the bounds of the source's :class:`Line`, which
    the parser does not make).  A plain class with slots: one is made per line.  The stages read the content's bounds;
    its :attr:`content` span is made only when a node needs it (few lines: most end up in paragraphs, whose segments
    are made anew).
    """

    __slots__ = (
        "line_start", "line_end", "kind", "page", "content_start", "content_end", "page_start", "zone", "_content",
    )

    def __init__(
        self, line_start: int, line_end: int, kind: LineKind, page: int, content_start: int, content_end: int,
        page_start: bool = False, zone: int | None = None,
    ) -> None:
        self.line_start = line_start
        self.line_end = line_end
        self.kind = kind
        self.page = page
        self.content_start = content_start
        self.content_end = content_end
        self.page_start = page_start
        self.zone = zone  # index of the footnote zone, for footnote lines
        self._content: Span | None = None


class Layout:
    """The layout of one source: its lines, pages, furniture and footnote zones (a plain class with slots: cheaper to
    define than a dataclass)."""

    __slots__ = (
        "source", "lines", "pages", "digit_lines", "contents", "char_flags", "furniture", "signature", "zones",
        "zone_separators", "inline_furniture",
    )

    def __init__(
        self, source: SourceText, lines: list[LayoutLine], pages: list[Page], digit_lines: frozenset[int],
        contents: list[str], char_flags: bytes | None = None,
    ) -> None:
        self.source = source
        self.lines = lines
        self.pages = pages
        # Indices of the lines that hold a decimal digit (``\d`` of the regex module, as in every pattern here).
        # Every number pattern of the later stages (timestamps, footers, paragraph numbers, footnote markers) needs
        # one, so they test only these lines: the cheap test that lets them skip the prose.
        self.digit_lines = digit_lines
        self.contents = contents  # the text of each line's content ("" for a blank line), read once for every stage
        self.char_flags = char_flags  # latin1.char_flags of the text (None: not Latin-1)
        self.furniture: list[Furniture] = []
        self.signature: Signature | None = None
        self.zones: list[list[LayoutLine]] = []
        self.zone_separators: list[Span] = []  # the separator line that opens each zone
        self.inline_furniture: dict[int, list[Span]] = {}  # line index -> furniture spans inside it

    def flow(self) -> list[LayoutLine]:
        return [ll for ll in self.lines if ll.kind == "flow"]


_WS = " \t\f\v\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\ufeff"
_DIGIT = LazyPattern(r"\d")


def _lines_hit(next_hit, line_starts: list[int]) -> list[int]:
    """Indices (ascending) of the lines that hold a hit, ``next_hit(pos)`` giving the offset of the first hit at or
    after ``pos`` (-1: none): one scan that resumes at the next line after each hit.  Line ``i`` is
    ``[line_starts[i], line_starts[i + 1])``."""
    found: list[int] = []
    at = next_hit(0)
    while at != -1:
        index = bisect.bisect_right(line_starts, at) - 1
        found.append(index)
        if index + 1 >= len(line_starts):
            break
        at = next_hit(line_starts[index + 1])
    return found


def lines_matching(pattern: regex.Pattern | LazyPattern, text: str, line_starts: list[int]) -> list[int]:
    """Indices (ascending) of the lines in which ``pattern`` finds a match (:func:`_lines_hit`)."""

    def next_match(pos: int) -> int:
        m = pattern.search(text, pos)
        return -1 if m is None else m.start()

    return _lines_hit(next_match, line_starts)


def digit_lines(text: str, line_starts: list[int], flags: bytes | None) -> list[int]:
    """``lines_matching(_DIGIT, text, line_starts)``, by a byte search in ``flags`` (:func:`char_flags` of ``text``)
    when there are flags."""
    if flags is None:
        return lines_matching(_DIGIT, text, line_starts)
    return _lines_hit(lambda pos: flags.find(b"d", pos), line_starts)


def analyse(source: SourceText, rules: LayoutRules = LAYOUT_RULES) -> Layout:
    """Classify every physical line and cut the text into pages (see the module docstring)."""
    text = source.text
    lines: list[LayoutLine] = []
    contents: list[str] = []
    separators: list[int] = []  # footnote separators: blank lines as wide as the rule (it extracts as white space)
    page_starts = [0]  # where each page starts
    rule_candidates: list[int] = []  # flow lines whose content opens with a mark of a rule line
    page = 1
    add_line, add_content = lines.append, contents.append
    page_start = rules.page_start.match
    for index, (line_start, line_end) in enumerate(zip(source.line_starts, source.line_ends)):
        if line_start == line_end:  # an empty line (every other line of a double-spaced extraction)
            add_line(LayoutLine(line_start, line_end, "blank", page, line_end, line_end))
            add_content("")
            continue
        raw = text[line_start:line_end]
        left = raw.lstrip(_WS)  # the content: the same characters as a walk in from each end over _WS
        if left:
            start = line_end - len(left)
            stripped = left.rstrip(_WS)
            # page_start needs a form feed or a space first: the cheap test spares the other lines a regex call
            if raw[0] in " \f" and index and page_start(raw) is not None:
                page += 1
                page_starts.append(line_start)
                add_line(LayoutLine(line_start, line_end, "flow", page, start, start + len(stripped), True))
            else:
                add_line(LayoutLine(line_start, line_end, "flow", page, start, start + len(stripped)))
            add_content(stripped)
            if left[0] in "_-\u2014":  # a rule line's content starts with its first mark
                rule_candidates.append(index)
            continue
        starts_page = index > 0 and raw.startswith("\f")
        if len(raw.expandtabs(8)) >= rules.footnote_separator_min_width:
            separators.append(index)
        if starts_page:
            page += 1
            page_starts.append(line_start)
        add_line(LayoutLine(line_start, line_end, "blank", page, line_end, line_end, starts_page))
        add_content("")

    flags = char_flags(text)
    layout = Layout(source=source, lines=lines, pages=_pages(source, page_starts),
                    digit_lines=frozenset(digit_lines(text, source.line_starts, flags)), contents=contents, char_flags=flags)
    _mark_signature(layout, rules)
    _mark_footnote_zones(layout, rules, separators)
    _mark_rules(layout, rules, rule_candidates)
    layout.furniture.sort(key=lambda f: (f.span.start, f.span.end))
    return layout


def _pages(source: SourceText, starts: list[int]) -> list[Page]:
    ends = starts[1:] + [len(source.text)]
    return [Page(number=i + 1, span=Span(start=s, end=e)) for i, (s, e) in enumerate(zip(starts, ends))]


def _mark_signature(layout: Layout, rules: LayoutRules) -> None:
    text = layout.source.text
    contents = layout.contents
    for i in sorted(layout.digit_lines):  # a timestamp has digits, and a colon
        ll = layout.lines[i]
        if ll.kind != "flow" or ":" not in contents[i]:
            continue
        m = rules.timestamp.match(text[ll.line_start : ll.line_end])
        if not m:
            continue
        caption_at = None
        seen = 0
        for j in range(i + 1, len(layout.lines)):  # at most stamp_caption_window non-blank lines on
            later = layout.lines[j]
            if later.kind == "blank":
                continue
            seen += 1
            if rules.stamp_caption.match(text[later.line_start : later.line_end]):
                caption_at = j
                break
            if seen >= rules.stamp_caption_window:
                break
        if caption_at is None:
            continue
        caption = layout.lines[caption_at]
        span = Span(start=ll.content_start, end=caption.content_end)
        layout.signature = Signature(timestamp=m.group("ts"), text=" ".join(span.slice(text).split()), span=span)
        for part in layout.lines[i : caption_at + 1]:
            if part.kind != "blank":
                part.kind = "furniture"
        layout.furniture.append(Furniture(kind="signature", text=layout.signature.text, span=span))
        return


def _mark_footnote_zones(layout: Layout, rules: LayoutRules, separators: list[int]) -> None:
    """Each separator opens a zone of the flow lines after it, up to the next separator, page start, furniture line
    or numbered paragraph; only those lines are visited."""
    text = layout.source.text
    lines = layout.lines
    for k, at in enumerate(separators):
        zone_lines: list[LayoutLine] = []
        layout.zones.append(zone_lines)
        separator = lines[at]
        layout.zone_separators.append(Span(start=separator.line_start, end=separator.line_end))
        layout.furniture.append(
            Furniture(kind="footnote_separator", text="", span=Span(start=separator.line_start, end=separator.line_end))
        )
        for index in range(at + 1, separators[k + 1] if k + 1 < len(separators) else len(lines)):
            ll = lines[index]
            if ll.page_start or ll.kind == "furniture":
                break
            if ll.kind != "flow":
                continue
            if index in layout.digit_lines and rules.zone_ends_at.match(text[ll.line_start : ll.line_end]):
                break  # a numbered paragraph after the zone: the page start was lost in extraction
            ll.kind = "footnote"
            ll.zone = k
            zone_lines.append(ll)


def _mark_rules(layout: Layout, rules: LayoutRules, candidates: list[int]) -> None:
    """Rule lines among ``candidates``: the flow lines whose content opens with a mark of one (the cheap test that
    spares the other lines a regex call)."""
    text = layout.source.text
    for index in candidates:
        ll = layout.lines[index]
        if ll.kind == "flow" and rules.rule_line.match(text[ll.line_start : ll.line_end]):
            ll.kind = "furniture"
            layout.furniture.append(Furniture(kind="separator", text=ll.content.slice(text), span=ll.content))
