"""What every validator is given: the document, its source text (if any) and helpers to locate findings.

Takes a :class:`~eu_clasi_corpus.model.Document` and, optionally, the source
text it was parsed from; gives :class:`Context`, which makes diagnostics
(``line``/``column`` from the source's line index), tells the page of an
offset, and lists the *text regions* of the content nodes (the source ranges
the reference checks scan).

Without the source text there is no line index: diagnostics then carry the
exact ``span`` but ``line`` 1 and ``column`` = offset + 1 (the position in a
text read as one line), and :attr:`Context.has_text` is false so that the
checks that read the text are skipped.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter
from typing import NamedTuple

from .. import diagnostics as diag
from .. import languages
from ..model import Diagnostic, Document, HeaderField, Span
from ..source import SourceText
from ..textnorm import Normaliser


span_start = attrgetter("start")  # the sort key of spans by their start


class Region(NamedTuple):
    """A run of source text that belongs to one content node, with the spans that are not its words.

    (A named tuple: as immutable as a frozen dataclass and several times cheaper to make, once per segment.)
    """

    span: Span
    exclude: tuple[Span, ...] = ()
    owner: str = ""  # what the region belongs to, for messages ("paragraph 12", "footnote 2", "subject")


@dataclass
class Context:
    doc: Document
    source: SourceText | None
    found: list[Diagnostic] = field(default_factory=list)

    @property
    def has_text(self) -> bool:
        return self.source is not None

    @property
    def text(self) -> str:
        assert self.source is not None, "text-based check run without the source text"
        return self.source.text

    @cached_property
    def normaliser(self) -> Normaliser:
        return Normaliser(self.text)

    @cached_property
    def language(self) -> languages.Language:
        try:
            return languages.get(self.doc.language)
        except KeyError:
            return languages.get("en")

    def report(self, code: str, span: Span | tuple[int, int], message: str, *, hint: str | None = None) -> None:
        """Record a diagnostic with ``code`` at ``span``."""
        if not isinstance(span, Span):
            span = Span(start=max(0, span[0]), end=max(0, span[1], span[0]))
        if self.source is not None:
            self.found.append(diag.make(self.source, code, span, message, hint=hint))
            return
        info = diag.REGISTRY[code]
        self.found.append(
            Diagnostic(code=code, severity=info.severity, message=message, line=1, column=span.start + 1, span=span, hint=hint)
        )

    # --- pages ---------------------------------------------------------------------
    @cached_property
    def _page_starts(self) -> list[int]:
        return [p.span.start for p in self.doc.pages]

    def page_of(self, offset: int) -> int | None:
        """Number of the page holding ``offset`` (from ``doc.pages``), or None without pages."""
        if not self.doc.pages:
            return None
        index = bisect.bisect_right(self._page_starts, offset) - 1
        return self.doc.pages[max(index, 0)].number

    # --- header fields and text regions --------------------------------------------------
    def header_fields(self) -> list[tuple[str, HeaderField]]:
        """Every header field with the name of its slot (``previous_documents``, ``codes`` ... once per value)."""
        return self._header_fields

    @cached_property
    def _header_fields(self) -> list[tuple[str, HeaderField]]:  # listed once: several checks walk the header
        out: list[tuple[str, HeaderField]] = []
        h = self.doc.header
        for name in type(h).model_fields:
            value = getattr(h, name)
            if isinstance(value, HeaderField):
                out.append((name, value))
            elif isinstance(value, list):
                out.extend((name, item) for item in value)
        return out

    def regions(self) -> list[Region]:
        """Source ranges of the content nodes, in source order: header fields, paragraphs (points are inside
        them), annex titles and footnotes; footnote markers and paragraph markers are excluded."""
        out: list[Region] = []
        doc = self.doc
        anchors = sorted((f.anchor for f in doc.footnotes if f.anchor is not None), key=span_start)
        for name, f in self.header_fields():
            for seg in f.segments or [f.span]:
                out.append(Region(seg, _inside(anchors, seg) if anchors else (), name))
        for p in doc.paragraphs():
            own = [r.span for r in p.footnote_refs]
            marker = p.marker_span
            if marker is not None:
                own.append(marker)
            owner = f"paragraph {p.number}" if p.number else "paragraph"
            for seg in p.segments or [p.span]:
                low, high = seg.start, seg.end
                out.append(Region(seg, tuple([s for s in own if low <= s.start and s.end <= high]), owner))
        for a in doc.annexes:
            if a.title is not None:
                for seg in a.title.segments or [a.title.span]:
                    out.append(Region(seg, _inside(anchors, seg), f"title of {a.label}"))
        for fn in doc.footnotes:
            for seg in fn.segments or [fn.span]:
                out.append(Region(seg, (), f"footnote {fn.number}"))
        out.sort(key=_bounds)
        return out


def _bounds(region: Region) -> tuple[int, int]:
    return region.span.start, region.span.end


def _inside(spans: list[Span], seg: Span) -> tuple[Span, ...]:
    """The spans (sorted by start) that lie inside ``seg``: a binary search, then a walk over the hits."""
    i = bisect.bisect_left(spans, seg.start, key=span_start)
    out = []
    while i < len(spans) and spans[i].end <= seg.end:
        out.append(spans[i])
        i += 1
    return tuple(out)
