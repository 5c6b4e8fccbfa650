"""Akoma Ntoso 3.0 export: the document model → XML valid against the OASIS schema, and its validation.

Takes a :class:`~eu_clasi_corpus.model.Document`; gives UTF-8 XML bytes
(:func:`to_akn`), deterministic (the same document gives the same bytes: no
clock, no random ids), written by this module itself (a light tree of
:class:`Element`, escaped and indented as lxml would write it; reading and
validating use lxml).  :func:`validate_akn` checks XML against the official
schema shipped in ``schemas/`` (OASIS Standard of 29 August 2018, loaded once,
lazily, from local files only).  The mapping and the URI scheme are described in
``docs/akn.md``; the reader is :mod:`eu_clasi_corpus.export.akn_read`.

In short: the note is ``<doc name="iaItemNote">`` (the camel-cased doc type);
the header fields are ``<p class="...">`` lines of the ``preface``; the cover
note is the ``mainBody``; each annex is an ``<attachment>`` holding a
``<statement name="annex">`` whose leading recitals are ``preamble/recitals``
and whose other paragraphs are ``mainBody/paragraph``; footnotes are
``<authorialNote marker="n" placement="bottom">`` where the marker sat;
annotations are inline elements (``date``, ``ref``, ``abbr``, ``organization``,
``location``: :mod:`eu_clasi_corpus.export.akn_inline`) at their place in the
text, with ``TLCOrganization`` / ``TLCLocation`` entries in ``meta/references``.  What
AKN has no place for (source spans, kinds' rules, pages, furniture,
diagnostics) is kept in attributes and elements of this project's namespace
(:data:`ECC_NS`), which the schema allows (``anyAttribute namespace="##other"``
on content elements, any content in ``meta/proprietary``), so that the reader
can rebuild the document.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .. import identifiers, languages
from ..anchors import Holders, header_fields, text_nodes
from ..annotate.placement import content_holders
from ..model import Annex, Document, Footnote, HeaderField, Paragraph, Span
from .akn_inline import Mark, Ontology, is_full_date, mark_of, nest

if TYPE_CHECKING:
    from lxml import etree

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
ECC_NS = "urn:eu-clasi-corpus:akn:1.0"

CONSIL_HREF = "http://publications.europa.eu/resource/authority/corporate-body/CONSIL"
PARSER_HREF = "/ontology/organization/eu-clasi-corpus"
UNKNOWN_DATE = "2999-01-01"  # AKN4EU's placeholder for a date nobody knows
CENTURY_PIVOT = 50  # two-digit years up to this are 20yy, above it 19yy (Council numbers since the 1950s)

# Header fields: model name → (class of the preface line, AKN inline element, its @name for <inline>).
HEADER_MAP: dict[str, tuple[str, str, str | None]] = {
    "doc_type_label": ("docTypeLabel", "docType", None),
    "institution": ("institution", "docAuthority", None),
    "place": ("place", "inline", "place"),
    "date": ("date", "docDate", None),
    "original_language": ("originalLanguage", "inline", "originalLanguage"),
    "number": ("number", "docNumber", None),
    "marking": ("marking", "docStatus", None),
    "sender": ("sender", "docProponent", None),
    "recipient": ("recipient", "inline", "recipient"),
    "subject": ("subject", "docTitle", None),
    "interinstitutional_file": ("interinstitutionalFile", "docketNumber", None),
    "previous_documents": ("previousDocument", "ref", None),
    "codes": ("code", "inline", "code"),
    "other_fields": ("otherField", "inline", "otherField"),
}

_XML_UNSAFE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_EID_UNSAFE = re.compile(r"[^0-9A-Za-z.-]+")


def akn(tag: str) -> str:
    return f"{{{AKN_NS}}}{tag}"


def ecc(name: str) -> str:
    return f"{{{ECC_NS}}}{name}"


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold (C0 controls, lone surrogates) as U+FFFD."""
    if text.isprintable():  # no control character, no surrogate: the common case, without a regex pass
        return text
    return _XML_UNSAFE.sub("\ufffd", text)


def span_value(span: Span) -> str:
    return f"{span.start}-{span.end}"


def spans_value(spans: list[Span]) -> str:
    return " ".join([f"{s.start}-{s.end}" for s in spans])


def camel(snake: str) -> str:
    head, *rest = snake.split("_")
    return head + "".join(w[:1].upper() + w[1:] for w in rest)


# --- identifiers ---------------------------------------------------------------------------------------------


def full_year(year: int) -> int:
    if year >= 100:
        return year
    return 2000 + year if year <= CENTURY_PIVOT else 1900 + year


def council_work_number(number: identifiers.CouncilDocNumber) -> str:
    """``12517/2/23 REV 2`` → ``st-12517-2023`` (what stays the same across revisions)."""
    series = (number.series or "ST").lower()
    return f"{series}-{number.number}-{full_year(number.year)}"


def council_version(number: identifiers.CouncilDocNumber) -> str:
    """``12517/2/23 REV 2`` → ``rev-2``; ``6390/17 ADD 1 REV 1`` → ``add-1-rev-1``; INIT or none → ``""``."""
    parts = []
    for kind, n in number.suffixes:
        if kind == "INIT":
            continue
        parts.append(kind.lower() + (f"-{n}" if n is not None else ""))
    return "-".join(parts)


def council_href(number: identifiers.CouncilDocNumber, lang3: str) -> str:
    """Link to another Council document: its work, or its expression in this language when it is a revision.

    The date component is left out because it is not printed where such numbers are cited (docs/akn.md).
    """
    work = f"/akn/eu/doc/consil/{council_work_number(number)}"
    version = council_version(number)
    return f"{work}/{lang3}@{version}" if version else work


def language_code3(code: str) -> str:
    try:
        return languages.get(code).code3
    except KeyError:
        return "und"


def document_date(doc: Document) -> tuple[str, str]:
    """(ISO date, FRBRdate name): the printed date, else the signature stamp's date, else a placeholder."""
    if doc.header.date is not None and is_full_date(doc.header.date.value):
        return doc.header.date.value, "document"
    if doc.signature is not None and is_full_date(doc.signature.timestamp[:10]):
        return doc.signature.timestamp[:10], "signatureTimestamp"
    return UNKNOWN_DATE, "unknown"


