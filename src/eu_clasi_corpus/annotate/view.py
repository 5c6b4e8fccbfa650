"""The content view: what the annotators may read, with offsets that are offsets into the source.

Takes a parsed :class:`~eu_clasi_corpus.model.Document` and its source text; gives
a :class:`ContentView`: a *masked* copy of the source of exactly the same length
in which

- characters inside a content node's segments are kept as they are (header
  fields, cover and annex paragraphs, annex titles, footnote texts);
- characters between two segments of the same node (a page break, a footnote
  zone inside a paragraph) become line breaks, so that a name split over a page
  break still matches with ``\\s+`` between its words;
- footnote markers, paragraph markers and a footnote's own number become spaces;
- everything else (page furniture, the signature stamp, annex headings, text the
  parser could not place) becomes ``\\x00``, which no pattern crosses.

A node that stands inside another node's gap (a footnote zone interrupting a
paragraph) is masked out of that text and kept in a second layer of the same
length (everything else blocked): :attr:`ContentView.layers`.  Annotators scan
every layer.  Because the masked text has the source's length, a match in it *is* a source
span.  :meth:`ContentView.surface` gives the whitespace-normalised text of a
span (line-end hyphens resolved as the parser decided them), and
:meth:`ContentView.node_at` the content node a position belongs to.
"""

from __future__ import annotations

import bisect
import copy
from typing import NamedTuple

import regex

from ..model import Document, HeaderField, Span
from ..textnorm import collapse_space

BLOCKED = "\x00"
_HYPHEN_BREAK = regex.compile(r"-[ \t]*+(?:\r\n|\r|\n)\s*+")
_FOOTNOTE_NUMBER = regex.compile(r"\s*+\d{1,3}")

# Header fields that are content (codes lines and markings are classification, not text).
HEADER_CONTENT_FIELDS = (
    "sender", "recipient", "previous_documents", "subject", "institution", "place", "date",
    "original_language", "number", "interinstitutional_file", "other_fields",
)


_UNITS = "utf-32-le"  # one code unit of four bytes per character (lone surrogates passed through)
_BLOCKED_UNIT = BLOCKED.encode(_UNITS)
_FILL_UNITS = {c: c.encode(_UNITS) for c in " \n"}  # what layers are filled with, encoded once


