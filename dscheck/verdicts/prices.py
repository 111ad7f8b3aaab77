"""Where a claim's prices stand in the bars: at a moment, at the close, the baseline, the day's extreme."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from collections.abc import Callable
from functools import cache
from itertools import accumulate
from typing import NamedTuple, TypeVar
from zoneinfo import ZoneInfo

from dscheck.catalogue.interface import Claim
from dscheck.market.interface import Bar, Series
from dscheck.verdicts.interface import EvidenceBar, Interval

T = TypeVar("T")


class Unverifiable(Exception):
    """The data cannot decide; carries the reason and the nearest evidence."""

    def __init__(self, reason: str, evidence: tuple[EvidenceBar, ...] = (), damaged: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.evidence = evidence
        self.damaged = damaged


@dataclass(frozen=True)
class Bars:
    """The data one claim can see: the daily series and any finer ones, finest first.

    `readings` remembers what was read for each moment (see moves.read_move): claims about the same
    moment of the same instrument share one reading, and its evidence, across a run.
    """

    daily: Series
    intraday: tuple[Series, ...] = ()
    readings: dict = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Reading:
    """A price (exact, or the range it must lie in), how it was read, and the bars it came from."""

    price: Interval
    how: str
    bars: tuple[EvidenceBar, ...]
    extreme: bool = False  # `how` names a furthest point ("lowest point from 18:00 to 07:00")


def evidence(role: str, series: Series, bar: Bar) -> EvidenceBar:
    return EvidenceBar.of(bar, role=role, symbol=series.symbol, interval=series.interval, source=series.source)


@cache
def day_text(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


@cache
def clock(instant: dt.datetime, zone: str) -> str:
    local = instant.astimezone(ZoneInfo(zone))
    return f"{local:%H:%M} {local.tzname()}"


def instant_of(claim: Claim) -> dt.datetime | None:
    if claim.time is None or claim.date is None:
        return None
    return dt.datetime.combine(claim.date, claim.time, ZoneInfo(claim.timezone))


def day_bar(series: Series, day: dt.date) -> Bar:
    """The daily bar of `day`, or why there is none (market closed, or the data lacks it)."""
    bars = series.session(day)
    if bars:
        return bars[0]
    if series.first is None or not (series.first <= day <= series.last):
        raise Unverifiable(
            f"the {series.symbol} daily bars run from {day_text(series.first)} to {day_text(series.last)}, "
            f"not {day_text(day)}" if series.first else f"there are no {series.symbol} daily bars"
        )
    if day in series.missing_sessions:
        raise Unverifiable(f"{series.symbol} traded on {day_text(day)}, but the data has no bar for that session")
    if series.calendar:
        sessions = series.sessions()  # in order: the next one is found without decoding any bar
        later = bisect_right(sessions, day)
        after = f"; the next session was {day_text(sessions[later])}" if later < len(sessions) else ""
        raise Unverifiable(f"no session on {day_text(day)}: the {series.calendar} market was closed{after}")
    raise Unverifiable(f"the {series.symbol} data has no bar for {day_text(day)}")


def previous_bar(series: Series, day: dt.date) -> Bar:
    """The session before `day` on the instrument's own market, across holidays."""
    pos = series.position(day)
    if pos is None or pos == 0:
        raise Unverifiable(f"the {series.symbol} data has no session before {day_text(day)}")
    prev = series.bars[pos - 1]
    gap = [d for d in series.missing_sessions if prev.session < d < day]
    if gap:
        raise Unverifiable(
            f"the data lacks the {series.symbol} session of {day_text(max(gap))}, the one before {day_text(day)}"
        )
    return prev


def closing(series: Series, bar: Bar, role: str) -> Reading:
    """The close of a daily bar; for a snapshot "close" only the day's range is known."""
    if series.snapshot_close:
        if bar.low is None or bar.high is None:
            raise Unverifiable(f"{series.symbol}'s daily close is a snapshot and the bar has no range")
        return Reading(
            Interval(bar.low, bar.high),
            f"somewhere in its {day_text(bar.session)} range (the source's daily close for this instrument "
            "is a snapshot, not a closing rate)",
            (evidence(role, series, bar),),
        )
    if bar.close is None:
        raise Unverifiable(f"the {series.symbol} bar of {day_text(bar.session)} has no close")
    return Reading(Interval.point(bar.close), f"at the close of {day_text(bar.session)}", (evidence(role, series, bar),))


class _Undecided(NamedTuple):
    """Why the data could not decide, kept in place of the exception (its traceback holds the frames)."""

    reason: str
    evidence: tuple[EvidenceBar, ...]
    damaged: bool


