"""Bars from Yahoo Finance through yfinance: the only module that imports yfinance, and only when it fetches."""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import math
import re
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dscheck.market.interface import INTERVALS, SYMBOL, MarketData, Progress, Request, Series, Unavailable

Clock = Callable[[], dt.datetime]

# The catalogue schema's rule for a subject, checked again here because the symbol becomes part of a URL.

# How many days back Yahoo serves each intraday interval (its own limits, counted to the request's start).
SERVED_DAYS = {"1m": 30, "2m": 60, "5m": 60, "15m": 60, "30m": 60, "90m": 60, "1h": 730}
# The intraday intervals asked for, finest first: a claim gets the finest one Yahoo still serves for its date.
# When Yahoo has none at that interval (thin trading, an index it keeps no fine bars for, a window that moved
# on), the next coarser one is asked for instead: an hour's range still beats the whole day's.
CHOICES = ("1m", "5m", "1h")
# The request starts a day before the claim and "today" differs across time zones: keep clear of the edge.
MARGIN_DAYS = 2
# Yahoo gives at most 8 days of 1m bars per request; with the margins added below that leaves 5 days.
MINUTE_SPAN_DAYS = 5
ATTEMPTS = 3  # tries for a request Yahoo rate-limits (429) or fails on (5xx)
BACKOFF = (2.0, 5.0)  # seconds to wait before the 2nd and 3rd try
MAX_WAIT = 30.0  # the longest wait a Retry-After header can ask for before we give up instead
CHART = "/v8/finance/chart/"
SOURCE = "Yahoo Finance chart API via yfinance"
ADVICE_OFFLINE = (
    "connect to the internet and run again, or check the claims offline against an evidence archive "
    "(build one with `dscheck evidence fetch` where the network works, or with `dscheck evidence import DIR` "
    "from CSV files, then run `dscheck verify --offline`)"
)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass(frozen=True)
class Answer:
    """What Yahoo's chart endpoint last said, as the session saw it (yfinance keeps none of this)."""

    status: int
    body: bytes
    retry_after: str | None


@functools.cache
def session_class() -> type:
    """The session class handed to yfinance: a curl_cffi session (the only kind yfinance 1.7 uses for Yahoo)
    that caps every request's timeout, cookie and crumb calls included, and keeps the chart endpoint's last
    answer so that a failure can be told apart (404, 422, 429, 5xx, a malformed body)."""
    from curl_cffi import requests as curl

    class YahooSession(curl.Session):
        def __init__(self, *, cap: float = 10.0, **kwargs):
            kwargs.setdefault("impersonate", "chrome")
            super().__init__(**kwargs)
            self.cap = cap
            self.chart_answer: Answer | None = None
            self.chart_requests = 0

        def request(self, method, url, *args, **kwargs):
            asked = kwargs.get("timeout")
            kwargs["timeout"] = min(asked, self.cap) if isinstance(asked, (int, float)) and asked > 0 else self.cap
            chart = CHART in url
            if chart:
                self.chart_requests += 1
            response = super().request(method, url, *args, **kwargs)
            if chart:
                self.chart_answer = Answer(response.status_code, bytes(response.content), response.headers.get("Retry-After"))
            return response

    return YahooSession


def point_caches(folder: Path) -> None:
    """Keep yfinance's own caches (cookies, time zones) in `folder` instead of the user's cache root."""
    import yfinance.cache as caches

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # yfinance falls back to running without its caches
    if caches._TzDBManager.get_location() != str(folder):
        caches.set_cache_location(str(folder))
        # Each manager keeps the database it opened first: drop them so the next use opens the new folder.
        caches._TzCacheManager._tz_cache = None
        caches._CookieCacheManager._Cookie_cache = None
        caches._ISINCacheManager._isin_cache = None


_QUIET = logging.NullHandler()


