"""Bars placed in their trading sessions: a daily bar spans its session, an intraday bar knows its trading date.

Shared by every path that makes bars from raw rows (CSV import, Yahoo Finance), so a series carries the same
session information whichever way it arrived.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from dscheck.market.calendars import Session, sessions, zone_name
from dscheck.market.interface import INTERVALS, Bar

# One raw bar: its date (daily) or its aware start instant (intraday), and open, high, low, close, volume.
Row = tuple[dt.date | dt.datetime, Sequence[float | None]]


class RepeatedBar(ValueError):
    """Two rows for the same date or instant; `index` is the position of the second one."""

    def __init__(self, index: int, stamp: dt.date | dt.datetime):
        super().__init__(f"a second bar for {stamp}")
        self.index = index
        self.stamp = stamp


@dataclass(frozen=True)
class Placed:
    bars: tuple[Bar, ...]  # in session order, then time order
    missing: tuple[dt.date, ...]  # daily: sessions the calendar lists between the first and last bar, with no bar
    off_calendar: tuple[dt.date, ...]  # daily: bars on dates the calendar holds no session for (kept, no times)


def place(rows: Sequence[Row], interval: str, calendar: str | None) -> Placed:
    """Bars with their sessions from `calendar` (None: a series with no sessions of its own, dated in UTC)."""
    if not rows:
        return Placed((), (), ())
    daily = interval == "1d"
    days = [stamp if daily else stamp.date() for stamp, _ in rows]
    known: dict[dt.date, Session] = sessions(calendar, min(days), max(days)) if calendar else {}
    zone = ZoneInfo(zone_name(calendar))
    length = dt.timedelta(seconds=INTERVALS[interval])
    bars: list[Bar] = []
    off: list[dt.date] = []
    seen: set = set()
    for index, (stamp, values) in enumerate(rows):
        if stamp in seen:
            raise RepeatedBar(index, stamp)
        seen.add(stamp)
        if daily:
            session = known.get(stamp)
            if calendar and session is None:
                off.append(stamp)
            bars.append(Bar(stamp, session.open if session else None, session.close if session else None, *values))
        else:
            bars.append(Bar(session_of(stamp, known, zone), stamp, stamp + length, *values))
    bars.sort(key=lambda b: (b.session, b.start or dt.datetime.min.replace(tzinfo=dt.timezone.utc)))
    missing: list[dt.date] = []
    if daily and calendar:
        present = {b.session for b in bars}
        first, last = bars[0].session, bars[-1].session
        missing = sorted(d for d in known if first <= d <= last and d not in present)
    return Placed(tuple(bars), tuple(missing), tuple(off))


def session_of(instant: dt.datetime, known: dict[dt.date, Session], zone: ZoneInfo) -> dt.date:
    """The trading date a bar belongs to: the session it falls in, else its date on the exchange's clock."""
    local = instant.astimezone(zone).date()
    for day in (local, local + dt.timedelta(days=1)):
        session = known.get(day)
        if session and session.open <= instant < session.close:
            return day
    return local
