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
annotations; a plain node, one segment with no line-end hyphen, is read without
assembling its text piece by piece, with the same result: :func:`_plain_positions`).
The place is kept only when ``text[text_start:text_end]`` is the
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

import re

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
    holder = content_holders(doc).holder
    # the plain reading (_plain_positions) needs a free mark and a source without the characters it does not handle
    plain_source = normaliser.positions([], [], [], "") is not None and not any(c in normaliser.text for c in _UNHANDLED)
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
        cut = [] if isinstance(node, Footnote) else excluded(doc, node, markers)
        points = sorted({p for _, start, end in held_here for p in (start, end)})
        text = node.text
        segments = segments_of(node)
        found = _plain_positions(normaliser.text, segments, cut, points, text) if plain_source else NOT_PLAIN
        if found is NOT_PLAIN:
            found = normaliser.positions(segments, cut, points, text)
        if found is None:
            continue
        place = dict(zip(points, found))
        for a, start, end in held_here:
            text_start, text_end = place[start], place[end]
            if text_start < text_end and text[text_start:text_end] == a.text:
                a.text_start, a.text_end = text_start, text_end


NOT_PLAIN = object()  # what _plain_positions gives for a node it does not read: Normaliser.positions reads it
_UNHANDLED = "\u00ad\x1c\x1d\x1e\x1f"  # soft hyphen (taken out of texts); what str.split takes for white space besides regex
_LINE_END_HYPHEN = re.compile(r"-[ \t\u00a0]*[\r\n]")
_LONG_SPACE = re.compile(r"\s\s+")


def _plain_positions(source: str, segments: list[Span], cut: list[Span], points: list[int], text: str):
    """``Normaliser.positions(segments, cut, points, text)`` for a plain node, or :data:`NOT_PLAIN`.

    The caller checked that the whole source holds no soft hyphen and no U+001C..U+001F (:data:`_UNHANDLED`) and
    that it leaves a mark free.  A node is plain when it is one segment with its cut-out spans inside it (apart,
    none empty), its source holds no hyphen before a line break (so no line-end hyphen can be decided), and its
    source with the cut-out spans taken out and white space collapsed is ``text`` (not empty).  Its text
    is then that source, ``kept``, normalised, and ``positions`` puts a mark (a character the source does not
    hold; the caller checked there is one) at each point's place in ``kept``, a point inside a cut-out span
    right after it, collapses white space and reads where the marks are.  A mark next to a word joins that word,
    so its place is the length of the collapsed text before it: the place in ``kept`` less the leading white
    space and, for each run of several white space characters before it, all but one.  A mark with white space
    (or the start) on its left and white space on its right stands alone, and the text without the marks has a
    space too many: ``positions`` gives None.  The work is a split and a join of the node's text and a pass
    over the points, where ``positions`` assembles the text piece by piece.
    """
    if len(segments) != 1 or not text:
        return NOT_PLAIN
    start, end = segments[0].start, segments[0].end
    if not start < end or not start <= points[0] <= points[-1] <= end or _LINE_END_HYPHEN.search(source, start, end):
        return NOT_PLAIN
    pieces, pos, cuts = [], start, sorted((c.start, c.end) for c in cut)
    for cut_start, cut_end in cuts:
        if not pos <= cut_start < cut_end <= end:
            return NOT_PLAIN
        pieces.append(source[pos:cut_start])
        pos = cut_end
    pieces.append(source[pos:end])
    pieces.append(" ")  # the space after a segment
    kept = "".join(pieces)
    if " ".join(kept.split()) != text:
        return NOT_PLAIN
    lead = len(kept) - len(kept.lstrip())
    runs = [m.span() for m in _LONG_SPACE.finditer(kept, lead)]
    cuts.append((end + 1, end + 1))  # ends of the lists: after every point and every place
    runs.append((len(kept) + 1, len(kept) + 1))
    out: list[int] = []
    removed = k = 0  # length of the cut-out spans wholly before the point; index of the next one
    excess = r = 0  # white space collapsed away in the runs wholly before the place; index of the next run
    for p in points:
        while cuts[k][1] <= p:
            removed += cuts[k][1] - cuts[k][0]
            k += 1
        cut_start = cuts[k][0]
        at = p - start - removed - (p - cut_start if cut_start < p else 0)  # the point's place in kept
        if (at == 0 or kept[at - 1].isspace()) and kept[at].isspace():
            return None
        while runs[r][1] <= at:
            excess += runs[r][1] - runs[r][0] - 1
            r += 1
        out.append(at - lead - excess)
    return out
