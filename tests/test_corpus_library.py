"""The notebook API: Corpus loads parsed documents lazily and flattens them into data frames."""

from __future__ import annotations

import subprocess
import sys
import types

import pytest


import mutations as mut
from conftest import read_seed
from corpus_tools import DATA, ROOT, SEED_STEM, add_entry, seed_sidecar
from eu_clasi_corpus import Corpus, parse_text
from eu_clasi_corpus.build import ARTIFACTS, build
from eu_clasi_corpus.check import span_mismatches
from eu_clasi_corpus.corpus import COLUMNS, PandasMissingError
from eu_clasi_corpus.metadata import SourceMetadata, sha256_of


@pytest.fixture(scope="module")
def variant_corpus(tmp_path_factory):
    """Three documents of different shapes, built with the library."""
    data = tmp_path_factory.mktemp("variants") / "data"
    seed = read_seed()
    add_entry(data, "a_seed", seed)
    add_entry(data, "b_two-annexes", mut.two_annexes(seed))
    add_entry(data, "c_no-footnotes", mut.without_footnotes(seed))
    assert build(data).written == 3 * len(ARTIFACTS)
    return Corpus(data)


def test_corpus_iterates_lazily_in_file_order(variant_corpus):
    it = iter(variant_corpus)
    assert isinstance(it, types.GeneratorType)
    assert variant_corpus.ids == ["a_seed", "b_two-annexes", "c_no-footnotes"]
    docs = list(it)
    assert [len(d.annexes) for d in docs] == [1, 2, 1]
    assert [len(d.footnotes) for d in docs] == [3, 3, 0]


def test_frames_have_one_row_per_node(variant_corpus):
    docs = list(variant_corpus)
    paragraphs = variant_corpus.to_frame("paragraphs")
    assert len(paragraphs) == sum(len(d.paragraphs()) for d in docs)
    assert list(paragraphs.columns) == COLUMNS["paragraphs"]
    # The second annex added by the mutation has its own 2 numbered paragraphs.
    second = paragraphs[(paragraphs.doc_id == "b_two-annexes") & (paragraphs.container == "annex[1]")]
    assert list(second.number) == ["1", "2"] and list(second.annex) == ["BIJLAGE II"] * 2
    by_kind = paragraphs[paragraphs.doc_id == "a_seed"].groupby("kind").size().to_dict()
    assert by_kind == {"recital": 15, "commitment": 11, "other": 2}
    footnotes = variant_corpus.to_frame("footnotes")
    assert len(footnotes) == sum(len(d.footnotes) for d in docs) == 6
    documents = variant_corpus.to_frame("documents")
    assert list(documents.doc_id) == variant_corpus.ids
    assert list(documents.paragraphs) == [len(d.paragraphs()) for d in docs]
    annotations = variant_corpus.to_frame("annotations")
    assert len(annotations) == sum(len(d.annotations) for d in docs)
    assert list(annotations.columns) == COLUMNS["annotations"]


def test_frame_spans_slice_the_source(variant_corpus):
    footnotes = variant_corpus.to_frame("footnotes")
    for row in footnotes.itertuples():
        raw = variant_corpus.source_text(row.doc_id)
        assert raw[row.anchor_start : row.anchor_end] == row.number


def test_committed_corpus_frame_matches_its_documents():
    corpus = Corpus(DATA)
    docs = list(corpus)
    assert len(corpus.to_frame("paragraphs")) == sum(len(d.paragraphs()) for d in docs)
    assert len(corpus.to_frame("documents")) == len(docs) == len(list((DATA / "raw").glob("*.txt")))


def test_unknown_level_is_refused(variant_corpus):
    with pytest.raises(ValueError, match="unknown level 'sentences'"):
        variant_corpus.records("sentences")


def test_missing_pandas_says_what_to_install(variant_corpus, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` raise ImportError
    with pytest.raises(ImportError, match=r"pip install 'eu-clasi-corpus\[pandas\]'") as info:
        variant_corpus.to_frame("paragraphs")
    assert isinstance(info.value, PandasMissingError)
    assert variant_corpus.records("footnotes")  # the records need no pandas


def test_import_does_not_load_pandas():
    code = "import sys, eu_clasi_corpus as e; e.Corpus; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_committed_sidecar_is_valid_and_matches_the_source():
    meta = SourceMetadata.from_json((DATA / "raw" / f"{SEED_STEM}.meta.json").read_bytes())
    assert meta.id == SEED_STEM
    assert meta.source.sha256 == sha256_of(DATA / "raw" / meta.source.file)
    assert [i.field for i in meta.inferred] == ["council_document_number", "date"]


def test_sidecar_model_refuses_unknown_keys():
    meta = seed_sidecar()
    meta["source"]["sha1"] = "x"
    with pytest.raises(ValueError, match="sha1"):
        SourceMetadata.model_validate(meta)


def test_span_check_accepts_parser_output_and_names_an_edit(seed_text):
    for text in (seed_text, mut.crlf(seed_text), mut.page_break_inside_paragraph(seed_text)):
        assert span_mismatches(parse_text(text), text) == []
    doc = parse_text(seed_text)
    doc.footnotes[2].text = "Een andere voetnoot."
    (problem,) = span_mismatches(doc, seed_text)
    assert problem.startswith("$.footnotes[2].text: the file has 'Een andere voetnoot.'")


def test_example_script_runs_on_the_corpus():
    out = subprocess.run([sys.executable, "scripts/corpus_example.py", "data"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "Corpus('data', 1 document(s))" in out.stdout
    assert "as in the source: '16. Wij, de ministers" in out.stdout


def test_readme_python_examples_run(monkeypatch):
    import regex

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = regex.findall(r"```python\n(.*?)```", readme, flags=regex.DOTALL)
    assert len(blocks) >= 2
    monkeypatch.chdir(ROOT)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})


def test_levels_can_be_named_in_the_singular():
    from eu_clasi_corpus import Corpus as C

    corpus = C(DATA)
    assert corpus.records("annotation") == corpus.records("annotations")
    assert len(corpus.records("annotation")) == sum(len(d.annotations) for d in corpus)
