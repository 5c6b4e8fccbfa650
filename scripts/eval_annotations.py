#!/usr/bin/env python3
"""Precision and recall per annotation type against the hand-written gold.

Usage: python scripts/eval_annotations.py [RAW.txt [GOLD.json]] [--show]
Defaults to the seed and tests/gold/<seed stem>.annotations.json.  --show lists
missed and spurious annotations.  Exit 0 always when it could score (the test
suite enforces the thresholds); exit 2 on unusable input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "raw" / "nl_2023-09_ia-item-note_eu-clasi-joint-declaration.txt"


def main(argv: list[str]) -> int:
    from eu_clasi_corpus import parse_text
    from eu_clasi_corpus.annotate import TYPES
    from eu_clasi_corpus.annotate.evaluate import GoldError, differences, load_gold, locate_gold, score

    ap = argparse.ArgumentParser(description="Precision and recall per annotation type against hand-written gold.")
    ap.add_argument("raw", nargs="?", type=Path, default=SEED, help="the source text (default: the seed)")
    ap.add_argument("gold", nargs="?", type=Path, help="the gold JSON (default: tests/gold/<raw stem>.annotations.json)")
    ap.add_argument("--show", action="store_true", help="list missed and spurious annotations")
    args = ap.parse_args(argv)
    raw, show = args.raw, args.show
    gold_path = args.gold or ROOT / "tests" / "gold" / f"{raw.stem}.annotations.json"
    try:
        with open(raw, encoding="utf-8", newline="") as fh:
            source = fh.read()
        gold = locate_gold(load_gold(gold_path), source)
    except (OSError, ValueError, GoldError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    doc = parse_text(source, name=raw.name)
    scores = score(gold, doc.annotations, TYPES)
    print(f"{'type':<20} {'gold':>5} {'pred':>5} {'ok':>5} {'precision':>10} {'recall':>7}")
    fmt = lambda x: "n/a" if x is None else f"{x:.3f}"  # noqa: E731
    for s in scores.values():
        print(f"{s.type:<20} {s.gold:>5} {s.predicted:>5} {s.correct:>5} {fmt(s.precision):>10} {fmt(s.recall):>7}")
    if show:
        missed, spurious = differences(gold, doc.annotations, source)
        print("\nmissed:", *missed or ["none"], sep="\n  ")
        print("spurious:", *spurious or ["none"], sep="\n  ")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
