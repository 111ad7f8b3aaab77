"""Each metric and qualifier on hand-made bars, band edges included; holidays, time zones, exactness."""

from __future__ import annotations

import datetime as dt

import pytest
from fakes import NY, daily, intraday, series, verify_one

from dscheck.market.interface import Bar
from dscheck.verdicts import Verdict

A, P, C, I, U = (
    Verdict.ACCURATE,
    Verdict.APPROXIMATE,
    Verdict.CONSISTENT,
    Verdict.INACCURATE,
    Verdict.UNVERIFIABLE,
)


def acme(close27: float = 85.0, **kw):
    """ACME: 100 on Friday 24 Jan, a fall on Monday 27 Jan closing at `close27`."""
    return series(
        "ACME",
        "1d",
        [
            daily("2025-01-23", 99, 101, 98, 100),
            daily("2025-01-24", 100, 101, 99, 100, v=1000),
            daily("2025-01-27", 90, 95, 80, close27, v=3000),
        ],
        calendar="XNYS",
        **kw,
    )


HOURLY = series(
    "ACME",
    "1h",
    [
        intraday("2025-01-27T09:30", "1h", 90, 95, 88, 92),
        intraday("2025-01-27T10:30", "1h", 92, 93, 84, 85),
        intraday("2025-01-27T11:30", "1h", 85, 86, 80, 84),
    ],
)
FIVE = series(
    "ACME",
    "5m",
    [
        intraday("2025-01-27T09:55", "5m", 89.5, 90, 89, 89),
        intraday("2025-01-27T10:00", "5m", 89, 89.5, 88.8, 89.2),
    ],
)


# The written number sets the precision: -15 -> half unit 0.5, approximate band max(1.0, 10 % of 15) = 1.5.
@pytest.mark.parametrize(
    "claim, close, expected",
    [
        ("value: -15", 85.0, A),
        ("value: -15", 85.5, A),  # -14.5: the edge of the half unit
        ("value: -15", 85.6, P),  # -14.4
        ("value: -15", 86.5, P),  # -13.5: the edge of the approximate band
        ("value: -15", 86.6, I),
        ("value: -15.0", 85.06, P),  # written with a decimal: half unit 0.05
        ("value: -15.0", 85.05, A),
        ("value: -15, qualifier: nearly", 85.0, A),
        ("value: -15, qualifier: nearly", 86.5, A),  # -13.5, the bottom of "nearly"
        ("value: -15, qualifier: nearly", 86.6, I),
        ("value: -15, qualifier: nearly", 84.5, P),  # overshoots by one half unit
        ("value: -15, qualifier: nearly", 84.4, I),
        ("value: -15, qualifier: over", 83.0, A),
        ("value: -15, qualifier: over", 85.0, A),
        ("value: -15, qualifier: over", 85.5, P),  # short by one half unit
        ("value: -15, qualifier: over", 85.6, I),
        ("value: -15, qualifier: under", 86.0, A),
        ("value: -15, qualifier: under", 84.5, P),
        ("value: -15, qualifier: under", 84.4, I),
        ("value: -15, tolerance: 2", 87.0, A),
        ("value: -15, tolerance: 2", 87.1, P),  # approximate band max(2 * 2, 1.5) = 4
    ],
)
def test_change_pct_bands(claim, close, expected):
    result = verify_one(f"subject: ACME, metric: change_pct, date: 2025-01-27, {claim}", acme(close))
    assert result.verdict is expected, result.conclusion


