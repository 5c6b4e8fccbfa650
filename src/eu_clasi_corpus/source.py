"""Stage 0, the source: bytes in, decoded text plus a line index out.

Takes the raw bytes of a file (or a ``str``), gives a :class:`SourceText` that
owns the text every span points into, its lines (with their offsets and line
endings; the bounds of each line are found at once, its :class:`Line` made when
first asked for) and offset → ``line:col`` conversion.  The text is never normalised:
CRLF and CR line endings, NBSP and soft hyphens stay where they are, and later
stages deal with them.

Decoding rules (the input layer):

1. a BOM (UTF-8, UTF-32, UTF-16) decides the encoding and is not part of the text;
2. otherwise the bytes must be strict UTF-8;
3. otherwise charset-normalizer guesses; a confident guess decodes with an
   ``ENC`` warning, anything else is refused with :class:`InputError`.

Binary input (NUL bytes, or mostly control characters) is refused.
"""

from __future__ import annotations

import bisect
import codecs
import hashlib
import re
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_CHAOS = 0.2  # charset-normalizer's mess ratio above which a guess is refused
PREFERRED_LEGACY_ENCODINGS = ("cp1252", "iso8859_15", "latin_1", "cp1250", "iso8859_2", "cp1257", "cp1253", "cp1251")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class InputError(Exception):
    """The input cannot be used at all (exit code 2 in the CLI)."""


class Line(NamedTuple):
    """One physical line: ``[start, end)`` is its text, ``[end, next_start)`` its line ending.

    A named tuple, not a frozen dataclass: a source has one per line, and a tuple is made in half the time."""

    number: int  # 1-based
    start: int
    end: int
    next_start: int

    def text(self, source: str) -> str:
        return source[self.start : self.end]


class SourceText:
    """The decoded text of one source with a line index.  All spans point into ``text``.

    (A plain class with slots: a dataclass costs more to define, at every start of the command line.)"""

    __slots__ = ("text", "name", "sha256", "encoding", "decode_warnings", "_line_starts", "_line_ends", "_lines")

    def __init__(
        self, text: str, name: str = "<string>", sha256: str = "", encoding: str = "utf-8",
        decode_warnings: list[str] | None = None,
    ) -> None:
        self.text = text
        self.name = name
        self.sha256 = sha256
        self.encoding = encoding
        self.decode_warnings: list[str] = [] if decode_warnings is None else decode_warnings
        if not self.sha256:
            # (a str may hold lone surrogates, which no file decoded as UTF-8 does: hashed as they are)
            self.sha256 = hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()
        text = self.text
        if "\r" not in text:
            self._line_starts, self._line_ends = _bounds_lf(text)
            self._lines = None
        else:
            lines = self._lines = _split_any(text)
            self._line_starts, self._line_ends = [line.start for line in lines], [line.end for line in lines]

    def __repr__(self) -> str:
        return f"SourceText(name={self.name!r}, encoding={self.encoding!r}, length={len(self.text)})"

    @property
    def lines(self) -> list[Line]:
        """The physical lines (:func:`split_lines`), made when first asked for: the parser reads only their bounds
        (:attr:`line_starts`, :attr:`line_ends`)."""
        if self._lines is None:
            self._lines = _lines_of(self._line_starts, self._line_ends, len(self.text))
        return self._lines

    @property
    def line_starts(self) -> list[int]:
        """The start offset of each line, ascending (do not modify)."""
        return self._line_starts

    @property
    def line_ends(self) -> list[int]:
        """The end offset of each line's text (where its line ending starts), ascending (do not modify)."""
        return self._line_ends

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of ``offset``."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect.bisect_right(self._line_starts, offset) - 1
        index = max(index, 0)
        return index + 1, offset - self._line_starts[index] + 1

    @property
    def newline(self) -> str:
        """The line ending the text uses: ``LF``, ``CRLF``, ``CR``, ``mixed`` or ``none``."""
        text = self.text
        crlf = text.count("\r\n")  # the line ends, as split_lines reads them: CR LF is one ending
        kinds = {kind for kind, n in (("CRLF", crlf), ("CR", text.count("\r") - crlf), ("LF", text.count("\n") - crlf)) if n}
        if not kinds:
            return "none"
        return kinds.pop() if len(kinds) == 1 else "mixed"


# The most recent SourceText the parser built: validating right after parsing (the usual order) reuses its
# line index instead of splitting the same text again.  Identity (`is`) of the text decides; one entry only.
_recent: list[SourceText | None] = [None]


def remember(source: SourceText) -> None:
    _recent[0] = source


def recent(text: str) -> SourceText | None:
    """The remembered SourceText if it owns exactly this ``str`` object, else None."""
    source = _recent[0]
    return source if source is not None and source.text is text else None


def split_lines(text: str) -> list[Line]:
    """Split on LF, CRLF and CR (only those: form feeds and Unicode separators stay inside lines)."""
    return _lines_of(*_bounds_lf(text), len(text)) if "\r" not in text else _split_any(text)


