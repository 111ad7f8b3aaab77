"""The yfinance provider against the fake server: the bars it builds, what it asks for, and what it skips."""

from __future__ import annotations

import datetime as dt

import pytest
from fake_yahoo import NOW

from dscheck.market.archive import EvidenceArchive
from dscheck.market.interface import Request, Series, Unavailable
from dscheck.market.yahoo import YahooFinance

D = dt.date.fromisoformat
EVIDENCE = EvidenceArchive(__import__("fake_yahoo").EVIDENCE)


def provider(yahoo, tmp_path, **override) -> YahooFinance:
    return YahooFinance(cache_dir=tmp_path / "yf", **yahoo.options(**override))


def same_bars(got: Series, request: Request) -> None:
    """The fetched bars are the evidence's bars of that span: sessions, instants, prices; Yahoo reports a
    missing volume as 0."""
    want = EVIDENCE.series(request.symbol, request.interval)
    expected = [b for b in want.bars if request.start <= b.session <= request.end]
    assert len(got.bars) == len(expected) > 0
    for a, b in zip(got.bars, expected):
        assert (a.session, a.start, a.end, a.open, a.high, a.low, a.close) == (
            b.session, b.start, b.end, b.open, b.high, b.low, b.close
        ), (a, b)
        assert (a.volume or 0) == (b.volume or 0)
    assert got.calendar == want.calendar
    assert got.snapshot_close == want.snapshot_close
    assert got.missing_sessions == {d for d in want.missing_sessions if request.start <= d <= request.end}


@pytest.mark.parametrize(
    "symbol, interval, start, end",
    [
        ("NVDA", "1d", "2025-01-10", "2025-01-27"),  # NYSE sessions, unadjusted close
        ("SPY", "5m", "2025-01-26", "2025-01-27"),  # pre- and post-market 5m bars
        ("ES=F", "1h", "2025-01-26", "2025-01-28"),  # Globex: Sunday-evening bars belong to Monday's session
        ("KRW=X", "1d", "2025-01-10", "2025-01-31"),  # FX: a snapshot "close", 24/5 sessions
        ("^KS11", "1d", "2025-01-20", "2025-02-05"),  # Korea, closed 27-30 Jan; close-only bars
        ("BTC-USD", "1d", "2025-01-20", "2025-01-27"),  # every day a session
        ("NVDA", "1d", "2020-02-01", "2020-04-01"),  # five years back: daily bars are always served
    ],
)
def test_bars_carry_the_same_sessions_as_imported_ones(yahoo, tmp_path, symbol, interval, start, end):
    request = Request(symbol, interval, D(start), D(end))
    got = provider(yahoo, tmp_path).load([request])[(symbol, interval)]
    assert isinstance(got, Series), got
    same_bars(got, request)
    assert got.source.startswith("Yahoo Finance chart API via yfinance 1.7.0, fetched 2025-03-10 12:00 UTC")


def test_one_chart_request_per_request_and_no_time_zone_lookup(yahoo, tmp_path):
    requests = [
        Request("NVDA", "1d", D("2025-01-10"), D("2025-01-27")),
        Request("NVDA", "1h", D("2025-01-26"), D("2025-01-27")),
        Request("SPY", "5m", D("2025-01-26"), D("2025-01-27")),
    ]
    progress = []
    provider(yahoo, tmp_path).load(requests, lambda *step: progress.append(step))
    charts = yahoo.fake.charts
    assert [(c.symbol, c.query["interval"], c.query["includePrePost"]) for c in charts] == [
        ("NVDA", "1d", "false"), ("NVDA", "1h", "true"), ("SPY", "5m", "true"),
    ]
    assert all("period1" in c.query and "range" not in c.query for c in charts)
    assert progress == [("NVDA 1d", 1, 3), ("NVDA 1h", 2, 3), ("SPY 5m", 3, 3)]
    # The cookie and crumb come first, as from Yahoo; the crumb is fetched once and sent with every request.
    assert sum(1 for s in yahoo.fake.seen if s.path == "/v1/test/getcrumb") == 1
    assert all(c.query.get("crumb") for c in charts)


