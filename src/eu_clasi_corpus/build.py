"""``eu-clasi build``: every ``data/raw/<stem>.txt`` → its artifacts in ``data/parsed/``.

Takes a corpus folder (see :mod:`eu_clasi_corpus.corpus`); gives a
:class:`BuildReport` and, on disk, one file per entry and per :data:`ARTIFACTS`
row.  Guarantees:

* deterministic: the same sources give byte-identical files, whatever ``jobs`` is;
* atomic: each file is replaced by rename (:func:`eu_clasi_corpus.io.atomic_write`);
* minimal: a file whose bytes would not change is not touched (its mtime stays);
* sources are only read, never written.

Rendering runs in worker processes when ``jobs > 1``; writing stays in the
calling process, in file-name order.  :func:`render_entry` is also what
``eu-clasi check`` compares the committed files with.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import TextIO

from .corpus import CorpusLayout
from .io import atomic_write
from .model import Diagnostic, Document
from .source import SourceText


def render_json(doc: Document) -> bytes:
    return doc.to_json().encode("utf-8")


def validate_json(data: bytes) -> list[str]:
    """Problems that keep ``data`` from loading as a :class:`Document` (pydantic's errors, one a line)."""
    from pydantic import ValidationError

    try:
        Document.from_json(data)
    except ValidationError as exc:
        out = []
        for err in exc.errors():
            where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"])
            out.append(f"{where}: {err['msg']}")
        return out
    return []


class LazyFunction:
    """A module-level function imported on first call (keeps optional exporters out of ``import``)."""

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name

    def __call__(self, *args):
        return getattr(import_module(self.module, __package__), self.name)(*args)


@dataclass(frozen=True)
class Artifact:
    """One file ``data/parsed/<stem><suffix>`` made from a parsed document."""

    suffix: str
    render: Callable[[Document], bytes]
    validate: Callable[[bytes], list[str]] | None = None  # problems in a committed file's content


# What `build` writes and `check` compares, per source.  Adding an output format is adding a row.
ARTIFACTS: tuple[Artifact, ...] = (
    Artifact(".json", render_json, validate_json),
    Artifact(".akn.xml", LazyFunction(".export.akn", "to_akn"), LazyFunction(".export.akn", "validate_akn")),
)


def source_diagnostics(doc: Document, text: "str | SourceText") -> list[Diagnostic]:
    """Every diagnostic of a source: the parser's own plus the validators'."""
    from .validators import validate

    return list(validate(doc, text))


@dataclass
class Rendered:
    """What building one source gives, before anything is written."""

    stem: str
    outputs: dict[str, bytes] = field(default_factory=dict)  # suffix → bytes, in ARTIFACTS order
    diagnostics: list[Diagnostic] = field(default_factory=list)
    language: str | None = None
    doc_type: str | None = None
    input_error: str | None = None  # the source could not be read at all

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def render_entry(raw_path: str) -> Rendered:
    """Parse one raw source and render every artifact (runs in a worker process)."""
    from .parser import parse_source
    from .source import InputError, read_source

    path = Path(raw_path)
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    try:
        source = read_source(path)  # read once: the parser and the validators share its line index
    except InputError as exc:
        return Rendered(stem=stem, input_error=str(exc))
    source.name = path.name  # as parse_file names it
    doc = parse_source(source)
    text = source
    return Rendered(
        stem=stem,
        outputs={a.suffix: a.render(doc) for a in ARTIFACTS},
        diagnostics=source_diagnostics(doc, text),
        language=doc.language,
        doc_type=doc.doc_type,
    )


def render_all(raw_paths: Sequence[Path], jobs: int = 1) -> Iterator[Rendered]:
    """:func:`render_entry` over ``raw_paths``, in their order, on up to ``jobs`` processes."""
    names = [str(p) for p in raw_paths]
    if jobs <= 1 or len(names) <= 1:
        yield from map(render_entry, names)
        return
    workers = min(jobs, len(names))
    # A few sources per round trip to a worker (fewer messages), small enough that the work stays balanced
    # and the progress line moves.
    chunk = max(1, min(16, len(names) // (workers * 16)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(render_entry, names, chunksize=chunk)


def resolve_jobs(jobs: int) -> int:
    """``0`` means one worker per CPU."""
    return jobs if jobs > 0 else (os.cpu_count() or 1)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` atomically unless ``path`` already holds exactly these bytes; True if written."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    atomic_write(path, data)
    return True


class ProgressLine:
    """``[ 12/340] stem`` rewritten in place on a terminal; silent when disabled."""

    def __init__(self, total: int, stream: TextIO, enabled: bool) -> None:
        self.total, self.stream, self.enabled = total, stream, enabled
        self.width = 0

    def update(self, done: int, label: str) -> None:
        if not self.enabled:
            return
        digits = len(str(self.total))
        line = f"[{done:>{digits}}/{self.total}] {label}"
        columns = _terminal_columns() - 1
        line = line[:columns]
        self.stream.write("\r" + line + " " * max(0, self.width - len(line)))
        self.stream.flush()
        self.width = len(line)

    def close(self) -> None:
        if self.enabled and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()


def _terminal_columns() -> int:
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError):
        return 100


PROGRESS_MIN_FILES = 10


def progress_wanted(count: int, stream: TextIO) -> bool:
    """A progress line helps only on a terminal and only when there are many files."""
    return count >= PROGRESS_MIN_FILES and stream.isatty()


@dataclass
class EntryResult:
    stem: str
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    input_error: str | None = None
    error_diagnostics: int = 0


@dataclass
class BuildReport:
    entries: list[EntryResult] = field(default_factory=list)

    @property
    def written(self) -> int:
        return sum(len(e.written) for e in self.entries)

    @property
    def unchanged(self) -> int:
        return sum(len(e.unchanged) for e in self.entries)

    @property
    def failed(self) -> list[EntryResult]:
        return [e for e in self.entries if e.input_error]

    @property
    def with_errors(self) -> list[EntryResult]:
        return [e for e in self.entries if e.error_diagnostics]

    def summary(self) -> str:
        parts = [f"{len(self.entries)} source(s): {self.written} file(s) written, {self.unchanged} unchanged"]
        if self.failed:
            parts.append(f"{len(self.failed)} unreadable")
        if self.with_errors:
            parts.append(f"{len(self.with_errors)} with error diagnostics (see `eu-clasi check`)")
        return "built " + "; ".join(parts)


class CorpusError(Exception):
    """The corpus folder cannot be used (no such folder, no raw/ inside): exit 2 in the CLI."""


def corpus_layout(root: str | Path) -> CorpusLayout:
    root = Path(root)
    if not root.is_dir():
        raise CorpusError(f"{root}: no such corpus folder")
    layout = CorpusLayout(root)
    if not layout.raw_dir.is_dir():
        raise CorpusError(f"{root}: not a corpus folder (no raw/ inside; expected raw/<stem>.txt sources)")
    return layout


def build(
    root: str | Path,
    *,
    jobs: int = 1,
    progress: ProgressLine | None = None,
    on_entry: Callable[[EntryResult], None] | None = None,
) -> BuildReport:
    """Render every source of the corpus at ``root`` and write what changed (see the module docstring)."""
    layout = corpus_layout(root)
    stems = layout.source_stems()
    report = BuildReport()
    for done, rendered in enumerate(render_all([layout.raw(s) for s in stems], resolve_jobs(jobs)), start=1):
        entry = EntryResult(stem=rendered.stem, input_error=rendered.input_error, error_diagnostics=len(rendered.errors))
        for suffix, data in rendered.outputs.items():
            path = layout.parsed(rendered.stem, suffix)
            (entry.written if write_if_changed(path, data) else entry.unchanged).append(path)
        report.entries.append(entry)
        if progress is not None:
            progress.update(done, rendered.stem)
        if on_entry is not None:
            on_entry(entry)
    if progress is not None:
        progress.close()
    return report
