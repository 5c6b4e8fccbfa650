"""Fast paths of the early stages (source, layout, furniture, blocks) that must give what the plain way gives."""

from __future__ import annotations

import random

import regex

from eu_clasi_corpus import furniture


def test_wrapper_patterns_are_compiled_only_when_a_candidate_line_needs_them():
    furniture.wrappers.cache_clear()
    furniture._candidate_scans.cache_clear()
    try:
        from eu_clasi_corpus.parser import parse_text

        parse_text("NOTE\n\nSome running text without any site wrapper.\n")
        assert all(
            p._compiled is None
            for w in furniture.wrappers() for p in (w.pattern, w.start, w.end, w.requires) if p is not None
        )
    finally:
        furniture.wrappers.cache_clear()
        furniture._candidate_scans.cache_clear()


def test_anchored_patterns_can_match_only_at_the_start():
    """_anchored decides which patterns the alternation takes: each it accepts may match only at the start."""
    accepted = [r"^a", r"^(?:a|b)c", r"^[|]a", r"^[]|]", r"^[^]|]x", r"^\|a", r"^\((a|b)", r"^x(?#|)y", r"^a(?=b|c)"]
    refused = [r"^a|b", r"^?a", r"a", r"^(a)|b", r"^x(?#()|y", r"^*a", r"(?:^a)", r"^[[:digit:](]a|b", r"^[a[]b|c"]
    assert all(furniture._anchored(p) for p in accepted)
    assert not any(furniture._anchored(p) for p in refused)
    for p in accepted:
        for text in ["ac", "bc", "|a", "]", "xy", "(a", "ab", "x"]:
            for prefix in ["", "\u00a7", "zz "]:
                m = regex.search(p, prefix + text)
                assert m is None or m.start() == 0, (p, prefix + text)


def test_digit_lines_of_any_text_are_the_lines_with_a_digit():
    """layout.digit_lines takes a byte search for a Latin-1 text and lines_matching a scan of the whole text: both give
    the lines (of a plain split) in which regex finds a \\d, for Latin-1 texts (digits, superscripts and fractions,
    which are no \\d) and others (Arabic-Indic and full-width digits)."""
    from eu_clasi_corpus.latin1 import char_flags
    from eu_clasi_corpus.layout import _DIGIT, digit_lines, lines_matching
    from eu_clasi_corpus.source import SourceText

    rnd = random.Random(23)
    alphabet = ["ab", " ", "\n", "\r\n", "\r", "7", "0", "9", "/", "\u00b2", "\u00bd", "\u00e9", "\u0663", "\uff11", "\f"]
    for i in range(3000):
        pieces = alphabet if i % 3 else alphabet[:-3]  # one text in three Latin-1 alone
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(0, 14)))
        expected = [n for n, (s, e, _) in enumerate(_plain_line_bounds(text)) if regex.search(r"\d", text[s:e])]
        starts = SourceText(text).line_starts
        flags = char_flags(text)
        assert digit_lines(text, starts, flags) == expected, repr(text)
        assert lines_matching(_DIGIT, text, starts) == expected, repr(text)


def test_flags_find_a_white_space_before_a_digit_where_the_pattern_does():
    """find_cuts tests a Latin-1 line for SPACE_DIGIT by a byte search for b"sd" in the layout's flags: it finds one
    where the pattern does, next to each Latin-1 character (the flags of each character are test_latin1's)."""
    from eu_clasi_corpus.flattened import SPACE_DIGIT
    from eu_clasi_corpus.latin1 import char_flags

    for code in range(256):
        char = chr(code)
        for text in (char + "1", "a" + char + "7b", char + char, char + " 1"):
            assert (char_flags(text).find(b"sd") != -1) == (SPACE_DIGIT.search(text) is not None), repr(text)


def test_inline_labels_found_up_to_the_last_colon_are_all_the_inline_labels():
    """The header-zone scan looks for inline labels only up to a line's last colon (flattened._header_cuts): for each
    language, that finds what a scan of the whole line finds."""
    from eu_clasi_corpus import languages

    rnd = random.Random(29)
    for code in languages.codes():
        lang = languages.get(code)
        pattern = lang.patterns.label_inline
        if pattern is None:
            continue
        pieces = [w for words in lang.labels.values() for w in words] + [":", " :", " ", "\t", "x", "1", "-", "\u00a0"]
        for _ in range(60):
            line = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(1, 7)))
            colon = line.rfind(":")
            bounded = [m.span() for m in pattern.finditer(line, 0, colon + 1)] if colon >= 0 else []
            assert bounded == [m.span() for m in pattern.finditer(line)], (code, line)


def _plain_line_bounds(text: str) -> list[tuple[int, int, int]]:
    """(start, end, next_start) of each line, by a walk over the characters: a line ends at CR LF, CR or LF (no other
    character); a text that ends with a line ending has no empty line after it, an empty text has one empty line."""
    bounds = []
    start = i = 0
    while i < len(text):
        if text[i] == "\r":
            step = 2 if text[i + 1 : i + 2] == "\n" else 1
        elif text[i] == "\n":
            step = 1
        else:
            i += 1
            continue
        bounds.append((start, i, i + step))
        start = i = i + step
    if start < len(text) or not bounds:
        bounds.append((start, len(text), len(text)))
    return bounds


