"""FN: footnote definitions numbered 1..n, each with exactly one marker before it on its page, none empty.

Takes a :class:`~eu_clasi_corpus.validators.context.Context`; gives FN
diagnostics.  Markers are the paragraphs' ``footnote_refs`` plus each
footnote's ``anchor`` (an anchor can sit in a header field, which keeps no
refs of its own).  A definition is reported at its number, a marker at its
digits.
"""

from __future__ import annotations

from ..identifiers import number_value
from ..model import Span
from .context import Context
from .numbering import Numbered, check_sequence

_FN_CODES = {"start": "FN001", "gap": "FN001", "duplicate": "FN001", "back": "FN001"}


def _number_span(span: Span, number: str) -> Span:
    return Span(start=span.start, end=min(span.end, span.start + len(number)))


def check(ctx: Context) -> None:
    doc = ctx.doc
    items = [
        Numbered(f.number, number_value(f.number), _number_span(f.span, f.number))
        for f in doc.footnotes
    ]
    check_sequence(ctx, items, "footnote", _FN_CODES)

    anchors = {(f.anchor.start, f.anchor.end) for f in doc.footnotes if f.anchor is not None}
    defined = {f.number for f in doc.footnotes}
    for p in doc.paragraphs():
        for ref in p.footnote_refs:
            if (ref.span.start, ref.span.end) in anchors:
                continue
            if ref.number in defined:
                ctx.report("FN006", ref.span, f"a second marker for footnote {ref.number}",
                           hint="each footnote has exactly one marker; renumber the footnotes or remove the marker")
            else:
                ctx.report("FN003", ref.span, f"footnote marker {ref.number} has no footnote text with that number",
                           hint="the definition may have been lost at a page foot, or the digit is not a marker")

    for f in doc.footnotes:
        if not f.text.strip():
            ctx.report("FN005", _number_span(f.span, f.number), f"footnote {f.number} has no text")
        if f.anchor is None:
            ctx.report("FN002", _number_span(f.span, f.number), f"footnote {f.number} has no marker in the running text",
                       hint=f"expected the digit(s) {f.number} glued to a word before this footnote, on the same page")
            continue
        if f.anchor.start > f.span.start:
            ctx.report("FN004", f.anchor, f"the marker of footnote {f.number} comes after the footnote text")
            continue
        anchor_page, definition_page = ctx.page_of(f.anchor.start), ctx.page_of(f.span.start)
        if anchor_page is not None and anchor_page != definition_page:
            ctx.report("FN004", f.anchor, f"the marker of footnote {f.number} is on page {anchor_page}, its text on page {definition_page}",
                       hint="a footnote's text stands at the foot of the page that carries its marker")
