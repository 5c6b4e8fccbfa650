"""A readable outline of a parsed document (``eu-clasi parse --format text``, ``eu-clasi show``).

Takes a :class:`~eu_clasi_corpus.model.Document`; gives plain text, one node a
line with its span, numbers and kinds, then the diagnostics.
"""

from __future__ import annotations

from ..model import Document, HeaderField


def _short(text: str, width: int = 72) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def _span(node) -> str:
    return f"[{node.span.start}:{node.span.end}]"


def outline(doc: Document) -> str:
    out: list[str] = [f"{doc.source.name}  ({doc.language}, {doc.doc_type}, {len(doc.pages)} page(s))"]
    h = doc.header
    out.append("header")
    for name in ("institution", "place", "date", "original_language", "number", "marking", "doc_type_label", "sender", "recipient", "subject", "interinstitutional_file"):
        f: HeaderField | None = getattr(h, name)
        if f is not None:
            value = f" = {f.value}" if f.value and f.value != f.text else ""
            out.append(f"  {name:<18} {_short(f.text)}{value} {_span(f)}")
    for f in h.previous_documents:
        out.append(f"  {'previous_document':<18} {f.text} {_span(f)}")
    for f in h.codes:
        out.append(f"  {'code':<18} {f.text} {_span(f)}")
    for f in h.other_fields:
        out.append(f"  {(f.label or '?'):<18} {_short(f.text)} {_span(f)}")

    def paragraphs(paras, indent="  "):
        for p in paras:
            num = f"{p.number}." if p.number else "-"
            refs = f" fn{','.join(r.number for r in p.footnote_refs)}" if p.footnote_refs else ""
            out.append(f"{indent}{num:<4} {p.kind:<10} p{p.page} {_short(p.text, 60)}{refs} {_span(p)}")
            for pt in p.points:
                out.append(f"{indent}     {pt.label}) {_short(pt.text, 56)} {_span(pt)}")

    out.append(f"cover note: {len(doc.cover_note.paragraphs)} paragraph(s)")
    paragraphs(doc.cover_note.paragraphs)
    for a in doc.annexes:
        out.append(f"annex {a.label}: {_short(a.title.text) if a.title else '(no title)'} {_span(a)}")
        paragraphs(a.paragraphs)
    out.append(f"footnotes: {len(doc.footnotes)}")
    for f in doc.footnotes:
        anchor = f"anchor {f.anchor.start}" if f.anchor else "NO ANCHOR"
        out.append(f"  {f.number:<4} p{f.page} {_short(f.text, 56)} ({anchor}) {_span(f)}")
    if doc.signature:
        out.append(f"signature: {doc.signature.timestamp} {_span(doc.signature)}")
    if doc.diagnostics:
        out.append(f"diagnostics: {len(doc.diagnostics)}")
        for d in doc.diagnostics:
            out.append(f"  {d.line}:{d.column}: {d.severity} {d.code} {d.message}")
    return "\n".join(out) + "\n"
