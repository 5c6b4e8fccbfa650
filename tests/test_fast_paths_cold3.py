"""Cold-start fast paths (work skipped or deferred on the first parse) that must give what the plain way gives."""

from __future__ import annotations

import random
import statistics

from eu_clasi_corpus import header, languages
from eu_clasi_corpus.blocks import typical_width


class _Line:
    def __init__(self, text: str) -> None:
        self.text = text


def test_typical_width_is_the_median_of_the_longer_half():
    rng = random.Random(3)
    for n in range(1, 60):
        lines = [_Line("x" * rng.randrange(0, 120)) for _ in range(n)]
        lengths = sorted(len(fl.text) for fl in lines)
        expected = float(statistics.median(lengths[len(lengths) // 2 :]))
        got = typical_width(lines)
        assert got == expected and type(got) is float, (n, lengths)
    assert typical_width([]) == 0.0


def test_blank_residue_needs_no_list_separator_pattern():
    """_assign skips the separator pattern for a blank residue: the pattern only removes text, so it is a list."""
    for code in languages.codes():
        pattern = header._list_separators(code)
        for residue in ["", " ", "\t \u00a0 ", "\u2003\n"]:
            assert not pattern.sub("", residue).strip()

