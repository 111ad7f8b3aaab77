"""level: the price, index level or rate itself at the claim's moment."""

from __future__ import annotations

from dscheck.verdicts.bands import numeric_bands
from dscheck.verdicts.metrics.measurement import Measurement
from dscheck.verdicts.metrics.moves import closing_note, describe, misses, read_move, reached_note
from dscheck.verdicts.prices import baseline, fmt_price

NAME = "level"
fmt = fmt_price
APPROXIMATE_FRACTION = 0.01


def check(claim, data) -> Measurement:
    downward = None
    if claim.extreme:
        # "as low as 4.50 %": the claimed level lies below where the day started from.
        base = baseline(claim, data).price
        base_value = 1 / base.lo if claim.invert else base.lo
        downward = float(claim.value) < base_value
    move = read_move(claim, data, downward, needs_base=False)
    actual = move.price(move.now.price)
    accepted, approximate = numeric_bands(claim, APPROXIMATE_FRACTION)
    shown = fmt_price(actual.lo) if actual.exact else f"{fmt_price(actual.lo)} to {fmt_price(actual.hi)}"
    note = closing_note(claim, data, lambda now, base: now, fmt_price)
    return Measurement(
        actual=actual,
        accepted=accepted,
        approximate=approximate,
        shown=shown,
        says=describe(claim, move, shown),
        bars=move.now.bars,
        notes=(note,) if note else (),
        reached=reached_note(claim, data, float(claim.value)) if misses(actual, accepted, approximate) else None,
    )
