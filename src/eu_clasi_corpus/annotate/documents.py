"""Document references: ``council_document`` annotations with a canonical value.

Takes the content view, the language code and the document; gives one
annotation per reference, its ``rule`` saying which kind it is:

``header-field``        a header value that is a Council number (``nr. vorig doc.: 12517/1/23 REV 1``);
``cue``                 a bare Council number after a cue word (``Doc. 11301/23``), and further numbers
                        joined to it by a list joiner (``docs. 8677/12 en 9599/15``, rule ``cue-list``);
``full-form``           a Council number whose form cannot be a date or a page reference: a series
                        (``ST``, ``EUCO``, ...) or a suffix (``REV``, ``ADD``, ...);
``commission-document`` ``COM(2023) 123 final`` (also SEC, SWD, JOIN) → value ``COM(2023) 123 final``;
``official-journal``    ``PB L 119 van 4.5.2016, blz. 1`` → value ``OJ L 119, 2016-05-04, p. 1``;
``interinstitutional-file`` ``2023/0123 (COD)`` → value ``2023/0123 (COD)``.

A bare ``12519/23`` in running text without a cue is not annotated: it may be a
date or a page reference (``council-conventions.md`` 1.1).  Council numbers
use :mod:`eu_clasi_corpus.identifiers`; values are their ``canonical`` form.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import regex

from .. import identifiers, languages
from ..model import Document
from .data import for_language
from .records import Record
from .scan import matches_at, occurrences
from .view import ContentView

_COMMISSION_SERIES = ("COM", "SEC", "SWD", "JOIN")
_COMMISSION = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}])(?P<series>{'|'.join(_COMMISSION_SERIES)})[ \t]*+\([ \t]*+(?P<year>(?:19|20)\d{{2}})[ \t]*+\)[ \t]*+(?P<number>\d{{1,4}})(?![\p{{N}}])"
)


class _Patterns(dict):
    """The patterns of a language by name, each compiled the first time it is asked for (most notes need only some:
    ``regex`` compiles slowly), and the journal words that start an Official Journal reference."""

    def __init__(self, sources: dict[str, str], journals: list[str]) -> None:
        super().__init__()
        self.sources, self.journals = sources, journals

    def __missing__(self, name: str) -> regex.Pattern:
        pattern = self[name] = regex.compile(self.sources[name])
        return pattern


@cache
def _patterns(language: str) -> _Patterns:
    cues = for_language("cues", language)

    def alt(words: list[str]) -> str:
        """An alternation of ``words``, longest first; one that never matches when there are none."""
        return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"

    document_cues = languages.get(language).words("document_cues") if language in languages.codes() else []

    oj = cues.get("oj", {})
    journals = oj.get("journal", ["OJ"])
    return _Patterns({
        # a cue right before the number (the number itself is matched by identifiers.COUNCIL_DOC)
        "cue": rf"(?i)(?<![\p{{L}}\p{{N}}])(?:{alt(document_cues)})[ \t]*+:?[ \t]*+$",
        "joiner": rf"(?i)^\s*+(?:{alt(cues['list_joiners'])})\s*+$",
        "final": rf"\s++(?P<final>{alt(cues['final_words'])})(?![\p{{L}}])",
        "oj": rf"""(?x)(?<![\p{{L}}\p{{N}}])(?:{alt(journals)})\s++(?P<series>L|C|CA|CE|LI|CI)\s++(?P<number>\d{{1,4}}[A-Z]?)
            (?:\s*+,?\s*+(?:(?:{alt(oj.get('connectors', ['of']))})\s++)?(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d{{2}}))?
            (?:\s*+,\s*+(?:{alt(oj.get('page', ['p.']))})\s*+(?P<page>\d{{1,4}}))?""",
    }, journals)


def _ann(view: ContentView, start: int, end: int, value: str, rule: str) -> Record:
    return {"type": "council_document", "text": view.surface(start, end), "span": {"start": start, "end": end}, "value": value, "rule": rule}


def records(view: ContentView, language: str, doc: Document | None = None) -> list[Record]:
    """The document references of ``view`` as records (:mod:`.records`)."""
    text = view.masked
    pats = _patterns(language)
    out: list[Record] = []
    taken: set[int] = set()  # starts already annotated

    # header fields whose whole value is a Council number
    if doc is not None:
        fields = list(doc.header.previous_documents) + [f for f in (doc.header.number,) if f is not None]
        for f in fields:
            for seg in f.segments or [f.span]:
                for m in identifiers.COUNCIL_DOC.finditer(text, seg.start, seg.end):
                    number = identifiers.parse_doc_number(m)
                    out.append(_ann(view, m.start(), m.end(), number.canonical, "header-field"))
                    taken.add(m.start())

    iif_spans: list[tuple[int, int]] = []
    for m in identifiers.INTERINSTITUTIONAL_FILE.finditer(text):
        value = f"{m.group('year')}/{m.group('seq')} ({m.group('proc')})"
        out.append(_ann(view, m.start(), m.end(), value, "interinstitutional-file"))
        iif_spans.append((m.start(), m.end()))
        taken.add(m.start())

    previous_end = -1
    previous_was_reference = False
    for m in _council_numbers(text):
        if m.start() in taken:
            previous_end, previous_was_reference = m.end(), True
            continue
        number = identifiers.parse_doc_number(m)
        before = text[max(0, m.start() - 40) : m.start()]
        rule = None
        if pats["cue"].search(before):
            rule = "cue"
        elif previous_was_reference and previous_end >= 0 and pats["joiner"].match(text[previous_end : m.start()]):
            rule = "cue-list"
        elif number.series or number.suffixes:  # a revision counter alone: '20/04/2006' is a date
            rule = "full-form"
        if rule is not None and _plausible(number):
            out.append(_ann(view, m.start(), m.end(), number.canonical, rule))
            previous_end, previous_was_reference = m.end(), True
        else:
            previous_was_reference = False

    # a Commission document starts with its series: tried only where one is printed (see .scan)
    for m in matches_at(_COMMISSION, text, occurrences(text, _COMMISSION_SERIES)):
        number = identifiers.number_value(m.group("number"))
        if number is None:
            continue  # a digit Python cannot read: no number
        end = m.end()
        value = f"{m.group('series')}({m.group('year')}) {number}"
        f = pats["final"].match(text, end)
        if f:
            end = f.end()
            value += " final"
        out.append(_ann(view, m.start(), end, value, "commission-document"))

    # an Official Journal reference starts with a journal word as printed (no case folding): none, no scan
    for m in pats["oj"].finditer(text) if any(w in text for w in pats.journals) else ():
        numbers = {g: identifiers.number_value(m.group(g)) for g in ("year", "month", "day", "page") if m.group(g)}
        if None in numbers.values():
            continue  # a digit Python cannot read: no reference
        value = f"OJ {m.group('series')} {m.group('number')}"
        if m.group("year"):
            value += f", {numbers['year']:04d}-{numbers['month']:02d}-{numbers['day']:02d}"
        if m.group("page"):
            value += f", p. {numbers['page']}"
        out.append(_ann(view, m.start(), m.end(), value, "official-journal"))
    return out


def _council_numbers(text: str) -> Iterator[regex.Match]:
    """The matches of ``identifiers.COUNCIL_DOC.finditer(text)``, found by scanning only the lines that hold a '/'.

    A Council number holds a '/' and no line break (its parts are joined by spaces, tabs and slashes), so none
    lies outside those lines or across their ends, and the look-behind at a line's start and the look-ahead at
    its end read the line break, as the scan of the whole text does.  Most lines hold no '/': most of the text
    is never read by the pattern.  (A test puts a line break at every place in a number.)
    """
    slash = text.find("/")
    while slash != -1:
        line_end = text.find("\n", slash)
        if line_end == -1:
            line_end = len(text)
        yield from identifiers.COUNCIL_DOC.finditer(text, text.rfind("\n", 0, slash) + 1, line_end)
        slash = text.find("/", line_end)


def _plausible(number: identifiers.CouncilDocNumber) -> bool:
    """Not a legal-act number read as a document number (``2019/1896``: a year, then a 4-digit sequence)."""
    return not (number.year >= 1000 and 1950 <= number.number <= 2099)
