"""The CSV report joins its cells itself instead of going through csv.DictWriter (for speed): its bytes must be
the ones csv.DictWriter wrote, for any text a catalogue or a verdict can hold."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import itertools
import math

from report_samples import RESULTS, RUN

from dscheck import reports
from dscheck.catalogue.interface import Location
from dscheck.reports.csv import COLUMNS
from dscheck.verdicts.interface import Interval

# Text a spreadsheet or a CSV reader could trip on: separators, quotes, every kind of line break, formula
# starts, non-ASCII, and nothing at all.
NASTY = (
    "",
    "plain",
    "a,b",
    'say "hi"',
    '"',
    ",",
    'both, "and"',
    "two\nlines",
    "carriage\rreturn",
    "windows\r\nline",
    "\r",
    "\n",
    "=1+1",
    "+x",
    "-3 %",
    "@sum",
    "\tindented",
    "\rstart",
    " spaced ",
    "é — ✓ 나스닥",
    "line\u2028separator",
    "semi;colon|pipe'apostrophe",
)


def reference(run: reports.Run) -> str:
    """The CSV report as it was written before it was sped up: csv.DictWriter, row by row."""

    def text(value):
        value = value or ""
        return "'" + value if value.startswith(("=", "+", "-", "@", "\t", "\r")) else value

    def ends(interval):
        if interval is None:
            return "", ""
        lo, hi = interval.as_list()
        return ("" if lo is None else lo), ("" if hi is None else hi)

    def claimed(value):
        if value is None:
            return ""
        return value if isinstance(value, (int, float)) else text(value)

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for result in run.results:
        claim = result.claim
        actual_lo, actual_hi = ends(result.actual)
        accepted_lo, accepted_hi = ends(result.accepted)
        market = claim.is_market
        writer.writerow({
            "id": claim.id,
            "article": text(claim.article),
            "location": str(claim.location),
            "subject": text(claim.subject),
            "metric": claim.metric or "",
            "date": claim.date.isoformat() if claim.date else "",
            "time": claim.time.strftime("%H:%M") if claim.time else "",
            "timezone": claim.timezone if market else "",
            "qualifier": claim.qualifier if market else "",
            "claimed": claimed(claim.value),
            "claimed_text": result.claimed_text,
            "verdict": result.verdict.value,
            "failing": "yes" if run.failing(result) else "no",
            "actual_lo": actual_lo,
            "actual_hi": actual_hi,
            "actual_text": result.actual_text,
            "accepted_lo": accepted_lo,
            "accepted_hi": accepted_hi,
            "conclusion": text(result.conclusion),
            "quote": text(claim.quote),
            "tags": text(" ".join(claim.tags)),
        })
    return out.getvalue()


def nasty_results():
    """Every sample result with every nasty text in every text field, and odd numbers, times and intervals."""
    texts = itertools.cycle(NASTY)
    numbers = itertools.cycle((0.0, -0.0, 1e-7, 123456789.125, -16.97, 1e22, 7, math.inf, -math.inf, math.nan))
    for base, text in itertools.product(RESULTS, NASTY):
        claim = dataclasses.replace(
            base.claim,
            id=text + "-id",
            article=text,
            location=Location(f"cat{text}.yaml", 1, 2),
            subject=text or None,
            metric=text or None,
            value=next(numbers) if len(text) % 2 else (text or None),
            qualifier=text,
            timezone=text,
            time=dt.time(len(text) % 24, 5, tzinfo=dt.timezone.utc if len(text) % 3 else None),
            quote=text,
            tags=(text, next(texts)) if text else (),
        )
        lo, hi = sorted((next(numbers), next(numbers)), key=lambda x: (math.isnan(x), x))
        yield dataclasses.replace(
            base,
            claim=claim,
            conclusion=next(texts) + text,
            claimed_text=text,
            actual_text=next(texts),
            actual=Interval(lo, hi),
            accepted=None if len(text) % 2 else Interval(-math.inf, next(numbers)),
        )


def test_csv_is_byte_for_byte_what_csv_dictwriter_wrote():
    run = dataclasses.replace(RUN, results=tuple(nasty_results()))
    assert len(run.results) == len(RESULTS) * len(NASTY)
    assert reports.FORMATS["csv"].render(run) == reference(run)


def test_csv_of_the_sample_run_and_of_no_results_is_unchanged():
    assert reports.FORMATS["csv"].render(RUN) == reference(RUN)
    empty = dataclasses.replace(RUN, results=())
    assert reports.FORMATS["csv"].render(empty) == reference(empty) == ",".join(COLUMNS) + "\n"
