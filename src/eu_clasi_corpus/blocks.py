"""Stage 2, blocks: flow lines with their features, and the rule that cuts them into blocks.

Takes a :class:`~eu_clasi_corpus.layout.Layout`; gives :class:`FlowLine` objects
(the running-text lines, each with its paragraph marker if it opens with one,
the blank lines and interruptions before it) and :func:`group`, which cuts a
run of flow lines into blocks (paragraph candidates).

Because extractions double-space, a blank line is *not* a paragraph break.  A
new block starts at a line that

* opens with a paragraph marker (``12.``, ``a)``, ``(iv)``, ``•``), or
* follows a *short* line (well under the document's typical line width) that
  ends a sentence (``. ! ? :``), or
* starts with a capital after a line that ends with ``;`` (enumerated items end
  with a semicolon; inside a sentence the next word is lower-case).

A line that holds only its marker (``2.`` alone, the text on the next line, as
table extractions give it) does not end its block.  A bullet directly before a
number marker (``• 1.``, how some websites render numbered lists) is part of
the number marker.

Physical lines are cut into several flow lines (*virtual lines*) where inline
furniture sits inside them (a page footer glued into the text) and at the cut
points of :mod:`eu_clasi_corpus.flattened`; each piece records why it starts
(``cut``) so that later stages can tell a flattened item from a line start.

Guarantees: :func:`flow_lines` keeps the order of the layout; :func:`group`
returns consecutive, non-empty runs that together are exactly its input.
"""

from __future__ import annotations

from typing import NamedTuple

import regex

from .layout import Layout, LayoutLine, LazyContent
from .model import Span

# Paragraph markers, as data: (style, pattern).  Order matters: roman before letter for "i)".
MARKERS: list[tuple[str, regex.Pattern]] = [
    ("number", regex.compile(r"(?:[\u2022\u25aa][ \t]+)?(?P<label>\d{1,3})\.(?=[\s]|$)")),
    ("roman", regex.compile(r"\(?(?P<label>(?:x{0,3})(?:ix|iv|v?i{1,3}|v|x))\)(?=\s|$)")),
    ("letter", regex.compile(r"\(?(?P<label>[a-z])\)(?=\s|$)")),
    ("bullet", regex.compile(r"(?P<label>[\u2022\u25aa\u25e6\u2023\u2013\u2014\u00b7-])(?=\s)")),
]

SENTENCE_END = ".!?:"
SHORT_LINE_RATIO = 0.8


class Marker(NamedTuple):
    """A paragraph marker (a named tuple: an immutable record, cheaper to define and to make than a dataclass)."""

    style: str
    label: str
    span: Span  # the marker as printed, punctuation included ("12.", "(a)")


class FlowLine(LazyContent):
    """A line of running text: ``[content_start, content_end)`` is its ``text`` (:attr:`content` as a span).

    A plain class with slots: cheaper to define than a dataclass, and one is made per line."""

    __slots__ = (
        "layout", "content_start", "content_end", "text", "gap_before", "interrupted_before", "page_break_before",
        "marker", "cut", "_content",
    )

    def __init__(
        self, layout: LayoutLine, content_start: int, content_end: int, text: str, gap_before: int,
        interrupted_before: bool, page_break_before: bool, marker: Marker | None, cut: str | None = None,
    ) -> None:
        self.layout = layout
        self.content_start = content_start
        self.content_end = content_end
        self.text = text
        self.gap_before = gap_before  # blank lines since the previous flow line
        self.interrupted_before = interrupted_before  # footnote zone or furniture between the previous flow line and this one
        self.page_break_before = page_break_before
        self.marker = marker
        self.cut = cut  # why this virtual line starts inside a physical line (None: at the line start)
        self._content: Span | None = None

    @property
    def page(self) -> int:
        return self.layout.page


# The characters a marker can open with, besides a digit (number) and a lower-case letter (roman, letter).
_MARKER_OPENERS = "(\u2022\u25aa\u25e6\u2023\u2013\u2014\u00b7-"


def could_open_marker(text: str) -> bool:
    """False only when no pattern of :data:`MARKERS` can match at the start of ``text``: the cheap test that spares
    a line of prose four regex calls.  An ASCII character other than these cannot open a marker (``\\d`` holds only
    0-9 among ASCII); a lower-case letter opens one only with its ``)`` within 8 characters (``viii)``)."""
    first = text[:1]
    if first in _MARKER_OPENERS or not first.isascii():
        return True
    if "a" <= first <= "z":
        return ")" in text[1:8]
    return "0" <= first <= "9"


def find_marker(text: str, offset: int) -> Marker | None:
    """The paragraph marker that opens ``text`` (which starts at source ``offset``), if any."""
    return _match_marker(text, offset) if could_open_marker(text) else None


def _match_marker(text: str, offset: int) -> Marker | None:
    """:func:`find_marker` for a ``text`` that :func:`could_open_marker` lets through.  A text that opens with an ASCII
    digit is tried with the number pattern alone: the others open with a bracket, a letter or a bullet."""
    for style, pattern in MARKERS if not "0" <= text[:1] <= "9" else MARKERS[:1]:
        m = pattern.match(text)
        if m:
            return Marker(style=style, label=m.group("label"), span=Span(start=offset, end=offset + m.end()))
    return None