@pytest.mark.parametrize(
    "claim, expected",
    [
        ("metric: change_points, value: -15", A),
        ("metric: change_points, value: -16.5", P),  # approximate band max(1.0, 1.65)
        ("metric: change_points, value: -16.7", I),
        ("metric: level, value: 85", A),
        ("metric: level, value: 85.5", P),  # written to a tenth: half unit 0.05, approximate band 0.855
        ("metric: level, value: 86", P),  # approximate band max(1.0, 0.85) for a level
        ("metric: level, value: 86.1", I),
        ("metric: level, value: 85.2, qualifier: over, tolerance: 0.5", P),  # short by 0.2 of a 0.5 tolerance
        ("metric: level, value: 85.2, qualifier: over", I),  # short by 0.2 of a 0.05 half unit
        ("metric: direction, value: down", A),
        ("metric: direction, value: up", I),
        ("metric: direction, value: down, min_pct: 10", A),
        ("metric: direction, value: down, min_pct: 20", P),  # right way, not as far
        ("metric: change_pct, value: -5.6, baseline: open", A),  # 90 -> 85 is -5.56 %
        ("metric: change_pct, value: -5, baseline: open", P),
        ("metric: change_pct, value: -15, baseline: 2025-01-23", A),
    ],
)
def test_metrics_at_close(claim, expected):
    result = verify_one(f"subject: ACME, date: 2025-01-27, {claim}", acme())
    assert result.verdict is expected, result.conclusion
    assert result.actual.exact


def test_change_bp_on_a_yield():
    tnx = series(
        "^TNX", "1d", [daily("2025-01-24", 4.64, 4.66, 4.60, 4.626), daily("2025-01-27", 4.53, 4.565, 4.522, 4.528)]
    )
    result = verify_one("subject: ^TNX, metric: change_bp, value: -10, date: 2025-01-27", tnx)
    assert result.verdict is A
    assert result.actual.lo == pytest.approx(-9.8)
    assert verify_one("subject: ^TNX, metric: change_bp, value: -8, date: 2025-01-27", tnx).verdict is I


def test_moment_at_a_bars_opening_minute_is_exact():
    result = verify_one('subject: ACME, metric: change_pct, value: -11, date: 2025-01-27, time: "10:00"', acme(), HOURLY, FIVE)
    assert result.verdict is A
    assert result.actual.exact and result.actual.lo == pytest.approx(-11.0)
    assert "the open of the 5m bar" in result.conclusion
    assert any(b.interval == "5m" and b.role == "moment" for b in result.evidence)


def test_moment_inside_a_bar_gives_its_range():
    # Only hourly bars: 10:00 falls inside the 09:30-10:30 bar, low 88 high 95 -> -12 % to -5 %.
    result = verify_one('subject: ACME, metric: change_pct, value: -11, date: 2025-01-27, time: "10:00"', acme(), HOURLY)
    assert result.verdict is C
    assert (result.actual.lo, result.actual.hi) == pytest.approx((-12.0, -5.0))
    assert "09:30-10:30 1h bar" in result.conclusion
    # A range wholly inside the accepted band is a sure thing; outside both bands it is wrong;
    # meeting only the approximate band is approximate.
    assert verify_one('subject: ACME, metric: direction, value: down, date: 2025-01-27, time: "10:00"', acme(), HOURLY).verdict is A
    assert verify_one('subject: ACME, metric: change_pct, value: -20, date: 2025-01-27, time: "10:00"', acme(), HOURLY).verdict is I
    assert verify_one('subject: ACME, metric: change_pct, value: -13, date: 2025-01-27, time: "10:00"', acme(), HOURLY).verdict is P


def test_daily_bar_only_open_is_exact_then_range():
    at_open = verify_one('subject: ACME, metric: level, value: 90, date: 2025-01-27, time: "09:30"', acme())
    assert at_open.verdict is A and at_open.actual.exact
    later = verify_one('subject: ACME, metric: level, value: 90, date: 2025-01-27, time: "12:00"', acme())
    assert later.verdict is C and (later.actual.lo, later.actual.hi) == (80, 95)
    at_close = verify_one('subject: ACME, metric: level, value: 85, date: 2025-01-27, time: "16:00"', acme())
    assert at_close.verdict is A and at_close.actual.exact