def remembered(data: Bars, key: tuple, read: Callable[[], T]) -> T:
    """What `read()` gives, worked out once per `key` and kept in `data.readings` for every claim that asks
    again; what the data could not decide is kept too, and raised again as Unverifiable."""
    found = data.readings.get(key)
    if found is None:
        try:
            found = read()
        except Unverifiable as why:
            found = _Undecided(why.reason, why.evidence, why.damaged)
        data.readings[key] = found
    if type(found) is _Undecided:
        raise Unverifiable(*found)
    return found


def baseline(claim: Claim, data: Bars) -> Reading:
    """The price the claim's change is measured from; read once per (date, baseline) and shared, like readings."""
    return remembered(data, ("baseline", claim.date, claim.baseline), lambda: _baseline(claim, data))


def _baseline(claim: Claim, data: Bars) -> Reading:
    daily = data.daily
    if claim.baseline == "open":
        bar = day_bar(daily, claim.date)
        if bar.open is None:
            raise Unverifiable(f"the {daily.symbol} bar of {day_text(bar.session)} has no open")
        return Reading(Interval.point(bar.open), f"the open of {day_text(bar.session)}", (evidence("baseline", daily, bar),))
    if claim.baseline == "previous_close":
        bar = previous_bar(daily, day_bar(daily, claim.date).session)
    else:
        bar = day_bar(daily, dt.date.fromisoformat(claim.baseline))
    reading = closing(daily, bar, "baseline")
    return reading


def _start(bar: Bar) -> dt.datetime | None:
    return bar.start


def _covering(series: Series, day: dt.date, at: dt.datetime) -> Bar | None:
    """The bar of `day` whose span holds `at` and that has a range (a daily bar spans its session)."""
    bars = series.session(day)
    if len(bars) > 8:
        # An intraday session is in time order, a bar per step: the last bar to start by `at` is the one
        # to look at. Any other answer (a gap, a bar without a range) is left to the plain scan below.
        try:
            found = bisect_right(bars, at, key=_start)
        except TypeError:  # a bar without a start time
            found = 0
        bar = bars[found - 1] if found else None
        if bar is not None and bar.end is not None and at < bar.end and bar.low is not None and bar.high is not None:
            return bar
    for bar in bars:
        if bar.start is not None and bar.end is not None and bar.start <= at < bar.end:
            if bar.low is not None and bar.high is not None:
                return bar
    return None


def moment(claim: Claim, data: Bars) -> Reading:
    """The price at the claim's moment: exact at a close or a bar's opening minute, else a bar's range."""
    daily = data.daily
    day = day_bar(daily, claim.date)
    at = instant_of(claim)
    if at is None or (day.end is not None and at == day.end):
        return closing(daily, day, "moment")
    when = clock(at, claim.timezone)
    for series in (*data.intraday, daily):
        bar = _covering(series, claim.date, at)
        if bar is None:
            continue
        label = "daily" if series is daily else series.interval
        if bar.start == at and bar.open is not None:
            return Reading(Interval.point(bar.open), f"at {when}, the open of the {label} bar", (evidence("moment", series, bar),))
        span = "the whole session" if series is daily else (
            f"the {clock(bar.start, claim.timezone)[:5]}-{clock(bar.end, claim.timezone)[:5]} {label} bar"
        )
        return Reading(Interval(bar.low, bar.high), f"in {span}, which covers {when}", (evidence("moment", series, bar),))
    raise Unverifiable(*nearest(claim, data, at))


def nearest(claim: Claim, data: Bars, at: dt.datetime) -> tuple[str, tuple[EvidenceBar, ...]]:
    """Why no bar covers `at`, and the closest price the data does have."""
    when = clock(at, claim.timezone)
    candidates = []
    for series in (*data.intraday, data.daily):
        for bar in series.session(claim.date):
            if bar.start is not None and bar.start >= at and bar.open is not None:
                candidates.append((bar.start - at, "the open", bar.open, bar.start, series, bar))
            if bar.end is not None and bar.end <= at and bar.close is not None:
                candidates.append((at - bar.end, "the close", bar.close, bar.end, series, bar))
    if not candidates:
        day = data.daily.session(claim.date)
        if day and day[0].close is not None and day[0].start is None:
            return (
                f"no {data.daily.symbol} bar covers {when} on {day_text(claim.date)}: the data holds one value a day "
                f"with no time of day; nearest: {fmt_price(day[0].close)} for that day",
                (evidence("nearest", data.daily, day[0]),),
            )
        return f"no {data.daily.symbol} bar covers {when} on {day_text(claim.date)}", ()
    _, what, price, stamp, series, bar = min(candidates, key=lambda c: (c[0], c[4].interval != "1d"))
    return (
        f"no {data.daily.symbol} bar covers {when} on {day_text(claim.date)} (the data has no trading at that hour); "
        f"nearest: {what} at {clock(stamp, claim.timezone)}, {fmt_price(price)}",
        (evidence("nearest", series, bar),),
    )


