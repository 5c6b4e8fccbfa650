#!/usr/bin/env python3
"""Fuzz the parser for a bounded time (by hand, not in CI): random mutations of the corpus texts.

Usage:  python scripts/fuzz.py [--seconds 60] [--seed 1]

Each round takes a corpus source, applies random byte- and line-level mutations (delete, duplicate, swap,
insert junk or structural tokens, change encodings) and checks the invariants: no exception other than
InputError, spans in bounds, every non-blank character covered, deterministic JSON.  A failing input is
written to a temporary folder (its path is printed; ``--out DIR`` to choose) for a regression test.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from eu_clasi_corpus import InputError, parse_bytes  # noqa: E402
from helpers import uncovered  # noqa: E402

TOKENS = [" " * 49, "\n1 ", "\n BIJLAGE\n", "\nANNEX II\n", "\n12. ", "\na) ", "\n(iv) ", "woord3,", "\f", "\r",
          "\r\n", "\u00ad", "\u00a0", "-\n", "\t\t2023-09-19T12:30:04+0000\n\t Guarantee of Integrity and Authenticity",
          "van: ", "Betreft: ", "(", ")", "\ufffd", "12517/1/23 REV 2"]


def mutate(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8")
    lines = text.split("\n")
    for _ in range(rng.randrange(1, 8)):
        op = rng.randrange(6)
        if not lines:
            lines = [""]
        i = rng.randrange(len(lines))
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif op == 2:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 3:
            pos = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:pos] + rng.choice(TOKENS) + lines[i][pos:]
        elif op == 4:
            lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
        else:
            lines[i] = "".join(chr(rng.randrange(32, 0x2FF)) for _ in range(rng.randrange(20)))
    out = "\n".join(lines)
    encoding = rng.choice(["utf-8", "utf-8", "utf-8", "utf-16", "utf-8-sig", "cp1252"])
    return out.encode(encoding, errors="replace")


def check(data: bytes) -> None:
    try:
        doc = parse_bytes(data, name="fuzz")
    except InputError:
        return
    again = parse_bytes(data, name="fuzz")
    assert doc.to_json() == again.to_json(), "not deterministic"
    from eu_clasi_corpus.source import decode_bytes

    text = decode_bytes(data).text
    missing = uncovered(doc, text)
    assert not missing, f"uncovered text at {missing[:5]}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=None, help="where failing inputs go (default: a new temporary folder)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    sources = [p.read_bytes() for p in sorted((ROOT / "data" / "raw").glob("*.txt"))]
    sources += [p.read_bytes() for p in sorted((ROOT / "tests" / "fixtures").rglob("*.txt"))]
    out = args.out or Path(tempfile.mkdtemp(prefix="eu-clasi-fuzz-"))
    deadline = time.monotonic() + args.seconds
    rounds = failures = 0
    while time.monotonic() < deadline:
        data = mutate(rng.choice(sources), rng)
        rounds += 1
        try:
            check(data)
        except Exception:  # noqa: BLE001 - report every failure
            failures += 1
            out.mkdir(parents=True, exist_ok=True)
            path = out / f"case-{args.seed}-{rounds}.bin"
            path.write_bytes(data)
            print(f"FAIL {path}: {traceback.format_exc().splitlines()[-1]}", flush=True)
    print(f"{rounds} inputs in {args.seconds:.0f} s, {failures} failure(s)" + (f"; inputs in {out}" if failures else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
