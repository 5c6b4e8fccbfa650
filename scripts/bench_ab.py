#!/usr/bin/env python3
"""A/B timing of two source trees: child processes of each alternate, so that both see the same machine.

Usage:  python scripts/bench_ab.py OLD_SRC NEW_SRC [--rounds 4] [--runs 15] [--cold 9]

OLD_SRC and NEW_SRC are ``src`` folders (e.g. of a ``git worktree`` of an older commit and of this checkout).
For each tree it prints the minimum over all rounds of parse, validate, Akoma Ntoso and JSON export of the seed
(each round a fresh child process timing ``--runs`` calls), then the median of ``--cold`` cold starts of
``eu-clasi parse SEED --format json`` run from that tree.  On a shared machine, where absolute times drift during
a day, this is the fair way to compare two commits; ``scripts/bench.py`` gives the figures of one commit.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from bench import SEED, child_env, cold_interleaved  # (scripts/bench.py: the seed, the cold-start environment and timing)

WARM = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
import eu_clasi_corpus as ecc
from eu_clasi_corpus.export.akn import to_akn
text = open(sys.argv[2], encoding="utf-8", newline="").read()
runs = int(sys.argv[3])
def best(f):
    f(); f()
    b = 1e9
    for _ in range(runs):
        s = time.perf_counter(); f(); b = min(b, time.perf_counter() - s)
    return b * 1000
doc = ecc.parse_text(text)
print(json.dumps({"parse": best(lambda: ecc.parse_text(text)), "validate": best(lambda: ecc.validate(doc, text)),
                  "akn": best(lambda: to_akn(doc)), "json": best(doc.to_json)}))
"""

COLD = (
    "import sys; sys.path.insert(0, sys.argv[1]); sys.argv = ['eu-clasi', 'parse', sys.argv[2], '--format', 'json']; "
    "from eu_clasi_corpus.cli import main; main()"
)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("trees", nargs=2, type=Path, help="the two src folders, old first")
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--cold", type=int, default=9)
    ap.add_argument("--seed", type=Path, default=SEED)
    args = ap.parse_args()
    env = child_env()
    trees = [str(t.resolve()) for t in args.trees]
    warm: dict[str, dict[str, float]] = {t: {} for t in trees}
    for _ in range(args.rounds):
        for t in trees:
            out = subprocess.run([sys.executable, "-c", WARM, t, str(args.seed), str(args.runs)], capture_output=True,
                                 text=True, check=True, env=env).stdout
            for k, v in json.loads(out).items():
                warm[t][k] = min(warm[t].get(k, 1e9), v)
    cold = cold_interleaved({t: [sys.executable, "-c", COLD, t, str(args.seed)] for t in trees}, args.cold)
    for t in trees:
        figures = "  ".join(f"{k} {v:6.2f} ms" for k, v in warm[t].items())
        print(f"{t}\n    {figures}  cold parse {cold[t] * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
