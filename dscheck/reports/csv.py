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


def _text(value: str | None) -> str:
    value = value or ""
    return "'" + value if value.startswith(_FORMULA) else value


def _ends(interval: Interval | None) -> tuple[float | str, float | str]:
    if interval is None:
        return "", ""
    lo, hi = interval.as_list()
    return ("" if lo is None else lo), ("" if hi is None else hi)


def _claimed(value: float | str | None) -> float | str:
    if value is None:
        return ""
    return value if isinstance(value, (int, float)) else _text(value)


def row(result: Result, failing: bool) -> dict:
    claim = result.claim
    actual_lo, actual_hi = _ends(result.actual)
    accepted_lo, accepted_hi = _ends(result.accepted)
    market = claim.is_market
    return {
        "id": claim.id,
        "article": _text(claim.article),
        "location": str(claim.location),
        "subject": _text(claim.subject),
        "metric": claim.metric or "",
        "date": claim.date.isoformat() if claim.date else "",
        "time": claim.time.strftime("%H:%M") if claim.time else "",
        "timezone": claim.timezone if market else "",
        "qualifier": claim.qualifier if market else "",
        "claimed": _claimed(claim.value),
        "claimed_text": result.claimed_text,
        "verdict": result.verdict.value,
        "failing": "yes" if failing else "no",
        "actual_lo": actual_lo,
        "actual_hi": actual_hi,
        "actual_text": result.actual_text,
        "accepted_lo": accepted_lo,
        "accepted_hi": accepted_hi,
        "conclusion": _text(result.conclusion),
        "quote": _text(claim.quote),
        "tags": _text(" ".join(claim.tags)),
    }


def render(run: Run) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for result in run.results:
        writer.writerow(row(result, run.failing(result)))
    return out.getvalue()
