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

Flattened text arrives cut into virtual lines (:mod:`eu_clasi_corpus.flattened`):
a value never runs into the next cut piece, and a value that is a piece of a
flattened line runs onto the next physical line only when that line starts in
lower case.  Further rules for real-world headers:

* ``label_block_rule``: labels printed as a block before their values (a table
  extracted column by column: ``From:`` ``To:`` ``Subject:`` then the values):
  one value line per label, the last label takes the following lines while they
  continue it (a dash or lower-case start, or a short line that is no body opener);
* a label without its colon (``to Council``) between two labelled lines;
* ``institution_rule`` also takes an institution name split over two lines or
  columns (``COUNCIL OF`` / ``THE EUROPEAN UNION``) and, with a LAY005 warning,
  a name damaged in extraction (``COUCIL OF THE EUROPEA UIO``), by bounded fuzzy
  matching of short lines only; the same for document-type titles and month names;
* classification codes may run over several lines and stand before the number;
* an unlabelled interinstitutional file number (``2000/0032 (COD)``);
* a line no rule claims does not end the header when the line after it is a
  header item (column debris such as ``B PU`` or ``CRSCRP13`` between items).
"""

from __future__ import annotations

import bisect
import datetime
from functools import cache
from typing import Callable, NamedTuple

import regex

from . import identifiers
from .blocks import FlowLine, segments, whole
from .lazy_pattern import LazyPattern
from .languages import Language, doc_type_of, label_key
from .model import Header, HeaderField, Span
from .textnorm import Normaliser

# The original-language line and the marking line are rare: their patterns are compiled when first needed, and
# tried only on a line that starts with their literal text (:func:`_original_language`, :func:`_marking`).
ORIGINAL_LANGUAGE = LazyPattern(r"^\(OR\.\s*(?P<langs>[a-z]{2}(?:\s*,\s*[a-z]{2})*)\)$")
MARKINGS = LazyPattern(r"^(?P<marking>LIMITE|RESTREINT UE(?:/EU RESTRICTED)?|PUBLIC|CONFIDENTIEL UE|CONFIDENTIAL)$")
_MARKING_STARTS = ("LIMITE", "RESTREINT UE", "PUBLIC", "CONFIDENTI")  # what each alternative of MARKINGS starts with
CODES_LINE = regex.compile(r"^(?:[A-Z][A-Z0-9./-]{0,14}(?:[ ][A-Z][A-Z0-9-]{1,9})?[ ]+\d{1,5})(?:[ ]+[A-Z][A-Z0-9./-]{0,14}(?:[ ][A-Z][A-Z0-9-]{1,9})?[ ]+\d{1,5})*$")
CODE_PAIR = LazyPattern(r"(?P<code>[A-Z][A-Z0-9./-]{0,14}(?:[ ][A-Z][A-Z0-9-]{1,9})?)[ ]+(?P<n>\d{1,5})")


class HeaderState:
    """What the header rules have read so far (a plain class: cheaper to define than a dataclass)."""

    def __init__(
        self, lines: list[FlowLine], language: Language, normaliser: Normaliser, width: float = 0.0,
        markers: list[Span] | None = None,
    ) -> None:
        self.lines = lines
        self.language = language
        self.normaliser = normaliser
        self.header = Header()
        self.doc_type = "unknown"
        self.labelled = False  # a labelled field (van:/From:/...) has been read
        self.width = width  # typical width of a full line of running text
        self.last_rule: str | None = None
        self.warnings: list[tuple[str, Span, str]] = []  # (code, span, message)
        self.markers: list[Span] = markers if markers is not None else []  # footnote markers, in source order
        self.marker_starts = [m.start for m in self.markers]

    def markers_in(self, spans: list[Span]) -> list[Span]:
        starts = self.marker_starts
        out: list[Span] = []
        for seg in spans:
            k = bisect.bisect_left(starts, seg.start)
            while k < len(self.markers) and self.markers[k].end <= seg.end:
                out.append(self.markers[k])
                k += 1
        return out

    def field(self, spans: list[Span], *, label: str | None = None, label_span: Span | None = None, value: str | None = None) -> HeaderField:
        text = self.normaliser.text_of(spans, self.markers_in(spans))
        span = whole(spans) if spans else Span(start=0, end=0)
        return HeaderField(label=label, label_span=label_span, text=text, value=value, span=span, segments=spans)


# A rule takes the state and the index of the line; returns the index after the last line it claimed, or None.
HeaderRule = Callable[[HeaderState, int], "int | None"]


def doc_type_rule(state: HeaderState, i: int) -> int | None:
    fl = state.lines[i]
    if state.header.doc_type_label is not None:
        return None
    m = state.language.patterns.doc_type.match(fl.text)
    if not m:
        return None
    label = m.group("label")
    start = fl.content_start + m.start("label")
    state.header.doc_type_label = state.field([Span(start=start, end=start + len(label))])
    state.doc_type = doc_type_of(state.language, label) or "unknown"
    return i + 1


def _fuzzy_budget(word: str) -> int:
    return len(word) // 5


def fuzzy_title(candidate: str, titles: list[str]) -> str | None:
    """The title that ``candidate`` (a short line) is a damaged copy of, if any.

    Spaces and U+FFFD are ignored; a title matches with at most ``len // 5``
    edits.  Only called on short lines, so the cost stays bounded.
    """
    squashed = "".join(ch for ch in candidate if not ch.isspace() and ch != "\ufffd")
    if not squashed or len(candidate) > MAX_FUZZY_LINE:
        return None
    for title in sorted(titles, key=len, reverse=True):
        target = "".join(title.split())
        budget = _fuzzy_budget(target)
        if budget == 0 or abs(len(target) - len(squashed)) > budget:
            continue
        if regex.fullmatch(rf"(?:{regex.escape(target)}){{e<={budget}}}", squashed, flags=regex.I | regex.BESTMATCH):
            return title
    return None


MAX_FUZZY_LINE = 60


def fuzzy_doc_type_rule(state: HeaderState, i: int) -> int | None:
    fl = state.lines[i]
    if state.header.doc_type_label is not None or not fl.text.isupper():
        return None
    title = fuzzy_title(fl.text, list(state.language.doc_types))
    if title is None:
        return None
    state.header.doc_type_label = state.field([fl.content])
    state.doc_type = state.language.doc_types[title]
    state.warnings.append(("LAY005", fl.content, f"document type {fl.text!r} read as {title!r} (damaged in extraction)"))
    return i + 1


def _is_piece(fl: FlowLine) -> bool:
    """True for a virtual line that is only part of its physical line (flattened text)."""
    line = fl.layout
    return fl.content_start != line.content_start or fl.content_end != line.content_end


def _continues(state: HeaderState, value_lines: list[FlowLine], k: int) -> bool:
    """Whether line ``k`` continues the value read so far in ``value_lines``."""
    nxt = state.lines[k]
    if nxt.marker is not None and nxt.marker.style == "number":
        return False
    if nxt.cut is not None:
        return False
    # By its place and case the line continues the value ...
    prev = value_lines[-1].text if value_lines else ""
    lower_continuation = bool(prev) and prev[-1] not in ".:;" and nxt.text[:1].islower()
    if value_lines and _is_piece(value_lines[-1]):
        placed = lower_continuation
    elif nxt.gap_before == 0 and not nxt.page_break_before and not nxt.interrupted_before:
        placed = True
    else:
        placed = lower_continuation
    if not placed:
        return False
    # ... unless it is a header item of its own (the patterns are tried last: the line after a value is mostly
    # placed apart from it already).
    if is_header_start(state, k) or _body_opener(state, nxt):
        return False
    if state.header.number is None and identifiers.full_doc_number(nxt.text) is not None:
        return False  # a Council number alone on its line is the document's number, not part of a value
    return True


def is_header_start(state: HeaderState, k: int) -> bool:
    """Whether line ``k`` starts a header item: a label, a document type or an annex heading."""
    p = state.language.patterns
    text = state.lines[k].text
    if p.label.match(text) or p.doc_type.match(text) or p.annex_heading(text):
        return True
    return _colonless_label(state, k) is not None


_COLONLESS: dict[str, regex.Pattern] = {}


def _colonless_label(state: HeaderState, k: int) -> regex.Match | None:
    """A label whose colon was lost (``to Council``) on line ``k``, accepted only right before a labelled line."""
    p = state.language.patterns
    if not state.labelled:
        return None
    # the next line's test first: its pattern is compiled already, and most lines are not followed by a label
    if k + 1 >= len(state.lines) or not p.label.match(state.lines[k + 1].text):
        return None
    pattern = _COLONLESS.get(state.language.code)
    if pattern is None:
        words = sorted((w for ws in state.language.labels.values() for w in ws), key=len, reverse=True)
        pattern = _COLONLESS[state.language.code] = regex.compile(
            rf"(?i)^(?P<label>{'|'.join(regex.escape(w) for w in words)})[ \t]+(?=\S)")
    return pattern.match(state.lines[k].text)


def label_block_rule(state: HeaderState, i: int) -> int | None:
    """Labels printed as a block, then their values (see the module docstring)."""
    p = state.language.patterns
    labels: list[tuple[FlowLine, regex.Match]] = []
    j = i
    while j < len(state.lines):
        m = p.label.match(state.lines[j].text)
        if not m or m.end() != len(state.lines[j].text):
            break
        labels.append((state.lines[j], m))
        j += 1
    if len(labels) < 2:
        return None
    values: list[list[FlowLine]] = []
    while j < len(state.lines) and len(values) < len(labels):
        fl = state.lines[j]
        if fl.marker is not None or is_header_start(state, j) or fl.cut is not None or _body_opener(state, fl):
            break
        values.append([fl])
        j += 1
        if len(values) == len(labels):
            while j < len(state.lines) and _continues_block_value(state, values[-1], j):
                values[-1].append(state.lines[j])
                j += 1
    for k, (fl, m) in enumerate(labels):
        label_text = m.group("label")
        label_end = m.end("colon") if m.groupdict().get("colon") is not None else m.end("label")
        label_span = Span(start=fl.content_start + m.start("label"), end=fl.content_start + label_end)
        key = p.label_fields[label_key(label_text)]
        if k < len(values):
            _assign(state, key, segments(values[k]), label_text, label_span)
        else:  # keep the label (it is source text) with an empty value, and say so
            _assign(state, key, [Span(start=label_span.end, end=label_span.end)], label_text, label_span)
            state.warnings.append(("HDR003", label_span, f"label {label_text!r} printed without a value"))
    state.labelled = True
    return j


def _body_opener(state: HeaderState, fl: FlowLine) -> bool:
    return state.language.patterns.body_opener_at(fl.text) is not None


def _continues_block_value(state: HeaderState, value_lines: list[FlowLine], k: int) -> bool:
    """Whether line ``k`` continues the value of the last label of a block (see ``label_block_rule``)."""
    nxt = state.lines[k]
    if nxt.text[:1] in "\u2013\u2014" and not (nxt.interrupted_before or nxt.page_break_before or nxt.cut):
        return True  # '– Annotated draft agenda': the dash continues a subject
    if nxt.marker is not None or nxt.interrupted_before or nxt.page_break_before or nxt.cut is not None:
        return False
    if is_header_start(state, k) or _body_opener(state, nxt):
        return False
    first = nxt.text[:1]
    if first in "\u2013\u2014-" or first.islower():
        return True
    prev = value_lines[-1].text
    return len(nxt.text) < 0.6 * state.width and prev[-1:] not in ".;:" and nxt.text[-1:] not in ".;:"


def label_rule(state: HeaderState, i: int) -> int | None:
    fl = state.lines[i]
    m = state.language.patterns.label.match(fl.text) or _colonless_label(state, i)
    if not m:
        return None
    key = state.language.patterns.label_fields[label_key(m.group("label"))]
    label_start = fl.content_start + m.start("label")
    # The label span covers the printed label with its colon ("van:"); ``label`` is the word alone.
    label_end = m.end("colon") if m.groupdict().get("colon") is not None else m.end("label")
    label_span = Span(start=label_start, end=fl.content_start + label_end)
    label_text = m.group("label")
    value_start = fl.content_start + m.end()
    state.labelled = True  # before reading the value: a colonless label may end it
    j = i + 1
    value_lines: list[FlowLine] = [fl]
    while j < len(state.lines) and _continues(state, value_lines, j):
        value_lines.append(state.lines[j])
        j += 1
    spans = segments(value_lines)
    spans[0] = Span(start=value_start, end=spans[0].end)
    if spans[0].start >= spans[0].end:
        spans = spans[1:] or [Span(start=value_start, end=value_start)]
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
        # (a residue of blanks only is a list: the separator pattern, which only takes text away, is not needed)
        if found and (not residue.strip() or not _list_separators(state.language.code).sub("", residue).strip()):
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
    if pattern is None:
        return None
    h = state.header
    m = pattern.match(fl.text) if h.institution is None else None
    if m and len(fl.text.strip()) <= len(m.group("name")) + 2:
        start = fl.content_start + m.start("name")
        h.institution = state.field([Span(start=start, end=start + len(m.group("name")))])
        return i + 1
    if h.institution is not None and state.last_rule != "institution_rule":
        return None  # a name read before, and not right before this line: nothing to add to
    part = _institution_part(state, fl.text)
    if part is not None:
        if h.institution is None:
            h.institution = state.field([fl.content])
        else:
            spans = h.institution.segments + [fl.content]
            h.institution = state.field(spans)
        if part == "fuzzy":
            state.warnings.append(("LAY005", fl.content, f"institution name {fl.text!r} matched approximately (damaged in extraction)"))
        return i + 1
    return None


def _institution_part(state: HeaderState, line: str) -> str | None:
    """'exact' when ``line`` is a two-word-or-longer start or end of an institution name, 'fuzzy' when damaged."""
    words = line.casefold().split()
    if not words or len(line) > MAX_FUZZY_LINE:
        return None
    names = state.language.words("institution")
    for name in names:
        nw = name.casefold().split()
        for k in range(2, len(nw)):
            if words == nw[:k] or words == nw[-k:]:
                return "exact"
    if line.isupper() or "\ufffd" in line:
        all_pieces = names + [" ".join(n.split()[:k]) for n in names for k in range(2, len(n.split()))]
        all_pieces += [" ".join(n.split()[-k:]) for n in names for k in range(2, len(n.split()))]
        if fuzzy_title(line, all_pieces) is not None:
            return "fuzzy"
    return None


def date_rule(state: HeaderState, i: int) -> int | None:
    """``Brussel, 12 juli 2007 (18.06) (OR. fr)``: place, date (ISO value), distribution date, original language.

    Nothing is assigned unless the whole line is read: a line with other text after the date is not a date line.
    """
    fl = state.lines[i]
    pattern = state.language.patterns.date
    if state.header.date is not None or pattern is None or not state.language.words("places"):
        return None
    pm = _place_pattern(state.language.code).match(fl.text)
    if not pm:
        return None
    dm = pattern.match(fl.text, pm.end())
    damaged = None
    if not dm:
        dm = LOOSE_DATE.match(fl.text, pm.end())
        if not dm or len(dm.group("month")) < 4:
            return None
        damaged = fuzzy_title(dm.group("month"), state.language.months)
        if damaged is None:
            return None
    rest = TRAILER.match(fl.text, dm.end())
    if rest is None:
        return None
    base = fl.content_start
    month = state.language.month_number(damaged or dm.group("month"))
    year, day = identifiers.number_value(dm.group("year")), identifiers.number_value(dm.group("day"))
    iso = f"{year:04d}-{month:02d}-{day:02d}" if None not in (year, month, day) else None
    try:
        datetime.date.fromisoformat(iso or "")
    except ValueError:  # "31 February" (or an unreadable digit): kept as printed, no ISO value (REF005)
        iso = None
    state.header.place = state.field([Span(start=base + pm.start("place"), end=base + pm.end("place"))])
    # The date as printed, with its article ("den 13. juni", "le 17 juillet").
    state.header.date = state.field([Span(start=base + pm.start("date"), end=base + dm.end())], value=iso)
    if damaged:
        state.warnings.append(("LAY005", Span(start=base + dm.start("month"), end=base + dm.end("month")),
                               f"month {dm.group('month')!r} read as {damaged!r} (damaged in extraction)"))
    if rest.group("distribution"):
        d = Span(start=base + rest.start("distribution"), end=base + rest.end("distribution"))
        state.header.other_fields.append(state.field([d], value="distribution_date"))
    if rest.group("original"):
        o = Span(start=base + rest.start("original"), end=base + rest.end("original"))
        if state.header.original_language is None:
            state.header.original_language = state.field([o], value=rest.group("langs"))
        else:
            state.header.other_fields.append(state.field([o], value="original_language"))
    return i + 1


# What may follow the date on a date line: the distribution date "(18.06)" and the original language "(OR. en)".
TRAILER = LazyPattern(
    r"[ \t]*+(?P<distribution>\(\d{1,2}\.\d{1,2}\))?[ \t]*+"
    r"(?P<original>\(OR\.[ \t]*+(?P<langs>[a-z]{2}(?:[ \t]*+,[ \t]*+[a-z]{2})*+)\))?[ \t]*+$"
)


@cache
def _list_separators(code: str) -> regex.Pattern:
    """What may stand between the numbers of a list: punctuation and the language's conjunctions (``en``)."""
    from .languages import get

    words = "|".join(regex.escape(w) for w in sorted(get(code).words("list_conjunctions"), key=len, reverse=True))
    return regex.compile(r"(?i)[\s,;+&]++" + (rf"|(?<![\p{{L}}])(?:{words})(?![\p{{L}}])" if words else ""))


