"""Text normalisation: the one function that turns source spans into a node's ``text``.

Takes the source and a node's segments (plus the footnote-marker spans to take
out); gives the normalised text and the hyphenation decisions made on the way,
and where source positions fall in that text (``offset_at`` for a footnote
anchor, ``positions`` for many at once: annotations).  The rules, in order:

1. footnote markers are removed (they live on as anchors);
2. a hyphen at a line end, between letters, is resolved by the first rule that applies:

   ``soft-hyphen``          U+00AD: always joined (it is invisible by definition);
   ``capital-after``        the next part starts with a capital (``Latijns-`` + ``Amerikaans``): kept;
   ``acronym-before``       the part before ends in a capital or digit (``EU-``, ``COSI-``): kept;
   ``lexicon-joined``       the joined word occurs elsewhere in the same source: joined;
   ``lexicon-hyphenated``   the hyphenated word occurs elsewhere inside a line: kept;
   ``default-keep``         otherwise kept: Council documents are typeset without automatic
                            hyphenation, so a printed hyphen is more likely part of the word, and
                            keeping a spurious hyphen loses less than deleting a real one;

   the same holds for a hyphen that ends a segment when the next segment starts with a word (a page
   break or footnote zone fell right after the hyphen): the segments are then joined without a space;
3. other soft hyphens are removed;
4. white space (including NBSP and line breaks) is collapsed to one space and trimmed.

Linear in the length of the segments; the lexicon and the line-end hyphen breaks are found once per source, and
the assembly of one set of segments (its decisions and pieces) once per normaliser.
"""

from __future__ import annotations

import bisect
from functools import cached_property
from itertools import accumulate

import re

import regex

from . import latin1
from .lazy_pattern import LazyPattern
from .model import HyphenationDecision, Span

_HYPHEN_BREAK = regex.compile(r"[-\u00ad][ \t\u00a0]*+(?:\r\n|\r|\n)\s*+(?=\p{L})")
# What can follow the hyphen of a line-end break (the start of :data:`_HYPHEN_BREAK` after the hyphen).
_AFTER_BREAK_HYPHEN = (" ", "\t", "\u00a0", "\r", "\n")
_RIGHT_WORD = regex.compile(r"\p{L}++")
_SOFT = "\u00ad"
# The first of these characters that the source does not hold marks positions while a text is assembled
# (:meth:`Normaliser.positions`); a source that holds all of them gets no positions (callers fall back).  A mark must
# not be white space (to ``str.split`` or the ``regex`` module), nor the soft hyphen.  C0 controls come first: a
# Latin-1 text with them stays a one-byte string, which the string methods scan faster than a text with a
# noncharacter or private-use character, the fallbacks.
_MARK_CANDIDATES = ("\x01", "\x02", "\x03", "\uffff", "\ufffe", "\U0010ffff", "\U0010fffe", "\ufdd0", "\ue000")
_WORDS = re.compile(r"[^\W\d_]+")
# The chains of words joined by hyphens.  A chain starts only where a word does (the look-behind) and its words are
# taken whole (possessive): what ``[^\W\d_]+(?:-[^\W\d_]+)+`` finds, without trying that again from every letter
# of every word and every shorter prefix of it, which made the lexicon of a 1 MB note take four times as long.
_COMPOUNDS = re.compile(r"(?<![^\W\d_])[^\W\d_]++(?:-[^\W\d_]++)+")


def _is_word_char(char: str) -> bool:
    """Whether ``re`` takes ``char`` for ``[^\\W\\d_]``, the character of a word of :data:`_WORDS`."""
    return char.isalnum() and not char.isdecimal()


_SPACE = LazyPattern(r"\s++")  # (needed only for a text with one of U+001C..U+001F)


def _has_information_separator(text: str) -> bool:
    """Whether ``text`` holds one of U+001C..U+001F, on which ``str.split()`` splits but ``regex``'s ``\\s`` does
    not (four substring tests: several times faster than a search for the character class)."""
    return "\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text