def day_text(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def describe(request: Request, start: dt.date | None = None) -> str:
    first = start or request.start
    dates = day_text(first) if first == request.end else f"{day_text(first)} to {day_text(request.end)}"
    return f"{request.symbol} {request.interval} bars for {dates}"


@dataclass(frozen=True)
class _Fault:
    reason: str
    retry: bool  # transient: a later run may succeed
    again: bool = False  # worth another try within this run (429, 5xx), after a wait
    wait: float | None = None  # the wait Yahoo asked for (Retry-After)
    halt: str | None = None  # stop asking for anything else this run, and say this for the rest


class YahooFinance(MarketData):
    """Bars from Yahoo Finance, one HTTP request per Request; faults end as Unavailable, never as exceptions.

    `session` is handed to yfinance (tests hand one that talks to a local fake server); `clock` says what
    "today" is, which decides the intervals Yahoo still serves; `sleep` waits between tries.
    """

    name = SOURCE

    def __init__(
        self,
        *,
        cache_dir: str | Path | None = None,
        session=None,
        clock: Clock = utc_now,
        sleep: Callable[[float], None] = time.sleep,
        timeout: float = 10.0,
    ):
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.session = session
        self.clock = clock
        self.sleep = sleep
        self.timeout = timeout
        self.halted: str | None = None  # why this provider stopped asking (no network, rate-limited), if it did
        self._yf = None

    # What Yahoo serves ------------------------------------------------------------------------------

    def intervals(self, symbol: str, day: dt.date) -> tuple[str, ...]:
        return (*self._served(day)[:1], "1d")

    def coarser(self, request: Request) -> str | None:
        """The interval to ask for when Yahoo has no bars at `request.interval`: the next coarser one it still
        serves for the request's dates (None past 1h: the daily bars are asked for anyway)."""
        if request.interval not in CHOICES:
            return None
        later = [i for i in self._served(request.end) if INTERVALS[i] > INTERVALS[request.interval]]
        return later[0] if later else None

    def _served(self, day: dt.date) -> list[str]:
        age = (self.clock().date() - day).days + MARGIN_DAYS
        return [i for i in CHOICES if age < SERVED_DAYS[i]]

    def _first_served(self, request: Request) -> dt.date:
        """The earliest date of the request Yahoo will still give bars of this interval for."""
        start = request.start
        if request.interval in SERVED_DAYS:
            start = max(start, self.clock().date() - dt.timedelta(days=SERVED_DAYS[request.interval] - MARGIN_DAYS))
        if request.interval == "1m":
            start = max(start, request.end - dt.timedelta(days=MINUTE_SPAN_DAYS))
        return start

    # Fetching ---------------------------------------------------------------------------------------

    def load(self, requests: Sequence[Request], progress: Progress | None = None) -> dict[tuple[str, str], Series | Unavailable]:
        result: dict[tuple[str, str], Series | Unavailable] = {}
        for done, request in enumerate(requests, 1):
            key = (request.symbol, request.interval)
            if self.halted is not None:
                result[key] = Unavailable(f"the {describe(request)} were not fetched: {self.halted}", retry=True)
            else:
                result[key], self.halted = self.fetch(request)
            if progress:
                progress(f"{request.symbol} {request.interval}", done, len(requests))
        return result

    def fetch(self, request: Request) -> tuple[Series | Unavailable, str | None]:
        """One request's bars, and (after a fault that would hit every request) why to stop asking."""
        if not SYMBOL.match(request.symbol):
            return Unavailable(
                f"{request.symbol!r} is not a Yahoo Finance symbol (letters, digits and ^ = . - only, at most 20)"
            ), None
        if request.interval not in INTERVALS:
            return Unavailable(f"Yahoo Finance has no {request.interval!r} interval"), None
        start = self._first_served(request)
        if start > request.end:
            days = SERVED_DAYS[request.interval]
            return Unavailable(
                f"Yahoo Finance keeps {request.interval} bars for the last {days} days only, so it no longer has the "
                f"{describe(request)}; claims that old need an evidence archive holding such bars (--evidence)"
            ), None
        yf, session = self._setup()
        for attempt in range(ATTEMPTS):
            try:
                frame = self._history(yf, session, request, start)
            except Exception as exc:  # everything yfinance and curl can raise is sorted out below
                fault = self._fault(exc, session, request, start)
            else:
                try:
                    return self._series(yf, frame, request), None
                except (KeyError, ValueError, TypeError, AttributeError, OverflowError) as exc:
                    fault = _Fault(self._malformed(request, start, f"bars that cannot be read ({exc})"), retry=True)
                except Exception as exc:  # a shape of data nobody foresaw: say so rather than guess or crash
                    return Unavailable(
                        f"dscheck could not read Yahoo Finance's answer for the {describe(request, start)} "
                        f"({type(exc).__name__}: {exc}); please report it"
                    ), None
            if not fault.again or attempt + 1 == ATTEMPTS or (fault.wait or 0.0) > MAX_WAIT:
                return Unavailable(fault.reason, retry=fault.retry), fault.halt
            self.sleep(max(BACKOFF[min(attempt, len(BACKOFF) - 1)], fault.wait or 0.0))
        raise AssertionError("unreachable")  # the loop always returns

    def _setup(self):
        if self._yf is None:
            import yfinance

            logging.getLogger("yfinance").addHandler(_QUIET)  # its warnings would reach the user's terminal
            yfinance.config.debug.hide_exceptions = False  # raise, so every fault is seen and classified here
            yfinance.config.network.retries = 0  # retries are ours: bounded, with backoff
            if self.cache_dir is not None:
                point_caches(self.cache_dir)
            if self.session is None:
                self.session = session_class()(cap=self.timeout)
            self._yf = yfinance
        return self._yf, self.session

    def _history(self, yf, session, request: Request, start: dt.date):
        from yfinance.data import YfData

        # yfinance memoizes answers for past dates inside the process; a retry must really ask again.
        YfData.cache_get.cache_clear()
        ticker = yf.Ticker(request.symbol, session=session)
        # yfinance asks Yahoo for a symbol's time zone (one more request) only to turn naive dates into
        # instants; the instants below carry their offset, so name the zone ourselves and skip that request.
        ticker._tz = "UTC"
        if hasattr(session, "chart_answer"):
            session.chart_answer = None
        utc = dt.timezone.utc
        # A day's margin each side: a futures session opens the evening before its date, and a Korean
        # session is over before New York's date begins. Bars outside the span are dropped afterwards.
        first = dt.datetime.combine(start - dt.timedelta(days=1), dt.time(), utc)
        last = dt.datetime.combine(request.end + dt.timedelta(days=2), dt.time(), utc)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ticker.history(
                start=first,
                end=last,
                interval=request.interval,
                prepost=request.interval != "1d",  # pre- and post-market bars: news quotes them
                auto_adjust=False,  # printed prices: split-adjusted Close, not the dividend-adjusted one
                back_adjust=False,
                actions=False,
                repair=False,
                keepna=False,
                rounding=False,
                timeout=self.timeout,
            )

    def _series(self, yf, frame, request: Request) -> Series:
        from dscheck.market.calendars import market_for
        from dscheck.market.sessions import place

        daily = request.interval == "1d"
        market = market_for(request.symbol)
        columns = [frame[name] for name in ("Open", "High", "Low", "Close", "Volume")]
        rows = []
        for stamp, *values in zip(frame.index, *columns):
            numbers = tuple(_number(v) for v in values)
            if all(v is None for v in numbers[:4]):
                continue
            rows.append((stamp.date() if daily else stamp.to_pydatetime(), numbers))
        placed = place(rows, request.interval, market.calendar)
        bars = tuple(b for b in placed.bars if request.start <= b.session <= request.end)
        missing = frozenset(d for d in placed.missing if request.start <= d <= request.end)
        fetched = self.clock().astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        return Series(
            symbol=request.symbol,
            interval=request.interval,
            bars=bars,
            source=f"{SOURCE} {getattr(yf, '__version__', '')}".rstrip() + f", fetched {fetched}",
            snapshot_close=market.snapshot_close and daily,
            missing_sessions=missing,
            calendar=market.calendar,
        )

    # Faults -----------------------------------------------------------------------------------------

    def _fault(self, exc: Exception, session, request: Request, start: dt.date) -> _Fault:
        from curl_cffi.requests import exceptions as curl
        from yfinance.exceptions import YFRateLimitError

        what = describe(request, start)
        if isinstance(exc, curl.DNSError):
            host = _host(str(exc))
            why = f"no network: the name {host} could not be looked up" if host else "no network: a name lookup failed"
            return _Fault(f"the {what} could not be fetched ({why}); {ADVICE_OFFLINE}", True,
                          halt=f"Yahoo Finance could not be reached ({why}); {ADVICE_OFFLINE}")
        if isinstance(exc, curl.Timeout):
            why = f"Yahoo Finance did not answer within {self.timeout:g} s"
            return _Fault(f"the {what} could not be fetched ({why}); try again later, or {ADVICE_OFFLINE}", True,
                          halt=f"{why} (timed out); try again later, or {ADVICE_OFFLINE}")
        if isinstance(exc, curl.RequestException):
            why = f"Yahoo Finance could not be reached ({_curl_text(exc)})"
            return _Fault(f"the {what} could not be fetched: {why}; {ADVICE_OFFLINE}", True, halt=f"{why}; {ADVICE_OFFLINE}")
        answer: Answer | None = getattr(session, "chart_answer", None)
        if isinstance(exc, YFRateLimitError) or (answer is not None and answer.status == 429):
            waits = " and ".join(f"{w:g}" for w in BACKOFF)
            return _Fault(
                f"Yahoo Finance refused the {what} with HTTP 429 (too many requests), {ATTEMPTS} tries after waits of "
                f"{waits} s; wait a few minutes and run again (what was fetched is cached, so the next run asks for less)",
                True, again=True, wait=_retry_after(answer),
                halt="Yahoo Finance is rate-limiting requests (HTTP 429); wait a few minutes and run again",
            )
        if answer is None:
            return _Fault(f"the {what} could not be fetched: yfinance failed before Yahoo answered "
                          f"({type(exc).__name__}: {exc}); try again, and update yfinance if it persists", True)
        described = _yahoo_description(answer.body)
        said = f": {described}" if described else ""
        if answer.status >= 500:
            return _Fault(
                f"Yahoo Finance failed on the {what} with HTTP {answer.status} (a fault on Yahoo's side{said}), "
                f"{ATTEMPTS} tries; try again later", True, again=True, wait=_retry_after(answer),
            )
        if answer.status == 404:
            return _Fault(
                f"Yahoo Finance does not know the symbol {request.symbol} (HTTP 404{said}); check that it is spelled "
                "as Yahoo spells it (BRK-B, 005930.KS, ^GSPC, EURUSD=X) and that it has not been delisted", False,
            )
        if answer.status in (400, 422):
            served = SERVED_DAYS.get(request.interval)
            keeps = f"; Yahoo keeps {request.interval} bars for {served} days only" if served else ""
            return _Fault(
                f"Yahoo Finance would not serve the {what} (HTTP {answer.status}{said}){keeps}. Claims that old need "
                "an evidence archive holding such bars (--evidence)", False,
            )
        if answer.status >= 400:
            return _Fault(
                f"Yahoo Finance refused the {what} (HTTP {answer.status}{said}); run again later, and update yfinance "
                "if it persists (Yahoo may have changed how it admits clients)", True,
            )
        if described:
            return _Fault(f"Yahoo Finance has no {what} ({described})", False)
        problem = _body_problem(answer.body)
        if problem is None:
            # A well-formed chart answer in which yfinance found no bars: Yahoo's settled "none".
            return _Fault(f"Yahoo Finance has no {what}", False)
        return _Fault(self._malformed(request, start, problem), True)

    def _malformed(self, request: Request, start: dt.date, problem: str) -> str:
        return (
            f"Yahoo Finance answered the request for the {describe(request, start)} with {problem}, not chart data; "
            "try again later, and if it persists Yahoo may have changed its format (a newer yfinance may read it)"
        )


def _number(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _json(body: bytes):
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None


def _yahoo_description(body: bytes) -> str:
    """Yahoo's own words for an error, from {"chart": {"error": {"description": ...}}}."""
    document = _json(body)
    try:
        error = document["chart"]["error"]
        return str(error.get("description") or error.get("code") or "").strip()[:300]
    except (TypeError, KeyError, AttributeError):
        return ""


def _body_problem(body: bytes) -> str | None:
    """What is wrong with a 200 answer, or None when it is a well-formed chart answer (with or without bars)."""
    if not body.strip():
        return "an empty response"
    document = _json(body)
    if document is None:
        return "a response that is not JSON"
    try:
        result = document["chart"]["result"][0]
        result["meta"]["symbol"]
    except (TypeError, KeyError, IndexError, AttributeError):
        return "JSON that is not a chart"
    if "timestamp" in result and not result.get("indicators", {}).get("quote"):
        return "timestamps without prices"
    return None


def _retry_after(answer: Answer | None) -> float | None:
    if answer is None or not answer.retry_after:
        return None
    try:
        return max(0.0, float(answer.retry_after))
    except ValueError:
        return None


def _host(message: str) -> str:
    found = re.search(r"resolve host:? ([A-Za-z0-9.\-]+)", message)
    return found.group(1).rstrip(".") if found else ""


def _curl_text(exc: Exception) -> str:
    text = str(exc).split(" See https://curl.se", 1)[0]
    text = text.replace("Failed to perform, ", "")
    return text.strip().rstrip(".") or type(exc).__name__