def _pieces(text: str, ll: LayoutLine, furniture: list[Span], cuts: list) -> list[tuple[int, int, bool, str | None]]:
    """(start, end, furniture just before it, cut reason) of each virtual line of one physical line."""
    bounds = sorted([(f.start, f.end, None) for f in furniture] + [(c.offset, None, c.reason) for c in cuts],
                    key=lambda b: (b[0], b[1] is None))
    out: list[tuple[int, int, bool, str | None]] = []
    pos, after_furniture, reason = ll.content_start, False, None
    for b_start, b_end, b_reason in bounds + [(ll.content_end, None, None)]:
        start, end = pos, max(pos, b_start)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append((start, end, after_furniture, reason))
            after_furniture, reason = False, None
        if b_end is not None:
            after_furniture = True
            pos = max(pos, b_end)
        else:
            reason = b_reason or reason
            pos = max(pos, b_start)
    return out


def flow_lines(layout: Layout, cuts: dict | None = None) -> list[FlowLine]:
    """The flow lines of ``layout`` with their features, in order (physical lines cut into virtual ones)."""
    text = layout.source.text
    inline_furniture = layout.inline_furniture
    contents = layout.contents
    cuts = cuts or {}
    out: list[FlowLine] = []
    gap = 0
    interrupted = False
    page_break = False
    previous_page = None
    cut_lines = inline_furniture.keys() | cuts.keys()  # the lines cut into several virtual lines (few)
    for index, ll in enumerate(layout.lines):
        kind = ll.kind
        if kind == "blank":
            gap += 1
            continue
        if kind != "flow":
            interrupted = True
            continue
        page = ll.page
        if index not in cut_lines:
            # the usual line, one virtual line: made here without a list of pieces (positional arguments: faster)
            if page != previous_page and previous_page is not None:
                page_break = True
            previous_page = page
            start = ll.content_start
            content_text = contents[index]  # (the layout's text of the content: not sliced again)
            marker = _match_marker(content_text, start) if could_open_marker(content_text) else None
            out.append(FlowLine(ll, start, ll.content_end, content_text, gap, interrupted, page_break, marker))
            gap, interrupted, page_break = 0, False, False
            continue
        pieces = _pieces(text, ll, inline_furniture.get(index) or [], cuts.get(index) or [])
        if not pieces:
            interrupted = True
            continue
        if previous_page is not None and page != previous_page:
            page_break = True
        previous_page = page
        for k, (start, end, after_furniture, reason) in enumerate(pieces):
            content_text = text[start:end]
            out.append(
                FlowLine(
                    layout=ll,
                    content_start=start,
                    content_end=end,
                    text=content_text,
                    gap_before=gap if k == 0 else 0,
                    interrupted_before=interrupted or after_furniture,
                    page_break_before=page_break if k == 0 else False,
                    marker=find_marker(content_text, start),
                    cut=reason,
                )
            )
            gap, interrupted, page_break = 0, False, False
    return out


def typical_width(lines: list[FlowLine]) -> float:
    """Median length of the longer half of the lines: the width of a full line of running text."""
    lengths = sorted(len(fl.text) for fl in lines)
    if not lengths:
        return 0.0
    # the median of the sorted upper half, as statistics.median gives it (not imported: ~1 ms of every cold start)
    upper = lengths[len(lengths) // 2 :]
    mid = len(upper) // 2
    return float(upper[mid]) if len(upper) % 2 else (upper[mid - 1] + upper[mid]) / 2


def starts_block(previous: FlowLine, current: FlowLine, width: float) -> bool:
    """True when ``current`` opens a new block after ``previous`` (the rules in the module docstring)."""
    if current.marker is not None:
        return True
    if previous.marker is not None and previous.marker.span.end == previous.content_end:
        return False  # the marker stands alone on its line; its text follows
    if current.cut in ("paragraph", "point", "body", "footnote"):
        return True
    prev_text = previous.text
    last = prev_text[-1:]
    first = current.text[:1]
    if last and last in SENTENCE_END and len(prev_text) < SHORT_LINE_RATIO * width:
        return True
    if last == ";" and first.isupper():
        return True
    return False


def group(lines: list[FlowLine], width: float) -> list[list[FlowLine]]:
    """Cut ``lines`` into blocks by :func:`starts_block`."""
    blocks: list[list[FlowLine]] = []
    for fl in lines:
        if blocks and not starts_block(blocks[-1][-1], fl, width):
            blocks[-1].append(fl)
        else:
            blocks.append([fl])
    return blocks


def whole(spans: list[Span]) -> Span:
    """The span from the start of the first of ``spans`` to the end of the last (a node's span from its segments): the
    one segment itself when there is one (an equal span, not made and validated again)."""
    return spans[0] if len(spans) == 1 else Span(start=spans[0].start, end=spans[-1].end)


def segments(lines: list[FlowLine]) -> list[Span]:
    """Spans of the uninterrupted runs of ``lines`` (a footnote zone or furniture cuts a run)."""
    runs: list[list[int]] = []  # [start, end] of each run; one Span per run, made at the end
    for i, fl in enumerate(lines):
        if i == 0 or fl.interrupted_before:
            runs.append([fl.content_start, fl.content_end])
        else:
            runs[-1][1] = fl.content_end
    return [Span(start=start, end=end) for start, end in runs]
