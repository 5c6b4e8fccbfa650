"""`eu-clasi build` end to end: deterministic, minimal rewrites, the same output for any --jobs."""

from __future__ import annotations

import shutil
import subprocess

import mutations as mut
from conftest import read_seed
from eu_clasi_corpus.build import ARTIFACTS
from corpus_tools import DATA, ROOT, SEED_STEM, add_entry, copy_data, run, snapshot


def test_build_twice_leaves_the_tree_unchanged(tmp_path):
    data = copy_data(tmp_path)
    (data / "parsed" / f"{SEED_STEM}.json").unlink()
    first = run("build", str(data))
    assert first.returncode == 0, first.stderr
    assert first.stdout.decode().splitlines() == [
        f"wrote {data / 'parsed' / (SEED_STEM + '.json')}",
        f"built 1 source(s): 1 file(s) written, {len(ARTIFACTS) - 1} unchanged",
    ]
    before = snapshot(data)
    second = run("build", str(data))
    assert second.returncode == 0
    assert second.stdout.decode() == f"built 1 source(s): 0 file(s) written, {len(ARTIFACTS)} unchanged\n"
    assert snapshot(data) == before  # same bytes and same mtimes: nothing was rewritten
    assert not [p for p in (data / "parsed").iterdir() if p.name.endswith(".tmp")]


def test_build_reproduces_the_committed_parsed_files(tmp_path):
    """The committed data/parsed is exactly what build writes, and it is committed (git status clean)."""
    data = copy_data(tmp_path)
    shutil.rmtree(data / "parsed")
    assert run("build", str(data)).returncode == 0
    built = {p.name: p.read_bytes() for p in (data / "parsed").iterdir()}
    committed = {p.name: p.read_bytes() for p in (DATA / "parsed").iterdir()}
    assert built == committed
    git = shutil.which("git")
    if git and (ROOT / ".git").exists():
        status = subprocess.run([git, "status", "--porcelain", "--", "data"], cwd=ROOT, capture_output=True, text=True)
        assert status.returncode == 0
        assert status.stdout == "", f"data/ has uncommitted changes:\n{status.stdout}"


def _variant_corpus(folder):
    seed = read_seed()
    data = folder / "data"
    add_entry(data, "a_seed", seed)
    add_entry(data, "b_crlf", mut.crlf(seed))
    add_entry(data, "c_two-annexes", mut.two_annexes(seed))
    add_entry(data, "d_no-footnotes", mut.without_footnotes(seed))
    return data


def test_parallel_build_gives_the_same_bytes(tmp_path):
    serial = _variant_corpus(tmp_path / "serial")
    parallel = _variant_corpus(tmp_path / "parallel")
    one = run("build", str(serial), "--jobs", "1")
    many = run("build", str(parallel), "--jobs", "3")
    assert one.returncode == 0 and many.returncode == 0, many.stderr
    files = lambda d: {p.name: p.read_bytes() for p in sorted((d / "parsed").iterdir())}
    stems = ["a_seed", "b_crlf", "c_two-annexes", "d_no-footnotes"]
    assert list(files(serial)) == sorted(stem + a.suffix for stem in stems for a in ARTIFACTS)
    assert files(serial) == files(parallel)
    # Messages come in file-name order whatever process finished first.
    assert [l.split("/")[-1] for l in many.stdout.decode().splitlines()[:-1]] == [
        stem + a.suffix for stem in stems for a in ARTIFACTS
    ]
    # The variants really differ (two annexes, CRLF offsets), so the comparison is not trivially true.
    assert len(set(files(serial).values())) == 4 * len(ARTIFACTS)


def test_only_changed_files_are_rewritten(tmp_path):
    data = _variant_corpus(tmp_path)
    assert run("build", str(data)).returncode == 0
    stale = data / "parsed" / "b_crlf.json"
    stale.write_bytes(stale.read_bytes().replace(b'"newline": "CRLF"', b'"newline": "LF"'))
    before = snapshot(data)
    result = run("build", str(data))
    assert result.stdout.decode().splitlines() == [f"wrote {stale}", f"built 4 source(s): 1 file(s) written, {4 * len(ARTIFACTS) - 1} unchanged"]
    after = snapshot(data)
    changed = [name for name in after if after[name] != before[name]]
    assert changed == ["parsed/b_crlf.json"]
    assert b'"newline": "CRLF"' in stale.read_bytes()
    assert run("check", str(data)).returncode == 0


def test_build_of_a_source_with_errors_exits_1_after_writing(tmp_path):
    data = tmp_path / "data"
    seed = read_seed()
    add_entry(data, "broken", mut.replace_once(seed, "actieplannen; \n\n25. Roepen", "actieplannen; \n\nEen losse zin zonder nummer. \n\n25. Roepen"))
    result = run("build", str(data))
    assert result.returncode == 1
    assert (data / "parsed" / "broken.json").is_file()
    assert "1 with error diagnostics" in result.stdout.decode()


def test_progress_line_only_on_request_or_on_a_terminal(tmp_path):
    import io

    from eu_clasi_corpus.build import PROGRESS_MIN_FILES, ProgressLine, progress_wanted

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    assert not progress_wanted(PROGRESS_MIN_FILES * 10, io.StringIO())  # a pipe or a log file: no progress
    assert not progress_wanted(PROGRESS_MIN_FILES - 1, Terminal())
    assert progress_wanted(PROGRESS_MIN_FILES, Terminal())
    stream = Terminal()
    line = ProgressLine(12, stream, enabled=True)
    line.update(1, "a_long_stem")
    line.update(2, "b")
    line.close()
    assert stream.getvalue() == "\r[ 1/12] a_long_stem" + "\r[ 2/12] b" + " " * 10 + "\r" + " " * 9 + "\r"
    data = copy_data(tmp_path)
    forced = run("build", str(data), "--progress")
    assert forced.returncode == 0 and forced.stderr.decode().startswith(f"\r[1/1] {SEED_STEM}")
    assert run("build", str(data)).stderr == b""  # not a terminal, one file: quiet


def test_an_artifact_row_is_all_it_takes_to_add_an_output(tmp_path, monkeypatch):
    """What adding Akoma Ntoso will be: one Artifact row; build writes it, check guards it."""
    from eu_clasi_corpus import build as build_module
    from eu_clasi_corpus.check import check

    outline = build_module.LazyFunction(".export.text", "outline")
    row = build_module.Artifact(".outline.txt", lambda doc: outline(doc).encode("utf-8"))
    monkeypatch.setattr(build_module, "ARTIFACTS", build_module.ARTIFACTS + (row,))
    data = copy_data(tmp_path)
    report = build_module.build(data)
    extra = data / "parsed" / f"{SEED_STEM}.outline.txt"
    assert [p.name for p in report.entries[0].written] == [extra.name]
    assert extra.read_text(encoding="utf-8").startswith(f"{SEED_STEM}.txt  (nl, ia_item_note, 8 page(s))\n")
    assert check(data).ok
    extra.write_text("edited\n", encoding="utf-8")
    (problem,) = check(data).problems
    assert (problem.file, problem.kind) == (str(extra), "parsed-stale")
    extra.rename(data / "parsed" / "gone.outline.txt")
    kinds = sorted((p.kind, p.file.rsplit("/", 1)[-1]) for p in check(data).problems)
    assert kinds == [("parsed-missing", extra.name), ("parsed-orphan", "gone.outline.txt")]