def test_premarket_claim_without_premarket_bars_is_unverifiable_with_nearest_evidence():
    result = verify_one(
        'subject: ACME, metric: change_pct, value: -12, qualifier: nearly, date: 2025-01-27, time: "07:50"', acme(), HOURLY
    )
    assert result.verdict is U
    assert "07:50" in result.conclusion and "nearest: the open at 09:30" in result.conclusion
    assert result.evidence and result.evidence[0].role == "nearest"


def test_claim_time_in_another_zone():
    # 15:00 in London is 10:00 in New York in January: the 5m bar's open.
    result = verify_one(
        'subject: ACME, metric: level, value: 89, date: 2025-01-27, time: "15:00", timezone: Europe/London', acme(), FIVE
    )
    assert result.verdict is A and result.actual.exact


def test_catalogue_timezone_applies_to_claims():
    result = verify_one(
        'subject: ACME, metric: level, value: 89, date: 2025-01-27, time: "00:00"',
        acme(),
        FIVE,
        header="timezone: Asia/Seoul\n",
    )
    # 00:00 in Seoul on the 27th is 10:00 in New York on the 26th: no bar of the 27th's session covers it.
    assert result.verdict is U


def test_extreme_to_the_close_and_to_a_moment():
    low = verify_one("subject: ACME, metric: change_pct, value: -20, extreme: true, date: 2025-01-27", acme(), HOURLY)
    assert low.verdict is A and low.actual.lo == pytest.approx(-20.0)
    # By 10:00 the 09:30 bar (open 90, low 88) is only partly past: the low so far lies in 88..90.
    early = verify_one(
        'subject: ACME, metric: change_pct, value: -11, extreme: true, date: 2025-01-27, time: "10:00"', acme(), HOURLY
    )
    assert (early.actual.lo, early.actual.hi) == pytest.approx((-12.0, -10.0))
    assert early.verdict is C
    # From the daily bar alone, to 12:00: between the open (-10 %) and the day's low (-20 %).
    daily_only = verify_one(
        'subject: ACME, metric: change_pct, value: -15, extreme: true, date: 2025-01-27, time: "12:00"', acme()
    )
    assert (daily_only.actual.lo, daily_only.actual.hi) == pytest.approx((-20.0, -10.0))


def test_extreme_reads_a_session_whatever_the_order_of_its_bars():
    # The two hourly bars listed backwards: by 11:00 the 09:30 bar has ended (low 88) and the 10:30 one has
    # opened at 92 on its way to 84, so the low so far lies in 84..88.
    backwards = series("ACME", "1h", list(reversed(HOURLY.bars[:2])))
    result = verify_one(
        'subject: ACME, metric: change_pct, value: -14, extreme: true, date: 2025-01-27, time: "11:00"', acme(), backwards
    )
    assert (result.actual.lo, result.actual.hi) == pytest.approx((-16.0, -12.0))
    # A long bar with a short one inside it (ends out of order): by 10:30 the short one (low 87) has ended and
    # the long one, open 90 and low 80 by its end at 11:30, is still running: 80..87.
    start = dt.datetime(2025, 1, 27, 9, 30, tzinfo=NY)
    long_bar = Bar(dt.date(2025, 1, 27), start, start + dt.timedelta(hours=2), 90, 95, 80, 85, 100.0)
    short_bar = Bar(dt.date(2025, 1, 27), start + dt.timedelta(minutes=15), start + dt.timedelta(minutes=30), 89, 89.5, 87, 88, 10.0)
    nested = series("ACME", "1h", [long_bar, short_bar])
    result = verify_one(
        'subject: ACME, metric: change_pct, value: -15, extreme: true, date: 2025-01-27, time: "10:30"', acme(), nested
    )
    assert (result.actual.lo, result.actual.hi) == pytest.approx((-20.0, -13.0))
    assert result.verdict is C


def test_intraday_miss_says_when_the_claimed_value_traded():
    result = verify_one('subject: ACME, metric: level, value: 93, date: 2025-01-27, time: "10:00"', acme(), FIVE, HOURLY)
    assert result.verdict is I
    assert "traded in the 09:30 EST 1h bar" not in result.conclusion  # 5m bars are finer and come first
    assert "did not trade at any time that day in the 5m bars" in result.conclusion


