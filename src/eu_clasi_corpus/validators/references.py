"""REF: Council document numbers, internal references and dates.

Takes a :class:`~eu_clasi_corpus.validators.context.Context`; gives REF diagnostics.

* **Document numbers** (REF001 malformed, REF002 revision counters disagree,
  REF003 a previous document is the document itself): the header's previous
  documents and own number; in running text, what follows a document cue word
  (``Doc.``, ``document``: ``document_cues`` in the language table) and any
  number that carries a suffix (``12517/1/23 REV 2``).
* **Internal references** (REF004): a paragraph cue (``punt``, ``paragraph``)
  or footnote cue (``voetnoot``) followed by numbers (``punten 3 en 4``,
  ``points 2 to 5``) must name an existing paragraph / footnote.  A reference
  followed by an external qualifier (``van de Verordening``: the language's
  ``external_reference_qualifiers``) points into another text and is not
  checked; paragraph references are not checked in a document without numbered
  paragraphs (``punt 5`` of an agenda, say).
* **Dates** (REF005): ``day month year`` with the language's month names, and
  ISO ``YYYY-MM-DD``, must exist in the calendar.

The text checks read the source (content-node regions only, markers excluded)
and are skipped without it; the header checks run on the model alone.  Every
finding holds a digit outside the region's excluded spans, so a region without
one (most: a paragraph's only digits are often its number) is not scanned at
all (see :func:`_holds_digit`).  In a region that is, the cue patterns are not
tried at every position: the places where a cue can begin are found by string
search (see :class:`_Cue`) and the pattern is tried only there, which gives the
same matches as scanning the region.
"""

from __future__ import annotations

import bisect
import datetime
import string
from dataclasses import dataclass
from functools import cache

import regex

from .. import identifiers, languages, latin1
from ..languages import Language
from ..model import Span
from .context import Context, Region, span_start

_ISO_DATE = regex.compile(r"(?<![\p{N}\-/.])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\p{N}])")
_NUMBER = r"\d{1,3}+(?![\p{N}/]|[.,]\p{N})"
_DIGIT_RUN = regex.compile(r"\d++")
_SPACE_RUN = regex.compile(r"\s+")


def _alternation(words: list[str]) -> str:
    return "|".join(regex.escape(w).replace(r"\ ", r"\s++") for w in sorted(set(words), key=len, reverse=True))


# The characters outside ASCII that the ``regex`` module's ``(?i)`` matches to an ASCII character: dotted capital I,
# dotless small i, long s, Kelvin sign (tests/test_validate.py checks this against the installed ``regex``).
_ASCII_CASE_EXTRAS = "\u0130\u0131\u017f\u212a"


def _lowered_for_search(text: str) -> str | None:
    """``text`` lower-cased so that it can stand in for a case-insensitive search of ASCII words, else None.

    In a text without :data:`_ASCII_CASE_EXTRAS`, ``(?i)`` matches an ASCII word exactly where the lower-cased
    text holds the word in lower case, at the same offset (``str.lower`` changes the length of no other
    character than the dotted capital I).  A Latin-1 text holds none of them, and lowering its A-Z alone (as
    ``bytes.lower`` does, several times faster than ``str.lower``) is enough for that.
    """
    lowered = latin1.ascii_lowered(text)
    if lowered is not None:
        return lowered
    return None if any(c in text for c in _ASCII_CASE_EXTRAS) else text.lower()


_ASCII_LETTERS_AND_DIGITS = frozenset(string.ascii_letters + string.digits)


