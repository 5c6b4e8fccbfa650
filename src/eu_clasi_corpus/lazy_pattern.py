"""A ``regex`` pattern compiled when first used (:class:`LazyPattern`).

``regex.compile`` costs 0.1-2 ms a pattern, paid at import for a module-level pattern, and many patterns are
needed only by some texts (site wrappers, page footers, flattened headers, rule lines): a module keeps those as
:class:`LazyPattern` objects, which every stage and :mod:`eu_clasi_corpus.textnorm` can use alike.
"""

from __future__ import annotations

import regex


class LazyPattern:
    """Takes a pattern and its flags; gives ``pattern`` and the matching methods of the compiled pattern (arguments
    passed through), compiling it on the first call."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: regex.Pattern | None = None

    def compiled(self) -> regex.Pattern:
        if self._compiled is None:
            self._compiled = regex.compile(self.pattern, self.flags)
        return self._compiled

    def search(self, *args, **kwargs) -> regex.Match | None:
        return self.compiled().search(*args, **kwargs)

    def match(self, *args, **kwargs) -> regex.Match | None:
        return self.compiled().match(*args, **kwargs)

    def fullmatch(self, *args, **kwargs) -> regex.Match | None:
        return self.compiled().fullmatch(*args, **kwargs)

    def finditer(self, *args, **kwargs):
        return self.compiled().finditer(*args, **kwargs)

    def sub(self, *args, **kwargs) -> str:
        return self.compiled().sub(*args, **kwargs)
