"""The CSV report: one row per claim, for a spreadsheet or a script."""

from __future__ import annotations

import csv
import io

from dscheck.reports.interface import Run
from dscheck.verdicts.interface import Interval, Result

COLUMNS = (
    "id",
    "article",
    "location",
    "subject",
    "metric",
    "date",
    "time",
    "timezone",
    "qualifier",
    "claimed",
    "claimed_text",
    "verdict",
    "failing",
    "actual_lo",
    "actual_hi",
    "actual_text",
    "accepted_lo",
    "accepted_hi",
    "conclusion",
    "quote",
    "tags",
)

# A cell of catalogue text that starts like a formula would be run by a spreadsheet; an apostrophe keeps it
# text. dscheck's own figures ("-15.00 %") are left alone: they are what the reader should see.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    """`value` as csv.writer writes it in this report's dialect (excel, minimal quoting): in quotes when it
    holds a comma, a quote or a line break, its quotes doubled.

    The report is joined here rather than by csv.writer, which looks at every character of it one by one:
    that was half the time of a large report. A carriage return is left to the csv module, as whether it
    quotes a lone one depends on the Python version (3.13 does, 3.11 does not).
    """
    if "\r" in value:
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow((value,))
        return out.getvalue()[:-1]
    if '"' in value:
        return '"' + value.replace('"', '""') + '"'
    if "," in value or "\n" in value:
        return '"' + value + '"'
    return value


def _text(value: str | None) -> str:
    """Catalogue text as a cell."""
    value = value or ""
    return _cell("'" + value if value.startswith(_FORMULA) else value)


def _ends(interval: Interval | None) -> tuple[str, str]:
    if interval is None:
        return "", ""
    lo, hi = interval.as_list()
    return ("" if lo is None else str(lo)), ("" if hi is None else str(hi))  # str(): what csv.writer writes


def _claimed(value: float | str | None) -> str:
    if value is None:
        return ""
    return str(value) if isinstance(value, (int, float)) else _text(value)


def row(result: Result, failing: bool) -> tuple[str, ...]:
    """One claim's row as CSV cells, in the order of COLUMNS.

    Text goes through _cell or _text; the dates, times, numbers and verdict names dscheck writes itself never
    hold a comma, a quote or a line break, and skip that check (a tenth of the time of a large report).
    """
    claim = result.claim
    actual_lo, actual_hi = _ends(result.actual)
    accepted_lo, accepted_hi = _ends(result.accepted)
    market = claim.is_market
    return (
        _cell(claim.id),
        _text(claim.article),
        _cell(str(claim.location)),
        _text(claim.subject),
        _cell(claim.metric or ""),
        claim.date.isoformat() if claim.date else "",
        # what strftime("%H:%M") writes, in half the time
        f"{claim.time.hour:02d}:{claim.time.minute:02d}" if claim.time else "",
        _cell(claim.timezone) if market else "",
        _cell(claim.qualifier) if market else "",
        _claimed(claim.value),
        _cell(result.claimed_text),
        result.verdict.value,
        "yes" if failing else "no",
        actual_lo,
        actual_hi,
        _cell(result.actual_text),
        accepted_lo,
        accepted_hi,
        _text(result.conclusion),
        _text(claim.quote),
        _text(" ".join(claim.tags)),
    )


def render(run: Run) -> str:
    lines = [",".join(COLUMNS)]  # no column name needs quoting
    lines.extend(",".join(row(result, run.failing(result))) for result in run.results)
    lines.append("")  # the last row ends with a newline too
    return "\n".join(lines)