def korea():
    # Closed 27-30 Jan 2025 for the Lunar New Year: the data jumps from the 24th to the 31st.
    return series(
        "000660.KS",
        "1d",
        [
            daily("2025-01-23", 221000, 225500, 215000, 219500, opens="09:00", closes="15:30"),
            daily("2025-01-24", 220500, 227000, 217500, 221000, opens="09:00", closes="15:30"),
            daily("2025-01-31", 197000, 204500, 194800, 199200, opens="09:00", closes="15:30"),
        ],
        calendar="XKRX",
    )


def test_holiday_no_session_and_previous_session_across_it():
    closed = verify_one("subject: 000660.KS, metric: direction, value: down, date: 2025-01-27", korea())
    assert closed.verdict is U and "No session on 27 Jan 2025" in closed.conclusion
    reopened = verify_one("subject: 000660.KS, metric: change_pct, value: -9.86, date: 2025-01-31", korea())
    assert reopened.verdict is A
    assert any(b.role == "baseline" and str(b.session) == "2025-01-24" for b in reopened.evidence)


def test_session_the_data_lacks_is_not_a_holiday():
    import datetime as dt

    s = series(
        "ACME", "1d", [daily("2025-01-23", 1, 1, 1, 1), daily("2025-01-27", 1, 1, 1, 1)],
        calendar="XNYS", missing_sessions=frozenset({dt.date(2025, 1, 24)}),
    )
    result = verify_one("subject: ACME, metric: direction, value: down, date: 2025-01-24", s)
    assert result.verdict is U and "no bar for that session" in result.conclusion
    after = verify_one("subject: ACME, metric: direction, value: down, date: 2025-01-27", s)
    assert after.verdict is U and "lacks the ACME session of 24 Jan 2025" in after.conclusion


def test_snapshot_close_uses_ranges_and_says_so():
    fx = series(
        "JPY=X",
        "1d",
        [daily("2025-01-24", 156.155, 156.568, 154.862, 156.155, 0), daily("2025-01-27", 155.744, 156.226, 153.725, 155.744, 0)],
        snapshot_close=True,
    )
    yen = verify_one("subject: JPY=X, metric: direction, value: up, invert: true, date: 2025-01-27", fx)
    assert yen.verdict is C and not yen.actual.exact
    assert "snapshot" in yen.conclusion
    level = verify_one("subject: JPY=X, metric: level, value: 155.7, date: 2025-01-27", fx)
    assert level.verdict is C


def test_invert_turns_a_fall_in_the_quote_into_a_rise():
    fx = series("CHF=X", "1d", [daily("2025-01-24", 1, 1, 1, 0.90), daily("2025-01-27", 1, 1, 1, 0.88)])
    franc = verify_one("subject: CHF=X, metric: change_pct, value: 2.3, invert: true, date: 2025-01-27", fx)
    assert franc.actual.lo == pytest.approx(100 * (0.90 / 0.88 - 1))
    assert franc.verdict is A


def test_volume_ratio():
    s = series(
        "ACME",
        "1d",
        [daily("2025-01-22", 1, 1, 1, 1, 100), daily("2025-01-23", 1, 1, 1, 1, 300), daily("2025-01-24", 1, 1, 1, 1, 800)],
    )
    result = verify_one("subject: ACME, metric: volume_ratio, value: 4, window: 2, date: 2025-01-24", s)
    assert result.actual.lo == pytest.approx(4.0) and result.verdict is A
    short = verify_one("subject: ACME, metric: volume_ratio, value: 4, window: 3, date: 2025-01-24", s)
    assert short.verdict is U and "only 2" in short.conclusion


