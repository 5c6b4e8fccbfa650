"""Test helpers that walk the model: every span of a document, and the coverage of the source."""

from __future__ import annotations

from eu_clasi_corpus.model import Document, Span


def content_nodes(doc: Document):
    """(name, node) for every node that owns source text."""
    h = doc.header
    for name in ("doc_type_label", "sender", "recipient", "subject", "institution", "place", "date",
                 "original_language", "number", "interinstitutional_file", "marking"):
        f = getattr(h, name)
        if f is not None:
            yield name, f
    for f in [*h.previous_documents, *h.codes, *h.other_fields]:
        yield "header", f
    for p in doc.paragraphs():
        yield "paragraph", p
    for a in doc.annexes:
        if a.title:
            yield "annex_title", a.title
    for f in doc.footnotes:
        yield "footnote", f


def uncovered(doc: Document, text: str) -> list[int]:
    """Offsets of non-blank characters that no node, furniture or unplaced record claims.

    Uses the validators' coverage check (SRC003), which claims node *segments* (not whole spans, which may
    reach over a footnote zone), labels, markers, footnote numbers, furniture, the signature and unplaced
    text, so that the tests and ``eu-clasi validate`` share one definition of coverage.
    """
    from eu_clasi_corpus.validators import validate

    out: list[int] = []
    for d in validate(doc, text):
        if d.code == "SRC003":
            out.extend(i for i in range(d.span.start, d.span.end) if not text[i].isspace())
    return out
