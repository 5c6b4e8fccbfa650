"""Hostile and broken input: never a crash, never a hang, never lost text (issue 7)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

import mutations as mut
from conftest import DEV_FIXTURES_DIR, read_exact
from eu_clasi_corpus import InputError, parse_bytes, parse_file, parse_text
from helpers import uncovered

CLI = Path(sys.executable).parent / "eu-clasi"


def shape(doc):
    return (
        [(p.number, p.kind, p.text) for p in doc.paragraphs()],
        [(f.number, f.text, f.anchor is not None) for f in doc.footnotes],
        doc.header.subject.text if doc.header.subject else None,
        [a.label for a in doc.annexes],
    )


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: t.encode("cp1252"), id="cp1252"),
        pytest.param(lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), id="utf8-bom"),
        pytest.param(lambda t: t.encode("utf-16"), id="utf16-bom"),
        pytest.param(lambda t: t.encode("utf-32"), id="utf32-bom"),
        pytest.param(lambda t: t.replace("\n", "\r").encode("utf-8"), id="cr-only"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
    ],
)
def test_seed_in_any_encoding_or_line_ending_gives_the_same_structure(seed_text, seed_doc, encode):
    doc = parse_bytes(encode(seed_text), name="seed")
    assert shape(doc) == shape(seed_doc)
    assert len(doc.pages) == len(seed_doc.pages)


def test_detected_encoding_is_reported(seed_text):
    doc = parse_bytes(seed_text.encode("cp1252"), name="seed")
    assert doc.source.encoding == "cp1252"
    assert [d.code for d in doc.diagnostics if d.code.startswith("ENC")] == ["ENC001"]
    assert "continuïteit" in doc.annexes[0].paragraphs[16].text  # ï decoded right (cp1250 would give ď)


def test_nbsp_and_soft_hyphens(seed_text, seed_doc):
    text = seed_text.replace("de ministers", "de\u00a0ministers").replace("samenwerking", "samen\u00adwerking")
    doc = parse_text(text)
    assert shape(doc) == shape(seed_doc)


def test_soft_hyphen_at_line_end_is_joined(seed_text, seed_doc):
    text = mut.replace_once(seed_text, "gewelddadigere en transnationale karakter van \n\ncriminele",
                            "gewelddadigere en transnationale karakter van crimi\u00ad\n\nnele")
    doc = parse_text(text)
    assert doc.annexes[0].paragraphs[2].text == seed_doc.annexes[0].paragraphs[2].text
    assert any(d.rule == "soft-hyphen" and d.word == "criminele" for d in doc.hyphenation)


@pytest.mark.parametrize("text", ["", "   \n\t\n  \r\n", "\n" * 1000])
def test_empty_and_white_space_only(text):
    doc = parse_text(text)
    assert doc.paragraphs() == [] and doc.footnotes == []
    assert [d.code for d in doc.diagnostics] == ["LAY004"]


def test_random_bytes_are_refused_or_parsed_without_crash():
    rng = random.Random(7)
    for _ in range(30):
        data = rng.randbytes(rng.randrange(1, 3000))
        try:
            doc = parse_bytes(data)
        except InputError as exc:
            assert "binary" in str(exc) or "encoding" in str(exc)
        else:  # decoded: then nothing of it may be lost
            from eu_clasi_corpus.source import decode_bytes

            assert uncovered(doc, decode_bytes(data).text) == []


def test_nul_bytes_inside_a_note_are_refused(seed_text):
    data = (seed_text[:500] + "\x00" + seed_text[500:]).encode("utf-8")
    with pytest.raises(InputError, match="binary"):
        parse_bytes(data, name="x")


def test_note_cut_off_in_the_middle_of_the_annex(seed_text):
    cut = seed_text[: seed_text.index("12. Het belangrijke werk") + len("12. Het belangrijke werk van")]
    doc = parse_text(cut)
    numbers = [p.number for p in doc.annexes[0].paragraphs]
    assert numbers == [str(n) for n in range(1, 13)]
    assert doc.annexes[0].paragraphs[-1].text == "Het belangrijke werk van"
    # Footnote 2's text stood at the foot of page 5, after the cut: its marker stays, unpaired.
    assert [f.number for f in doc.footnotes] == ["1"]
    assert [r.number for r in doc.annexes[0].paragraphs[10].footnote_refs] == ["2"]
    assert uncovered(doc, cut) == []


def test_annex_without_header(seed_text):
    text = seed_text[seed_text.index(" BIJLAGE") :]
    doc = parse_text(text)
    assert doc.header.subject is None and doc.doc_type == "unknown"
    assert [p.number for p in doc.annexes[0].paragraphs] == [str(n) for n in range(1, 27)]
    assert doc.cover_note.paragraphs == []


def test_header_without_body(seed_text):
    text = seed_text[: seed_text.index("Naar aanleiding")]
    doc = parse_text(text)
    assert doc.header.sender.text == "het voorzitterschap"
    assert doc.header.subject.text.endswith("(gezamenlijke verklaring EU-Clasi)")
    assert doc.paragraphs() == [] and doc.annexes == []


def test_inputs_are_never_modified(tmp_path, seed_text):
    import hashlib

    path = tmp_path / "note.txt"
    path.write_bytes(seed_text.encode("utf-8"))
    before = hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns
    parse_file(path)
    subprocess.run([str(CLI), "parse", str(path), "-o", str(tmp_path / "out.json")], check=True)
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before


def run_cli(*args, input=None):
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, input=input)


def test_cli_directory_missing_and_too_large(tmp_path, seed_text):
    for args, needle in [
        ((str(tmp_path),), "is a directory"),
        ((str(tmp_path / "nope.txt"),), "no such file"),
    ]:
        r = run_cli("parse", *args)
        assert r.returncode == 2 and needle in r.stderr and "Traceback" not in r.stderr
    big = tmp_path / "big.txt"
    big.write_text(seed_text, encoding="utf-8")
    r = run_cli("parse", str(big), "--max-bytes", "1000")
    assert r.returncode == 2 and "over the limit" in r.stderr


def test_cli_refuses_binary_and_undetectable_input(tmp_path):
    nul = tmp_path / "nul.txt"
    nul.write_bytes(b"NOTA\x00\x00\x01binary")
    r = run_cli("parse", str(nul))
    assert r.returncode == 2 and "binary" in r.stderr and "Traceback" not in r.stderr


def test_cli_reads_standard_input(seed_text):
    r = run_cli("parse", "-", "--format", "text", input=seed_text)
    assert r.returncode == 0, r.stderr
    assert "BIJLAGE" in r.stdout and "<stdin>" in r.stdout


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read anything")
def test_cli_unreadable_file(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text("x")
    p.chmod(0)
    r = run_cli("parse", str(p))
    assert r.returncode == 2 and "permission denied" in r.stderr


def test_block_labels_without_values_are_kept():
    """Found by hypothesis: labels printed as a block with no values must not be dropped."""
    text = "multidisciplinair platform tegen criminaliteitsdreiging (Empact), dat mechanismen omvat om \nvan:\nvan:"
    doc = parse_text(text)
    assert uncovered(doc, text) == []
    assert [d.code for d in doc.diagnostics].count("HDR003") == 2


def test_run_together_footnote_numbers_are_never_dropped():
    """Found in review: with fewer sentence ends than numbers, the last footnote number vanished."""
    text = "1. De Commissie 1, en de Raad 2, zijn het eens. 1 2 PB C 177E van blz zonder einde"
    doc = parse_text(text, language="nl")
    assert [f.number for f in doc.footnotes] == ["1", "2"]
    assert doc.footnotes[1].text == ""  # no text left for it: empty, and the validator says so (FN005)
    assert uncovered(doc, text) == []


@pytest.mark.parametrize("line, date, distribution", [
    ("Brussel, 12 juli 2007 (18.06) (OR. fr)", "12 juli 2007", "(18.06)"),
    ("Bruxelles, den 13. juni 2008", "den 13. juni 2008", None),
])
def test_date_lines_keep_every_piece(line, date, distribution):
    language = "nl" if line.startswith("Brussel,") else "da"
    text = "RAAD VAN DE EUROPESE UNIE\n" + line + "\n" if language == "nl" else "RÅDET FOR DEN EUROPÆISKE UNION\n" + line + "\n"
    doc = parse_text(text, language=language)
    assert doc.header.date.text == date
    assert [f.text for f in doc.header.other_fields if f.value == "distribution_date"] == ([distribution] if distribution else [])
    assert uncovered(doc, text) == []


def test_cli_write_errors_are_messages(tmp_path, seed_text):
    src = tmp_path / "note.txt"
    src.write_text(seed_text, encoding="utf-8")
    for target, needle in [(tmp_path, "is a directory"), (tmp_path / "missing" / "out.json", "no such directory")]:
        r = run_cli("parse", str(src), "-o", str(target))
        assert r.returncode == 2 and needle in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "missing").exists()


def test_unexpected_errors_are_one_line_and_debug_shows_the_traceback(monkeypatch, capsys, seed_text, tmp_path):
    import eu_clasi_corpus.parser as parser_module
    from eu_clasi_corpus import cli

    src = tmp_path / "note.txt"
    src.write_text(seed_text, encoding="utf-8")

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    import eu_clasi_corpus

    monkeypatch.setattr(parser_module, "parse_file", broken)
    monkeypatch.setattr(eu_clasi_corpus, "parse_file", broken, raising=False)
    monkeypatch.setattr(sys, "argv", ["eu-clasi", "parse", str(src)])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    err = capsys.readouterr().err
    assert exit_info.value.code == 2
    assert err.strip().splitlines() == ["eu-clasi: internal error: RuntimeError: simulated bug (run with --debug for details)"]
    monkeypatch.setattr(sys, "argv", ["eu-clasi", "--debug", "parse", str(src)])
    with pytest.raises(RuntimeError, match="simulated bug"):
        cli.main()


def test_footnote_numbering_restarting_keeps_paragraph_and_footnotes_apart():
    """Found in review: a second footnote 1 was glued to the first, with the paragraph between them."""
    rule = " " * 49
    text = (f"1. Eerste tekst met verwijzing1.\n{rule}\n1 Doc. 11301/23.\n"
            f"2. Tweede tekst met verwijzing1.\n{rule}\n1 Doc. 12345/23.\n")
    doc = parse_text(text, language="nl")
    assert [(f.number, f.text) for f in doc.footnotes] == [("1", "Doc. 11301/23."), ("1", "Doc. 12345/23.")]
    assert [p.text for p in doc.paragraphs()] == ["Eerste tekst met verwijzing.", "Tweede tekst met verwijzing."]
    assert [text[f.anchor.start - 10 : f.anchor.end] for f in doc.footnotes] == ["verwijzing1", "verwijzing1"]
    from eu_clasi_corpus import validate

    assert "FN001" in [d.code for d in validate(doc, text)]
    assert uncovered(doc, text) == []


# --- letters and digits that the two Unicode versions in play read differently ---------------------------------
# `regex` carries a newer Unicode than Python 3.11: its \d takes KAWI DIGIT ONE (U+11F51), which `int` cannot read,
# and its case-insensitive matching takes long s, the Kelvin sign and the Turkish i's for ASCII letters, which
# `str.lower` keeps apart.  Found in review: each made a ValueError, KeyError or TypeError.

KAWI_ZERO = 0x11F50
DEV_FIXTURES = sorted(DEV_FIXTURES_DIR.glob("*.txt"))


def _kawi_digits(text: str) -> str:
    return "".join(chr(KAWI_ZERO + int(c)) if c.isascii() and c.isdigit() else c for c in text)


def _everything(text: str):
    from eu_clasi_corpus import validate
    from eu_clasi_corpus.export.akn import to_akn

    doc = parse_text(text)
    diagnostics = validate(doc, text)
    to_akn(doc)
    doc.to_json()
    return doc, diagnostics


def test_digits_python_cannot_read_make_no_number_and_no_crash(seed_text):
    for text in (_kawi_digits(seed_text), *(_kawi_digits(read_exact(p)) for p in DEV_FIXTURES)):
        _everything(text)  # no exception
    two = chr(KAWI_ZERO + 2)
    doc, diagnostics = _everything(seed_text.replace("\n2. ", f"\n{two}. ", 1))
    assert [p.number for p in doc.annexes[0].paragraphs][:3] == ["1", two, "3"]
    assert [d.message for d in diagnostics if d.code == "NUM002"] == ["paragraph 2 missing before paragraph 3"]


@pytest.mark.parametrize(
    "letter, as_regex_reads, month, number",
    [("\u017f", "s", "september", 9), ("\u212a", "k", "oktober", 10), ("\u0131", "i", "juli", 7), ("\u0130", "i", "juli", 7)],
)
def test_letters_regex_folds_to_ascii_are_looked_up_as_matched(letter, as_regex_reads, month, number):
    import regex

    from eu_clasi_corpus.annotate import annotate_text

    printed = month.replace(as_regex_reads, letter)
    dates = [(a.text, a.value) for a in annotate_text(f"op 28 {printed} 2023.", "nl") if a.type == "date"]
    # a month the case-insensitive pattern takes (regex folds the letter to the ASCII one) is looked up as that month
    taken = regex.fullmatch(f"(?i){month}", printed) is not None
    assert dates == ([(f"28 {printed} 2023", f"2023-{number:02d}-28")] if taken else [])
    for path in DEV_FIXTURES:
        text = read_exact(path)
        _everything(text.replace(as_regex_reads, letter).replace(as_regex_reads.upper(), letter))  # no exception


def test_lone_surrogates_in_a_str_parse_and_write_json(seed_text):
    """Found in review: parse_text crashed hashing a str with a lone surrogate (no file decoded as UTF-8 holds one),
    and the JSON writer could not write one; they go to JSON as U+FFFD, as to Akoma Ntoso."""
    import json

    from eu_clasi_corpus.model import Document

    text = seed_text.replace("Clasi", "Cl\ud800asi", 3)
    doc, _ = _everything(text)
    written = doc.to_json()
    assert "\ud800" not in written and "Cl\ufffdasi" in written
    assert json.loads(written)["source"]["length"] == len(text)
    assert Document.from_json(written).source.sha256 == doc.source.sha256
