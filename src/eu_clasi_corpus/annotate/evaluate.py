"""Scoring annotations against a hand-written gold file (``tests/gold/<stem>.annotations.json``).

Takes a gold file and the source it describes; gives the gold annotations
located in the source (:func:`locate_gold`) and precision/recall per type
(:func:`score`).  A gold entry names its ``type``, ``text``, ``value`` (and
``target`` where it links) and where it is: its 1-based source ``line`` (the
match must start on that line), optionally ``nth`` (0-based among the matches
starting on that line) and ``after`` (text that must immediately precede).  The
text is matched with ``\\s+`` between words and optional white space after a
line-end hyphen, never inside a longer word unless ``after`` is given.  An
annotation counts as correct only when type, span, value and target all agree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import regex

from ..model import Annotation
from .names import name_pattern


class GoldError(ValueError):
    """A gold entry cannot be found in the source as described."""


@dataclass(frozen=True)
class GoldItem:
    type: str
    start: int
    end: int
    value: str | None
    target: str | None
    text: str

    @property
    def key(self) -> tuple:
        return (self.type, self.start, self.end, self.value, self.target)


def locate_gold(gold: dict, source: str) -> list[GoldItem]:
    line_starts = [0] + [m.end() for m in regex.finditer(r"\r\n|\r|\n", source)]
    out = []
    for entry in gold["annotations"]:
        line = entry["line"]
        lo = line_starts[line - 1]
        hi = line_starts[line] if line < len(line_starts) else len(source)
        body = name_pattern(entry["text"])
        if entry.get("after"):
            pattern = regex.compile(regex.escape(entry["after"]) + f"(?P<t>{body})")
        else:
            pattern = regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?P<t>{body})(?![\p{{L}}\p{{N}}])")
        hits = [m for m in pattern.finditer(source, lo) if lo <= m.start() < hi]
        nth = entry.get("nth", 0)
        if len(hits) <= nth:
            raise GoldError(f"gold entry not found on line {line}: {entry}")
        m = hits[nth]
        out.append(GoldItem(entry["type"], m.start("t"), m.end("t"), entry.get("value"), entry.get("target"), entry["text"]))
    return out


@dataclass(frozen=True)
class TypeScore:
    type: str
    gold: int
    predicted: int
    correct: int

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.correct / self.gold if self.gold else None


def score(gold: list[GoldItem], predicted: list[Annotation], types: tuple[str, ...]) -> dict[str, TypeScore]:
    gold_keys = {g.key for g in gold}
    pred_keys = {(a.type, a.span.start, a.span.end, a.value, a.target) for a in predicted}
    out = {}
    for t in types:
        g = {k for k in gold_keys if k[0] == t}
        p = {k for k in pred_keys if k[0] == t}
        out[t] = TypeScore(t, len(g), len(p), len(g & p))
    return out


def differences(gold: list[GoldItem], predicted: list[Annotation], source: str) -> tuple[list[str], list[str]]:
    """(missed gold entries, spurious predictions), one readable line each."""
    gold_keys = {g.key: g for g in gold}
    pred = {(a.type, a.span.start, a.span.end, a.value, a.target): a for a in predicted}
    missed = [f"{k[0]} {source[k[1]:k[2]]!r} value={k[3]!r} target={k[4]!r} at {k[1]}" for k in sorted(set(gold_keys) - set(pred), key=lambda k: k[1])]
    spurious = [f"{k[0]} {source[k[1]:k[2]]!r} value={k[3]!r} target={k[4]!r} at {k[1]} rule={pred[k].rule}" for k in sorted(set(pred) - set(gold_keys), key=lambda k: k[1])]
    return missed, spurious


def load_gold(path: str | Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))
