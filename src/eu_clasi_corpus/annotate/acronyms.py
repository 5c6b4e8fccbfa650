"""Acronyms: definitions ``long form (SHORT)`` and the later bare mentions of ``SHORT``.

Takes the content view and a language code; gives ``acronym`` annotations:

- a **definition**: ``text`` the short form inside the parentheses (its span),
  ``value`` the long form as printed (white space normalised), no ``target``,
  ``rule`` ``definition:<how the long form was bounded>``;
- a **mention** of a defined short form after its first definition (also inside a
  hyphenated compound: ``EL PAcCTO-programma``; also in capitals: ``IDEAL`` for
  ``Ideal``; with or without a plural ``'s``): ``value`` the long form of the latest
  definition before it, ``target`` ``acronym:<short form of that definition as
  printed>`` (e.g. ``acronym:EMCDDA``), ``rule`` ``mention``.  Mentions before the
  first definition are left alone (they are not yet an abbreviation of anything).

How the long form of ``... (SHORT)`` is found.  Walking back from the ``(`` over
the words before it, the walk stops at punctuation (``,`` ``;`` ``.`` ...), at a stop
word (``zoals``, ``die``, ``te``, ``such``, ``which`` ...), at a determiner that does
not follow a preposition (``Europol, het | Europees ...``; but ``op het gebied van``
is inside the phrase), at a word with a digit, or after a bounded number of words.  ``(EU)``/``(EG)``
right after a legal-act noun (``Verordening (EG)``) is never a definition.  The long form starts
at a *candidate start* inside that stretch: after a determiner, after a
preposition, or at the stretch's start.  The rules, first that fires wins:

``letters``              Schwartz and Hearst letter matching: the short form's letters in order,
                         the first at a word start, and that word is a candidate start or a
                         capitalised word after a lowercase one
                         (``Europees Waarnemingscentrum voor drugs en drugsverslaving (EMCDDA)``,
                         ``captured Israeli Defence Force (IDF)``);
``phrase-capitalised``   the nearest candidate after a determiner (or at the stretch's start)
                         whose first word is capitalised (``het Europees Grens- en
                         kustwachtagentschap (Frontex)``: Dutch long forms of English or Spanish
                         short forms do not match letter by letter);
``phrase-determiner``    the nearest candidate after a determiner (``het samenwerkingsprogramma
                         over drugsbeleid (Copolad)``);
``phrase-preposition``   the nearest candidate after a preposition or at the stretch's start.

Phrase rules need at least two words, skip a candidate that is a known name
(organisation or country) followed by a preposition (``de Europese Unie voor
...`` is a modifier, not the start of a name) and drop leading modifiers
(``reeds bestaande``).  The phrase words are data (``data/phrases.json``).

Linear time: a short form is at most about 25 characters after its ``(``, the
walk back reads at most 400 characters, and mentions are found with one pass of
a word pattern and dictionary look-ups (no alternation that grows with the input).
"""

from __future__ import annotations

import bisect
import re
from itertools import islice
from typing import NamedTuple
from functools import cache

import regex

from .. import languages
from ..model import Annotation
from . import countries, organisations
from .data import for_language, load
from .names import key as name_key
from .records import Record, to_annotations
from .view import BLOCKED, ContentView

SHORT_IN_PARENS = regex.compile(
    r"\((?P<short>\p{Lu}[\p{L}\p{N}'\u2019&./-]{0,11}+(?:[ ]\p{Lu}[\p{L}\p{N}'\u2019&./-]{0,11}+)?)\)"
)
_ROMAN = regex.compile(r"[IVXLCDM]++")
_SOFT_PUNCT = {"-", "\u2013", "&", "/"}
# the nearest character before a '(' that ends any long form: punctuation other than the soft marks,
# or a masked (blocked) character; searched right to left, so it stops at the first one
_HARD_BACK = regex.compile(r"(?r)[^\s\p{L}\p{N}'\u2019&/\u2013-]")
# The tokens of a look-back stretch: words ([\p{L}\p{N}][\p{L}\p{N}'\u2019-]*+) and single signs.  The stretch holds no
# hard character, so each of its characters is white space, a letter or digit, or a soft sign (' \u2019 & / \u2013 -):
# a word is told from a sign without Unicode classes, and the standard library's faster engine reads them as
# ``regex`` would (its \s also takes U+001C..U+001F, which are hard characters).
_STRETCH_TOKEN = re.compile(r"[^\s'\u2019&/\u2013-][^\s&/\u2013]*|\S")
_WORD_NEVER_STARTS = frozenset("'\u2019-")  # the signs a token of _STRETCH_TOKEN's words never starts with
_BROKEN_WORD = re.compile(r"-\s*\n")  # where a stretch may hold a word broken at a line-end hyphen (same \s there)
LOOK_BACK = 400