@cache
def _place_pattern(code: str) -> regex.Pattern:
    """Place, an optional comma, then the start of the date with its article from the table (``den``, ``le``)."""
    from .languages import get

    lang = get(code)
    places = "|".join(regex.escape(p) for p in lang.words("places"))
    articles = "|".join(regex.escape(a) for a in lang.words("date_articles"))
    article = rf"(?:(?:{articles})[ \t]+)?" if articles else ""
    return regex.compile(rf"^(?P<place>{places}),?[ \t]*(?P<date>){article}")


LOOSE_DATE = LazyPattern(r"(?P<day>\d{1,2})\.?[ \t]*(?P<month>\p{L}{3,12})[ \t]*(?P<year>\d{4})")


def _original_language(text: str) -> regex.Match | None:
    return ORIGINAL_LANGUAGE.match(text) if text.startswith("(OR.") else None


def _marking(text: str) -> regex.Match | None:
    return MARKINGS.match(text) if text.startswith(_MARKING_STARTS) else None


def original_language_rule(state: HeaderState, i: int) -> int | None:
    fl = state.lines[i]
    if state.header.original_language is not None:
        return None
    m = _original_language(fl.text)
    if not m:
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
    if not CODES_LINE.match(fl.text):
        return None
    number_next = i + 1 < len(state.lines) and identifiers.full_doc_number(state.lines[i + 1].text) is not None
    if state.header.number is None and not number_next:
        return None
    if state.header.codes and state.last_rule not in ("codes_rule", "number_rule"):
        return None
    for m in CODE_PAIR.finditer(fl.text):
        s = fl.content_start + m.start()
        state.header.codes.append(state.field([Span(start=s, end=fl.content_start + m.end())], value=f"{m.group('code')} {m.group('n')}"))
    return i + 1


