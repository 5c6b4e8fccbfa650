"""Name lists → one linear pattern that finds the names in the content view.

Takes names as printed in a data file (``Europees Grens- en kustwachtagentschap``);
gives a :class:`NameMatcher` whose matches tolerate any white space between words
(line breaks, blank lines, a page break masked to line breaks) and white space
after a hyphen at a line end (``Latijns-`` / ``Amerikaans``).  Longest name wins
at a position; names never start or end inside a word.  The pattern is an
alternation of literals with possessive white space: linear in the input.
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
        words.append(r"-(?:[ \t]*+\r?\n\s*+)?".join(pieces[:-1] + [pieces[-1]]) if pieces[-1] else
                     r"-(?:[ \t]*+\r?\n\s*+)?".join(pieces[:-1]) + "-")
    return r"\s++".join(words)


class NameMatcher:
    """Finds names (case-sensitive) and maps each match back to its entry value."""

    def __init__(self, names: dict[str, str]) -> None:
        self.values = {key(n): v for n, v in names.items()}
        ordered = sorted(self.values, key=lambda n: (-len(n), n))
        self.pattern = (
            regex.compile(r"(?<![\p{L}\p{N}])(?:" + "|".join(name_pattern(n) for n in ordered) + r")(?![\p{L}\p{N}])")
            if ordered else None
        )

    def finditer(self, text: str):
        """Yields (start, end, value) for each name, left to right, non-overlapping."""
        if self.pattern is None:
            return
        for m in self.pattern.finditer(text):
            value = self.values.get(key(m.group()))
            if value is not None:
                yield m.start(), m.end(), value

    def match_end(self, text: str, pos: int) -> int | None:
        """End of the longest name starting exactly at ``pos``, or None."""
        if self.pattern is None:
            return None
        m = self.pattern.match(text, pos)
        return m.end() if m else None
