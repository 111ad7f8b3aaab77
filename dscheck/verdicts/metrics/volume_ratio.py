"""volume_ratio: a session's volume over the mean volume of the `window` sessions before it."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from itertools import accumulate
from zoneinfo import ZoneInfo

from dscheck.verdicts.bands import numeric_bands
from dscheck.verdicts.interface import Interval
from dscheck.verdicts.metrics.measurement import Measurement
from dscheck.verdicts.prices import Unverifiable, clock, day_bar, day_text, evidence, instant_of

NAME = "volume_ratio"
APPROXIMATE_FRACTION = 0.10


def fmt(value: float) -> str:
    return f"{value:.2f}×"


def check(claim, data) -> Measurement:
    daily = data.daily
    day = day_bar(daily, claim.date)
    pos = daily.position(day.session)
    window = claim.window
    if pos < window:
        raise Unverifiable(f"the data holds only {pos} {daily.symbol} sessions before {day_text(day.session)}, not {window}")
    previous = daily.bars[pos - window : pos]
    # A calendar session the data has no bar for (a holiday-shortened futures session that the source
    # folds into the next day, say) is not made up: the window is the `window` sessions the data holds.
    gap = sorted(d for d in daily.missing_sessions if previous[0].session <= d < day.session)
    if any(not b.volume for b in (*previous, day)):
        raise Unverifiable(f"the source reports no volume (0 or blank) for {daily.symbol} on some of these sessions")
    full_day = day.volume / (sum(b.volume for b in previous) / window)
    key = ("volume evidence", day.session, window)  # the same bars for every claim about that day and window
    bars = data.readings.get(key)
    if bars is None:
        bars = data.readings[key] = (evidence("day", daily, day),) + tuple(evidence("history", daily, b) for b in previous)
    accepted, approximate = numeric_bands(claim, APPROXIMATE_FRACTION)
    at = instant_of(claim)
    if at is None or (day.end is not None and at == day.end):
        actual = Interval.point(full_day)
        says = (
            f"{daily.symbol} traded {day.volume:,.0f} on {day_text(day.session)}, {fmt(full_day)} the mean of the "
            f"{window} sessions before it ({previous[0].session} to {previous[-1].session})."
        )
    else:
        actual, says = _until(claim, data, at, [b.session for b in previous], full_day)
    shown = fmt(actual.lo) if actual.exact else f"{fmt(actual.lo)} to {fmt(actual.hi)}"
    notes = ()
    if gap:
        listed = ", ".join(day_text(d) for d in gap)
        notes = (f"The {daily.calendar} calendar also lists {listed}, which the data has no bar for; the window skips it.",)
    return Measurement(actual, accepted, approximate, shown, says, bars, notes=notes)


def _until(claim, data, at: dt.datetime, previous: list[dt.date], full_day: float) -> tuple[Interval, str]:
    """The volume up to a time of day against the same hours of earlier sessions, where intraday bars allow it."""
    zone = ZoneInfo(claim.timezone)
    for series in data.intraday:
        totals = []
        for day in (claim.date, *previous):
            until = dt.datetime.combine(day, at.timetz().replace(tzinfo=None), zone)
            found = _volumes(data, series, day).until(until)
            if found is None:
                break
            totals.append(found)
        else:
            (now_lo, now_hi), rest = totals[0], totals[1:]
            mean_lo = sum(t[0] for t in rest) / len(rest)
            mean_hi = sum(t[1] for t in rest) / len(rest)
            if mean_lo <= 0:
                continue
            actual = Interval(now_lo / mean_hi, now_hi / mean_lo)
            return actual, (
                f"Up to {clock(at, claim.timezone)}, {series.symbol} traded {fmt(actual.lo)}"
                f"{'' if actual.exact else ' to ' + fmt(actual.hi)} the mean of the same hours over the "
                f"{len(rest)} sessions before ({series.interval} bars)."
            )
    raise Unverifiable(
        f"the claim is about volume up to {clock(at, claim.timezone)}, and the data has no intraday volume for the "
        f"{len(previous)} sessions before {day_text(claim.date)}; nearest evidence: the whole session's volume was "
        f"{fmt(full_day)} the mean of those sessions"
    )


class _Volumes:
    """The volume of one session's bars (each with a start and an end) in time order, with running totals, to
    read the volume traded up to any moment: made once per session and shared by the claims that read it."""

    __slots__ = ("starts", "ends", "latest_end", "volumes", "running", "unknown", "ordered")

    def __init__(self, series, day: dt.date):
        bars = sorted((b for b in series.session(day) if b.start is not None and b.end is not None), key=lambda b: b.start)
        self.starts = [b.start for b in bars]
        self.ends = [b.end for b in bars]
        self.latest_end = list(accumulate(self.ends, max))
        self.volumes = [b.volume or 0.0 for b in bars]
        self.running = [0.0, *accumulate(self.volumes)]  # running[k]: the volume of the first k bars
        self.unknown = [0, *accumulate(b.volume is None for b in bars)]  # how many of the first k have none
        self.ordered = self.ends == self.latest_end  # the bars that end by a moment come first

    def until(self, moment: dt.datetime) -> tuple[float, float] | None:
        """(the volume surely traded by `moment`, the most that may have been), or None when the bars cannot
        tell: none has reached the moment, or one of those begun by then has no volume."""
        count = bisect_left(self.starts, moment)
        if not count or self.latest_end[count - 1] < moment or self.unknown[count]:
            return None
        if self.ordered:
            ended = bisect_right(self.ends, moment, 0, count)
            sure, rest = self.running[ended], self.volumes[ended:count]
        else:
            begun = list(zip(self.volumes[:count], self.ends))
            sure = sum(volume for volume, end in begun if end <= moment)
            rest = [volume for volume, end in begun if end > moment]
        return sure, sure + sum(rest)


def _volumes(data, series, day: dt.date) -> _Volumes:
    key = ("session volumes", series.interval, day)
    found = data.readings.get(key)
    if found is None:
        found = data.readings[key] = _Volumes(series, day)
    return found

