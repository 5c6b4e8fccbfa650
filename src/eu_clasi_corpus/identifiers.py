"""Council identifiers: document numbers, interinstitutional file numbers, classification codes.

Takes strings; gives matches and canonical forms.  Patterns follow section 1 of
``shared/reference/council-conventions.md`` (anatomy
``[SERIES ]NUMBER[/REVNO]/YY[ SUFFIX n ...]``).  All patterns are linear: no
nested quantifiers over the same characters, possessive where it matters.
"""

from __future__ import annotations

from typing import NamedTuple

import regex

from .lazy_pattern import LazyPattern


def number_value(digits: str) -> int | None:
    """The value of a run of digits found by a pattern's ``\\d``, or None when Python cannot read it.

    ``regex`` knows the digits of a newer Unicode than Python 3.11's ``int`` does (U+11F51 KAWI DIGIT ONE, say):
    such a number is not a number to the parser, never a crash.
    """
    try:
        return int(digits)
    except ValueError:
        return None


SERIES = r"(?:ST|CM|EUCO|PE-CONS|CONV|EEE|SN|WK)"
SUFFIX = r"(?:INIT|REV|ADD|COR|DCL)"

# A Council document number where one is expected (header, "doc." cue): lenient about suffixes so that
# malformed ones can be reported instead of skipped.  Its digits are ASCII digits, as Council numbers are
# printed in every language (``\d`` would also take digits that Python's ``int`` cannot read).
COUNCIL_DOC = regex.compile(
    rf"""(?x)
    (?<![\p{{L}}\p{{N}}/])
    (?:(?P<series>{SERIES})[ \t]*/?[ \t]*)?
    (?P<number>[0-9]{{1,5}})
    (?:/(?P<rev>[0-9]{{1,2}}))?
    /(?P<year>[0-9]{{2}}|[0-9]{{4}})(?![\p{{N}}/])
    (?P<suffixes>(?:[ \t]+{SUFFIX}(?:[ \t]*[0-9]{{1,2}})?)*+)
    """
)
_SUFFIX_ITEM = regex.compile(rf"(?P<kind>{SUFFIX})(?:[ \t]*(?P<n>[0-9]{{1,2}}))?")


# What follows a document cue word ("Doc.", "document") when it is meant as a Council document number:
# an optional series, digits and slashes, optional suffixes.  Checked with COUNCIL_DOC and
# CouncilDocNumber.problems() afterwards, so that "1251723" or "12517/23 REV" can be reported.
DOC_NUMBER_CANDIDATE = LazyPattern(
    rf"""(?x)
    (?:{SERIES}[ \t]*+/?[ \t]*+)?
    \d[\d/]*+
    (?:[ \t]++{SUFFIX}(?![\p{{L}}])(?:[ \t]*+\d{{1,2}}+)?)*+
    (?![\p{{L}}\p{{N}}/])
    """
)

INTERINSTITUTIONAL_FILE = regex.compile(r"\b(?P<year>(?:19|20)\d{2})/(?P<seq>\d{4})[ \t]*\((?P<proc>[A-Z]{3})\)")


class CouncilDocNumber(NamedTuple):
    """A Council document number, read (a named tuple: immutable and cheaper to define than a frozen dataclass)."""

    series: str | None
    number: int
    revision: int | None
    year: int
    suffixes: tuple[tuple[str, int | None], ...]

    @property
    def canonical(self) -> str:
        """``12517/1/23 REV 1``; ``EUCO 7/10``; ``6390/17 ADD 1``."""
        parts = []
        if self.series and self.series != "ST":
            parts.append(self.series + " ")
        parts.append(str(self.number))
        if self.revision is not None:
            parts.append(f"/{self.revision}")
        parts.append(f"/{self.year % 100:02d}")
        for kind, n in self.suffixes:
            parts.append(f" {kind}" + (f" {n}" if n is not None else ""))
        return "".join(parts)

    @property
    def base(self) -> str:
        """The number without revision and suffixes: what stays the same across versions."""
        series = f"{self.series} " if self.series and self.series != "ST" else ""
        return f"{series}{self.number}/{self.year % 100:02d}"

    @property
    def revision_conflict(self) -> bool:
        """The counter inside the number (``12517/1/23``) and the REV suffix (``REV 2``) disagree."""
        revs = [n for kind, n in self.suffixes if kind == "REV" and n is not None]
        return self.revision is not None and bool(revs) and revs[0] != self.revision

    def problems(self) -> list[str]:
        """Why this number is not well formed (empty when it is)."""
        out = []
        revs = [n for kind, n in self.suffixes if kind == "REV"]
        for kind, n in self.suffixes:
            if kind != "INIT" and n is None:
                out.append(f"{kind} without a counter")
        if self.revision is not None and not revs:
            out.append(f"revision counter /{self.revision}/ without a REV suffix")
        if revs and self.revision is None and not any(k in ("ADD", "COR") for k, _ in self.suffixes):
            out.append("REV suffix without a revision counter in the number")
        if revs and self.revision is not None and revs[0] is not None and revs[0] != self.revision:
            out.append(f"revision counter {self.revision} in the number but REV {revs[0]} in the suffix")
        return out


def parse_doc_number(match: regex.Match) -> CouncilDocNumber:
    suffixes = tuple(
        (m.group("kind"), int(m.group("n")) if m.group("n") else None)
        for m in _SUFFIX_ITEM.finditer(match.group("suffixes") or "")
    )
    year = int(match.group("year"))
    return CouncilDocNumber(
        series=match.group("series"),
        number=int(match.group("number")),
        revision=int(match.group("rev")) if match.group("rev") else None,
        year=year,
        suffixes=suffixes,
    )


def find_doc_numbers(text: str) -> list[tuple[regex.Match, CouncilDocNumber]]:
    return [(m, parse_doc_number(m)) for m in COUNCIL_DOC.finditer(text)]


def looks_like_doc_number(candidate: str) -> bool:
    """Whether a string after a document cue is meant as a document number: it has a slash or 4+ digits."""
    return "/" in candidate or sum(ch.isdigit() for ch in candidate) >= 4


def full_doc_number(text: str) -> CouncilDocNumber | None:
    m = COUNCIL_DOC.fullmatch(text.strip())
    return parse_doc_number(m) if m else None
