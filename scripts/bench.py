#!/usr/bin/env python3
"""Benchmark: parse, validate and export the seed; scaling on synthetic large notes; build; CLI start; memory.

Usage:  python scripts/bench.py [--repeat 30] [--build-copies 1000] [--json bench.json] [--quick]

Every time is the median of repeated runs after warm-up runs, also printed as a ratio to a *floor*
measured in the same run over the same text: one regular-expression scan for the numbered paragraph
starts (``(?m)^ ?\\d{1,3}\\. ``) plus a line split -- about the least any parser of these notes must do.
Cold-start figures run fresh interpreters with bytecode caching enabled (``PYTHONDONTWRITEBYTECODE``
removed from the child environment, the package byte-compiled first, one unmeasured run before the
measured ones), i.e. what a user with an installed package sees.  Cold ``parse`` is timed in turns with a
typer + pydantic command that does nothing (:data:`STACK_FLOOR`): the start-up of the stack, before our code.
Output: a table (with the project's targets, met or not) on standard output, and JSON (``--json``)
for comparing commits.
"""

from __future__ import annotations

import argparse
import compileall
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
FLOOR_PATTERN = re.compile(r"(?m)^ ?\d{1,3}\. ")

# name of a result → (limit, unit, what the limit is about); see the project's performance issue
TARGETS: dict[str, tuple[float, str]] = {
    "parse + validate (seed)": (2.0, "ms"),
    "parse + validate (seed) / floor": (15.0, "x"),
    "parse 100x / parse 1x": (120.0, "x"),
    "import eu_clasi_corpus (cold)": (100.0, "ms"),
    "eu-clasi --version (cold)": (150.0, "ms"),
    "eu-clasi parse SEED --format json (cold)": (300.0, "ms"),
    "build 1000 notes --jobs 2": (8000.0, "ms"),
    "peak memory, eu-clasi parse SEED --format json": (60.0, "MB"),
}


