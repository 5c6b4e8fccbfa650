"""Footnote anchors in the text: which node holds each marker, and where it sat in that node's text.

Takes a :class:`~eu_clasi_corpus.model.Document` (and, at parse time, the
source's :class:`~eu_clasi_corpus.textnorm.Normaliser` and every marker found);
gives :func:`text_nodes` (the nodes whose text can hold a marker, in reading
order), :class:`Holders` (the node holding a marker, by binary search) and :func:`place_anchors`,
which fills ``Footnote.anchor_offset``.

A node's ``text`` is normalised with the footnote markers taken out, so the
marker's place in that text is not its source offset: it is the length of the
node's source normalised up to the marker (:meth:`Normaliser.offset_at`).
Exports (Akoma Ntoso ``authorialNote``) put the note back there.

Text nodes: the header fields, the cover-note paragraphs, each annex's title
and paragraphs.  A marker inside a point belongs to its paragraph (a
paragraph's text includes its points).  A marker in a footnote's own text or in
unplaced text has no holder; its footnote keeps ``anchor_offset`` null.
"""

from __future__ import annotations

import bisect

from .model import Document, Footnote, HeaderField, Paragraph, Span
from .textnorm import Normaliser

HEADER_SINGLE_FIELDS = (
    "doc_type_label",
    "institution",
    "place",
    "date",
    "original_language",
    "number",
    "marking",
    "sender",
    "recipient",
    "subject",
    "interinstitutional_file",
)
HEADER_LIST_FIELDS = ("previous_documents", "codes", "other_fields")


def segments_of(node: HeaderField | Paragraph) -> list[Span]:
    """The node's source pieces (its span when it has no segments)."""
    return list(node.segments) or [node.span]


def header_fields(doc: Document) -> list[HeaderField]:
    """Every header field, in source order."""
    h = doc.header
    fields = [getattr(h, name) for name in HEADER_SINGLE_FIELDS if getattr(h, name) is not None]
    for name in HEADER_LIST_FIELDS:
        fields.extend(getattr(h, name))
    return sorted(fields, key=lambda f: f.span.start)


def text_nodes(doc: Document) -> list[HeaderField | Paragraph]:
    """Nodes whose text can hold a footnote marker, in reading order (module docstring)."""
    nodes: list[HeaderField | Paragraph] = list(header_fields(doc))
    nodes.extend(doc.cover_note.paragraphs)
    for annex in doc.annexes:
        if annex.title is not None:
            nodes.append(annex.title)
        nodes.extend(annex.paragraphs)
    return nodes



class Holders:
    """The node holding a source span, found by bisection over every node's segments.

    Built once from a list of nodes whose segments do not overlap (linear), so that placing many footnotes
    or annotations stays linear.  ``holder(span)`` is the node whose segments hold the first and the last
    character of ``span``, or None (``holder_of(start, end)`` the same for a span given by its ends).
    """

    def __init__(self, nodes: list) -> None:
        self.nodes = list(nodes)
        index = sorted((seg.start, seg.end, i) for i, node in enumerate(self.nodes) for seg in segments_of(node))
        self._index = index
        self._starts = [s for s, _, _ in index]
        self._ends = [e for _, e, _ in index]
        self._owners = [self.nodes[i] for _, _, i in index]
        # no segment is empty or reaches into the next: a span within one segment is held by its node
        self._disjoint = all(a[0] < a[1] <= b[0] for a, b in zip(index, index[1:])) and all(s < e for s, e, _ in index[-1:])

    def _node_at(self, pos: int) -> int | None:
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self._index[i][1]:
            return self._index[i][2]
        return None

    def holder(self, span: Span):
        return self.holder_of(span.start, span.end)

    def holder_of(self, start: int, end: int):
        """``holder`` of the span ``[start, end)``."""
        if end <= start:
            return None
        i = bisect.bisect_right(self._starts, start) - 1
        if i < 0 or start >= self._ends[i]:
            return None
        if end <= self._ends[i] and self._disjoint:  # the last character in the same segment: no second search
            return self._owners[i]
        first = self._index[i][2]
        return self.nodes[first] if self._node_at(end - 1) == first else None


def excluded(node: HeaderField | Paragraph, markers: list[Span], starts: list[int]) -> list[Span]:
    """The spans the parser cut out of ``node``'s text (see ``parser._Assembler``).

    A paragraph: its footnote markers and its number.  A header field or an annex title: the markers inside its
    segments (``markers`` sorted by start, ``starts`` their starts; found by binary search, so calling this for
    every node stays linear).
    """
    if isinstance(node, Paragraph):
        out = [r.span for r in node.footnote_refs]
        if node.marker_span is not None:
            out.append(node.marker_span)
        return out
    out = []
    for piece in segments_of(node):
        i = bisect.bisect_left(starts, piece.start)
        while i < len(markers) and markers[i].start < piece.end:
            if markers[i].end <= piece.end:
                out.append(markers[i])
            i += 1
    return out


def all_markers(doc: Document) -> list[Span]:
    """Every footnote marker of ``doc`` (the anchors and the paragraphs' refs), sorted by start."""
    found = {(f.anchor.start, f.anchor.end) for f in doc.footnotes if f.anchor is not None}
    found |= {(r.span.start, r.span.end) for p in doc.paragraphs() for r in p.footnote_refs}
    return [Span(start=a, end=b) for a, b in sorted(found)]


def place_anchors(doc: Document, normaliser: Normaliser, markers: list[Span] | None = None) -> None:
    """Set ``anchor_offset`` on every footnote whose anchor sits in a text node.

    ``normaliser`` must be the one of the source ``doc`` was parsed from; ``markers`` are all marker spans
    found (defaults to the footnote anchors and the paragraphs' refs).
    """
    markers = all_markers(doc) if markers is None else sorted(markers, key=lambda m: (m.start, m.end))
    starts = [m.start for m in markers]
    holders = Holders(text_nodes(doc))
    by_node: dict[int, tuple[HeaderField | Paragraph, list[Footnote]]] = {}
    for footnote in doc.footnotes:
        footnote.anchor_offset = None
        node = holders.holder(footnote.anchor) if footnote.anchor is not None else None
        if node is not None:
            by_node.setdefault(id(node), (node, []))[1].append(footnote)
    for node, footnotes in by_node.values():
        footnotes.sort(key=lambda f: f.anchor.start)
        segments, cut = segments_of(node), excluded(node, markers, starts)
        offsets = normaliser.positions(segments, cut, [f.anchor.start for f in footnotes], node.text)
        if offsets is None:  # positions could not be told in one pass: one prefix per footnote
            offsets = [normaliser.offset_at(segments, cut, f.anchor.start) for f in footnotes]
        for footnote, offset in zip(footnotes, offsets):
            # as offset_at: the normalised text *before* the marker, so a space before it is not counted
            footnote.anchor_offset = offset - 1 if offset > 0 and node.text[offset - 1] == " " else offset