class _Stretch:
    """The tokens of a look-back stretch, which ends at ``hi``: their texts, whether each is a word, and their
    source offsets, which are found only when asked for (a long form reads those of a few tokens near its end).

    Words are ``[\\p{L}\\p{N}][\\p{L}\\p{N}'\\u2019-]*+`` (one word where a line-end hyphen broke it), signs single
    characters.  Between two tokens there is only white space, so a token's start is the last place its text
    occurs before the next token's start (``rfind``); a stretch with a broken word has its offsets from the scan.
    """

    def __init__(self, text: str, hi: int, texts: list[str], words: list[bool],
                 starts: list[int] | None = None, ends: list[int] | None = None) -> None:
        self.text, self.texts, self.words = text, texts, words
        self._starts = starts if starts is not None else [hi] * len(texts)
        self._ends = ends
        self._known = 0 if starts is not None else len(texts)  # the tokens from here on have their offsets
        self._hi = hi

    def start(self, i: int) -> int:
        while self._known > i:
            self._known -= 1
            k = self._known
            self._starts[k] = self.text.rfind(self.texts[k], 0, self._starts[k + 1] if k + 1 < len(self.texts) else self._hi)
        return self._starts[i]

    def end(self, i: int) -> int:
        return self._ends[i] if self._ends is not None else self.start(i) + len(self.texts[i])


class Definition(NamedTuple):
    short: str
    core: str
    start: int  # the short form's span
    end: int
    long: str
    rule: str


@cache
def _words(language: str) -> dict[str, frozenset[str]]:
    data = for_language("phrases", language)
    out = {k: frozenset(w.lower() for w in data.get(k, [])) for k in ("stop_words", "leading_modifiers", "legal_act_words")}
    every = [v for k, v in load("phrases").items() if isinstance(v, dict) and k != "*"]
    for k in ("determiners", "prepositions"):
        out[k] = frozenset(w.lower() for table in every for w in table.get(k, []))
    out["function_words"] = out["determiners"] | out["prepositions"] | out["stop_words"]  # never start a long form
    out["not_short_forms"] = frozenset(load("phrases").get("*", {}).get("not_short_forms", []))
    names: set[str] = set()
    for table in load("countries").values():
        if isinstance(table, dict):
            for ns in table.values():
                names.update(ns)
    out["countries"] = frozenset(names)
    months: set[str] = set()
    for lang in languages.all_languages():
        months.update(m.lower() for m in lang.months)
    out["months"] = frozenset(months)
    return out


def core_of(short: str) -> str:
    """The short form without a plural ending: ``OAP's`` → ``OAP``, ``NGOs`` → ``NGO``."""
    if short.endswith(("'s", "\u2019s")):
        return short[:-2]
    if short.endswith("s") and len(short) >= 3 and short[:-1].isupper():
        return short[:-1]
    return short


def is_short_form(short: str, language: str) -> bool:
    words = _words(language)
    core = core_of(short)
    tokens = short.split(" ")
    if sum(map(str.isalnum, core)) < 2 or not all(t[:1].isupper() for t in tokens):
        return False
    if len(tokens) > 1 and not all(sum(map(str.isupper, t)) >= 2 for t in tokens):
        return False  # two words: both must look like abbreviations (EL PAcCTO), not 'Algemene Zaken'

    if sum(map(str.isupper, core)) < 2:
        # a capitalised word (Frontex, Empact, Socta) only when short, plain and a single word
        if len(tokens) != 1 or not (3 <= len(core) <= 8) or not core.isascii() or not core.isalpha():
            return False
    if core in words["not_short_forms"] or _ROMAN.fullmatch(core):
        return False
    return short not in words["countries"] and core.lower() not in words["months"]