def collapse_space(text: str) -> str:
    """``text`` with each run of white space (Unicode White_Space) as one space, trimmed at both ends."""
    # Python's ``str.split()`` splits on Unicode white space (``regex``'s ``\s``) and on the C0 information
    # separators U+001C..U+001F.  A text without those four is collapsed by split-and-join, several times faster than
    # a regex.
    if not _has_information_separator(text):
        return " ".join(text.split())
    return _SPACE.sub(" ", text).strip()


_GLUE = "\x00"  # prefix of a replacement after which the segment is joined to the next without a space
# Up to this many look-ups search the text directly; after that the lexicon is built once (linear either way).
DIRECT_LOOKUPS = 8


def _end_of_run(text: str, at: int, char: str) -> int:
    """Where the run of ``char`` that starts at ``at`` ends; windows of doubling size keep it linear in the run."""
    size = 16
    while True:
        window = text[at : at + size]
        rest = len(window.lstrip(char))
        if rest or len(window) < size:
            return at + len(window) - rest
        at += size
        size *= 2


# A hyphenation decision before its record is made: (hyphen offset, left word, right word, decision, rule).
Decided = tuple[int, str, str, str, str]


def _record(h: int, left: str, right: str, decision: str, rule: str) -> HyphenationDecision:
    """The record of the decision on the line-end hyphen at ``h`` between ``left`` and ``right``."""
    return HyphenationDecision(
        span=Span(start=h, end=h + 1),
        word=f"{left}{right}" if decision == "joined" else f"{left}-{right}",
        decision=decision,  # type: ignore[arg-type]
        rule=rule,
    )


