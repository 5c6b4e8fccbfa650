"""The parser's fast paths give what their plain definitions give (hypothesis).

Each fast path replaces a regex scan by string tests that rule lines or pieces out before the pattern is tried;
these tests hold each one against the pattern applied directly.
"""

from __future__ import annotations

import re
from collections import Counter

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DEV_FIXTURES_DIR, SEED_PATH, read_exact

from eu_clasi_corpus import languages
from eu_clasi_corpus.footnotes import _MARKER, _has_ascii_digit
from eu_clasi_corpus.model import Span
from eu_clasi_corpus.textnorm import _COMPOUNDS, _HYPHEN_BREAK, _RIGHT_WORD, Normaliser

SETTINGS = settings(max_examples=300, deadline=None)


def _text(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(pieces), st.text(max_size=3)), max_size=30).map("".join)


@SETTINGS
@given(_text(["de", "De", "het", "the", "and", "und", " ", "\n", ",", ".", "(", ")", ";", ":", "'", "-", "/", "1",
              "²", "\u00a0", "\x1c", "Σ", "l'", "van", "VAN"]))
def test_stopword_hits_are_the_pattern_words(sample):
    sample = sample.lower()
    index = languages._stopword_index()
    expected = Counter(w for w in languages._WORD.findall(sample) if w in index)
    assert languages._stopword_hits(sample, index) == expected


@SETTINGS
@given(_text(["ANNEX", "BIJLAGE", "ANLAGE", "ANHANG", " ", "\t", "I", "II", "1", "A", "b", "\n"]))
def test_annex_heading_is_the_annex_pattern(line):
    for code in ("en", "nl", "de"):
        patterns = languages.get(code).patterns
        fast, plain = patterns.annex_heading(line), patterns.annex.match(line)
        assert (fast is None) == (plain is None)
        if plain is not None:
            assert fast.span() == plain.span() and fast.groupdict() == plain.groupdict()


def _plain_line_end_hyphens(normaliser: Normaliser, seg: Span):
    text = normaliser.text
    for m in _HYPHEN_BREAK.finditer(text, seg.start, seg.end):
        left = normaliser._word_before(m.start(), seg.start)
        rm = _RIGHT_WORD.match(text, m.end(), seg.end)
        if left and rm is not None:
            yield m.start(), left, text[m.start()], rm.start(), rm.group()


@SETTINGS
@given(_text(["samen", "werking", "EU", "-", "\u00ad", " ", "\t", "\u00a0", "\n", "\r", "\r\n", "A", "1"]),
       st.lists(st.integers(min_value=0, max_value=200), min_size=2, max_size=2))
def test_line_end_hyphens_are_the_bounded_search(text, bounds):
    start, end = sorted(min(b, len(text)) for b in bounds)
    normaliser, seg = Normaliser(text), Span(start=start, end=end)
    assert list(normaliser._line_end_hyphens(seg)) == list(_plain_line_end_hyphens(normaliser, seg))


def test_the_ascii_digit_test_is_the_pattern_digit_on_every_ascii_character():
    for c in map(chr, range(128)):
        assert _has_ascii_digit(f"ab{c}cd") == (regex.search(r"\d", c) is not None), repr(c)


@SETTINGS
@given(_text(["woord", "EU", "1", "12", "2023", "(EMCDDA)", ")", "'", "\u2019", " ", ",", "/", "-", "\u0663",
              "\u00e9"]))
def test_a_line_without_digits_holds_no_marker(text):
    if text.isascii() and not _has_ascii_digit(text):
        assert _MARKER.search(text) is None


# (capitals: the search lowers only A-Z of a Latin-1 text for an ASCII item; U+0130 and U+212A lower to ASCII letters)
_LEXICON_PIECES = ["ab", "abc", "b", "c", "-", "--", " ", "\n", "1", "²", "_", "é", "İ", "ß", "x-ab", "ab-c", "-ab", "AB", "aB",
                   "ABC", "C", "X-AB", "ab-C", "\u00c9", "\u00c0b", "\u212a", "k", "K", "\u00aa"]


