"""Which trading calendar a symbol follows, and its sessions (exchange_calendars, imported lazily)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Market:
    calendar: str | None  # an exchange_calendars name, or None when the series has no sessions of its own
    snapshot_close: bool = False  # the daily bar's "close" is a snapshot (Yahoo's daily FX bars)
    note: str = ""


def market_for(symbol: str, overrides: dict[str, str] | None = None) -> Market:
    """The market a Yahoo symbol trades on, by the shape of the symbol."""
    if overrides and symbol in overrides:
        name = overrides[symbol]
        return Market(None if name.lower() == "none" else name)
    upper = symbol.upper()
    if upper.endswith((".KS", ".KQ")) or upper in ("^KS11", "^KQ11", "^KS200"):
        return Market("XKRX")
    if upper.endswith("=X"):
        return Market(
            "24/5",
            snapshot_close=True,
            note="Yahoo's daily FX bars carry a snapshot taken near the start of the day, not a closing rate",
        )
    if upper.endswith("-USD"):
        return Market("24/7")
    if upper.endswith("=F"):
        return Market("CMES", note="CME Globex: the session for date D opens the evening before")
    if upper.startswith("DGS"):
        return Market(None, note="FRED publishes one value a day, with no session times")
    return Market("XNYS")


@dataclass(frozen=True)
class Session:
    day: dt.date
    open: dt.datetime
    close: dt.datetime


@cache
def _calendar(name: str):
    import warnings

    import exchange_calendars  # heavy (pandas): only the import and live paths come here

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas deprecation notes from inside exchange_calendars, not ours to act on
        return exchange_calendars.get_calendar(name)


def zone_name(calendar: str | None) -> str:
    """The calendar's own time zone (UTC for a series with no calendar)."""
    return "UTC" if calendar is None else str(_calendar(calendar).tz)


def sessions(calendar: str, first: dt.date, last: dt.date) -> dict[dt.date, Session]:
    """Every session of `calendar` between two dates (a week's margin each side), with aware instants."""
    schedule = _calendar(calendar).schedule.loc[str(first - dt.timedelta(days=7)) : str(last + dt.timedelta(days=7))]
    return {
        label.date(): Session(label.date(), row.open.to_pydatetime(), row.close.to_pydatetime())
        for label, row in schedule.iterrows()
    }
