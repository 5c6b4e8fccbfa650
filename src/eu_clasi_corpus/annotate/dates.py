"""Dates: ``date`` annotations with an ISO value.

Takes the content view and a language code; gives one annotation per date
written out with a month name from the language table (``languages/<code>.json``
``months``): ``12 juli 2023`` → ``2023-07-12`` (rule ``day-month-year``),
``september 2023`` → ``2023-09`` (``month-year``), ``July 12, 2023``
(``month-day-year``), plus numeric ``12.7.2023`` (``numeric``) and ISO
``2023-07-12`` (``iso``).  Impossible dates (``31 februari 2023``) are skipped.
"""

from __future__ import annotations

import datetime
from functools import cache

import regex

from .. import languages
from ..identifiers import number_value
from .records import Record
from .scan import matches_at, occurrences
from .view import ContentView

_NUMERIC = regex.compile(r"(?<![\p{L}\p{N}./-])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d{2})(?![\p{N}]|\.\d)")
_ISO = regex.compile(r"(?<![\p{L}\p{N}./-])(?P<year>(?:19|20)\d{2})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\p{N}T:])")


@cache
def _month_pattern(code: str) -> tuple[regex.Pattern | None, dict[str, int]]:
    try:
        months = languages.get(code).months
    except KeyError:
        months = []
    if not months:
        return None, {}
    index = {languages.caseless(m): i + 1 for i, m in enumerate(months)}  # keyed as a (?i) match is looked up
    alt = "|".join(regex.escape(m) for m in sorted(index, key=len, reverse=True))
    # One alternation of the months (it is most of what the pattern costs to compile): a day before the month
    # (day-month-year), or after it (month-day-year, an optional comma), or none (month-year).  The conditional
    # keeps a day after the month out when there is one before it; at a place only one of the forms can start
    # (a day starts with a digit, a month with a letter), so the matches are those of the three forms in turn.
    pattern = regex.compile(
        rf"""(?xi)(?<![\p{{L}}\p{{N}}])
        (?:(?P<day>[0-3]?\d)\s++)?(?P<month>{alt})\s++(?(day)|(?:(?P<day2>[0-3]?\d),?\s++)?)
        (?P<year>(?:19|20)\d{{2}})(?![\p{{L}}\p{{N}}])"""
    )
    return pattern, index


def _iso(year: int | str, month: int | str, day: int | str | None) -> str | None:
    """The ISO form of a date (digits as printed or numbers), or None when it is no date or a digit is unreadable."""
    year, month = number_value(str(year)), number_value(str(month))
    if day is not None:
        day = number_value(str(day))
        if day is None:
            return None
    if year is None or month is None:
        return None
    try:
        if day is None:
            datetime.date(year, month, 1)
            return f"{year:04d}-{month:02d}"
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


_YEAR = regex.compile(r"(?<!\p{N})(?:19|20)\d{2}(?!\p{N})")
WINDOW = 40  # a written date ends at its year and is never longer than this


def _century_starts(text: str) -> list[int]:
    """Where a year can start: every ``19`` and ``20`` (each match of :data:`_YEAR` and :data:`_ISO` starts with
    one of them), found by string search rather than by a scan of the patterns (see :mod:`.scan`)."""
    return occurrences(text, ("19", "20"))


def _month_dates(pattern: regex.Pattern, text: str, starts: list[int]):
    """Matches of ``pattern`` that end at a year: found from each year backwards in a bounded window.

    Scanning for years first and matching only in the window before each keeps the scan linear and cheap
    (most positions of a text are not near a year).  ``starts``: :func:`_century_starts` of ``text``.
    """
    last_end = 0
    for ym in matches_at(_YEAR, text, starts):
        end = ym.end()
        if end < len(text) and (text[end].isalnum()):
            continue
        for m in pattern.finditer(text, max(last_end, ym.start() - WINDOW), end):
            if m.end() == end:
                last_end = end
                yield m
                break


def records(view: ContentView, language: str) -> list[Record]:
    """The date annotations of ``view`` as records (:mod:`.records`)."""
    out: list[Record] = []
    text = view.masked
    pattern, index = _month_pattern(language)
    centuries = _century_starts(text)
    if pattern is not None:
        for m in _month_dates(pattern, text, centuries):
            month = index[languages.caseless(m.group("month"))]
            if m.group("day"):
                value, rule = _iso(m.group("year"), month, m.group("day")), "day-month-year"
            elif m.group("day2"):
                value, rule = _iso(m.group("year"), month, m.group("day2")), "month-day-year"
            else:
                value, rule = _iso(m.group("year"), month, None), "month-year"
            if value:
                out.append({"type": "date", "text": view.surface(m.start(), m.end()), "span": {"start": m.start(), "end": m.end()},
                            "value": value, "rule": rule})
    for matches, rule in ((_NUMERIC.finditer(text), "numeric"), (matches_at(_ISO, text, centuries), "iso")):
        for m in matches:
            value = _iso(m.group("year"), m.group("month"), m.group("day"))
            if value:  # numeric and ISO forms never overlap a month-name date
                out.append({"type": "date", "text": m.group(), "span": {"start": m.start(), "end": m.end()}, "value": value, "rule": rule})
    return out
