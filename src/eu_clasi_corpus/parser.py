"""The pipeline: source → layout → blocks → header/structure → footnotes → :class:`Document`.

Takes text (or a file); gives a :class:`~eu_clasi_corpus.model.Document` with
the parser's own diagnostics.  The stages, in order (each a module with one job):

======================  ===============================================================
``source``              bytes → text and a line index (never normalised)
``layout``              lines → pages, footnote zones, signature stamp, flow lines
``furniture``           site wrappers (data table), page footers, separators → furniture
``flattened``           cut points where one line holds several items (flattened text)
``blocks``              flow lines (cut into virtual lines) → features (markers, gaps), block cutting
``header``              top flow lines → header fields, doc type
``structure``           body flow lines → cover note, annexes, paragraphs, points, kinds
``footnotes``           zones → definitions; running text → markers; pairing
``textnorm``            spans → normalised text (markers out, hyphenation decided)
======================  ===============================================================

Validation (``validate``) and export (``export``) sit on top of the document.
"""

from __future__ import annotations

import bisect
import functools
import gc
from pathlib import Path

from . import diagnostics as diag
from . import languages
from .anchors import place_anchors
from .annotate import annotate
from .annotate import sort_key as annotation_order
from .blocks import FlowLine, flow_lines, segments, typical_width, whole
from .flattened import find_cuts
from .footnotes import FootnoteDraft, collect_definitions, find_markers, flow_definitions, pair, spaced_markers
from .furniture import mark_furniture
from .header import read_header
from .layout import analyse
from .model import (
    Annex,
    Annotation,
    CoverNote,
    Document,
    Footnote,
    FootnoteRef,
    HeaderField,
    Paragraph,
    Point,
    SourceInfo,
    Span,
    UnplacedText,
)
from .source import DEFAULT_MAX_BYTES, SourceText, decode_bytes, read_source, remember
from .structure import ParagraphDraft, build_body
from .textnorm import Normaliser


def parse_text(text: str, *, name: str | None = None, language: str | None = None) -> Document:
    """Parse the text of a Council note.  Never raises on any ``str``."""
    return parse_source(SourceText(text, name=name or "<string>"), language=language)


def parse_bytes(data: bytes, *, name: str = "<bytes>", language: str | None = None) -> Document:
    """Decode (see :mod:`eu_clasi_corpus.source`) and parse; raises ``InputError`` for unusable input."""
    return parse_source(decode_bytes(data, name=name), language=language)