_LINE_TEXT = ["ab", " ", "\f", "\u2028", "\u2029", "\x85", "\v", "\x1c", "\u00e9"]
_LINE_ENDINGS = {"none": [], "LF": ["\n", "\n\n"], "CRLF": ["\r\n", "\r\n\r\n"], "CR": ["\r", "\r\r"],
                 "mixed": ["\n", "\r\n", "\r", "\n\r", "\r\r\n"]}


def test_line_bounds_are_those_of_a_plain_split_on_cr_lf_and_crlf():
    """A SourceText finds its line bounds without making its Line objects (made when ``lines`` is first read): the
    bounds and lines are those of a walk that ends a line at CR LF, CR or LF alone (not at the other characters
    str.splitlines takes), for texts with each kind of line ending, mixed ones and none."""
    from eu_clasi_corpus.source import Line, SourceText, split_lines

    rnd = random.Random(29)
    for kind, endings in _LINE_ENDINGS.items():
        pieces = _LINE_TEXT + endings * 2
        for _ in range(600):
            text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(0, 12)))
            expected = _plain_line_bounds(text)
            source = SourceText(text)
            assert source.line_starts == [s for s, _, _ in expected], (kind, text)
            assert source.line_ends == [e for _, e, _ in expected], (kind, text)
            want = [Line(n, s, e, ns) for n, (s, e, ns) in enumerate(expected, 1)]
            for lines in (source.lines, split_lines(text)):
                assert lines == want and all(type(line) is Line for line in lines), (kind, text)


def test_footnote_markers_found_with_the_flags_are_those_found_without():
    """find_markers skips a line of a Latin-1 text whose flags hold no digit right after a non-space, non-digit: the
    markers are those the plain scan finds."""
    from eu_clasi_corpus.blocks import flow_lines
    from eu_clasi_corpus.footnotes import find_markers
    from eu_clasi_corpus.layout import analyse
    from eu_clasi_corpus.source import SourceText

    rnd = random.Random(31)
    words = ["Raad", "EU", "12", "3", " ", " ", "\n", "(a)", ")", "]", "\u00bb", "'", "\u00e9", "2023", "1/23", "-", "x7", "/4"]
    for _ in range(1500):
        text = "".join(rnd.choice(words) for _ in range(rnd.randrange(1, 20)))
        layout = analyse(SourceText(text))
        assert layout.char_flags is not None
        flow = flow_lines(layout)
        for defined in (set(), {"1", "3", "12"}):
            assert find_markers(flow, defined, layout.char_flags) == find_markers(flow, defined), repr(text)


def test_a_text_that_opens_with_a_digit_can_open_only_a_number_marker():
    """_match_marker tries only the number pattern on a text that opens with an ASCII digit."""
    from eu_clasi_corpus.blocks import MARKERS, find_marker

    rnd = random.Random(37)
    for _ in range(3000):
        text = rnd.choice("0123456789") + "".join(rnd.choice("ivx)(. 1a\t\u2022-") for _ in range(rnd.randrange(0, 8)))
        assert not any(p.match(text) for style, p in MARKERS if style != "number"), repr(text)
        m = MARKERS[0][1].match(text)
        found = find_marker(text, 5)
        assert (found is None) == (m is None) and (found is None or found.style == "number"), repr(text)


_WHITE_SPACE_RUN = regex.compile(r"\p{White_Space}+")


def _plain_collapse(text: str) -> str:
    """textnorm.collapse_space by its rule, with no split: each run of Unicode White_Space (not U+001C..U+001F, which
    str.split also splits on) is one space; the ends are trimmed of spaces and of U+001C..U+001F (collapse_space trims
    with str.strip, which takes those four for white space too)."""
    return _WHITE_SPACE_RUN.sub(" ", text).strip(" \x1c\x1d\x1e\x1f")


def test_collapsed_texts_are_those_of_the_white_space_rule():
    """collapse_space splits and joins a text without U+001C..U+001F, and a normaliser whose source has neither those
    nor a soft hyphen collapses by split and join alone: both give the texts of the rule (soft hyphens removed, for the
    normaliser), for sources with and without those characters."""
    from eu_clasi_corpus.model import Span
    from eu_clasi_corpus.textnorm import _SOFT, Normaliser, collapse_space

    rnd = random.Random(41)
    alphabet = ["ab", " ", "\n", "\t", "\u00a0", "\u2003", "\u3000", "\x85", "\x0b", "\u2028", "\u200b", "\u180e",
                "-\n", "x-", "\u00e9", "\x1c", "\x1d", "\x1e", "\x1f", _SOFT, "a\u00adb"]
    rare = {"\x1c", "\x1d", "\x1e", "\x1f", _SOFT, "a\u00adb"}
    plain_alphabet = [a for a in alphabet if a not in rare]
    for i in range(3000):
        text = "".join(rnd.choice(alphabet if i % 2 else plain_alphabet) for _ in range(rnd.randrange(0, 14)))
        assert collapse_space(text) == _plain_collapse(text), repr(text)
        norm = Normaliser(text)
        _, pieces, _ = norm._assemble([Span(start=0, end=len(text))], [])
        assert norm._collapsed(pieces) == _plain_collapse("".join(pieces).replace(_SOFT, "")), repr(text)