def _stretch(view: ContentView, open_pos: int) -> _Stretch:
    """The tokens of the look-back stretch before the ``(`` at ``open_pos``."""
    text = view.masked
    lo = max(0, open_pos - LOOK_BACK)
    hard = _HARD_BACK.search(text, lo, open_pos)
    cut = hard is None and lo > 0 and text[lo - 1].isalnum()  # the window starts inside a word: drop that word
    if hard is not None:
        lo = hard.end()
    if _BROKEN_WORD.search(text, lo, open_pos) is None:
        # No sign that splits a word (& / \u2013) and none at the start of a word (' \u2019 -): the tokens are the
        # pieces between white space (str.split, whose white space is the standard library's \s), found faster
        piece = text[lo:open_pos]
        texts = piece.split()
        if "&" in piece or "/" in piece or "\u2013" in piece or (
            ("-" in piece or "'" in piece or "\u2019" in piece) and any(t[0] in _WORD_NEVER_STARTS for t in texts)
        ):
            texts = _STRETCH_TOKEN.findall(text, lo, open_pos)
        if cut:
            texts = texts[1:]
        return _Stretch(text, open_pos, texts, [t[0].isalnum() for t in texts])
    tokens = [(m.start(), m.end(), word := m.group(), word[0].isalnum()) for m in _STRETCH_TOKEN.finditer(text, lo, open_pos)]
    if cut:
        tokens = tokens[1:]
    out: list[tuple[int, int, str, bool]] = []
    for t in tokens:  # a word broken at a line-end hyphen is one word
        if out and out[-1][3] and out[-1][2].endswith("-") and t[3] and t[2][0].isalpha() and "\n" in text[out[-1][1] : t[0]]:
            prev = out.pop()
            t = (prev[0], t[1], prev[2] + t[2], True)
        out.append(t)
    starts, ends, texts, words = (list(column) for column in zip(*out)) if out else ([], [], [], [])
    return _Stretch(text, open_pos, texts, words, starts, ends)


def _letters_start(short: str, long_chars: str) -> int | None:
    """Schwartz-Hearst: index in ``long_chars`` where the long form starts, or None."""
    s = [c.lower() for c in short if c.isalnum()]
    if len("".join(s)) != len(s):
        return None  # a letter whose lower case is two characters ('İ') equals no character of the long form
    lf = long_chars.lower()
    li = len(lf) - 1
    for si in range(len(s) - 1, -1, -1):  # each letter of the short form, last first, at the nearest place before
        li = lf.rfind(s[si], 0, li + 1)
        if si == 0:  # the first letter must start a word
            while li > 0 and lf[li - 1].isalnum():
                li = lf.rfind(s[si], 0, li)
        if li < 0:
            return None
        li -= 1
    return li + 1


def _candidates(texts: list[str], is_word: list[bool], n: int, max_words: int,
                words: dict[str, frozenset[str]]) -> tuple[int, list[tuple[int, str]]]:
    """Where the stretch of a long form starts (``bound``: the walk back from the '(' over the first ``n`` tokens
    stops at a hard sign, a number, a stop word, a determiner not after a preposition, or after ``max_words``
    words), and the candidate starts in it, nearest first, with their kind (module docstring).

    One walk finds both; each word is put in lower case once (token ``n - 1`` is a word).
    """
    det, prep, stop = words["determiners"], words["prepositions"], words["stop_words"]
    function_words = words["function_words"]
    candidates: list[tuple[int, str]] = []
    plain = None  # the last word seen that is a candidate only if the stretch starts there
    bound, seen, j = 0, 0, n - 1
    low = texts[j].lower()  # (the token before the '(' is a word)
    while j >= 0:
        t = texts[j]
        before = (texts[j - 1].lower() if is_word[j - 1] else None) if j > 0 else None
        if low is None:
            if t not in _SOFT_PUNCT:
                bound = j + 1
                break
        elif not t.isalpha() and any(map(str.isdigit, t)):
            bound = j + 1  # numbers are not part of a long form (and mark stray furniture)
            break
        elif low in stop:
            bound = j + 1
            break
        elif low in det and before not in prep:
            bound = j + 1
            break
        else:
            seen += 1
            if seen > max_words:
                bound = j + 1
                break
            if low not in function_words:
                if before in det:
                    candidates.append((j, "determiner"))
                elif before in prep:
                    candidates.append((j, "preposition"))
                else:
                    plain = j
        low = before
        j -= 1
    if plain == bound:
        candidates.append((bound, "start"))
    return bound, candidates


