"""The Latin-1 fast paths give what the general way gives (latin1.py)."""

from __future__ import annotations

import regex

from eu_clasi_corpus import latin1

EVERY_LATIN1 = "".join(chr(i) for i in range(256))
NOT_LATIN1 = "ÉTÉ İstanbul ΣΟΦΊΑ ſ \u212a"


def test_lower_is_str_lower():
    assert latin1.lower(EVERY_LATIN1) == EVERY_LATIN1.lower()
    assert latin1.lower(NOT_LATIN1) == NOT_LATIN1.lower()  # (not Latin-1: str.lower itself)


def test_ascii_lowered_lowers_a_to_z_alone_and_only_in_latin1():
    lowered = latin1.ascii_lowered(EVERY_LATIN1)
    assert lowered == "".join(c.lower() if "A" <= c <= "Z" else c for c in EVERY_LATIN1)
    assert latin1.ascii_lowered(NOT_LATIN1) is None


def test_char_flags_mark_what_regex_takes_for_digits_and_white_space():
    flags = latin1.char_flags(EVERY_LATIN1)
    for c, flag in zip(EVERY_LATIN1, flags):
        expected = b"d"[0] if regex.match(r"\d", c) else b"s"[0] if regex.match(r"\s", c) else 0
        assert flag == expected, repr(c)
    assert latin1.char_flags(NOT_LATIN1) is None