def parse_file(path: str | Path, *, language: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read, decode and parse a file (never modified); raises ``InputError`` for unusable input."""
    source = read_source(path, max_bytes=max_bytes)
    source.name = Path(path).name if str(path) != "-" else "<stdin>"
    return parse_source(source, language=language)


class _Assembler:
    """Turns drafts into model nodes: spans, segments, normalised texts, footnote refs."""

    def __init__(self, source: SourceText, normaliser: Normaliser, refs: list[FootnoteRef]) -> None:
        self.source = source
        self.normaliser = normaliser
        self.refs = sorted(refs, key=lambda r: r.span.start)
        self.ref_starts = [r.span.start for r in self.refs]
        self.hyphenation: dict[int, object] = {}

    def refs_in(self, spans: list[Span]) -> list[FootnoteRef]:
        starts = self.ref_starts
        out: list[FootnoteRef] = []
        for seg in spans:
            i = bisect.bisect_left(starts, seg.start)
            while i < len(self.refs) and self.refs[i].span.end <= seg.end:
                out.append(self.refs[i])
                i += 1
        return out

    def text(self, spans: list[Span], exclude: list[Span]) -> str:
        text, decisions = self.normaliser.normalise(spans, exclude)
        for d in decisions:
            self.hyphenation[d.span.start] = d
        return text

    def field(self, lines: list[FlowLine]) -> HeaderField:
        spans = segments(lines)
        refs = self.refs_in(spans)
        return HeaderField(
            text=self.text(spans, [r.span for r in refs]),
            span=whole(spans),
            segments=spans,
        )

    def paragraph(self, draft: ParagraphDraft) -> Paragraph:
        spans = segments(draft.lines)
        refs = self.refs_in(spans)
        exclude = [r.span for r in refs]
        if draft.marker is not None:
            exclude.append(draft.marker.span)
        points = []
        for point in draft.points:
            p_spans = segments(point.lines)
            p_refs = self.refs_in(p_spans)
            points.append(
                Point(
                    label=point.marker.label,
                    style=point.style,  # type: ignore[arg-type]
                    text=self.text(p_spans, [r.span for r in p_refs] + [point.marker.span]),
                    span=whole(p_spans),
                    segments=p_spans,
                    marker_span=point.marker.span,
                )
            )
        # Point markers stay in the paragraph text: it is the paragraph as printed.
        return Paragraph(
            number=draft.number,
            kind=draft.kind,  # type: ignore[arg-type]
            kind_rule=draft.kind_rule,
            text=self.text(spans, exclude),
            span=whole(spans),
            segments=spans,
            marker_span=draft.marker.span if draft.marker is not None else None,
            footnote_refs=refs,
            points=points,
            page=draft.lines[0].page,
        )

    def footnote(self, draft: FootnoteDraft, anchor: FootnoteRef | None) -> Footnote:
        spans = draft.segments(self.source.text)
        return Footnote(
            number=draft.number,
            text=self.text(spans, []),
            span=draft.span,
            segments=spans,
            anchor=anchor.span if anchor is not None else None,
            page=draft.page,
        )


def without_cycle_collection(build):
    """Run ``build`` with Python's cycle collector paused (as Mercurial's ``util.nogc`` does).

    A parse makes tens of thousands of objects and keeps nearly all of them; the collector would walk them again
    and again while they are made (on a 1 MB note that is a sixth of the time, and more the larger the note),
    though none of them can be garbage yet.  Reference counting still frees what is dropped; the collector is
    switched back on (if it was on) before the document is returned, and runs as usual from then on.
    """

    @functools.wraps(build)
    def wrapper(*args, **kwargs):
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return build(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return wrapper


@without_cycle_collection
def parse_source(source: SourceText, *, language: str | None = None) -> Document:
    """Run the pipeline on a decoded source (see the module docstring)."""
    text = source.text
    remember(source)
    code = language or languages.detect(text)
    lang = languages.get(code)
    normaliser = Normaliser(text)
    found: list = []

    for warning in source.decode_warnings:
        found.append(diag.make(source, "ENC001", (0, 0), warning, hint="convert the file to UTF-8"))
    if text.startswith("\ufeff"):
        found.append(diag.make(source, "ENC002", (0, 1), "UTF-8 byte-order mark at the start of the file"))
    if "\ufffd" in text:
        at = text.index("\ufffd")
        found.append(diag.make(source, "ENC003", (at, at + 1), f"{text.count(chr(0xFFFD))} U+FFFD replacement character(s)"))

    layout = analyse(source)
    mark_furniture(layout)
    cuts = find_cuts(layout, lang)
    flow = flow_lines(layout, cuts.by_line)
    flow_drafts, flow = flow_definitions(flow, [n for n, _, _ in cuts.spaced_markers])
    width = typical_width(flow)

    drafts, stray_zone_lines = collect_definitions(layout)
    drafts = sorted(drafts + flow_drafts, key=lambda d: d.number_span.start)
    defined = {d.number for d in drafts}
    spaced, unconfirmed = spaced_markers(cuts.spaced_markers, defined)
    refs = sorted(find_markers(flow, defined, layout.char_flags) + spaced, key=lambda r: r.span.start)
    anchors = pair(drafts, refs)
    asm = _Assembler(source, normaliser, refs)
    annotations = [
        Annotation(type="footnote_marker", text=number, span=span, value=number,
                   rule="spaced marker 'word, N Word'; its footnote text is not in the source")
        for number, span in unconfirmed
    ]

    head = read_header(flow, lang, normaliser, width, [r.span for r in refs])
    for code, span, message in head.warnings:
        found.append(diag.make(source, code, span, message))
    body = build_body(flow[head.body_start :], lang, width)

    cover = CoverNote(paragraphs=[asm.paragraph(p) for p in body.cover])
    annexes = []
    for a in body.annexes:
        paragraphs = [asm.paragraph(p) for p in a.paragraphs]
        title = asm.field(a.title) if a.title else None
        heading = a.heading
        label_start = heading.content_start + (len(heading.text) - len(heading.text.lstrip()))
        annexes.append(
            Annex(
                label=a.label,
                label_span=Span(start=label_start, end=label_start + len(a.label)),
                number=a.number,
                title=title,
                paragraphs=paragraphs,
                span=Span(start=heading.content_start, end=a.end_line.content_end),
            )
        )
    footnotes = [asm.footnote(d, anchors.get(i)) for i, d in enumerate(drafts)]

    unplaced: list[UnplacedText] = []
    for lines in [[fl] for fl in head.unclaimed] + body.unplaced:
        spans = segments(lines)
        unplaced.append(UnplacedText(text=normaliser.text_of(spans), span=whole(spans)))
    for ll in stray_zone_lines:
        unplaced.append(UnplacedText(text=normaliser.text_of([ll.content]), span=ll.content))
    unplaced.sort(key=lambda u: u.span.start)
    for u in unplaced:
        preview = u.text if len(u.text) <= 60 else u.text[:57] + "..."
        found.append(
            diag.make(source, "SRC001", u.span, f"text the parser could not place: {preview!r}",
                      hint="kept in `unplaced`; check the layout around it (a stray line, a lost marker?)")
        )

    numbered_footnote_lines = {id(ll) for d in drafts for ll in d.lines}
    for zone, separator in zip(layout.zones, layout.zone_separators):
        if not any(id(ll) in numbered_footnote_lines for ll in zone):
            found.append(diag.make(source, "LAY003", separator, "a footnote separator with no numbered footnote after it",
                                   hint="its lines, if any, are reported as unplaced text"))
    if len(layout.pages) == 1 and len(flow) > 1:
        found.append(diag.make(source, "LAY002", (0, 0), "no page starts recognised: the text is read as one page"))
    if not text.strip():
        found.append(diag.make(source, "LAY004", (0, 0), "the source has no text"))
    truncated = _truncation(flow, layout)
    if truncated is not None:
        found.append(diag.make(source, "LAY001", truncated, "the text stops mid-sentence: the document looks truncated",
                               hint="the structure that is there is kept; nothing after this point is known"))

    header = head.header
    # Footnote markers inside header values (a marker in the subject, say) belong to the header field.
    document = Document(
        source=SourceInfo(
            name=source.name, sha256=source.sha256, length=len(text), encoding=source.encoding,
            newline=source.newline,  # type: ignore[arg-type]
        ),
        language=lang.code,
        doc_type=head.doc_type,
        header=header,
        cover_note=cover,
        annexes=annexes,
        footnotes=footnotes,
        pages=layout.pages,
        signature=layout.signature,
        furniture=layout.furniture,
        hyphenation=[asm.hyphenation[k] for k in sorted(asm.hyphenation)],  # type: ignore[misc]
        unplaced=unplaced,
        annotations=annotations,
        diagnostics=sorted(found, key=lambda d: (d.span.start, d.code)),
    )
    markers = [r.span for r in refs]
    place_anchors(document, normaliser, markers)
    # The annotator's annotations, made placed in their nodes' texts (``text_start`` / ``text_end``), join the
    # parser's own (``footnote_marker`` for a spaced marker whose footnote text is not in the source; a marker is
    # never placed), in source order; ``annotate`` gives them in that order already.
    annotated = annotate(document, text, lang.code, normaliser, markers)
    document.annotations = sorted(annotations + annotated, key=annotation_order) if annotations else annotated
    return document


_FINAL = ".!?:;)]\"'\u201d\u2019\u00bb"


def _truncation(flow: list[FlowLine], layout) -> Span | None:
    """Where the text stops mid-sentence (the last running-text line ends without final punctuation), if it does."""
    if not flow or layout.signature is not None:
        return None
    last = flow[-1]
    if last.text[-1:] in _FINAL:
        return None
    return Span(start=last.content_end, end=last.content_end)
