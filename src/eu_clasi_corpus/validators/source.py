"""SRC: the model agrees with the source (fidelity) and accounts for all of it (coverage).

Takes a :class:`~eu_clasi_corpus.validators.context.Context`; gives SRC diagnostics.

* **SRC001** each ``doc.unplaced`` record (the parser reports these too; a
  document read back from JSON may have lost its diagnostics).
* **SRC002** every node's segments, normalised with its marker spans cut out
  (:meth:`~eu_clasi_corpus.textnorm.Normaliser.text_of`), give its ``text``.
* **SRC003** every non-blank character belongs to a node (header field with
  its label, paragraph with its marker, annex label and title, footnote,
  signature), to classified furniture or to an unplaced record.  Linear: the
  claimed intervals are sorted once and swept; each uncovered run is reported
  once per line at its first non-blank character.
* **SRC004** spans lie inside the source with ``start <= end``; a node's
  segments lie inside its span in order; siblings (paragraphs of a container,
  points of a paragraph, annexes, footnotes, pages) come in source order
  without overlapping.

SRC001 and SRC004's model checks need no text; SRC002, SRC003 and the bounds
part of SRC004 are skipped without it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import regex

from ..model import Annex, Footnote, HeaderField, Paragraph, Point, Span
from .context import Context

_NON_BLANK = regex.compile(r"[^\s\ufeff\u00ad]")
_PLAIN_BLANKS = " \t\r\n"  # blank to _NON_BLANK
_SEPARATOR = regex.compile(r"[ \t\u00a0]*+[,;:\u2013\u2014-][ \t\u00a0]*+")


def _preview(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


# --- SRC001 ---------------------------------------------------------------------------------------


def check_unplaced(ctx: Context) -> None:
    for u in ctx.doc.unplaced:
        ctx.report("SRC001", u.span, f"text the parser could not place: {_preview(u.text)!r}",
                   hint="kept in `unplaced`; check the layout around it (a stray line, a lost marker?)")


# --- SRC002 ---------------------------------------------------------------------------------------


def _inside(spans: Sequence[Span], segments: Sequence[Span]) -> list[Span]:
    if not spans:
        return []
    if len(segments) == 1:  # the usual case
        low, high = segments[0].start, segments[0].end
        return [s for s in spans if low <= s.start and s.end <= high]
    return [s for s in spans if any(seg.start <= s.start and s.end <= seg.end for seg in segments)]


def _text_nodes(
    ctx: Context,
) -> Iterator[tuple[str, tuple, HeaderField | Paragraph | Point | Footnote, list[Span], list[list[Span]]]]:
    """(name template, its values, node, segments, accepted exclusion lists): the text of the node is the normalised
    source of its segments minus one of the exclusion lists.  The name (``template.format(*values)``) is made only
    for a report."""
    doc = ctx.doc
    anchors = [f.anchor for f in doc.footnotes if f.anchor is not None]
    for name, field in ctx.header_fields():
        segs = field.segments or [field.span]
        inside = _inside(anchors, segs)
        # Header values keep a footnote marker printed in them (the header has no refs of its own); accept both.
        yield "header field {}", (name,), field, segs, ([[], inside] if inside else [[]])
    for p in doc.paragraphs():
        segs = p.segments or [p.span]
        refs = [r.span for r in p.footnote_refs]
        own = refs + [p.marker_span] if p.marker_span is not None else refs
        number = p.number or "(unnumbered)"
        yield "paragraph {}", (number,), p, segs, [_inside(own, segs)]
        for pt in p.points:
            pt_segs = pt.segments or [pt.span]
            yield "point {} of paragraph {}", (pt.label, number), pt, pt_segs, [_inside(refs + [pt.marker_span], pt_segs)]
    for a in doc.annexes:
        if a.title is not None:
            segs = a.title.segments or [a.title.span]
            yield "title of {}", (a.label,), a.title, segs, [_inside(anchors, segs)]
    for f in doc.footnotes:
        yield "footnote {}", (f.number,), f, f.segments or [f.span], [[]]


def check_fidelity(ctx: Context) -> None:
    norm = ctx.normaliser
    n = len(ctx.text)
    for template, values, node, segs, exclusions in _text_nodes(ctx):
        for s in segs:
            if s.start > s.end or s.end > n:
                break  # SRC004 reports it
        else:
            if norm.text_of(segs, exclusions[0]) != node.text:  # (usually the first text accepted is the node's)
                _check_texts(ctx, template.format(*values), node, segs, exclusions)


def _check_texts(ctx: Context, name: str, node: HeaderField | Paragraph | Point | Footnote, segs: list[Span],
                 exclusions: list[list[Span]]) -> None:
    """SRC002 unless one of the texts of ``segs`` without one of ``exclusions`` is the node's."""
    texts = [ctx.normaliser.text_of(segs, excl) for excl in exclusions]
    if node.text not in texts:
        got = texts[-1]
        at = next((i for i, (a, b) in enumerate(zip(got, node.text)) if a != b), min(len(got), len(node.text)))
        ctx.report("SRC002", node.span, f"{name}: the source at its span reads {_preview(got[at:])!r} where the text has {_preview(node.text[at:])!r}",
                   hint="the model was edited or the parser lost track of a span")


