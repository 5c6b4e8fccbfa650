#!/usr/bin/env python3
"""Benchmark: parse, validate and export the seed; scaling on synthetic large notes; build; CLI start; memory.

Usage:  python scripts/bench.py [--repeat 30] [--build-copies 1000] [--json bench.json] [--quick]

Every figure is a median of repeated runs, also printed as a ratio to a *floor* measured in the same run:
one regular-expression scan plus a line split over the same text (what any parser must at least do).
Output: a table on standard output, and JSON (``--json``) for comparing commits.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "raw" / "nl_2023-09_ia-item-note_eu-clasi-joint-declaration.txt"
CLI = Path(sys.executable).parent / "eu-clasi"
FLOOR_PATTERN = re.compile(r"(?m)^\s*(\d{1,3})\.\s|\w(\d{1,3})[,.;]|\d{1,5}/\d{2}|\d{1,2} \w+ \d{4}")


def median_time(fn, repeat: int) -> float:
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def floor(text: str) -> None:
    FLOOR_PATTERN.findall(text)
    text.split("\n")


def scaled_note(text: str, factor: int) -> str:
    """The seed with its annex paragraphs repeated ``factor`` times and renumbered."""
    head, sep, annex = text.partition(" BIJLAGE")
    first = annex.index("\n1. ")
    tail_at = annex.index("\t\t20")  # the signature stamp
    title, body, tail = annex[:first], annex[first:tail_at], annex[tail_at:]
    parts = re.split(r"(?m)^( ?)(\d{1,3})\. ", body)
    paras = [(parts[i], parts[i + 2]) for i in range(1, len(parts) - 2, 3)]
    out, n = [], 0
    for _ in range(factor):
        for page_start, p in paras:
            n += 1
            out.append(f"{page_start}{n}. {p}")
    return head + sep + title + "\n" + "".join(out) + tail


def cold(cmd: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_memory_mb(cmd: list[str]) -> float | None:
    try:
        import resource
    except ImportError:
        return None
    code = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True).stdout.strip()
    return int(out) / 1024 if out else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--build-copies", type=int, default=1000)
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    ap.add_argument("--quick", action="store_true", help="fewer repeats and copies (a smoke run)")
    args = ap.parse_args()
    if args.quick:
        args.repeat, args.build_copies = 5, 50

    import eu_clasi_corpus as ecc

    with open(SEED, encoding="utf-8", newline="") as fh:
        text = fh.read()
    results: dict[str, dict] = {}

    def record(name: str, seconds: float, floor_seconds: float | None, **extra) -> None:
        results[name] = {"seconds": seconds, "ratio_to_floor": (seconds / floor_seconds) if floor_seconds else None, **extra}

    floor_seed = median_time(lambda: floor(text), args.repeat * 10)
    record("floor (seed)", floor_seed, floor_seed)
    doc = ecc.parse_text(text, name=SEED.name)
    record("parse (seed)", median_time(lambda: ecc.parse_text(text, name=SEED.name), args.repeat), floor_seed)
    record("validate (seed)", median_time(lambda: ecc.validate(doc, text), args.repeat), floor_seed)
    record("parse + validate (seed)",
           median_time(lambda: ecc.validate(ecc.parse_text(text, name=SEED.name), text), args.repeat), floor_seed)
    record("JSON export (seed)", median_time(doc.to_json, args.repeat), floor_seed)
    try:
        from eu_clasi_corpus.export.akn import to_akn

        record("AKN export (seed)", median_time(lambda: to_akn(doc), args.repeat), floor_seed)
    except ImportError:
        pass

    for factor in (1, 10, 100):
        big = scaled_note(text, factor)
        f = median_time(lambda: floor(big), max(3, args.repeat // factor))
        t = median_time(lambda: ecc.parse_text(big), max(3, args.repeat // (factor * 2)))
        mb = len(big.encode("utf-8")) / 1e6
        record(f"parse ({factor}x annex, {mb:.2f} MB)", t, f, mb_per_s=mb / t, size_mb=mb)

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        (data / "raw").mkdir(parents=True)
        meta = json.loads((SEED.parent / (SEED.stem + ".meta.json")).read_text(encoding="utf-8"))
        for i in range(args.build_copies):
            stem = f"copy{i:05d}"
            shutil.copyfile(SEED, data / "raw" / f"{stem}.txt")
            meta["id"] = stem
            meta["source"]["file"] = f"{stem}.txt"
            (data / "raw" / f"{stem}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
        for jobs in (1, 2):
            shutil.rmtree(data / "parsed", ignore_errors=True)
            start = time.perf_counter()
            r = subprocess.run([str(CLI), "build", str(data), "--jobs", str(jobs)], capture_output=True, text=True)
            seconds = time.perf_counter() - start
            if r.returncode == 0:
                record(f"build {args.build_copies} notes --jobs {jobs}", seconds, None)
            else:
                print(f"build --jobs {jobs} failed: {r.stderr.strip()[-200:]}", file=sys.stderr)

    record("import eu_clasi_corpus (cold)", cold([sys.executable, "-c", "import eu_clasi_corpus"], 7), None)
    record("eu-clasi --version (cold)", cold([str(CLI), "--version"], 7), None)
    record("eu-clasi parse SEED --format json (cold)", cold([str(CLI), "parse", str(SEED), "--format", "json"], 7), None)
    mem = peak_memory_mb([str(CLI), "parse", str(SEED), "--format", "json"])
    if mem is not None:
        results["peak memory, eu-clasi parse SEED (MB)"] = {"seconds": None, "ratio_to_floor": None, "mb": mem}

    print(f"{'measure':<48} {'median':>12} {'x floor':>9}  extra")
    for name, r in results.items():
        sec = f"{r['seconds'] * 1000:.3f} ms" if r.get("seconds") is not None else ""
        ratio = f"{r['ratio_to_floor']:.1f}" if r.get("ratio_to_floor") else ""
        extra = ", ".join(f"{k}={v:.2f}" for k, v in r.items() if k not in ("seconds", "ratio_to_floor"))
        print(f"{name:<48} {sec:>12} {ratio:>9}  {extra}")
    if args.json:
        payload = {
            "python": platform.python_version(),
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            "version": ecc.__version__,
            "results": results,
        }
        args.json.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
