"""Shared by worst_since and best_since: was this the largest move since a given month or day?"""

from __future__ import annotations

import calendar
from bisect import bisect_left
import datetime as dt
import math

from dscheck.verdicts.interface import Interval
from dscheck.verdicts.metrics import change_pct
from dscheck.verdicts.metrics.measurement import Measurement
from dscheck.verdicts.metrics.moves import read_move
from dscheck.verdicts.prices import Unverifiable, day_text, evidence


def period(value: str) -> tuple[dt.date, dt.date]:
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:])
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    day = dt.date.fromisoformat(value)
    return day, day


def check(claim, data, worst: bool) -> Measurement:
    daily = data.daily
    if daily.snapshot_close:
        raise Unverifiable(f"{daily.symbol}'s daily closes are snapshots, so its daily moves cannot be ranked")
    start, end = period(claim.value)
    move = read_move(claim, data, downward=worst)
    actual = change_pct.compute(move.price(move.now.price), move.price(move.base.price))
    if "daily moves" not in data.readings:  # worked out once per instrument and run (see Bars.readings)
        # (session, move, index of its bar): from the closes alone; only the bars a verdict names are read whole.
        sessions, closes = daily.sessions(), daily.closes()
        data.readings["daily moves"] = [
            (sessions[i], 100 * (closes[i] / closes[i - 1] - 1), i)
            for i in range(1, len(closes))
            if closes[i - 1] and closes[i] is not None
        ]
        data.readings["daily move dates"] = [h[0] for h in data.readings["daily moves"]]
    # The moves before the claim's day (sessions are in order).
    history = data.readings["daily moves"][: bisect_left(data.readings["daily move dates"], claim.date)]
    if not history or history[0][0] > end:
        raise Unverifiable(
            f"the {daily.symbol} daily history starts {day_text(daily.first)}, too late to rank moves since {claim.value}"
        )
    # Data that begins inside the period still decides, once it holds a move as far as the claimed one.
    partial = history[0][0] > start
    gaps = sorted(d for d in daily.missing_sessions if start <= d < claim.date)  # the earliest, every run
    if gaps:
        raise Unverifiable(f"the {daily.symbol} history lacks {len(gaps)} session(s) since {claim.value}, e.g. {gaps[0]}")
    if claim.invert:
        history = [(d, 100 * (1 / (1 + m / 100) - 1), b) for d, m, b in history]
    within = [h for h in history if start <= h[0] <= end]
    after = [h for h in history if end < h[0]]
    if not within:
        raise Unverifiable(f"the {daily.symbol} data has no session in {claim.value}")
    pick = min if worst else max
    best_within = pick(within, key=lambda h: h[1])
    best_after = pick(after, key=lambda h: h[1]) if after else None
    if worst:
        accepted = Interval(best_within[1], best_after[1] if best_after else math.inf, hi_open=True)
    else:
        accepted = Interval(best_after[1] if best_after else -math.inf, best_within[1], lo_open=True)
    fmt = change_pct.fmt
    if partial and (actual.lo < best_within[1] if worst else actual.hi > best_within[1]):
        raise Unverifiable(
            f"the {daily.symbol} daily history starts {day_text(daily.first)}, inside {claim.value}, and no session "
            f"it holds from then moved as far as {fmt(actual.lo if worst else actual.hi)}; an earlier one might have"
        )
    shown = fmt(actual.lo) if actual.exact else f"{fmt(actual.lo)} to {fmt(actual.hi)}"
    word = "worst" if worst else "best"
    says = f"{daily.symbol} moved {shown} {move.now.how}; its {word} day in {claim.value} was {fmt(best_within[1])} on {day_text(best_within[0])}"
    says += (
        f", and its {word} day between then and {day_text(claim.date)} was {fmt(best_after[1])} on {day_text(best_after[0])}."
        if best_after
        else "."
    )
    if actual.exact:
        beaten = [h for h in history if (h[1] <= actual.lo if worst else h[1] >= actual.lo)]
        if beaten:
            says += f" The last session that moved as far was {day_text(beaten[-1][0])} ({fmt(beaten[-1][1])})."
    used = (*move.now.bars, *move.base.bars, evidence("history", daily, daily.bars[best_within[2]]))
    if best_after:
        used += (evidence("history", daily, daily.bars[best_after[2]]),)
    return Measurement(actual, accepted, accepted, shown, says, used)