class Normaliser:
    """Normalises spans of one source; owns the lexicon used for hyphenation decisions."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lookups = 0
        # (segment bounds, excluded bounds) -> (decisions, pieces, places): a node's text is assembled for its text
        # and again for its positions (anchors, annotations); the assembly depends on those bounds alone
        self._assembled: dict[tuple, tuple[list[Decided], list[str], list[tuple[int, int, bool]]]] = {}

    @cached_property
    def _mark(self) -> str | None:
        return next((c for c in _MARK_CANDIDATES if c not in self.text), None)

    @cached_property
    def _lower(self) -> str:
        return self.text.lower()

    @cached_property
    def _ascii_lowered(self) -> str | None:
        """The text with A-Z lowered, when it is Latin-1 (else None): several times faster to make than
        :attr:`_lower`, and as good for an ASCII item (see :meth:`_occurs_in_text`)."""
        return latin1.ascii_lowered(self.text)

    @cached_property
    def words(self) -> frozenset[str]:
        return frozenset(_WORDS.findall(self._lower))

    @cached_property
    def compounds(self) -> frozenset[str]:
        # A chain holds no white space and at least one hyphen: it lies in one of the pieces between white space
        # that hold a hyphen, which are searched alone (joined by spaces: what stands around a chain stays no letter)
        return frozenset(_COMPOUNDS.findall(" ".join(piece for piece in self._lower.split() if "-" in piece)))

    def _occurs(self, item: str, lexicon: str) -> bool:
        """Whether ``item`` (lower case) is in the lexicon ``words`` or ``compounds`` of the text.

        The first few look-ups search the text (:meth:`_occurs_in_text`) instead of building the lexicon; both ways
        give the same answer, so which one answers a look-up does not change any decision.
        """
        self._lookups += 1
        if self._lookups > DIRECT_LOOKUPS or lexicon in self.__dict__:
            return item in getattr(self, lexicon)
        return self._occurs_in_text(item, lexicon)

    def _occurs_in_text(self, item: str, lexicon: str) -> bool:
        """``item in getattr(self, lexicon)``, by string search: ``item`` is a word (a compound) of the lexicon when
        it is one (:data:`_WORDS`, :data:`_COMPOUNDS`) and stands in the text with no word character on either side
        (a compound: nor a hyphen that goes on with a word, as the lexicon's compounds are the longest chains)."""
        chain = lexicon == "compounds"
        if not (_COMPOUNDS if chain else _WORDS).fullmatch(item):
            return False
        # A Latin-1 text lowers one character to one, and only A-Z lower to ASCII letters (beyond Latin-1, only U+0130
        # and U+212A do): an ASCII item stands in the text with A-Z lowered exactly where it stands in text.lower(),
        # and the characters around it are word characters (or hyphens) in both alike.
        lower = (self._ascii_lowered if item.isascii() else None) or self._lower
        at = lower.find(item)
        while at != -1:
            end = at + len(item)
            before = lower[at - 1] if at else " "
            after = lower[end] if end < len(lower) else " "
            if not (_is_word_char(before) or _is_word_char(after)):
                if not chain or not (
                    (before == "-" and at > 1 and _is_word_char(lower[at - 2]))
                    or (after == "-" and end + 1 < len(lower) and _is_word_char(lower[end + 1]))
                ):
                    return True
            at = lower.find(item, at + 1)
        return False

    def decide(self, left: str, hyphen: str, right: str) -> tuple[str, str]:
        """(decision, rule) for ``left`` + hyphen + line break + ``right``."""
        if hyphen == _SOFT:
            return "joined", "soft-hyphen"
        if right[:1].isupper():
            return "kept", "capital-after"
        if left[-1:].isupper() or left[-1:].isdigit():
            return "kept", "acronym-before"
        if self._occurs((left + right).lower(), "words"):
            return "joined", "lexicon-joined"
        if self._occurs(f"{left}-{right}".lower(), "compounds"):
            return "kept", "lexicon-hyphenated"
        return "kept", "default-keep"

    @cached_property
    def _breaks(self) -> tuple[list[int], list[int]]:
        """Starts and ends of the line-end hyphen breaks (:data:`_HYPHEN_BREAK`) in the whole source, in order.

        Found once per source: the breaks inside a span are those that start in it and end before its end (the
        letter after a break must be in the span too), which is what a search bounded by the span finds.  The
        pattern is tried only at a hyphen followed by what can follow it in a break: a string search finds
        those several times faster than the pattern's own scan (breaks never overlap, so none is missed).
        """
        text = self.text
        found: list[tuple[int, int]] = []
        for hyphen in "-\u00ad":
            at = text.find(hyphen)
            while at != -1:
                if text.startswith(hyphen, at + 1):  # a run (a rule of hyphens): only its last one can start a break
                    at = _end_of_run(text, at, hyphen) - 1
                if text.startswith(_AFTER_BREAK_HYPHEN, at + 1) and (m := _HYPHEN_BREAK.match(text, at)) is not None:
                    found.append((at, m.end()))
                at = text.find(hyphen, at + 1)
        found.sort()
        return [start for start, _ in found], [end for _, end in found]

    def _line_end_hyphens(self, seg: Span):
        """(hyphen offset, left word, hyphen char, right word start, right word) for each break in ``seg``."""
        text = self.text
        starts, ends = self._breaks
        k = bisect.bisect_left(starts, seg.start)
        # breaks do not overlap: once one ends at or after the span's end, no later one ends before it
        while k < len(starts) and ends[k] < seg.end:
            h = starts[k]
            left = self._word_before(h, seg.start)
            rm = _RIGHT_WORD.match(text, ends[k], seg.end)
            if left and rm is not None:
                yield h, left, text[h], rm.start(), rm.group()
            k += 1

    def _word_before(self, h: int, floor: int) -> str:
        """The word that ends at the hyphen at ``h`` (not before ``floor``); it starts with a letter ("2023-" is no word)."""
        text = self.text
        i = h
        while i > floor and text[i - 1].isalnum():
            i -= 1
        while i < h and not text[i].isalpha():
            i += 1
        return text[i:h]

    def _replacement(self, h: int, left: str, right: str, decided: list[Decided]) -> str:
        """The replacement for the hyphen at ``h``; the decision is added to ``decided``."""
        decision, rule = self.decide(left, self.text[h], right)
        decided.append((h, left, right, decision, rule))
        return "" if decision == "joined" else "-"

    def _edits(self, segments: list[Span], exclude) -> tuple[list[tuple[int, int, str]], list[Decided]]:
        """The replacements to make in ``segments`` (exclusions, line-end hyphens), sorted, and the decisions
        made on the way as ``(hyphen offset, left, right, decision, rule)`` (:func:`_record` makes the records)."""
        edits: list[tuple[int, int, str]] = [(s.start, s.end, "") for s in exclude]
        decided: list[Decided] = []
        for seg in segments:
            for h_start, left, _, r_start, right in self._line_end_hyphens(seg):
                edits.append((h_start, r_start, self._replacement(h_start, left, right, decided)))
        # A hyphen that ends a segment, before the next segment's first word (a page break or footnote zone fell
        # right after it), is decided the same way; the two segments are then joined without a space.
        text = self.text
        for a, b in zip(segments, segments[1:]):
            h = a.end - 1
            if h <= a.start or text[h] not in "-\u00ad" or not text[h - 1].isalpha():
                continue
            rm = _RIGHT_WORD.match(text, b.start, b.end)
            left = self._word_before(h, a.start)
            if rm is None or not left:
                continue
            edits.append((h, a.end, _GLUE + self._replacement(h, left, rm.group(), decided)))
        edits.sort()
        return edits, decided

    def _pieces(
        self, segments: list[Span], edits: list[tuple[int, int, str]]
    ) -> tuple[list[str], list[tuple[int, int, bool]]]:
        """The pieces whose texts joined are the text before white space is collapsed (source text, replacements,
        and one space after each segment), and the ``(source start, source end, verbatim)`` place of each."""
        text = self.text
        pieces: list[str] = []
        places: list[tuple[int, int, bool]] = []
        first = 0  # edits and segments are both in source order: one sweep over each
        for seg in segments:
            pos = seg.start
            while first < len(edits) and edits[first][1] <= pos:
                first += 1
            index = first
            glued = False  # the segment ends with a hyphen decided across the break: no joining space
            while index < len(edits) and edits[index][0] < seg.end:
                start, end, repl = edits[index]
                index += 1
                if end <= pos:
                    continue
                if start > pos:
                    pieces.append(text[pos:start])
                    places.append((pos, start, True))
                if repl.startswith(_GLUE):
                    glued, repl = True, repl[len(_GLUE) :]
                pieces.append(repl)
                places.append((start, end, False))
                pos = max(pos, end)
            if pos < seg.end:
                pieces.append(text[pos : seg.end])
                places.append((pos, seg.end, True))
            pieces.append("" if glued else " ")
            places.append((seg.end, seg.end, False))
        return pieces, places

    def _assemble(
        self, segments: list[Span], exclude: list[Span] | tuple[Span, ...]
    ) -> tuple[list[Decided], list[str], list[tuple[int, int, bool]]]:
        """The decisions, pieces and places (:meth:`_edits`, :meth:`_pieces`) of ``segments`` without ``exclude``;
        made once for each such pair of bounds (the caller must not change the lists)."""
        key = (tuple([(s.start, s.end) for s in segments]), tuple([(e.start, e.end) for e in exclude]))
        assembled = self._assembled.get(key)
        if assembled is None:
            edits, decided = self._edits(segments, exclude)
            assembled = self._assembled[key] = (decided, *self._pieces(segments, edits))
        return assembled

    def normalise(
        self, segments: list[Span], exclude: list[Span] | tuple[Span, ...] = ()
    ) -> tuple[str, list[HyphenationDecision]]:
        """Normalised text of ``segments`` (joined by a space) with ``exclude`` spans cut out."""
        decided, pieces, _ = self._assemble(segments, exclude)
        return self._collapsed(pieces), [_record(*d) for d in decided]

    @cached_property
    def _plain(self) -> bool:
        """Whether the source holds no soft hyphen and none of U+001C..U+001F: then no text of it has one, and
        :meth:`_collapsed` neither removes soft hyphens nor looks for those four (one look at the source instead)."""
        text = self.text
        return _SOFT not in text and not _has_information_separator(text)

    def _collapsed(self, pieces: list[str]) -> str:
        """The text of ``pieces`` joined, soft hyphens removed and white space collapsed (:func:`collapse_space`)."""
        if self._plain:
            return " ".join("".join(pieces).split())
        return collapse_space("".join(pieces).replace(_SOFT, ""))

    def positions(
        self, segments: list[Span], exclude: list[Span] | tuple[Span, ...], points: list[int], text: str | None = None
    ) -> list[int] | None:
        """Where each source position of ``points`` (ascending) falls in ``text_of(segments, exclude)``.

        One pass over the segments, whatever the number of points: a mark (a character the source does not
        hold) is put at each point while the text is assembled, the text is normalised as usual, and the
        marks' places are read off.  A point on the border of two pieces goes with the piece before it (the
        end of a word, not after the cut-out marker that follows); a point inside a cut-out span or a
        decided line-end hyphen goes after it; a point between segments goes after their joining space.
        Gives None when the positions cannot be told (the source holds every mark candidate, or a mark stands
        inside white space and would keep it from collapsing), or when the text is not ``text`` (the node's
        normalised text, when the caller has it; else it is normalised here): callers then know no position.
        """
        mark = self._mark
        if mark is None:
            return None
        _, pieces, places = self._assemble(segments, exclude)
        parts: list[str] = []
        i, n = 0, len(points)
        for piece, (start, end, verbatim) in zip(pieces, places):
            while i < n and points[i] < start:
                parts.append(mark)
                i += 1
            if not verbatim:
                parts.append(piece)
                while i < n and points[i] <= end and start < end:
                    parts.append(mark)
                    i += 1
                continue
            pos = start
            while i < n and points[i] <= end:
                parts.append(piece[pos - start : points[i] - start])
                parts.append(mark)
                pos = points[i]
                i += 1
            parts.append(piece[pos - start :])
        parts.append(mark * (n - i))
        # the text between the marks: each mark's place in the text without them is the length before it
        between = self._collapsed(parts).split(mark)
        if len(between) != n + 1 or "".join(between) != (self.text_of(segments, exclude) if text is None else text):
            return None
        return list(accumulate(map(len, between[:-1])))

    def text_of(self, segments: list[Span], exclude: list[Span] | tuple[Span, ...] = ()) -> str:
        """The normalised text alone (:meth:`normalise` without making the decisions' records)."""
        return self._collapsed(self._assemble(segments, exclude)[1])

    def offset_at(self, segments: list[Span], exclude: list[Span] | tuple[Span, ...], at: int) -> int:
        """Index in ``text_of(segments, exclude)`` where source position ``at`` falls.

        The source is normalised up to ``at`` (segments cut there, the spans of ``exclude`` before it taken
        out) and the length of that prefix is the index.  When the cut changes a decision the whole text
        makes (a line-end hyphen right before ``at``), the index is where the prefix and the whole text
        stop agreeing, so it never points past the text.
        """
        clipped = [Span(start=s.start, end=min(s.end, at)) for s in segments if s.start < at]
        before = [e for e in exclude if e.start < at]
        prefix = self.text_of(clipped, before)
        whole = self.text_of(segments, exclude)
        if whole.startswith(prefix):
            return len(prefix)
        agree = 0
        for a, b in zip(prefix, whole):
            if a != b:
                break
            agree += 1
        return agree