def interinstitutional_file_rule(state: HeaderState, i: int) -> int | None:
    """An interinstitutional file number printed without its label."""
    fl = state.lines[i]
    if state.header.interinstitutional_file is not None:
        return None
    m = identifiers.INTERINSTITUTIONAL_FILE.fullmatch(fl.text)
    if not m:
        return None
    state.header.interinstitutional_file = state.field(
        [fl.content], value=f"{m.group('year')}/{m.group('seq')} ({m.group('proc')})")
    return i + 1


def marking_rule(state: HeaderState, i: int) -> int | None:
    fl = state.lines[i]
    if state.header.marking is not None:
        return None
    m = _marking(fl.text)
    if not m:
        return None
    state.header.marking = state.field([fl.content], value=m.group("marking"))
    return i + 1


HEADER_RULES: list[HeaderRule] = [
    doc_type_rule,
    label_block_rule,
    label_rule,
    institution_rule,
    date_rule,
    original_language_rule,
    number_rule,
    codes_rule,
    marking_rule,
    interinstitutional_file_rule,
    fuzzy_doc_type_rule,
]


class HeaderResult(NamedTuple):
    """What :func:`read_header` gives (a named tuple: an immutable record, cheaper to define than a dataclass)."""

    header: Header
    doc_type: str
    body_start: int  # index into the flow lines
    unclaimed: list[FlowLine]
    warnings: list[tuple[str, Span, str]]  # (diagnostic code, span, message)


