"""The terminal table: claim, subject, claimed, actual, verdict in colour, conclusion."""

from __future__ import annotations

import io

from dscheck.reports.summary import line
from dscheck.verdicts.interface import Result, Verdict

STYLES = {
    Verdict.ACCURATE: "bold green",
    Verdict.APPROXIMATE: "yellow",
    Verdict.CONSISTENT: "cyan",
    Verdict.INACCURATE: "bold red",
    Verdict.UNVERIFIABLE: "magenta",
    Verdict.OUT_OF_SCOPE: "dim",
    Verdict.ERROR: "bold white on red",
}


def build(results: list[Result]):
    """A rich Table of the results (rich is imported here, never in the core)."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title="dscheck verify", show_lines=True, expand=True)
    table.add_column("claim", overflow="fold", ratio=2)
    table.add_column("subject", no_wrap=True)
    table.add_column("claimed", ratio=1)
    table.add_column("actual", ratio=1)
    table.add_column("verdict", no_wrap=True)
    table.add_column("conclusion", ratio=6)
    for r in results:
        claim = r.claim
        when = ""
        if claim.date:
            when = f"\n{claim.date.isoformat()}" + (f" {claim.time:%H:%M}" if claim.time else " close")
        table.add_row(
            f"{claim.id}{when}",
            claim.subject or "",
            r.claimed_text,
            r.actual_text,
            Text(r.verdict.value, style=STYLES[r.verdict]),
            r.conclusion,
        )
    return table


def render(results: list[Result], context: dict | None = None, *, width: int = 160, color: bool = False) -> str:
    from rich.console import Console

    out = io.StringIO()
    console = Console(file=out, width=width, color_system="standard" if color else None, force_terminal=color)
    console.print(build(results))
    console.print(line(results))
    return out.getvalue()
