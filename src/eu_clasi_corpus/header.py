"""Stage 3a, header: the flow lines at the top of the note → :class:`~eu_clasi_corpus.model.Header`.

Takes the flow lines, the language and a normaliser; gives the header, the
index of the first body line, the header lines that no rule claimed, and the
normalised ``doc_type``.

The header is read by a list of small rules (:data:`HEADER_RULES`), tried in
order on each line; each either claims the line (and maybe its continuation
lines) or declines.  Reading stops at the first line no rule claims once a
labelled field has been read, or at the first annex heading or numbered
paragraph.  A labelled value runs over the following lines while no blank line
separates them (the header is a table, single-spaced inside a cell), and also
across a blank line when the next line starts in lower case (a double-spaced
extraction of the same cell).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Callable

import regex

from . import identifiers
from .blocks import FlowLine, segments
from .languages import Language, label_key
from .model import Header, HeaderField, Span
from .textnorm import Normaliser

ORIGINAL_LANGUAGE = regex.compile(r"^\(OR\.\s*(?P<langs>[a-z]{2}(?:\s*,\s*[a-z]{2})*)\)$")
MARKINGS = regex.compile(r"^(?P<marking>LIMITE|RESTREINT UE(?:/EU RESTRICTED)?|PUBLIC|CONFIDENTIEL UE|CONFIDENTIAL)$")
CODES_LINE = regex.compile(r"^(?:[A-Z][A-Z0-9./-]{0,14}(?:[ ][A-Z][A-Z0-9-]{1,9})?[ ]+\d{1,5})(?:[ ]+[A-Z][A-Z0-9./-]{0,14}(?:[ ][A-Z][A-Z0-9-]{1,9})?[ ]+\d{1,5})*$")
LIST_SEPARATORS = regex.compile(r"(?i)[\s,;+&]++|\b(?:en|and|et|und|og|och|e|y|i)\b")
CODE_PAIR = regex.compile(r"(?P<code>[A-Z][A-Z0-9./-]{0,14}(?:[ ][A-Z][A-Z0-9-]{1,9})?)[ ]+(?P<n>\d{1,5})")


@dataclass
class HeaderState:
    lines: list[FlowLine]
    language: Language
    normaliser: Normaliser
    header: Header = field(default_factory=Header)
    doc_type: str = "unknown"
    labelled: bool = False  # a labelled field (van:/From:/...) has been read

    def field(self, spans: list[Span], *, label: str | None = None, label_span: Span | None = None, value: str | None = None) -> HeaderField:
        text = self.normaliser.text_of(spans)
        whole = Span(start=spans[0].start, end=spans[-1].end) if spans else Span(start=0, end=0)
        return HeaderField(label=label, label_span=label_span, text=text, value=value, span=whole, segments=spans)


# A rule takes the state and the index of the line; returns the index after the last line it claimed, or None.
HeaderRule = Callable[[HeaderState, int], "int | None"]


def doc_type_rule(state: HeaderState, i: int) -> int | None:
    fl = state.lines[i]
    m = state.language.patterns.doc_type.match(fl.text)
    if not m or state.header.doc_type_label is not None:
        return None
    label = m.group("label")
    start = fl.content.start + m.start("label")
    state.header.doc_type_label = state.field([Span(start=start, end=start + len(label))])
    state.doc_type = state.language.doc_types[label]
    return i + 1


def _continues(state: HeaderState, value_lines: list[FlowLine], nxt: FlowLine) -> bool:
    if nxt.marker is not None and nxt.marker.style == "number":
        return False
    if is_header_start(state, nxt):
        return False
    if nxt.gap_before == 0 and not nxt.page_break_before and not nxt.interrupted_before:
        return True
    prev = value_lines[-1].text if value_lines else ""
    return bool(prev) and prev[-1] not in ".:;" and nxt.text[:1].islower()


def is_header_start(state: HeaderState, fl: FlowLine) -> bool:
    p = state.language.patterns
    return bool(p.label.match(fl.text) or p.doc_type.match(fl.text) or p.annex.match(fl.text))


def label_rule(state: HeaderState, i: int) -> int | None:
    fl = state.lines[i]
    m = state.language.patterns.label.match(fl.text)
    if not m:
        return None
    key = state.language.patterns.label_fields[label_key(m.group("label"))]
    label_start = fl.content.start + m.start("label")
    # The label span covers the printed label with its colon ("van:"); ``label`` is the word alone.
    label_end = m.end("colon") if m.group("colon") is not None else m.end("label")
    label_span = Span(start=label_start, end=fl.content.start + label_end)
    label_text = m.group("label")
    first_value = Span(start=fl.content.start + m.end(), end=fl.content.end)
    j = i + 1
    value_lines: list[FlowLine] = [fl]
    while j < len(state.lines) and _continues(state, value_lines, state.lines[j]):
        value_lines.append(state.lines[j])
        j += 1
    spans = segments(value_lines)
    spans[0] = Span(start=first_value.start, end=spans[0].end)
    if spans[0].start >= spans[0].end:
        spans = spans[1:] or [Span(start=first_value.start, end=first_value.start)]
    state.labelled = True
    _assign(state, key, spans, label_text, label_span)
    return j


def _assign(state: HeaderState, key: str, spans: list[Span], label: str, label_span: Span) -> None:
    h = state.header
    if key == "previous_documents":
        found: list[HeaderField] = []
        for seg in spans:
            for m, number in identifiers.find_doc_numbers(seg.slice(state.normaliser.text)):
                span = Span(start=seg.start + m.start(), end=seg.start + m.end())
                found.append(state.field([span], label=label, label_span=label_span, value=number.canonical))
        residue = "".join(
            identifiers.COUNCIL_DOC.sub(" ", seg.slice(state.normaliser.text)) for seg in spans
        )
        if found and not LIST_SEPARATORS.sub("", residue).strip():
            h.previous_documents.extend(found)
        else:  # not a plain list of numbers: keep the value whole rather than drop what is not a number
            h.previous_documents.append(state.field(spans, label=label, label_span=label_span))
        return
    made = state.field(spans, label=label, label_span=label_span)
    if key in ("sender", "recipient", "subject", "interinstitutional_file") and getattr(h, key) is None:
        if key == "interinstitutional_file":
            m = identifiers.INTERINSTITUTIONAL_FILE.search(made.text)
            made.value = f"{m.group('year')}/{m.group('seq')} ({m.group('proc')})" if m else None
        setattr(h, key, made)
    else:
        made.value = key
        h.other_fields.append(made)


def institution_rule(state: HeaderState, i: int) -> int | None:
    fl = state.lines[i]
    pattern = state.language.patterns.institution
    if pattern is None or state.header.institution is not None:
        return None
    m = pattern.match(fl.text)
    if not m or len(fl.text.strip()) > len(m.group("name")) + 2:
        return None
    start = fl.content.start + m.start("name")
    state.header.institution = state.field([Span(start=start, end=start + len(m.group("name")))])
    return i + 1


def date_rule(state: HeaderState, i: int) -> int | None:
    fl = state.lines[i]
    places = state.language.words("places")
    pattern = state.language.patterns.date
    if pattern is None or not places or state.header.date is not None:
        return None
    pm = _place_pattern(state.language.code).match(fl.text)
    if not pm:
        return None
    dm = pattern.match(fl.text, pm.end())
    if not dm:
        return None
    base = fl.content.start
    state.header.place = state.field([Span(start=base + pm.start("place"), end=base + pm.end("place"))])
    month = state.language.months.index(next(mo for mo in state.language.months if mo.lower() == dm.group("month").lower())) + 1
    iso = f"{int(dm.group('year')):04d}-{month:02d}-{int(dm.group('day')):02d}"
    state.header.date = state.field([Span(start=base + dm.start(), end=base + dm.end())], value=iso)
    rest = fl.text[dm.end() :].strip()
    om = regex.search(r"\(OR\.\s*(?P<langs>[a-z]{2}(?:\s*,\s*[a-z]{2})*)\)", fl.text[dm.end() :])
    if om:
        s = base + dm.end() + om.start()
        state.header.original_language = state.field([Span(start=s, end=s + len(om.group(0)))], value=om.group("langs"))
    elif rest and not regex.fullmatch(r"\(\d{1,2}\.\d{1,2}\)", rest):
        return None
    return i + 1


@cache
def _place_pattern(code: str) -> regex.Pattern:
    from .languages import get

    places = get(code).words("places")
    return regex.compile(rf"^(?P<place>{'|'.join(regex.escape(p) for p in places)}),?[ \t]+(?:(?:den|le)[ \t]+)?")


def original_language_rule(state: HeaderState, i: int) -> int | None:
    fl = state.lines[i]
    m = ORIGINAL_LANGUAGE.match(fl.text)
    if not m or state.header.original_language is not None:
        return None
    state.header.original_language = state.field([fl.content], value=m.group("langs"))
    return i + 1


def number_rule(state: HeaderState, i: int) -> int | None:
    fl = state.lines[i]
    if state.header.number is not None:
        return None
    number = identifiers.full_doc_number(fl.text)
    if number is None:
        return None
    state.header.number = state.field([fl.content], value=number.canonical)
    return i + 1


def codes_rule(state: HeaderState, i: int) -> int | None:
    fl = state.lines[i]
    if state.header.number is None or state.header.codes or not CODES_LINE.match(fl.text):
        return None
    for m in CODE_PAIR.finditer(fl.text):
        s = fl.content.start + m.start()
        state.header.codes.append(state.field([Span(start=s, end=fl.content.start + m.end())], value=f"{m.group('code')} {m.group('n')}"))
    return i + 1


def marking_rule(state: HeaderState, i: int) -> int | None:
    fl = state.lines[i]
    m = MARKINGS.match(fl.text)
    if not m or state.header.marking is not None:
        return None
    state.header.marking = state.field([fl.content], value=m.group("marking"))
    return i + 1


HEADER_RULES: list[HeaderRule] = [
    doc_type_rule,
    label_rule,
    institution_rule,
    date_rule,
    original_language_rule,
    number_rule,
    codes_rule,
    marking_rule,
]


@dataclass
class HeaderResult:
    header: Header
    doc_type: str
    body_start: int  # index into the flow lines
    unclaimed: list[FlowLine]


def read_header(lines: list[FlowLine], language: Language, normaliser: Normaliser) -> HeaderResult:
    """Read the header from the top of ``lines`` (see the module docstring)."""
    state = HeaderState(lines=lines, language=language, normaliser=normaliser)
    claimed_until = 0
    unclaimed: list[FlowLine] = []
    pending: list[FlowLine] = []
    i = 0
    annex = language.patterns.annex
    while i < len(lines):
        fl = lines[i]
        if annex.match(fl.text) or (fl.marker is not None and fl.marker.style == "number"):
            break
        nxt = None
        for rule in HEADER_RULES:
            nxt = rule(state, i)
            if nxt is not None:
                break
        if nxt is None:
            if claimed_until > 0:
                break
            pending.append(fl)
            i += 1
            continue
        unclaimed.extend(pending)
        pending = []
        i = claimed_until = nxt
    return HeaderResult(header=state.header, doc_type=state.doc_type, body_start=claimed_until, unclaimed=unclaimed)
