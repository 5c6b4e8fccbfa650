"""Name lists → a matcher that finds the names in the content view in one linear pass.

Takes names as printed in a data file (``Europees Grens- en kustwachtagentschap``);
gives a :class:`NameMatcher` whose matches tolerate any white space between words
(line breaks, blank lines, a page break masked to line breaks) and white space
after a hyphen at a line end (``Latijns-`` / ``Amerikaans``).  Longest name wins
at a position; names never start or end inside a word.  The matcher is a
dictionary from each name's first word to the names that start with it: one pass
over the words of the input, linear whatever the length of the list.  The pass itself is one
regular-expression scan for the first words (:func:`word_finder`; a string search for the few
that do not start with a capital), so only the places where a name can start reach Python code,
where one pattern per first word (the alternation of its names, compiled the first time the word
is met) tells the longest name there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import regex

from ..textnorm import collapse_space

_HYPHEN_BREAK = regex.compile(r"-[ \t]*+(?:\r\n|\r|\n)\s*+")


def key(text: str) -> str:
    """The lookup form of a printed name: hyphen line breaks closed, white space collapsed."""
    text = text.replace("\u2019", "'")
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # no line break, no other white space than single inner spaces (see ContentView.surface)
    return collapse_space(_HYPHEN_BREAK.sub("-", text) if "-" in text else text)


# White space as ``regex`` reads ``\\s`` (Unicode White_Space), written so that the standard-library ``re`` reads it
# the same way (its ``\\s`` also takes the four C0 information separators U+001C..U+001F).
_SPACE = r"[^\S\x1c-\x1f]"
_HYPHEN_LINE_BREAK = rf"-(?:[ \t]*+(?:\r\n|\r|\n){_SPACE}*+)?"


def name_pattern(name: str) -> str:
    """The pattern of a printed name (any white space between words, a line break after a hyphen); the same
    matches in ``re`` and in ``regex``."""
    words = []
    for word in key(name).split(" "):
        pieces = [re.escape(p).replace("'", "['\u2019]") for p in word.split("-")]
        # inner hyphen: a line break may follow it; a trailing hyphen ("Grens-") is followed by white space anyway
        words.append(_HYPHEN_LINE_BREAK.join(pieces[:-1] + [pieces[-1]]) if pieces[-1] else
                     _HYPHEN_LINE_BREAK.join(pieces[:-1]) + "-")
    return f"{_SPACE}++".join(words)


class NameMatcher:
    """Finds names (case-sensitive) and maps each match back to its entry value."""

    def __init__(self, names: dict[str, str]) -> None:
        self.values = {key(n): v for n, v in names.items()}
        # First word of each name → the names that start with it, longest first.  Their anchored patterns are
        # compiled the first time the word is met (most names never occur in a given note).
        self.by_first: dict[str, list[str]] = {}
        for name in sorted(self.values, key=lambda n: (-len(n), n)):
            first = _WORD.match(name)
            if first is not None:
                self.by_first.setdefault(first.group(), []).append(name)
        self._compiled: dict[str, list[tuple[re.Pattern, str, bool]]] = {}
        self._joined: dict[str, tuple[re.Pattern | None, list[str], str | None]] = {}
        # The first words that start with a capital (nearly all): found by one scan (see capitalised_places).
        self._capitalised = [w for w in self.by_first if w[0].isupper()]
        self._capitalised_finder: re.Pattern | None = None
        # The others (eu, programma ...), longest first: found by string search.
        self._others = sorted((w for w in self.by_first if not w[0].isupper()), key=lambda w: (-len(w), w))

    def _patterns(self, word: str) -> list[tuple[re.Pattern, str, bool]]:
        """(pattern, value, whether the name is the word alone) of each name starting with ``word``, longest name
        first; compiled on first use.  :meth:`_match_at` reads them only when :meth:`_names_of` cannot answer."""
        patterns = self._compiled.get(word)
        if patterns is None:
            # standard-library ``re`` (compiles several times faster than ``regex``); its ``(?![^\W_])`` lets
            # through a letter that only a newer Unicode knows, which :meth:`_match_at` then rejects
            patterns = self._compiled[word] = [
                (re.compile("(?:" + name_pattern(name) + r")(?![^\W_])"), self.values[name], name == word)
                for name in self.by_first.get(word, ())
            ]
        return patterns

    def _names_of(self, word: str) -> tuple[re.Pattern | None, list[str], str | None]:
        """The names starting with ``word`` as one pattern: an alternation of the longer names' patterns, longest
        first, each in a group of its own (``lastindex`` tells which matched), and the values of those names;
        then the value of the name that is the word alone (None when there is none).  Compiled on first use.

        The alternation tries the names in the order of :meth:`_patterns`, with the same look-ahead after each,
        so its match is the first of theirs; the word alone (the shortest name) needs no pattern: it is the word's
        letters, which ``str.startswith`` tells.  One pattern per word compiles and matches faster than one per name.
        """
        joined = self._joined.get(word)
        if joined is None:
            longer = [name for name in self.by_first.get(word, ()) if name != word]
            pattern = re.compile(
                "(?:" + "|".join("(" + name_pattern(name) + ")" for name in longer) + r")(?![^\W_])"
            ) if longer else None
            alone = self.values[word] if word in self.by_first.get(word, ()) else None
            joined = self._joined[word] = (pattern, [self.values[name] for name in longer], alone)
        return joined

    def _match_at(self, text: str, pos: int, word: str, fits: bool = False) -> tuple[int, str] | None:
        """End and value of the longest name starting at ``pos`` (whose first word is ``word``), or None.

        ``fits``: the word is known to stand at ``pos`` and to end there as the patterns' look-ahead requires
        (a place of :meth:`_first_word_places`); the name that is the word alone then needs no match.
        """
        pattern, values, alone = self._names_of(word)
        if pattern is not None and (m := pattern.match(text, pos)) is not None:
            if not _word_char_at(text, m.end()):
                return m.end(), values[m.lastindex - 1]
            # a letter only a newer Unicode knows ends the name: the shorter names, one by one
            for later, value, is_alone in self._patterns(word)[m.lastindex :]:
                if is_alone and fits:
                    end = pos + len(word)
                else:
                    m = later.match(text, pos)
                    if m is None:
                        continue
                    end = m.end()
                if not _word_char_at(text, end):
                    return end, value
            return None
        if alone is None:
            return None
        end = pos + len(word)
        if not fits and not (text.startswith(word, pos) and not text[end : end + 1].isalnum()):
            return None  # (the look-ahead of the patterns: no letter or digit as ``re`` knows them)
        return None if _word_char_at(text, end) else (end, alone)

    def capitalised_places(self, text: str) -> list[tuple[int, str]]:
        """(start, first word) where a first word that starts with a capital stands (the longest there), in order:
        every place where one starts a word, and maybe places inside words, which :meth:`finditer` passes over.

        One scan (:func:`word_finder`), which tries only the few places that hold a capital.  (A scan's matches do
        not overlap, yet it misses no word start: a match ends at a word's end, see :func:`word_finder`.)
        :func:`capitalised_places` does this for several matchers at once.
        """
        if not self._capitalised:
            return []
        if self._capitalised_finder is None:
            self._capitalised_finder = word_finder(self._capitalised)
        return [(m.start(), m.group()) for m in self._capitalised_finder.finditer(text)]

    def _first_word_places(self, text: str, capitalised: list[tuple[int, str]]) -> list[tuple[int, str]]:
        """The ``capitalised`` places and those of the other first words (``eu``, ``programma`` ...), in order.

        The others would make a scan try nearly every place, so each is found by string search, and the longest
        that ends a word is kept at each place.  The words that fit at a place all start with its character, so
        they are all capitalised or all others.
        """
        if not self._others:
            return capitalised
        others: dict[int, str] = {}
        for word in self._others:  # longest first: the first word kept at a place is the longest
            at = text.find(word)
            while at != -1:
                if at not in others and _WORD_END.match(text, at + len(word)):
                    others[at] = word
                at = text.find(word, at + 1)
        return sorted(capitalised + list(others.items()))  # two ascending runs merged (no place is in both)

    def finditer(self, text: str, capitalised: list[tuple[int, str]] | None = None):
        """Yields (start, end, value) for each name, left to right, non-overlapping.

        One pass over the places where a first word of the names stands; a name's full pattern is tried only
        there, so the cost per word does not grow with the list.  ``capitalised``: the capitalised places of
        ``text`` when a caller found them already (:func:`capitalised_places`), else :meth:`capitalised_places`.
        """
        if capitalised is None:
            capitalised = self.capitalised_places(text)
        pos = 0
        for start, word in self._first_word_places(text, capitalised):
            if start < pos or (start and _word_char_at(text, start - 1)):
                continue  # inside the last name, or a word that a newer Unicode letter before it extends
            found = self._match_at(text, start, word, fits=True)
            if found is not None:
                pos, value = found
                yield start, pos, value

    def match_end(self, text: str, pos: int) -> int | None:
        """End of the longest name starting exactly at ``pos`` (a word start), or None."""
        w = _WORD.match(text, pos)
        if w is None or w.group() not in self.by_first or (pos > 0 and (text[pos - 1].isalnum())):
            return None  # (no name starts with that word: nothing to match, nor to keep for it)
        found = self._match_at(text, pos, w.group())
        return found[0] if found else None


def capitalised_places(text: str, matchers: tuple[NameMatcher, ...]) -> list[list[tuple[int, str]]]:
    """Each matcher's :meth:`~NameMatcher.capitalised_places` in ``text``, found by one scan for all of them.

    The scan finds the longest first word of any of the matchers at a place; a matcher takes the places whose word
    is one of its own.  Where a matcher's own scan would find a shorter word of its own instead (a prefix of the
    found word, ending before a letter that only ``regex``'s newer Unicode knows), none of its names can match
    there (each needs, after that word, white space, a sign or no letter), and where it would find none it has
    none to take: :meth:`~NameMatcher.finditer` finds the same names either way.
    """
    finder = _union_finder(matchers)
    if finder is None:
        return [[] for _ in matchers]
    found = [(m.start(), m.group()) for m in finder.finditer(text)]
    return [[place for place in found if place[1] in matcher.by_first] for matcher in matchers]


@cache
def _union_finder(matchers: tuple[NameMatcher, ...]) -> re.Pattern | None:
    words = {w for matcher in matchers for w in matcher._capitalised}
    return word_finder(words) if words else None


_WORD = regex.compile(r"[\p{L}\p{N}]++")
_WORD_CHAR = regex.compile(r"[\p{L}\p{N}]")


def _word_char_at(text: str, i: int) -> bool:
    """Whether ``text[i]`` is a letter or digit as ``regex`` knows them (False past the end).  An ASCII character
    (most, around a name) is told by ``str.isalnum``, which agrees on ASCII in every Unicode version."""
    if i >= len(text):
        return False
    c = text[i]
    return c.isalnum() if c.isascii() else _WORD_CHAR.match(c) is not None
_WORD_END = re.compile(r"(?![^\W_])")  # the end of a word as word_finder tells it


def word_finder(words: Iterable[str]) -> re.Pattern:
    """A pattern that finds each of ``words`` where it ends a word (no letter or digit follows), for a fixed list.

    Standard-library ``re``, whose search skips ahead to the possible first characters of a pattern that
    starts with literals (so there is no look-behind here): callers check that a match also *starts* a word,
    with ``regex``, which also knows the letters that only a newer Unicode than Python 3.11's has
    (``[^\\W_]``, a letter or digit for ``re``, misses them).  A match that starts inside a word ends where that
    word ends, so it never hides a word of the list that starts later.  The longest word that fits wins.

    The alternation is a trie (:func:`_trie_pattern`): a position is tried only against the words that share
    its first characters, not against every word in turn.
    """
    return re.compile("(?:" + _trie_pattern(set(words)) + r")(?![^\W_])")


def _trie_pattern(words: Iterable[str]) -> str:
    """An alternation of the (non-empty) ``words`` that matches at a position exactly the longest of them the
    rest of the pattern accepts, as the alternation of the words longest first does.

    One branch per first character, each followed by the alternation of the rests, a word that ends there made
    optional and greedy (``(?:...)?``).  The words that match at one position are prefixes of one another, on one
    path of the trie; that path is tried deepest first, and backtracking gives back one ending at a time.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for c in word:
            node = node.setdefault(c, {})
        node[""] = {}  # a word ends here

    def alternation(node: dict) -> str:
        branches = [re.escape(c) + alternation(child) for c, child in sorted(node.items()) if c]
        if "" in node:
            return "(?:" + "|".join(branches) + ")?" if branches else ""
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return alternation(trie) if trie else "(?!)"
