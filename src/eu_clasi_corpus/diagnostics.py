"""The diagnostic registry: every code the parser and the validators can report, in one place.

Takes nothing; gives :data:`REGISTRY` (code → :class:`CodeInfo`), :func:`make`
(a :class:`~eu_clasi_corpus.model.Diagnostic` located in the source) and
:func:`registry_markdown` (the text of ``docs/diagnostics.md``, which a test
compares with the committed file so that the table cannot drift).

Families: ``NUM`` numbering, ``FN`` footnotes, ``REF`` cross-references, ``SRC``
source fidelity and coverage, ``HDR`` header, ``LAY`` layout, ``ENC`` input and
encoding.  Codes are stable: a retired code is never reused.
"""

from __future__ import annotations

from typing import NamedTuple

from .model import Diagnostic, Severity, Span
from .source import SourceText


class CodeInfo(NamedTuple):
    """One code of the registry (a named tuple: immutable and cheaper to define than a frozen dataclass)."""

    code: str
    severity: Severity
    title: str
    explanation: str


_CODES = [
    # ENC: input and encoding
    CodeInfo("ENC001", "warning", "not UTF-8: encoding detected", "The bytes are not valid UTF-8; the encoding was detected (charset-normalizer) and the text decoded with it. Spans point into the decoded text. Convert the file to UTF-8 to silence this."),
    CodeInfo("ENC002", "info", "byte-order mark", "The file starts with a byte-order mark. A UTF-8 BOM stays in the text as U+FEFF so that spans agree with a plain UTF-8 reading; UTF-16/32 are decoded."),
    CodeInfo("ENC003", "warning", "replacement characters", "The text contains U+FFFD replacement characters: something upstream lost characters (often a font-encoding problem in PDF extraction)."),
    # LAY: layout
    CodeInfo("LAY001", "warning", "document looks truncated", "The text stops mid-sentence or mid-structure (no final punctuation, an annex heading without paragraphs, ...). The structure that is there is kept; nothing is invented."),
    CodeInfo("LAY002", "info", "no page structure", "No page starts were recognised; the whole text is treated as one page."),
    CodeInfo("LAY003", "warning", "footnote zone without footnotes", "A footnote separator was found but no numbered footnote text followed it."),
    CodeInfo("LAY004", "warning", "empty document", "The source has no text at all (empty or white space only)."),
    CodeInfo("LAY005", "warning", "damaged label matched fuzzily", "A known word of the header (institution, label, title) was recognised only approximately; extraction probably lost letters."),
    # SRC: source fidelity and coverage
    CodeInfo("SRC001", "error", "text the parser could not place", "A run of source text belongs to no node of the model (not a header field, paragraph, footnote, annex title, signature or page furniture). It is kept in `unplaced` and reported here, never dropped."),
    CodeInfo("SRC002", "error", "span does not slice to the node's text", "Normalising the source at the node's span (markers removed) does not give the node's `text`: the model and the source disagree."),
    CodeInfo("SRC003", "error", "source text covered by no node", "A non-blank character of the source is claimed by no node, no furniture and no unplaced record (coverage invariant)."),
    CodeInfo("SRC004", "error", "span out of order or out of bounds", "A span lies outside the source, ends before it starts, or overlaps a sibling / comes before its predecessor."),
    CodeInfo("SRC005", "info", "validated without the source text", "`validate(doc)` was called without the text the document was parsed from: the checks that read the text (SRC002, SRC003, the text scans of REF) were skipped and positions are offsets (line 1, column = offset + 1)."),
    # HDR: header
    CodeInfo("HDR001", "error", "required header field missing", "The document type requires a header field that was not found (an I/A item note without a subject, say)."),
    CodeInfo("HDR002", "warning", "document type not recognised", "No document-type title from the language tables was found; `doc_type` is `unknown`."),
    CodeInfo("HDR003", "warning", "header field empty", "A header label was found with no value after it."),
    # NUM: numbering
    CodeInfo("NUM001", "error", "numbering does not start at 1", "The first numbered paragraph (or point) of a container does not carry number 1 (or a / i)."),
    CodeInfo("NUM002", "error", "gap in numbering", "A numbered paragraph or point skips one or more numbers."),
    CodeInfo("NUM003", "error", "duplicate number", "Two paragraphs or points of the same container carry the same number."),
    CodeInfo("NUM004", "error", "numbering goes backwards", "A paragraph or point carries a lower number than the one before it."),
    CodeInfo("NUM005", "warning", "unnumbered paragraph among numbered ones", "A container mixes numbered and unnumbered paragraphs."),
    # FN: footnotes
    CodeInfo("FN001", "error", "footnote numbering not 1..n", "Footnote definitions are numbered across the whole document from 1 without gaps or repeats."),
    CodeInfo("FN002", "error", "footnote without anchor", "A footnote definition has no marker in the running text."),
    CodeInfo("FN003", "error", "marker without footnote", "A footnote marker in the running text has no footnote definition with its number."),
    CodeInfo("FN004", "error", "marker after its footnote or on another page", "A footnote's marker must come before the footnote text, on the same page."),
    CodeInfo("FN005", "error", "empty footnote", "A footnote definition has a number but no text."),
    CodeInfo("FN006", "error", "footnote with several anchors", "More than one marker points to the same footnote definition."),
    # REF: cross-references
    CodeInfo("REF001", "error", "malformed Council document number", "A Council document number does not have the form [SERIES ]NUMBER[/REV]/YY[ SUFFIX n]."),
    CodeInfo("REF002", "error", "revision counters disagree", "The revision counter inside the number (12517/2/23) differs from the REV suffix (REV 1)."),
    CodeInfo("REF003", "error", "previous document is the document itself", "A previous document cited in the header carries the document's own number."),
    CodeInfo("REF004", "error", "internal reference to nothing", "An internal reference (`punt 12`, `paragraph 5`, `zie voetnoot 2`) names a paragraph or footnote that does not exist."),
    CodeInfo("REF005", "error", "impossible date", "A date does not exist in the calendar (31 februari, 2023-13-01)."),
]

REGISTRY: dict[str, CodeInfo] = {info.code: info for info in _CODES}


def make(
    source: SourceText,
    code: str,
    span: Span | tuple[int, int],
    message: str,
    *,
    hint: str | None = None,
    severity: Severity | None = None,
) -> Diagnostic:
    """A diagnostic with ``code`` located at ``span`` (line and column from the source's line index)."""
    info = REGISTRY[code]
    if not isinstance(span, Span):
        span = Span(start=span[0], end=span[1])
    line, column = source.line_col(span.start)
    return Diagnostic(
        code=code,
        severity=severity or info.severity,
        message=message,
        line=line,
        column=column,
        span=span,
        hint=hint,
    )


def registry_markdown() -> str:
    """The committed ``docs/diagnostics.md``: one table row per code, generated from :data:`REGISTRY`."""
    out = [
        "# Diagnostic codes",
        "",
        "Generated from `eu_clasi_corpus.diagnostics.REGISTRY` by `python scripts/gen_diagnostics_doc.py`;",
        "a test fails when this file and the registry differ. Do not edit by hand.",
        "",
        "Families: `ENC` input and encoding, `LAY` layout, `SRC` source fidelity and coverage, `HDR` header,",
        "`NUM` numbering, `FN` footnotes, `REF` cross-references.",
        "",
        "| code | severity | title | meaning |",
        "|---|---|---|---|",
    ]
    for info in _CODES:
        out.append(f"| `{info.code}` | {info.severity} | {info.title} | {info.explanation} |")
    return "\n".join(out) + "\n"
