"""Score the parser on the development fixtures against hand-written facts.

Takes ``tests/fixtures/corpus-dev/`` (the fixtures and ``expected.json``, facts
written by hand from reading each document); gives, per document and in total,
how many of the expected facts the parser reports, and (``-v``) which ones it
misses.  ``tests/test_dev_corpus.py`` computes the same score with
:func:`score_corpus` and pins it.

Fact kinds (a missing key means the document does not show that fact):

* ``number``, ``date``, ``original_language``, ``marking``, ``interinstitutional_file``:
  the normalised ``value`` of the header field;
* ``language``, ``doc_type``: the document's fields;
* ``sender``, ``recipient``, ``subject``: the header field's ``text`` (white space collapsed);
* ``codes``: the list of code values, in order (one fact);
* ``paragraphs``: one fact each: a numbered paragraph with that number whose text contains the snippet;
* ``footnotes``: one fact each: a footnote with that number whose text contains the snippet;
* ``footnote_markers``: one fact each: a footnote marker with that number in some paragraph or header field.

Usage: ``python scripts/eval_dev.py [-v] [FIXTURE_DIR]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT / "tests" / "fixtures" / "corpus-dev"


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


@dataclass
class DocScore:
    name: str
    found: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def check(self, label: str, ok: bool, got: object = None) -> None:
        self.total += 1
        if ok:
            self.found += 1
        else:
            self.misses.append(f"{label}: got {got!r}")


def score_document(doc, facts: dict, name: str) -> DocScore:
    """Compare one parsed document with its expected facts."""
    s = DocScore(name)
    h = doc.header
    for key in ("number", "date", "original_language", "marking", "interinstitutional_file"):
        if key in facts:
            f = getattr(h, key)
            got = f.value if f is not None else None
            s.check(key, got == facts[key], got)
    for key in ("language", "doc_type"):
        if key in facts:
            got = getattr(doc, key)
            s.check(key, got == facts[key], got)
    for key in ("sender", "recipient", "subject"):
        if key in facts:
            f = getattr(h, key)
            got = _norm(f.text) if f is not None else None
            s.check(key, got == _norm(facts[key]), got)
    if "codes" in facts:
        got = [c.value for c in h.codes]
        s.check("codes", got == facts["codes"], got)
    paragraphs = [p for p in doc.paragraphs() if p.number is not None]
    for want in facts.get("paragraphs", []):
        texts = [_norm(p.text) for p in paragraphs if p.number == want["number"]]
        ok = any(_norm(want["contains"]) in t for t in texts)
        s.check(f"paragraph {want['number']}", ok, [t[:60] for t in texts] or [p.number for p in paragraphs])
    for want in facts.get("footnotes", []):
        texts = [_norm(f.text) for f in doc.footnotes if f.number == want["number"]]
        ok = any(_norm(want["contains"]) in t for t in texts)
        s.check(f"footnote {want['number']}", ok, [t[:60] for t in texts] or [f.number for f in doc.footnotes])
    markers = [r.number for p in doc.paragraphs() for r in p.footnote_refs]
    markers += [a.value for a in doc.annotations if a.type == "footnote_marker"]
    for number in facts.get("footnote_markers", []):
        s.check(f"footnote marker {number}", number in markers, markers)
    return s


def score_corpus(directory: Path = DEFAULT_DIR) -> list[DocScore]:
    """Parse every fixture named in ``expected.json`` and score it."""
    from eu_clasi_corpus import parse_file

    expected = json.loads((directory / "expected.json").read_text(encoding="utf-8"))["documents"]
    return [score_document(parse_file(directory / name), facts, name) for name, facts in sorted(expected.items())]


def total(scores: list[DocScore]) -> tuple[int, int]:
    return sum(s.found for s in scores), sum(s.total for s in scores)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description="Score the parser on the development fixtures against hand-written facts.")
    ap.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR,
                    help="a folder with the fixtures and expected.json (default: tests/fixtures/corpus-dev)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the facts each document misses")
    args = ap.parse_args(argv)
    verbose = args.verbose
    if not (args.directory / "expected.json").is_file():
        print(f"error: {args.directory}: no expected.json in it", file=sys.stderr)
        return 2
    scores = score_corpus(args.directory)
    width = max(len(s.name) for s in scores)
    for s in scores:
        print(f"{s.name:<{width}}  {s.found:3d}/{s.total:<3d}  {s.found / s.total:6.1%}" if s.total else f"{s.name:<{width}}  no facts")
        if verbose:
            for miss in s.misses:
                print(f"    miss {miss}")
    found, count = total(scores)
    print(f"{'TOTAL':<{width}}  {found:3d}/{count:<3d}  {found / count:6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
