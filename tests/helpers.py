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


def claimed_spans(doc: Document) -> list[Span]:
    spans: list[Span] = []
    for _, node in content_nodes(doc):
        spans.append(node.span)
        if getattr(node, "label_span", None) is not None:
            spans.append(node.label_span)
    for a in doc.annexes:
        spans.append(a.label_span)
    spans += [f.span for f in doc.furniture] + [u.span for u in doc.unplaced]
    if doc.signature:
        spans.append(doc.signature.span)
    return spans


def uncovered(doc: Document, text: str) -> list[int]:
    """Offsets of non-blank characters claimed by no node, furniture or unplaced record."""
    covered = bytearray(len(text))
    for s in claimed_spans(doc):
        covered[s.start : s.end] = b"\x01" * (s.end - s.start)
    return [i for i, ch in enumerate(text) if not covered[i] and not ch.isspace() and ch != "\ufeff"]