# --- SRC003 ---------------------------------------------------------------------------------------


def _claimed(ctx: Context) -> list[tuple[int, int]]:
    doc = ctx.doc
    out: list[tuple[int, int]] = []
    for _, field in ctx.header_fields():
        segs = field.segments or [field.span]
        if field.label_span is not None:  # the label, its colon and the value's first line
            first = segs[0] if segs else field.span
            out.append((field.label_span.start, max(field.label_span.end, first.end)))
        out.extend([(s.start, s.end) for s in segs])
    for p in doc.paragraphs():
        out.extend([(s.start, s.end) for s in p.segments or [p.span]])
        if p.marker_span is not None:
            out.append((p.marker_span.start, p.marker_span.end))
    for a in doc.annexes:
        out.append((a.label_span.start, a.label_span.end))
        if a.title is not None:
            out.extend([(s.start, s.end) for s in a.title.segments or [a.title.span]])
    for f in doc.footnotes:
        segs = f.segments or [f.span]
        out.append((f.span.start, segs[0].end))  # the number and the first run of its text
        out.extend([(s.start, s.end) for s in segs])
    for item in [*doc.furniture, *doc.unplaced, *([doc.signature] if doc.signature is not None else [])]:
        out.append((item.span.start, item.span.end))
    return out


def check_coverage(ctx: Context) -> None:
    text = ctx.text
    claimed = sorted(_claimed(ctx))
    pos = 0
    for start, end in claimed + [(len(text), len(text))]:
        # Most gaps are line breaks: only one with a non-blank character can be reported (a gap of spaces, tabs
        # and line breaks alone, which ``\s`` takes all, needs no search).
        if (
            start > pos
            and text[pos:start].strip(_PLAIN_BLANKS)
            and _NON_BLANK.search(text, pos, start)
            and not _is_separator(text, pos, start, start < len(text))
        ):
            _report_gap(ctx, pos, start)
        pos = max(pos, end)


def _is_separator(text: str, start: int, end: int, claimed_after: bool) -> bool:
    """Punctuation between two claimed pieces of one line (``Brussel, 12 juli 2023``: place, comma, date)."""
    return start > 0 and claimed_after and bool(_SEPARATOR.fullmatch(text, start, end))


def _report_gap(ctx: Context, start: int, end: int) -> None:
    """One SRC003 per line of non-blank text in ``[start, end)``."""
    text = ctx.text
    pos = start
    while True:
        m = _NON_BLANK.search(text, pos, end)
        if m is None:
            return
        line_end = m.start()
        while line_end < end and text[line_end] not in "\r\n":
            line_end += 1
        piece = text[m.start() : line_end].rstrip()
        ctx.report("SRC003", (m.start(), m.start() + len(piece)), f"text covered by no node: {_preview(piece)!r}",
                   hint="the model does not account for this text (not even as furniture or unplaced)")
        pos = line_end


# --- SRC004 ---------------------------------------------------------------------------------------


def _all_spans(ctx: Context) -> Iterator[tuple[Span, str, object]]:
    """Every span of the model with its name for a message, ``template.format(value)`` (made only for a report)."""
    doc = ctx.doc
    for name, field in ctx.header_fields():
        yield field.span, "header field {}", name
        for s in field.segments:
            yield s, "header field {}", name
        if field.label_span is not None:
            yield field.label_span, "label of header field {}", name
    for p in doc.paragraphs():
        yield p.span, "paragraph {}", p.number
        for s in p.segments:
            yield s, "paragraph {}", p.number
        for r in p.footnote_refs:
            yield r.span, "footnote marker {}", r.number
        for pt in p.points:
            yield pt.span, "point {}", pt.label
    for a in doc.annexes:
        yield a.span, "{}", a.label
        yield a.label_span, "label of {}", a.label
    for f in doc.footnotes:
        yield f.span, "footnote {}", f.number
        if f.anchor is not None:
            yield f.anchor, "anchor of footnote {}", f.number
    for page in doc.pages:
        yield page.span, "page {}", page.number
    for item in [*doc.furniture, *doc.unplaced, *([doc.signature] if doc.signature else [])]:
        yield item.span, "{}", type(item).__name__.lower()