class Uris:
    """The FRBR URIs of a document (scheme in docs/akn.md); ``doc_number`` parses Council numbers."""

    def __init__(self, doc: Document, doc_number=identifiers.full_doc_number) -> None:
        self.name = camel(doc.doc_type)
        self.lang3 = language_code3(doc.language)
        self.date, self.date_name = document_date(doc)
        own = doc_number(doc.header.number.text) if doc.header.number is not None else None
        if own is not None:
            self.number = council_work_number(own)
            version = council_version(own)
        else:
            self.number = f"src-{doc.source.sha256[:12]}"
            version = ""
        self.work = f"/akn/eu/doc/{self.name}/consil/{self.date}/{self.number}"
        self.expression = f"{self.work}/{self.lang3}@{version}"
        self.manifestation = f"{self.expression}.akn"


# --- the output tree and how it is written ---------------------------------------------------------------------
#
# The writer builds a light tree of :class:`Element` and writes it out in one pass (:func:`write_indented`).
# It used to build an lxml tree and serialize it with ``etree.tostring``; the bytes are the same (the escaping
# below is libxml2's, checked for every character in tests/test_akn.py), but most of the time went into lxml
# itself: each attribute set on an lxml element is parsed, encoded to UTF-8 and validated one by one (about a
# microsecond each, and a note has over a thousand attributes).  Names are written as they appear in the
# output: AKN elements in the default namespace, this project's as ``ecc:name``; the root declares both
# namespaces.  Attribute values and text are escaped once, when they are put in an element; an element that
# is complete when made (most of ``meta``) is written at once (:func:`leaf`), and so is the content of a text
# element, its notes and inline elements included (``_Writer.fill``), unless an internal reference in it still
# waits for its href.


# What libxml2 escapes when it writes UTF-8: in text &, <, > and CR; in a (double-quoted) attribute value
# also the quote, tab and LF, which a parser would otherwise read as spaces.
_ESCAPED = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}
_TEXT_SPECIAL = re.compile("[&<>\r]")
_ATTRIBUTE_SPECIAL = re.compile('[&<>"\t\n\r]')


def _escaped(match: re.Match[str]) -> str:
    return _ESCAPED[match[0]]


def is_plain_text(text: str) -> bool:
    """Whether ``text`` is written in element content as it is: printable (so no control character, CR
    included, and no lone surrogate) and no markup character.  ``in`` tests are much cheaper than a regex scan."""
    return text.isprintable() and "&" not in text and "<" not in text and ">" not in text


def escape_text(text: str) -> str:
    """``text`` as written in element content: made XML-safe (:func:`xml_safe`), markup characters escaped."""
    if is_plain_text(text):  # the common case
        return text
    return _TEXT_SPECIAL.sub(_escaped, xml_safe(text))


def append_text(el: Element, text: str) -> None:
    """Put ``text`` (escaped) at the end of ``el``'s content: the tail of its last child, else its text."""
    if el.children:
        last = el.children[-1]
        last.tail = (last.tail or "") + text  # type: ignore[union-attr]
    else:
        el.text = (el.text or "") + text


def escape_attribute(value: str) -> str:
    """``value`` as written between double quotes: made XML-safe (:func:`xml_safe`), markup and whitespace
    characters other than the space escaped."""
    if value.isprintable() and "&" not in value and "<" not in value and ">" not in value and '"' not in value:
        return value  # the common case, as in escape_text (printable: no tab, LF or CR either)
    return _ATTRIBUTE_SPECIAL.sub(_escaped, xml_safe(value))


class Memo(dict):
    """``memo[key]``: ``make(key)``, made once for each key: for one document's values that repeat (a value
    escaped by :func:`escape_text` or :func:`escape_attribute`, the attributes of an inline element)."""

    def __init__(self, make: Callable) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key):
        self[key] = made = self.make(key)
        return made


class Element:
    """An element of the output, as written: its name, its attributes (`` name="value"`` each, escaped, in
    writing order), its text and its tail (the text after it, up to the next sibling; both escaped, None when
    there is none), and its children (elements, or leaves already written: see :func:`leaf`)."""

    __slots__ = ("tag", "attributes", "text", "children", "tail")

    def __init__(self, tag: str, attributes: str = "", text: str | None = None) -> None:
        self.tag = tag
        self.attributes = attributes
        self.text = text
        self.children: list[Element | str] = []
        self.tail: str | None = None

    def add_attribute(self, name: str, value: str) -> None:
        """Add an attribute after those the element has (``name`` as written)."""
        self.attributes += f' {name}="{escape_attribute(value)}"'


class _AttributeNames(dict):
    """``names[key]``: the attribute name a keyword argument stands for (``ecc_x`` → ``ecc:x``, ``class_`` →
    ``class``, a keyword of Python: cheaper than ``**{"class": ...}``, which makes the call merge dicts), each
    key worked out once; a subscript, cheaper than a call (written_attributes looks up every attribute)."""

    def __missing__(self, key: str) -> str:
        self[key] = name = f"ecc:{key[4:]}" if key.startswith("ecc_") else key.removesuffix("_")
        return name


_ATTRIBUTE_NAMES = _AttributeNames()


def written_attributes(attrs: Iterable[tuple[str, str | None]], akn_names: bool = True) -> str:
    """``attrs`` (``(key, value)`` pairs, as a dict's items) as written in a start tag, in the order given, those
    whose value is None left out; keys are attribute names, ``ecc_x`` standing for ``ecc:x`` and ``class_`` for
    ``class`` when ``akn_names`` (elements of this project's namespace have their attributes in no namespace)."""
    written = ""
    for key, value in attrs:
        if value is not None:
            if type(value) is not str:
                value = str(value)
            # escape_attribute's own first test, here without the call (most values need no escaping)
            if not (value.isprintable() and "&" not in value and "<" not in value and ">" not in value and '"' not in value):
                value = escape_attribute(value)
            written += f' {_ATTRIBUTE_NAMES[key] if akn_names else key}="{value}"'
    return written


def child(parent: Element, tag: str, text: str | None = None, **attrs: str | None) -> Element:
    """A new AKN element, the last child of ``parent``, with ``text`` (not escaped yet) and ``attrs`` (see
    :func:`written_attributes`)."""
    el = Element(tag, written_attributes(attrs.items()), None if text is None else escape_text(text))
    parent.children.append(el)
    return el