@dataclass(frozen=True)
class _Cue:
    """A case-insensitive pattern that begins a word with one of its cue words, and where in a text it can match.

    A match starts where one of the cues does, so where the cue's first word (its text up to the first space, which
    :func:`_alternation` makes ``\\s++``) does, after neither a letter nor a digit.  :meth:`starts` finds those
    places in a text or a part of it, and :meth:`matches` tries the pattern only there.  (The ``regex`` module tries an
    alternation of case-insensitive words at every position, and searches for a single short one almost as
    slowly; ``str.find`` in the lower-cased text, :func:`_lowered_for_search`, finds an ASCII word in microseconds.)
    """

    pattern: regex.Pattern
    first_words: tuple[str, ...]  # none begins with another

    @classmethod
    def of(cls, not_after: str, cues: list[str], rest: str) -> "_Cue":
        """``(?i)(?<![{not_after}])(?:{cue alternation}){rest}``; ``not_after`` holds at least letters and digits."""
        assert not_after.startswith(r"\p{L}\p{N}"), "a cue starts a word"
        kept: list[str] = []
        for word in sorted({cue.split(" ")[0] for cue in cues}, key=len):
            if not any(word.startswith(k) for k in kept):  # where "documents" matches, "doc" does
                kept.append(word)
        return cls(regex.compile(f"(?i)(?<![{not_after}])(?:{_alternation(cues)}){rest}"), tuple(kept))

    def starts(self, text: str, lowered: str | None, start: int = 0, end: int | None = None) -> list[int]:
        """Every place in ``text`` (in ``text[start:end]``: a match there starts at one of those) where a first
        word matches case-insensitively and no ASCII letter or digit comes before it, in order (a superset of the
        match starts); ``lowered`` is :func:`_lowered_for_search` of ``text``."""
        end = len(text) if end is None else end
        found: set[int] = set()
        for word in self.first_words:
            if lowered is not None and word.isascii():
                key = word.lower()
                at = lowered.find(key, start, end)
                while at != -1:
                    found.add(at)
                    at = lowered.find(key, at + 1, end)
            else:
                found.update(m.start() for m in _case_insensitive(word).finditer(text, start, end, overlapped=True))
        return sorted(at for at in found if at == 0 or text[at - 1] not in _ASCII_LETTERS_AND_DIGITS)

    def matches(self, text: str, starts: list[int], start: int, end: int) -> list[regex.Match]:
        """The matches of ``pattern.finditer(text, start, end)``, found by trying the pattern only at ``starts``."""
        first = bisect.bisect_left(starts, start)
        if first == len(starts) or starts[first] >= end:
            return []  # the usual case
        out: list[regex.Match] = []
        pos = start
        for at in starts[first : bisect.bisect_left(starts, end, first)]:
            if at < pos:
                continue  # inside the previous match
            m = self.pattern.match(text, at, end)
            if m is not None:
                out.append(m)
                pos = m.end()
        return out


@cache
def _case_insensitive(word: str) -> regex.Pattern:
    return regex.compile("(?i)" + regex.escape(word))


@dataclass(frozen=True)
class _Patterns:
    """The REF patterns of one language; None where its table has no words for them."""

    date: regex.Pattern | None
    months: list[str]  # lower case, January first
    references: dict[str, _Cue | None]  # "paragraph" / "footnote": cue words then numbers
    external: regex.Pattern | None
    document: _Cue | None  # a document cue word before a number
    list_separator: regex.Pattern


@cache
def _patterns(code: str) -> _Patterns:
    lang: Language = languages.get(code)
    months = lang.months
    pattern = lang.data.get("date_pattern")
    date = (
        regex.compile(r"(?<![\p{N}])(?:" + pattern.replace("{months}", _alternation(months)) + r")(?![\p{N}])", regex.I)
        if months and pattern
        else None
    )
    conj = lang.words("list_conjunctions")
    separator = r"(?:[,\-\u2013]" + (r"|(?<=\s)(?:" + _alternation(conj) + r")(?=\s)" if conj else "") + ")"
    numbers = rf"(?P<numbers>{_NUMBER}(?:\s*+{separator}\s*+{_NUMBER})*+)"
    references: dict[str, _Cue | None] = {}
    for kind in ("paragraph", "footnote"):
        cues = lang.words(f"{kind}_cues")
        references[kind] = _Cue.of(r"\p{L}\p{N}\-/", cues, rf"\s++{numbers}") if cues else None
    qualifiers = lang.words("external_reference_qualifiers")
    doc_cues = lang.words("document_cues")
    return _Patterns(
        date=date,
        months=[languages.caseless(m) for m in months],
        references=references,
        external=regex.compile(rf"(?i)\s*+,?\s*+(?:{_alternation(qualifiers)})(?![\p{{L}}])") if qualifiers else None,
        document=_Cue.of(r"\p{L}\p{N}", doc_cues, rf"(?:(?<=\.)\s*+|\s++)(?=\p{{N}}|{identifiers.SERIES})")
        if doc_cues
        else None,
        list_separator=regex.compile(rf"\s*+(?:,|\+|{_alternation(conj)})\s*+" if conj else r"\s*+[,+]\s*+", regex.I),
    )


