"""Standoff annotations: what a note mentions, as spans into the source that never change it.

Takes a parsed :class:`~eu_clasi_corpus.model.Document`, its source text and its
language code; gives a list of :class:`~eu_clasi_corpus.model.Annotation` sorted
by ``(start, end, type)`` (then value, target), the same list for the same input.

Only content is read (header fields, cover and annex paragraphs, annex titles,
footnotes; never page furniture or the signature stamp): see :mod:`.view`.  One
module per annotation type:

=====================  ==================================================================
``date``               :mod:`.dates` (ISO value; month names from ``languages/*.json``)
``council_document``   :mod:`.documents` (Council numbers via ``identifiers``, COM, OJ, procedures)
``acronym``            :mod:`.acronyms` (definitions with their long form, later mentions)
``country``            :mod:`.countries` (ISO 3166-1 alpha-2; names in ``data/countries.json``)
``organisation``       :mod:`.organisations` (gazetteer ``data/organisations.json``)
``internal_reference`` :mod:`.references` (``punt 12``, ``zie voetnoot 2``; target scheme there)
``footnote_ref``       :mod:`.references` (the parser's footnote markers; target ``footnote:N``)
=====================  ==================================================================

Every annotation has ``rule``: which rule of its module made it.  For exporters,
:func:`annotations_within` gives the annotations inside one node's span, and
:mod:`.placement` (run by :func:`annotate` for the parser, which passes its
normaliser) sets each annotation's place in its node's normalised text
(``text_start`` / ``text_end``), where the Akoma Ntoso exporter writes its
inline element.
"""

from __future__ import annotations

import bisect

from ..model import Annotation, Document, Span
from ..textnorm import Normaliser
from . import acronyms, countries, dates, documents, names, organisations, references
from .placement import place_records
from .records import Record, record_key, to_annotations
from .view import ContentView

TYPES = ("date", "council_document", "acronym", "country", "organisation", "internal_reference", "footnote_ref")


def sort_key(a: Annotation) -> tuple:
    return (a.span.start, a.span.end, a.type, a.value or "", a.target or "", a.rule or "")


def annotate_view(view: ContentView, language: str, doc: Document | None = None) -> list[Annotation]:
    return to_annotations(_records(view, language, doc))


def _records(view: ContentView, language: str, doc: Document | None) -> list[Record]:
    """The records of the annotations of ``view``, one per sort key (the last found), in that order."""
    found: list[Record] = []
    layers = view.layer_views()
    gazetteers = (countries.matcher(language), organisations.matcher(language))
    for layer in layers:
        found += dates.records(layer, language)
        found += documents.records(layer, language, doc)
        in_countries, in_organisations = names.capitalised_places(layer.masked, gazetteers)  # one scan for both
        found += countries.records(layer, language, in_countries)
        found += organisations.records(layer, language, in_organisations)
        found += references.internal_reference_records(layer, language, doc)
    found += acronyms.records(layers, language)
    if doc is not None:
        found += references.footnote_ref_records(view, doc)
    # one annotation per sort key (the last found); the survivors are validated at once (see .records)
    unique = {record_key(r): r for r in found}
    return [unique[k] for k in sorted(unique)]


def annotate(doc: Document, text: str, language: str, normaliser: Normaliser | None = None,
             markers: list[Span] | None = None) -> list[Annotation]:
    """All annotations of a parsed document (``text`` is the source it was parsed from).

    Given the source's ``normaliser`` (and the footnote markers found, as :func:`.placement.place_annotations`
    takes them), each annotation is made with its ``text_start`` / ``text_end`` set as that function sets them.
    """
    records = _records(ContentView.of_document(doc, text), language, doc)
    if normaliser is not None:
        place_records(doc, normaliser, markers, records)
    return to_annotations(records)


def annotate_text(text: str, language: str) -> list[Annotation]:
    """Annotations of a plain text taken as one paragraph (no footnotes, no header): for sentences and tests."""
    return annotate_view(ContentView.of_text(text), language)


def annotations_within(annotations: list[Annotation], span: Span) -> list[Annotation]:
    """The annotations lying wholly inside ``span`` (``annotations`` sorted as :func:`annotate` gives them)."""
    starts = [a.span.start for a in annotations]
    i = bisect.bisect_left(starts, span.start)
    out = []
    while i < len(annotations) and annotations[i].span.start < span.end:
        if annotations[i].span.end <= span.end:
            out.append(annotations[i])
        i += 1
    return out
