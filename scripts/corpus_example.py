"""Worked example (also in the README): load the corpus into pandas and look at it.

Run from the repository root after `pip install -e '.[pandas]'` and `eu-clasi build data`:

    python scripts/corpus_example.py [DATA_DIR]
"""

from __future__ import annotations

import argparse
import sys

from eu_clasi_corpus import Corpus


def main(data_dir: str = "data") -> None:
    corpus = Corpus(data_dir)
    print(corpus)

    docs = corpus.to_frame("documents")
    print(docs[["doc_id", "language", "doc_type", "pages", "paragraphs", "footnotes"]].to_string(index=False))

    paragraphs = corpus.to_frame("paragraphs")
    print("\nparagraphs by container and kind")
    print(paragraphs.groupby(["container", "kind"]).size().to_string())

    # The commitments of each declaration, with where they are in the source.
    commitments = paragraphs[paragraphs.kind == "commitment"]
    print("\nfirst commitments")
    for row in commitments.head(3).itertuples():
        print(f"  {row.doc_id} {row.number}. [{row.start}:{row.end}] {row.text[:70]}...")

    # Every span points into the raw text: slice it back.
    first = commitments.iloc[0]
    raw = corpus.source_text(first.doc_id)
    print("\nas in the source:", repr(raw[first.start : first.end][:60]))

    footnotes = corpus.to_frame("footnotes")
    print("\nfootnotes per document")
    print(footnotes.groupby("doc_id").size().to_string())


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description="Load the corpus into pandas and look at it (the README's example).")
    ap.add_argument("data_dir", nargs="?", default="data", help="the corpus folder (default: data)")
    args = ap.parse_args()
    try:
        main(args.data_dir)
    except FileNotFoundError as exc:
        sys.exit(f"error: {exc}")