def test_close_is_the_printed_price_not_the_adjusted_one(yahoo, tmp_path):
    request = Request("MSFT", "1d", D("2025-01-24"), D("2025-01-27"))
    got = provider(yahoo, tmp_path).load([request])[("MSFT", "1d")]
    closes = [b.close for b in got.bars]
    assert closes == [b.close for b in EVIDENCE.series("MSFT", "1d").bars if D("2025-01-24") <= b.session <= D("2025-01-27")]
    assert yahoo.fake.adjclose_factor != 1.0  # the fake's adjusted close differs, so this would show a mix-up


@pytest.mark.parametrize(
    "age_days, offered, then",
    [
        (0, ("1m", "1d"), "5m"),
        (27, ("1m", "1d"), "5m"),
        (28, ("5m", "1d"), "1h"),  # 1m bars go back 30 days; the request starts the day before, so stay clear
        (57, ("5m", "1d"), "1h"),
        (58, ("1h", "1d"), None),
        (727, ("1h", "1d"), None),
        (728, ("1d",), None),
        (5000, ("1d",), None),
    ],
)
def test_intervals_follow_what_yahoo_still_serves(age_days, offered, then):
    live = YahooFinance(clock=lambda: NOW)
    day = NOW.date() - dt.timedelta(days=age_days)
    assert live.intervals("NVDA", day) == offered
    assert live.coarser(Request("NVDA", offered[0], day - dt.timedelta(days=1), day)) == then


def test_requests_outside_yahoos_window_are_not_sent(yahoo, tmp_path):
    live = provider(yahoo, tmp_path)
    old = Request("SPY", "5m", D("2024-11-01"), D("2024-11-02"))
    minute = Request("SPY", "1m", D("2025-02-20"), D("2025-03-07"))  # 16 days: more than Yahoo gives per request
    out = live.load([old, minute])
    assert isinstance(out[("SPY", "5m")], Unavailable)
    assert "Yahoo Finance keeps 5m bars for the last 60 days only" in out[("SPY", "5m")].reason
    assert not out[("SPY", "5m")].retry
    (sent,) = yahoo.fake.charts
    assert sent.query["interval"] == "1m"
    assert int(sent.query["period2"]) - int(sent.query["period1"]) <= 8 * 86400


def test_no_bars_in_the_span_is_a_settled_none(yahoo, tmp_path):
    out = provider(yahoo, tmp_path).load([Request("AVGO", "5m", D("2025-01-26"), D("2025-01-27"))])
    none = out[("AVGO", "5m")]
    assert isinstance(none, Unavailable) and not none.retry
    assert none.reason == "Yahoo Finance has no AVGO 5m bars for 26 Jan 2025 to 27 Jan 2025"


def test_yfinance_keeps_its_caches_inside_dscheck_s(yahoo, tmp_path):
    provider(yahoo, tmp_path).load([Request("NVDA", "1d", D("2025-01-24"), D("2025-01-27"))])
    import yfinance.cache

    assert yfinance.cache._CookieDBManager.get_location() == str(tmp_path / "yf")
    assert (tmp_path / "yf" / "cookies.db").exists()


def test_once_rate_limited_the_provider_stops_asking_for_the_rest_of_the_run(yahoo, tmp_path):
    yahoo.fake.fail("*", status=429, body=b"Too Many Requests")
    live = provider(yahoo, tmp_path)
    first = live.load([Request("NVDA", "1d", D("2025-01-24"), D("2025-01-27"))])[("NVDA", "1d")]
    asked = len(yahoo.fake.charts)
    later = live.load([Request("SPY", "1h", D("2025-01-26"), D("2025-01-27"))])[("SPY", "1h")]  # a fallback round, say
    assert "HTTP 429" in first.reason and first.retry
    assert later.reason.startswith("the SPY 1h bars for 26 Jan 2025 to 27 Jan 2025 were not fetched: Yahoo Finance is rate-limiting")
    assert len(yahoo.fake.charts) == asked
