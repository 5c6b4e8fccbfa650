"""Annotations as Akoma Ntoso inline elements: which element, with which attributes, nested how.

Takes the annotations of a :class:`~eu_clasi_corpus.model.Document` that have a
place in their node's text (``Annotation.text_start`` / ``text_end``, see
:mod:`eu_clasi_corpus.annotate.placement`); gives :class:`Mark` objects (an
element to wrap around ``text[start:end]`` of one node), :func:`nest`, which
keeps the marks that nest properly, and :class:`Ontology`, the
``TLCOrganization`` / ``TLCLocation`` entries the marks refer to.  The writer
(:mod:`eu_clasi_corpus.export.akn`) puts the marks into the text; the
annotations themselves stay complete in ``meta/proprietary``, so the reader
ignores the inline elements.  The choices are described in ``docs/akn.md``.

=====================  =====================================================================================
``date``               ``<date date="YYYY-MM-DD">`` for a full date; a month or a year (``2023-09``), which the
                       schema's ``@date`` (``xsd:date``) cannot hold, is ``<inline name="date" ecc:value="2023-09">``
``council_document``   ``<ref href="…">``: Council numbers as the header's references, ``COM(2023) 123`` as
                       ``/akn/eu/doc/comm/com-123-2023``, OJ issues as ``/akn/eu/officialGazette/…``,
                       procedures as ``/akn/eu/procedure/2023-0123-cod``
``acronym``            ``<abbr title="long form">``
``organisation``       ``<organization refersTo="#org-…">`` (the Council: ``#consil``)
``country``            ``<location refersTo="#country-xx">``
``internal_reference`` ``<ref href="#eId">`` of the paragraph or note it targets (resolved by the writer)
footnote markers       nothing: the note itself is the ``authorialNote``
=====================  =====================================================================================
"""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass
from functools import cache

from .. import identifiers
from ..annotate.data import load
from ..model import Annotation

_EID_UNSAFE = re.compile(r"[^0-9A-Za-z.-]+")
_COMMISSION = re.compile(r"(?P<series>[A-Z]+)\((?P<year>\d{4})\) (?P<number>\d+)")
_OJ = re.compile(r"OJ (?P<series>[A-Z]+) (?P<number>[0-9A-Z]+)(?:, (?P<date>\d{4}-\d{2}-\d{2}))?")
_PROCEDURE = re.compile(r"(?P<year>\d{4})/(?P<seq>\d+) \((?P<proc>[A-Z]+)\)")

COUNCIL_ORGANISATION = "Council"  # the gazetteer id that is the document's own author, TLC #consil
ORGANISATION_HREF = "/ontology/organization/eu/{slug}"
COUNTRY_HREF = "https://www.iso.org/obp/ui/#iso:code:3166:{code}"

# Outer to inner when two annotations cover the same characters: a reference or a date is the outermost
# statement about a stretch of text, an organisation or place what it names, an abbreviation how it is written.
RANK = {"council_document": 0, "internal_reference": 0, "date": 1, "organisation": 2, "country": 3, "acronym": 4}


@dataclass(slots=True)
class Mark:
    """An inline element around ``[start, end)`` of a node's text; its attributes are ``(key, value)`` pairs
    in writing order (keys as for ``akn.child``), a tuple (hashable) so that the writer can write each distinct
    set of attributes once."""

    start: int
    end: int
    rank: int
    tag: str
    attrs: tuple[tuple[str, str], ...] = ()
    target: str | None = None  # an internal reference's target, for the writer to resolve to an eId
    refers: tuple[str, str] | None = None  # ("organisation" | "country", value): bound by Ontology.bind


def slug(value: str) -> str:
    return _EID_UNSAFE.sub("-", value.lower()).strip("-") or "x"


def document_href(a: Annotation, council_href, doc_number=identifiers.full_doc_number) -> str | None:
    """The ``ref/@href`` of a ``council_document`` annotation (by its rule), or None when its value is not
    one this module can read.  ``council_href(number)`` gives the link to a Council document, ``doc_number``
    reads one (``identifiers.full_doc_number``, or the writer's, which parses each text once)."""
    value = a.value or ""
    if a.rule == "commission-document":
        m = _COMMISSION.match(value)
        return f"/akn/eu/doc/comm/{m['series'].lower()}-{int(m['number'])}-{m['year']}" if m else None
    if a.rule == "official-journal":
        m = _OJ.match(value)
        if m is None:
            return None
        issue = f"oj-{m['series'].lower()}-{m['number'].lower()}"
        return f"/akn/eu/officialGazette/{m['date']}/{issue}" if m["date"] else f"/akn/eu/officialGazette/{issue}"
    if a.rule == "interinstitutional-file":
        m = _PROCEDURE.match(value)
        return f"/akn/eu/procedure/{m['year']}-{m['seq']}-{m['proc'].lower()}" if m else None
    number = doc_number(value)
    return council_href(number) if number is not None else None


def is_full_date(value: str | None) -> bool:
    if not value or len(value) != 10:
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


@cache
def gazetteer_names() -> dict[str, list[dict]]:
    """The names of each organisation of the gazetteer by its id, in the gazetteer's order (indexed once: the
    gazetteer is loaded once and never changed)."""
    names_by_id: dict[str, list[dict]] = {}
    for entry in load("organisations")["entries"]:
        names_by_id.setdefault(entry["id"], []).append(entry["names"])
    return names_by_id