@SETTINGS
@given(_text(_LEXICON_PIECES), st.one_of(st.sampled_from(["ab", "abc", "c", "b", "k", "ab-c", "x-ab", "é", "i\u0307"]),
                                         _text(["ab", "abc", "c", "-", "b", "1", "²", "é", "İ"])))
def test_a_text_search_answers_as_the_lexicon(text, item):
    # The hyphenation rules ask whether a word (a compound) occurs in the source.  The first look-ups search the text,
    # later ones use the lexicon; a decision must not depend on which way was taken (that is, on how many look-ups
    # came before it), so both must answer alike.
    item = item.lower()
    searched = Normaliser(text)
    for lexicon in ("words", "compounds"):
        expected = item in getattr(Normaliser(text), lexicon)
        assert searched._occurs_in_text(item, lexicon) == expected, (text, item, lexicon)
    assert "words" not in searched.__dict__ and "compounds" not in searched.__dict__  # (the lexicon was not built)


_PLAIN_COMPOUNDS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")  # (the textbook pattern, which backtracks inside every word)


@SETTINGS
@given(_text(_LEXICON_PIECES + ["\u0663", "\u0300", "a\u0301-b", "\u00ad", "x-", "-1a", "\t", "\x1c", "\u2028", "\u00a0"]))
def test_the_compound_chains_are_those_of_the_plain_pattern(text):
    # _COMPOUNDS starts a chain only where a word starts and takes its words whole: the same chains as the plain
    # pattern, found without trying every letter of every word
    for lowered in (text, text.lower()):
        assert _COMPOUNDS.findall(lowered) == _PLAIN_COMPOUNDS.findall(lowered), lowered
        assert [bool(_COMPOUNDS.fullmatch(w)) for w in lowered.split()] == [
            bool(_PLAIN_COMPOUNDS.fullmatch(w)) for w in lowered.split()]
    # the lexicon reads only the pieces between white space that hold a hyphen
    assert Normaliser(text).compounds == frozenset(_PLAIN_COMPOUNDS.findall(text.lower())), text


def test_the_compound_chains_of_the_corpus_are_those_of_the_plain_pattern():
    for path in [SEED_PATH, *sorted(DEV_FIXTURES_DIR.glob("*.txt"))]:
        lowered = read_exact(path).lower()
        assert _COMPOUNDS.findall(lowered) == _PLAIN_COMPOUNDS.findall(lowered), path.name
        assert Normaliser(lowered).compounds == frozenset(_PLAIN_COMPOUNDS.findall(lowered)), path.name


def test_the_lexicon_and_the_text_search_agree_on_compound_chains():
    # "x-ab-c" is one compound of the lexicon: "ab-c" inside it is none, though it stands between non-letters
    text = "x-ab-c and ab-cd, 1-ab-c"
    for item, expected in (("ab-c", True), ("x-ab-c", True), ("x-ab", False), ("ab-cd", True), ("ab", True)):
        lexicon = "compounds" if "-" in item else "words"
        assert (item in getattr(Normaliser(text), lexicon)) is expected
        assert Normaliser(text)._occurs_in_text(item, lexicon) is expected


def test_the_text_search_finds_an_item_where_the_lower_cased_text_holds_it():
    # A-Z lowered alone in a Latin-1 text; a text beyond Latin-1 lowered by str.lower (U+0130 lowers to i and a
    # combining dot, which is no word character; U+212A to k)
    cases = [("xx AB yy", "ab", "words", True), ("AB\u00e9", "ab", "words", False), ("\u00c0b", "b", "words", False),
             ("\u00c9AB", "\u00e9ab", "words", True), ("\u0130k", "k", "words", True), ("\u212a", "k", "words", True),
             ("AB\u212a", "abk", "words", True), ("x-\u0130AB", "ab", "words", True), ("X-AB-C", "x-ab-c", "compounds", True),
             ("X-AB-C", "ab-c", "compounds", False), ("\u212a-AB \u0130", "k-ab", "compounds", True)]
    for text, item, lexicon, expected in cases:
        assert (item in getattr(Normaliser(text), lexicon)) is expected, (text, item)
        assert Normaliser(text)._occurs_in_text(item, lexicon) is expected, (text, item)
