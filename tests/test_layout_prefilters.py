"""The cheap tests by which the early stages (layout, furniture, flattened, blocks) skip lines: each may let
through a line that then does not match, but must never skip a line that would."""

from __future__ import annotations

import random

import pytest
import regex

from eu_clasi_corpus import furniture
from eu_clasi_corpus.blocks import MARKERS, could_open_marker
from eu_clasi_corpus.layout import analyse, lines_matching
from eu_clasi_corpus.source import SourceText

DIGITS = ["0", "7", "\u0663", "\u0967", "\uff15", "\U0001e4f3", "\U00011f52"]  # ASCII, Arabic-Indic, ..., Nag Mundari, Kawi
OTHERS = ["a", " ", "\t", "\u00a0", "\ufeff", "\f", "\x1c", "\u2028", "\u00b2", "\u2155", "/", "T", "-"]


def _random_text(rnd: random.Random) -> str:
    pieces = []
    for _ in range(rnd.randrange(0, 30)):
        pieces.append(rnd.choice(DIGITS + OTHERS * 3))
        if rnd.random() < 0.3:
            pieces.append(rnd.choice(["\n", "\r\n", "\r", "\n\n"]))
    return "".join(pieces)


def test_digit_lines_are_exactly_the_lines_with_a_digit():
    rnd = random.Random(7)
    digit = regex.compile(r"\d")
    for _ in range(500):
        text = _random_text(rnd)
        source = SourceText(text)
        expected = {i for i, line in enumerate(source.lines) if digit.search(line.text(text))}
        assert analyse(source).digit_lines == expected, repr(text)


def test_lines_matching_finds_each_line_once_in_order():
    text = "a1\r\nb\rc22\n\n3"
    source = SourceText(text)
    assert lines_matching(regex.compile(r"\d"), text, source.line_starts) == [0, 2, 4]
    assert lines_matching(regex.compile(r"[a-c]"), text, source.line_starts) == [0, 1, 2]
    assert lines_matching(regex.compile(r"x"), text, source.line_starts) == []


# Lines that the real wrapper table matches, and near misses.
WRAPPER_LINES = [
    "Transcript", "Transkript", "Size: px", "Maat: px", "12 Council", "Text", "Kerngegevens", "organisation x",
    "date May 1, 2020", "Officiële agenda", "Preview document 3", "Nummer: 2020D123", "Transcript of it",
    "12345_0001.png", "see Alm.del Bilag 5 here", "cover letter 123/20.", "til Folketingets Europaudvalg",
    "12345_0002.png", "UPN, Alm.del - x - Bilag 3: y", "PDF to HTML - Convert PDF files to HTML files",
    "Full text of Document x", "May 1, 2020", "[Public Info Net automatically generates links", "<<",
    "text (pdf at foo.org)", "", "Transcripts", " <<", "123/20. more", "(pdf at foo.org) more", "1 2",
]


def _assert_candidates_cover_matches(contents: list[str]) -> None:
    # each pattern is searched only in its own candidate lines: every line it matches must be one of them
    by_pattern = furniture._candidates_by_pattern(contents)
    for w in furniture.wrappers():
        for pattern in (w.pattern, w.start, w.end, w.requires):
            if pattern is None:
                continue
            for i, c in enumerate(contents):
                if pattern.search(c):
                    assert i in by_pattern.get(pattern.pattern, ()), (pattern.pattern, c)


def test_wrapper_candidates_cover_every_match_of_the_real_table():
    rnd = random.Random(3)
    for _ in range(200):
        contents = [rnd.choice(WRAPPER_LINES) for _ in range(rnd.randrange(1, 12))]
        _assert_candidates_cover_matches(contents)


TRICKY_TABLE = [
    r"a(?!\s)", r"(?<!\n)b", r"\Ac", r"d\Z", r"(?i)eF", r"(?>g+)$", r"h++$", r"^i|j", r"(?<=k)l", r"m$", r"^$",
    r"\bn\b", r"o\s*$", r"(?P<x>p)(?P=x)", r"q(?=\s|$)", r"[^x]+r",
    r"^[[:digit:](]a|b",  # a POSIX class in a set, then a "|" at the top: b matches anywhere (found in review)
    # anchored at the line start (matched as one alternation, told apart by the chain of alternations), some with
    # groups of their own
    r"^a", r"^ab", r"^a|b", r"^(?:a|E)F", r"^\s*r$", r"^.?", r"^(?=c)", r"^[a-c]{2}", r"^(a)(?P<inner>b)?(?=(c))",
    r"^(?:(b)|(c))+",
]


