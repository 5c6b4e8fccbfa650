"""Where each annotation sits in the normalised text of the node holding it.

Takes a parsed :class:`~eu_clasi_corpus.model.Document`, the source's
:class:`~eu_clasi_corpus.textnorm.Normaliser` and the footnote markers found.
Gives :func:`content_holders` (the content node whose text holds a source span),
:func:`place_records`, which puts ``text_start`` / ``text_end`` in the records of
annotations not yet made (:mod:`.records`; the parser's annotations are made placed,
by :func:`eu_clasi_corpus.annotate.annotate`), and :func:`place_annotations`, which
sets the same two fields on a document's annotations after they were made (for a
document whose annotations were changed or loaded; its markers default to the
document's own).

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
from ..model import Document, Footnote, HeaderField, Paragraph, Span
from ..textnorm import Normaliser
from .records import Record

MARKER_TYPES = frozenset({"footnote_ref", "footnote_marker"})

Holder = HeaderField | Paragraph | Footnote


def content_holders(doc: Document) -> Holders:
    """Holders of annotations: the text nodes and the footnotes."""
    return Holders([*text_nodes(doc), *doc.footnotes])


def place_annotations(doc: Document, normaliser: Normaliser, markers: list[Span] | None = None) -> None:
    """Set ``text_start`` / ``text_end`` on every annotation of ``doc`` whose place in its holder's text is known
    (both null on the others).

    ``normaliser`` must be the one of the source ``doc`` was parsed from; ``markers`` are all marker spans
    found (defaults to the footnote anchors and the paragraphs' refs).
    """
    annotations = doc.annotations
    for a in annotations:
        if a.text_start is not None or a.text_end is not None:  # placed before (skip the assignment when not)
            a.text_start = a.text_end = None
    items = [(a.type, a.span.start, a.span.end, a.text) for a in annotations]
    for i, text_start, text_end in _places(doc, normaliser, markers, items):
        annotations[i].text_start, annotations[i].text_end = text_start, text_end


def place_records(doc: Document, normaliser: Normaliser, markers: list[Span] | None, records: list[Record]) -> None:
    """Put ``text_start`` / ``text_end`` in every record (:mod:`.records`) of an annotation of ``doc`` whose place
    is known, as :func:`place_annotations` would set them on the annotation, so that it is made placed (a model's
    attribute assignment costs more than its validation)."""
    items = [(r["type"], (span := r["span"])["start"], span["end"], r["text"]) for r in records]
    for i, text_start, text_end in _places(doc, normaliser, markers, items):
        r = records[i]
        r["text_start"], r["text_end"] = text_start, text_end


def _places(doc: Document, normaliser: Normaliser, markers: list[Span] | None,
            items: list[tuple[str, int, int, str]]) -> list[tuple[int, int, int]]:
    """``(i, text_start, text_end)`` for each ``items[i]``, ``(type, source start, source end, text)`` of an
    annotation, whose place in its holder's text is known (module docstring)."""
    markers = all_markers(doc) if markers is None else sorted(markers, key=lambda m: (m.start, m.end))
    starts = [m.start for m in markers]
    holder = content_holders(doc).holder_of
    # id of the holder -> (holder, indices of its items)
    by_node: dict[int, tuple[Holder, list[int]]] = {}
    for i, (kind, start, end, _) in enumerate(items):
        if kind in MARKER_TYPES:
            continue
        node = holder(start, end)
        if node is not None:
            held = by_node.get(id(node))
            if held is None:
                by_node[id(node)] = (node, [i])
            else:
                held[1].append(i)
    out = []
    for node, held_here in by_node.values():
        cut = [] if isinstance(node, Footnote) else excluded(node, markers, starts)
        points = sorted({p for i in held_here for p in items[i][1:3]})  # the source starts and ends of its items
        node_text = node.text
        found = normaliser.positions(segments_of(node), cut, points, node_text)
        if found is None:
            continue
        place = dict(zip(points, found))
        for i in held_here:
            _, start, end, text = items[i]
            text_start, text_end = place[start], place[end]
            if text_start < text_end and node_text[text_start:text_end] == text:
                out.append((i, text_start, text_end))
    return out
