"""``eu-clasi check``: is the committed corpus sound and up to date?

Takes a corpus folder; gives a :class:`CheckReport`, a list of
:class:`Problem` records (file, kind, message, optional line and column), and
renders it as text, JSON or GitHub Actions annotations.  What is checked, per
source ``raw/<stem>.txt`` (kinds in :data:`PROBLEM_KINDS`):

* the source can be read and has no error diagnostics (parser and validators);
* its sidecar ``raw/<stem>.meta.json`` exists, is a valid :class:`SourceMetadata`,
  names this file, carries its SHA-256 and agrees with the parse on language and type;
* each artifact ``parsed/<stem><suffix>`` exists, is valid (the JSON loads as a
  ``Document``), its spans still slice the source to its texts, and its bytes are
  exactly what ``eu-clasi build`` would write now;

and no parsed file or sidecar is left without its source.
"""

from __future__ import annotations

import bisect
import difflib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from . import build as _build
from .build import Rendered, corpus_layout, render_all, resolve_jobs
from .corpus import PARSED_SUFFIX, CorpusLayout, read_source_text
from .metadata import SourceMetadata, sha256_of
from .model import Document, Span
from .textnorm import Normaliser

PROBLEM_KINDS = {
    "source-unreadable": "the raw source cannot be read or decoded",
    "source-error": "the source has an error diagnostic (parser or validators)",
    "source-warning": "the source has a warning diagnostic (reported, does not fail the check)",
    "sidecar-missing": "raw/<stem>.meta.json is missing",
    "sidecar-invalid": "the sidecar is not valid JSON / not a valid metadata record, or names another file",
    "sidecar-sha256": "the sidecar's source.sha256 is not the SHA-256 of the raw file",
    "sidecar-mismatch": "the sidecar's language or doc_type differs from what the parser finds",
    "sidecar-orphan": "a sidecar has no raw/<stem>.txt",
    "parsed-missing": "a parsed file that build would write is missing",
    "parsed-invalid": "a parsed file does not validate against the model",
    "parsed-spans": "a parsed node's span no longer slices the source to the node's text (hand edit?)",
    "parsed-stale": "a parsed file differs from what build would write now",
    "parsed-orphan": "a parsed file has no raw/<stem>.txt",
}

MAX_SPAN_REPORTS = 3


@dataclass(frozen=True)
class Problem:
    file: str
    kind: str
    message: str
    line: int | None = None
    column: int | None = None
    severity: Literal["error", "warning"] = "error"

    def as_text(self) -> str:
        where = self.file + (f":{self.line}:{self.column}" if self.line is not None else "")
        return f"{where}: {self.severity}: {self.kind}: {self.message}"


@dataclass
class CheckReport:
    sources: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        files = len({p.file for p in self.errors})
        warnings = len(self.problems) - len(self.errors)
        tail = f", {warnings} warning(s)" if warnings else ""
        if self.ok:
            return f"ok: {self.sources} source(s) checked{tail}"
        return f"failed: {len(self.errors)} problem(s) in {files} file(s){tail}; {self.sources} source(s) checked"


def check(root: str | Path, *, jobs: int = 1) -> CheckReport:
    """Run every check on the corpus at ``root``; raises ``CorpusError`` if it is not a corpus folder."""
    layout = corpus_layout(root)
    stems = layout.source_stems()
    report = CheckReport(sources=len(stems))
    for rendered in render_all([layout.raw(s) for s in stems], resolve_jobs(jobs)):
        report.problems.extend(check_entry(layout, rendered))
    known = set(stems)
    for stem in layout.sidecar_stems():
        if stem not in known:
            report.problems.append(Problem(str(layout.sidecar(stem)), "sidecar-orphan", f"no source {layout.raw(stem).name} for this sidecar"))
    for artifact in _build.ARTIFACTS:
        for stem in layout.parsed_stems(artifact.suffix):
            if stem not in known:
                report.problems.append(Problem(
                    str(layout.parsed(stem, artifact.suffix)), "parsed-orphan",
                    f"no source {layout.raw(stem)}; delete this file or add its source",
                ))
    return report


