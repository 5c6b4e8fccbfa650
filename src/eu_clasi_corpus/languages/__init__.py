"""Language knowledge as data: one JSON file per language in this folder.

Takes nothing; gives :func:`get` (a :class:`Language` by ISO 639-1 code),
:func:`all_languages` and :func:`detect`.  Adding a language is adding a JSON
file with the same keys as ``nl.json``; no parser code changes.  Every entry
keeps its evidence tag (``S`` seen in a real document, ``S2`` secondary,
``U`` unconfirmed) so that users can tell what is confirmed.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from importlib import resources
from itertools import filterfalse
from typing import NamedTuple

import regex

from .. import latin1
from ..lazy_pattern import LazyPattern


def _texts(entries: list) -> list[str]:
    return [e["text"] if isinstance(e, dict) else e for e in entries]


def _alternation(words: list[str]) -> str:
    """Longest first, so that 'NOTA I/A-PUNT' wins over 'NOTA'."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


class Language:
    """One language: its codes, its name and ``data``, the tables of its JSON file.  :func:`get` makes one object
    per code and keeps it (a plain class with slots: cheaper to define than a dataclass)."""

    __slots__ = ("code", "code3", "name", "data")

    def __init__(self, code: str, code3: str, name: str, data: dict) -> None:
        self.code = code
        self.code3 = code3
        self.name = name
        self.data = data

    def __repr__(self) -> str:
        return f"Language(code={self.code!r}, code3={self.code3!r}, name={self.name!r})"

    # --- plain tables -------------------------------------------------------------
    @property
    def months(self) -> list[str]:
        return _texts(self.data.get("months", []))

    def month_number(self, name: str) -> int | None:
        """1-12 for a month name or abbreviation of this language (case-insensitive), else None."""
        key = caseless(name)
        for table in ("months", "months_short"):
            for i, m in enumerate(_texts(self.data.get(table, []))):
                if caseless(m) == key:
                    return i + 1
        return None

    @property
    def doc_types(self) -> dict[str, str]:
        return {e["text"]: e["type"] for e in self.data.get("doc_types", [])}

    @property
    def labels(self) -> dict[str, list[str]]:
        return {key: _texts(v) for key, v in self.data.get("labels", {}).items()}

    def words(self, table: str) -> list[str]:
        return _texts(self.data.get(table, []))

    # --- compiled patterns (cached per language) ------------------------------------
    @property
    def patterns(self) -> "LanguagePatterns":
        return _patterns(self.code)


class LanguagePatterns(NamedTuple):
    """The patterns of one language (:func:`_patterns`; a named tuple: immutable and cheaper to define than a frozen
    dataclass).  Most are compiled when the language's patterns are first asked for; those typed
    :class:`LazyPattern` (rarely needed) when first used."""

    doc_type: regex.Pattern
    label: regex.Pattern  # group 'label' + named group per field key
    label_fields: dict[str, str]  # lower-cased label -> field key
    annex: regex.Pattern
    recital_opener: regex.Pattern | None
    operative_opener: regex.Pattern | None
    operative_anywhere: LazyPattern | None
    acting_entity: regex.Pattern | None
    date: LazyPattern | None
    institution: regex.Pattern | None
    # Inline forms, for flattened text where several items run together on one line (see flattened.py).
    institution_inline: regex.Pattern | None
    place_date_inline: regex.Pattern | None
    doc_type_inline: regex.Pattern
    label_inline: regex.Pattern
    body_opener: LazyPattern | None  # (case-sensitive words: see body_opener_at and body_openers_in)
    doc_type_keys: dict[str, str]  # title without spaces -> title
    annex_words: tuple[str, ...]  # what an annex heading starts with after blanks ("": any line, see annex_heading)
    body_words: tuple[str, ...]  # the words of body_opener

    def body_opener_at(self, line: str) -> regex.Match | None:
        """The match of :attr:`body_opener` at the start of ``line``, or None.

        Its words are matched as they are written (no flag changes a character): a line that does not start with
        one of them has no match, and the pattern is compiled only for a line that does (few notes have one).
        """
        if self.body_opener is None or not line.startswith(self.body_words):
            return None
        return self.body_opener.match(line)

    def body_openers_in(self, line: str) -> list[regex.Match]:
        """The matches of :attr:`body_opener` in ``line`` (found only where one of its words stands: as above)."""
        if self.body_opener is None or not any(w in line for w in self.body_words):
            return []
        return list(self.body_opener.finditer(line))

    def annex_heading(self, line: str) -> regex.Match | None:
        """The match of :attr:`annex` on ``line`` (an annex heading), or None.

        The pattern is tried only on a line that starts with an annex word after its blanks: a string test
        several times faster than the pattern, and most lines are no heading.
        """
        if not line.lstrip(" \t").startswith(self.annex_words):
            return None
        return self.annex.match(line)


