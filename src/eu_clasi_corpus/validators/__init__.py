"""Validators: checks on a parsed document, reported like a linter.

Takes a :class:`~eu_clasi_corpus.model.Document` and the source text it was
parsed from; gives a list of :class:`~eu_clasi_corpus.model.Diagnostic`: the
parser's own findings (``doc.diagnostics``) plus the validators', without
duplicates (same code at the same span), sorted by position then code.

One module per family of codes (all codes: :mod:`eu_clasi_corpus.diagnostics`):

================  ================================================================
``numbering``     NUM: paragraphs and points run 1, 2, 3 ... per container
``footnotes``     FN: definitions 1..n, one marker each, before it on its page
``references``    REF: Council document numbers, internal references, dates
``source``        SRC: spans slice to texts, every character accounted for
``header``        HDR: fields the document type requires
================  ================================================================

Pass the source text.  ``Document`` does not hold it, and without it the
checks that read the text (SRC002, SRC003, the text scans of REF) are skipped
and positions are offsets only (line 1, column = offset + 1); an SRC005 note
says so.  The text must be the one the document was parsed from (same length,
and same SHA-256 when it was read as UTF-8), otherwise :class:`ValueError`.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Diagnostic, Document
from ..source import SourceText, recent
from . import footnotes, header, numbering, references, source
from .context import Context

# The validators, in the order they run (the output is sorted anyway).
CHECKS: list[Callable[[Context], None]] = [
    source.check,
    header.check,
    numbering.check,
    footnotes.check,
    references.check,
]


def validate(doc: Document, source_text: str | SourceText | None = None) -> list[Diagnostic]:
    """All diagnostics for ``doc`` (see the module docstring)."""
    src = _source(doc, source_text)
    ctx = Context(doc=doc, source=src)
    if src is None:
        ctx.report("SRC005", (0, 0), "validated without the source text: text checks skipped, positions are offsets",
                   hint="pass the text: validate(doc, text)")
    for run in CHECKS:
        run(ctx)
    return merge(doc.diagnostics, ctx.found)


def merge(*groups: list[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics of all ``groups`` without repeats (same code and span: the first wins), by position then code."""
    seen: set[tuple[str, int, int]] = set()
    out: list[Diagnostic] = []
    for group in groups:
        for d in group:
            key = (d.code, d.span.start, d.span.end)
            if key not in seen:
                seen.add(key)
                out.append(d)
    out.sort(key=lambda d: (d.span.start, d.code, d.span.end))
    return out


def _source(doc: Document, text: str | SourceText | None) -> SourceText | None:
    if text is None:
        return None
    if isinstance(text, SourceText):
        src = text
    else:
        cached = recent(text)
        src = cached if cached is not None and cached.name == doc.source.name else SourceText(text, name=doc.source.name)
    if len(src.text) != doc.source.length:
        raise ValueError(
            f"the text has {len(src.text)} characters but {doc.source.name} was parsed from {doc.source.length}: not its source"
        )
    if doc.source.encoding == "utf-8" and src.sha256 != doc.source.sha256:
        raise ValueError(f"the text is not the source {doc.source.name} was parsed from (SHA-256 differs)")
    return src


__all__ = ["CHECKS", "merge", "validate"]
