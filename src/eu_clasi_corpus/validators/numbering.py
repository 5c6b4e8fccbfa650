"""NUM: numbered paragraphs and their lettered / roman points run 1, 2, 3 ... in each container.

Takes a :class:`~eu_clasi_corpus.validators.context.Context`; gives NUM
diagnostics at the marker of the offending paragraph or point.

Containers: the cover note and each annex (paragraphs), each paragraph (its
points).  In a paragraph whose points mix letters and roman numerals, the style
of the first point is the outer level and each run of the other style is a
nested list that starts again at ``a`` / ``i``.  Bullets carry no number.

One wrong number is one finding: a number that breaks the sequence while the
next one continues it (``4, 40, 6``) is reported alone and the sequence goes on
as expected; otherwise the sequence continues from the highest number seen.
"""

from __future__ import annotations

from typing import NamedTuple

import regex

from ..identifiers import number_value
from ..model import Paragraph, Point, Span
from .context import Context

_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_ROMAN = regex.compile(r"(?i)x{0,3}+(?:ix|iv|v?+i{0,3}+)")


class Numbered(NamedTuple):
    """One numbered item: its label as printed, its value (None when it is no number) and where it is.

    (A named tuple: as immutable as a frozen dataclass and several times cheaper to make, once per item.)
    """

    label: str
    value: int | None
    span: Span
    style: str = "number"  # number, letter or roman: how expected values are written in messages


def roman_value(label: str) -> int | None:
    """Value of a lower- or upper-case roman numeral up to 39, or None."""
    if not label or not _ROMAN.fullmatch(label):
        return None
    total, previous = 0, 0
    for ch in reversed(label.lower()):
        v = _ROMAN_VALUES[ch]
        total = total - v if v < previous else total + v
        previous = max(previous, v)
    return total


def letter_value(label: str) -> int | None:
    return ord(label.lower()) - ord("a") + 1 if len(label) == 1 and label.isascii() and label.isalpha() else None


def check_sequence(ctx: Context, items: list[Numbered], what: str, codes: dict[str, str] | None = None) -> None:
    """Report where ``items`` do not run 1, 2, 3 ... (``what`` names them in messages: 'paragraph', 'point')."""
    codes = codes or {}
    start_code = codes.get("start", "NUM001")
    gap_code, dup_code, back_code = codes.get("gap", "NUM002"), codes.get("duplicate", "NUM003"), codes.get("back", "NUM004")
    following_values: list[int | None] = [None] * len(items)  # the next item's value, by one backward pass
    upcoming: int | None = None
    for i in range(len(items) - 1, -1, -1):
        following_values[i] = upcoming
        if items[i].value is not None:
            upcoming = items[i].value
    seen: set[int] = set()
    previous = 0
    for i, item in enumerate(items):
        n = item.value
        if n is None:
            continue
        expected = previous + 1
        if n == expected:
            previous = n
            seen.add(n)
            continue
        lone = following_values[i] == expected + 1  # the next number continues the sequence: this one alone is wrong
        if previous == 0:
            ctx.report(start_code, item.span, f"the first {what} is numbered {item.label}, not {_written(item, 1)}",
                       hint="numbering starts at 1 in each annex and in the cover note")
        elif n in seen:
            ctx.report(dup_code, item.span, f"{what} {item.label} repeats a number already used (expected {_written(item, expected)})")
        elif n < expected:
            ctx.report(back_code, item.span, f"{what} {item.label} comes after {_written(item, previous)} (expected {_written(item, expected)})")
        elif lone:
            ctx.report(gap_code, item.span, f"{what} numbered {item.label} where {_written(item, expected)} was expected",
                       hint=f"the next {what} continues the sequence, so this number is probably a typo")
        else:
            missing = _written(item, expected) if n == expected + 1 else f"{_written(item, expected)}-{_written(item, n - 1)}"
            ctx.report(gap_code, item.span, f"{what} {missing} missing before {what} {item.label}")
        seen.add(n)
        previous = expected if lone else max(previous, n)


def _written(item: Numbered, value: int) -> str:
    """``value`` written in the style of ``item`` (digits, letter or roman numeral, same case)."""
    upper = item.label.isupper()
    if item.style == "roman" and 1 <= value <= 39:
        return _to_roman(value, upper)
    if item.style == "letter" and 1 <= value <= 26:
        ch = chr(ord("a") + value - 1)
        return ch.upper() if upper else ch
    return str(value)


def _to_roman(value: int, upper: bool) -> str:
    out = []
    for v, s in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while value >= v:
            out.append(s)
            value -= v
    text = "".join(out)
    return text.upper() if upper else text


def _paragraph_items(paragraphs: list[Paragraph]) -> list[Numbered]:
    """The numbered paragraphs of a container, digits and (when the container numbers by letter) letters."""
    labelled = [p for p in paragraphs if p.number]
    values = {id(p): number_value(p.number) for p in labelled}  # None: not digits Python can read
    digits = [p for p in labelled if values[id(p)] is not None]
    if digits:
        return [Numbered(p.number, values[id(p)], p.marker_span or p.span) for p in digits]
    labels = [p.number for p in labelled]
    as_roman = bool(labels) and labels[0].lower() == "i" and (len(labels) == 1 or labels[1].lower() == "ii")
    return [
        Numbered(
            p.number,
            roman_value(p.number) if as_roman else letter_value(p.number),
            p.marker_span or p.span,
            "roman" if as_roman else "letter",
        )
        for p in labelled
    ]


def _point_runs(points: list[Point]) -> list[tuple[str, list[Numbered]]]:
    """The sequences of points to check: the outer style over the whole paragraph, each nested run alone."""
    styled = [pt for pt in points if pt.style in ("letter", "roman")]
    if not styled:
        return []
    outer = styled[0].style
    runs: list[tuple[str, list[Numbered]]] = [(outer, [])]
    nested: list[Numbered] | None = None

    def item(pt: Point) -> Numbered:
        value = letter_value(pt.label) if pt.style == "letter" else roman_value(pt.label)
        return Numbered(pt.label, value, pt.marker_span, pt.style)

    for pt in styled:
        if pt.style == outer:
            runs[0][1].append(item(pt))
            nested = None
        else:
            if nested is None:
                nested = []
                runs.append((pt.style, nested))
            nested.append(item(pt))
    return runs


def check(ctx: Context) -> None:
    """Numbering of the cover note, each annex, and the points of every paragraph."""
    containers = [("cover note", ctx.doc.cover_note.paragraphs)] + [(a.label, a.paragraphs) for a in ctx.doc.annexes]
    for name, paragraphs in containers:
        check_sequence(ctx, _paragraph_items(paragraphs), "paragraph")
        first_numbered = next((i for i, p in enumerate(paragraphs) if p.number and p.number.isdigit()), None)
        if first_numbered is not None:
            for p in paragraphs[first_numbered + 1 :]:
                if p.number is None:
                    ctx.report("NUM005", p.span, f"unnumbered paragraph among the numbered paragraphs of the {name}")
        for p in paragraphs:
            for style, items in _point_runs(p.points) if p.points else ():
                check_sequence(ctx, items, "point" if style == "letter" else "roman point")
