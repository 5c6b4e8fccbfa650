"""Scans that try a pattern only where one of its matches can start.

A ``regex`` scan tries its pattern at every position of the text.  When every match of a pattern starts at a
place that something cheaper finds (a fixed string that ``str.find`` locates many times faster, or a place
derived from such a hit), :func:`matches_at` tries the pattern there only and gives the matches the full scan
gives.  Each caller says why its places hold every match start.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex


def occurrences(text: str, strings: Iterable[str]) -> list[int]:
    """Every position where one of the (non-empty) ``strings`` occurs in ``text``, overlapping ones too, ascending."""
    found: set[int] = set()
    for s in strings:
        at = text.find(s)
        while at != -1:
            found.add(at)
            at = text.find(s, at + 1)
    return sorted(found)


def matches_at(pattern: regex.Pattern, text: str, starts: Iterable[int]) -> Iterator[regex.Match]:
    """The matches of ``pattern.finditer(text)``, given ``starts``: ascending positions among which is the start of
    every match ``pattern`` has anywhere in ``text``.

    A scan gives the first match at or after the end of the previous one; the first of the ``starts`` from there
    at which the pattern matches is that match, since no match starts anywhere else.  For patterns that never
    match the empty string and use no anchor (``^``, ``\\A``, ``\\G``): a match at a position is then the same
    whether the scan or ``pattern.match`` tries it (look-behinds read the text before it in both).
    """
    end = 0
    for start in starts:
        if start >= end and (m := pattern.match(text, start)) is not None:
            end = m.end()
            yield m
