"""Stage 1b, furniture: site wrappers, page footers, running headers and separators → classified furniture.

Takes a :class:`~eu_clasi_corpus.layout.Layout` (after :func:`~eu_clasi_corpus.layout.analyse`);
marks whole lines as ``furniture`` and records *inline* furniture (a footer
glued into a flattened line, a page-number prefix) in ``layout.inline_furniture``
(line index → spans), adding a :class:`~eu_clasi_corpus.model.Furniture` for
each.  Nothing is dropped: every piece is kept with its kind and span.

* **Site wrappers** come from the data table ``wrappers.json`` (blocks, whole
  lines, inline spans; see its ``about``); no site is a branch in code.
* **Page footers** follow the footer grammar of the conventions reference
  (section 1.5): a Council document number (or its tail ``/YY ...`` when the
  extraction lost the start) followed by footer tokens (typist initials, unit
  code, page number, ``LIMITE``, language code), either inline in a line or one
  token per line.  A footer needs initials, a unit or a page number (or is a
  number line followed by a lone language-code line), so that the header's own
  number line (``10706/07 ADD 2`` then ``SIRIS 109``) is never taken for one.
* **Separators**: ``o o o`` / ``* * *`` on one line or one mark per line.

Guarantees: furniture spans never overlap; a line is either whole furniture or
keeps its kind with inline spans cut out of it.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from itertools import accumulate, repeat
from typing import NamedTuple

import regex

from .layout import Layout, LayoutLine, lines_matching
from .lazy_pattern import LazyPattern
from .model import Furniture, Span

_DOCREF = r"(?:(?:EUCO|PE-CONS|CM|CONV|ST)[ ])?\d{1,5}(?:/\d{1,2})?/\d{2}(?:[ ](?:REV|ADD|COR|DCL)[ ]\d{1,2})*"
_TAIL_REF = r"/\d{2}(?:[ ](?:REV|ADD|COR|DCL)[ ]\d{1,2})*"
# Footer tokens, each with its role.  Units: old DG codes, cabinet/registry codes, new directorate codes.
# Each token must end at white space or the line end (a lookahead, so that the alternatives can backtrack); the
# patterns are compiled once, with it, when a footer candidate first needs them (most notes have no page footers).
_TOKENS: list[tuple[str, LazyPattern]] = [
    (role, LazyPattern(rf"(?:{pattern})(?=\s|$)"))
    for role, pattern in [
        ("initials", r"\p{L}{0,4}(?:/\p{L}{1,4})+"),
        ("initials_short", r"[a-z]{2,3}"),
        ("unit", r"DG[ ]?[A-H](?:[ ]?\d[A-Z]?|[ ][IVX]+)?(?:[ ]\d?[A-Z])?|DQPG|DPG|GIP(?:\.\d|[ ]\d[A-Z])?|CAB|GSC(?:\.[A-Z0-9]+)+|[A-Z]{2,5}\.\d[A-Z]?|Conseil[ ]UE"),
        ("page", r"\d{1,3}"),
        ("marking", r"LIMITE|RESTREINT[ ]UE"),
        ("language", r"(?:[A-Z]\ufffd?[A-Z]?)(?:/[A-Z]{2})?"),
    ]
]
FOOTER_START = regex.compile(rf"(?<![\p{{L}}\p{{N}}/])(?:{_DOCREF}|(?<=\s|^){_TAIL_REF})(?![\p{{N}}/])")
SEPARATOR_LINE = LazyPattern(r"^(?:[o*](?:[ ]+[o*]){2})$")
SEPARATOR_MARK = LazyPattern(r"^[o*]$")
MAX_FOOTER_TOKENS = 9


class Wrapper(NamedTuple):
    """One row of ``wrappers.json`` (a named tuple: immutable, cheaper to define than a dataclass).  Its patterns
    are :class:`LazyPattern` objects (or compiled patterns: anything with ``pattern`` and ``search``)."""

    name: str
    kind: str
    furniture: str
    pattern: LazyPattern | regex.Pattern | None = None
    start: LazyPattern | regex.Pattern | None = None
    end: LazyPattern | regex.Pattern | None = None
    requires: LazyPattern | regex.Pattern | None = None
    after: str | None = None


@cache
def wrappers() -> tuple[Wrapper, ...]:
    """The wrapper table from ``wrappers.json``, each pattern compiled when first used."""
    raw = json.loads(resources.files(__package__).joinpath("wrappers.json").read_text(encoding="utf-8"))
    out = []
    for w in raw["wrappers"]:
        c = lambda key: LazyPattern(w[key]) if w.get(key) else None  # noqa: E731
        out.append(Wrapper(name=w["name"], kind=w["kind"], furniture=w["furniture"], pattern=c("pattern"),
                           start=c("start"), end=c("end"), requires=c("requires"), after=w.get("after")))
    return tuple(out)


# Which lines can a wrapper pattern match?  Most wrapper patterns are anchored at the line start (``^Transcript$``,
# :func:`_anchored`): these are matched in each line together, as one alternation, which fails fast on a line they
# cannot match; on the few lines where it matches, it tells which pattern matched first, and the alternation of the
# patterns after that one is matched next, until none is left (so each pattern's lines are known without compiling
# it; the order of the alternatives, :func:`_chain_order`, keeps that chain short on ordinary lines).
# Each other pattern (``Folketingets Europaudvalg``) is searched once in all line contents joined by "\n" under
# MULTILINE (``^`` and ``$`` then hold at the ends of each line), where the engine looks for its literal start quickly:
# a match inside one line's content is a match in the joined text too, at the same place, unless the pattern uses a
# construct that can tell the two apart: a negative lookaround or an anchor of the whole string (\A \Z \z \G) that
# sees past the line, an atomic group or possessive quantifier that cannot give back a "\n" it took, inline flags,
# back-references.  A pattern with any of these (found conservatively, by the text pattern below) is searched line by
# line.  A hit only makes a line a candidate for that pattern: the wrapper's own search in the line decides.
_NOT_JOINABLE = regex.compile(r"\(\?(?![:=]|<=|P?<\w)|[*+?]\+|\{\d*,?\d*\}\+|\\[AZzG1-9g]")
# A pattern that cannot safely be OR-ed with others (global inline flags, back-references).
_NOT_COMBINABLE = regex.compile(r"\(\?[a-zA-Z]+\)|\(\?P=|\\[1-9]|\\g<")
_ALTERNATIVE = "_wrapper_pattern_"  # + the index: the name of the group of each alternative of the alternation


class _Scans:
    """The wrapper patterns, by how their candidate lines are found (see above); a plain class with slots."""

    __slots__ = ("at_line_start", "by_line", "joined", "_alternations")

    def __init__(self, at_line_start: list[str], by_line: list[str], joined: list[str]) -> None:
        self.at_line_start = at_line_start  # matched as one alternation (:meth:`alternation`)
        self.by_line = [(p, regex.compile(p)) for p in by_line]  # searched in each line
        self.joined = [(p, regex.compile("(?m)" + p)) for p in joined]  # searched once in the joined lines
        self._alternations: dict[int, regex.Pattern] = {}

    def alternation(self, first: int) -> regex.Pattern:
        """The at-line-start patterns from index ``first`` on, as one alternation (compiled when first asked for).
        Each alternative ends with an empty group named for its pattern: reached only once the pattern has matched,
        it is the last group closed, so ``lastgroup`` tells which pattern matched, and costs nothing on a line that
        none matches (a group around each whole pattern would make the engine several times slower there).  Each
        pattern is anchored at the start, so ``match`` finds what ``search`` would."""
        pattern = self._alternations.get(first)
        if pattern is None:
            pattern = self._alternations[first] = regex.compile(
                "|".join(f"(?:{self.at_line_start[k]})(?P<{_ALTERNATIVE}{k}>)" for k in range(first, len(self.at_line_start)))
            )
        return pattern

    def line_start_matches(self, content: str, m: regex.Match) -> list[str]:
        """The at-line-start patterns that match ``content``, given the match ``m`` of the whole alternation on it:
        the pattern that matched, then those that the alternation of the patterns after it finds, and so on (an
        alternation reports the first of its alternatives that matches; as each is anchored at the start, one that
        fails there fails everywhere)."""
        at_line_start = self.at_line_start
        found: list[str] = []
        while m is not None:
            k = int(m.lastgroup[len(_ALTERNATIVE) :])
            found.append(at_line_start[k])
            m = self.alternation(k + 1).match(content) if k + 1 < len(at_line_start) else None
        return found


def _anchored(pattern: str) -> bool:
    """Whether ``pattern`` can match only at the start of a line's content: it opens with ``^`` (not made optional by
    a quantifier) and has no ``|`` outside parentheses (``^a|b`` finds ``b`` anywhere).  Conservative: escapes and
    sets are skipped, any ``|`` inside a group is taken as inside, and a ``[`` inside a set (a POSIX class such as
    ``[[:alpha:]]``, a nested set) makes the pattern count as not anchored, since where that set ends is not read."""
    if not pattern.startswith("^") or pattern[1:2] in ("?", "*", "+", "{"):
        return False
    depth, i, in_set = 0, 1, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_set:
            if char == "[":
                return False
            in_set = char != "]"
        elif char == "[":
            in_set = True
            i += 1 + (pattern[i + 1 : i + 2] == "^")
            i += pattern[i : i + 1] == "]"  # a "]" first in a set is a member
            continue
        elif pattern.startswith("(?#", i):  # a comment runs to the first ")"
            end = pattern.find(")", i)
            i = len(pattern) if end < 0 else end + 1
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth <= 0:
            return False
        i += 1
    return True


def _chain_order(pattern: str) -> tuple[int, int]:
    """Where an at-line-start pattern goes in the alternation (for speed only: any order finds the same lines).  One
    that opens with a literal character comes first (in table order): those rarely match ordinary text.  The others
    follow, the longest first: a short pattern without a literal opening (``^\\d{1,3}(?= \\S)``, a number before
    text, as in every footnote line) is the likeliest to match a line of the note, and as the last alternative it ends
    the chain there, with no further alternation to compile."""
    if pattern[1:2] not in _META:
        return (0, 0)
    return (1, -len(pattern))


_META = "\\([.|?*+{$"  # characters that open something other than a literal (and the empty string)


def _all_patterns() -> tuple[str, ...]:
    """The text of every pattern of the wrapper table, once each, in table order."""
    return tuple(dict.fromkeys(p.pattern for w in wrappers() for p in (w.pattern, w.start, w.end, w.requires) if p is not None))


@cache
def _pattern_groups(table: tuple[Wrapper, ...]) -> tuple[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    """The patterns of ``table`` that every text needs the candidate lines of, and the others, each group with the
    ``requires`` pattern it waits for: a block's start and end matter only when the block's own ``requires`` has a
    candidate line (:func:`_mark_wrappers` passes the block by otherwise), which few texts have; so does an inline
    pattern that applies only after blocks of one name (``after``) when all of those blocks require the same."""
    requires_of_name: dict[str, set[str | None]] = {}  # block name -> the requires patterns of its blocks (None: none)
    for w in table:
        if w.kind == "block":
            requires_of_name.setdefault(w.name, set()).add(w.requires.pattern if w.requires is not None else None)
    always: list[str] = []
    waiting: dict[str, list[str]] = {}
    for w in table:
        gate = None
        if w.kind == "block" and w.requires is not None:
            gate = w.requires.pattern
            always.append(gate)
            waiting.setdefault(gate, []).extend(p.pattern for p in (w.start, w.end) if p is not None)
        elif w.kind == "inline" and w.after is not None and len(gates := requires_of_name.get(w.after, ())) == 1:
            gate = next(iter(gates))
            if gate is not None:
                waiting.setdefault(gate, []).append(w.pattern.pattern)
        if gate is None:
            always.extend(p.pattern for p in (w.pattern, w.start, w.end, w.requires) if p is not None)
    first = tuple(dict.fromkeys(always))
    return first, tuple((gate, tuple(p for p in dict.fromkeys(ps) if p not in first)) for gate, ps in waiting.items())


@cache
def _candidate_scans(pats: tuple[str, ...]) -> _Scans:
    """The patterns ``pats`` (texts), sorted by how their candidate lines are found."""
    at_line_start = [p for p in pats if _anchored(p) and not _NOT_COMBINABLE.search(p)]
    others = [p for p in pats if p not in at_line_start]
    at_line_start.sort(key=_chain_order)
    return _Scans(
        at_line_start, [p for p in others if _NOT_JOINABLE.search(p)], [p for p in others if not _NOT_JOINABLE.search(p)]
    )


def _candidates_by_pattern(contents: list[str], patterns: tuple[str, ...] | None = None) -> dict[str, list[int]]:
    """For each wrapper pattern (its text; those of ``patterns``, or all), the indices (ascending) of the lines in
    which it may match: no other line needs a look with it."""
    scans = _candidate_scans(_all_patterns() if patterns is None else patterns)
    found: dict[str, set[int]] = {}
    if scans.at_line_start:
        first_scan = scans.alternation(0).match
        for i, c in enumerate(contents):
            if c and (m := first_scan(c)) is not None:
                for p in scans.line_start_matches(c, m):
                    found.setdefault(p, set()).add(i)
        m = first_scan("")
        blank_matches = scans.line_start_matches("", m) if m is not None else []  # blank lines have empty contents
        if blank_matches:
            blank = [i for i, c in enumerate(contents) if not c]
            for p in blank_matches:
                found.setdefault(p, set()).update(blank)
    for p, pattern in scans.by_line:
        found.setdefault(p, set()).update(i for i, c in enumerate(contents) if pattern.search(c))
    if scans.joined:
        joined = "\n".join(contents)
        starts = list(accumulate((len(c) + 1 for c in contents[:-1]), initial=0))  # each line + its "\n"
        for p, pattern in scans.joined:
            found.setdefault(p, set()).update(lines_matching(pattern, joined, starts))
    return {p: sorted(lines) for p, lines in found.items() if lines}


def mark_furniture(layout: Layout) -> None:
    """Classify wrappers, footers and separators in ``layout`` (see the module docstring)."""
    text = layout.source.text
    contents = layout.contents
    first, waiting = _pattern_groups(wrappers())
    candidates = _candidates_by_pattern(contents, first)
    later = tuple(dict.fromkeys(p for gate, pats in waiting if gate in candidates for p in pats))
    if later:  # (a text with a site wrapper's required line)
        candidates.update(_candidates_by_pattern(contents, later))
    block_ends = _mark_wrappers(layout, text, contents, candidates)
    _mark_footers(layout, text)
    _mark_separators(layout, text)
    _mark_inline_wrappers(layout, text, contents, block_ends, candidates)
    layout.furniture.sort(key=lambda f: (f.span.start, f.span.end))


def _whole(layout: Layout, ll: LayoutLine, kind: str, text: str) -> None:
    ll.kind = "furniture"
    layout.furniture.append(Furniture(kind=kind, text=ll.content.slice(text), span=ll.content))  # type: ignore[arg-type]


def _inline(layout: Layout, index: int, span: Span, kind: str, text: str) -> None:
    layout.inline_furniture.setdefault(index, []).append(span)
    layout.furniture.append(Furniture(kind=kind, text=span.slice(text), span=span))  # type: ignore[arg-type]


def _mark_wrappers(layout: Layout, text: str, contents: list[str], candidates: dict[str, list[int]]) -> dict[str, int]:
    """Block and line wrappers; gives the index of the last line of each block found.  ``candidates``: the lines
    where each pattern may match (:func:`_candidates_by_pattern`)."""
    lines = layout.lines
    ends: dict[str, int] = {}
    for w in wrappers():
        if w.kind == "block":
            if w.requires is not None and not candidates.get(w.requires.pattern):
                continue  # no line may hold what the block requires (tested first: start and end then need no look)
            first = 0
            if w.start is not None:
                first = next(
                    (i for i in candidates.get(w.start.pattern, ()) if lines[i].kind == "flow" and w.start.search(contents[i])),
                    -1,
                )
                if first < 0:
                    continue
            last = len(lines) - 1
            if w.end is not None:
                last = next((i for i in candidates.get(w.end.pattern, ()) if i >= first and w.end.search(contents[i])), -1)
                if last < 0:
                    continue
            if w.requires is not None and not any(
                w.requires.search(contents[i]) for i in candidates.get(w.requires.pattern, ()) if first <= i <= last
            ):
                continue
            ends[w.name] = last
            for ll in lines[first : last + 1]:
                if ll.kind == "flow":
                    _whole(layout, ll, w.furniture, text)
        elif w.kind == "line":
            for i in candidates.get(w.pattern.pattern, ()):
                if lines[i].kind == "flow" and w.pattern.search(contents[i]):
                    _whole(layout, lines[i], w.furniture, text)
    return ends


def _mark_inline_wrappers(layout: Layout, text: str, contents: list[str], block_ends: dict[str, int],
                          candidates: dict[str, list[int]]) -> None:
    for w in wrappers():
        if w.kind != "inline":
            continue
        if w.after is not None and w.after not in block_ends:
            continue
        first = block_ends[w.after] + 1 if w.after is not None else 0
        for index in candidates.get(w.pattern.pattern, ()):
            ll = layout.lines[index]
            if index < first or ll.kind != "flow":
                continue
            m = w.pattern.search(contents[index])
            if m and m.end() > m.start():
                base = ll.content_start
                _inline(layout, index, Span(start=base + m.start(), end=base + m.end()), w.furniture, text)


_BLANKS = regex.compile(r"[ \t]++")


def footer_tail(text: str, pos: int, end: int) -> tuple[int, set[str]] | None:
    """Footer tokens after ``pos`` (up to ``end``): the end of the last token and the roles seen."""
    roles: set[str] = set()
    last = None
    count = 0
    while count < MAX_FOOTER_TOKENS:
        m_space = _BLANKS.match(text, pos, end)
        if not m_space:
            break
        start = m_space.end()
        for role, pattern in _TOKENS:
            m = pattern.match(text, start, end)
            if m:
                roles.add(role)
                pos = last = m.end()
                count += 1
                break
        else:
            break
    return (last, roles) if last is not None else None


def _is_footer(roles: set[str]) -> bool:
    """Enough for a line that holds nothing but the footer."""
    return bool(roles & {"initials", "unit", "page"})


def _is_inline_footer(roles: set[str]) -> bool:
    """Enough for a footer inside running text: typist initials with a slash, a unit code, or a page number with a
    language code.  A document number followed by a short word and a number is also how prose cites a document
    ("5678/22 of 12 May 2022"), and one followed by a marking is how a header prints it ("9334/08 LIMITE"), so
    neither alone is a footer."""
    return bool(roles & {"initials", "unit"}) or {"page", "language"} <= roles


OWN_NUMBER_WINDOW = 2000  # the document's own number stands in its first characters (the register header)


_HEADER_FOLLOWER = LazyPattern(r"[ \t]*+(?:$|\n|\r|\p{Lu}{2})")


def _own_number(text: str) -> str | None:
    """The document's own number, which its page footers repeat: the first number near the top that stands as a
    register-header item (at a line end, or before a classification code or marking such as ``LEX 277``,
    ``LIMITE``), not one cited in prose (``document 5678/22 of 12 May``)."""
    window = min(len(text), OWN_NUMBER_WINDOW)
    for m in FOOTER_START.finditer(text, 0, window):
        if _HEADER_FOLLOWER.match(text, m.end()):
            return " ".join(m.group().split())
    return None


def _next_flow_lines(lines: list[LayoutLine], index: int, most: int) -> list[int]:
    """The indices of the (at most ``most``) flow lines after line ``index``."""
    found: list[int] = []
    for j in range(index + 1, len(lines)):
        if lines[j].kind == "flow":
            found.append(j)
            if len(found) == most:
                break
    return found


def _mark_footers(layout: Layout, text: str) -> None:
    own, own_known = None, False  # the document's own number, looked up once a footer candidate needs it
    lines = layout.lines
    taken: set[int] = set()
    # FOOTER_START needs a digit and a slash: only the flow lines with both are visited.  (A line after the one
    # visited has not changed its kind yet: only the visited line and the members of its footer, after it, change.)
    for index in sorted(layout.digit_lines):
        ll = lines[index]
        if ll.kind != "flow" or index in taken or "/" not in layout.contents[index]:
            continue
        c_start, c_end = ll.content_start, ll.content_end
        whole = FOOTER_START.fullmatch(text, c_start, c_end)
        if whole:
            # One token per line: the number alone, then short token lines.
            roles: set[str] = set()
            members = [index]
            for nxt in _next_flow_lines(lines, index, MAX_FOOTER_TOKENS):
                token = layout.contents[nxt]
                role = next((r for r, p in _TOKENS if p.fullmatch(token)), None)
                if role is None:
                    break
                roles.add(role)
                members.append(nxt)
                if role == "language":
                    break
            if len(members) > 1 and (_is_footer(roles) or roles == {"language"}):
                span = Span(start=c_start, end=lines[members[-1]].content_end)
                for m in members:
                    lines[m].kind = "furniture"
                    taken.add(m)
                layout.furniture.append(Furniture(kind="page_footer", text=" ".join(span.slice(text).split()), span=span))
                continue
        for m in FOOTER_START.finditer(text, c_start, c_end):
            tail = footer_tail(text, m.end(), c_end)
            if tail is None:
                continue
            span = Span(start=m.start(), end=tail[0])
            if span.start == c_start and span.end == c_end:
                if _is_footer(tail[1]):
                    _whole(layout, ll, "page_footer", text)
                    break
                continue
            if not own_known:
                own, own_known = _own_number(text), True
            own_number = own is not None and " ".join(m.group().split()) == own and "page" in tail[1]
            if _is_inline_footer(tail[1]) or own_number:
                _inline(layout, index, span, "page_footer", text)


def _mark_separators(layout: Layout, text: str) -> None:
    lines = layout.lines
    # Both patterns need a line that is a mark alone or a mark and a space first: most notes have none, and are done
    # here (list membership and a map of str.startswith: no Python-level loop over the lines).
    contents = layout.contents
    if "o" not in contents and "*" not in contents and not any(map(str.startswith, contents, repeat(("o ", "* ")))):
        return
    flow = [i for i, ll in enumerate(lines) if ll.kind == "flow"]
    k = 0
    while k < len(flow):
        ll = lines[flow[k]]
        if text[ll.content_start] not in "o*":  # both separator patterns need one of these first
            k += 1
            continue
        content = layout.contents[flow[k]]
        if SEPARATOR_LINE.match(content):
            _whole(layout, ll, "separator", text)
        elif SEPARATOR_MARK.match(content):
            run = [flow[k]]
            while k + len(run) < len(flow) and len(run) < 3 and SEPARATOR_MARK.match(layout.contents[flow[k + len(run)]]):
                run.append(flow[k + len(run)])
            if len(run) == 3:
                span = Span(start=ll.content_start, end=lines[run[-1]].content_end)
                for i in run:
                    lines[i].kind = "furniture"
                layout.furniture.append(Furniture(kind="separator", text=" ".join(span.slice(text).split()), span=span))
                k += 3
                continue
        k += 1
