"""The annotation data files (``annotate/data/*.json``), loaded once.

Takes nothing; gives :func:`load` (a data file as a dict) and :func:`for_language`
(the entry of a per-language file for a language code, falling back to ``en``
when the language has no entry, merged with the ``*`` entry when there is one).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def load(name: str) -> dict:
    raw = resources.files(__package__).joinpath("data", f"{name}.json").read_text(encoding="utf-8")
    return json.loads(raw)


def for_language(name: str, language: str) -> dict:
    data = load(name)
    entry = data.get(language) or data.get("en") or {}
    return {**data.get("*", {}), **entry}
