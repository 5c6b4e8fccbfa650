"""The annotators' fast paths give what the plain way gives (each test would fail if its fast path were wrong)."""

from __future__ import annotations

from functools import cache

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from eu_clasi_corpus import languages
from eu_clasi_corpus.anchors import Holders
from eu_clasi_corpus.annotate import acronyms, countries, dates, documents, names, organisations, references
from eu_clasi_corpus.annotate.view import ContentView
from eu_clasi_corpus.model import Span

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


@cache
def _month_pattern_of_three_forms(code: str) -> regex.Pattern:
    """dates._month_pattern as first written: the three forms, each with its own alternation of the months."""
    months = languages.get(code).months
    alt = "|".join(regex.escape(m) for m in sorted({languages.caseless(m) for m in months}, key=len, reverse=True))
    return regex.compile(
        rf"""(?xi)(?<![\p{{L}}\p{{N}}])
        (?:
            (?P<day>[0-3]?\d)\s++(?P<month>{alt})\s++(?P<year>(?:19|20)\d{{2}})
          | (?P<month2>{alt})\s++(?P<day2>[0-3]?\d),?\s++(?P<year2>(?:19|20)\d{{2}})
          | (?P<month3>{alt})\s++(?P<year3>(?:19|20)\d{{2}})
        )(?![\p{{L}}\p{{N}}])"""
    )


def _three_forms(m: regex.Match) -> tuple:
    if m.group("month"):
        return m.span(), m.group("day"), m.group("month"), m.group("year")
    if m.group("month2"):
        return m.span(), m.group("day2"), m.group("month2"), m.group("year2")
    return m.span(), None, m.group("month3"), m.group("year3")


_DATE_PIECES = ["12", "1", "31", "4", " ", "  ", "\n", ",", "x", "2023", "1999", "202", "20233", "juli", "Juli", "JULI",
                "july", "July", "mei", "May", "maart", "march", "März", "mars", "septembre", "décembre", "Dezember",
                "1er", "\u00a0", "\t", "-", ".", "\u0660"]


def _same_month_dates(code: str, text: str, start: int, stop: int) -> None:
    pattern, three = dates._month_pattern(code)[0], _month_pattern_of_three_forms(code)
    one = [(m.span(), m.group("day") or m.group("day2"), m.group("month"), m.group("year"))
           for m in pattern.finditer(text, start, stop)]
    assert one == [_three_forms(m) for m in three.finditer(text, start, stop)]


def test_month_dates_in_one_alternation_keep_a_day_on_one_side():
    for text in ["12 juli 4 2023", "12 juli 4, 2023", "1 juli\n31 2023", "12 juli 2023", "juli 4, 2023", "juli 2023",
                 "4 juli juli 2023", "x12 juli 2023", "12 julix 2023", "12 juli 20231", "12 juli 4 20233 juli 2023"]:
        for start in range(len(text)):
            _same_month_dates("nl", text, start, len(text))


@FAST
@given(st.data())
def test_month_dates_in_one_alternation_match_as_the_three_forms(data):
    code = data.draw(st.sampled_from(languages.codes()))
    months = list(languages.get(code).months)
    pieces = _DATE_PIECES + months + [m.upper() for m in months] + [m[:-1] for m in months]
    text = data.draw(st.lists(st.sampled_from(pieces), max_size=14).map("".join))
    end = data.draw(st.integers(0, len(text)))
    for start in range(len(text) + 1):  # windows as the scan for years gives them
        for stop in {len(text), end}:
            _same_month_dates(code, text, start, stop)


class _Node:
    def __init__(self, segments: list[Span]) -> None:
        self.segments, self.span = segments, segments[0]


@FAST
@given(st.lists(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 6)), min_size=1, max_size=3), max_size=5),
       st.integers(0, 35), st.integers(0, 8))
def test_holder_of_a_span_in_one_segment_is_the_holder_of_both_its_ends(pieces, start, length):
    # anchors.Holders answers a span inside one segment without a second search, when the segments are disjoint
    nodes = [_Node([Span(start=a, end=a + n) for a, n in segs]) for segs in pieces]
    holders = Holders(nodes)
    span = Span(start=start, end=start + length)
    first = holders._node_at(span.start)
    expected = nodes[first] if span.end > span.start and first is not None and holders._node_at(span.end - 1) == first else None
    assert holders.holder(span) is expected


# The look-back tokens as first written (acronyms._tokens): words and single signs of one regex scan of the stretch.
_PLAIN_TOKEN = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'\u2019-]*+|[^\s\p{L}\p{N}\x00]")


def _plain_stretch(text: str, open_pos: int, look_back: int) -> list[tuple[int, int, str, bool]]:
    """The tokens of the look-back stretch before the '(' at ``open_pos``, by one regex scan: the stretch is the
    ``look_back`` characters before it, from after the nearest hard character in them; when there is none and the
    window opens right after a letter or digit (inside a word), the first token (that word's rest) is dropped; a word
    broken at a line-end hyphen is one word."""
    lo = max(0, open_pos - look_back)
    hard = acronyms._HARD_BACK.search(text, lo, open_pos)
    cut = hard is None and lo > 0 and text[lo - 1].isalnum()
    if hard is not None:
        lo = hard.end()
    raw = [(m.start(), m.end(), m.group(), m.group()[0].isalnum()) for m in _PLAIN_TOKEN.finditer(text, lo, open_pos)]
    out: list[tuple[int, int, str, bool]] = []
    for t in raw[1:] if cut else raw:
        if out and out[-1][3] and out[-1][2].endswith("-") and t[3] and t[2][0].isalpha() and "\n" in text[out[-1][1] : t[0]]:
            prev = out.pop()
            t = (prev[0], t[1], prev[2] + t[2], True)
        out.append(t)
    return out