@pytest.fixture
def tricky_wrappers(monkeypatch):
    table = tuple(
        furniture.Wrapper(name=f"t{i}", kind="line", furniture="wrapper", pattern=regex.compile(p))
        for i, p in enumerate(TRICKY_TABLE)
    )
    furniture._candidate_scans.cache_clear()
    monkeypatch.setattr(furniture, "wrappers", lambda: table)
    yield
    monkeypatch.undo()
    furniture._candidate_scans.cache_clear()


def test_wrapper_candidates_cover_every_match_of_tricky_patterns(tricky_wrappers):
    rnd = random.Random(11)
    alphabet = "abcdefghijklmnopqrEF \t"
    for _ in range(400):
        contents = ["".join(rnd.choice(alphabet) for _ in range(rnd.randrange(0, 6))) for _ in range(rnd.randrange(1, 8))]
        _assert_candidates_cover_matches(contents)


@pytest.mark.parametrize("pattern, joinable", [
    (r"^Transcript$", True), (r"Alm\.del Bilag \d+", True), (r"^date \p{L}+ \d{1,2}, \d{4}$", True),
    (r"^\d{1,3}(?= \S)", True), (r"(?<=x)y", True), (r"(?P<n>x)", True), (r"(?<n>x)", True), (r"x{2,3}", True),
    (r"(?!x)", False), (r"(?<!x)", False), (r"(?>x)", False), (r"(?i)x", False), (r"(?i:x)", False),
    (r"a++", False), (r"a*+", False), (r"a?+", False), (r"a{2}+", False), (r"\Ax", False), (r"x\Z", False),
    (r"x\z", False), (r"\Gx", False), (r"(x)\1", False), (r"\g<1>", False), (r"(?P=n)", False), (r"(?(1)a|b)", False),
])
def test_line_bound_constructs_are_not_searched_in_joined_lines(pattern, joinable):
    assert (furniture._NOT_JOINABLE.search(pattern) is None) == joinable


def test_could_open_marker_never_skips_a_marker():
    """Only ASCII first characters are ever rejected: try each with many continuations."""
    rnd = random.Random(5)
    suffixes = [")", ") x", ". x", ".", " ", "\t", "iii) x", "xxxviii) x", "viii)", "xiv) x", "x)", "1. x", "(a) x"]
    suffixes += ["".join(rnd.choice("ivx)(. 1a\t") for _ in range(rnd.randrange(0, 10))) for _ in range(400)]
    for code in range(128):
        for suffix in suffixes:
            text = chr(code) + suffix
            if any(p.match(text) for _, p in MARKERS):
                assert could_open_marker(text), repr(text)
    assert could_open_marker("\u0663. x") and not could_open_marker("Text") and not could_open_marker("words and x)")


def test_split_lines_without_cr_is_the_general_split():
    """LF-only text takes a shortcut; it must give what the general loop gives."""
    from eu_clasi_corpus.source import _split_any, split_lines

    rnd = random.Random(9)
    for _ in range(500):
        text = "".join(rnd.choice(["a", " ", "\n", "\n\n", "\f", "\u2028", "\x85", "\v"]) for _ in range(rnd.randrange(0, 12)))
        assert split_lines(text) == _split_any(text), repr(text)
    assert split_lines("") == _split_any("") and split_lines("\n") == _split_any("\n")


def test_inline_numbers_need_a_digit_after_white_space():
    """find_cuts looks for inline paragraph numbers and spaced markers only in a line where SPACE_DIGIT matches."""
    from eu_clasi_corpus.flattened import PARAGRAPH_INLINE, SPACE_DIGIT, SPACED_MARKER_A, SPACED_MARKER_B

    rnd = random.Random(11)
    alphabet = DIGITS + OTHERS + ["A", "Z", "b", ")", ",", ";", ".", ":", '"', "(", "12", " 3", "word", ". ", "a,", "x;", "Ab", " 4 ", ", ", "Ge"]
    for _ in range(20000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(0, 14)))
        found = any(p.search(text) for p in (PARAGRAPH_INLINE, SPACED_MARKER_A, SPACED_MARKER_B))
        if found:
            assert SPACE_DIGIT.search(text), repr(text)
    assert SPACE_DIGIT.search("x 1. Y") and not SPACE_DIGIT.search("12. Gezien de verklaring")