def test_volume_ratio_up_to_a_time_of_day():
    days = series("ACME", "1d", [daily(d, 1, 1, 1, 1, 1000) for d in ("2025-01-22", "2025-01-23", "2025-01-24")])
    hourly = [intraday(f"{d}T{t}", "1h", 1, 1, 1, 1, v) for d in ("2025-01-22", "2025-01-23") for t, v in (("09:30", 100), ("10:30", 50))]
    # By 11:00 on the 24th: the 09:30 bar (300) is over and the 10:30 one (100) running, so 300..400; the same
    # hours before: 100..150 each day. The ratio lies in 300/150..400/100.
    ordered = hourly + [intraday("2025-01-24T09:30", "1h", 1, 1, 1, 1, 300), intraday("2025-01-24T10:30", "1h", 1, 1, 1, 1, 100)]
    result = verify_one(
        'subject: ACME, metric: volume_ratio, value: 3, window: 2, date: 2025-01-24, time: "11:00"',
        days, series("ACME", "1h", ordered),
    )
    assert (result.actual.lo, result.actual.hi) == pytest.approx((2.0, 4.0)) and result.verdict is C
    # A long bar (300) with a short one (50) inside it, by 10:30: the short one is over, the long one running.
    start = dt.datetime(2025, 1, 24, 9, 30, tzinfo=NY)
    nested = hourly + [
        Bar(dt.date(2025, 1, 24), start, start + dt.timedelta(hours=2), 1, 1, 1, 1, 300.0),
        Bar(dt.date(2025, 1, 24), start + dt.timedelta(minutes=15), start + dt.timedelta(minutes=30), 1, 1, 1, 1, 50.0),
    ]
    result = verify_one(
        'subject: ACME, metric: volume_ratio, value: 2, window: 2, date: 2025-01-24, time: "10:30"',
        days, series("ACME", "1h", nested),
    )
    assert (result.actual.lo, result.actual.hi) == pytest.approx((0.5, 3.5)) and result.verdict is C
    # A bar begun by then without a volume: the hours cannot be compared.
    blank = hourly + [intraday("2025-01-24T09:30", "1h", 1, 1, 1, 1, None)]
    result = verify_one(
        'subject: ACME, metric: volume_ratio, value: 3, window: 2, date: 2025-01-24, time: "10:00"',
        days, series("ACME", "1h", blank),
    )
    assert result.verdict is U and "no intraday volume" in result.conclusion


def history():
    closes = [("2020-03-13", 100), ("2020-03-16", 80), ("2020-03-17", 82), ("2024-04-18", 100), ("2024-04-19", 90),
              ("2025-01-24", 100), ("2025-01-27", 83)]  # -20 % in March 2020, -10 % in April 2024, -17 % now
    return series("ACME", "1d", [daily(d, c, c, c, c) for d, c in closes])


@pytest.mark.parametrize(
    "period, expected",
    # The data starts on 13 Mar 2020: the -20 % of the 16th is known, so "since March 2020" can be
    # decided; a month before the data starts cannot.
    [("2020-03", A), ("2020-03-16", A), ("2024-04", I), ("2019-01", U)],
)
def test_worst_since(period, expected):
    result = verify_one(f'subject: ACME, metric: worst_since, value: "{period}", date: 2025-01-27', history())
    assert result.verdict is expected, result.conclusion


def test_worst_since_names_the_earliest_missing_session_every_run():
    import datetime as dt

    # Dates hash differently in each interpreter (PYTHONHASHSEED), so a set's order would change the example.
    lacking = frozenset(dt.date(2024, 5, 1) + dt.timedelta(days=d) for d in range(60))
    s = series("ACME", "1d", history().bars, missing_sessions=lacking)
    result = verify_one('subject: ACME, metric: worst_since, value: "2020-03", date: 2025-01-27', s)
    assert result.verdict is U
    assert "lacks 60 session(s) since 2020-03, e.g. 2024-05-01" in result.conclusion