@FAST
@given(st.lists(st.sampled_from(["Europees", " ", "  ", "\n", "-", "- ", "'", "\u2019", "&", "/", "\u2013", "R&D", "OAP's",
                                 "Grens-", "en", "-abc", "'s", "x", "\u00e9t\u00e9", "\u0558", "\x1c", "\u00a0", ",", "\x00",
                                 "\u2028", "Latijns-Amerika", "-\n", "a-\nb", "2023", "A4", "S.A. ", "\t",
                                 "samen-\n  werking "]), max_size=16).map(lambda p: "".join(p) + "(EU)"),
       st.sampled_from([acronyms.LOOK_BACK, 12, 5]))
def test_stretch_tokens_are_those_of_one_regex_scan(text, look_back):
    # the stretch splits at white space where no sign can split a word, and finds its tokens' offsets by rfind; a
    # small LOOK_BACK makes the window open inside a word, whose rest is dropped
    open_pos, view = len(text) - 4, ContentView.of_text(text)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(acronyms, "LOOK_BACK", look_back)
        stretch = acronyms._stretch(view, open_pos)
    expected = _plain_stretch(view.masked, open_pos, look_back)
    assert stretch.texts == [t for _, _, t, _ in expected]
    assert stretch.words == [w for _, _, _, w in expected]
    assert [(stretch.start(i), stretch.end(i)) for i in reversed(range(len(expected)))] == [(s, e) for s, e, _, _ in reversed(expected)]


def _candidates_in_two_walks(texts, is_word, n, max_words, words):
    """acronyms._candidates as first written: the walk back for the bound, then a second one for the candidates."""
    det, prep, stop = words["determiners"], words["prepositions"], words["stop_words"]
    lows = [t.lower() if w else None for t, w in zip(texts, is_word)]

    def ends_before(j: int) -> bool:
        if lows[j] is None:
            return texts[j] not in acronyms._SOFT_PUNCT
        number = not texts[j].isalpha() and any(map(str.isdigit, texts[j]))
        return number or lows[j] in stop or (lows[j] in det and not (j > 0 and lows[j - 1] in prep))

    bound, seen = 0, 0
    for j in reversed(range(n)):
        seen += lows[j] is not None
        if ends_before(j) or seen > max_words:
            bound = j + 1
            break
    kinds = []
    for k in reversed(range(bound, n)):
        before = lows[k - 1] if k > 0 else None
        kind = "determiner" if before in det else "preposition" if before in prep else "start" if k == bound else None
        kinds.append((k, None if lows[k] is None or lows[k] in words["function_words"] else kind))
    return bound, [(k, kind) for k, kind in kinds if kind is not None]


@FAST
@given(st.sampled_from(["nl", "en", "fr"]),
       st.lists(st.sampled_from(["het", "de", "van", "op", "voor", "zoals", "the", "of", "which", "le", "du", "Europees",
                                 "centrum", "drugs", "EU", "2023", "A4", "-", "&", "/", "\u2013", ",", "en", "and", "reeds",
                                 "Het", "VAN", "x"]), min_size=1, max_size=30),
       st.integers(1, 30))
def test_candidate_starts_in_one_walk_are_those_of_two(language, texts, max_words):
    words = acronyms._words(language)
    texts = texts + ["Slot"]  # the token before the '(' is a word
    is_word = [t[0].isalnum() for t in texts]
    assert acronyms._candidates(texts, is_word, len(texts), max_words, words) == \
        _candidates_in_two_walks(texts, is_word, len(texts), max_words, words)


@FAST
@given(st.lists(st.sampled_from(["PB L 119", "pb L 1", "OJ C 12", "PB", " ", "L", "119", " van 4.5.2016", ", blz. 1", "x",
                                 "\n"]), max_size=10).map("".join))
def test_official_journal_references_are_found_only_where_a_journal_word_is_printed(text):
    view = ContentView.of_text(text)
    found = [r["span"] for r in documents.records(view, "nl") if r["rule"] == "official-journal"]
    scan = [{"start": m.start(), "end": m.end()} for m in documents._patterns("nl")["oj"].finditer(text)]
    assert found == scan


_REFERENCE_PIECES = ["PUNT 3", "Punt 12", "punten 3 en 4", "zie VOETNOOT 2", "Zie voetnoot 1", "Paragraaf 7", "POINT 5",
                     "see Footnote 9", "FU\u1e9eNOTE 3", "Fu\u00dfnote 4", "FUSSNOTE 5", "Punkt 2", "pu\u0131nt 3",
                     "P\u0130NT 1", "\u212aAPITEL 2", "x", " ", "\n", "3", "punt", "hierboven"]


@FAST
@given(st.sampled_from(["nl", "en", "de", "fr", "da"]), st.lists(st.sampled_from(_REFERENCE_PIECES), max_size=8).map("".join))
def test_internal_references_are_tried_only_where_a_cue_noun_may_stand(language, text):
    # the places whose text cannot be a cue noun (ASCII, no noun in any case) are left out
    scanner = references._scanner(language)
    assert [(m.span(), m.groupdict()) for m in scanner.finditer(text)] == \
           [(m.span(), m.groupdict()) for m in scanner.pattern.finditer(text)]


def test_a_note_without_a_cue_noun_never_compiles_the_internal_reference_pattern():
    scanner = references._Scanner(r"(?i)punt\s++\d", ["punt"], frozenset())
    assert list(scanner.finditer("zie bijlage 3 en 2023 4")) == []
    assert "pattern" not in scanner.__dict__
    assert [m.span() for m in scanner.finditer("zie PUNT 3")] == [(4, 10)]
