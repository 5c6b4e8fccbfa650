"""Output files are written atomically: a failure mid-write or mid-build leaves no partial file (issue 7)."""

from __future__ import annotations

import os

import pytest

import eu_clasi_corpus.io as io_module
from corpus_tools import copy_data
from eu_clasi_corpus.build import build
from eu_clasi_corpus.io import atomic_write


def test_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "out.json"
    target.write_text("old content\n", encoding="utf-8")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(io_module.os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(target, "new content that must never be seen half-written\n" * 1000)
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_build_interrupted_mid_way_leaves_only_whole_files(tmp_path, monkeypatch):
    data = copy_data(tmp_path)
    parsed = data / "parsed"
    committed = {p.name: p.read_bytes() for p in parsed.iterdir()}
    for p in parsed.iterdir():
        p.unlink()
    calls = {"n": 0}
    real_replace = os.replace

    def replace_then_fail(src, dst):
        calls["n"] += 1
        if calls["n"] == 2:  # the second file of the build: the process "dies" before the rename
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(io_module.os, "replace", replace_then_fail)
    with pytest.raises(KeyboardInterrupt):
        build(data)
    written = {p.name: p.read_bytes() for p in parsed.iterdir()}
    assert len(written) == 1  # the first file, whole; the second not at all
    for name, content in written.items():
        assert content == committed[name]
    assert not [p for p in parsed.iterdir() if p.name.endswith(".tmp") or p.name.startswith(".")]
