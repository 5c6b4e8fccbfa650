"""Bodies, agencies and programmes: ``organisation`` annotations from a gazetteer kept as data.

Takes the content view and a language code; gives one annotation per name found
from ``data/organisations.json`` (names of the language and language-independent
names), ``value`` the entry id (``Europol``, ``Clasi``, ``Council`` ...), rule
``gazetteer``.  Longest name wins (``Drugsagentschap van de Europese Unie`` is one
EUDA mention, not also an EU one); each part of a hyphenated compound counts
(``EU-Clasi`` is an EU and a Clasi mention, ``COSI-ondersteuningsgroep`` a COSI one).
"""

from __future__ import annotations

from functools import cache

from .data import load
from .names import NameMatcher
from .records import Record
from .view import ContentView


@cache
def matcher(language: str) -> NameMatcher:
    names: dict[str, str] = {}
    for entry in load("organisations")["entries"]:
        for lang in ("*", language):
            for name in entry["names"].get(lang, []):
                names[name] = entry["id"]
    return NameMatcher(names)


def records(view: ContentView, language: str, capitalised: list[tuple[int, str]] | None = None) -> list[Record]:
    """The organisation annotations of ``view`` as records (:mod:`.records`); ``capitalised``: see ``NameMatcher.finditer``."""
    return [
        {"type": "organisation", "text": view.surface(s, e), "span": {"start": s, "end": e}, "value": v, "rule": "gazetteer"}
        for s, e, v in matcher(language).finditer(view.masked, capitalised)
    ]
