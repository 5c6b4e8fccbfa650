"""Name lists → a matcher that finds the names in the content view in one linear pass.

Takes names as printed in a data file (``Europees Grens- en kustwachtagentschap``);
gives a :class:`NameMatcher` whose matches tolerate any white space between words
(line breaks, blank lines, a page break masked to line breaks) and white space
after a hyphen at a line end (``Latijns-`` / ``Amerikaans``).  Longest name wins
at a position; names never start or end inside a word.  The matcher is a
dictionary from each name's first word to the names that start with it: one pass
over the words of the input, linear whatever the length of the list.
"""

from __future__ import annotations

import regex

_WS = regex.compile(r"\s++")
_HYPHEN_BREAK = regex.compile(r"-[ \t]*+(?:\r\n|\r|\n)\s*+")


def key(text: str) -> str:
    """The lookup form of a printed name: hyphen line breaks closed, white space collapsed."""
    return _WS.sub(" ", _HYPHEN_BREAK.sub("-", text.replace("\u2019", "'"))).strip()


def name_pattern(name: str) -> str:
    words = []
    for word in key(name).split(" "):
        pieces = [regex.escape(p).replace("'", "['\u2019]") for p in word.split("-")]
        # inner hyphen: a line break may follow it; a trailing hyphen ("Grens-") is followed by \s++ anyway
        words.append(r"-(?:[ \t]*+(?:\r\n|\r|\n)\s*+)?".join(pieces[:-1] + [pieces[-1]]) if pieces[-1] else
                     r"-(?:[ \t]*+(?:\r\n|\r|\n)\s*+)?".join(pieces[:-1]) + "-")
    return r"\s++".join(words)


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
        self._compiled: dict[str, list[regex.Pattern]] = {}

    def _patterns(self, word: str) -> list[regex.Pattern]:
        patterns = self._compiled.get(word)
        if patterns is None:
            patterns = self._compiled[word] = [
                regex.compile("(?:" + name_pattern(name) + r")(?![\p{L}\p{N}])") for name in self.by_first.get(word, ())
            ]
        return patterns

    def _match_at(self, text: str, pos: int, word: str) -> regex.Match | None:
        for pattern in self._patterns(word):
            m = pattern.match(text, pos)
            if m is not None:
                return m
        return None

    def finditer(self, text: str):
        """Yields (start, end, value) for each name, left to right, non-overlapping.

        One pass over the words of ``text``; a name is tried only where a word is the first word of some
        name (a dictionary look-up), so the cost per word does not grow with the list.
        """
        if not self.by_first:
            return
        pos = 0
        for w in _WORD.finditer(text):
            if w.start() < pos or w.group() not in self.by_first:
                continue
            m = self._match_at(text, w.start(), w.group())
            if m is None:
                continue
            value = self.values.get(key(m.group()))
            if value is not None:
                yield m.start(), m.end(), value
                pos = m.end()

    def match_end(self, text: str, pos: int) -> int | None:
        """End of the longest name starting exactly at ``pos`` (a word start), or None."""
        w = _WORD.match(text, pos)
        if w is None or (pos > 0 and (text[pos - 1].isalnum())):
            return None
        m = self._match_at(text, pos, w.group())
        return m.end() if m else None


_WORD = regex.compile(r"[\p{L}\p{N}]++")
