"""Write docs/diagnostics.md from the diagnostic registry (eu_clasi_corpus.diagnostics.REGISTRY).

Usage: python scripts/gen_diagnostics_doc.py [--check]
With --check, write nothing and exit 1 when the committed file differs from the registry.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eu_clasi_corpus.diagnostics import registry_markdown

TARGET = Path(__file__).resolve().parents[1] / "docs" / "diagnostics.md"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description="Write docs/diagnostics.md from the diagnostic registry.")
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 when the committed file is out of date")
    args = ap.parse_args(argv)
    wanted = registry_markdown()
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != wanted:
            print(f"{TARGET} is out of date: run python scripts/gen_diagnostics_doc.py", file=sys.stderr)
            return 1
        return 0
    from eu_clasi_corpus.io import atomic_write

    atomic_write(TARGET, wanted)
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