def check_entry(layout: CorpusLayout, rendered: Rendered) -> Iterator[Problem]:
    stem = rendered.stem
    raw = layout.raw(stem)
    if rendered.input_error:
        yield Problem(str(raw), "source-unreadable", rendered.input_error)
        return
    for d in rendered.diagnostics:
        if d.severity in ("error", "warning"):
            yield Problem(str(raw), f"source-{d.severity}", f"{d.code} {d.message}", d.line, d.column, d.severity)
    yield from check_sidecar(layout, rendered)
    text: str | None = None
    for artifact in _build.ARTIFACTS:
        path = layout.parsed(stem, artifact.suffix)
        if not path.is_file():
            yield Problem(str(path), "parsed-missing", f"not built; run `eu-clasi build {layout.root}`")
            continue
        data = path.read_bytes()
        invalid = artifact.validate(data) if artifact.validate else []
        if invalid:
            more = f" (and {len(invalid) - 1} more)" if len(invalid) > 1 else ""
            yield Problem(str(path), "parsed-invalid", f"not a valid {artifact.suffix} file: {invalid[0]}{more}")
            continue
        if artifact.suffix == PARSED_SUFFIX:
            if text is None:
                text = read_source_text(raw)
            mismatches = span_mismatches(Document.from_json(data), text)
            if mismatches:
                more = f" (and {len(mismatches) - MAX_SPAN_REPORTS} more)" if len(mismatches) > MAX_SPAN_REPORTS else ""
                yield Problem(str(path), "parsed-spans", "; ".join(mismatches[:MAX_SPAN_REPORTS]) + more)
                continue
        expected = rendered.outputs[artifact.suffix]
        if data != expected:
            yield Problem(str(path), "parsed-stale", f"differs from what build writes now: {diff_summary(data, expected)}; run `eu-clasi build {layout.root}`")


def check_sidecar(layout: CorpusLayout, rendered: Rendered) -> Iterator[Problem]:
    stem = rendered.stem
    path = layout.sidecar(stem)
    if not path.is_file():
        yield Problem(str(path), "sidecar-missing", f"no metadata sidecar for {layout.raw(stem).name}; copy and edit an existing one")
        return
    try:
        meta = SourceMetadata.from_json(path.read_bytes())
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "(file)"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        yield Problem(str(path), "sidecar-invalid", f"{where}: {err['msg']}{more}")
        return
    raw = layout.raw(stem)
    if meta.id != stem:
        yield Problem(str(path), "sidecar-invalid", f"id is {meta.id!r}, expected the file stem {stem!r}")
    if meta.source.file != raw.name:
        yield Problem(str(path), "sidecar-invalid", f"source.file is {meta.source.file!r}, expected {raw.name!r}")
    actual = sha256_of(raw)
    if meta.source.sha256 != actual:
        yield Problem(str(path), "sidecar-sha256", f"source.sha256 is {meta.source.sha256[:12]}..., the raw file's is {actual[:12]}... (was the source edited?)")
    if meta.language != rendered.language:
        yield Problem(str(path), "sidecar-mismatch", f"language is {meta.language!r}, the parser finds {rendered.language!r}")
    if meta.doc_type != rendered.doc_type:
        yield Problem(str(path), "sidecar-mismatch", f"doc_type is {meta.doc_type!r}, the parser finds {rendered.doc_type!r}")


# --- spans --------------------------------------------------------------------------------


def _short(text: str, width: int = 40) -> str:
    return repr(text if len(text) <= width else text[: width - 3] + "...")


