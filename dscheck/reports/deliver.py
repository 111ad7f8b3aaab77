"""Where a run's reports go: files (atomically), stdout (coloured only on a terminal without NO_COLOR), and CI."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from dscheck.files import atomic_write
from dscheck.reports import github
from dscheck.reports.interface import Format, ReportError, Run
from dscheck.reports.summary import line


@dataclass(frozen=True)
class Terminal:
    """The outside world of one run: stdout, whether it is a terminal, and the environment."""

    out: TextIO
    err: TextIO
    is_terminal: bool
    env: Mapping[str, str]

    @property
    def plain(self) -> bool:
        """No colour or styling codes: a pipe or a file, or NO_COLOR set (https://no-color.org)."""
        return not self.is_terminal or bool(self.env.get("NO_COLOR"))

    @property
    def width(self) -> int | None:
        columns = self.env.get("COLUMNS", "")
        return int(columns) if columns.isdigit() and int(columns) > 0 else None


def print_table(run: Run, terminal: Terminal) -> None:
    from dscheck.reports.table import WIDE, blocks, build

    if terminal.plain and (terminal.width or 80) < WIDE:
        terminal.out.write(blocks(list(run.results), terminal.width or 80) + line(run.results) + "\n")
        return
    from rich.console import Console

    console = Console(
        file=terminal.out,
        force_terminal=terminal.is_terminal and not terminal.plain,
        color_system=None if terminal.plain else "auto",
        width=terminal.width,
        highlight=False,
    )
    console.print(build(list(run.results), console.width))
    console.print(line(run.results))


def deliver(
    run: Run,
    files: Sequence[tuple[Format, Path]],
    stdout: Format | None,
    terminal: Terminal,
    *,
    quiet: bool = False,
) -> list[str]:
    """Write every file, then stdout, then the CI extras; returns warnings for stderr.

    Files come first so that what a CI step uploads exists even if the terminal goes away.
    """
    for fmt, path in files:
        try:
            atomic_write(path, fmt.render(run).encode("utf-8"))
        except OSError as exc:
            raise ReportError(f"{path}: cannot write the {fmt.name} report ({exc.strerror or exc})") from None
    document = not quiet and stdout is not None and stdout.name != "table"
    on_github = github.active(terminal.env)
    if on_github:
        # Annotations must not land inside a JSON or CSV document on stdout; the runner reads both streams.
        github.annotate(run, terminal.env, terminal.err if document else terminal.out)
    if document:
        terminal.out.write(stdout.render(run))
    elif quiet or stdout is not None:
        # Catalogue text printed in a log could read as a workflow command ("::add-mask::", "##[error]").
        token = None
        if on_github:
            import secrets

            token = secrets.token_hex(12)
        if token:
            terminal.out.write(f"::stop-commands::{token}\n")
        if quiet:
            terminal.out.write(line(run.results) + "\n")
        else:
            print_table(run, terminal)
        if token:
            terminal.out.write(f"::{token}::\n")
    problem = github.summarise(run, terminal.env) if on_github else None
    return [problem] if problem else []
