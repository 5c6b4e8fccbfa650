"""Fast paths for Latin-1 texts (most notes): one byte a character, so C-speed ``bytes`` methods answer with the
same offsets as the text.

Takes a ``str``; gives a lower-cased copy or per-character flags, or None when the text holds a character outside
Latin-1 (the caller then takes its general way).  Used by the layout (digit lines), the cut finder (white space
before a digit), the footnote markers (a digit after a character that is neither white space nor a digit),
language detection, the hyphenation lexicon and the REF validator (each computes what it needs from the text
itself: nothing is shared between the parser and the validators).
"""

from __future__ import annotations

# ``str.lower`` of each Latin-1 character, which is one Latin-1 character (else ``bytes`` would refuse it).
_LOWER = bytes(ord(chr(i).lower()) for i in range(256))

# Each byte of a Latin-1 text as b"d" for a decimal digit (``\d`` of the regex module: 0-9 only in Latin-1), b"s" for
# white space (``\s``: tab to CR, space, NEL, NBSP), else b"\0" (:func:`char_flags`).
_FLAGS = bytes(
    0x64 if 0x30 <= b <= 0x39 else 0x73 if b in (0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0) else 0 for b in range(256)
)


def as_bytes(text: str) -> bytes | None:
    """``text`` encoded as Latin-1, or None when it cannot be."""
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return None


def lower(text: str) -> str:
    """``text.lower()``, made as bytes (several times faster) when the text is Latin-1."""
    data = as_bytes(text)
    return text.lower() if data is None else data.translate(_LOWER).decode("latin-1")


def ascii_lowered(text: str) -> str | None:
    """``text`` with A-Z lowered and every other character kept, when it is Latin-1 (else None): as good as
    :func:`lower` for finding an ASCII word whatever its case, and faster still."""
    data = as_bytes(text)
    return None if data is None else data.lower().decode("latin-1")


def char_flags(text: str) -> bytes | None:
    """For a Latin-1 text, its characters as flags (:data:`_FLAGS`; one byte a character: the same offsets), in which
    a byte search finds digits (b"d") or a white space before a digit (b"sd", what ``\\s\\d`` matches) many times
    faster than a ``regex`` scan; None for another text."""
    data = as_bytes(text)
    return None if data is None else data.translate(_FLAGS)