def span_mismatches(doc: Document, text: str) -> list[str]:
    """Nodes whose span-sliced, normalised source is not their ``text``, as ``$.path: reason`` lines.

    A node's text is its segments normalised with its markers (paragraph number,
    point label and, for body text, footnote markers) cut out; header fields keep
    any footnote marker, so both readings are accepted for them.
    """
    norm = Normaliser(text)
    refs = sorted({(s.start, s.end) for s in _ref_spans(doc)})
    ref_starts = [a for a, _ in refs]
    out: list[str] = []

    def bad_span(span: Span) -> bool:
        return span.start > span.end or span.end > len(text)

    def node(path: str, n: Any, markers: list[Span]) -> None:
        segments = n.segments or [n.span]
        if any(bad_span(s) for s in [n.span, *segments, *markers]):
            out.append(f"{path}: span [{n.span.start}:{n.span.end}] lies outside the source ({len(text)} characters)")
            return
        inside = [Span(start=a, end=b) for seg in segments for a, b in _within(refs, ref_starts, seg)]
        readings = [norm.text_of(segments, markers + inside)]
        if inside:
            readings.append(norm.text_of(segments, markers))
        if n.text not in readings:
            out.append(f"{path}.text: the file has {_short(n.text)}, the source at [{n.span.start}:{n.span.end}] gives {_short(readings[0])}")

    h = doc.header
    for name in type(h).model_fields:
        value = getattr(h, name)
        for i, f in enumerate(value if isinstance(value, list) else [value]):
            if f is not None:
                node(f"$.header.{name}" + (f"[{i}]" if isinstance(value, list) else ""), f, [])
    containers = [("$.cover_note", doc.cover_note.paragraphs)]
    containers += [(f"$.annexes[{i}]", a.paragraphs) for i, a in enumerate(doc.annexes)]
    for i, a in enumerate(doc.annexes):
        if a.title is not None:
            node(f"$.annexes[{i}].title", a.title, [])
    for base, paragraphs in containers:
        for j, p in enumerate(paragraphs):
            node(f"{base}.paragraphs[{j}]", p, [p.marker_span] if p.marker_span else [])
            for k, pt in enumerate(p.points):
                node(f"{base}.paragraphs[{j}].points[{k}]", pt, [pt.marker_span])
            for k, r in enumerate(p.footnote_refs):
                if bad_span(r.span) or r.span.slice(text) != r.number:
                    out.append(f"{base}.paragraphs[{j}].footnote_refs[{k}]: the source at [{r.span.start}:{r.span.end}] is not marker {r.number!r}")
    for i, f in enumerate(doc.footnotes):
        node(f"$.footnotes[{i}]", f, [])
        if f.anchor is not None and (bad_span(f.anchor) or f.anchor.slice(text) != f.number):
            out.append(f"$.footnotes[{i}].anchor: the source at [{f.anchor.start}:{f.anchor.end}] is not marker {f.number!r}")
    if doc.signature is not None:
        s = doc.signature
        if bad_span(s.span) or " ".join(s.span.slice(text).split()) != s.text:
            out.append(f"$.signature.text: the file has {_short(s.text)}, the source at [{s.span.start}:{s.span.end}] differs")
    views = None  # the annotator's own reading of the source (markers and footnote zones masked), built on demand
    for i, a in enumerate(doc.annotations):
        if bad_span(a.span):
            out.append(f"$.annotations[{i}].text: span [{a.span.start}:{a.span.end}] lies outside the source")
            continue
        if a.text in (a.span.slice(text), norm.text_of([a.span])):
            continue
        if views is None:
            from .annotate.view import ContentView

            views = ContentView.of_document(doc, text).layer_views()
        if a.text not in {v.surface(a.span.start, a.span.end) for v in views}:
            out.append(f"$.annotations[{i}].text: the file has {_short(a.text)}, the source at [{a.span.start}:{a.span.end}] differs")
    return out


def _within(spans: list[tuple[int, int]], starts: list[int], seg: Span) -> list[tuple[int, int]]:
    """The (sorted) spans that lie inside ``seg``: a binary search, then a walk over the hits."""
    i = bisect.bisect_left(starts, seg.start)
    out = []
    while i < len(spans) and spans[i][0] < seg.end:
        if spans[i][1] <= seg.end:
            out.append(spans[i])
        i += 1
    return out


