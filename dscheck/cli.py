"""The command line: options in, objects built, one call into the core, errors turned into exit codes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from dscheck.outcome import DEFAULT_FAIL_ON, Exit, exit_code

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Fact-check the numbers in financial news against market data.",
)
evidence_app = typer.Typer(no_args_is_help=True, help="Build and check evidence archives.")
app.add_typer(evidence_app, name="evidence")


class Failure(Exception):
    """An error for the user: printed as one message, with its exit code."""

    def __init__(self, message: str, code: Exit):
        super().__init__(message)
        self.code = code


def _err(message: str) -> None:
    typer.echo(f"dscheck: {message}", err=True)


CatalogueArg = Annotated[Path, typer.Argument(help="The catalogue of claims (YAML).", show_default=True)]


def _load(path: Path):
    from dscheck.catalogue import CatalogueError, load

    try:
        return load(path)
    except CatalogueError as exc:
        raise Failure(f"invalid catalogue\n{exc}", Exit.USAGE) from None


def _fail_on(text: str):
    from dscheck.verdicts.interface import Verdict

    chosen = set()
    for name in filter(None, (part.strip() for part in text.split(","))):
        try:
            chosen.add(Verdict(name))
        except ValueError:
            valid = ", ".join(v.value for v in Verdict)
            raise Failure(f'--fail-on: unknown verdict "{name}"; choose from {valid}', Exit.USAGE) from None
    return frozenset(chosen)


@app.command()
def verify(
    catalogue: CatalogueArg = Path("claims.yaml"),
    evidence: Annotated[
        Optional[Path], typer.Option(help="Evidence archive to read. Default: the evidence/ folder beside the catalogue.")
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report here instead of stdout.")] = None,
    fail_on: Annotated[
        str, typer.Option(help="Verdicts that fail the run (exit 1), comma-separated. error always fails.")
    ] = ",".join(sorted(v.value for v in DEFAULT_FAIL_ON)),
) -> None:
    """Check every claim of a catalogue against the evidence and print the verdicts.

    Exit codes: 0 no claim failed, 1 some claim failed, 2 bad command line or catalogue,
    3 evidence missing or damaged.

    Example: dscheck verify claims.yaml --format json --output report.json
    """
    from dscheck import reports
    from dscheck.market.archive import EvidenceArchive
    from dscheck.market.interface import MarketDataError
    from dscheck.verdicts import verify as run

    if format not in reports.FORMATS:
        raise Failure(f'--format: unknown format "{format}"; choose from {", ".join(reports.FORMATS)}', Exit.USAGE)
    failing = _fail_on(fail_on)
    parsed = _load(catalogue)
    root = evidence if evidence is not None else catalogue.parent / "evidence"
    try:
        results = run(parsed, EvidenceArchive(root))
    except MarketDataError as exc:
        raise Failure(str(exc), Exit.EVIDENCE) from None
    context = {"catalogue": str(catalogue), "evidence": str(root)}
    if output is not None:
        from dscheck.files import atomic_write

        atomic_write(output, reports.FORMATS[format](results, context).encode("utf-8"))
    elif format == "table":
        from rich.console import Console

        from dscheck.reports.summary import line
        from dscheck.reports.table import build

        console = Console()
        console.print(build(results, console.width))
        console.print(line(results))
    else:
        sys.stdout.write(reports.FORMATS[format](results, context))
    for result in results:
        if result.damaged_evidence:
            _err(f"damaged evidence: {result.conclusion}")
            break
    raise typer.Exit(exit_code(results, failing))


@app.command()
def validate(catalogue: CatalogueArg = Path("claims.yaml")) -> None:
    """Check a catalogue's format without verifying its claims.

    Example: dscheck validate claims.yaml
    """
    parsed = _load(catalogue)
    market = sum(1 for c in parsed.claims if c.is_market)
    typer.echo(f"{catalogue}: valid, {len(parsed.claims)} claims ({market} market, {len(parsed.claims) - market} external)")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the catalogue format.

    Example: dscheck schema > catalogue.schema.json
    """
    from importlib import resources

    typer.echo(resources.files("dscheck.catalogue").joinpath("schema.json").read_text("utf-8"), nl=False)


