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
from itertools import accumulate
from typing import NamedTuple

import regex

from .layout import Layout, LayoutLine, lines_matching
from .model import Furniture, Span

_DOCREF = r"(?:(?:EUCO|PE-CONS|CM|CONV|ST)[ ])?\d{1,5}(?:/\d{1,2})?/\d{2}(?:[ ](?:REV|ADD|COR|DCL)[ ]\d{1,2})*"
_TAIL_REF = r"/\d{2}(?:[ ](?:REV|ADD|COR|DCL)[ ]\d{1,2})*"
# Footer tokens, each with its role.  Units: old DG codes, cabinet/registry codes, new directorate codes.
# Each token must end at white space or the line end (a lookahead, so that the alternatives can backtrack); the
# patterns are compiled once, with it.
_TOKENS: list[tuple[str, regex.Pattern]] = [
    (role, regex.compile(rf"(?:{pattern})(?=\s|$)"))
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
SEPARATOR_LINE = regex.compile(r"^(?:[o*](?:[ ]+[o*]){2})$")
SEPARATOR_MARK = regex.compile(r"^[o*]$")
MAX_FOOTER_TOKENS = 9


class Wrapper(NamedTuple):
    """One row of ``wrappers.json``, compiled (a named tuple: immutable, cheaper to define than a dataclass)."""

    name: str
    kind: str
    furniture: str
    pattern: regex.Pattern | None = None
    start: regex.Pattern | None = None
    end: regex.Pattern | None = None
    requires: regex.Pattern | None = None
    after: str | None = None


@cache
def wrappers() -> tuple[Wrapper, ...]:
    """The wrapper table from ``wrappers.json``, compiled."""
    raw = json.loads(resources.files(__package__).joinpath("wrappers.json").read_text(encoding="utf-8"))
    out = []
    for w in raw["wrappers"]:
        c = lambda key: regex.compile(w[key]) if w.get(key) else None  # noqa: E731
        out.append(Wrapper(name=w["name"], kind=w["kind"], furniture=w["furniture"], pattern=c("pattern"),
                           start=c("start"), end=c("end"), requires=c("requires"), after=w.get("after")))
    return tuple(out)


# Which lines can a wrapper pattern match?  Most wrapper patterns are anchored at the line start (``^Transcript$``):
# these are searched in each line together, as one alternation, which fails fast on a line they cannot match.  Each
# other pattern (``Folketingets Europaudvalg``) is searched once in all line contents joined by "\n" under MULTILINE
# (``^`` and ``$`` then hold at the ends of each line), where the engine looks for its literal start quickly: a match
# inside one line's content is a match in the joined text too, at the same place, unless the pattern uses a construct
# that can tell the two apart: a negative lookaround or an anchor of the whole string (\A \Z \z \G) that sees
# past the line, an atomic group or possessive quantifier that cannot give back a "\n" it took, inline flags,
# back-references.  A pattern with any of these (found conservatively, by the text pattern below) is searched line by
# line.  A hit only makes a line a candidate: the wrapper's own search in the line decides.
_NOT_JOINABLE = regex.compile(r"\(\?(?![:=]|<=|P?<\w)|[*+?]\+|\{\d*,?\d*\}\+|\\[AZzG1-9g]")
# A pattern that cannot safely be OR-ed with others (global inline flags, back-references).
_NOT_COMBINABLE = regex.compile(r"\(\?[a-zA-Z]+\)|\(\?P=|\\[1-9]|\\g<")


@cache
def _candidate_scans() -> tuple[tuple[regex.Pattern, ...], tuple[regex.Pattern, ...]]:
    """All wrapper patterns as (patterns to search in each line, patterns to search once in the joined lines)."""
    pats = list(dict.fromkeys(p.pattern for w in wrappers() for p in (w.pattern, w.start, w.end, w.requires) if p is not None))
    at_line_start = [p for p in pats if p.startswith("^") and not _NOT_COMBINABLE.search(p)]
    others = [p for p in pats if p not in at_line_start]
    by_line = [regex.compile("|".join(f"(?:{p})" for p in at_line_start))] if at_line_start else []
    by_line += [regex.compile(p) for p in others if _NOT_JOINABLE.search(p)]
    joined = [regex.compile("(?m)" + p) for p in others if not _NOT_JOINABLE.search(p)]
    return tuple(by_line), tuple(joined)


def _candidates(contents: list[str]) -> list[int]:
    """Indices (ascending) of the lines in which some wrapper pattern may match: no other line needs a look."""
    by_line, joined_scans = _candidate_scans()
    found: set[int] = set()
    for pattern in by_line:
        found.update(i for i, c in enumerate(contents) if c and pattern.search(c))
        if pattern.search(""):  # blank lines have empty contents
            found.update(i for i, c in enumerate(contents) if not c)
    if joined_scans:
        joined = "\n".join(contents)
        starts = list(accumulate((len(c) + 1 for c in contents[:-1]), initial=0))
        for pattern in joined_scans:
            found.update(lines_matching(pattern, joined, starts))
    return sorted(found)


def mark_furniture(layout: Layout) -> None:
    """Classify wrappers, footers and separators in ``layout`` (see the module docstring)."""
    text = layout.source.text
    contents = layout.contents
    candidates = _candidates(contents)
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


def _mark_wrappers(layout: Layout, text: str, contents: list[str], candidates: list[int]) -> dict[str, int]:
    """Block and line wrappers; gives the index of the last line of each block found."""
    lines = layout.lines
    ends: dict[str, int] = {}
    for w in wrappers():
        if w.kind == "block":
            first = 0
            if w.start is not None:
                first = next((i for i in candidates if lines[i].kind == "flow" and w.start.search(contents[i])), -1)
                if first < 0:
                    continue
            last = len(lines) - 1
            if w.end is not None:
                last = next((i for i in candidates if i >= first and w.end.search(contents[i])), -1)
                if last < 0:
                    continue
            if w.requires is not None and not any(
                w.requires.search(contents[i]) for i in candidates if first <= i <= last
            ):
                continue
            ends[w.name] = last
            for ll in lines[first : last + 1]:
                if ll.kind == "flow":
                    _whole(layout, ll, w.furniture, text)
        elif w.kind == "line":
            for i in candidates:
                if lines[i].kind == "flow" and w.pattern.search(contents[i]):
                    _whole(layout, lines[i], w.furniture, text)
    return ends


def _mark_inline_wrappers(layout: Layout, text: str, contents: list[str], block_ends: dict[str, int],
                          candidates: list[int]) -> None:
    for w in wrappers():
        if w.kind != "inline":
            continue
        if w.after is not None and w.after not in block_ends:
            continue
        first = block_ends[w.after] + 1 if w.after is not None else 0
        for index in candidates:
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


_HEADER_FOLLOWER = regex.compile(r"[ \t]*+(?:$|\n|\r|\p{Lu}{2})")


def _own_number(text: str) -> str | None:
    """The document's own number, which its page footers repeat: the first number near the top that stands as a
    register-header item (at a line end, or before a classification code or marking such as ``LEX 277``,
    ``LIMITE``), not one cited in prose (``document 5678/22 of 12 May``)."""
    window = min(len(text), OWN_NUMBER_WINDOW)
    for m in FOOTER_START.finditer(text, 0, window):
        if _HEADER_FOLLOWER.match(text, m.end()):
            return " ".join(m.group().split())
    return None


def _mark_footers(layout: Layout, text: str) -> None:
    own, own_known = None, False  # the document's own number, looked up once a footer candidate needs it
    lines = layout.lines
    flow = [i for i, ll in enumerate(lines) if ll.kind == "flow"]
    taken: set[int] = set()
    for k, index in enumerate(flow):
        if index in taken:
            continue
        ll = lines[index]
        c_start, c_end = ll.content_start, ll.content_end
        if index not in layout.digit_lines or text.find("/", c_start, c_end) < 0:
            continue  # FOOTER_START needs a digit and a slash
        whole = FOOTER_START.fullmatch(text, c_start, c_end)
        if whole:
            # One token per line: the number alone, then short token lines.
            roles: set[str] = set()
            members = [index]
            for nxt in flow[k + 1 : k + 1 + MAX_FOOTER_TOKENS]:
                nl = lines[nxt]
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
