"""The annotators' fast paths give what the plain way gives (each test would fail if its fast path were wrong)."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from eu_clasi_corpus.annotate import countries, names, organisations

FAST = settings(max_examples=300, deadline=None)
_WORD_CHAR = regex.compile(r"[\p{L}\p{N}]")


def _longest_name_one_by_one(matcher: names.NameMatcher, text: str, pos: int, word: str) -> tuple[int, str] | None:
    """NameMatcher._match_at as first written: each name's own pattern, longest name first."""
    for pattern, value, _ in matcher._patterns(word):
        m = pattern.match(text, pos)
        if m is not None and not _WORD_CHAR.match(text[m.end() : m.end() + 1]):
            return m.end(), value
    return None


_NAME_PIECES = ["Europese Unie", "Europees", " Parlement", "Raad", " van de Europese Unie", "EU", "eu", "-LISA",
                "Latijns-", "\n", "Amerikaans", "Latijns-Amerika", " ", "  ", "\u0558", "x", "_", "-", "\u00e9",
                "programma", "El Salvador", "EL PAcCTO", "Dominica", "anse Republiek", "\u2019", "'", "\x1c", "\u00a0"]


@FAST
@given(st.lists(st.sampled_from(_NAME_PIECES), max_size=12).map("".join))
def test_names_of_one_word_in_one_pattern_match_as_one_pattern_per_name(text):
    # one alternation per first word (with its fallback past a letter that only a newer Unicode knows, U+0558)
    # and the word-alone name told by str.startswith
    for matcher in (countries.matcher("nl"), organisations.matcher("nl")):
        for w in names._WORD.finditer(text):
            for pos in {w.start(), 0}:
                expected = _longest_name_one_by_one(matcher, text, pos, w.group())
                assert matcher._match_at(text, pos, w.group()) == expected
            if not (w.start() and _WORD_CHAR.match(text[w.start() - 1])):
                assert matcher.match_end(text, w.start()) == (
                    _longest_name_one_by_one(matcher, text, w.start(), w.group()) or (None,))[0]


def test_a_newer_unicode_letter_after_a_name_passes_on_to_the_shorter_names():
    cases = {
        ("Ab Cd", "Ab C", "Ab"): ["Ab Cd\u0558", "Ab C\u0558", "Ab\u0558", "Ab Cd", "Ab Ce", "Abc", "Ab"],
        ("Ab Cd\u00e9", "Ab Cd"): ["Ab Cd\u00e9", "Ab Cd\u0558", "Ab Cd\u00e9\u0558", "Ab Cd"],
        ("Ab Cd", "Ab"): ["Ab Cd\u0558", "Ab Ce", "Ab\u0558", "Ab\nCd", "Ab-Cd"],
        ("Ab Cd-Ef", "Ab Cd", "Ab"): ["Ab Cd-Ef\u0558", "Ab Cd-\nEf", "Ab Cd-Ef"],
    }
    found = []
    for name_list, texts in cases.items():
        matcher = names.NameMatcher({n: n for n in name_list})
        for text in texts:
            expected = _longest_name_one_by_one(matcher, text, 0, "Ab")
            assert matcher._match_at(text, 0, "Ab") == expected
            assert matcher._match_at(text, 0, "Ab", fits=True) == expected or not text.startswith("Ab ")
            found.append(expected)
    # the fallback is taken: past 'Ab Cd' to 'Ab', past 'Ab Cd-Ef' to 'Ab Cd'
    assert found[len(cases[("Ab Cd", "Ab C", "Ab")]) + len(cases[("Ab Cd\u00e9", "Ab Cd")])] == (2, "Ab")
    assert found[-3] == (5, "Ab Cd")