# --- document numbers -------------------------------------------------------------------------


def _report_number(ctx: Context, span: Span, printed: str, number: identifiers.CouncilDocNumber | None) -> None:
    if number is None:
        ctx.report("REF001", span, f"{printed!r} is not a well-formed Council document number",
                   hint="expected [SERIES ]NUMBER[/REV]/YY[ SUFFIX n], e.g. 12517/23 or 12517/1/23 REV 1")
        return
    if number.revision_conflict:
        rev = next(n for kind, n in number.suffixes if kind == "REV" and n is not None)
        ctx.report("REF002", span, f"{printed!r}: revision counter {number.revision} in the number but REV {rev} in the suffix",
                   hint=f"a revision number reads {number.number}/{rev}/{number.year % 100:02d} REV {rev}")
        return
    problems = number.problems()
    if problems:
        ctx.report("REF001", span, f"{printed!r}: " + "; ".join(problems))


def check_header(ctx: Context) -> None:
    h = ctx.doc.header
    own: identifiers.CouncilDocNumber | None = None
    if h.number is not None:
        own = identifiers.full_doc_number(h.number.text)
        _report_number(ctx, h.number.span, h.number.text, own)
    for field in h.previous_documents:
        if not field.text.strip():
            continue  # an empty field is HDR003's business
        number = identifiers.full_doc_number(field.text)
        _report_number(ctx, field.span, field.text, number)
        if number is not None and own is not None and number.canonical == own.canonical:
            ctx.report("REF003", field.span, f"the previous document {field.text!r} is this document's own number")


def _overlaps(span: tuple[int, int], exclude: tuple[Span, ...]) -> bool:
    return any(s.start < span[1] and span[0] < s.end for s in exclude)


def _scan_document_numbers(ctx: Context, region: Region, pats: _Patterns, cue_starts: list[int]) -> None:
    text, start, end = ctx.text, region.span.start, region.span.end
    checked: set[int] = set()
    if pats.document is not None:
        for m in pats.document.matches(text, cue_starts, start, end):
            pos = m.end()
            while True:
                cand = identifiers.DOC_NUMBER_CANDIDATE.match(text, pos, end)
                if cand is None:
                    break
                printed = cand.group(0)
                if identifiers.looks_like_doc_number(printed) and not _overlaps(cand.span(), region.exclude):
                    checked.add(cand.start())
                    _report_number(ctx, Span(start=cand.start(), end=cand.end()), printed, identifiers.full_doc_number(printed))
                sep = pats.list_separator.match(text, cand.end(), end)
                if sep is None:
                    break
                pos = sep.end()
    if text.find("/", start, end) == -1:
        return  # every match of COUNCIL_DOC holds a slash
    for m in identifiers.COUNCIL_DOC.finditer(text, start, end):
        if m.start() in checked or not (m.group("suffixes") or "").strip() or _overlaps(m.span(), region.exclude):
            continue
        _report_number(ctx, Span(start=m.start(), end=m.end()), m.group(0), identifiers.parse_doc_number(m))


# --- internal references -------------------------------------------------------------------------


def _targets(ctx: Context) -> dict[str, set[int]]:
    paragraphs = {identifiers.number_value(p.number) for p in ctx.doc.paragraphs() if p.number} - {None}
    footnotes = {identifiers.number_value(f.number) for f in ctx.doc.footnotes} - {None}
    return {"paragraph": paragraphs, "footnote": footnotes}


def _describe(kind: str, existing: set[int]) -> str:
    if not existing:
        return f"the document has no numbered {kind}s"
    ordered = sorted(existing)
    if ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{kind}s {ordered[0]}-{ordered[-1]} exist" if len(ordered) > 1 else f"only {kind} {ordered[0]} exists"
    return f"existing {kind}s: {', '.join(map(str, ordered))}"


