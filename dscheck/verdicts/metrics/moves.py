"""Shared by the metrics that compare a price with a baseline (change_*, level, direction)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from dscheck.catalogue.interface import Claim
from dscheck.verdicts.bands import judge, numeric_bands
from dscheck.verdicts.interface import Interval, Verdict
from dscheck.verdicts.metrics.measurement import Measurement
from dscheck.verdicts.prices import (
    Bars,
    Reading,
    baseline,
    clock,
    extreme,
    fmt_price,
    instant_of,
    moment,
    remembered,
)


@dataclass(frozen=True)
class Move:
    """Price now and the baseline, in the claim's terms (inverted where the claim is about 1/price)."""

    now: Reading
    base: Reading | None
    inverted: bool

    def price(self, interval: Interval) -> Interval:
        return invert(interval) if self.inverted else interval


def invert(interval: Interval) -> Interval:
    return Interval(1 / interval.hi, 1 / interval.lo)


def read_move(claim: Claim, data: Bars, downward: bool | None, needs_base: bool = True) -> Move:
    """Read the baseline and the price at the claim's moment (or its extreme, going `downward` or up).

    Remembered in `data.readings` under everything the reading depends on, so claims about the same
    moment share it (and its evidence); what the data could not decide is remembered the same way.
    """
    far = claim.extreme and downward is not None
    return _remembered(claim, data, claim.time, far, downward if far else None, needs_base)


def _remembered(claim: Claim, data: Bars, time, far: bool, downward: bool | None, needs_base: bool) -> Move:
    key = (claim.date, time, claim.timezone, claim.baseline, claim.invert, far, downward, needs_base)
    return remembered(data, key, lambda: _read(claim, data, time, far, downward, needs_base))


def _read(claim: Claim, data: Bars, time, far: bool, downward: bool | None, needs_base: bool) -> Move:
    if (time, far) != (claim.time, claim.extreme):
        claim = replace(claim, time=time, extreme=far)
    base = baseline(claim, data) if needs_base else None
    # A fall in 1/price is a rise in the quoted price.
    now = extreme(claim, data, downward != claim.invert) if far else moment(claim, data)
    return Move(now, base, claim.invert)  # prices stay as quoted; metrics apply the inversion


def describe(claim: Claim, move: Move, shown: str) -> str:
    """One sentence: where the price was, in the instrument's own quote, and the change it makes."""
    now = move.now.price
    level = fmt_price(now.lo) if now.exact else f"between {fmt_price(now.lo)} and {fmt_price(now.hi)}"
    if move.now.extreme:
        sentence = f"{claim.subject}'s {move.now.how} was {level}"
    else:
        sentence = f"{claim.subject} {'was' if now.exact else 'traded'} {level} {move.now.how}"
    if move.base is not None:
        base = move.base.price
        base_text = fmt_price(base.lo) if base.exact else f"{fmt_price(base.lo)}-{fmt_price(base.hi)}"
        inverse = f" for 1/{claim.subject}, the inverse quote the claim is about," if claim.invert else ""
        sentence += f": {shown}{inverse} against {base_text} {move.base.how}"
    return sentence + "."


def closing_note(claim: Claim, data: Bars, compute: Callable[[Interval, Interval], Interval], fmt) -> str | None:
    """For a claim about a moment in the day: where the day ended, as context."""
    if instant_of(claim) is None and not claim.extreme:
        return None
    try:
        move = _remembered(claim, data, None, False, None, True)  # the claim as if it spoke of the close
    except Exception:  # context only: no close, no note
        return None
    value = compute(move.price(move.now.price), move.price(move.base.price)) if move.base else move.price(move.now.price)
    if not value.exact:
        return None
    return f"It closed at {fmt(value.lo)}."


def reached_note(claim: Claim, data: Bars, target: float | None) -> str | None:
    """For an intraday claim that missed: the time nearest the claimed moment when the claimed price traded."""
    if target is None or (instant_of(claim) is None and not claim.extreme):
        return None
    if target <= 0:  # no price trades at zero or below (nor at 1/0 for an inverted quote)
        return None
    price = 1 / target if claim.invert else target
    at = instant_of(claim)
    for series in data.intraday:
        key = ("bars with a time and a range", series.interval, claim.date)
        bars = data.readings.get(key)
        if bars is None:  # the same for every claim about that day: looked for once
            bars = data.readings[key] = [
                b for b in series.session(claim.date) if b.low is not None and b.high is not None and b.start
            ]
        if not bars:
            continue
        hits = [b for b in bars if b.low <= price <= b.high]
        if not hits:
            return f"The claimed level ({fmt_price(price)}) did not trade at any time that day in the {series.interval} bars."
        nearest = min(hits, key=lambda b: abs((b.start - at).total_seconds())) if at else hits[0]
        return (
            f"The claimed level ({fmt_price(price)}) traded in the {clock(nearest.start, claim.timezone)} "
            f"{series.interval} bar{', the nearest such bar to the claimed time' if at else ''}."
        )
    return None


def misses(actual: Interval, accepted: Interval, approximate: Interval) -> bool:
    """Whether the claim will not hold: only then is a reached_note said (engine.conclude), so only then worked out."""
    return judge(actual, accepted, approximate) in (Verdict.APPROXIMATE, Verdict.INACCURATE)


def measure_change(
    claim: Claim,
    data: Bars,
    *,
    compute: Callable[[Interval, Interval], Interval],
    fmt: Callable[[float], str],
    fraction: float,
    target: Callable[[float, float], float],
):
    """The shared check of change_pct, change_bp and change_points."""
    move = read_move(claim, data, downward=float(claim.value) < 0)
    actual = compute(move.price(move.now.price), move.price(move.base.price))
    accepted, approximate = numeric_bands(claim, fraction)
    shown = fmt(actual.lo) if actual.exact else f"{fmt(actual.lo)} to {fmt(actual.hi)}"
    base = move.price(move.base.price)
    note = closing_note(claim, data, compute, fmt)
    return Measurement(
        actual=actual,
        accepted=accepted,
        approximate=approximate,
        shown=shown,
        says=describe(claim, move, shown),
        bars=move.now.bars + move.base.bars,
        notes=(note,) if note else (),
        reached=(
            reached_note(claim, data, target(base.lo, float(claim.value)) if base.exact else None)
            if misses(actual, accepted, approximate)
            else None
        ),
    )
