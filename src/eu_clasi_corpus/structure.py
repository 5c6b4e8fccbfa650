"""Stage 3b, structure: body flow lines → cover note, annexes, numbered paragraphs, points, kinds.

Takes the body flow lines (after the header) and the language; gives
:class:`BodyDraft`: the cover-note paragraphs, the annexes (heading, title,
paragraphs) and the blocks that could not be placed.  Texts are filled in
later by the parser (they need the footnote markers); here every node is a list
of flow lines.

* An **annex** starts at a line that is an annex heading of the language
  (``BIJLAGE``, ``ANNEX II``) and runs to the next one.  Its **title** is its
  first block when that block has no paragraph marker.
* In a container (the cover note or an annex), a block that opens with a
  number marker starts a **numbered paragraph**; lettered, roman and bullet
  blocks become **points** of the paragraph before them (or paragraphs of
  their own when there is none).  An unmarked block is an unnumbered
  paragraph, except after a numbered paragraph has ended: there it belongs to
  no numbered paragraph and is reported as unplaced instead of being guessed.
* **Kinds** (:func:`classify`): in an annex, a paragraph that opens with an
  operative opener (or whose acting-entity formula ``Wij, ...`` is followed by
  one) is a ``commitment``; one that opens with a recital opener is a
  ``recital``; once the operative part has started it does not switch back;
  before it, a paragraph that matches neither is a recital when the annex has
  recitals at all.  Everything else is ``other``.
"""

from __future__ import annotations

from typing import NamedTuple

from .blocks import FlowLine, Marker, group
from .languages import Language


# The drafts that are never changed once made are named tuples: cheaper to define and to make than dataclasses.
class PointDraft(NamedTuple):
    marker: Marker
    lines: list[FlowLine]
    style: str


class ParagraphDraft:
    """A paragraph before assembly: its marker, lines and points, and its kind once classified (a plain class:
    cheaper to define than a dataclass)."""

    __slots__ = ("marker", "lines", "points", "kind", "kind_rule")

    def __init__(self, marker: Marker | None, lines: list[FlowLine]) -> None:
        self.marker = marker
        self.lines = lines
        self.points: list[PointDraft] = []
        self.kind = "other"
        self.kind_rule: str | None = None

    @property
    def number(self) -> str | None:
        return self.marker.label if self.marker is not None else None


class AnnexDraft(NamedTuple):
    heading: FlowLine
    label: str
    number: str | None
    title: list[FlowLine] | None
    paragraphs: list[ParagraphDraft]
    end_line: FlowLine


class BodyDraft(NamedTuple):
    cover: list[ParagraphDraft]
    annexes: list[AnnexDraft]
    unplaced: list[list[FlowLine]]


def _roman_is_letter(label: str, previous: PointDraft | None) -> bool:
    """``i)`` after ``h)`` is the letter i, not roman one."""
    return (
        previous is not None
        and previous.style == "letter"
        and len(label) == 1
        and ord(label) == ord(previous.marker.label) + 1
    )


def build_container(blocks: list[list[FlowLine]]) -> tuple[list[ParagraphDraft], list[list[FlowLine]]]:
    """Paragraph drafts of one container (its lines cut into blocks) and the blocks that belong to none.

    The rules are in the module docstring.
    """
    paragraphs: list[ParagraphDraft] = []
    unplaced: list[list[FlowLine]] = []
    numbered_open = False  # a numbered paragraph is the current one and has not ended
    seen_numbered = False
    for block in blocks:
        marker = block[0].marker
        style = marker.style if marker else None
        if style == "roman" and paragraphs and _roman_is_letter(marker.label, (paragraphs[-1].points or [None])[-1]):
            style = "letter"
        if style == "number":
            paragraphs.append(ParagraphDraft(marker=marker, lines=list(block)))
            numbered_open = seen_numbered = True
        elif style in ("letter", "roman", "bullet") and paragraphs:
            paragraphs[-1].points.append(PointDraft(marker=marker, lines=list(block), style=style))
            paragraphs[-1].lines.extend(block)
        elif style in ("letter", "roman"):
            paragraphs.append(ParagraphDraft(marker=marker, lines=list(block)))
        elif style == "bullet":
            paragraphs.append(ParagraphDraft(marker=None, lines=list(block)))
        elif seen_numbered and numbered_open:
            unplaced.append(list(block))
        else:
            paragraphs.append(ParagraphDraft(marker=None, lines=list(block)))
    return paragraphs, unplaced


