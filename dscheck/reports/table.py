"""The terminal view: a table on a wide screen, one block per claim on a narrow one."""

from __future__ import annotations

import io

from dscheck.reports.interface import Run
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
# The narrow columns take at most ~115 columns with their borders; below this width the conclusion
# would get fewer than its 45, and one block per claim reads better.
WIDE = 160


def _when(result: Result) -> str:
    claim = result.claim
    if not claim.date:
        return ""
    return claim.date.isoformat() + (f" {claim.time:%H:%M}" if claim.time else " close")


def _facts(result: Result) -> str:
    """The block view's second and later heading text: what was claimed and what the data says."""
    if not result.claimed_text:
        return ""
    return f"\n  claimed {result.claimed_text}" + (f"; actual {result.actual_text}" if result.actual_text else "")


def blocks(results: list[Result], width: int) -> str:
    """The block view as plain text, for a pipe, a file or NO_COLOR: what rich would print there, less the
    trailing spaces, without loading rich's console (a third of a small run's time)."""
    import textwrap

    out = []
    for r in results:
        out.append(f"{r.verdict.value.upper()}  {r.claim.id}  {r.claim.subject or ''}  {_when(r)}".rstrip() + _facts(r))
        out += textwrap.wrap(
            r.conclusion, max(width, 20), initial_indent="  ", subsequent_indent="  ", break_on_hyphens=False
        )
        out.append("")
    return "\n".join(out) + "\n"


def build(results: list[Result], width: int = WIDE):
    """A rich renderable of the results (rich is imported here, never in the core)."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    if width < WIDE:
        view = []
        for r in results:
            head = Text.assemble(
                (r.verdict.value.upper(), STYLES[r.verdict]), "  ", (r.claim.id, "bold"),
                f"  {r.claim.subject or ''}  {_when(r)}",
            )
            head.append(_facts(r))
            view += [head, Padding(Text(r.conclusion), (0, 0, 1, 2))]
        return Group(*view)

    from rich.table import Table

    table = Table(title="dscheck verify", show_lines=True, expand=True)
    table.add_column("claim", overflow="fold", min_width=16, max_width=32)
    table.add_column("subject", no_wrap=True)
    table.add_column("claimed", min_width=10, max_width=18)
    table.add_column("actual", min_width=12, max_width=22)
    table.add_column("verdict", no_wrap=True)
    table.add_column("conclusion", ratio=1, min_width=45)
    for r in results:
        when = _when(r)
        table.add_row(
            r.claim.id + (f"\n{when}" if when else ""),
            r.claim.subject or "",
            r.claimed_text,
            r.actual_text,
            Text(r.verdict.value, style=STYLES[r.verdict]),
            r.conclusion,
        )
    return table


def render(run: Run, *, width: int = 160, color: bool = False) -> str:
    """The table as text for a file or a pipe: plain unless `color`."""
    from rich.console import Console

    results = list(run.results)
    out = io.StringIO()
    console = Console(file=out, width=width, color_system="standard" if color else None, force_terminal=color)
    console.print(build(results, width))
    console.print(line(results))
    return out.getvalue()
