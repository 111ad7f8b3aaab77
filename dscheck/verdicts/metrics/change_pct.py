"""change_pct: the percent change from the baseline (the previous close unless the claim says otherwise)."""

from __future__ import annotations

from dscheck.verdicts.interface import Interval
from dscheck.verdicts.metrics.moves import measure_change

NAME = "change_pct"
APPROXIMATE_FRACTION = 0.10


def compute(now: Interval, base: Interval) -> Interval:
    return Interval(100 * (now.lo / base.hi - 1), 100 * (now.hi / base.lo - 1))


def fmt(value: float) -> str:
    return f"{value:+.2f} %"


def check(claim, data):
    return measure_change(
        claim, data, compute=compute, fmt=fmt, fraction=APPROXIMATE_FRACTION,
        target=lambda base, value: base * (1 + value / 100),
    )