def build_body(lines: list[FlowLine], language: Language, width: float) -> BodyDraft:
    annex_heading = language.patterns.annex_heading
    headings = [(i, m) for i, fl in enumerate(lines) if (m := annex_heading(fl.text))]
    starts = [i for i, _ in headings]
    cover_lines = lines[: starts[0]] if starts else lines
    cover, unplaced = build_container(group(cover_lines, width))
    annexes: list[AnnexDraft] = []
    for k, (start, m) in enumerate(headings):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        heading = lines[start]
        title: list[FlowLine] | None = None
        blocks = group(lines[start + 1 : end], width)
        if blocks and blocks[0][0].marker is None:
            # the title is the first block; block cutting looks at neighbouring lines only, so the other blocks are
            # those of the lines after the title
            title, blocks = blocks[0], blocks[1:]
        paragraphs, stray = build_container(blocks)
        unplaced.extend(stray)
        classify(paragraphs, language)
        annexes.append(
            AnnexDraft(
                heading=heading,
                label=m.group("label"),
                number=m.group("number"),
                title=title,
                paragraphs=paragraphs,
                end_line=lines[end - 1],
            )
        )
    return BodyDraft(cover=cover, annexes=annexes, unplaced=unplaced)


def _opening(paragraph: ParagraphDraft) -> str:
    first = paragraph.lines[0]
    text = first.text
    if paragraph.marker is not None:
        text = text[paragraph.marker.span.end - first.content_start :]
    rest = " ".join(fl.text for fl in paragraph.lines[1:4])
    return (text + " " + rest).strip()


def classify(paragraphs: list[ParagraphDraft], language: Language) -> None:
    """Set ``kind`` and ``kind_rule`` on the numbered paragraphs of one annex (module docstring)."""
    p = language.patterns
    verdicts: list[tuple[str | None, str | None]] = []
    for para in paragraphs:
        opening = _opening(para)
        verdict: tuple[str | None, str | None] = (None, None)
        if p.operative_opener is not None and (m := p.operative_opener.match(opening)):
            verdict = ("commitment", f"operative opener '{m.group(0)}'")
        elif p.recital_opener is not None and (m := p.recital_opener.match(opening)):
            verdict = ("recital", f"recital opener '{m.group(0)}'")
        elif p.acting_entity is not None and p.acting_entity.match(opening):
            m = p.operative_anywhere.search(" ".join(fl.text for fl in para.lines)) if p.operative_anywhere else None
            if m:
                verdict = ("commitment", f"acting-entity formula with operative verb '{m.group(0)}'")
            else:
                verdict = ("recital", "acting-entity formula without an operative verb")
        verdicts.append(verdict)
    has_recitals = any(kind == "recital" for kind, _ in verdicts)
    operative = False
    for para, (kind, rule) in zip(paragraphs, verdicts):
        if para.marker is None or para.marker.style != "number":
            continue
        if kind == "commitment":
            operative = True
            para.kind, para.kind_rule = kind, rule
        elif operative:
            para.kind, para.kind_rule = "commitment", "after the operative part started" + (f" (despite {rule})" if rule else "")
        elif kind == "recital":
            para.kind, para.kind_rule = kind, rule
        elif has_recitals:
            para.kind, para.kind_rule = "recital", "before the operative part"
