"""Helpers for corpus tests: temporary copies of data/, extra entries, the installed console script.

Nothing here writes to the repository's own data/: every function works on a
folder the test owns (``tmp_path``).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SEED_STEM = "nl_2023-09_ia-item-note_eu-clasi-joint-declaration"


def eu_clasi_executable() -> str:
    """The ``eu-clasi`` console script of the interpreter running the tests."""
    candidate = Path(sys.executable).parent / "eu-clasi"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("eu-clasi")
    assert found, "the eu-clasi console script is not installed (pip install -e '.[test]')"
    return found


def run(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([eu_clasi_executable(), *args], cwd=cwd, input=stdin, capture_output=True, timeout=120)


def copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def seed_sidecar() -> dict:
    return json.loads((DATA / "raw" / f"{SEED_STEM}.meta.json").read_text(encoding="utf-8"))


def write_sidecar(data_dir: Path, stem: str, raw_bytes: bytes, **changes) -> None:
    """A sidecar for ``stem`` modelled on the seed's, with the right id, file name and SHA-256."""
    meta = seed_sidecar()
    meta["id"] = stem
    meta["source"]["file"] = f"{stem}.txt"
    meta["source"]["sha256"] = hashlib.sha256(raw_bytes).hexdigest()
    meta.update(changes)
    (data_dir / "raw" / f"{stem}.meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def add_entry(data_dir: Path, stem: str, text: str) -> Path:
    """Write ``raw/<stem>.txt`` (exact bytes of ``text`` in UTF-8) and its sidecar; returns the raw path."""
    raw = data_dir / "raw" / f"{stem}.txt"
    raw.parent.mkdir(parents=True, exist_ok=True)
    payload = text.encode("utf-8")
    raw.write_bytes(payload)
    write_sidecar(data_dir, stem, payload)
    return raw


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder``: its bytes and mtime in nanoseconds."""
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.rglob("*")) if p.is_file()}