def _scan_internal_references(
    ctx: Context, region: Region, pats: _Patterns, targets: dict[str, set[int]], cue_starts: dict[str, list[int]]
) -> None:
    text, start, end = ctx.text, region.span.start, region.span.end
    for kind in ("paragraph", "footnote"):
        cue = pats.references[kind]
        if cue is None or (kind == "paragraph" and not targets[kind]):
            continue
        for m in cue.matches(text, cue_starts[kind], start, end):
            if _overlaps(m.span(), region.exclude):
                continue
            if pats.external is not None and pats.external.match(text, m.end(), end):
                continue
            for n in _DIGIT_RUN.finditer(m.group("numbers")):
                value = identifiers.number_value(n.group(0))
                if value is None or value in targets[kind]:
                    continue  # (a digit Python cannot read is no number)
                at = m.start("numbers") + n.start()
                ctx.report("REF004", Span(start=at, end=at + len(n.group(0))),
                           f"reference to {kind} {value}, which does not exist ({_describe(kind, targets[kind])})",
                           hint=f"check the number, or whether the {kind} was lost in extraction")


# --- dates ---------------------------------------------------------------------------------------------


def _scan_dates(ctx: Context, region: Region, pats: _Patterns) -> None:
    text, start, end = ctx.text, region.span.start, region.span.end
    found: list[tuple[regex.Match, int | None, int | None, int | None]] = []
    if pats.date is not None:
        for m in pats.date.finditer(text, start, end):
            month = pats.months.index(languages.caseless(_SPACE_RUN.sub(" ", m.group("month")))) + 1
            found.append((m, identifiers.number_value(m.group("year")), month, identifiers.number_value(m.group("day"))))
    if text.find("-", start, end) != -1:  # (every ISO date holds a hyphen)
        for m in _ISO_DATE.finditer(text, start, end):
            found.append((m, *(identifiers.number_value(m.group(g)) for g in ("year", "month", "day"))))
    for m, year, month, day in found:
        if _overlaps(m.span(), region.exclude) or None in (year, month, day):
            continue  # (a digit Python cannot read makes no date)
        try:
            datetime.date(year, month, day)
        except ValueError as exc:
            printed = " ".join(m.group(0).split())
            ctx.report("REF005", Span(start=m.start(), end=m.end()), f"{printed!r} is not a date in the calendar ({exc})")


_NUMBER_FIELDS = {"previous_documents", "number"}


def _holds_digit(text: str, flags: bytes | None, region: Region) -> bool:
    """Whether ``region`` holds a digit (``\\d``) outside its excluded spans; ``flags``: :func:`latin1.char_flags`.

    Every finding of the scans does: a match that overlaps an excluded span is skipped, and each holds a digit
    (Council numbers, reference numbers and ISO dates by their patterns, a date of the language's pattern by the
    day and year it must read as numbers; no pattern captures a group in a look-around).
    """
    pos, end = region.span.start, region.span.end
    for s in sorted(region.exclude, key=span_start) if len(region.exclude) > 1 else region.exclude:
        stop = min(s.start, end)
        if pos < stop and _finds_digit(text, flags, pos, stop):
            return True
        pos = max(pos, s.end)
    return pos < end and _finds_digit(text, flags, pos, end)


def _finds_digit(text: str, flags: bytes | None, start: int, end: int) -> bool:
    return flags.find(b"d", start, end) != -1 if flags is not None else _DIGIT_RUN.search(text, start, end) is not None


def check(ctx: Context) -> None:
    check_header(ctx)
    if not ctx.has_text:
        return
    pats = _patterns(ctx.language.code)
    targets: dict[str, set[int]] | None = None  # made for the first region with a reference cue
    text = ctx.text
    lowered = _lowered_for_search(text)
    flags = latin1.char_flags(text)
    for region in ctx.regions():
        if region.owner in _NUMBER_FIELDS or not _holds_digit(text, flags, region):
            continue  # (every finding holds a digit outside the excluded spans: most regions hold none)
        start, end = region.span.start, region.span.end
        # Where the cue patterns can match in the region (an empty list where a pattern is not used); a scan finds
        # nothing in a region where none of its patterns can start.
        document_starts = pats.document.starts(text, lowered, start, end) if pats.document is not None else []
        if document_starts or text.find("/", start, end) != -1:
            _scan_document_numbers(ctx, region, pats, document_starts)
        reference_starts = {kind: cue.starts(text, lowered, start, end) if cue is not None else [] for kind, cue in pats.references.items()}
        if any(reference_starts.values()):
            targets = _targets(ctx) if targets is None else targets
            _scan_internal_references(ctx, region, pats, targets, reference_starts)
        _scan_dates(ctx, region, pats)