def _long_form(view: ContentView, open_pos: int, short: str, language: str) -> tuple[int, int, str, str | None] | None:
    """(start, end, rule) of the long form before the ``(`` at ``open_pos``, and the long form as printed when the rule
    that found it read it already (else None); None when there is no long form."""
    words = _words(language)
    prep, mods = words["prepositions"], words["leading_modifiers"]
    stretch = _stretch(view, open_pos)
    texts, is_word = stretch.texts, stretch.words
    n = len(texts)
    if n and texts[-1].lower() in words["legal_act_words"]:
        return None  # 'Verordening (EU) 2016/679': part of a title, not a definition
    while n and not is_word[n - 1]:  # signs before the '(' are left out (n: the tokens still in)
        if texts[n - 1] not in _SOFT_PUNCT:
            return None
        n -= 1
    if not n:
        return None
    core = core_of(short)
    max_words = min(2 * len(core) + 6, 24)
    bound, candidates = _candidates(texts, is_word, n, max_words, words)
    if not candidates:
        return None
    end = stretch.end(n - 1)

    # 1. letters (Schwartz-Hearst) over the stretch; its start must be a candidate start
    joined = " ".join(texts[bound:n])
    at = _letters_start(core, joined)
    if at is not None:
        # the token where the letters start (tokens hold no white space: one space before each but the first)
        k = bound + joined.count(" ", 0, at)
        starts_name = (  # a capitalised word right after a lowercase one: 'captured Israeli Defence Force'
            k > bound and texts[k][0].isupper() and is_word[k - 1] and texts[k - 1][0].islower()
        )
        at_token_start = at == 0 or joined[at - 1 : at] == " "
        if at_token_start and (starts_name or any(c == k for c, _ in candidates)):
            start = stretch.start(k)
            printed = view.surface(start, end)
            if len(printed) > len(short):
                return start, end, "letters", printed

    known = [organisations.matcher(language), countries.matcher(language)]

    def usable(k: int) -> int | None:
        """The start token of the phrase from candidate k (modifiers dropped), or None."""
        while k < n - 1 and texts[k].lower() in mods:
            k += 1
        if sum(is_word[k:n]) < 2:
            return None
        for m in known:
            e = m.match_end(view.masked, stretch.start(k))
            if e is not None and e < end:
                following = next((i for i in range(k, n) if stretch.start(i) >= e and is_word[i]), None)
                if following is not None and texts[following].lower() in prep:
                    return None
        return k

    for k, kind in candidates:  # 2. capitalised, after a determiner or at the start
        if kind in ("determiner", "start") and texts[k][0].isupper() and (u := usable(k)) is not None:
            return stretch.start(u), end, "phrase-capitalised", None
    for k, kind in candidates:  # 3. after a determiner
        if kind == "determiner" and (u := usable(k)) is not None:
            return stretch.start(u), end, "phrase-determiner", None
    for k, kind in candidates:  # 4. after a preposition or at the start
        if kind in ("preposition", "start") and (u := usable(k)) is not None:
            return stretch.start(u), end, "phrase-preposition", None
    return None


def definitions(view: ContentView, language: str) -> list[Definition]:
    out = []
    for m in SHORT_IN_PARENS.finditer(view.masked):
        short = m.group("short")
        if not is_short_form(short, language):
            continue
        found = _long_form(view, m.start(), short, language)
        if found is None:
            continue
        start, end, rule, printed = found
        long = printed if printed is not None else view.surface(start, end)
        out.append(Definition(short, core_of(short), m.start("short"), m.end("short"), long, rule))
    return out


def _variants(d: Definition) -> set[str]:
    forms = {d.short, d.core, d.core + "'s"}
    return {name_key(f) for f in forms} | {name_key(f.upper()) for f in forms}


def find(views: ContentView | list[ContentView], language: str) -> list[Annotation]:
    """Definitions and mentions over one view or over the layer views of one document."""
    return to_annotations(records(views, language))


