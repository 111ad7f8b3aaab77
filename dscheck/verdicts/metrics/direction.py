"""direction: the claim says only which way the price moved (and, with min_pct, by at least how much)."""

from __future__ import annotations

import math

from dscheck.verdicts.interface import Interval
from dscheck.verdicts.metrics import change_pct
from dscheck.verdicts.metrics.measurement import Measurement
from dscheck.verdicts.metrics.moves import closing_note, describe, read_move

NAME = "direction"
fmt = change_pct.fmt


def check(claim, data) -> Measurement:
    up = claim.value == "up"
    sign = 1.0 if up else -1.0
    move = read_move(claim, data, downward=not up)
    actual = change_pct.compute(move.price(move.now.price), move.price(move.base.price))
    moved = Interval(0.0, math.inf, lo_open=True).scaled(sign)
    if claim.min_pct:
        accepted = Interval(claim.min_pct, math.inf).scaled(sign)
    else:
        accepted = moved
    fmt = change_pct.fmt
    shown = fmt(actual.lo) if actual.exact else f"{fmt(actual.lo)} to {fmt(actual.hi)}"
    note = closing_note(claim, data, change_pct.compute, fmt)
    return Measurement(
        actual=actual,
        accepted=accepted,
        approximate=moved,
        shown=shown,
        says=describe(claim, move, shown),
        bars=move.now.bars + move.base.bars,
        notes=(note,) if note else (),
    )
