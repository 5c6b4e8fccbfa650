"""Akoma Ntoso 3.0 import: XML written by :mod:`eu_clasi_corpus.export.akn` → the document model.

Takes XML bytes (or text); gives a :class:`~eu_clasi_corpus.model.Document`
equal to the one that was exported (``from_akn(to_akn(doc)) == doc``, except
characters XML cannot hold, written as U+FFFD).  Texts come from the AKN
elements, footnote anchors from where the ``authorialNote`` sits, spans and the
parser's layers from this project's attributes and ``meta/proprietary``.

Reading never resolves entities, never loads a DTD and never touches the
network.  XML that is not such an export raises :class:`AknError`.
"""

from __future__ import annotations

from lxml import etree

from ..model import (
    Annex,
    Annotation,
    CoverNote,
    Diagnostic,
    Document,
    Footnote,
    FootnoteRef,
    Furniture,
    Header,
    HeaderField,
    HyphenationDecision,
    Page,
    Paragraph,
    Point,
    Signature,
    SourceInfo,
    Span,
    UnplacedText,
)
from .akn import AKN_NS, ECC_NS, HEADER_MAP, akn, ecc, safe_parser

FIELD_OF_CLASS = {cls: key for key, (cls, _, _) in HEADER_MAP.items()}
LIST_FIELDS = {"previous_documents", "codes", "other_fields"}


class AknError(ValueError):
    """The XML is not an Akoma Ntoso export of this project."""


def _span(value: str | None) -> Span | None:
    if not value:
        return None
    start, _, end = value.partition("-")
    return Span(start=int(start), end=int(end))


def _spans(value: str | None) -> list[Span]:
    return [_span(v) for v in (value or "").split()]  # type: ignore[misc]


def _int(value: str | None) -> int | None:
    return None if value is None else int(value)


def _required(el: etree._Element, name: str) -> str:
    value = el.get(name)
    if value is None:
        raise AknError(f"line {el.sourceline}: <{etree.QName(el).localname}> has no {name!r}")
    return value


Found = list[tuple[int, etree._Element]]


def text_and_notes(el: etree._Element) -> tuple[str, Found]:
    """The text of ``el`` without its authorialNotes, and each note with its offset in that text.

    Entity references left unresolved, comments and processing instructions contribute no text.
    """
    parts: list[str] = []
    notes: Found = []
    length = 0

    def walk(node: etree._Element) -> None:
        nonlocal length
        if node.text and isinstance(node.tag, str):
            parts.append(node.text)
            length += len(node.text)
        for child in node:
            if child.tag == akn("authorialNote"):
                notes.append((length, child))
            elif isinstance(child.tag, str):
                walk(child)
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)

    walk(el)
    return "".join(parts), notes


