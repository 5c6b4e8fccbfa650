"""Text normalisation: the one function that turns source spans into a node's ``text``.

Takes the source and a node's segments (plus the footnote-marker spans to take
out); gives the normalised text and the hyphenation decisions made on the way.
The rules, in order:

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

3. other soft hyphens are removed;
4. white space (including NBSP and line breaks) is collapsed to one space and trimmed.

Linear in the length of the segments; the lexicon is built once per source.
"""

from __future__ import annotations

from functools import cached_property

import regex

from .model import HyphenationDecision, Span

_LINE_END_HYPHEN = regex.compile(r"(?P<left>\p{L}[\p{L}\p{N}]*+)(?P<hyphen>[-\u00ad])[ \t\u00a0]*+(?:\r\n|\r|\n)\s*+(?P<right>\p{L}++)")
_SOFT = "\u00ad"
_WORD = regex.compile(r"\p{L}++")
_COMPOUND = regex.compile(r"\p{L}++(?:-\p{L}++)++")
_SPACE = regex.compile(r"\s++")


class Normaliser:
    """Normalises spans of one source; owns the lexicon used for hyphenation decisions."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def words(self) -> frozenset[str]:
        return frozenset(w.lower() for w in _WORD.findall(self.text))

    @cached_property
    def compounds(self) -> frozenset[str]:
        return frozenset(w.lower() for w in _COMPOUND.findall(self.text))

    def decide(self, left: str, hyphen: str, right: str) -> tuple[str, str]:
        """(decision, rule) for ``left`` + hyphen + line break + ``right``."""
        if hyphen == _SOFT:
            return "joined", "soft-hyphen"
        if right[:1].isupper():
            return "kept", "capital-after"
        if left[-1:].isupper() or left[-1:].isdigit():
            return "kept", "acronym-before"
        if (left + right).lower() in self.words:
            return "joined", "lexicon-joined"
        if f"{left}-{right}".lower() in self.compounds:
            return "kept", "lexicon-hyphenated"
        return "kept", "default-keep"

    def normalise(
        self, segments: list[Span], exclude: list[Span] | tuple[Span, ...] = ()
    ) -> tuple[str, list[HyphenationDecision]]:
        """Normalised text of ``segments`` (joined by a space) with ``exclude`` spans cut out."""
        text = self.text
        edits: list[tuple[int, int, str]] = [(s.start, s.end, "") for s in exclude]
        decisions: list[HyphenationDecision] = []
        for seg in segments:
            for m in _LINE_END_HYPHEN.finditer(text, seg.start, seg.end):
                left, right = m.group("left"), m.group("right")
                decision, rule = self.decide(left, m.group("hyphen"), right)
                h_start = m.start("hyphen")
                r_start = m.start("right")
                edits.append((h_start, r_start, "" if decision == "joined" else "-"))
                decisions.append(
                    HyphenationDecision(
                        span=Span(start=h_start, end=h_start + 1),
                        word=f"{left}{right}" if decision == "joined" else f"{left}-{right}",
                        decision=decision,
                        rule=rule,
                    )
                )
        edits.sort()
        pieces: list[str] = []
        first = 0  # edits and segments are both in source order: one sweep over each
        for seg in segments:
            pos = seg.start
            while first < len(edits) and edits[first][1] <= pos:
                first += 1
            index = first
            while index < len(edits) and edits[index][0] < seg.end:
                start, end, repl = edits[index]
                index += 1
                if end <= pos:
                    continue
                if start > pos:
                    pieces.append(text[pos:start])
                pieces.append(repl)
                pos = max(pos, end)
            if pos < seg.end:
                pieces.append(text[pos : seg.end])
            pieces.append(" ")
        joined = "".join(pieces).replace(_SOFT, "")
        return _SPACE.sub(" ", joined).strip(), decisions

    def text_of(self, segments: list[Span], exclude: list[Span] | tuple[Span, ...] = ()) -> str:
        return self.normalise(segments, exclude)[0]

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
