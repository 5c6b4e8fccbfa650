"""Where each annotation sits in the normalised text of the node holding it.

Takes a parsed :class:`~eu_clasi_corpus.model.Document` whose annotations are set
and, at parse time, the source's :class:`~eu_clasi_corpus.textnorm.Normaliser`
and every footnote marker found; gives :func:`content_holders` (the content node whose
text holds a source span) and :func:`place_annotations`, which fills
``Annotation.text_start`` / ``text_end``.

An annotation's ``span`` is a source span; a node's ``text`` is normalised (white
space collapsed, markers out, line-end hyphens decided), so the annotation's
place in that text is found the way :mod:`eu_clasi_corpus.anchors` finds a
footnote anchor's: by normalising the node's source with the same exclusions
(:meth:`Normaliser.positions`, one pass per node whatever the number of
annotations).  The place is kept only when ``text[text_start:text_end]`` is the
annotation's ``text``; otherwise both stay null.  Exports (Akoma Ntoso inline
elements) write the annotation there without needing the source.

Holders: the text nodes of :func:`eu_clasi_corpus.anchors.text_nodes` (header
fields, cover paragraphs, annex titles, annex paragraphs; a point belongs to its
paragraph) and the footnotes.  An annotation is held by a node when its first
and its last character both lie in that node's segments, so one that runs over a
page break or a footnote zone inside a paragraph is held by the paragraph.
Footnote markers (``footnote_ref``, ``footnote_marker``) are left out of the
texts and are never placed.
"""

from __future__ import annotations

from ..anchors import Holders, all_markers, excluded, segments_of, text_nodes
from ..model import Annotation, Document, Footnote, HeaderField, Paragraph, Span
from ..textnorm import Normaliser

MARKER_TYPES = frozenset({"footnote_ref", "footnote_marker"})

Holder = HeaderField | Paragraph | Footnote


def content_holders(doc: Document) -> Holders:
    """Holders of annotations: the text nodes and the footnotes."""
    return Holders([*text_nodes(doc), *doc.footnotes])


def place_annotations(doc: Document, normaliser: Normaliser, markers: list[Span] | None = None) -> None:
    """Set ``text_start`` / ``text_end`` on every annotation whose place in its holder's text is known.

    ``normaliser`` must be the one of the source ``doc`` was parsed from; ``markers`` are all marker spans
    found (defaults to the footnote anchors and the paragraphs' refs).
    """
    markers = all_markers(doc) if markers is None else sorted(markers, key=lambda m: (m.start, m.end))
    holders = content_holders(doc)
    by_node: dict[int, tuple[Holder, list[Annotation]]] = {}
    for a in doc.annotations:
        if a.text_start is not None or a.text_end is not None:  # placed before (skip the assignment when not)
            a.text_start = a.text_end = None
        if a.type in MARKER_TYPES:
            continue
        node = holders.holder(a.span)
        if node is not None:
            by_node.setdefault(id(node), (node, []))[1].append(a)
    for node, annotations in by_node.values():
        cut = [] if isinstance(node, Footnote) else excluded(doc, node, markers)
        points = sorted({p for a in annotations for p in (a.span.start, a.span.end)})
        found = normaliser.positions(segments_of(node), cut, points, node.text)
        if found is None:
            continue
        place = dict(zip(points, found))
        for a in annotations:
            start, end = place[a.span.start], place[a.span.end]
            if start < end and node.text[start:end] == a.text:
                a.text_start, a.text_end = start, end
