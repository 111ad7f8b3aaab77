"""The command line: options in, objects built, one call into the core, errors turned into exit codes."""

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from dscheck.coercion import Group
from dscheck.outcome import DEFAULT_FAIL_ON, Exit, exit_code

app = typer.Typer(
    cls=Group,  # plain values converted without pydantic, which would double the start-up time
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
OfflineOption = Annotated[
    bool,
    typer.Option(
        "--offline", envvar="DSCHECK_OFFLINE",
        help="Use only the evidence archive and the cache; never the network.",
    ),
]
RefreshOption = Annotated[
    bool, typer.Option("--refresh", help="Fetch again what the cache holds; the evidence archive still comes first.")
]
CacheDirOption = Annotated[
    Optional[Path],
    typer.Option(
        "--cache-dir", envvar="DSCHECK_CACHE_DIR",
        help="Where fetched bars are kept. Default: the platform's cache folder, "
        "~/.cache/dscheck on Linux.",
    ),
]


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


def _reports(format: str | None, output: list[str]):
    """(the format stdout gets, or None; [(format, path)] of the files to write)."""
    from dscheck import reports

    if format is not None and format not in reports.FORMATS:
        raise Failure(f'--format: unknown format "{format}"; choose from {", ".join(reports.FORMATS)}', Exit.USAGE)
    fallback = reports.FORMATS[format] if format else None
    files = []
    for text in output:
        if text == "-":
            continue
        try:
            files.append(reports.output(text, fallback))
        except reports.ReportError as exc:
            raise Failure(str(exc), Exit.USAGE) from None
    to_stdout = not output or "-" in output
    return (reports.FORMATS[format or "table"] if to_stdout else None), files


def _choose(parsed, path: Path, selectors: list[str]):
    """The catalogue narrowed to the claims --select names."""
    if not selectors:
        return parsed
    import dataclasses

    from dscheck.catalogue.select import SelectionError, parse, select
    from dscheck.reports import last_run
    from dscheck.verdicts.interface import Verdict

    try:
        chosen = [parse(text) for text in selectors]
        verdicts = last_run.verdicts(last_run.path_for(path)) if any(s.kind == "verdict" for s in chosen) else None
        claims = select(parsed.claims, chosen, verdicts, [v.value for v in Verdict])
    except (SelectionError, last_run.LastRunError) as exc:
        raise Failure(str(exc), Exit.USAGE) from None
    return dataclasses.replace(parsed, claims=claims)


def _remember(path: Path, report, parsed) -> None:
    """Keep this run's verdicts for --select verdict:...; a read-only checkout only loses that."""
    from dscheck.reports import last_run

    state = last_run.path_for(path)
    try:
        last_run.save(state, report, [c.id for c in parsed.claims])
    except OSError as exc:
        _err(f"note: could not record this run in {state} ({exc.strerror or exc}); --select verdict: will not see it")


@app.command()
def verify(
    ctx: typer.Context,
    catalogue: CatalogueArg = Path("claims.yaml"),
    evidence: Annotated[
        Optional[Path], typer.Option(help="Evidence archive to read. Default: the evidence/ folder beside the catalogue.")
    ] = None,
    offline: OfflineOption = False,
    refresh: RefreshOption = False,
    cache_dir: CacheDirOption = None,
    format: Annotated[
        Optional[str],
        typer.Option(
            "--format", "-f", metavar="FORMAT",
            help="What stdout gets: table (the default), json, csv, markdown, html, junit or claimreview. "
            "Also the format of an --output whose extension names none.",
        ),
    ] = None,
    output: Annotated[
        Optional[list[str]],
        typer.Option(
            "--output", "-o", metavar="PATH",
            help="Write a report file (repeatable), its format taken from the extension: .txt table, .json, .csv, "
            ".md, .html, .xml junit, .jsonld claimreview; or named, as junit:results.out. Files are written "
            "whole or not at all. With --output, stdout stays quiet unless one of them is - (stdout).",
        ),
    ] = None,
    select: Annotated[
        Optional[list[str]],
        typer.Option(
            "--select", "-s", metavar="KIND:GLOB",
            help="Check only some claims: id:GLOB, article:GLOB, tag:GLOB, subject:GLOB, or verdict:GLOB (its "
            "verdict in the last run, which every run records in .dscheck/last-run.json beside the catalogue). "
            "Repeatable: selectors of one kind add up, different kinds narrow. A bare GLOB is an id. "
            "A selector that matches no claim is an error (exit 2).",
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the summary line (files are still written).")] = False,
    fail_on: Annotated[
        str, typer.Option(help="Verdicts that fail the run (exit 1), comma-separated. error always fails.")
    ] = ",".join(DEFAULT_FAIL_ON),
    review_url: Annotated[
        str, typer.Option(metavar="URL", help="Where the HTML report will be published: ClaimReview urls point at its claims.")
    ] = "",
    reviewer: Annotated[str, typer.Option(metavar="NAME", help="Who publishes the fact-check (ClaimReview author).")] = "",
) -> None:
    """Check every claim of a catalogue against the evidence and print the verdicts.

    Colour only on a terminal without NO_COLOR. Under GitHub Actions, failing claims are also
    annotations on their catalogue line and the Markdown report goes to the step summary.

    Exit codes: 0 no claim failed, 1 some claim failed, 2 bad command line or catalogue,
    3 evidence missing or damaged.

    Example: dscheck verify claims.yaml -o report.html -o junit.xml --select verdict:inaccurate
    """
    from dscheck import reports
    from dscheck.market.interface import MarketDataError
    from dscheck.verdicts import verify as run

    to_stdout, files = _reports(format, output or [])
    failing = _fail_on(fail_on)
    parsed = _load(catalogue)
    chosen = _choose(parsed, catalogue, select or [])
    root = evidence if evidence is not None else catalogue.parent / "evidence"
    market = _market(ctx, root, evidence is not None, offline=offline, refresh=refresh, cache_dir=cache_dir)
    try:
        results = run(chosen, market)
    except MarketDataError as exc:
        raise Failure(str(exc), Exit.EVIDENCE) from None
    report = reports.Run(
        tuple(results), str(catalogue), str(root), parsed.articles, failing, dt.date.today(), review_url, reviewer
    )
    _remember(catalogue, report, parsed)
    from dscheck.reports.deliver import Terminal, deliver

    terminal = Terminal(sys.stdout, sys.stderr, sys.stdout.isatty(), dict(os.environ))
    try:
        warnings = deliver(report, files, to_stdout, terminal, quiet=quiet)
    except reports.ReportError as exc:
        raise Failure(str(exc), Exit.USAGE) from None
    for warning in warnings:
        _err(warning)
    for result in results:
        if result.damaged_evidence:
            _err(f"damaged evidence: {result.conclusion}")
            break
    _tell(market)
    code = exit_code(results, failing, missing_evidence=bool(market.missing))
    if _AT_ONCE:
        _leave(code)  # here, while the run's objects are held: raising Exit would free them all on the way out
    raise typer.Exit(code)


def _market(ctx: typer.Context, root: Path, named: bool, *, offline: bool, refresh: bool, cache_dir: Path | None,
            extend: bool = False):
    """The market data: the evidence archive at `root` (if there is one), then the cache, then Yahoo Finance.

    Tests hand in Yahoo's session, clock and sleep through the context object: {"yahoo": {...}}.
    """
    from dscheck.market.archive import EvidenceArchive
    from dscheck.market.layered import Deferred, Layered, utc_now

    if offline and refresh:
        raise Failure("--offline and --refresh cannot be used together: --refresh fetches again, --offline never fetches", Exit.USAGE)
    archive = None
    if root.is_dir() and any(root.iterdir()):
        archive = EvidenceArchive(root)  # a damaged one stops the run when it is first read
    elif named and not root.is_dir():
        what = "is not a folder" if root.exists() else "does not exist"
        raise Failure(
            f"no evidence archive at {root}: the folder {what}. Build one with `dscheck evidence fetch` or "
            "`dscheck evidence import DIR`, or leave out --evidence to fetch from Yahoo Finance",
            Exit.EVIDENCE,
        )
    yahoo = dict((ctx.obj or {}).get("yahoo", {})) if isinstance(ctx.obj, dict) else {}

    def make_cache():
        from dscheck.market.cache import Cache, default_dir

        return Cache(cache_dir if cache_dir is not None else default_dir())

    def make_live():
        from dscheck.market.yahoo import YahooFinance

        return YahooFinance(cache_dir=cache.root / "yfinance", **yahoo)

    cache, live = Deferred(make_cache), Deferred(make_live)
    return Layered(
        archive, cache, live, offline=offline, refresh=refresh, clock=yahoo.get("clock", utc_now), extend=extend,
        archive_root=str(root),
    )


def _tell(market) -> None:
    """What the user must hear about the market data: damaged cache files, and data that could not be had."""
    for notice in market.notices:
        _err(f"note: {notice}")
    if market.missing:
        count = len(market.missing)
        tail = (
            "; the claims that needed it are unverifiable" if count == 1
            else f" ({count} series in all could not be had; the claims that needed them are unverifiable)"
        )
        _err(f"market data missing: {market.missing[0]}{tail}")


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
    from dscheck.market.interface import MarketDataError

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
    except MarketDataError as exc:  # the archive being extended has a damaged manifest
        raise Failure(f"nothing imported: {exc}", Exit.EVIDENCE) from None
    except OSError as exc:
        raise Failure(f"nothing imported: cannot write {exc.filename or into} ({exc.strerror})", Exit.USAGE) from None
    for item in report:
        typer.echo(f"{item.file}: {item.rows} bars, {item.symbol} {item.interval}, calendar {item.calendar or 'none'}")
        for warning in item.warnings:
            typer.echo(f"  note: {warning}")
    for item in skipped:
        typer.echo(f"skipped {item}")
    typer.echo(f"{len(report)} files imported into {into}")


@evidence_app.command("fetch")
def evidence_fetch(
    ctx: typer.Context,
    catalogue: CatalogueArg = Path("claims.yaml"),
    into: Annotated[
        Optional[Path], typer.Option(help="The evidence archive to write or extend. Default: evidence/ beside the catalogue.")
    ] = None,
    offline: OfflineOption = False,
    refresh: RefreshOption = False,
    cache_dir: CacheDirOption = None,
) -> None:
    """Fetch the bars a catalogue's claims need from Yahoo Finance into an evidence archive.

    Each series is taken from the archive if it already holds it, else from the cache, else from Yahoo
    Finance (one request per symbol, interval and span); what the archive lacked is written into it, with the
    source, interval and fetch time in its manifest. `dscheck verify --offline` then gives the same verdicts
    without the network. With --offline, the archive is filled from the cache alone.

    Exit codes: 0 everything the claims need is in the archive (or Yahoo has none), 2 bad command line or
    catalogue, 3 some bars could not be fetched (no network, rate limit, server error) or the archive is damaged.

    Example: dscheck evidence fetch claims.yaml --into evidence && dscheck verify claims.yaml --offline
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from dscheck.market.fetch import fetch
    from dscheck.market.interface import MarketDataError

    parsed = _load(catalogue)
    root = into if into is not None else catalogue.parent / "evidence"
    market = _market(ctx, root, False, offline=offline, refresh=refresh, cache_dir=cache_dir, extend=True)
    bar = Progress(
        TextColumn("{task.description:<24}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=Console(stderr=True), transient=True,
    )
    try:
        with bar:
            task = bar.add_task("planning", total=None)
            report = fetch(parsed, root, market, lambda what, done, total: bar.update(task, description=what, completed=done, total=total))
    except MarketDataError as exc:
        raise Failure(str(exc), Exit.EVIDENCE) from None
    except OSError as exc:
        raise Failure(f"could not write the evidence archive at {root} ({exc.strerror or exc})", Exit.EVIDENCE) from None
    for line in report.written:
        typer.echo(f"{line}")
    for notice in report.notices:
        _err(f"note: {notice}")
    for problem in report.problems:
        _err(f"not in the archive: {problem}")
    typer.echo(
        f"{root}: {len(report.written)} series written, {len(report.present)} already there, "
        f"{len(report.problems)} not available ({report.requests} needed by {catalogue})"
    )
    raise typer.Exit(Exit.EVIDENCE if report.missing else Exit.OK)


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


InstrumentsOpt = Annotated[
    Optional[list[Path]],
    typer.Option("--instruments", help="More instrument names, laid out like the bundled instruments.yaml (repeatable)."),
]


def _day(text: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise Failure(f'{what}: "{text}" is not a date written YYYY-MM-DD', Exit.USAGE) from None


@app.command("extract")
def extract_command(
    article: Annotated[Path, typer.Argument(help="The article: a UTF-8 text file, Korean or English.")],
    date: Annotated[
        Optional[str], typer.Option(help="The article's date, YYYY-MM-DD; relative dates resolve against it. Default: today.")
    ] = None,
    article_id: Annotated[Optional[str], typer.Option(help="The article's id in the catalogue. Default: from the file name.")] = None,
    into: Annotated[
        Optional[Path], typer.Option(help="Add the drafts to this catalogue (made if missing) instead of printing them.")
    ] = None,
    instruments: InstrumentsOpt = None,
) -> None:
    """Draft v1 claims from a news article, for a person to confirm.

    Each claim carries its quote, subject, metric, value, date and time, with the rules' confidence and
    reasons in a comment; numbers that could not be mapped follow as commented-out drafts.

    Example: dscheck extract article.txt --date 2025-01-27 --into claims.yaml
    """
    import re

    from dscheck.extract import ExtractError, append_to, extract, load_instruments, render
    from dscheck.extract.draft import article_id_for

    day = _day(date, "--date") if date else dt.date.today()
    if article_id is not None and not re.fullmatch(r"[a-z0-9][a-z0-9-]*", article_id):
        raise Failure(f'--article-id: "{article_id}" must be lowercase letters, digits and hyphens', Exit.USAGE)
    try:
        text = article.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise Failure(f"{article}: cannot read it as UTF-8 text ({exc})", Exit.USAGE) from None
    try:
        lexicon = load_instruments(instruments or ())
        drafts = extract(text, day, lexicon)
        named = dict(article_id=article_id or article_id_for(article.stem), article_date=day, source=article.name, text=text)
        if into is None:
            sys.stdout.write(render(drafts, **named))
            return
        from dscheck.files import atomic_write

        atomic_write(into, append_to(into, drafts, **named).encode("utf-8"))
    except ExtractError as exc:
        raise Failure(str(exc), Exit.USAGE) from None
    typer.echo(f"{into}: added {len(drafts.claims)} draft claims and {len(drafts.unmapped)} commented-out numbers")


@app.command("extract-score")
def extract_score(
    folder: Annotated[Path, typer.Argument(help="A folder of articles (.txt), such as ../shared/seeds.")],
    catalogue: CatalogueArg = Path("claims.yaml"),
    date: Annotated[
        Optional[list[str]], typer.Option(help="FILE=YYYY-MM-DD for an article the catalogue dates only by month (repeatable).")
    ] = None,
    instruments: InstrumentsOpt = None,
    min_recall: Annotated[str, typer.Option(help="Exit 1 when recall is below this.")] = "0",
    min_precision: Annotated[str, typer.Option(help="Exit 1 when precision is below this.")] = "0",
) -> None:
    """Score the extractor: its drafts of each article against a curated catalogue of the same articles.

    A drafted market claim matches a curated one when subject, metric, signed value, qualifier, date and
    time are all equal. Prints recall and precision, then what was missed and what was drafted besides.

    Example: dscheck extract-score ../shared/seeds claims.yaml --date 002_3a20c9c0fc07bcd5.txt=2025-01-30
    """
    from dscheck.extract import ExtractError, load_instruments
    from dscheck.extract.score import score

    dates = {}
    for item in date or ():
        name, sep, text = item.partition("=")
        if not sep or not name:
            raise Failure(f'--date: expected FILE=YYYY-MM-DD, got "{item}"', Exit.USAGE)
        dates[name] = _day(text, "--date")
    try:
        floor = (float(min_recall), float(min_precision))
    except ValueError:
        raise Failure("--min-recall and --min-precision take numbers between 0 and 1", Exit.USAGE) from None
    if not folder.is_dir():
        raise Failure(f"{folder}: not a folder of articles", Exit.USAGE)
    try:
        result = score(folder, catalogue, load_instruments(instruments or ()), dates)
    except ExtractError as exc:
        raise Failure(str(exc), Exit.USAGE) from None
    for item in result.files:
        typer.echo(f"{item.name} ({item.date}): {len(item.expected)} curated, {len(item.drafted)} drafted, {item.matched} matched")
    for name in result.skipped:
        typer.echo(f"{name}: skipped, no article of the catalogue names it as its source")
    agree = sum(f.same_extreme_and_invert for f in result.files)
    typer.echo(
        f"market claims: {result.expected} curated, {result.drafted} drafted, {result.matched} matched: "
        f"recall {result.recall:.2f}, precision {result.precision:.2f} ({agree} of the matched also agree on extreme and invert)"
    )
    for title, claims in (("missed (curated, not drafted)", [c for f in result.files for c in f.missed]),
                          ("extra (drafted, not curated)", [c for f in result.files for c in f.extra])):
        if claims:
            typer.echo(f"{title}:")
        for c in claims:
            when = f"{c.date}" + (f" {c.time:%H:%M}" if c.time else "")
            hedge = f" {c.qualifier}" if c.qualifier != "about" else ""
            typer.echo(f"  {c.id}: {c.subject} {c.metric} {c.value}{hedge} {when}  \"{c.quote}\"")
    if result.recall < floor[0] or result.precision < floor[1]:
        raise typer.Exit(Exit.FAILED)


def main(argv: list[str] | None = None, obj: dict | None = None, *, at_once: bool = False) -> None:
    """Run the app; every error ends as one message and an exit code, never a traceback.

    `argv` defaults to the command line; `obj` reaches commands as their context object (tests hand in
    Yahoo's session and clock through it). `at_once` (the console entry point) ends the process as soon as
    its output is flushed, while the run's objects are still held: Python would otherwise free them one by
    one first, a third of a second after 100,000 claims, for a process that is ending anyway. Every file
    dscheck writes is closed before that.
    """
    global _AT_ONCE
    _AT_ONCE, leave = at_once, (_leave if at_once else sys.exit)
    try:
        code = app(args=argv, standalone_mode=False, obj=obj)
    except Failure as exc:
        _err(str(exc))
        leave(exc.code)
    except typer.Exit as exc:
        leave(exc.exit_code)
    except KeyboardInterrupt:
        _err("interrupted")
        leave(Exit.INTERRUPTED)
    except typer.Abort:
        _err("interrupted")
        leave(Exit.INTERRUPTED)
    except typer.exceptions.TyperException as exc:  # a bad command line: typer's own usage errors
        if hasattr(exc, "show"):
            exc.show()
        else:
            _err(exc.format_message())
        leave(Exit.USAGE)
    except Exception as exc:  # a bug: still one line, never a traceback
        _err(f"internal error: {type(exc).__name__}: {exc}; please report it")
        leave(Exit.FAILED)
    if code == Exit.INTERRUPTED:  # typer turns Ctrl-C inside a command into a quiet exit code 130
        _err("interrupted")
    leave(code if isinstance(code, int) else 0)


_AT_ONCE = False  # set by main(at_once=True): the console entry point's process ends as soon as a run is done


def _leave(code: int) -> None:
    """End the process now with `code`, once stdout and stderr are flushed (a closed pipe loses only its output)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(int(code))
