"""Cold-start fast paths (work skipped or deferred on the first parse) that must give what the plain way gives."""

from __future__ import annotations

import random
import statistics
from pathlib import Path

import regex
from test_layout_prefilters import WRAPPER_LINES

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


def _corpus_lines() -> list[str]:
    root = Path(__file__).resolve().parent.parent
    lines: set[str] = set()
    for folder in (root / "data", root / "tests" / "fixtures"):
        for path in folder.rglob("*.txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
            lines.update(line.strip(" \t") for line in text.splitlines())
    return sorted(lines)


def test_original_language_and_marking_lines_are_found_as_their_patterns_find_them():
    """header tries ORIGINAL_LANGUAGE and MARKINGS only on a line that starts with their literal text."""
    extra = ["(OR. en)", "(OR. fr, de)", "(OR.en)", "LIMITE", "RESTREINT UE", "RESTREINT UE/EU RESTRICTED", "PUBLIC",
             "CONFIDENTIEL UE", "CONFIDENTIAL", "CONFIDENTIAL\n", "limite", " LIMITE", "(or. en)", "PUBLICATION"]
    for line in _corpus_lines() + extra:
        for guarded, pattern in ((header._original_language, header.ORIGINAL_LANGUAGE), (header._marking, header.MARKINGS)):
            expected = regex.match(pattern.pattern, line)
            got = guarded(line)
            assert (got and got.span()) == (expected and expected.span()), (pattern.pattern, line)


# Lines of the real wrapper table (required lines, starts, ends, page numbers after a head), near misses, note lines.
_WRAPPER_LINES = WRAPPER_LINES + ["1 The Council", "RAAD VAN DE EUROPESE UNIE", "1. De Raad wordt verzocht", "[Public Info Net"]


def test_wrapper_patterns_waiting_for_a_required_line_mark_what_all_patterns_mark(monkeypatch):
    """mark_furniture looks for a block's start and end (and the inline patterns after it) only once the block's
    required line has a candidate: the furniture is what looking for every pattern gives."""
    from eu_clasi_corpus import furniture
    from eu_clasi_corpus.layout import analyse
    from eu_clasi_corpus.source import SourceText

    def marked(text: str) -> list:
        layout = analyse(SourceText(text))
        furniture.mark_furniture(layout)
        return [(f.kind, f.span.start, f.span.end) for f in layout.furniture] + [ll.kind for ll in layout.lines]

    rng = random.Random(5)
    texts = ["\n".join(rng.choice(_WRAPPER_LINES) for _ in range(rng.randrange(1, 14))) + "\n" for _ in range(300)]
    gated = [marked(t) for t in texts]
    everything = furniture._all_patterns()
    monkeypatch.setattr(furniture, "_pattern_groups", lambda table: (everything, ()))
    assert [marked(t) for t in texts] == gated
    assert any(len(g) > len(t.splitlines()) for g, t in zip(gated, texts))  # some texts have wrapper furniture



def test_wrapper_pattern_groups_gate_each_block_by_its_own_required_line():
    """Blocks that share a name each wait for their own ``requires``; an inline pattern after that name waits only
    when all of those blocks require the same line (else it is always looked for); a block without ``requires`` is
    always looked for."""
    from eu_clasi_corpus.furniture import Wrapper, _pattern_groups
    from eu_clasi_corpus.lazy_pattern import LazyPattern

    def block(name, start, end, requires=None):
        return Wrapper(name, "block", "site", start=LazyPattern(start), end=LazyPattern(end),
                       requires=LazyPattern(requires) if requires else None)

    def inline(pattern, after):
        return Wrapper(f"after {after}", "inline", "site", pattern=LazyPattern(pattern), after=after)

    table = (block("site", "^A", "^B", "^R1"), block("site", "^C", "^D", "^R2"), inline("^I", "site"),
             block("menu", "^E", "^F", "^R3"), block("menu", "^G", "^H", "^R3"), inline("^J", "menu"),
             block("free", "^K", "^L"), block("free", "^M", "^N", "^R4"), inline("^O", "free"))
    first, waiting = _pattern_groups(table)
    assert first == ("^R1", "^R2", "^I", "^R3", "^K", "^L", "^R4", "^O")
    assert dict(waiting) == {"^R1": ("^A", "^B"), "^R2": ("^C", "^D"), "^R3": ("^E", "^F", "^G", "^H", "^J"),
                             "^R4": ("^M", "^N")}

def test_body_opener_is_tried_only_where_one_of_its_words_stands():
    """body_opener_at and body_openers_in find what the body-opener pattern finds in every line."""
    corpus = _corpus_lines()
    for lang in languages.all_languages():
        p = lang.patterns
        if p.body_opener is None:
            assert p.body_opener_at("x") is None and p.body_openers_in("x") == []
            continue
        plain = regex.compile(p.body_opener.pattern)
        lines = list(corpus)
        for w in p.body_words:
            lines += [w, w + " x", "x " + w, "x" + w, w.lower(), w.upper(), " " + w, w[:-1], "1 " + w + ", " + w]
        for line in lines:
            expected = plain.match(line)
            got = p.body_opener_at(line)
            assert (got and got.span()) == (expected and expected.span()), (lang.code, line)
            assert [m.span() for m in p.body_openers_in(line)] == [m.span() for m in plain.finditer(line)], (lang.code, line)