def _in_order(spans: Sequence[Span]) -> bool:
    return all(a.end <= b.start for a, b in zip(spans, spans[1:]))


def _check_order(ctx: Context, what: str, spans: Sequence[Span], names: Callable[[], Sequence[str]]) -> None:
    """SRC004 for each span that starts before the one before it ends; ``names()`` (called only then) names them."""
    if _in_order(spans):
        return
    named = names()
    for (a, an), (b, bn) in zip(zip(spans, named), zip(spans[1:], named[1:])):
        if b.start < a.end:
            ctx.report("SRC004", b, f"{what}: {bn} [{b.start}, {b.end}) starts before {an} [{a.start}, {a.end}) ends")


def _check_inside(ctx: Context, outer: Span, inner: Sequence[Span], name: str) -> None:
    for s in inner:
        if s.start < outer.start or s.end > outer.end:
            ctx.report("SRC004", s, f"{name}: [{s.start}, {s.end}) lies outside its span [{outer.start}, {outer.end})")


def _paragraph_spans_fine(p: Paragraph) -> bool:
    """Whether the segments, points and footnote markers of ``p`` lie inside its span, segments and points in order."""
    low, high = p.span.start, p.span.end
    previous_end = 0
    for s in p.segments:
        if s.start < low or s.end > high or s.start < previous_end:
            return False
        previous_end = s.end
    previous_end = 0
    for pt in p.points:
        s = pt.span
        if s.start < low or s.end > high or s.start < previous_end:
            return False
        previous_end = s.end
    return all(low <= r.span.start and r.span.end <= high for r in p.footnote_refs)


def _check_paragraph(ctx: Context, p: Paragraph) -> None:
    """SRC004 for a paragraph's segments, points and footnote markers outside its span, segments or points out of order."""
    if _paragraph_spans_fine(p):
        return  # the usual case: nothing to name
    points = [pt.span for pt in p.points]
    name = f"paragraph {p.number or '(unnumbered)'}"
    _check_inside(ctx, p.span, p.segments, f"segment of {name}")
    _check_order(ctx, f"segments of {name}", p.segments, lambda: ["segment"] * len(p.segments))
    _check_inside(ctx, p.span, points + [r.span for r in p.footnote_refs], f"point or marker of {name}")
    _check_order(ctx, f"points of {name}", points, lambda: [f"point {pt.label}" for pt in p.points])


def check_spans(ctx: Context) -> None:
    doc = ctx.doc
    if ctx.has_text:
        n = len(ctx.text)
        for s, template, value in _all_spans(ctx):
            if s.end > n or s.start > s.end:
                name = template.format(value)
                ctx.report("SRC004", Span(start=min(s.start, n), end=min(max(s.start, s.end), n)),
                           f"{name}: span [{s.start}, {s.end}) is out of bounds (the source has {n} characters)" if s.end > n
                           else f"{name}: span [{s.start}, {s.end}) ends before it starts")
    containers: list[tuple[str, list[Paragraph]]] = [("cover note", doc.cover_note.paragraphs)]
    containers += [(a.label, a.paragraphs) for a in doc.annexes]
    for what, paragraphs in containers:
        _check_order(ctx, f"paragraphs of the {what}", [p.span for p in paragraphs],
                     lambda: [f"paragraph {p.number}" for p in paragraphs])
        for p in paragraphs:
            _check_paragraph(ctx, p)
    annexes: list[Annex] = doc.annexes
    _check_order(ctx, "annexes", [a.span for a in annexes], lambda: [a.label for a in annexes])
    # Footnote *texts* are ordered and disjoint.  Whole spans may interleave in flattened extractions, where
    # the numbers run together before the texts ("1 2 PB C 177E ... . Advies ..."): each span then starts at
    # its number, inside the run.
    texts = [Span(start=(f.segments or [f.span])[0].start, end=(f.segments or [f.span])[-1].end) for f in doc.footnotes]
    _check_order(ctx, "footnote texts", texts, lambda: [f"footnote {f.number}" for f in doc.footnotes])
    for f in doc.footnotes:
        _check_inside(ctx, f.span, f.segments, f"segment of footnote {f.number}")
    _check_order(ctx, "pages", [p.span for p in doc.pages], lambda: [f"page {p.number}" for p in doc.pages])


def check(ctx: Context) -> None:
    check_unplaced(ctx)
    check_spans(ctx)
    if ctx.has_text:
        check_fidelity(ctx)
        check_coverage(ctx)