@evidence_app.command("import")
def evidence_import(
    source_dir: Annotated[Path, typer.Argument(help="Folder of CSV files named SYMBOL.INTERVAL.csv.")],
    into: Annotated[Path, typer.Option(help="The evidence archive to write or extend.")] = Path("evidence"),
    source: Annotated[str, typer.Option(help="Where the bars came from, recorded in the manifest.")] = "",
    adjustment: Annotated[
        str, typer.Option(help="How prices are adjusted, recorded in the manifest.")
    ] = "as supplied",
    calendar: Annotated[
        Optional[list[str]], typer.Option(help="SYMBOL=CALENDAR to override the trading calendar (e.g. ^TNX=XNYS, DGS10=none).")
    ] = None,
    only: Annotated[
        Optional[list[str]], typer.Option(help="Import only files matching this glob (repeatable), e.g. 'NVDA.*'.")
    ] = None,
) -> None:
    """Import CSV bars (timestamp,open,high,low,close,volume) into an evidence archive.

    Daily files hold dates; intraday files hold ISO times with their UTC offset, each the start of its bar.
    Sessions come from the symbol's trading calendar (exchange_calendars).

    Example: dscheck evidence import ../shared/market-record --into evidence --source "Yahoo Finance exports"
    """
    from dscheck.market.importer import ImportFailed, import_folder

    if not source_dir.is_dir():
        raise Failure(f"{source_dir}: not a folder of CSV files", Exit.USAGE)
    overrides = {}
    for item in calendar or ():
        symbol, sep, name = item.partition("=")
        if not sep or not symbol or not name:
            raise Failure(f'--calendar: expected SYMBOL=CALENDAR, got "{item}"', Exit.USAGE)
        overrides[symbol] = name
    try:
        report, skipped = import_folder(
            source_dir, into, source=source or f"CSV files imported from {source_dir.name}",
            adjustment=adjustment, calendars=overrides, only=only,
        )
    except ImportFailed as exc:
        raise Failure(f"nothing imported: {exc}", Exit.USAGE) from None
    for item in report:
        typer.echo(f"{item.file}: {item.rows} bars, {item.symbol} {item.interval}, calendar {item.calendar or 'none'}")
        for warning in item.warnings:
            typer.echo(f"  note: {warning}")
    for item in skipped:
        typer.echo(f"skipped {item}")
    typer.echo(f"{len(report)} files imported into {into}")


@evidence_app.command("check")
def evidence_check(root: Annotated[Path, typer.Argument(help="The evidence archive.")] = Path("evidence")) -> None:
    """Check every file of an evidence archive against its manifest checksum.

    Example: dscheck evidence check evidence
    """
    from dscheck.market.archive import EvidenceArchive
    from dscheck.market.interface import MarketDataError

    archive = EvidenceArchive(root)
    try:
        problems = archive.check()
    except MarketDataError as exc:
        raise Failure(str(exc), Exit.EVIDENCE) from None
    for problem in problems:
        _err(problem)
    if problems:
        raise typer.Exit(Exit.EVIDENCE)
    typer.echo(f"{root}: {len(archive.manifest)} files, all match the manifest")


def main() -> None:
    """Run the app; every error ends as one message and an exit code, never a traceback."""
    try:
        code = app(standalone_mode=False)
    except Failure as exc:
        _err(str(exc))
        sys.exit(exc.code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(Exit.INTERRUPTED)
    except typer.Abort:
        _err("interrupted")
        sys.exit(Exit.INTERRUPTED)
    except typer.exceptions.TyperException as exc:  # a bad command line: typer's own usage errors
        if hasattr(exc, "show"):
            exc.show()
        else:
            _err(exc.format_message())
        sys.exit(Exit.USAGE)
    except Exception as exc:  # a bug: still one line, never a traceback
        _err(f"internal error: {type(exc).__name__}: {exc}; please report it")
        sys.exit(Exit.FAILED)
    sys.exit(code if isinstance(code, int) else 0)
