"""change_points: the change from the baseline in the instrument's own units (index points, dollars)."""

from __future__ import annotations

from dscheck.verdicts.interface import Interval
from dscheck.verdicts.metrics.moves import measure_change

NAME = "change_points"
APPROXIMATE_FRACTION = 0.10


def compute(now: Interval, base: Interval) -> Interval:
    return Interval(now.lo - base.hi, now.hi - base.lo)


def fmt(value: float) -> str:
    return f"{value:+,.2f}"


def check(claim, data):
    return measure_change(
        claim, data, compute=compute, fmt=fmt, fraction=APPROXIMATE_FRACTION,
        target=lambda base, value: base + value,
    )