def records(views: ContentView | list[ContentView], language: str) -> list[Record]:
    """Definitions and mentions as records (:mod:`.records`): definitions first, then mentions view by view."""
    views = [views] if isinstance(views, ContentView) else views
    defs = sorted((d for v in views for d in definitions(v, language)), key=lambda d: d.start)
    # a definition's text is its short form: SHORT_IN_PARENS takes letters, digits, signs and single spaces only, which
    # ContentView.surface gives back as they are
    out: list[Record] = [
        {"type": "acronym", "text": d.short, "span": {"start": d.start, "end": d.end},
         "value": d.long, "rule": f"definition:{d.rule}"}
        for d in defs
    ]
    if not defs:
        return out
    by_key: dict[str, list[Definition]] = {}
    variant_key: dict[str, str] = {}
    for d in defs:
        k = d.core.upper()
        by_key.setdefault(k, []).append(d)
        for v in _variants(d):
            variant_key.setdefault(v, k)
    # One scan per view for the runs that start with a capital (every variant does: a short form starts with one),
    # then a dictionary look-up of each: the work per word is constant, whatever the number of definitions, and
    # the lower-case words of the text never reach Python code.  ``most_runs``: the first run of each variant and the
    # largest number of runs of a variant starting with it (a stretch of n runs has a key of n runs, so only
    # variants of as many runs can be its key; a single run's key is the run itself, its apostrophes straight).
    most_runs: dict[str, int] = {}
    for v in variant_key:
        runs = _runs(v)
        if runs and v.startswith(runs[0]):
            most_runs[runs[0]] = max(most_runs.get(runs[0], 0), len(runs))
    def_starts = {d.start for d in defs}
    ends = {k: [d.end for d in group] for k, group in by_key.items()}
    # No mention comes before the first definition, and no stretch of runs reaches across the '(' before its short
    # form (nor across a blocked character): where a view has one of them there, its scan starts there.
    first_definition = defs[0].start
    for view in views:
        text = view.masked
        after = 0  # end of the last mention: the next one starts at or after it
        scan_from = first_definition if text[first_definition - 1 : first_definition] in ("(", BLOCKED) else 0
        straight = "\u2019" not in text  # no run needs its apostrophes straightened
        for first in _CAPITALISED_RUN.finditer(text, scan_from):
            word = first.group() if straight else first.group().replace("\u2019", "'")
            most = most_runs.get(word)
            if most is None or first.start() < after:
                continue
            hit = None
            if most > 1:  # the longest variant first
                runs = list(islice(_RUN.finditer(text, first.start()), most))
                for length in range(len(runs), 1, -1):
                    last = runs[length - 1]
                    if not all(_joinable(text[runs[x].end() : runs[x + 1].start()]) for x in range(length - 1)):
                        continue
                    k = variant_key.get(name_key(text[runs[0].start() : last.end()]))
                    if k is not None:
                        hit = (runs[0].start(), last.end(), k)
                        break
            if hit is None:
                k = variant_key.get(word)
                if k is None:
                    continue
                hit = (first.start(), first.end(), k)
            start, end, k = hit
            after = end
            if start in def_starts:
                continue
            group = by_key[k]
            j = bisect.bisect_right(ends[k], start) - 1
            if j < 0:
                continue
            d = group[j]
            out.append({"type": "acronym", "text": view.surface(start, end), "span": {"start": start, "end": end}, "value": d.long,
                        "target": f"acronym:{d.short}", "rule": "mention"})
    return out


_RUN = regex.compile(r"[\p{L}\p{N}'\u2019]++")


def _runs(variant: str) -> list[str]:
    """The runs of a variant key (``_RUN``): most keys are ASCII letters and digits with an apostrophe, one run
    in any Unicode version, told without the pattern."""
    if variant.isascii() and variant.replace("'", "").isalnum():
        return [variant]
    return _RUN.findall(variant)
_CAPITALISED_RUN = regex.compile(r"(?<![\p{L}\p{N}'\u2019])\p{Lu}[\p{L}\p{N}'\u2019]*+")
_HYPHEN_GAP = regex.compile(r"-[ \t]*+(?:\r\n|\r|\n)\s*+")


def _joinable(gap: str) -> bool:
    """What may stand between two words of one short form: white space, a hyphen (possibly at a line end), or one
    joining sign inside it (``R&D``, ``S.A.``, ``I/A``)."""
    return gap in _INNER_SIGNS or (gap != "" and gap.isspace()) or _HYPHEN_GAP.fullmatch(gap) is not None


_INNER_SIGNS = frozenset({"-", "&", ".", "/", "+"})