def eid_child(parent: Element, tag: str, eid: str) -> Element:
    """As :func:`child`, for an AKN element whose only attribute is its eId, which needs no escaping: eIds are
    made of ``[0-9A-Za-z._-]`` (each part from the document is cleaned with ``_EID_UNSAFE`` before it is given to
    ``_Writer.eid``): the most common element (``p`` of a paragraph)."""
    el = Element(tag, f' eId="{eid}"')
    parent.children.append(el)
    return el


def ecc_child(parent: Element, tag: str, text: str | None = None, **attrs: str | None) -> Element:
    """A new element of this project's namespace (for ``meta/proprietary``), the last child of ``parent``;
    its text and attributes (no namespace) as for :func:`child`."""
    attributes = written_attributes(attrs.items(), akn_names=False)
    el = Element(f"ecc:{tag}", attributes, None if text is None else escape_text(text))
    parent.children.append(el)
    return el


def written_leaf(tag: str, attributes: str, text: str | None) -> str:
    """An element without children, as written (``text`` and ``attributes`` already escaped)."""
    return f"<{tag}{attributes}/>" if text is None else f"<{tag}{attributes}>{text}</{tag}>"


def leaf(parent: Element, tag: str, text: str | None = None, **attrs: str | None) -> None:
    """As :func:`child`, for an element that is complete when made (no children, nothing changed later):
    written at once, the last child of ``parent``, which must be an element whose content is indented
    (a leaf has no tail).  Most elements of ``meta`` are leaves: no Element for them, nothing left to do
    when the tree is written."""
    attributes = written_attributes(attrs.items())
    parent.children.append(written_leaf(tag, attributes, None if text is None else escape_text(text)))


def ecc_leaf(parent: Element, tag: str, text: str | None = None, **attrs: str | None) -> None:
    """As :func:`ecc_child`, for a leaf (see :func:`leaf`)."""
    attributes = written_attributes(attrs.items(), akn_names=False)
    parent.children.append(written_leaf(f"ecc:{tag}", attributes, None if text is None else escape_text(text)))


@cache
def written_entry(tag: str, attrs: tuple[tuple[str, str], ...]) -> str:
    """A TLC entry of ``meta/references`` as :func:`leaf` writes it: written once (entries recur from document to
    document, see ``akn_inline.organisation_entry``)."""
    return written_leaf(tag, written_attributes(attrs), None)


# Elements whose content is text (mixed content): indentation never goes inside them.
TEXT_ELEMENTS = frozenset({"p", "num", "heading"}) | {
    f"ecc:{n}" for n in ("signature", "item", "text", "annotation", "diagnostic")
}


def write_verbatim(el: Element, out: list[str]) -> None:
    """Append ``el`` and its content, tails included, to ``out`` as they are (not its own tail: the caller's).

    ``<x/>`` when it has neither text nor children; an empty text gives ``<x></x>``, as lxml writes it.  (No
    leaf in here: leaves only go where content is indented.)
    """
    if el.text is None and not el.children:
        out.append(f"<{el.tag}{el.attributes}/>")
        return
    out.append(f"<{el.tag}{el.attributes}>")
    if el.text:
        out.append(el.text)
    for c in el.children:
        write_verbatim(c, out)
        if c.tail:
            out.append(c.tail)
    out.append(f"</{el.tag}>")


def write_indented(el: Element, level: int, out: list[str]) -> None:
    """Append ``el`` and its content to ``out`` indented for readers, two spaces a level: in an element that
    has children and is not a text element, each child on a line of its own (what text and tails the
    element had there are replaced by the indentation); text elements, and what they hold, as they are.
    Not its own tail: the caller writes the indentation that follows it."""
    if el.tag in TEXT_ELEMENTS or not el.children:
        write_verbatim(el, out)
        return
    inner = "\n" + "  " * (level + 1)
    out.append(f"<{el.tag}{el.attributes}>")
    for c in el.children:
        out.append(inner)
        if type(c) is str:  # a leaf, written when it was made
            out.append(c)
        elif c.tag in TEXT_ELEMENTS or not c.children:  # as the call would (one call less)
            write_verbatim(c, out)
        else:
            write_indented(c, level + 1, out)
    out.append(f"\n{'  ' * level}</{el.tag}>")


# --- the writer --------------------------------------------------------------------------------------------


Notes = list[tuple[int, Footnote]]
Pieces = list[tuple[str, int, str]]


