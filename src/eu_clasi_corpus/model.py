"""The typed document model: what the parser gives and what the corpus JSON holds.

Every node carries a ``span`` into the source text (code-point offsets into the
file decoded as UTF-8 without newline translation, end exclusive).  Nodes whose
source can be interrupted by page furniture or footnote zones (a paragraph that
runs over a page break, say) also carry ``segments``: the spans of their own
pieces, in order, which together are exactly the node's source.  The ``text``
of a node is :func:`eu_clasi_corpus.textnorm.normalise` applied to those
segments, so the model can always be checked against the source.

The field names are a public interface for corpus users: rename nothing
without a migration note.
"""

import json
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import PydanticSerializationError

SCHEMA_VERSION = "1.0"
_LONE_SURROGATE = "[\ud800-\udfff]"  # (compiled by ``re`` only when a document has one: the rare path of to_json)


def empty_list() -> list:
    """A new empty list, the default of every list field.

    Not ``default_factory=list``: pydantic inspects a factory's signature, and for the builtin ``list`` that
    means tokenizing its text signature, once per field (about 5 ms of every cold start).
    """
    return []


class Node(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Span(Node):
    """Half-open interval ``[start, end)`` of code points in the source text."""

    # A value, frozen: one object can stand for several fields (a one-segment node's ``span`` and its
    # ``segments[0]`` are the same object) without an edit of one moving the other.
    model_config = ConfigDict(extra="forbid", frozen=True)

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    def slice(self, source: str) -> str:
        return source[self.start : self.end]


class SourceInfo(Node):
    """What the document was parsed from."""

    name: str
    sha256: str = Field(description="SHA-256 of the source bytes as read")
    length: int = Field(description="Length of the decoded source text in code points")
    encoding: str = "utf-8"
    newline: Literal["LF", "CRLF", "CR", "mixed", "none"] = "LF"


class HeaderField(Node):
    """One header value as printed, with its label (if any) and a normalised value."""

    label: str | None = None
    label_span: Span | None = None
    text: str
    value: str | None = Field(default=None, description="Normalised value (ISO date, language code, ...)")
    span: Span
    segments: list[Span] = Field(default_factory=empty_list)


class Header(Node):
    doc_type_label: HeaderField | None = None
    sender: HeaderField | None = None
    recipient: HeaderField | None = None
    previous_documents: list[HeaderField] = Field(default_factory=empty_list)
    subject: HeaderField | None = None
    institution: HeaderField | None = None
    place: HeaderField | None = None
    date: HeaderField | None = None
    original_language: HeaderField | None = None
    number: HeaderField | None = None
    codes: list[HeaderField] = Field(default_factory=empty_list)
    interinstitutional_file: HeaderField | None = None
    marking: HeaderField | None = None
    other_fields: list[HeaderField] = Field(
        default_factory=empty_list, description="Labelled fields the model has no slot for (e.g. 'No. Cion doc.')"
    )


class FootnoteRef(Node):
    """A footnote marker in running text: the digits of the marker only."""

    number: str
    span: Span


class Point(Node):
    """A lettered or roman sub-point inside a paragraph (``a)``, ``(b)``, ``iii)``)."""

    label: str
    style: Literal["letter", "roman", "bullet"]
    text: str
    span: Span
    segments: list[Span] = Field(default_factory=empty_list)
    marker_span: Span


ParagraphKind = Literal["recital", "commitment", "other"]


class Paragraph(Node):
    number: str | None = Field(description="Number as printed without punctuation ('12'), or null")
    kind: ParagraphKind = "other"
    kind_rule: str | None = Field(default=None, description="Which opener table entry decided the kind")
    text: str
    span: Span
    segments: list[Span] = Field(default_factory=empty_list)
    marker_span: Span | None = None
    footnote_refs: list[FootnoteRef] = Field(default_factory=empty_list)
    points: list[Point] = Field(default_factory=empty_list)
    page: int


class CoverNote(Node):
    paragraphs: list[Paragraph] = Field(default_factory=empty_list)


class Annex(Node):
    label: str = Field(description="The heading as printed, e.g. 'BIJLAGE' or 'ANNEX II'")
    label_span: Span
    number: str | None = Field(default=None, description="'I', 'II', '1' ... when the heading carries one")
    title: HeaderField | None = None
    paragraphs: list[Paragraph] = Field(default_factory=empty_list)
    span: Span


class Footnote(Node):
    number: str
    text: str
    span: Span
    segments: list[Span] = Field(default_factory=empty_list)
    anchor: Span | None = None
    anchor_offset: int | None = Field(
        default=None,
        description="Where the marker sat in the normalised text of the node holding the anchor (paragraph, "
        "header field or annex title), as an index into that node's `text`; null when unknown",
    )
    page: int


class Page(Node):
    number: int
    span: Span


class Signature(Node):
    """The electronic signature stamp of the PDF: metadata, not text of the note."""

    timestamp: str
    text: str
    span: Span


FurnitureKind = Literal[
    "footnote_separator",
    "page_footer",
    "page_header",
    "separator",
    "signature",
    "wrapper",
    "whitespace",
]


class Furniture(Node):
    """Text that is not content but is classified, kept and located (docling's 'furniture' layer)."""

    kind: FurnitureKind
    text: str
    span: Span


class HyphenationDecision(Node):
    """What was done with a hyphen at a line end, and by which rule."""

    span: Span = Field(description="The hyphen character")
    word: str = Field(description="The two halves as joined in the text")
    decision: Literal["kept", "joined"]
    rule: str


class UnplacedText(Node):
    """Text the parser could not assign to any node.  Always also reported as a diagnostic."""

    text: str
    span: Span


class Annotation(Node):
    type: str
    text: str
    span: Span
    value: str | None = None
    target: str | None = None
    rule: str | None = None
    text_start: int | None = Field(
        default=None,
        description="Where `text` starts in the normalised `text` of the content node holding the annotation "
        "(header field, paragraph, annex title or footnote), as an index into that node's `text`; null when "
        "the annotation is not inside one node's text (or is a footnote marker, which the text leaves out)",
    )
    text_end: int | None = Field(default=None, description="End (exclusive) of `text` in that node's `text`")


Severity = Literal["error", "warning", "info"]


class Diagnostic(Node):
    code: str
    severity: Severity
    message: str
    line: int = Field(ge=1)
    column: int = Field(ge=1)
    span: Span
    hint: str | None = None


class Document(Node):
    schema_version: str = SCHEMA_VERSION
    source: SourceInfo
    language: str = Field(description="ISO 639-1 code")
    doc_type: str = Field(description="Normalised type: ia_item_note, note, cover_note, ..., unknown")
    header: Header = Field(default_factory=Header)
    cover_note: CoverNote = Field(default_factory=CoverNote)
    annexes: list[Annex] = Field(default_factory=empty_list)
    footnotes: list[Footnote] = Field(default_factory=empty_list)
    pages: list[Page] = Field(default_factory=empty_list)
    signature: Signature | None = None
    furniture: list[Furniture] = Field(default_factory=empty_list)
    hyphenation: list[HyphenationDecision] = Field(default_factory=empty_list)
    unplaced: list[UnplacedText] = Field(default_factory=empty_list)
    annotations: list[Annotation] = Field(default_factory=empty_list)
    diagnostics: list[Diagnostic] = Field(default_factory=empty_list)

    def paragraphs(self) -> list[Paragraph]:
        """All paragraphs in reading order: cover note first, then each annex."""
        out = list(self.cover_note.paragraphs)
        for annex in self.annexes:
            out.extend(annex.paragraphs)
        return out

    def to_json(self) -> str:
        """Deterministic JSON: fixed key order (model order), two-space indent, trailing newline.

        A ``str`` given to ``parse_text`` may hold lone surrogates (U+D800..U+DFFF; no file decoded as UTF-8
        does), which JSON in UTF-8 cannot: they are written as U+FFFD, as the Akoma Ntoso export writes them.
        """
        try:
            return self.model_dump_json(indent=2) + "\n"
        except PydanticSerializationError as exc:
            if "surrogates not allowed" not in str(exc):
                raise
            # the same layout as model_dump_json(indent=2) gives (key order, separators, indent)
            text = json.dumps(self.model_dump(mode="json"), indent=2, ensure_ascii=False)
            return re.sub(_LONE_SURROGATE, "\ufffd", text) + "\n"

    @classmethod
    def from_json(cls, data: str | bytes) -> "Document":
        return cls.model_validate_json(data)

    def to_akn(self) -> bytes:
        """Akoma Ntoso 3.0 XML (see :mod:`eu_clasi_corpus.export.akn`, imported here)."""
        from .export.akn import to_akn

        return to_akn(self)
