"""Countries: ``country`` annotations with an ISO 3166-1 alpha-2 value.

Takes the content view and a language code; gives one annotation per country
name of that language in ``data/countries.json`` (English names when the
language has no table), rule ``country-name``.  Case-sensitive whole names,
longest first (``Dominicaanse Republiek`` before ``Dominica``).
"""

from __future__ import annotations

from functools import cache

from .data import load
from .names import NameMatcher
from .records import Record
from .view import ContentView


@cache
def country_names(language: str) -> dict[str, str]:
    data = load("countries")
    table = data.get(language) or data["en"]
    return {name: code for code, names in table.items() for name in names}


@cache
def matcher(language: str) -> NameMatcher:
    return NameMatcher(country_names(language))


def records(view: ContentView, language: str, capitalised: list[tuple[int, str]] | None = None) -> list[Record]:
    """The country annotations of ``view`` as records (:mod:`.records`); ``capitalised``: see ``NameMatcher.finditer``."""
    return [
        {"type": "country", "text": view.surface(s, e), "span": {"start": s, "end": e}, "value": v, "rule": "country-name"}
        for s, e, v in matcher(language).finditer(view.masked, capitalised)
    ]
