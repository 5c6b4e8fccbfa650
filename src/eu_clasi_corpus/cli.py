"""The ``eu-clasi`` command line: a thin layer over the library (no parsing logic here).

Exit codes: 0 success (no error diagnostics), 1 error diagnostics or a failed
check, 2 unusable input or misuse.  Unexpected failures print one line and
exit 2; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from . import __version__
from .source import DEFAULT_MAX_BYTES

app = typer.Typer(
    name="eu-clasi",
    help="Parse, validate and build a corpus of Council of the EU documents.\n\n"
    "Example:  eu-clasi parse data/raw/nl_2023-09_ia-item-note_eu-clasi-joint-declaration.txt",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": False}


class ParseFormat(str, Enum):
    json = "json"
    text = "text"
    akn = "akn"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"eu-clasi {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks of unexpected errors."),
) -> None:
    _state["debug"] = debug


def fail(message: str, code: int = 2) -> None:
    typer.echo(f"eu-clasi: {message}", err=True)
    raise typer.Exit(code)


def load_document(file: Path, *, language: Optional[str] = None, max_bytes: int = DEFAULT_MAX_BYTES):
    """Parse ``file`` ('-' for standard input); unusable input ends the command with exit 2."""
    from . import InputError, parse_file
    from .languages import codes

    if language is not None and language not in codes():
        fail(f"unknown language {language!r}; known: {', '.join(codes())}")
    try:
        return parse_file(file, language=language, max_bytes=max_bytes)
    except InputError as exc:
        fail(str(exc))


def write_output(data: str | bytes, output: Optional[Path]) -> None:
    """Write to ``output`` atomically (temporary file, then rename), or to standard output."""
    if output is None or str(output) == "-":
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(data)
        return
    from .io import atomic_write

    if output.is_dir():
        fail(f"{output}: is a directory; give a file name to write to")
    if not output.parent.is_dir():
        fail(f"{output.parent}: no such directory")
    try:
        atomic_write(output, data)
    except OSError as exc:
        fail(f"{output}: cannot write: {exc.strerror or exc}")


@app.command()
def parse(
    file: Path = typer.Argument(..., help="A Council note as text (UTF-8 preferred); '-' reads standard input."),
    format: ParseFormat = typer.Option(ParseFormat.json, "--format", "-f", help="json (the model), text (a readable outline) or akn (Akoma Ntoso XML)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here (atomically) instead of standard output."),
    language: Optional[str] = typer.Option(None, "--language", "-l", help="ISO 639-1 code; detected when omitted."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", min=1, help="Refuse inputs larger than this."),
) -> None:
    """Parse a Council note into the typed model.

    Example:  eu-clasi parse note.txt -o note.json
    """
    doc = load_document(file, language=language, max_bytes=max_bytes)
    if format is ParseFormat.json:
        write_output(doc.to_json(), output)
    elif format is ParseFormat.text:
        from .export.text import outline

        write_output(outline(doc), output)
    else:
        from .export.akn import to_akn

        write_output(to_akn(doc), output)
    if any(d.severity == "error" for d in doc.diagnostics):
        raise typer.Exit(1)


class ReportFormat(str, Enum):
    """How `validate` and `check` report: for people, for programs, for GitHub Actions."""

    text = "text"
    json = "json"
    github = "github"


@app.command()
def validate(
    files: list[Path] = typer.Argument(..., help="Council notes as text; '-' reads standard input."),
    format: ReportFormat = typer.Option(ReportFormat.text, "--format", "-f", help="text (path:line:col: severity CODE message), json (a list) or github (workflow annotations)."),
    language: Optional[str] = typer.Option(None, "--language", "-l", help="ISO 639-1 code; detected when omitted."),
) -> None:
    """Check numbering, footnotes, references, header and source fidelity, like a linter.

    Exit 0 when no diagnostic is an error, 1 when any is, 2 when an input is unusable.

    Example:  eu-clasi validate data/raw/*.txt --format github
    """
    import json

    from . import InputError, languages
    from .parser import parse_source
    from .source import read_source
    from .validators import validate as run_validators
    from .check import github_data, github_property

    if language is not None and language not in languages.codes():
        fail(f"no language table for {language!r} (known: {', '.join(languages.codes())})")
    results: list[tuple[str, list]] = []
    unusable = False
    for file in files:
        shown = "<stdin>" if str(file) == "-" else str(file)
        try:
            source = read_source(file)
        except InputError as exc:
            typer.echo(f"eu-clasi: {exc}", err=True)
            unusable = True
            continue
        doc = parse_source(source, language=language)
        results.append((shown, run_validators(doc, source)))

    if format is ReportFormat.json:
        rows = [{"file": shown, **d.model_dump(mode="json")} for shown, found in results for d in found]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif format is ReportFormat.github:
        level = {"error": "error", "warning": "warning", "info": "notice"}
        for shown, found in results:
            for d in found:
                typer.echo(
                    f"::{level[d.severity]} file={github_property(shown)},line={d.line},col={d.column},"
                    f"title={d.code}::{github_data(d.message)}"
                )
    else:
        for shown, found in results:
            for d in found:
                typer.echo(f"{shown}:{d.line}:{d.column}: {d.severity} {d.code} {d.message}")
                if d.hint:
                    typer.echo(f"    hint: {d.hint}")
        errors = sum(d.severity == "error" for _, found in results for d in found)
        warnings = sum(d.severity == "warning" for _, found in results for d in found)
        typer.echo(f"{len(results)} file(s) checked: {errors} error(s), {warnings} warning(s)", err=True)
    if unusable:
        raise typer.Exit(2)
    if any(d.severity == "error" for _, found in results for d in found):
        raise typer.Exit(1)


# --- corpus commands: build, check, schema, show, stats ------------------------------------

DATA_DIR_HELP = "The corpus folder holding raw/ (sources and sidecars) and parsed/."


@app.command()
def build(
    data_dir: Path = typer.Argument(Path("data"), help=DATA_DIR_HELP),
    jobs: int = typer.Option(1, "--jobs", "-j", min=0, help="Worker processes (0: one per CPU). Output is the same for any N."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Progress line on stderr (default: on a terminal with many files)."),
) -> None:
    """Parse every raw/<stem>.txt into parsed/<stem>.json, rewriting only files whose bytes change.

    Example:  eu-clasi build data --jobs 4
    """
    from .build import CorpusError, ProgressLine, build as build_corpus, corpus_layout, progress_wanted

    try:
        layout = corpus_layout(data_dir)
    except CorpusError as exc:
        fail(str(exc))
    count = len(layout.source_stems())
    enabled = progress if progress is not None else progress_wanted(count, sys.stderr)
    line = ProgressLine(count, sys.stderr, enabled)

    def report_entry(entry) -> None:
        if entry.input_error:
            line.close()
            typer.echo(f"eu-clasi: {entry.input_error}", err=True)
        for path in entry.written:
            if not enabled:
                typer.echo(f"wrote {path}")

    try:
        result = build_corpus(layout.root, jobs=jobs, progress=line, on_entry=report_entry)
    except OSError as exc:
        line.close()
        fail(f"cannot write {exc.filename or 'output'}: {exc.strerror or exc}")
    typer.echo(result.summary())
    if result.failed or result.with_errors:
        raise typer.Exit(1)


@app.command()
def check(
    data_dir: Path = typer.Argument(Path("data"), help=DATA_DIR_HELP),
    format: ReportFormat = typer.Option(ReportFormat.text, "--format", "-f", help="text (file:line: kind: message), json, or github (Actions annotations)."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=0, help="Worker processes for re-parsing (0: one per CPU)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report here instead of standard output."),
) -> None:
    """Fail (exit 1) when a source has error diagnostics, or a parsed file or sidecar is missing, stale or invalid.

    Example:  eu-clasi check data --format github
    """
    from .build import CorpusError
    from .check import FORMATTERS, check as check_corpus

    try:
        report = check_corpus(data_dir, jobs=jobs)
    except CorpusError as exc:
        fail(str(exc))
    write_output(FORMATTERS[format.value](report), output)
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def schema(
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here (atomically) instead of standard output."),
) -> None:
    """Print the JSON Schema of the Document model (the format of parsed/*.json).

    Example:  eu-clasi schema -o document.schema.json
    """
    import json

    from .model import Document

    write_output(json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2) + "\n", output)


@app.command()
def show(
    file: Path = typer.Argument(..., help="A raw note (.txt, or '-' for standard input) or a parsed document (.json)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of standard output."),
) -> None:
    """Show the structure of a document as a tree with spans, then its diagnostics.

    Example:  eu-clasi show data/parsed/nl_2023-09_ia-item-note_eu-clasi-joint-declaration.json
    """
    from .export.text import outline
    from .model import Document

    if file.suffix.lower() == ".json":
        from pydantic import ValidationError

        try:
            doc = Document.from_json(file.read_bytes())
        except FileNotFoundError:
            fail(f"{file}: no such file")
        except IsADirectoryError:
            fail(f"{file}: is a directory; expected a .txt or .json file")
        except ValidationError as exc:
            fail(f"{file}: not a parsed document ({exc.error_count()} validation error(s), first: {exc.errors()[0]['msg']})")
    else:
        from .build import source_diagnostics
        from .parser import parse_source
        from .source import InputError, read_source

        try:
            source = read_source(file)
        except InputError as exc:
            fail(str(exc))
        source.name = file.name if str(file) != "-" else "<stdin>"
        doc = parse_source(source)
        doc.diagnostics = source_diagnostics(doc, source.text)
    write_output(outline(doc), output)
    if any(d.severity == "error" for d in doc.diagnostics):
        raise typer.Exit(1)


class StatsFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def stats(
    data_dir: Path = typer.Argument(Path("data"), help=DATA_DIR_HELP),
    format: StatsFormat = typer.Option(StatsFormat.text, "--format", "-f", help="text (a table) or json."),
) -> None:
    """Count documents, languages, paragraphs by kind, footnotes and diagnostics of the parsed corpus.

    Example:  eu-clasi stats data --format json
    """
    import json

    from pydantic import ValidationError

    from .corpus import Corpus, stats_table

    if not data_dir.is_dir():
        fail(f"{data_dir}: no such corpus folder")
    corpus = Corpus(data_dir)
    if not corpus.layout.parsed_dir.is_dir():
        fail(f"{data_dir}: no parsed/ folder; run `eu-clasi build {data_dir}` first")
    try:
        numbers = corpus.stats()
    except ValidationError as exc:
        fail(f"{data_dir}: a parsed file does not load ({exc.errors()[0]['msg']}); run `eu-clasi check {data_dir}`")
    if format is StatsFormat.json:
        typer.echo(json.dumps(numbers, ensure_ascii=False, indent=2))
    else:
        typer.echo(stats_table(numbers), nl=False)


def main() -> None:
    """Console-script entry point: no traceback reaches the user unless ``--debug`` is given."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        typer.echo("eu-clasi: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if "--debug" in sys.argv or _state["debug"]:
            raise
        typer.echo(f"eu-clasi: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
