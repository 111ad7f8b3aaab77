"""change_bp: the change of a rate quoted in percent, in basis points (0.01 percentage point)."""

from __future__ import annotations

from dscheck.verdicts.interface import Interval
from dscheck.verdicts.metrics.moves import measure_change

NAME = "change_bp"
APPROXIMATE_FRACTION = 0.10


def compute(now: Interval, base: Interval) -> Interval:
    return Interval(100 * (now.lo - base.hi), 100 * (now.hi - base.lo))


def fmt(value: float) -> str:
    return f"{value:+.1f} bp"


def check(claim, data):
    return measure_change(
        claim, data, compute=compute, fmt=fmt, fraction=APPROXIMATE_FRACTION,
        target=lambda base, value: base + value / 100,
    )
