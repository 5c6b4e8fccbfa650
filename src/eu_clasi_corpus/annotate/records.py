"""Annotations while they are being found: plain dicts of the :class:`~eu_clasi_corpus.model.Annotation` fields.

Annotators build records (``{"type": ..., "text": ..., "span": {"start": ..., "end": ...}, "value": ...,
"rule": ...}``, plus ``target`` where they set one), which cost next to nothing; :func:`to_annotations` turns a
whole list into model objects with two validation calls (the spans, then the annotations: pydantic-core does a
list faster than an ``Annotation(...)`` and a ``Span(...)`` per annotation), so
:func:`~eu_clasi_corpus.annotate.annotate` makes each annotation once, after duplicates are dropped.  The keys
are the keyword arguments the annotator would have given ``Annotation``: the models come out the same, field
for field.
"""

from __future__ import annotations

from pydantic import TypeAdapter

from ..model import Annotation, Span

Record = dict  # the keyword arguments of one Annotation, its span as {"start": ..., "end": ...}

_ANNOTATIONS = TypeAdapter(list[Annotation])
_SPANS = TypeAdapter(list[Span])


def to_annotations(records: list[Record]) -> list[Annotation]:
    """The annotations of ``records``, in their order.

    The spans are validated first, all at once, and put in the records in place of their dicts (the records are
    spent): pydantic-core then takes each ready ``Span`` as it is, which is faster than a nested dict.
    """
    for r, span in zip(records, _SPANS.validate_python([r["span"] for r in records])):
        r["span"] = span
    return _ANNOTATIONS.validate_python(records)


def record_key(r: Record) -> tuple:
    """The order of annotations (:func:`eu_clasi_corpus.annotate.sort_key`), read off a record."""
    span = r["span"]
    return (span["start"], span["end"], r["type"], r.get("value") or "", r.get("target") or "", r.get("rule") or "")