class Ontology:
    """The TLC entries the marks refer to, named on first use (eIds and hrefs in docs/akn.md)."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.organisations: dict[str, str] = {}  # gazetteer id -> eId
        self.countries: dict[str, str] = {}  # ISO 3166-1 alpha-2 -> eId

    def organisation(self, gazetteer_id: str) -> str:
        if gazetteer_id == COUNCIL_ORGANISATION:
            return "consil"  # the TLCOrganization every export has
        if gazetteer_id not in self.organisations:
            taken = set(self.organisations.values())
            eid, k = f"org-{slug(gazetteer_id)}", 1
            while eid in taken:
                k += 1
                eid = f"org-{slug(gazetteer_id)}-{k}"
            self.organisations[gazetteer_id] = eid
        return self.organisations[gazetteer_id]

    def country(self, code: str) -> str:
        return self.countries.setdefault(code, f"country-{slug(code)}")

    def bind(self, mark: Mark) -> None:
        """Set the mark's ``refersTo`` to its TLC entry, naming the entry on first use."""
        if mark.refers is not None:
            kind, value = mark.refers
            eid = self.organisation(value) if kind == "organisation" else self.country(value)
            attrs = mark.attrs
            if any(key == "refersTo" for key, _ in attrs):  # bound before: set again, not added twice
                attrs = tuple(kv for kv in attrs if kv[0] != "refersTo")
            mark.attrs = attrs + (("refersTo", "#" + eid),)

    def entries(self) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
        """``(tag, attributes)`` of each TLC entry (attributes as ``(key, value)`` pairs), organisations then
        locations, each sorted by eId."""
        out = [organisation_entry(gid, eid, self.language)
               for gid, eid in sorted(self.organisations.items(), key=lambda kv: kv[1])]
        out += [country_entry(code, eid, self.language)
                for code, eid in sorted(self.countries.items(), key=lambda kv: kv[1])]
        return out


def organisation_name(gazetteer_id: str, language: str) -> str:
    for names in gazetteer_names().get(gazetteer_id, []):  # the gazetteer's entries with that id, in its order
        for key in (language, "*", "en"):
            if names.get(key):
                return names[key][0]
    return gazetteer_id


# The entry of one organisation or country under one eId in one language is made once: the same ones recur from
# document to document; the gazetteer and the country names are loaded once and never changed.


@cache
def organisation_entry(gazetteer_id: str, eid: str, language: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    href = ORGANISATION_HREF.format(slug=slug(gazetteer_id))
    return "TLCOrganization", (("eId", eid), ("href", href), ("showAs", organisation_name(gazetteer_id, language)))


@cache
def country_entry(code: str, eid: str, language: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    data = load("countries")
    names = (data.get(language) or data.get("en") or {}).get(code)
    href = COUNTRY_HREF.format(code=code)
    return "TLCLocation", (("eId", eid), ("href", href), ("showAs", names[0] if names else code))


def mark_of(a: Annotation, council_href, doc_number=identifiers.full_doc_number) -> Mark | None:
    """The mark of a placed annotation, or None when it has no inline element (module docstring).

    ``council_href(number)`` gives the link to a Council document, ``doc_number`` reads one (see
    :func:`document_href`); organisations and countries get their ``refersTo`` from :meth:`Ontology.bind` once
    the marks are nested.  The most common types are tested first.
    """
    kind = a.type
    rank = RANK.get(kind)
    start, end = a.text_start, a.text_end
    if rank is None or start is None or end is None:
        return None
    if kind == "organisation" or kind == "country":
        value = a.value
        if not value:
            return None
        # positional: a keyword argument makes the call cost about twice as much, and these are most marks
        return Mark(start, end, rank, "organization" if kind == "organisation" else "location", (), None, (kind, value))
    if kind == "acronym":
        return Mark(start, end, rank, "abbr", (("title", a.value),) if a.value else ())
    if kind == "date":
        if is_full_date(a.value):
            return Mark(start, end, rank, "date", (("date", a.value or ""),))
        return Mark(start, end, rank, "inline", (("name", "date"), ("ecc_value", a.value or "")))
    if kind == "council_document":
        href = document_href(a, council_href, doc_number)
        return Mark(start, end, rank, "ref", (("href", href),)) if href else None
    if kind == "internal_reference" and a.target:
        return Mark(start, end, rank, "ref", target=a.target)
    return None


def writing_order(m: Mark) -> tuple[int, int, int]:
    """Sort key of marks in writing order: by start, the longer first, then by :data:`RANK` (outer first)."""
    return (m.start, -m.end, m.rank)


def nest(marks: list[Mark], bounds: list[tuple[int, int]]) -> list[Mark]:
    """The marks that nest properly, in writing order (start, longer first, then rank).

    A mark must lie inside one of ``bounds`` (the stretches of text written into one element).  Taken in
    writing order, a mark that crosses the end of a mark already taken (it starts inside and ends outside)
    is dropped: the annotation stays only in ``meta/proprietary``.  Same span: both are kept, nested by
    :data:`RANK`; two marks of the same rank on the same span: the first in the annotation order is kept.
    """
    spans = sorted(bounds)
    starts = [lo for lo, _ in spans]
    ordered = []
    for m in marks:  # those not empty and inside a bound; bounds do not overlap: the last one starting at or before m
        if m.start < m.end:
            i = bisect.bisect_right(starts, m.start) - 1
            if i >= 0 and m.end <= spans[i][1]:
                ordered.append(m)
    ordered.sort(key=writing_order)
    out: list[Mark] = []
    open_: list[Mark] = []
    for m in ordered:
        while open_ and open_[-1].end <= m.start:
            open_.pop()
        if open_:
            top = open_[-1]
            if m.end > top.end:
                continue  # crosses
            if top.start == m.start and top.end == m.end and top.rank == m.rank:
                continue  # the same element twice
        out.append(m)
        open_.append(m)
    return out
