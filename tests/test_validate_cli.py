"""`eu-clasi validate`: formats, exit codes, standard input, and the installed console script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import mutations as mut
from conftest import SEED_PATH
from eu_clasi_corpus.cli import app

runner = CliRunner()


def run(*args: str, input: str | None = None):
    return runner.invoke(app, ["validate", *args], input=input)


@pytest.fixture
def duplicated(tmp_path, seed_text) -> tuple[Path, str]:
    text, _ = mut.paragraph_number_duplicated(seed_text)
    path = tmp_path / "duplicated.txt"
    path.write_bytes(text.encode("utf-8"))
    index = text.index("\n4. Erkennend hoe belangrijk") + 1
    line = text.count("\n", 0, index) + 1
    return path, f"{path}:{line}:1: error NUM003 "


def test_seed_exit_0():
    result = run(str(SEED_PATH))
    assert result.exit_code == 0, result.output
    assert "error" not in result.stdout


def test_text_format_and_exit_1(duplicated):
    path, prefix = duplicated
    result = run(str(path))
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert len(lines) == 1 and lines[0].startswith(prefix)


def test_json_format_lists_each_diagnostic_with_its_file(duplicated):
    path, prefix = duplicated
    result = run(str(SEED_PATH), str(path), "--format", "json")
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert [(r["file"], r["code"], r["severity"]) for r in rows] == [(str(path), "NUM003", "error")]
    assert rows[0]["line"] == int(prefix.split(":")[1]) and rows[0]["column"] == 1


def test_github_format(duplicated):
    path, prefix = duplicated
    line = prefix.split(":")[1]
    result = run(str(path), "-f", "github")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"::error file={path},line={line},col=1,title=NUM003::paragraph 4 ")


def test_stdin(seed_text):
    text, _ = mut.impossible_date(seed_text)
    result = run("-", input=text)
    assert result.exit_code == 1
    assert "<stdin>:16:" in result.stdout and "REF005" in result.stdout


def test_unusable_input_exit_2(tmp_path):
    binary = tmp_path / "x.pdf"
    binary.write_bytes(b"%PDF-1.7\x00\x01\x02")
    result = run(str(binary))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert run(str(tmp_path / "missing.txt")).exit_code == 2


def test_misuse_exit_2():
    assert run().exit_code == 2
    assert run(str(SEED_PATH), "--format", "xml").exit_code == 2
    assert run(str(SEED_PATH), "--language", "xx").exit_code == 2


def test_help_has_an_example():
    result = run("--help")
    assert result.exit_code == 0 and "Example: eu-clasi validate data/raw/" in " ".join(result.stdout.split())


def test_installed_console_script(tmp_path, seed_text):
    script = shutil.which("eu-clasi") or str(Path(sys.executable).with_name("eu-clasi"))
    assert Path(script).exists(), "the package is not installed (pip install -e '.[test]')"
    ok = subprocess.run([script, "validate", str(SEED_PATH)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    text, _ = mut.footnote_marker_deleted(seed_text)
    path = tmp_path / "no-marker.txt"
    path.write_bytes(text.encode("utf-8"))
    bad = subprocess.run([script, "validate", str(path)], capture_output=True, text=True)
    assert bad.returncode == 1 and " error FN002 " in bad.stdout
