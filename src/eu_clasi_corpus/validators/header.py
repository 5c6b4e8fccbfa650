"""HDR: the header has the fields its document type requires, and no label without a value.

Takes a :class:`~eu_clasi_corpus.validators.context.Context`; gives HDR
diagnostics: HDR001 for each required field that is missing (at the document
type label, which is what demands it), HDR002 when the document type was not
recognised, HDR003 for a labelled field with no value.

The requirements are data (:data:`REQUIRED_FIELDS`, document type → header
slots), language-independent because the slots are.  Evidence: the I/A item
note's four fields are seen in the seed and in English I/A item notes (S); the
other types follow the same memo layout (``van/aan/Betreft``, ``From/To/
Subject``) in the reference material but are less certain (U), so they
require only what every such memo prints.
"""

from __future__ import annotations

from ..model import Span
from .context import Context

# Document type (Document.doc_type) -> header slots (Header field names) that must be present.
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "ia_item_note": ("doc_type_label", "sender", "recipient", "subject"),  # S
    "i_item_note": ("doc_type_label", "sender", "recipient", "subject"),  # U
    "a_item_note": ("doc_type_label", "sender", "recipient", "subject"),  # U
    "note": ("doc_type_label", "subject"),  # U: information notes do not always print a recipient
    "cover_note": ("doc_type_label", "sender", "recipient", "subject"),  # U
    "outcome_of_proceedings": ("doc_type_label", "subject"),  # U
}

_FIELD_NAMES = {
    "doc_type_label": "document type title",
    "sender": "sender (van / From)",
    "recipient": "recipient (aan / To)",
    "subject": "subject (Betreft / Subject)",
    "previous_documents": "previous documents",
}


def check(ctx: Context) -> None:
    doc = ctx.doc
    h = doc.header
    if doc.doc_type == "unknown":
        if doc.source.length > 0 and not any(d.code == "LAY004" for d in doc.diagnostics):
            ctx.report("HDR002", (0, 0), "no document-type title (NOTA I/A-PUNT, NOTE, ...) was recognised",
                       hint="the type decides which header fields are required; add the title to the language table if it is new")
    at = h.doc_type_label.span if h.doc_type_label is not None else Span(start=0, end=0)
    for name in REQUIRED_FIELDS.get(doc.doc_type, ()):
        value = getattr(h, name)
        if value is None or (isinstance(value, list) and not value):
            ctx.report("HDR001", at, f"a {doc.doc_type} requires a {_FIELD_NAMES.get(name, name)} in its header; none was found")
    for name, field in ctx.header_fields():
        if field.label is not None and not field.text.strip():
            ctx.report("HDR003", field.label_span or field.span, f"header label {field.label!r} has no value")