def extreme(claim: Claim, data: Bars, downward: bool) -> Reading:
    """The furthest the price went in one direction from the day's first bar up to the claim's moment."""
    daily = data.daily
    day = day_bar(daily, claim.date)
    at = instant_of(claim)
    pick = min if downward else max
    far = (lambda b: b.low) if downward else (lambda b: b.high)
    word = "lowest" if downward else "highest"
    until = day.end if at is None else at
    if until is None:  # no session times (a close-only or calendar-less series): only the day's bar can speak
        if far(day) is None:
            raise Unverifiable(f"the {daily.symbol} data has no bars that show the day's path")
        return Reading(Interval.point(far(day)), f"{word} point of {day_text(day.session)}", (evidence("moment", daily, day),), True)
    for series in data.intraday:
        path = _path(data, series, claim.date)
        count = bisect_left(path.starts, until)  # the bars that began before the moment
        if not count or path.latest_end[count - 1] < until:
            continue
        values = path.lows if downward else path.highs
        if path.ordered:  # the bars that had ended by then come first, the one still running after them
            ended = bisect_right(path.ends, until, 0, count)
            full, partial = values[:ended], path.bars[ended:count]
        else:
            full = [values[i] for i in range(count) if path.ends[i] <= until]
            partial = [path.bars[i] for i in range(count) if path.ends[i] > until]
        used = path.evidence[:count]
        span = f"{clock(path.starts[0], claim.timezone)} to {clock(until, claim.timezone)}"
        if partial:
            # The bar that runs past the moment: its open was seen by then, its extreme may have come later.
            p = partial[0]
            seen = full + ([p.open] if p.open is not None else [])
            surely = pick(seen) if seen else (p.high if downward else p.low)
            maybe = pick(seen + [far(p)])
            lo, hi = sorted((surely, maybe))
            return Reading(Interval(lo, hi), f"{word} point from {span} ({series.interval} bars; the last one runs past that moment)", used, True)
        value = pick(full)
        return Reading(Interval.point(value), f"{word} point from {span} ({series.interval} bars)", used, True)
    if day.start is None or day.end is None or day.low is None or day.high is None:
        raise Unverifiable(f"the {daily.symbol} data has no bars that show the day's path")
    if until == day.end:
        return Reading(Interval.point(far(day)), f"{word} point of {day_text(day.session)}", (evidence("moment", daily, day),), True)
    if not (day.start <= until < day.end):
        raise Unverifiable(*nearest(claim, data, until))
    opened = day.open if day.open is not None else far(day)
    lo, hi = sorted((far(day), opened))
    return Reading(
        Interval(lo, hi),
        f"{word} point by {clock(until, claim.timezone)} (only the whole day's bar is known, so it lay "
        f"between the open and the day's {word})",
        (evidence("moment", daily, day),),
        True,
    )


class _Path:
    """The bars of one session that show the day's path (each has a start, an end and a range), in time order,
    with what reading it up to a moment needs: made once, then shared by every claim about that day's path.

    `ordered` when the bars that have ended by any moment come before the one still running, as in any
    series of one bar per step; a session in another shape is read bar by bar instead.
    """

    __slots__ = ("bars", "starts", "ends", "latest_end", "lows", "highs", "evidence", "ordered")

    def __init__(self, series: Series, day: dt.date):
        bars = sorted(
            (b for b in series.session(day) if b.start is not None and b.end is not None and b.low is not None and b.high is not None),
            key=_start,
        )
        self.bars = bars
        self.starts = [b.start for b in bars]
        self.ends = [b.end for b in bars]
        self.latest_end = list(accumulate(self.ends, max))
        self.lows = [b.low for b in bars]
        self.highs = [b.high for b in bars]
        # Each claim about the day's path rests on all the session's bars up to its moment: one piece of
        # evidence per bar, shared.
        self.evidence = tuple(evidence("moment", series, b) for b in bars)
        self.ordered = self.ends == self.latest_end


def _path(data: Bars, series: Series, day: dt.date) -> _Path:
    key = ("session path", series.interval, day)
    found = data.readings.get(key)
    if found is None:
        found = data.readings[key] = _Path(series, day)
    return found


def fmt_price(value: float) -> str:
    size = abs(value)
    decimals = 2 if size >= 10 else 3 if size >= 1 else 4
    return f"{value:,.{decimals}f}"