def _split_any(text: str) -> list[Line]:
    """The general split: a walk from line ending to line ending (LF, CRLF or CR)."""
    lines: list[Line] = []
    start = 0
    n = len(text)
    number = 1
    find_lf = text.find
    while start <= n:
        lf = find_lf("\n", start)
        cr = find_lf("\r", start, lf if lf != -1 else n)
        if cr != -1:
            end = cr
            next_start = cr + 2 if cr + 1 < n and text[cr + 1] == "\n" else cr + 1
        elif lf != -1:
            end, next_start = lf, lf + 1
        else:
            if start < n or not lines:
                lines.append(Line(number, start, n, n))
            break
        lines.append(Line(number, start, end, next_start))
        number += 1
        start = next_start
        if start == n:
            break
    return lines


def _bounds_lf(text: str) -> tuple[list[int], list[int]]:
    """The start and end offsets of the lines of a text without CR, by one split on LF: the offsets come from the
    parts' lengths in one pass (``accumulate``)."""
    parts = text.split("\n")
    last = parts.pop()  # the text after the last LF ("" when the text ends with one)
    starts = list(accumulate((len(part) + 1 for part in parts), initial=0))  # of each line, and after the last LF
    ends = [start - 1 for start in starts[1:]]
    if last or not ends:  # text after the last LF, or an empty text (one empty line)
        ends.append(len(text))
    else:
        starts.pop()
    return starts, ends


def _lines_of(starts: list[int], ends: list[int], length: int) -> list[Line]:
    """The lines whose texts are ``[starts[i], ends[i])`` in a text of ``length``: each line's ending runs to the next
    start (the last one's to the end)."""
    next_starts = starts[1:] + [length]
    return [Line(number, *bounds) for number, bounds in enumerate(zip(starts, ends, next_starts), start=1)]


def decode_bytes(data: bytes, *, name: str = "<bytes>") -> SourceText:
    """Decode ``data`` by the rules in the module docstring; raise :class:`InputError` if unusable."""
    sha = hashlib.sha256(data).hexdigest()
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode("utf-8" if codec == "utf-8-sig" else codec)
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: starts with a {codec} byte-order mark but does not decode: {exc.reason}") from None
            # UTF-8: keep U+FEFF so that spans agree with open(path, encoding="utf-8", newline="").
            # UTF-16/32: the BOM is not part of any UTF-8 reading; spans point into the decoded text.
            if codec != "utf-8-sig" and text.startswith("\ufeff"):
                text = text[1:]
            _refuse_binary(text, name)
            label = {"utf-8-sig": "utf-8 (BOM)", "utf-16": "utf-16 (BOM)", "utf-32": "utf-32 (BOM)"}[codec]
            return SourceText(text, name=name, sha256=sha, encoding=label)
    if b"\x00" in data:
        raise InputError(f"{name}: binary input (contains NUL bytes); expected the text of a Council document")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text, encoding = _detect(data, name)
        _refuse_binary(text, name)
        source = SourceText(text, name=name, sha256=sha, encoding=encoding)
        source.decode_warnings.append(f"not valid UTF-8; decoded as {encoding} (detected)")
        return source
    _refuse_binary(text, name)
    return SourceText(text, name=name, sha256=sha, encoding="utf-8")


def _detect(data: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None or best.encoding is None or best.chaos > MAX_CHAOS:
        raise InputError(
            f"{name}: not UTF-8 and the encoding could not be detected with confidence; "
            "convert it to UTF-8 (e.g. iconv -f cp1252 -t utf-8)"
        )
    # Ties are common between the Windows code pages (cp1250 and cp1252 read Dutch equally well):
    # among the equally good candidates, take the one most used for EU-language text.
    tied = [r for r in results if r.chaos <= best.chaos and r.coherence >= best.coherence - 0.01]
    for preferred in PREFERRED_LEGACY_ENCODINGS:
        for r in tied:
            if r.encoding == preferred:
                return str(r), r.encoding
    return str(best), best.encoding


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")  # C0 controls other than tab, line feed, vertical tab, form feed, CR


def _refuse_binary(text: str, name: str) -> None:
    if "\x00" in text:
        raise InputError(f"{name}: binary input (contains NUL characters)")
    sample = text[:65536]
    if sample:
        control = len(_CONTROL.findall(sample))
        if control / len(sample) > 0.1:
            raise InputError(f"{name}: binary input (mostly control characters)")


def read_source(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read and decode a file; never modifies it.  Raises :class:`InputError` for unusable input."""
    p = Path(path)
    if str(path) == "-":
        import sys

        data = sys.stdin.buffer.read(max_bytes + 1)
        name = "<stdin>"
    else:
        if not p.exists():
            raise InputError(f"{p}: no such file")
        if p.is_dir():
            raise InputError(f"{p}: is a directory; expected a text file")
        try:
            size = p.stat().st_size
            if size > max_bytes:
                raise InputError(f"{p}: {size} bytes is over the limit of {max_bytes} bytes (raise it with --max-bytes)")
            with p.open("rb") as fh:
                data = fh.read(max_bytes + 1)
        except PermissionError:
            raise InputError(f"{p}: permission denied") from None
        except OSError as exc:
            raise InputError(f"{p}: cannot read: {exc.strerror or exc}") from None
        name = str(p)
    if len(data) > max_bytes:
        raise InputError(f"{name}: input is over the limit of {max_bytes} bytes (raise it with --max-bytes)")
    return decode_bytes(data, name=name)