def _ref_spans(doc: Document) -> Iterator[Span]:
    for p in doc.paragraphs():
        for r in p.footnote_refs:
            yield r.span
    for f in doc.footnotes:
        if f.anchor is not None:
            yield f.anchor


# --- stale files: a short diff --------------------------------------------------------------


def _first_json_difference(a: Any, b: Any, path: str = "$") -> tuple[str, Any, Any] | None:
    if type(a) is not type(b):
        return path, a, b
    if isinstance(a, dict):
        for key in list(a) + [k for k in b if k not in a]:
            if key not in a or key not in b:
                return f"{path}.{key}", a.get(key, "<absent>"), b.get(key, "<absent>")
            found = _first_json_difference(a[key], b[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            found = _first_json_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        if len(a) != len(b):
            return f"{path}", f"{len(a)} item(s)", f"{len(b)} item(s)"
        return None
    return None if a == b else (path, a, b)


def _count_json_differences(a: Any, b: Any) -> int:
    if type(a) is not type(b):
        return 1
    if isinstance(a, dict):
        return sum(_count_json_differences(a[k], b[k]) if k in a and k in b else 1 for k in set(a) | set(b))
    if isinstance(a, list):
        return sum(_count_json_differences(x, y) for x, y in zip(a, b)) + abs(len(a) - len(b))
    return int(a != b)


def diff_summary(committed: bytes, expected: bytes) -> str:
    """Where and how much ``committed`` differs from ``expected``: first line, first JSON path, counts."""
    old = committed.decode("utf-8", errors="replace").splitlines()
    new = expected.decode("utf-8", errors="replace").splitlines()
    removed = added = 0
    first_line = None
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if first_line is None:
            first_line = i1 + 1
        removed += i2 - i1
        added += j2 - j1
    parts = []
    try:
        a, b = json.loads(committed), json.loads(expected)
    except ValueError:
        a = b = None
    if a is not None or b is not None:
        found = _first_json_difference(a, b)
        if found is None:
            parts.append("same JSON data, different formatting")
        else:
            where, x, y = found
            parts.append(f"first at {where}: file has {_short(json.dumps(x, ensure_ascii=False), 30)}, build gives {_short(json.dumps(y, ensure_ascii=False), 30)}")
            parts.append(f"{_count_json_differences(a, b)} value(s) differ")
    if first_line is not None:
        parts.append(f"line {first_line} first; {removed} line(s) removed, {added} added")
    elif not parts:
        parts.append("line endings or trailing bytes differ")
    return ", ".join(parts)


# --- output -------------------------------------------------------------------------------


def format_text(report: CheckReport) -> str:
    return "".join(p.as_text() + "\n" for p in report.problems) + report.summary() + "\n"


def format_json(report: CheckReport) -> str:
    data = {
        "ok": report.ok,
        "sources": report.sources,
        "errors": len(report.errors),
        "problems": [asdict(p) for p in report.problems],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def github_data(s: str) -> str:
    """Escape the message of a GitHub Actions workflow command."""
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(s: str) -> str:
    """Escape a property value (``file=...``) of a GitHub Actions workflow command."""
    return github_data(s).replace(":", "%3A").replace(",", "%2C")


def format_github(report: CheckReport) -> str:
    """GitHub Actions workflow commands: one ``::error file=...`` annotation per problem."""
    out = []
    for p in report.problems:
        props = [f"file={github_property(p.file)}"]
        if p.line is not None:
            props += [f"line={p.line}", f"col={p.column}"]
        props.append(f"title={github_property('eu-clasi ' + p.kind)}")
        out.append(f"::{p.severity} {','.join(props)}::{github_data(p.message)}\n")
    return "".join(out) + report.summary() + "\n"


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}