@cache
def _patterns(code: str) -> LanguagePatterns:
    lang = get(code)
    label_fields: dict[str, str] = {}
    for key, words in lang.labels.items():
        for w in words:
            label_fields[_label_key(w)] = key
    labels_alt = _alternation([w for words in lang.labels.values() for w in words])
    # A label at a line start, an optional space, then a colon (or a tab/2+ spaces when the colon is lost).
    label = regex.compile(rf"(?i)^[ \t]*(?P<label>{labels_alt})(?:(?P<colon>[ \t]*:)|(?=\t|  ))[ \t]*")
    doc_type = regex.compile(rf"^[ \t]*(?P<label>{_spaced_alternation(list(lang.doc_types))})[ \t]*$")
    annex_words = _alternation(lang.words("annex"))
    annex = regex.compile(
        rf"^[ \t]*(?P<label>(?P<word>{annex_words})(?:[ \t]+(?P<number>[IVXLC]+|\d{{1,2}}|[A-Z]))?)[ \t]*$"
    )

    def opener(table: str, anywhere: bool = False) -> regex.Pattern | LazyPattern | None:
        words = lang.words(table)
        if not words:
            return None
        body = _alternation(words)
        if anywhere:  # (needed only for a paragraph that no opener starts: compiled when first used)
            return LazyPattern(rf"(?i)(?<![\p{{L}}\p{{N}}])(?:{body})(?![\p{{L}}\p{{N}}])")
        return regex.compile(rf"(?i)^(?:{body})(?![\p{{L}}\p{{N}}])")

    months = lang.months + lang.words("months_short")
    date = None
    if months and lang.data.get("date_pattern"):
        # (compiled when first used: the header reads a date only after a place, flattened text has its own pattern)
        date = LazyPattern(lang.data["date_pattern"].replace("{months}", _alternation(months)), regex.I)
    institutions = lang.words("institution")
    institution = regex.compile(rf"(?i)^[ \t]*(?P<name>{_alternation(institutions)})\b") if institutions else None
    edge = r"(?<![\p{L}\p{N}])"
    tail = r"(?![\p{L}\p{N}])"
    institution_inline = regex.compile(rf"(?i){edge}(?:{_alternation(institutions)}){tail}") if institutions else None
    place_date_inline = None
    articles = f"(?:(?:{_alternation(lang.words('date_articles'))})[ \t]+)?" if lang.words("date_articles") else ""
    if date is not None and lang.words("places"):
        place_date_inline = regex.compile(
            rf"(?i){edge}(?P<place>{_alternation(lang.words('places'))}),?[ \t]*{articles}"
            rf"(?P<date>{date.pattern})(?:[ \t]*\(\d{{1,2}}\.\d{{1,2}}\))?"
        )
    doc_type_inline = regex.compile(rf"{edge}(?P<label>{_spaced_alternation(list(lang.doc_types))}){tail}")
    label_inline = regex.compile(rf"(?i){edge}(?P<label>{labels_alt})[ \t]?:")
    openers = lang.words("body_openers")
    body_opener = LazyPattern(rf"{edge}(?:{_alternation(openers)}){tail}") if openers else None
    return LanguagePatterns(
        doc_type=doc_type,
        label=label,
        label_fields=label_fields,
        annex=annex,
        recital_opener=opener("recital_openers"),
        operative_opener=opener("operative_openers"),
        operative_anywhere=opener("operative_openers", anywhere=True),
        acting_entity=opener("acting_entity_openers"),
        date=date,
        institution=institution,
        institution_inline=institution_inline,
        place_date_inline=place_date_inline,
        doc_type_inline=doc_type_inline,
        label_inline=label_inline,
        body_opener=body_opener,
        doc_type_keys={_squash(t): t for t in lang.doc_types},
        # the words as the pattern has them after its blanks; none at all: every line may be a heading
        annex_words=tuple(w.lstrip(" \t") for w in set(lang.words("annex"))) or ("",),
        body_words=tuple(set(openers)),
    )


def _spaced_alternation(words: list[str]) -> str:
    """Like :func:`_alternation`, but a space may be lost in extraction (``SUMMARYRECORD``)."""
    return "|".join(regex.escape(w).replace("\\ ", "[ ]?") for w in sorted(set(words), key=len, reverse=True))


