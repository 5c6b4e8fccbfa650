"""References inside the document: ``footnote_ref`` and ``internal_reference`` annotations.

Takes the content view, the language code and the document; gives

- ``footnote_ref``: one per footnote marker the parser paired or found (the
  paragraphs' ``footnote_refs`` and the footnotes' ``anchor``), ``text`` the
  digits, ``value`` the number, ``target`` ``footnote:<number>`` when that
  footnote exists (rule ``marker``; ``marker-unpaired`` and no target otherwise);
- ``internal_reference``: a cue noun from the language table (``paragraph_cues``:
  ``punt``, ``paragraaf``, ``point`` ...; ``footnote_cues``: ``voetnoot``,
  ``footnote``) followed by a number, with an optional see-word before
  (``zie``, ``see``) and direction after (``hierboven``, ``above``), from
  ``data/cues.json``.  Further numbers in a list (``punten 3 en 4``) are
  annotations of their own (the number only, rule ``list``).

Target scheme: ``footnote:<number>``; ``paragraph:<scope>:<number>`` where scope is
``cover`` for the cover note or the 0-based index of the annex in
``Document.annexes`` (``paragraph:0:12`` = paragraph numbered 12 of the first
annex).  The reference resolves in its own scope first (the cover note or annex
it stands in), else in the only scope that has that number; when no paragraph or
several have the number, ``target`` is empty and the rule ends in ``-unresolved``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, cached_property

import regex

from .. import languages
from ..model import Document, Span
from .data import for_language
from .records import Record
from .scan import matches_at
from .view import ContentView


def footnote_ref_records(view: ContentView, doc: Document) -> list[Record]:
    """The footnote markers of ``doc`` as records (:mod:`.records`)."""
    numbers = {f.number for f in doc.footnotes}
    refs: dict[int, tuple[str, Span]] = {}
    for p in doc.paragraphs():
        for r in p.footnote_refs:
            refs[r.span.start] = (r.number, r.span)
    text = view.text
    for f in doc.footnotes:
        if f.anchor is not None and f.anchor.start not in refs:
            refs[f.anchor.start] = (text[f.anchor.start : f.anchor.end], f.anchor)
    out = []
    for _, (number, span) in sorted(refs.items()):
        known = number in numbers
        out.append({"type": "footnote_ref", "text": text[span.start : span.end], "span": {"start": span.start, "end": span.end},
                    "value": number, "target": f"footnote:{number}" if known else None, "rule": "marker" if known else "marker-unpaired"})
    return out


class _Scanner:
    """The internal-reference pattern of a language, compiled when first needed, and where its matches can start
    (see :meth:`finditer`)."""

    def __init__(self, source: str, nouns: list[str] | None, see_lengths: frozenset[int]) -> None:
        self.source = source
        # lengths of the cue nouns; None when a match may start anywhere
        self.noun_lengths = frozenset(map(len, nouns)) if nouns is not None else None
        self.see_lengths = see_lengths
        # The cue nouns an ASCII text can match, in lower case: under ``(?i)`` an ASCII character matches no other
        # ASCII character than its other case (besides a few that are not ASCII: the Kelvin sign, the long s, the
        # dotted and the dotless i).  A noun that is not ASCII is taken to match any text of its length.
        self._ascii_nouns = frozenset(w.lower() for w in nouns or () if w.isascii())
        self._other_lengths = frozenset(len(w) for w in nouns or () if not w.isascii())

    @cached_property
    def pattern(self) -> regex.Pattern:
        return regex.compile(self.source)

    def _may_be_noun(self, text: str) -> bool:
        """Whether ``text`` may match a cue noun (False only when it cannot)."""
        return not text.isascii() or text.lower() in self._ascii_nouns or len(text) in self._other_lengths

    def finditer(self, text: str) -> Iterator[regex.Match]:
        """The matches of :attr:`pattern` in ``text``, the ones ``pattern.finditer(text)`` gives.

        A match is an optional see-word and white space, a cue noun, white space, then the first number.  So
        its first digit follows white space, the noun ends where that white space starts, and a see-word ends
        where the white space before the noun starts (``(?i)`` in ``regex``'s default mode folds one character
        to one: a word matched is as long as the word).  A scan for digits after white space therefore gives
        every place a match can start, a few per such digit, and the pattern is tried there only (:mod:`.scan`),
        and only where the text before the white space may be a cue noun (a note without any is never matched:
        the pattern is not even compiled).
        """
        if self.noun_lengths is None:
            yield from self.pattern.finditer(text)
            return
        starts: set[int] = set()
        for digit in _DIGIT_AFTER_SPACE.finditer(text):
            noun_end = _SPACE_BEFORE.match(text, 0, digit.start()).start()
            for n in self.noun_lengths:
                noun = noun_end - n
                if noun < 0 or not self._may_be_noun(text[noun:noun_end]):
                    continue
                starts.add(noun)
                # (a see-word needs white space before the noun: Python's white space takes in all of regex's)
                space = _SPACE_BEFORE.match(text, 0, noun) if noun and text[noun - 1].isspace() else None
                if space is not None:
                    starts.update(space.start() - k for k in self.see_lengths if space.start() >= k)
        if starts:
            yield from matches_at(self.pattern, text, sorted(starts))


_DIGIT_AFTER_SPACE = regex.compile(r"(?<=\s)\d")
_SPACE_BEFORE = regex.compile(r"\s++", regex.REVERSE)  # matched backwards: the white space that ends at a position


@cache
def _scanner(language: str) -> _Scanner | None:
    try:
        lang = languages.get(language)
    except KeyError:
        lang = languages.get("en")
    cues = for_language("cues", language)
    para = [w for w in lang.data.get("paragraph_cues", [])]
    foot = [w for w in lang.data.get("footnote_cues", [])]
    see = cues.get("see_words", [])
    # a footnote cue may already contain the see-word ('zie voetnoot'): keep only the noun
    foot = sorted({w.split()[-1] for w in foot})
    if not para and not foot:
        return None

    def alt(words) -> str:
        return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))

    joiners = alt(cues.get("list_joiners", [","]) + ["-", "\u2013", "tot", "to"])
    source = (
        rf"""(?xi)(?<![\p{{L}}\p{{N}}-])
        (?:(?P<see>{alt(see) or '(?!)'})\s++)?
        (?:(?P<para>{alt(para) or '(?!)'})|(?P<foot>{alt(foot) or '(?!)'}))\s++
        (?P<n>\d{{1,3}})(?![\p{{N}}]|[./]\d|[\p{{L}}])
        (?P<more>(?:\s*+(?:{joiners})\s*+\d{{1,3}}(?![\p{{N}}]|[./]\d|[\p{{L}}]))*+)
        (?:\s++(?P<dir>{alt(cues.get('directions', [])) or '(?!)'})(?![\p{{L}}]))?"""
    )
    # The starts are known only when each word is one block (not empty, no white space at either end).
    blocks = all(w and w == w.strip() for w in [*para, *foot, *see])
    return _Scanner(source, [*para, *foot] if blocks else None, frozenset(map(len, see)))


_NUMBER = regex.compile(r"\d{1,3}")


def internal_reference_records(view: ContentView, language: str, doc: Document | None) -> list[Record]:
    """The internal references of ``view`` as records (:mod:`.records`)."""
    scanner = _scanner(language)
    if scanner is None:
        return []
    scopes: dict[str, set[str]] = {}
    if doc is not None:
        scopes["cover"] = {p.number for p in doc.cover_note.paragraphs if p.number}
        for k, annex in enumerate(doc.annexes):
            scopes[str(k)] = {p.number for p in annex.paragraphs if p.number}
    else:
        scopes["cover"] = set()
    footnotes = {f.number for f in doc.footnotes} if doc is not None else set()
    out: list[Record] = []
    for m in scanner.finditer(view.masked):
        node = view.node_at(m.start())
        own = node.scope if node is not None else None
        # the first number carries the cue (and the direction word when there is no list)
        first_end = m.end() if m.group("dir") and not m.group("more") else m.end("n")
        numbers = [(m.group("n"), m.start(), first_end)]
        base = m.start("more")
        for nm in _NUMBER.finditer(m.group("more") or ""):
            numbers.append((nm.group(), base + nm.start(), base + nm.end()))
        for i, (n, start, end) in enumerate(numbers):
            if m.group("foot"):
                target = f"footnote:{n}" if n in footnotes else None
                kind = "footnote"
            else:
                target = _resolve(n, own, scopes)
                kind = "paragraph"
            rule = f"{kind}-cue" if i == 0 else f"{kind}-list"
            if target is None:
                rule += "-unresolved"
            out.append({"type": "internal_reference", "text": view.surface(start, end), "span": {"start": start, "end": end},
                        "value": n, "target": target, "rule": rule})
    return out


def _resolve(number: str, own: str | None, scopes: dict[str, set[str]]) -> str | None:
    if own is not None and number in scopes.get(own, set()):
        return f"paragraph:{own}:{number}"
    having = [s for s, numbers in scopes.items() if number in numbers]
    return f"paragraph:{having[0]}:{number}" if len(having) == 1 else None
