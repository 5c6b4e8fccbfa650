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
    starts = [m.start for m in markers]
    holder = content_holders(doc).holder
    # id of the holder -> (holder, [(annotation, source start, source end), ...])
    by_node: dict[int, tuple[Holder, list[tuple[Annotation, int, int]]]] = {}
    for a in doc.annotations:
        if a.text_start is not None or a.text_end is not None:  # placed before (skip the assignment when not)
            a.text_start = a.text_end = None
        if a.type in MARKER_TYPES:
            continue
        span = a.span
        node = holder(span)
        if node is not None:
            held = by_node.get(id(node))
            if held is None:
                held = by_node[id(node)] = (node, [])
            held[1].append((a, span.start, span.end))
    for node, held_here in by_node.values():
        cut = [] if isinstance(node, Footnote) else excluded(node, markers, starts)
        points = sorted({p for _, start, end in held_here for p in (start, end)})
        text = node.text
        found = normaliser.positions(segments_of(node), cut, points, text)
        if found is None:
            continue
        place = dict(zip(points, found))
        for a, start, end in held_here:
            text_start, text_end = place[start], place[end]
            if text_start < text_end and text[text_start:text_end] == a.text:
                a.text_start, a.text_end = text_start, text_end

