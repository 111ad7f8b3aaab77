"""The report stage: a run's results in, documents out. FORMATS maps each format name to its writer."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from dscheck.reports.interface import Format, ReportError, Run

__all__ = ["FORMATS", "Format", "ReportError", "Run", "output", "by_extension"]


def _writer(module: str) -> Callable[[Run], str]:
    """The `render` of dscheck.reports.MODULE, imported when such a report is written: a run that prints
    the table should not load the HTML charts, the JUnit writer and the rest (about 25 ms)."""

    def render(run: Run) -> str:
        return import_module(f"dscheck.reports.{module}").render(run)

    render.__qualname__ = f"{module}.render"
    return render


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("table", _writer("table"), (".txt",), "the terminal table, as plain text"),
        Format("json", _writer("json"), (".json",), "the v1 JSON report, for programs"),
        Format("csv", _writer("csv"), (".csv",), "one row per claim, for spreadsheets"),
        Format("markdown", _writer("markdown"), (".md", ".markdown"), "for a pull-request comment or CI step summary"),
        Format("html", _writer("html"), (".html", ".htm"), "a self-contained page with charts, to read and print"),
        Format("junit", _writer("junit"), (".xml",), "JUnit XML, one test case per claim, for CI test views"),
        Format("claimreview", _writer("claimreview"), (".jsonld",), "schema.org ClaimReview JSON-LD, to publish"),
    )
}


def by_extension(path: Path) -> Format | None:
    suffix = path.suffix.lower()
    return next((f for f in FORMATS.values() if suffix in f.extensions), None)


def output(text: str, fallback: Format | None = None) -> tuple[Format, Path]:
    """`--output` as given: FORMAT:PATH, or PATH with the format its extension names (else `fallback`)."""
    name, sep, rest = text.partition(":")
    if sep and name in FORMATS and rest:
        return FORMATS[name], Path(rest)
    path = Path(text)
    found = by_extension(path) or fallback
    if found is None:
        known = ", ".join(f"{ext} ({f.name})" for f in FORMATS.values() for ext in f.extensions)
        raise ReportError(
            f'--output {text}: no format for the extension "{path.suffix}"; use one of {known}, '
            f"or name the format: --output junit:{path}"
        )
    return found, path