def _looks_like_header(state: HeaderState, fl: FlowLine) -> bool:
    """True when ``fl`` is a header item by its form alone (no state is changed)."""
    p = state.language.patterns
    text = fl.text
    return bool(
        fl.cut in ("header", "label")
        or p.label.match(text) or p.doc_type.match(text) or identifiers.full_doc_number(text)
        or CODES_LINE.match(text) or _original_language(text) or _marking(text)
        or (p.date is not None and state.language.words("places") and _place_pattern(state.language.code).match(text))
    )


def read_header(
    lines: list[FlowLine], language: Language, normaliser: Normaliser, width: float = 0.0, markers: list[Span] | None = None
) -> HeaderResult:
    """Read the header from the top of ``lines`` (see the module docstring); ``markers`` are left out of texts."""
    state = HeaderState(lines=lines, language=language, normaliser=normaliser, width=width,
                        markers=sorted(markers or [], key=lambda m: m.start))
    claimed_until = 0
    unclaimed: list[FlowLine] = []
    pending: list[FlowLine] = []
    i = 0
    annex_heading = language.patterns.annex_heading
    while i < len(lines):
        fl = lines[i]
        if annex_heading(fl.text) or (fl.marker is not None and fl.marker.style == "number"):
            break
        if fl.cut in ("body", "paragraph", "footnote") or (claimed_until > 0 and _body_opener(state, fl)):
            break
        nxt = None
        for rule in HEADER_RULES:
            nxt = rule(state, i)
            if nxt is not None:
                state.last_rule = rule.__name__
                break
        if nxt is None:
            if claimed_until > 0:
                if i + 1 < len(lines) and _looks_like_header(state, lines[i + 1]):
                    unclaimed.append(fl)
                    i += 1
                    continue
                break
            pending.append(fl)
            i += 1
            continue
        unclaimed.extend(pending)
        pending = []
        i = claimed_until = nxt
    return HeaderResult(header=state.header, doc_type=state.doc_type, body_start=claimed_until, unclaimed=unclaimed,
                        warnings=state.warnings)