def median_time(fn, repeat: int, warmup: int = 3, min_seconds: float = 0.2, max_repeat: int = 2000) -> float:
    """Median wall time of ``fn()`` over at least ``repeat`` runs (more, up to ``max_repeat``, for fast ones)."""
    for _ in range(warmup):
        fn()
    times: list[float] = []
    began = time.perf_counter()
    while len(times) < repeat or (time.perf_counter() - began < min_seconds and len(times) < max_repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def floor(text: str) -> None:
    FLOOR_PATTERN.findall(text)
    text.split("\n")


def roman(n: int) -> str:
    out = ""
    for value, numeral in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


def scaled_note(text: str, factor: int) -> str:
    """The seed with its annex repeated ``factor`` times: annexes ``BIJLAGE I``, ``BIJLAGE II`` ..., each with the
    seed's title and paragraphs (numbered 1, 2 ... in each annex, as a note with many annexes is), so that every
    paragraph of every size is recognised (one annex numbered past 999 would not be: numbers have three digits).
    Footnotes repeat with their annex (numbered 1, 2, 3 in each), so the validators report the restarts."""
    head, _, annex = text.partition(" BIJLAGE")
    first = annex.index("\n1. ")
    tail_at = annex.index("\t\t20")  # the signature stamp
    title, body, tail = annex[:first], annex[first:tail_at], annex[tail_at:]
    parts = re.split(r"(?m)^( ?)(\d{1,3})\. ", body)
    paras = [(parts[i], parts[i + 2]) for i in range(1, len(parts) - 2, 3)]
    out = []
    for k in range(1, factor + 1):
        out.append(f" BIJLAGE {roman(k)}{title}\n" if factor > 1 else f" BIJLAGE{title}\n")  # title: ' \n...' 
        out.extend(f"{page_start}{n}. {p}" for n, (page_start, p) in enumerate(paras, start=1))
    return head + "".join(out) + tail


def child_env() -> dict[str, str]:
    """The environment for cold-start runs: bytecode caching on (as for an installed package)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def cold_interleaved(cmds: dict[str, list[str]], repeat: int) -> dict[str, float]:
    """:func:`cold` for several commands, run in turns: a slow spell of the machine lands on all of them."""
    env = child_env()
    for cmd in cmds.values():
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    times: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(repeat):
        for name, cmd in cmds.items():
            start = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(ts) for name, ts in times.items()}


def cold(cmd: list[str], repeat: int) -> float:
    """Median wall time of ``repeat`` fresh runs of ``cmd`` (after one unmeasured run that writes the bytecode)."""
    return cold_interleaved({"cmd": cmd}, repeat)["cmd"]


# The start-up the stack costs before any of our code runs: a typer command with options like ours that reads the
# file and writes one pydantic model as JSON (typer imports pydantic for its option parsing; pydantic loads its
# plugin machinery with the first model).  `eu-clasi parse` cold minus this is what our code costs at start-up.
STACK_FLOOR = r"""
from pathlib import Path
from typing import Optional
import typer
from pydantic import BaseModel, Field

class Span(BaseModel):
    start: int = Field(ge=0)
    end: int = Field(ge=0)

app = typer.Typer(add_completion=False)

@app.callback()
def main(debug: bool = typer.Option(False, "--debug")) -> None:
    pass

@app.command()
def parse(file: Path = typer.Argument(...), format: str = typer.Option("json", "--format"),
          output: Optional[Path] = typer.Option(None, "--output"), max_bytes: int = typer.Option(1, "--max-bytes", min=1)):
    print(Span(start=0, end=len(file.read_text(encoding="utf-8"))).model_dump_json())

app()
"""


def peak_memory_mb(cmd: list[str]) -> float | None:
    try:
        import resource  # noqa: F401
    except ImportError:
        return None
    code = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True, env=child_env()).stdout.strip()
    return int(out) / 1024 if out else None


def git_commit() -> str | None:
    try:
        r = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "src"], capture_output=True, text=True)
        return r.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "") if r.returncode == 0 else None
    except OSError:
        return None


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=30, help="minimum timed runs per in-process measure")
    ap.add_argument("--cold-repeat", type=int, default=11, help="timed runs per cold-start measure")
    ap.add_argument("--build-copies", type=int, default=1000)
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    ap.add_argument("--quick", action="store_true", help="fewer repeats and copies (a smoke run)")
    args = ap.parse_args()
    if args.quick:
        args.repeat, args.cold_repeat, args.build_copies = 5, 3, 50

    compileall.compile_dir(str(ROOT / "src" / "eu_clasi_corpus"), quiet=1)
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None

    import eu_clasi_corpus as ecc

    with open(SEED, encoding="utf-8", newline="") as fh:
        text = fh.read()
    results: dict[str, dict] = {}

    def record(name: str, seconds: float | None, floor_seconds: float | None, **extra) -> None:
        ratio = (seconds / floor_seconds) if (floor_seconds and seconds is not None) else None
        results[name] = {"seconds": seconds, "ratio_to_floor": ratio, **extra}

    floor_seed = median_time(lambda: floor(text), args.repeat * 10)
    record("floor (seed)", floor_seed, floor_seed)
    doc = ecc.parse_text(text, name=SEED.name)
    record("parse (seed)", median_time(lambda: ecc.parse_text(text, name=SEED.name), args.repeat), floor_seed)
    record("validate (seed)", median_time(lambda: ecc.validate(doc, text), args.repeat), floor_seed)
    record("parse + validate (seed)",
           median_time(lambda: ecc.validate(ecc.parse_text(text, name=SEED.name), text), args.repeat), floor_seed)
    pv = results["parse + validate (seed)"]
    results["parse + validate (seed) / floor"] = {"seconds": None, "ratio_to_floor": None, "x": pv["ratio_to_floor"]}
    # Reference, not a target: about the least a parse pays for its result, pydantic building the seed's whole document
    # (every node, annotation and diagnostic) in one call from the data of its JSON.
    from eu_clasi_corpus.model import Document

    doc_data = json.loads(doc.to_json())
    record("model from its JSON data, one pydantic call (seed, reference)",
           median_time(lambda: Document.model_validate(doc_data), args.repeat), floor_seed)
    record("JSON export (seed)", median_time(doc.to_json, args.repeat), floor_seed)
    try:
        from eu_clasi_corpus.export.akn import to_akn

        record("AKN export (seed)", median_time(lambda: to_akn(doc), args.repeat), floor_seed)
    except ImportError:
        pass

    # The sizes are timed in interleaved rounds (each round: the 1x note several times, 10x twice, 100x once), so
    # that a slow spell of a shared machine lands on every size alike and the 100x / 1x ratio measures scaling,
    # not drift; medians over all rounds.
    sizes = {factor: scaled_note(text, factor) for factor in (1, 10, 100)}
    runs_per_round = {1: 10, 10: 2, 100: 1}
    times: dict[int, list[float]] = {factor: [] for factor in sizes}
    for big in sizes.values():
        ecc.parse_text(big)  # warm-up
    for _ in range(max(3, args.repeat // 10)):
        for factor, big in sizes.items():
            for _ in range(runs_per_round[factor]):
                start = time.perf_counter()
                ecc.parse_text(big)
                times[factor].append(time.perf_counter() - start)
    per_factor = {factor: statistics.median(ts) for factor, ts in times.items()}
    for factor, big in sizes.items():
        f = median_time(lambda: floor(big), max(5, args.repeat // factor))
        mb = len(big.encode("utf-8")) / 1e6
        t = per_factor[factor]
        record(f"parse ({factor}x annex, {mb:.2f} MB)", t, f, mb_per_s=mb / t, size_mb=mb)
    results["parse 100x / parse 1x"] = {"seconds": None, "ratio_to_floor": None, "x": per_factor[100] / per_factor[1]}

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
            r = subprocess.run([str(CLI), "build", str(data), "--jobs", str(jobs)], capture_output=True, text=True,
                               env=child_env())
            seconds = time.perf_counter() - start
            if r.returncode in (0, 1):
                record(f"build {args.build_copies} notes --jobs {jobs}", seconds, None,
                       ms_per_note=seconds * 1000 / args.build_copies)
            else:
                print(f"build --jobs {jobs} failed: {r.stderr.strip()[-200:]}", file=sys.stderr)

    record("import eu_clasi_corpus (cold)", cold([sys.executable, "-c", "import eu_clasi_corpus"], args.cold_repeat), None)
    record("python -c pass (cold, for reference)", cold([sys.executable, "-c", "pass"], args.cold_repeat), None)
    record("eu-clasi --version (cold)", cold([str(CLI), "--version"], args.cold_repeat), None)
    parse_cold = cold_interleaved(
        {
            "ours": [str(CLI), "parse", str(SEED), "--format", "json"],
            "stack": [sys.executable, "-c", STACK_FLOOR, "parse", str(SEED), "--format", "json"],
        },
        args.cold_repeat,
    )
    record("eu-clasi parse SEED --format json (cold)", parse_cold["ours"], None)
    record("typer + pydantic no-op command (cold, reference)", parse_cold["stack"], None)
    mem = peak_memory_mb([str(CLI), "parse", str(SEED), "--format", "json"])
    if mem is not None:
        results["peak memory, eu-clasi parse SEED --format json"] = {"seconds": None, "ratio_to_floor": None, "mb": mem}

    def judged(name: str, r: dict) -> str:
        target = TARGETS.get(name)
        if target is None:
            return ""
        limit, unit = target
        value = {"ms": (r.get("seconds") or 0) * 1000, "x": r.get("x"), "MB": r.get("mb")}[unit]
        if value is None:
            return ""
        return f"<= {limit:g} {unit}: {'met' if value <= limit else 'NOT met'}"

    print(f"# {machine()}; load average before: {load_before}; commit {git_commit()}")
    print("# cold starts: bytecode caching enabled in the child processes (PYTHONDONTWRITEBYTECODE unset), package compiled")
    print(f"{'measure':<50} {'median':>12} {'x floor':>8}  {'extra':<32} target")
    for name, r in results.items():
        sec = f"{r['seconds'] * 1000:.3f} ms" if r.get("seconds") is not None else ""
        ratio = f"{r['ratio_to_floor']:.1f}" if r.get("ratio_to_floor") else ""
        extra = ", ".join(f"{k}={v:.2f}" for k, v in r.items() if k not in ("seconds", "ratio_to_floor"))
        print(f"{name:<50} {sec:>12} {ratio:>8}  {extra:<32} {judged(name, r)}")
    if args.json:
        payload = {
            "python": platform.python_version(),
            "machine": machine(),
            "cpus": os.cpu_count(),
            "load_average_before": load_before,
            "commit": git_commit(),
            "version": ecc.__version__,
            "quick": args.quick,
            "floor_pattern": FLOOR_PATTERN.pattern,
            "results": results,
        }
        args.json.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
