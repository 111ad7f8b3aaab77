"""Trading days for dates the text implies: the session a forecast is about, the last session of a week."""

from __future__ import annotations

import datetime as dt
from functools import cache

from dscheck.market.calendars import market_for


def next_session(symbol: str, day: dt.date) -> dt.date:
    """The first session of the symbol's market after `day` (a forecast is about what comes next)."""
    days = _sessions(symbol, day + dt.timedelta(days=1), day + dt.timedelta(days=21))
    return days[0] if days else _weekday_after(day)


def last_session(symbol: str, day: dt.date) -> dt.date:
    """The last session of the symbol's market on or before `day`."""
    days = _sessions(symbol, day - dt.timedelta(days=21), day)
    return days[-1] if days else _weekday_on_or_before(day)


def zone_of(symbol: str) -> str:
    """The time zone an unzoned clock time about this symbol most likely means."""
    name = market_for(symbol).calendar
    return {"XKRX": "Asia/Seoul", "XTKS": "Asia/Tokyo", "XHKG": "Asia/Hong_Kong", "XLON": "Europe/London"}.get(
        name or "", "America/New_York"
    )


def _sessions(symbol: str, first: dt.date, last: dt.date) -> list[dt.date]:
    name = market_for(symbol).calendar
    if name == "24/7":
        return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    if name in (None, "24/5"):
        return [d for d in (first + dt.timedelta(days=i) for i in range((last - first).days + 1)) if d.weekday() < 5]
    days: list[dt.date] = []
    for year in range(first.year, last.year + 1):
        days.extend(_calendar_days(name, year))
    return [d for d in days if first <= d <= last]


@cache
def _calendar_days(name: str, year: int) -> list[dt.date]:
    """A year's sessions from exchange_calendars (imported here only: forecasts and weeks need it, nothing else)."""
    try:
        import warnings

        import exchange_calendars

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pandas deprecation notes from inside exchange_calendars
            labels = exchange_calendars.get_calendar(name).sessions_in_range(f"{year}-01-01", f"{year}-12-31")
    except Exception:  # noqa: BLE001 - an unknown calendar or a year out of its range: plain weekdays instead
        start = dt.date(year, 1, 1)
        return [d for d in (start + dt.timedelta(days=i) for i in range(366)) if d.year == year and d.weekday() < 5]
    return [label.date() for label in labels]


def _weekday_after(day: dt.date) -> dt.date:
    day += dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _weekday_on_or_before(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day
