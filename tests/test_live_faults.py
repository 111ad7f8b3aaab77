"""Every way Yahoo can fail, through yfinance's own code against the fake server: the claim ends unverifiable
with a reason that says what happened and what to try, the exit code says whether data is missing, and
nothing raises, guesses or hangs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fake_yahoo import NOW, yahoo_error
from test_live_verify import dscheck

CATALOGUE = """\
dscheck: 1
articles:
  a: {published: "2025-01-27", language: en, source: a test}
claims:
  - id: nvda-close
    article: a
    quote: "Nvidia closed 17 % lower"
    subject: NVDA
    metric: change_pct
    value: -17
    date: 2025-01-27
  - id: spy-10am
    article: a
    quote: "SPY was down at 10 AM"
    subject: SPY
    metric: direction
    value: down
    date: 2025-01-27
    time: "10:00"
"""


@pytest.fixture
def claims(tmp_path: Path) -> Path:
    path = tmp_path / "claims.yaml"
    path.write_text(CATALOGUE)
    return path


def check(capsys, claims: Path, yahoo, *extra: str, **options) -> tuple[int, dict[str, dict], str]:
    code, out, err = dscheck(
        capsys, "verify", str(claims), "--format", "json", "--cache-dir", str(claims.parent / "cache"), *extra,
        obj=yahoo.obj(**options),
    )
    return code, {r["id"]: r for r in json.loads(out)["results"]}, err


def nvda_charts(yahoo) -> int:
    return sum(1 for s in yahoo.fake.charts if s.symbol == "NVDA")


def test_healthy_service_for_reference(capsys, claims, yahoo):
    code, results, err = check(capsys, claims, yahoo)
    assert code == 0 and err == ""
    assert results["nvda-close"]["verdict"] == "accurate" and results["spy-10am"]["verdict"] == "accurate"
    assert "5m bar" in results["spy-10am"]["conclusion"]


def test_no_network_dns_failure(capsys, claims, yahoo):
    code, results, err = check(capsys, claims, yahoo, dns_failure=True)
    assert code == 3
    for result in results.values():
        assert result["verdict"] == "unverifiable"
        assert "no network: the name query2.finance.yahoo.com could not be looked up" in result["conclusion"]
        assert "dscheck evidence fetch" in result["conclusion"]
    assert "market data missing" in err
    assert yahoo.fake.seen == []


def test_connection_refused_stops_after_the_first_request(capsys, claims, yahoo):
    yahoo.url = "http://127.0.0.1:9/"  # nothing listens there
    code, results, err = check(capsys, claims, yahoo)
    assert code == 3
    nvda, spy = results["nvda-close"], results["spy-10am"]
    assert nvda["verdict"] == spy["verdict"] == "unverifiable"
    assert "could not be fetched: Yahoo Finance could not be reached (curl: (7)" in nvda["conclusion"]
    assert "were not fetched: Yahoo Finance could not be reached" in spy["conclusion"]


def test_timeout_is_reported_and_the_run_stops_asking(capsys, claims, yahoo):
    yahoo.fake.fail("*", delay=3.0)
    code, results, err = check(capsys, claims, yahoo, timeout=0.5, cap=0.5)
    assert code == 3
    assert results["nvda-close"]["verdict"] == "unverifiable"
    assert "Yahoo Finance did not answer within 0.5 s" in results["nvda-close"]["conclusion"]
    assert "try again later" in results["nvda-close"]["conclusion"]
    assert "were not fetched: Yahoo Finance did not answer within 0.5 s (timed out)" in results["spy-10am"]["conclusion"]
    assert len(yahoo.fake.charts) == 1  # one slow answer is waited for once, not once per series


def test_rate_limit_backs_off_a_bounded_number_of_times_then_gives_up(capsys, claims, yahoo):
    yahoo.fake.fail("*", status=429, body=b"Too Many Requests")
    code, results, err = check(capsys, claims, yahoo)
    assert code == 3
    nvda = results["nvda-close"]
    assert nvda["verdict"] == "unverifiable"
    assert "HTTP 429 (too many requests), 3 tries" in nvda["conclusion"]
    assert "wait a few minutes and run again" in nvda["conclusion"]
    assert yahoo.waits == [2.0, 5.0]
    # yfinance itself asks twice per try (once more with its other cookie strategy); nothing after NVDA.
    assert nvda_charts(yahoo) == 6 and len(yahoo.fake.charts) == 6
    assert "Yahoo Finance is rate-limiting requests" in results["spy-10am"]["conclusion"]


def test_rate_limit_that_lifts_gives_the_right_verdict(capsys, claims, yahoo):
    yahoo.fake.fail("NVDA", status=429, body=b"Too Many Requests", times=2)
    code, results, err = check(capsys, claims, yahoo)
    assert code == 0
    assert results["nvda-close"]["verdict"] == "accurate"
    assert yahoo.waits == [2.0]


def test_retry_after_is_honoured_but_never_waited_out_beyond_30_s(capsys, claims, yahoo):
    yahoo.fake.fail("NVDA", status=429, body=b"", headers={"Retry-After": "12"}, times=2)
    assert check(capsys, claims, yahoo)[1]["nvda-close"]["verdict"] == "accurate"
    assert yahoo.waits == [12.0]
    yahoo.waits.clear()
    yahoo.fake.fail("NVDA", status=429, body=b"", headers={"Retry-After": "3600"})
    code, results, _ = check(capsys, claims, yahoo, "--refresh")
    assert code == 3 and results["nvda-close"]["verdict"] == "unverifiable"
    assert "HTTP 429" in results["nvda-close"]["conclusion"]
    assert yahoo.waits == []  # an hour's wait is not waited: the run says so and ends


def test_server_error_is_retried_then_reported_for_that_series_only(capsys, claims, yahoo):
    yahoo.fake.fail("NVDA", status=503, body=b"<html><body>Service Unavailable</body></html>")
    code, results, err = check(capsys, claims, yahoo)
    assert code == 3
    nvda = results["nvda-close"]
    assert nvda["verdict"] == "unverifiable"
    assert "HTTP 503 (a fault on Yahoo's side), 3 tries; try again later" in nvda["conclusion"]
    assert yahoo.waits == [2.0, 5.0]
    assert results["spy-10am"]["verdict"] == "accurate"  # a server error on one symbol stops nothing else


def test_server_error_once_is_absorbed(capsys, claims, yahoo):
    yahoo.fake.fail("NVDA", status=500, body=yahoo_error("Internal Server Error", "oops"), times=1)
    code, results, _ = check(capsys, claims, yahoo)
    assert code == 0 and results["nvda-close"]["verdict"] == "accurate"


def test_unknown_symbol_404_is_a_settled_answer(capsys, claims, yahoo):
    claims.write_text(CATALOGUE.replace("subject: NVDA", "subject: NVDAQ"))
    code, results, err = check(capsys, claims, yahoo)
    assert code == 0  # nothing is missing: Yahoo answered, and its answer is "no such symbol"
    bad = results["nvda-close"]
    assert bad["verdict"] == "unverifiable"
    assert "Yahoo Finance does not know the symbol NVDAQ (HTTP 404: No data found, symbol may be delisted)" in bad["conclusion"]
    assert "spelled as Yahoo spells it" in bad["conclusion"]
    assert results["spy-10am"]["verdict"] == "accurate"
    # The answer is kept: a second run does not ask again.
    yahoo.fake.seen.clear()
    again = check(capsys, claims, yahoo)[1]["nvda-close"]
    assert "kept in the cache; --refresh asks again" in again["conclusion"] and yahoo.fake.seen == []


def test_422_interval_not_served(capsys, claims, yahoo):
    yahoo.fake.fail(
        "NVDA", status=422,
        body=yahoo_error("Unprocessable Entity", "1d data not available for startTime=1 and endTime=2."),
    )
    code, results, _ = check(capsys, claims, yahoo)
    assert code == 0
    nvda = results["nvda-close"]
    assert nvda["verdict"] == "unverifiable"
    assert "Yahoo Finance would not serve the NVDA 1d bars for 13 Jan 2025 to 27 Jan 2025 (HTTP 422: 1d data not available" in nvda["conclusion"]


def test_yahoo_refusing_old_5m_bars_leaves_the_hourly_ones(capsys, claims, yahoo):
    import datetime as dt

    yahoo.fake.now = NOW + dt.timedelta(days=30)  # Yahoo's window has moved on; dscheck's clock has not
    code, results, _ = check(capsys, claims, yahoo, clock=lambda: NOW)
    spy = results["spy-10am"]
    assert code == 0
    assert spy["verdict"] == "accurate" and "1h bar" in spy["conclusion"]
    refused = [s for s in yahoo.fake.charts if s.query["interval"] == "5m"]
    assert refused  # it was asked, refused (422), and the claim fell back to the hour


@pytest.mark.parametrize(
    "body, says",
    [
        (b'{"chart": {"result": [{"meta": ', "a response that is not JSON"),
        (b"", "an empty response"),
        (b"{}", "JSON that is not a chart"),
        (b"<html><body>Will be right back</body></html>", "a response that is not JSON"),
        (b'{"chart": {"result": [{"meta": {"symbol": "NVDA"}, "timestamp": [1737988200]}], "error": null}}',
         "timestamps without prices"),
    ],
)
def test_malformed_answers(capsys, claims, yahoo, body, says):
    yahoo.fake.fail("NVDA", status=200, body=body)
    code, results, err = check(capsys, claims, yahoo)
    assert code == 3
    nvda = results["nvda-close"]
    assert nvda["verdict"] == "unverifiable"
    assert f"Yahoo Finance answered the request for the NVDA 1d bars for 13 Jan 2025 to 27 Jan 2025 with {says}" in nvda["conclusion"]
    assert "try again later" in nvda["conclusion"]
    assert results["spy-10am"]["verdict"] == "accurate"


def test_bars_with_broken_numbers_are_never_used(capsys, claims, yahoo):
    """Prices that are not numbers (or are infinite) become gaps, never values a verdict could rest on."""
    body = yahoo.fake.document("NVDA", "1d", yahoo.fake.archive.series("NVDA", "1d"), 0, 2**31, False)
    quote = body["chart"]["result"][0]["indicators"]["quote"][0]
    stamps = body["chart"]["result"][0]["timestamp"]
    import datetime as dt

    day = stamps.index(next(s for s in stamps if dt.datetime.fromtimestamp(s, dt.timezone.utc).date() == dt.date(2025, 1, 27)))
    quote["close"][day] = "Infinity"
    yahoo.fake.fail("NVDA", status=200, body=json.dumps(body).encode())
    code, results, _ = check(capsys, claims, yahoo)
    assert results["nvda-close"]["verdict"] == "unverifiable"
    assert "has no close" in results["nvda-close"]["conclusion"]


def test_a_symbol_that_could_reach_a_url_elsewhere_is_refused_before_any_request(capsys, claims, yahoo):
    from dscheck.market.interface import Request
    from dscheck.market.yahoo import YahooFinance

    import datetime as dt

    provider = YahooFinance(**yahoo.options())
    day = dt.date(2025, 1, 27)
    out = provider.load([Request("../../v1/test/getcrumb", "1d", day, day), Request("NVDA?x=1", "1d", day, day)])
    assert all("is not a Yahoo Finance symbol" in u.reason for u in out.values())
    assert yahoo.fake.seen == []
