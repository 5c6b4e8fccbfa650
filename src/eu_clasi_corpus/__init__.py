"""eu-clasi-corpus: a source-anchored parser, validators and annotated corpus for Council documents.

>>> import eu_clasi_corpus as ecc
>>> doc = ecc.parse_file("data/raw/nl_2023-09_ia-item-note_eu-clasi-joint-declaration.txt")  # doctest: +SKIP
>>> [p.number for p in doc.annexes[0].paragraphs][:3]  # doctest: +SKIP
['1', '2', '3']

Every public name loads on first use (PEP 562 ``__getattr__``): ``import
eu_clasi_corpus`` costs almost nothing, the model and parser load when first
touched, lxml (Akoma Ntoso) and pandas (data frames) only when the function that
needs them is called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from .corpus import Corpus
    from .model import Diagnostic, Document, Span
    from .parser import parse_bytes, parse_file, parse_source, parse_text
    from .source import InputError

__version__ = "0.1.0"

__all__ = [
    "Corpus",
    "Diagnostic",
    "Document",
    "InputError",
    "Span",
    "__version__",
    "from_akn",
    "parse_bytes",
    "parse_file",
    "parse_source",
    "parse_text",
    "validate",
]


def validate(doc: "Document", text: str | None = None) -> "list[Diagnostic]":
    """All diagnostics for ``doc``: the parser's own and the validators' (see :mod:`eu_clasi_corpus.validators`).

    Pass ``text``, the source ``doc`` was parsed from: without it the text checks are skipped.
    """
    from .validators import validate as _validate

    return _validate(doc, text)


def from_akn(xml: bytes | str) -> "Document":
    """The document in Akoma Ntoso XML written by ``Document.to_akn`` (see :mod:`eu_clasi_corpus.export.akn_read`).

    Needs lxml (imported here, not at package import).  Never resolves entities or touches the network.
    """
    from .export.akn_read import from_akn as _from_akn

    return _from_akn(xml)


# name → module: loaded on first use, so `import eu_clasi_corpus` stays light
_LAZY = {
    "Corpus": "corpus",
    "Diagnostic": "model",
    "Document": "model",
    "Span": "model",
    "InputError": "source",
    "parse_bytes": "parser",
    "parse_file": "parser",
    "parse_source": "parser",
    "parse_text": "parser",
}


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
