"""The validators' fast paths report what the plain checks report."""

from __future__ import annotations

import datetime
import random

import pytest

from eu_clasi_corpus import identifiers
from eu_clasi_corpus.model import Span
from eu_clasi_corpus.validators import references
from eu_clasi_corpus.validators.context import Region


class _Found:
    """What the scans use of a Context: the text and ``report``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.reports: list[tuple[str, int, int]] = []

    def report(self, code, span, message, *, hint=None) -> None:
        start, end = (span.start, span.end) if isinstance(span, Span) else span
        self.reports.append((code, start, end))


_PIECES = ["2023-02-30", "2023-02-28", "12517/1/23 REV 2", "12517/23 ADD", "6390/17", "/", "-", "1", "12", "2023",
           "x", " ", "\n", "REV 1", "31 ", "februari ", "30 februari 2023", "ab"]


@pytest.mark.parametrize("seed", range(4))
def test_iso_dates_and_suffixed_numbers_are_found_in_every_region_that_holds_one(seed):
    rnd = random.Random(seed)
    pats = references._patterns("nl")
    for _ in range(300):
        text = "".join(rnd.choice(_PIECES) for _ in range(rnd.randrange(1, 12)))
        start = rnd.randrange(len(text) + 1)
        end = rnd.randrange(start, len(text) + 1)
        region = Region(Span(start=start, end=end))
        # what a scan of the whole region reports, without the hyphen and slash tests
        want_dates = set()
        for m in references._ISO_DATE.finditer(text, start, end):
            try:
                datetime.date(*(int(m.group(g)) for g in ("year", "month", "day")))
            except ValueError:
                want_dates.add(("REF005", *m.span()))
        for m in pats.date.finditer(text, start, end):
            month = pats.months.index(m.group("month").lower()) + 1
            try:
                datetime.date(int(m.group("year")), month, int(m.group("day")))
            except ValueError:
                want_dates.add(("REF005", *m.span()))
        found = _Found(text)
        references._scan_dates(found, region, pats)
        assert set(found.reports) == want_dates, (text, start, end)

        want_numbers = set()
        for m in identifiers.COUNCIL_DOC.finditer(text, start, end):
            if (m.group("suffixes") or "").strip():
                number = identifiers.parse_doc_number(m)
                if number.revision_conflict or number.problems():
                    want_numbers.add(m.span())
        found = _Found(text)
        references._scan_document_numbers(found, region, pats, [])
        assert {(s, e) for _, s, e in found.reports} == want_numbers, (text, start, end)


_REF_PIECES = ["punt 3", "punten 2 en 40", "zie voetnoot 9", "voetnoot 1", "doc. 12345/23", "ST 12517/1/23 REV 2",
               "12517/23 ADD", "30 februari 2023", "31 juni 2022", "2023-02-30", "2023-02-28", "12", "7", "/", "-",
               " ", "\n", "x", "ab", "é"]


class _FakeContext(_Found):
    """A Context with chosen regions, for :func:`references.check`."""

    has_text = True

    def __init__(self, text: str, doc, regions: list[Region]) -> None:
        super().__init__(text)
        from eu_clasi_corpus import languages

        self.doc = doc
        self.language = languages.get("nl")
        self._regions = regions

    def regions(self) -> list[Region]:
        return self._regions


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("latin1", [True, False])
def test_reference_check_skips_only_regions_without_a_digit_outside_their_excluded_spans(seed, latin1, seed_doc):
    doc = seed_doc  # its paragraphs and footnotes are the reference targets (parsed once per session)
    rnd = random.Random(seed)
    pats = references._patterns("nl")
    for _ in range(150):
        text = "".join(rnd.choice(_REF_PIECES) for _ in range(rnd.randrange(1, 15))) + ("" if latin1 else "\u2013")
        regions = []
        for _ in range(rnd.randrange(1, 4)):
            start = rnd.randrange(len(text) + 1)
            end = rnd.randrange(start, len(text) + 1)
            cuts = sorted(rnd.randrange(start, end + 1) for _ in range(2 * rnd.randrange(3)))
            exclude = tuple(Span(start=a, end=b) for a, b in zip(cuts[::2], cuts[1::2]))
            regions.append(Region(Span(start=start, end=end), tuple(rnd.sample(exclude, len(exclude))), "paragraph 1"))
        got = _FakeContext(text, doc, regions)
        references.check(got)
        # every region scanned, as without the digit test
        want = _FakeContext(text, doc, regions)
        references.check_header(want)
        lowered = references._lowered_for_search(text)
        targets = references._targets(want)
        starts = {kind: cue.starts(text, lowered) for kind, cue in pats.references.items()}
        for region in regions:
            references._scan_document_numbers(want, region, pats, pats.document.starts(text, lowered))
            references._scan_internal_references(want, region, pats, targets, starts)
            references._scan_dates(want, region, pats)
        assert got.reports == want.reports, (text, regions)


def test_no_date_pattern_captures_in_a_look_around():
    # (that the digits of Latin-1 are the ASCII digits, as the flags mark them, is test_latin1's)
    from eu_clasi_corpus import languages

    for code in languages.codes():
        pattern = languages.get(code).data.get("date_pattern") or ""
        assert not any(look in pattern for look in ("(?=", "(?!", "(?<=", "(?<!")), code


@pytest.mark.parametrize("code", ["nl", "en", "de"])
def test_cue_matches_from_the_starts_in_a_part_of_the_text_are_those_of_a_scan_of_the_part(code):
    """The scans find a region's cue starts in the region alone (cue.starts with bounds): the matches tried there are
    those of the pattern's own scan of the region, also in texts with the characters (?i) takes for ASCII letters."""
    pats = references._patterns(code)
    pieces = ["punt 3", "PUNTEN 2 en 4", "zie voetnoot 1", "voetnoot", "point 5", "see  footnote 2", "Punkt 4", "Fu\u00dfnote 3",
              "siehe FUSSNOTE 2", "ST 12517/23", "doc. 123", "DOCS 5", "No. doc. 5", "nr. doc. 7", "punt", "3", " ", "\n", "x",
              "-", "/",
              # characters that (?i) takes for ASCII letters (the starts are then found by another way)
              "\u017fT 5", "\u017ft", "pun\u017ft", "Pun\u212at 4", "\u212a", "z\u0130e voetnoot 1", "\u0130", "\u0131",
              "po\u0131nt 5", "s\u0131ehe Fu\u00dfnote 2", "\u017fiehe Fu\u00dfnote 3",
              "Ab\u017fatz 2", "do\u017f"]
    rnd = random.Random(3)
    found = 0
    for _ in range(300):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(1, 16)))
        lowered = references._lowered_for_search(text)
        for cue in [*pats.references.values(), pats.document]:
            if cue is None:
                continue
            # windows that start at a match of the whole text, inside one, or anywhere
            places = [p for m in cue.pattern.finditer(text) for p in (m.start(), m.start() + 1)]
            start = rnd.choice(places) if places and rnd.random() < 0.7 else rnd.randrange(len(text) + 1)
            start = min(start, len(text))
            end = rnd.randrange(start, len(text) + 1) if rnd.random() < 0.5 else len(text)
            part = cue.starts(text, lowered, start, end)
            want = [m.span() for m in cue.pattern.finditer(text, start, end)]
            assert [m.span() for m in cue.matches(text, part, start, end)] == want, (text, start, end)
            found += len(want)
    assert found >= 30  # (the windows hold matches)


@pytest.mark.parametrize("seed", range(3))
def test_coverage_searches_every_gap_that_is_not_plain_white_space(seed, monkeypatch):
    from eu_clasi_corpus.validators import source

    pieces = ["x", "ab", " ", "\t", "\n", "\r\n", "\u00a0", "\ufeff", "\u00ad", "\u2028", ", ", " - ", ":", "\x0b"]
    rnd = random.Random(seed)
    for _ in range(300):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(1, 20)))
        cuts = sorted(rnd.randrange(len(text) + 1) for _ in range(2 * rnd.randrange(4)))
        claimed = list(zip(cuts[::2], cuts[1::2]))
        monkeypatch.setattr(source, "_claimed", lambda ctx: list(claimed))
        got = _Found(text)
        source.check_coverage(got)
        # every gap searched, as without the white-space test
        want = _Found(text)
        pos = 0
        for start, end in sorted(claimed) + [(len(text), len(text))]:
            if start > pos and source._NON_BLANK.search(text, pos, start) and not source._is_separator(text, pos, start, start < len(text)):
                source._report_gap(want, pos, start)
            pos = max(pos, end)
        assert got.reports == want.reports, (text, claimed)