def test_best_since():
    closes = [("2020-03-13", 100), ("2020-03-16", 120), ("2024-04-18", 100), ("2024-04-19", 105),
              ("2025-01-24", 100), ("2025-01-27", 110)]
    s = series("ACME", "1d", [daily(d, c, c, c, c) for d, c in closes])
    assert verify_one('subject: ACME, metric: best_since, value: "2020-03", date: 2025-01-27', s).verdict is A
    assert verify_one('subject: ACME, metric: best_since, value: "2024-04", date: 2025-01-27', s).verdict is I


def test_unknown_symbol_and_missing_interval_are_unverifiable():
    result = verify_one("subject: NOPE, metric: direction, value: down, date: 2025-01-27", acme())
    assert result.verdict is U and "NOPE" in result.conclusion


def test_a_failure_inside_a_metric_is_an_error_verdict_not_a_crash():
    broken = series("ACME", "1d", [daily("2025-01-24", 0, 0, 0, 0), daily("2025-01-27", 1, 1, 1, 1)])
    result = verify_one("subject: ACME, metric: change_pct, value: 5, date: 2025-01-27", broken)
    assert result.verdict is Verdict.ERROR and "ZeroDivisionError" in result.conclusion


def test_external_claims_are_out_of_scope():
    from dscheck.catalogue import loads
    from dscheck.verdicts import verify
    from fakes import FakeMarket

    text = "dscheck: 1\narticles: {a: {}}\nclaims:\n  - {id: x, article: a, quote: q, kind: external, reason: costs}\n"
    (result,) = verify(loads(text), FakeMarket())
    assert result.verdict is Verdict.OUT_OF_SCOPE and "costs" in result.conclusion


def test_plan_asks_once_per_symbol_and_interval():
    from dscheck.catalogue import loads
    from dscheck.verdicts import verify
    from fakes import FakeMarket, catalogue

    market = FakeMarket(acme(), HOURLY)
    text = catalogue(
        "subject: ACME, metric: direction, value: down, date: 2025-01-27",
        'subject: ACME, metric: level, value: 90, date: 2025-01-27, time: "10:00"',
        "subject: ACME, metric: change_pct, value: -15, date: 2025-01-24",
    )
    verify(loads(text), market)
    (requests,) = market.loads
    assert sorted((r.symbol, r.interval) for r in requests) == [("ACME", "1d"), ("ACME", "1h")]


def test_a_series_without_session_times_answers_at_the_close_only():
    from dscheck.market.interface import Bar
    import datetime as dt

    def row(day, close, low=None):
        return Bar(dt.date.fromisoformat(day), None, None, None, None, low, close, None)

    fred = series("DGS10", "1d", [row("2025-01-24", 4.63), row("2025-01-27", 4.53, low=4.53)])
    assert verify_one("subject: DGS10, metric: change_bp, value: -10, date: 2025-01-27", fred).verdict is A
    timed = verify_one('subject: DGS10, metric: change_bp, value: -10, date: 2025-01-27, time: "10:00"', fred)
    assert timed.verdict is U and "No DGS10 bar covers 10:00" in timed.conclusion and "one value a day" in timed.conclusion
    lowest = verify_one("subject: DGS10, metric: change_bp, value: -10, extreme: true, date: 2025-01-27", fred)
    assert lowest.verdict is A


@pytest.mark.parametrize("invert, expected", [("false", I), ("true", A)])  # 1/89 lies within 0 +- 0.5
def test_a_level_of_zero_is_judged_not_crashed_on(invert, expected):
    result = verify_one(f'subject: ACME, metric: level, value: 0, invert: {invert}, date: 2025-01-27, time: "10:00"', acme(), FIVE)
    assert result.verdict is expected, result.conclusion


def test_evidence_bar_copies_every_field_of_its_bar():
    import dataclasses

    from dscheck.market.interface import Bar
    from dscheck.verdicts.interface import EvidenceBar

    values = {f.name: f"value of {f.name}" for f in dataclasses.fields(Bar)}
    made = EvidenceBar.of(Bar(**values), role="moment", symbol="NVDA", interval="1d", source="s")
    assert {name: getattr(made, name) for name in values} == values