def _squash(text: str) -> str:
    return "".join(text.split())


def doc_type_of(language: "Language", printed: str) -> str | None:
    """The normalised type for a printed title (spaces lost in extraction are tolerated)."""
    title = language.patterns.doc_type_keys.get(_squash(printed))
    return language.doc_types[title] if title is not None else None


# The letters that ``regex``'s case-insensitive matching takes for ASCII ones but ``str.casefold`` keeps apart
# (dotless small i, dotted capital I).  Long s and the Kelvin sign fold to s and k in both.
_TURKIC_I = str.maketrans({"\u0131": "i", "\u0130": "i"})


def caseless(text: str) -> str:
    """The look-up form of a text that a case-insensitive ``regex`` pattern matched: two texts the pattern takes for
    the same word give the same form (``ſeptember``, ``SEPTEMBER`` and ``september`` all give ``september``), so
    a table keyed by ``caseless(word)`` always answers for a match (``str.lower`` would leave ``ſ`` apart)."""
    return text.translate(_TURKIC_I).casefold()


def _label_key(label: str) -> str:
    return " ".join(caseless(label).split())


def label_key(label: str) -> str:
    """Normalise a printed label for lookup in ``LanguagePatterns.label_fields``."""
    return _label_key(label)


@cache
def _folder():
    """This package's folder, as ``importlib.resources`` gives it (asked once: each asking costs as much as a read)."""
    return resources.files(__package__)


@cache
def get(code: str) -> Language:
    try:
        raw = _folder().joinpath(f"{code}.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KeyError(f"no language table for {code!r}") from None
    data = json.loads(raw)
    return Language(code=data["code"], code3=data["code3"], name=data["name"], data=data)


@cache
def codes() -> tuple[str, ...]:
    return tuple(
        sorted(p.name[:-5] for p in _folder().iterdir() if p.name.endswith(".json"))
    )


def all_languages() -> list[Language]:
    return [get(c) for c in codes()]


# A word of the sample: a run of letters (and numerals that are not digits, as ``re`` reads ``[^\W\d_]``).
_WORD = re.compile(r"[^\W\d_]+")


@cache
def _stopword_tables() -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple((lang.code, frozenset(w.lower() for w in lang.words("stopwords"))) for lang in all_languages())


@cache
def _stopword_index() -> dict[str, tuple[str, ...]]:
    """Stop word → the codes of the languages that list it (one look-up per word of the sample).

    Only stop words that are one whole word (:data:`_WORD`) are kept: no word of a sample can equal another.
    """
    index: dict[str, list[str]] = {}
    for code, stop in _stopword_tables():
        for w in stop:
            if _WORD.fullmatch(w):
                index.setdefault(w, []).append(code)
    return {w: tuple(c) for w, c in index.items()}


_COMMON_PUNCTUATION = ",.;:()"


def _stopword_hits(sample: str, index: dict[str, tuple[str, ...]]) -> Counter:
    """How often each stop word of ``index`` stands in ``sample`` as a whole word (:data:`_WORD`).

    The sample is split at white space first, which is several times faster than the pattern on the whole
    sample and gives the same words: white space is never part of a word, so a piece that is a stop word
    (stop words are whole words) or that is letters only is one word; only the other pieces (with
    punctuation or digits) are cut by the pattern, joined by spaces.  The commonest punctuation, never part of a
    word, is made a space first, so that fewer pieces need the pattern.
    """
    for mark in _COMMON_PUNCTUATION:
        sample = sample.replace(mark, " ")
    pieces = sample.split()
    hits = Counter(filter(index.__contains__, pieces))
    rest = filterfalse(index.__contains__, filterfalse(str.isalpha, pieces))
    hits.update(filter(index.__contains__, _WORD.findall(" ".join(rest))))
    return hits


def detect(text: str, *, sample: int = 20000) -> str:
    """ISO 639-1 code of the language with the most stop-word hits in the first ``sample`` characters.

    Linear in ``sample``.  Falls back to ``en`` when nothing matches; ties go to the first code in order.
    """
    index = _stopword_index()
    counts = dict.fromkeys((code for code, _ in _stopword_tables()), 0)
    for word, n in _stopword_hits(latin1.lower(text[:sample]), index).items():
        for code in index[word]:
            counts[code] += n
    best = max(sorted(counts), key=lambda c: counts[c], default="en")
    return best if counts.get(best) else "en"