class _Writer:
    """Writes one document, from the root down: each method gets the element its output goes into.

    eIds are handed out in writing order (:meth:`eid`), so the order of the calls is part of the output.
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        # Council numbers parsed once each: the URIs, the header line and an annotation read the same number
        self.doc_number = cache(identifiers.full_doc_number)
        self.uris = Uris(doc, self.doc_number)
        self.eids: set[str] = set()
        self.eid_suffixes: dict[str, int] = {}  # candidate → the last suffix given to it (see eid)
        self.notes: dict[int, Notes] = {}
        self.unanchored: list[Footnote] = []
        holders = Holders(text_nodes(doc))
        for f in doc.footnotes:
            holder = holders.holder(f.anchor) if f.anchor is not None else None
            if holder is None or f.anchor_offset is None:
                self.unanchored.append(f)
            else:
                self.notes.setdefault(id(holder), []).append((f.anchor_offset, f))
        # a paragraph's pieces are needed to nest its marks and to write it: cut once (by id of the paragraph)
        self.pieces_of: dict[int, tuple[Pieces, bool]] = {}
        # annotations as inline elements (export/akn_inline.py): marks per holder, internal references'
        # targets resolved to eIds once everything is written
        self.ontology = Ontology(doc.language)
        # each distinct set of marks' attributes written once: the same organisation, country, acronym recur
        self.mark_attributes = Memo(written_attributes)
        self.escaped_attribute = Memo(escape_attribute)  # values that recur (kinds, rules), escaped once each
        self.has_internal_references = False  # whether a mark is one (set by plan_marks): see fill
        self.marks: dict[int, list[Mark]] = self.plan_marks()
        self.targets: dict[int, str] = {}
        for scope, paragraphs in [("cover", doc.cover_note.paragraphs)] + [
            (str(k), a.paragraphs) for k, a in enumerate(doc.annexes)
        ]:
            for p in paragraphs:
                if p.number is not None:
                    self.targets[id(p)] = f"paragraph:{scope}:{p.number}"
        self.target_eids: dict[str, str] = {}
        self.pending: list[tuple[Element, str]] = []

    def plan_marks(self) -> dict[int, list[Mark]]:
        """The inline marks of each text node (by ``id``), nested, in writing order (docs/akn.md); notes
        whether one of them is an internal reference (``has_internal_references``)."""
        doc = self.doc
        holder_of = content_holders(doc).holder
        # a header value element that already says what the whole value is (a ref, a docNumber, a docDate)
        redundant = {id(f): "council_document" for f in [*doc.header.previous_documents, doc.header.number] if f}
        if doc.header.date is not None:
            redundant[id(doc.header.date)] = "date"
        candidates: dict[int, tuple[object, list[Mark]]] = {}
        lang3 = self.uris.lang3

        def link(number: identifiers.CouncilDocNumber) -> str:
            return council_href(number, lang3)

        for a in doc.annotations:
            start, end = a.text_start, a.text_end  # where the mark goes, if it has one (see mark_of)
            if start is None or end is None:
                continue
            node = holder_of(a.span)
            if node is None or node.text[start:end] != a.text:
                continue
            if start == 0 and end == len(node.text) and redundant.get(id(node)) == a.type:
                continue
            mark = mark_of(a, link, self.doc_number)
            if mark is None:
                continue
            held = candidates.get(id(node))
            if held is None:
                held = candidates[id(node)] = (node, [])
            held[1].append(mark)
        out: dict[int, list[Mark]] = {}
        for key, (node, marks) in candidates.items():
            if isinstance(node, Paragraph):
                pieces, exact = self.paragraph_pieces(node)
                bounds = [(start, start + len(t)) for role, start, t in pieces if role != "num"] if exact else []
            else:
                bounds = [(0, len(node.text))]  # type: ignore[attr-defined]
            kept = nest(marks, bounds)
            for mark in kept:
                if mark.refers is not None:  # bind's own test, without a call for the other marks
                    self.ontology.bind(mark)
                if mark.target is not None:
                    self.has_internal_references = True
            if kept:
                out[key] = kept
        return out

    # ids -------------------------------------------------------------------------------------------------
    def eid(self, candidate: str) -> str:
        """``candidate``, made unique in the whole output (``_2``, ``_3`` ... appended: the first free one).

        The search for a suffix starts after the last one given to the same candidate (those before it are
        all taken, and ids are never given back), so many equal candidates (bullets) stay linear.
        """
        if candidate not in self.eids:
            self.eids.add(candidate)
            return candidate
        k = self.eid_suffixes.get(candidate, 1)
        while True:
            k += 1
            eid = f"{candidate}_{k}"
            if eid not in self.eids:
                break
        self.eid_suffixes[candidate] = k
        self.eids.add(eid)
        return eid

    @staticmethod
    def join(prefix: str, name: str) -> str:
        return f"{prefix}__{name}" if prefix else name

    # text with notes ---------------------------------------------------------------------------------------
    def note(self, f: Footnote, prefix: str) -> Element:
        """The ``authorialNote`` of ``f`` (the caller puts it in its place)."""
        eid = self.eid(self.join(prefix, f"authorialNote_{_EID_UNSAFE.sub('-', f.number)}"))
        self.target_eids.setdefault(f"footnote:{f.number}", eid)
        note = Element(
            "authorialNote",
            written_attributes((
                ("marker", f.number),
                ("placement", "bottom"),
                ("eId", eid),
                ("ecc_span", span_value(f.span)),
                ("ecc_segments", spans_value(f.segments)),
                ("ecc_anchor", span_value(f.anchor) if f.anchor is not None else None),
                ("ecc_page", str(f.page)),
            )),
        )
        body = eid_child(note, "p", self.eid(f"{eid}__p_1"))
        self.fill(body, f.text, [], eid, self.marks.get(id(f), []))
        return note

    def fill(
        self, el: Element, text: str, notes: Notes, prefix: str, marks: Sequence[Mark] = (), base: int = 0
    ) -> None:
        """Write ``text`` into ``el`` (which must be empty) with an authorialNote at each note's offset and an
        inline element around each mark (marks nested, in writing order, see ``akn_inline.nest``).  Offsets
        are ``base`` more than offsets into ``text``: a paragraph's pieces are written with the paragraph's
        notes and marks as they are, ``base`` being where the piece starts in the paragraph's text.

        At one offset, marks that end there close first, then notes are written, then marks that start there
        open: a note at the edge of an annotation stays outside its element, one inside it goes in.

        The content, notes and marks' elements included, is written at once as the text of ``el`` (its content
        is never indented, see :data:`TEXT_ELEMENTS`), ``text`` checked for characters to escape once, not
        chunk by chunk.  In a document with an internal reference (which gets its href only once everything is
        written) the marks and notes are elements of the tree (:meth:`fill_elements`) in any text that holds such a
        reference or a note: a note's own text may hold one, and a note written out at once could not get it.
        """
        if notes:
            notes = sorted(notes, key=lambda n: (n[0], n[1].span.start))
        if self.has_internal_references and (notes or any(m.target is not None for m in marks)):
            self.fill_elements(el, text, notes, prefix, marks, base)
            return
        plain = is_plain_text(text)
        out: list[str] = []
        open_: list[tuple[str, int]] = []  # the tags of the marks still open, innermost last, with their end
        pos = ni = 0
        note_count = len(notes)
        for mark in marks:
            start = mark.start - base
            while open_ and open_[-1][1] <= start:  # the marks that end at or before its start close
                tag, close = open_.pop()
                if ni < note_count:  # first the notes inside the closing mark
                    pos, ni = self.write_notes(out, text, plain, notes, ni, close, pos, prefix, base)
                out.append(text[pos:close] if plain else escape_text(text[pos:close]))
                out.append(f"</{tag}>")
                pos = close
            if ni < note_count:  # the notes before it, or where it starts
                pos, ni = self.write_notes(out, text, plain, notes, ni, start + 1, pos, prefix, base)
            out.append(text[pos:start] if plain else escape_text(text[pos:start]))
            out.append(f"<{mark.tag}{self.mark_attributes[mark.attrs]}>")
            pos = start
            open_.append((mark.tag, mark.end - base))
        while open_:
            tag, close = open_.pop()
            if ni < note_count:
                pos, ni = self.write_notes(out, text, plain, notes, ni, close, pos, prefix, base)
            out.append(text[pos:close] if plain else escape_text(text[pos:close]))
            out.append(f"</{tag}>")
            pos = close
        if ni < note_count:
            pos, ni = self.write_notes(out, text, plain, notes, ni, None, pos, prefix, base)
        out.append(text[pos:] if plain else escape_text(text[pos:]))
        content = "".join(out)
        if content:
            el.text = content

    def write_notes(
        self, out: list[str], text: str, plain: bool, notes: Notes, ni: int, limit: int | None, pos: int,
        prefix: str, base: int,
    ) -> tuple[int, int]:
        """For :meth:`fill`: append to ``out`` the notes from ``notes[ni]`` on whose offset is below ``limit``
        (None: all), each at its offset but not before ``pos`` nor after the end of ``text``, after the text
        before it (``plain``: ``text`` needs no escaping); gives the new ``pos`` and ``ni``."""
        end = len(text)
        while ni < len(notes) and (limit is None or notes[ni][0] - base < limit):
            offset, f = notes[ni]
            at = max(pos, min(offset - base, end))
            out.append(text[pos:at] if plain else escape_text(text[pos:at]))
            write_verbatim(self.note(f, prefix), out)
            pos = at
            ni += 1
        return pos, ni

    def fill_elements(
        self, el: Element, text: str, notes: Notes, prefix: str, marks: Sequence[Mark], base: int
    ) -> None:
        """:meth:`fill` where an internal reference may be written (``notes`` sorted): notes and marks as
        elements of the tree, the text between them escaped chunk by chunk."""
        end, note_count, mark_count = len(text), len(notes), len(marks)
        holder = el  # where text goes: the innermost inline element still open, else el
        open_: list[tuple[Element, int]] = []  # the inline elements still open, innermost last, with their end
        pos = ni = mi = 0
        while True:
            close_at = open_[-1][1] if open_ else end
            note_at = max(pos, min(notes[ni][0] - base, end)) if ni < note_count else end
            open_at = marks[mi].start - base if mi < mark_count else end
            at = min(close_at, note_at, open_at)
            chunk = text[pos:at]
            if chunk:
                append_text(holder, escape_text(chunk))
            pos = at
            if open_ and close_at == at:
                open_.pop()
                holder = open_[-1][0] if open_ else el
            elif ni < note_count and note_at == at:
                holder.children.append(self.note(notes[ni][1], prefix))
                ni += 1
            elif mi < mark_count and open_at == at:
                mark = marks[mi]
                mi += 1
                holder = self.open_mark(holder, mark)
                open_.append((holder, mark.end - base))
            else:
                break

    def open_mark(self, holder: Element, mark: Mark) -> Element:
        """The inline element of ``mark``, the last child of ``holder`` (an internal reference gets its href
        once everything is written: :meth:`resolve_references`)."""
        el = Element(mark.tag, self.mark_attributes[mark.attrs])
        holder.children.append(el)
        if mark.target is not None:
            self.pending.append((el, mark.target))
        return el

    # header ---------------------------------------------------------------------------------------------------
    def preface(self, parent: Element) -> None:
        """The header fields as ``preface`` lines, in source order, the last child of ``parent``; no preface
        when the header has no field."""
        h = self.doc.header
        keyed: list[tuple[str, HeaderField]] = []
        for key in HEADER_MAP:
            value = getattr(h, key)
            for f in value if isinstance(value, list) else [value] if value is not None else []:
                keyed.append((key, f))
        if not keyed:
            return
        order = {id(f): i for i, f in enumerate(header_fields(self.doc))}
        keyed.sort(key=lambda kf: order[id(kf[1])])
        preface = child(parent, "preface")
        for key, f in keyed:
            cls, tag, inline_name = HEADER_MAP[key]
            line = child(preface, "p", class_=cls)
            holder_attrs: dict[str, str | None] = {
                "ecc_span": span_value(f.span),
                "ecc_segments": spans_value(f.segments),
                "ecc_value": f.value,
            }
            if tag == "inline":
                holder_attrs["name"] = inline_name
            if tag == "docDate":
                if is_full_date(f.value):
                    holder_attrs["date"] = f.value
                else:
                    tag, holder_attrs["name"] = "inline", "date"
            number = self.doc_number(f.text) if tag in ("ref", "docNumber") else None
            if tag == "ref":
                if number is None:
                    tag, holder_attrs["name"] = "inline", cls
                else:
                    holder_attrs["href"] = council_href(number, self.uris.lang3)
            if f.label is not None:
                label = child(line, "span", text=f.label, class_="label",
                              ecc_span=span_value(f.label_span) if f.label_span else None)
                label.tail = ": "
            holder = Element(tag, written_attributes(holder_attrs.items()))  # as child, without unpacking the dict
            line.children.append(holder)
            if tag == "docNumber" and number is not None:
                holder = child(holder, "ref", href=self.uris.work)  # the number refers to the document's own work
            self.fill(holder, f.text, self.notes.get(id(f), []), "", self.marks.get(id(f), []))

    # paragraphs ---------------------------------------------------------------------------------------------
    def paragraph_pieces(self, p: Paragraph) -> tuple[Pieces, bool]:
        """:meth:`pieces` of ``p``, cut once per writer (marks are nested with them, then the text is written)."""
        key = id(p)
        if key not in self.pieces_of:
            self.pieces_of[key] = self.pieces(p)
        return self.pieces_of[key]

    @staticmethod
    def pieces(p: Paragraph) -> tuple[Pieces, bool]:
        """The paragraph's text cut at its points: ``(role, start in p.text, text)`` pieces in order, and
        whether the pieces joined by single spaces give ``p.text`` back.

        Roles: ``intro`` (before the first point), ``num`` (a point's marker as printed), ``point``,
        ``tail`` (after the last point).  Text between two points stays with the point before it.
        """
        text = p.text
        if not p.points:
            return [("intro", 0, text)], True
        out: list[tuple[str, int, str]] = []
        pos = 0
        for pt in p.points:
            idx = text.find(pt.text, pos) if pt.text else -1
            if idx < 0:  # not where expected: keep the point's own text (the join will not be exact)
                out += [("num", pos, pt.label), ("point", pos, pt.text)]
                continue
            gap = text[pos:idx].rstrip()
            marker = gap.split()[-1] if gap.split() else ""
            marker_start = pos + len(gap) - len(marker) if marker else idx
            before = text[pos:marker_start]
            if before.strip():
                if out and out[-1][0] == "point":
                    _, start, _ = out.pop()
                    out.append(("point", start, text[start:marker_start].rstrip()))
                else:
                    out.append(("intro", pos + len(before) - len(before.lstrip()), before.strip()))
            out += [("num", marker_start, marker or pt.label), ("point", idx, pt.text)]
            pos = idx + len(pt.text)
        rest = text[pos:]
        if rest.strip():
            out.append(("tail", pos + len(rest) - len(rest.lstrip()), rest.strip()))
        return out, " ".join(t for _, _, t in out if t) == text


    @staticmethod
    def notes_by_home(pieces: Pieces, notes: Notes) -> dict[int, Notes]:
        """The notes of a paragraph by the start of the piece each goes in (see :meth:`blocks`)."""
        homes = [(start, len(t)) for role, start, t in pieces if role != "num"]
        home_starts = [start for start, _ in homes]  # pieces are in text order: binary search, not a scan

        def home_of(offset: int) -> int:
            """Start of the piece a note at ``offset`` goes in: the one whose text it ends or is inside."""
            if homes and offset == 0 == homes[0][0]:
                return 0
            i = bisect.bisect_left(home_starts, offset) - 1  # the last piece starting before the offset
            if i >= 0 and offset <= homes[i][0] + homes[i][1]:
                return homes[i][0]
            j = bisect.bisect_right(home_starts, offset) - 1
            return homes[j][0] if j >= 0 else homes[0][0]

        out: dict[int, Notes] = {}
        for offset, f in notes:
            out.setdefault(home_of(offset), []).append((offset, f))
        return out

    def blocks(self, parent: Element, p: Paragraph, eid: str) -> bool:
        """Write the blocks of a paragraph or recital into ``parent`` (a ``<p>``, and a ``blockList`` of its
        points); whether their texts give the paragraph's text back (see :meth:`pieces`)."""
        pieces, exact = self.paragraph_pieces(p)
        notes = self.notes.get(id(p))
        marks = self.marks.get(id(p))
        if len(pieces) == 1:  # no points (most paragraphs): one piece, which gets every note and every mark (they
            # were nested inside it), as the loop below would give them, without its lookups
            self.fill(eid_child(parent, "p", self.eid(self.join(eid, "p_1"))), p.text, notes or [], eid, marks or ())
            return exact
        notes_by_home = self.notes_by_home(pieces, notes) if notes else {}
        marks_by_piece: dict[int, list[Mark]] = {}
        piece_starts = [start for _, start, _ in pieces]
        for m in marks or ():
            k = bisect.bisect_right(piece_starts, m.start) - 1
            if k >= 0 and m.end <= pieces[k][1] + len(pieces[k][2]):
                marks_by_piece.setdefault(k, []).append(m)
        written = 0  # blocks written: each <p>, and the blockList once
        block_list: Element | None = None
        list_eid = ""
        items = 0
        points = iter(p.points)
        num_text: str | None = None
        for k, (role, start, t) in enumerate(pieces):
            mine = notes_by_home.get(start, [])
            my_marks = marks_by_piece.get(k, [])
            if role == "num":
                num_text = t
            elif role == "point":
                pt = next(points)
                if block_list is None:
                    list_eid = self.eid(self.join(eid, "list_1"))
                    block_list = eid_child(parent, "blockList", list_eid)
                    written += 1
                label = _EID_UNSAFE.sub("", pt.label) or str(items + 1)  # bullets: by position
                item_eid = self.eid(self.join(list_eid, f"item_{label}"))
                item = child(
                    block_list,
                    "item",
                    eId=item_eid,
                    ecc_label=pt.label,
                    ecc_style=pt.style,
                    ecc_span=span_value(pt.span),
                    ecc_segments=spans_value(pt.segments),
                    ecc_markerSpan=span_value(pt.marker_span),
                    ecc_text=pt.text if t != pt.text else None,
                )
                items += 1
                leaf(item, "num", text=num_text if num_text is not None else pt.label)
                body = eid_child(item, "p", self.eid(self.join(item_eid, "p_1")))
                self.fill(body, t, mine, item_eid, my_marks, start)
                num_text = None
            else:
                written += 1
                block = eid_child(parent, "p", self.eid(self.join(eid, f"p_{written}")))
                self.fill(block, t, mine, eid, my_marks, start)
        return exact

    def paragraph(self, parent: Element, p: Paragraph, tag: str, prefix: str, abbrev: str, ordinal: int) -> None:
        """``p`` as a ``paragraph`` (its blocks in ``content``) or a ``recital``, the last child of ``parent``."""
        label = _EID_UNSAFE.sub("-", p.number) if p.number else str(ordinal)
        eid = self.eid(self.join(prefix, f"{abbrev}_{label}"))
        if id(p) in self.targets:
            self.target_eids.setdefault(self.targets[id(p)], eid)
        # written here, not by child (the most common element with many attributes: its keyword arguments and
        # their loop cost more than the rest of this method); eIds, spans and pages need no escaping
        attribute = self.escaped_attribute
        written = f' eId="{eid}" class="{attribute[p.kind]}"'
        if p.kind_rule is not None:
            written += f' ecc:kindRule="{attribute[p.kind_rule]}"'
        written += f' ecc:span="{span_value(p.span)}" ecc:segments="{spans_value(p.segments)}"'
        if p.marker_span is not None:
            written += f' ecc:markerSpan="{span_value(p.marker_span)}"'
        if p.footnote_refs:
            refs = " ".join([f"{r.number}:{span_value(r.span)}" for r in p.footnote_refs])
            written += f' ecc:footnoteRefs="{escape_attribute(refs)}"'
        el = Element(tag, f'{written} ecc:page="{p.page}"')
        parent.children.append(el)
        if p.number is not None:
            el.children.append(f"<num>{escape_text(p.number)}</num>")  # as leaf writes it
        exact = self.blocks(el if tag == "recital" else child(el, "content"), p, eid)
        if not exact:
            el.add_attribute("ecc:text", p.text)  # after the others: the attribute order is part of the output

    def body(self, parent: Element, paragraphs: list[Paragraph], prefix: str) -> None:
        body = child(parent, "mainBody")
        for i, p in enumerate(paragraphs, start=1):
            self.paragraph(body, p, "paragraph", prefix, "para", i)
        if not paragraphs:
            leaf(body, "p", class_="empty")  # mainBody may not be empty

    # annexes ---------------------------------------------------------------------------------------------------
    def attachment(self, parent: Element, annex: Annex, index: int) -> None:
        att = self.eid(f"att_{index}")
        el = child(parent, "attachment", eId=att, ecc_span=span_value(annex.span), ecc_number=annex.number)
        leaf(el, "heading", text=annex.label, ecc_span=span_value(annex.label_span))
        statement = child(el, "statement", name="annex")
        self.meta(statement, component=f"!{att}")
        if annex.title is not None:
            t = annex.title
            line = child(child(child(statement, "preface"), "longTitle"), "p")
            title = child(line, "docTitle", ecc_span=span_value(t.span), ecc_segments=spans_value(t.segments), ecc_value=t.value)
            self.fill(title, t.text, self.notes.get(id(t), []), att, self.marks.get(id(t), []))
        paragraphs = annex.paragraphs
        lead = 0
        while lead < len(paragraphs) and paragraphs[lead].kind == "recital":
            lead += 1
        if lead == len(paragraphs):
            lead = 0  # only recitals: a statement needs a body, so they stay in it (docs/akn.md)
        if lead:
            recitals_eid = self.eid(self.join(att, "recs"))
            recitals = child(child(statement, "preamble"), "recitals", eId=recitals_eid)
            for i, p in enumerate(paragraphs[:lead], start=1):
                self.paragraph(recitals, p, "recital", recitals_eid, "rec", i)
        self.body(statement, paragraphs[lead:], att)

    # metadata ----------------------------------------------------------------------------------------------------
    def meta(self, parent: Element, component: str | None = None) -> None:
        """The ``meta`` of the document (``component`` None) or of an annex, the last child of ``parent``."""
        u = self.uris
        suffix = f"/{component}" if component else "/!main"
        meta = child(parent, "meta")
        identification = child(meta, "identification", source="#parser")
        work_leaves, expression_leaves, manifestation_leaves = self.shared_identification
        work = child(identification, "FRBRWork")
        leaf(work, "FRBRthis", value=u.work + suffix)
        work.children += work_leaves
        expression = child(identification, "FRBRExpression")
        leaf(expression, "FRBRthis", value=u.expression + suffix)
        expression.children += expression_leaves
        manifestation = child(identification, "FRBRManifestation")
        leaf(manifestation, "FRBRthis", value=u.expression + suffix + ".xml")
        manifestation.children += manifestation_leaves
        if component is None:
            self.references(meta)
            if self.unanchored:
                notes = child(meta, "notes", source="#parser")
                for f in self.unanchored:
                    note = self.note(f, "")
                    note.tag = "note"
                    note.add_attribute("class", "footnote")
                    notes.children.append(note)
            self.proprietary(meta)

    @cached_property
    def shared_identification(self) -> tuple[list[str], list[str], list[str]]:
        """The leaves of ``FRBRWork``, ``FRBRExpression`` and ``FRBRManifestation`` after ``FRBRthis``: the same
        in the document's meta and in each annex's, written once."""
        u, doc = self.uris, self.doc
        work = Element("FRBRWork")
        leaf(work, "FRBRuri", value=u.work)
        if doc.header.number is not None:
            leaf(work, "FRBRalias", name="councilDocNumber", value=doc.header.number.text)
        leaf(work, "FRBRdate", date=u.date, name=u.date_name)
        leaf(work, "FRBRauthor", href="#consil")
        leaf(work, "FRBRcountry", value="eu")
        leaf(work, "FRBRsubtype", value=u.name)
        leaf(work, "FRBRnumber", value=u.number)
        if doc.header.doc_type_label is not None:
            leaf(work, "FRBRname", value=doc.header.doc_type_label.text)
        expression = Element("FRBRExpression")
        leaf(expression, "FRBRuri", value=u.expression)
        leaf(expression, "FRBRdate", date=u.date, name=u.date_name)
        leaf(expression, "FRBRauthor", href="#consil")
        leaf(expression, "FRBRlanguage", language=u.lang3)
        manifestation = Element("FRBRManifestation")
        leaf(manifestation, "FRBRuri", value=u.manifestation)
        leaf(manifestation, "FRBRdate", date=u.date, name=u.date_name)
        leaf(manifestation, "FRBRauthor", href="#parser")
        leaf(manifestation, "FRBRformat", value="application/akn+xml")
        return work.children, expression.children, manifestation.children  # type: ignore[return-value]

    def references(self, parent: Element) -> None:
        doc = self.doc
        if doc.header.institution is not None:
            council = doc.header.institution.text
        else:
            try:
                council = (languages.get(doc.language).words("institution") or ["Council of the European Union"])[0]
            except KeyError:
                council = "Council of the European Union"
        references = child(parent, "references", source="#parser")
        leaf(references, "TLCOrganization", eId="consil", href=CONSIL_HREF, showAs=council)
        leaf(references, "TLCOrganization", eId="parser", href=PARSER_HREF, showAs="eu-clasi-corpus parser")
        references.children += [written_entry(tag, attrs) for tag, attrs in self.ontology.entries()]

    def proprietary(self, parent: Element) -> None:
        doc = self.doc
        s = doc.source
        prop = child(parent, "proprietary", source="#parser")
        ecc_leaf(prop, "document", schemaVersion=doc.schema_version, language=doc.language, docType=doc.doc_type)
        ecc_leaf(prop, "source", name=s.name, sha256=s.sha256, length=str(s.length), encoding=s.encoding, newline=s.newline)
        pages = ecc_child(prop, "pages")
        for page in doc.pages:
            ecc_leaf(pages, "page", number=str(page.number), span=span_value(page.span))
        if doc.signature is not None:
            ecc_leaf(prop, "signature", doc.signature.text, timestamp=doc.signature.timestamp, span=span_value(doc.signature.span))
        furniture = ecc_child(prop, "furniture")
        for f in doc.furniture:
            ecc_leaf(furniture, "item", f.text, kind=f.kind, span=span_value(f.span))
        hyphenation = ecc_child(prop, "hyphenation")
        for h in doc.hyphenation:
            ecc_leaf(hyphenation, "decision", span=span_value(h.span), word=h.word, decision=h.decision, rule=h.rule)
        unplaced = ecc_child(prop, "unplaced")
        for u in doc.unplaced:
            ecc_leaf(unplaced, "text", u.text, span=span_value(u.span))
        annotations = ecc_child(prop, "annotations")
        # the longest list of the document: attributes written field by field, as ecc_leaf would write them
        # (None left out), without its loop over keyword arguments.  Types and rules are few, each is escaped once;
        # values and texts mostly differ, each is tested as escape_attribute / escape_text would (a memo's misses
        # would cost more)
        attribute = Memo(escape_attribute)
        append = annotations.children.append
        for a in doc.annotations:
            fields = vars(a)  # read in the instance's dict: pydantic's attribute access is slower
            value, target, rule = fields["value"], fields["target"], fields["rule"]
            text_start, text_end, span = fields["text_start"], fields["text_end"], vars(fields["span"])
            text = fields["text"]
            if not (text.isprintable() and "&" not in text and "<" not in text and ">" not in text):
                text = escape_text(text)
            written = f' type="{attribute[fields["type"]]}" span="{span["start"]}-{span["end"]}"'
            if value is not None:
                if not (value.isprintable() and "&" not in value and "<" not in value and ">" not in value
                        and '"' not in value):
                    value = escape_attribute(value)
                written += f' value="{value}"'
            if target is not None:
                written += f' target="{escape_attribute(target)}"'
            if rule is not None:
                written += f' rule="{attribute[rule]}"'
            if text_start is not None:
                written += f' textStart="{text_start}"'
            if text_end is not None:
                written += f' textEnd="{text_end}"'
            append(f"<ecc:annotation{written}>{text}</ecc:annotation>")
        diagnostics = ecc_child(prop, "diagnostics")
        for d in doc.diagnostics:
            ecc_leaf(diagnostics, "diagnostic", d.message, code=d.code, severity=d.severity, line=str(d.line),
                     column=str(d.column), span=span_value(d.span), hint=d.hint)

    def build(self) -> Element:
        doc = self.doc
        root = Element("akomaNtoso", f' xmlns="{AKN_NS}" xmlns:ecc="{ECC_NS}"')  # the only namespace declarations
        main = child(root, "doc", name=self.uris.name)
        self.meta(main)
        self.preface(main)
        self.body(main, doc.cover_note.paragraphs, "")
        if doc.annexes:
            attachments = child(main, "attachments")
            for i, annex in enumerate(doc.annexes, start=1):
                self.attachment(attachments, annex, i)
        self.resolve_references()
        return root

    def resolve_references(self) -> None:
        """Internal references get the eId of what they target; one whose target was not written becomes
        ``<inline name="internalReference">`` (``ref`` needs an ``href``)."""
        for el, target in self.pending:
            eid = self.target_eids.get(target)
            if eid is not None:
                el.add_attribute("href", f"#{eid}")
            else:
                el.tag = "inline"
                el.add_attribute("name", "internalReference")


def to_akn(doc: Document) -> bytes:
    """Akoma Ntoso 3.0 XML of ``doc`` (UTF-8, with declaration); the same document gives the same bytes."""
    out = ["<?xml version='1.0' encoding='UTF-8'?>\n"]
    write_indented(_Writer(doc).build(), 0, out)
    out.append("\n")
    return "".join(out).encode("utf-8")


# --- reading safely and validating ---------------------------------------------------------------------------


# lxml is imported by the functions below only: writing needs none of it (``parse --format akn`` and ``build``
# do without its ~40 ms import).


def safe_parser() -> etree.XMLParser:
    """A parser that never resolves entities, never loads a DTD and never touches the network."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def schema_dir() -> Path:
    return Path(str(resources.files(__package__).joinpath("schemas")))


@cache
def schema() -> etree.XMLSchema:
    """The Akoma Ntoso 3.0 schema (loaded once, from local files)."""
    from lxml import etree

    class LocalOnly(etree.Resolver):
        """Resolves schema imports to files of ``schemas/`` only; anything else resolves to nothing."""

        def resolve(self, system_url, public_id, context):  # noqa: D401 - lxml's interface
            name = (system_url or "").rsplit("/", 1)[-1]
            local = schema_dir() / name
            if name and local.is_file():
                return self.resolve_filename(str(local), context)
            return self.resolve_empty(context)

    parser = safe_parser()
    parser.resolvers.add(LocalOnly())
    path = schema_dir() / "akomantoso30.xsd"
    return etree.XMLSchema(etree.parse(str(path), parser))


def validate_akn(xml: bytes) -> list[str]:
    """Errors of ``xml`` against the Akoma Ntoso 3.0 schema, plus eIds used twice; empty when valid.

    Each error is one line: ``line N: message``.
    """
    from lxml import etree

    try:
        tree = etree.fromstring(xml, safe_parser())
    except etree.XMLSyntaxError as exc:
        return [f"line {exc.lineno}: not well-formed XML: {exc.msg}"]
    xsd = schema()
    errors = [
        f"line {ent.sourceline}: entity reference {ent.text} left unexpanded (entities are never resolved)"
        for ent in tree.iter(etree.Entity)
    ]
    try:
        valid = xsd.validate(tree)
    except etree.XMLSchemaValidateError as exc:  # libxml2 gives up on some trees (unexpanded entities)
        return errors + [f"line 1: schema validation failed: {exc}"]
    if not valid:
        errors.extend(f"line {e.line}: {e.message}" for e in xsd.error_log)
    # every eId in document order, as lxml's "smart" strings, which know their element (getparent): a pass in
    # libxml2 instead of a Python loop over every node, and line numbers looked up for the duplicates only
    seen: dict[str, etree._ElementUnicodeResult] = {}
    for eid in tree.xpath("//@eId"):
        first = seen.setdefault(eid, eid)
        if first is not eid:
            errors.append(f"line {eid.getparent().sourceline}: eId {str(eid)!r} already used on line "
                          f"{first.getparent().sourceline}")
    return errors
