"""`eu-clasi check` end to end: the installed console script on temporary copies of data/.

Each test breaks one thing in its own copy of the corpus and expects exit 1, the
name of the broken file and the kind of problem; the committed corpus passes.
"""

from __future__ import annotations

import json

import pytest

import mutations as mut
from corpus_tools import DATA, SEED_STEM, copy_data, run, write_sidecar

PARSED = f"{SEED_STEM}.json"
RAW = f"{SEED_STEM}.txt"
SIDECAR = f"{SEED_STEM}.meta.json"


def edit_parsed(data_dir, change) -> None:
    """Load the parsed seed as plain JSON, let ``change`` edit it, write it back in build's format."""
    path = data_dir / "parsed" / PARSED
    original = path.read_bytes()
    tree = json.loads(original)
    # Re-serialising unchanged data gives the same bytes: so the edit below is the only difference.
    assert (json.dumps(tree, ensure_ascii=False, indent=2) + "\n").encode() == original
    change(tree)
    path.write_text(json.dumps(tree, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def check(data_dir, *extra):
    result = run("check", str(data_dir), *extra)
    return result.returncode, result.stdout.decode(), result.stderr.decode()


def test_committed_corpus_passes(tmp_path):
    code, out, err = check(DATA)  # read-only on the repository's corpus
    assert code == 0, out + err
    assert out.strip() == "ok: 1 source(s) checked"
    code, out, _ = check(copy_data(tmp_path))
    assert code == 0


def test_source_with_an_error_diagnostic(tmp_path):
    data = copy_data(tmp_path)
    raw = data / "raw" / RAW
    with open(raw, encoding="utf-8", newline="") as fh:
        text = fh.read()
    # An unnumbered block between annex paragraphs 24 and 25 belongs to no paragraph: SRC001.
    old = "actieplannen; \n\n25. Roepen"
    assert text.count(old) == 1
    text = text.replace(old, "actieplannen; \n\nEen losse zin zonder nummer. \n\n25. Roepen")
    raw.write_bytes(text.encode("utf-8"))
    write_sidecar(data, SEED_STEM, raw.read_bytes())
    assert run("build", str(data)).returncode == 1  # written, but the source has an error
    code, out, _ = check(data)
    assert code == 1
    line = text[: text.index("Een losse zin")].count("\n") + 1
    expected = f"{data / 'raw' / RAW}:{line}:1: error: source-error: SRC001"
    assert any(l.startswith(expected) for l in out.splitlines()), out
    assert "parsed-" not in out and "sidecar-" not in out  # the rebuilt corpus is otherwise sound


def test_missing_parsed_file(tmp_path):
    data = copy_data(tmp_path)
    (data / "parsed" / PARSED).unlink()
    code, out, _ = check(data)
    assert code == 1
    assert f"{data / 'parsed' / PARSED}: error: parsed-missing" in out


def test_stale_parsed_file_names_the_first_difference(tmp_path):
    data = copy_data(tmp_path)

    def change(tree):
        tree["annexes"][0]["paragraphs"][15]["kind_rule"] = "edited by hand"

    edit_parsed(data, change)
    code, out, _ = check(data)
    assert code == 1
    (problem,) = [l for l in out.splitlines() if "parsed-stale" in l]
    assert problem.startswith(f"{data / 'parsed' / PARSED}: error: parsed-stale")
    assert "first at $.annexes[0].paragraphs[15].kind_rule" in problem
    assert "1 value(s) differ" in problem
    assert "1 line(s) removed, 1 added" in problem


def test_reformatted_parsed_file_is_stale(tmp_path):
    data = copy_data(tmp_path)
    path = data / "parsed" / PARSED
    path.write_text(json.dumps(json.loads(path.read_bytes()), ensure_ascii=False, indent=4) + "\n", encoding="utf-8")
    code, out, _ = check(data)
    assert code == 1
    assert "parsed-stale" in out and "same JSON data, different formatting" in out


def test_parsed_file_not_valid_against_the_model(tmp_path):
    data = copy_data(tmp_path)

    def change(tree):
        tree["annexes"][0]["paragraphs"][0]["kind"] = "preamble"

    edit_parsed(data, change)
    code, out, _ = check(data)
    assert code == 1
    assert f"{data / 'parsed' / PARSED}: error: parsed-invalid" in out
    assert "$.annexes[0].paragraphs[0].kind" in out


def test_hand_edited_text_no_longer_slices_the_source(tmp_path):
    data = copy_data(tmp_path)

    def change(tree):
        para = tree["annexes"][0]["paragraphs"][1]
        assert para["text"].startswith("Ons ervan bewust dat")
        para["text"] = para["text"].replace("Ons ervan bewust dat", "Ons er terdege van bewust dat", 1)

    edit_parsed(data, change)
    code, out, _ = check(data)
    assert code == 1
    assert f"{data / 'parsed' / PARSED}: error: parsed-spans: $.annexes[0].paragraphs[1].text" in out
    assert "'Ons er terdege van" in out


def test_hand_edited_footnote_anchor(tmp_path):
    data = copy_data(tmp_path)

    def change(tree):
        anchor = tree["footnotes"][0]["anchor"]
        anchor["start"] += 1
        anchor["end"] += 1

    edit_parsed(data, change)
    code, out, _ = check(data)
    assert code == 1
    text = (data / "raw" / RAW).read_bytes().decode("utf-8")
    moved = text.index("verstrekt1,") + len("verstrekt") + 1  # one past the marker '1'
    assert f"{data / 'parsed' / PARSED}: error: parsed-spans:" in out
    assert f"$.footnotes[0].anchor: the source at [{moved}:{moved + 1}] is not marker '1'" in out


def test_parsed_file_without_source(tmp_path):
    data = copy_data(tmp_path)
    orphan = data / "parsed" / "nl_2099-01_note_no-such-source.json"
    orphan.write_bytes((data / "parsed" / PARSED).read_bytes())
    code, out, _ = check(data)
    assert code == 1
    assert f"{orphan}: error: parsed-orphan" in out


def test_sidecar_missing(tmp_path):
    data = copy_data(tmp_path)
    (data / "raw" / SIDECAR).unlink()
    code, out, _ = check(data)
    assert code == 1
    assert f"{data / 'raw' / SIDECAR}: error: sidecar-missing" in out


@pytest.mark.parametrize(
    "edit, reason",
    [
        (lambda m: m.pop("description"), "description: Field required"),
        (lambda m: m["source"].update(added="last year"), "source.added"),
        (lambda m: m.update(language="Dutch"), "language"),
        (lambda m: m.update(id="another-id"), "id is 'another-id'"),
    ],
)
def test_sidecar_invalid(tmp_path, edit, reason):
    data = copy_data(tmp_path)
    path = data / "raw" / SIDECAR
    meta = json.loads(path.read_bytes())
    edit(meta)
    path.write_text(json.dumps(meta), encoding="utf-8")
    code, out, _ = check(data)
    assert code == 1
    (problem,) = [l for l in out.splitlines() if "sidecar-" in l]
    assert problem.startswith(f"{path}: error: sidecar-invalid")
    assert reason in problem


def test_sidecar_that_is_not_json(tmp_path):
    data = copy_data(tmp_path)
    (data / "raw" / SIDECAR).write_text('{"id": ', encoding="utf-8")
    code, out, _ = check(data)
    assert code == 1
    assert f"{data / 'raw' / SIDECAR}: error: sidecar-invalid" in out


def test_sidecar_sha256_must_match_the_raw_file(tmp_path):
    data = copy_data(tmp_path)
    path = data / "raw" / SIDECAR
    meta = json.loads(path.read_bytes())
    meta["source"]["sha256"] = "0" * 64
    path.write_text(json.dumps(meta), encoding="utf-8")
    code, out, _ = check(data)
    assert code == 1
    assert f"{path}: error: sidecar-sha256: source.sha256 is 000000000000..., the raw file's is ce39517a1819..." in out


def test_json_and_github_formats(tmp_path):
    data = copy_data(tmp_path)
    (data / "parsed" / PARSED).unlink()
    code, out, _ = check(data, "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["ok"] is False and report["sources"] == 1
    assert [(p["file"], p["kind"]) for p in report["problems"]] == [(str(data / "parsed" / PARSED), "parsed-missing")]
    code, out, _ = check(data, "--format", "github")
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(f"::error file={data / 'parsed' / PARSED},title=eu-clasi parsed-missing::")


@pytest.mark.parametrize("args", [("check", "no/such/folder"), ("build", "no/such/folder"), ("stats", "no/such/folder")])
def test_misuse_exits_2_with_one_line(tmp_path, args):
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err.count("\n") == 1 and "no/such/folder" in err and "Traceback" not in err


def test_folder_without_raw_is_not_a_corpus(tmp_path):
    result = run("check", str(tmp_path))
    assert result.returncode == 2
    assert "not a corpus folder" in result.stderr.decode()


def test_every_other_kind_in_one_report(tmp_path):
    data = copy_data(tmp_path)
    sidecar = data / "raw" / SIDECAR
    meta = json.loads(sidecar.read_bytes())
    meta["doc_type"] = "cover_note"
    sidecar.write_text(json.dumps(meta), encoding="utf-8")
    (data / "raw" / "x_lonely.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    binary = data / "raw" / "y_binary.txt"
    binary.write_bytes(b"NOTA\x00\x00\x00")
    write_sidecar(data, "y_binary", binary.read_bytes())
    code, out, _ = check(data, "--format", "json")
    assert code == 1
    report = json.loads(out)
    found = sorted((p["kind"], p["file"].rsplit("/", 1)[-1]) for p in report["problems"])
    assert found == [
        ("sidecar-mismatch", SIDECAR),
        ("sidecar-orphan", "x_lonely.meta.json"),
        ("source-unreadable", "y_binary.txt"),
    ]
    assert report["sources"] == 2
    mismatch = next(p for p in report["problems"] if p["kind"] == "sidecar-mismatch")
    assert mismatch["message"] == "doc_type is 'cover_note', the parser finds 'ia_item_note'"


def test_sources_in_other_encodings_build_and_check(tmp_path):
    """Found in review: a cp1252 or UTF-16 source built fine but `check` crashed decoding it as UTF-8."""
    from conftest import read_seed

    data = tmp_path / "data"
    (data / "raw").mkdir(parents=True)
    for stem, payload in [("cp1252-seed", read_seed().encode("cp1252")), ("utf16-seed", read_seed().encode("utf-16"))]:
        (data / "raw" / f"{stem}.txt").write_bytes(payload)
        write_sidecar(data, stem, payload)
    assert run("build", str(data)).returncode == 0
    result = run("check", str(data))
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()
    assert b"Traceback" not in result.stderr


def test_check_accepts_what_build_just_wrote_when_an_annotation_holds_a_marker(tmp_path, seed_text):
    """Found in review: a date with a footnote marker inside ('12 juli1 2023') failed `check` right after `build`."""
    from corpus_tools import add_entry

    data = tmp_path / "data"
    text = mut.replace_once(seed_text, "op 12 juli 2023 aan het Coreper is verstrekt1,", "op 12 juli1 2023 aan het Coreper is verstrekt,")
    add_entry(data, "marker-in-date", text)
    assert run("build", str(data)).returncode == 0
    result = run("check", str(data))
    assert result.returncode == 0, result.stdout.decode()