class _Reader:
    def __init__(self, root: etree._Element) -> None:
        if root.tag != akn("akomaNtoso"):
            raise AknError(f"the root element is {root.tag!r}, not akomaNtoso of {AKN_NS}")
        main = next((c for c in root if isinstance(c.tag, str)), None)
        if main is None or main.tag != akn("doc"):
            raise AknError("no <doc> under <akomaNtoso>")
        self.main = main
        self.prop = main.find(f"{akn('meta')}/{akn('proprietary')}")
        if self.prop is None or self.prop.find(ecc("document")) is None:
            raise AknError("no meta/proprietary of eu-clasi-corpus: not an export of this project")
        # footnote element → (the holder's model node, offset in its text), filled while reading texts
        self.anchor_offsets: dict[etree._Element, int] = {}

    def x(self, name: str) -> etree._Element | None:
        return self.prop.find(ecc(name))

    def xs(self, group: str, name: str) -> list[etree._Element]:
        parent = self.x(group)
        return [] if parent is None else parent.findall(ecc(name))

    # texts -------------------------------------------------------------------------------------------------
    def holder_text(self, el: etree._Element) -> str:
        text, notes = text_and_notes(el)
        for offset, note in notes:
            self.anchor_offsets[note] = offset
        return text

    def field(self, holder: etree._Element, label: etree._Element | None) -> HeaderField:
        text_el = holder
        if holder.tag == akn("docNumber") and len(holder) and holder[0].tag == akn("ref"):
            text_el = holder[0]  # the own number is written as a link to the document's work
        return HeaderField(
            label=label.text or "" if label is not None else None,
            label_span=_span(label.get(ecc("span"))) if label is not None else None,
            text=self.holder_text(text_el),
            value=holder.get(ecc("value")),
            span=_span(_required(holder, ecc("span"))),
            segments=_spans(holder.get(ecc("segments"))),
        )

    def header(self) -> Header:
        header = Header()
        preface = self.main.find(akn("preface"))
        if preface is None:
            return header
        for line in preface.findall(akn("p")):
            key = FIELD_OF_CLASS.get(line.get("class", ""))
            if key is None:
                continue
            label = next((c for c in line if c.tag == akn("span") and c.get("class") == "label"), None)
            holder = next((c for c in line if isinstance(c.tag, str) and c is not label), None)
            if holder is None:
                raise AknError(f"line {line.sourceline}: header line without a value")
            value = self.field(holder, label)
            if key in LIST_FIELDS:
                getattr(header, key).append(value)
            else:
                setattr(header, key, value)
        return header

    def paragraph(self, el: etree._Element) -> Paragraph:
        """A ``paragraph`` (blocks in ``content``) or a ``recital`` (blocks directly inside)."""
        container = el.find(akn("content")) if el.tag == akn("paragraph") else el
        pieces: list[tuple[str, Found]] = []
        points: list[Point] = []
        for block in container if container is not None else []:
            if block.tag == akn("p"):
                pieces.append(text_and_notes(block))
            elif block.tag == akn("blockList"):
                for item in block.findall(akn("item")):
                    num = item.find(akn("num"))
                    body = item.find(akn("p"))
                    num_text = (num.text or "") if num is not None else ""
                    body_text, body_notes = text_and_notes(body) if body is not None else ("", [])
                    pieces += [(num_text, []), (body_text, body_notes)]
                    points.append(
                        Point(
                            label=_required(item, ecc("label")),
                            style=_required(item, ecc("style")),  # type: ignore[arg-type]
                            text=item.get(ecc("text"), body_text),
                            span=_span(_required(item, ecc("span"))),
                            segments=_spans(item.get(ecc("segments"))),
                            marker_span=_span(_required(item, ecc("markerSpan"))),
                        )
                    )
        exact = el.get(ecc("text"))
        text = exact if exact is not None else " ".join(t for t, _ in pieces if t)
        pos = 0
        for piece, notes in pieces:
            start = text.find(piece, pos) if piece else pos
            start = pos if start < 0 else start
            for offset, note in notes:
                self.anchor_offsets[note] = start + offset
            pos = start + len(piece)
        num = el.find(akn("num"))
        return Paragraph(
            number=(num.text or "") if num is not None else None,
            kind=el.get("class", "other"),  # type: ignore[arg-type]
            kind_rule=el.get(ecc("kindRule")),
            text=text,
            span=_span(_required(el, ecc("span"))),
            segments=_spans(el.get(ecc("segments"))),
            marker_span=_span(el.get(ecc("markerSpan"))),
            footnote_refs=[
                FootnoteRef(number=number, span=_span(span))
                for number, _, span in (r.partition(":") for r in (el.get(ecc("footnoteRefs")) or "").split())
            ],
            points=points,
            page=int(_required(el, ecc("page"))),
        )

    def paragraphs(self, parent: etree._Element) -> list[Paragraph]:
        out = []
        for el in parent.iter(akn("recital"), akn("paragraph")):
            out.append(self.paragraph(el))
        return out

    def annex(self, att: etree._Element) -> Annex:
        heading = att.find(akn("heading"))
        statement = att.find(akn("statement"))
        if heading is None or statement is None:
            raise AknError(f"line {att.sourceline}: attachment without heading or statement")
        title_el = statement.find(f"{akn('preface')}/{akn('longTitle')}/{akn('p')}/{akn('docTitle')}")
        title = self.field(title_el, None) if title_el is not None else None
        paragraphs = []
        for part in (statement.find(akn("preamble")), statement.find(akn("mainBody"))):
            if part is not None:
                paragraphs.extend(self.paragraphs(part))
        return Annex(
            label=heading.text or "",
            label_span=_span(_required(heading, ecc("span"))),
            number=att.get(ecc("number")),
            title=title,
            paragraphs=paragraphs,
            span=_span(_required(att, ecc("span"))),
        )

    def footnote(self, el: etree._Element) -> Footnote:
        body = el.find(akn("p"))
        return Footnote(
            number=_required(el, "marker"),
            text=text_and_notes(body)[0] if body is not None else "",
            span=_span(_required(el, ecc("span"))),
            segments=_spans(el.get(ecc("segments"))),
            anchor=_span(el.get(ecc("anchor"))),
            anchor_offset=self.anchor_offsets.get(el),
            page=int(_required(el, ecc("page"))),
        )

    def read(self) -> Document:
        meta = self.x("document")
        src = self.x("source")
        if src is None:
            raise AknError("meta/proprietary has no ecc:source")
        header = self.header()
        body = self.main.find(akn("mainBody"))
        cover = CoverNote(paragraphs=self.paragraphs(body) if body is not None else [])
        annexes = [self.annex(a) for a in self.main.iterfind(f"{akn('attachments')}/{akn('attachment')}")]
        note_elements = [n for n in self.main.iter(akn("authorialNote"))]
        note_elements += [n for n in self.main.iterfind(f"{akn('meta')}/{akn('notes')}/{akn('note')}") if n.get("class") == "footnote"]
        footnotes = sorted((self.footnote(n) for n in note_elements), key=lambda f: (f.span.start, f.span.end))
        signature = self.x("signature")
        doc = Document(
            schema_version=_required(meta, "schemaVersion"),
            source=SourceInfo(
                name=_required(src, "name"),
                sha256=_required(src, "sha256"),
                length=int(_required(src, "length")),
                encoding=src.get("encoding", "utf-8"),
                newline=src.get("newline", "LF"),  # type: ignore[arg-type]
            ),
            language=_required(meta, "language"),
            doc_type=_required(meta, "docType"),
            header=header,
            cover_note=cover,
            annexes=annexes,
            footnotes=footnotes,
            pages=[Page(number=int(_required(p, "number")), span=_span(_required(p, "span"))) for p in self.xs("pages", "page")],
            signature=Signature(
                timestamp=_required(signature, "timestamp"), text=signature.text or "", span=_span(_required(signature, "span"))
            ) if signature is not None else None,
            furniture=[Furniture(kind=_required(f, "kind"), text=f.text or "", span=_span(_required(f, "span")))  # type: ignore[arg-type]
                       for f in self.xs("furniture", "item")],
            hyphenation=[
                HyphenationDecision(span=_span(_required(h, "span")), word=_required(h, "word"),
                                    decision=_required(h, "decision"), rule=_required(h, "rule"))  # type: ignore[arg-type]
                for h in self.xs("hyphenation", "decision")
            ],
            unplaced=[UnplacedText(text=u.text or "", span=_span(_required(u, "span"))) for u in self.xs("unplaced", "text")],
            annotations=[
                Annotation(type=_required(a, "type"), text=a.text or "", span=_span(_required(a, "span")),
                           value=a.get("value"), target=a.get("target"), rule=a.get("rule"),
                           text_start=_int(a.get("textStart")), text_end=_int(a.get("textEnd")))
                for a in self.xs("annotations", "annotation")
            ],
            diagnostics=[
                Diagnostic(code=_required(d, "code"), severity=_required(d, "severity"), message=d.text or "",  # type: ignore[arg-type]
                           line=int(_required(d, "line")), column=int(_required(d, "column")),
                           span=_span(_required(d, "span")), hint=d.get("hint"))
                for d in self.xs("diagnostics", "diagnostic")
            ],
        )
        return doc


def from_akn(xml: bytes | str) -> Document:
    """The document in ``xml`` (as written by :func:`eu_clasi_corpus.export.akn.to_akn`).

    Raises :class:`AknError` when the XML is not well formed or not such an export.
    """
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise AknError(f"not well-formed XML: {exc}") from None
    return _Reader(root).read()


__all__ = ["AknError", "from_akn", "text_and_notes", "ECC_NS"]