class _Layer:
    """A layer being masked: a copy of the source in which every character starts out blocked.

    Kept as UTF-32 bytes, four to a character, so that setting a span is one slice assignment and reading the
    layer back one decode (a list of one-character strings costs a Python object per character).  Spans are
    character offsets; a span reaching past the end lengthens the layer, as it would a list.
    """

    def __init__(self, source: bytes, length: int) -> None:
        self.source = source  # the source text in the same encoding
        self.units = bytearray(_BLOCKED_UNIT * length)

    def copy(self, start: int, end: int) -> None:
        """Show the source's characters in ``[start, end)``."""
        self.units[4 * start : 4 * end] = self.source[4 * start : 4 * end]

    def fill(self, start: int, end: int, char: str) -> None:
        """Put ``char`` at each position of ``[start, end)``."""
        self.units[4 * start : 4 * end] = (_FILL_UNITS.get(char) or char.encode(_UNITS)) * (end - start)

    def shown(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` reaches into the layer and its first character is not blocked."""
        return 4 * start < len(self.units) and start < end and self.units[4 * start : 4 * start + 4] != _BLOCKED_UNIT

    def text(self) -> str:
        return self.units.decode(_UNITS, "surrogatepass")


class ContentNode(NamedTuple):
    """A content node as the annotators see it: a path, a scope and its segments."""

    path: str  # "header:subject", "cover:paragraph:0", "annex:0:paragraph:11", "annex:0:title", "footnote:2"
    scope: str | None  # "cover", "0", "1", ... for paragraphs (internal references); None elsewhere
    span: Span
    segments: tuple[Span, ...]


class ContentView:
    def __init__(self, text: str, nodes: list[ContentNode], excluded: list[Span],
                 hyphen_joined: set[int] | None = None) -> None:
        self.text = text
        self.nodes = sorted(nodes, key=lambda n: (n.span.start, n.path))
        self.hyphen_joined = hyphen_joined or set()
        # A node standing inside another node's gap (a footnote zone that interrupts a paragraph) goes to a
        # second layer, so that the interrupted node reads on across it ('Raad' [zone] 'Binnenlandse Zaken').
        gaps = sorted((a.end, b.start) for node in self.nodes for a, b in zip(node.segments, node.segments[1:]) if b.start > a.end)
        gap_starts = [g[0] for g in gaps]
        reach, gap_reach = -1, []
        for _, end in gaps:  # running maximum of gap ends, so one bisect answers "inside any gap?"
            reach = max(reach, end)
            gap_reach.append(reach)

        def nested(node: ContentNode) -> bool:
            i = bisect.bisect_right(gap_starts, node.span.start) - 1
            return i >= 0 and node.span.end <= gap_reach[i]

        inner = [nested(n) for n in self.nodes] if gaps else [False] * len(self.nodes)
        source = text.encode(_UNITS, "surrogatepass")
        primary = _Layer(source, len(text))
        for (start, end) in gaps:
            primary.fill(start, end, "\n")
        second = _Layer(source, len(text)) if any(inner) else None
        self._seg_index: list[tuple[int, int, int]] = []
        for i, node in enumerate(self.nodes):
            for seg in node.segments:
                (second if inner[i] else primary).copy(seg.start, seg.end)
                self._seg_index.append((seg.start, seg.end, i))
        for layer in (primary, second):
            if layer is None:
                continue
            for ex in excluded:
                if layer.shown(ex.start, ex.end):
                    layer.fill(ex.start, ex.end, " ")
        self.masked = primary.text()
        self.layers = [self.masked] + ([second.text()] if second is not None else [])
        self._seg_index.sort()
        self._seg_starts = [s for s, _, _ in self._seg_index]

    # --- construction -----------------------------------------------------------------
    @classmethod
    def of_document(cls, doc: Document, text: str) -> "ContentView":
        nodes: list[ContentNode] = []
        excluded: list[Span] = []

        def add_field(path: str, f: HeaderField | None, scope: str | None = None) -> None:
            if f is not None and f.segments:
                nodes.append(ContentNode(path, scope, f.span, tuple(f.segments)))
            elif f is not None:
                nodes.append(ContentNode(path, scope, f.span, (f.span,)))

        for name in HEADER_CONTENT_FIELDS:
            value = getattr(doc.header, name)
            if isinstance(value, list):
                for i, f in enumerate(value):
                    add_field(f"header:{name}:{i}", f)
            else:
                add_field(f"header:{name}", value)
        groups = [("cover", "cover", doc.cover_note.paragraphs)]
        for k, annex in enumerate(doc.annexes):
            add_field(f"annex:{k}:title", annex.title, str(k))
            groups.append((f"annex:{k}", str(k), annex.paragraphs))
        for prefix, scope, paragraphs in groups:
            for i, p in enumerate(paragraphs):
                nodes.append(ContentNode(f"{prefix}:paragraph:{i}", scope, p.span, tuple(p.segments or [p.span])))
                if p.marker_span is not None:
                    excluded.append(p.marker_span)
                excluded.extend(r.span for r in p.footnote_refs)
                excluded.extend(pt.marker_span for pt in p.points)
        for f in doc.footnotes:
            segs = tuple(f.segments or [f.span])
            nodes.append(ContentNode(f"footnote:{f.number}", None, f.span, segs))
            m = _FOOTNOTE_NUMBER.match(text, segs[0].start, segs[0].end)
            if m and m.group().strip() == f.number:
                excluded.append(Span(start=m.start(), end=m.end()))
            if f.anchor is not None:
                excluded.append(f.anchor)
        joined = {h.span.start for h in doc.hyphenation if h.decision == "joined"}
        return cls(text, nodes, excluded, joined)

    @classmethod
    def of_text(cls, text: str) -> "ContentView":
        """The whole text as one content node (for plain sentences and tests)."""
        span = Span(start=0, end=len(text))
        return cls(text, [ContentNode("text", "cover", span, (span,))], [])

    def layer_views(self) -> list["ContentView"]:
        """One view per layer (the same nodes, ``masked`` set to that layer): what annotators scan."""
        out = [self]
        for layer in self.layers[1:]:
            other = copy.copy(self)
            other.masked = layer
            other.layers = [layer]
            out.append(other)
        return out

    # --- reading ----------------------------------------------------------------------
    def surface(self, start: int, end: int, layer: str | None = None) -> str:
        """The text of ``[start, end)`` as printed, white space collapsed, line-end hyphens resolved."""
        piece = (layer if layer is not None else self.masked)[start:end]
        if piece.isprintable() and "  " not in piece and piece[:1] != " " and piece[-1:] != " ":
            # Nothing to change (most names and numbers): every white space character other than the ASCII
            # space, the blocked character and the line breaks are unprintable for Python, so the text has no
            # line-end hyphen, and its spaces are single and inside it already.
            return piece
        piece = piece.replace(BLOCKED, " ")

        def hyphen(m: regex.Match) -> str:
            return "" if start + m.start() in self.hyphen_joined else "-"

        return collapse_space(_HYPHEN_BREAK.sub(hyphen, piece) if "-" in piece else piece)

    def node_at(self, pos: int) -> ContentNode | None:
        i = bisect.bisect_right(self._seg_starts, pos) - 1
        if i >= 0:
            s, e, n = self._seg_index[i]
            if s <= pos < e:
                return self.nodes[n]
        return None
