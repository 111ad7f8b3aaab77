"""Articles written for these tests (not the seeds, and not used to tune the rules) and the claims they must yield."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dscheck.extract import extract, load_instruments

HERE = Path(__file__).parent / "extract_articles"
D = dt.date.fromisoformat


def T(text):
    return dt.time.fromisoformat(text)


# (subject, metric, value, qualifier, date, time, timezone, extreme); qualifier None = none written.
ENGLISH = {
    ("NVDA", "change_pct", 8.9, None, D("2025-01-28"), None, None, False),
    ("NVDA", "level", 128.99, None, D("2025-01-28"), None, None, False),
    ("AVGO", "change_pct", 2.6, None, D("2025-01-28"), None, None, False),
    ("ORCL", "change_pct", 4, "nearly", D("2025-01-28"), None, None, False),
    ("^IXIC", "change_pct", 2, None, D("2025-01-28"), None, None, False),
    ("^GSPC", "change_pct", 0.9, None, D("2025-01-28"), None, None, False),
    ("^DJI", "change_points", 136.77, None, D("2025-01-28"), None, None, False),
    ("^DJI", "change_pct", 0.3, None, D("2025-01-28"), None, None, False),
    ("MSFT", "change_pct", 2, "over", D("2025-01-28"), None, None, False),
    ("META", "change_pct", 2.2, "about", D("2025-01-28"), None, None, False),
    ("^TNX", "change_bp", 2, None, D("2025-01-28"), None, None, False),
    ("^TNX", "level", 4.55, None, D("2025-01-28"), None, None, False),
    ("BTC-USD", "level", 101000, "about", D("2025-01-28"), None, None, False),
    ("BTC-USD", "direction", "down", None, D("2025-01-28"), None, None, False),
    ("TSLA", "change_pct", -1.5, None, D("2025-01-28"), T("10:30"), None, False),
}

KOREAN = {
    ("^KS11", "change_pct", -2.52, None, D("2025-02-03"), None, None, False),
    ("^KS11", "level", 2453.95, None, D("2025-02-03"), None, None, False),
    ("000660.KS", "change_pct", -4.17, None, D("2025-02-03"), None, None, False),
    ("000660.KS", "level", 190900, None, D("2025-02-03"), None, None, False),
    ("005930.KS", "change_pct", -2.7, None, D("2025-02-03"), None, None, False),
    ("KRW=X", "level", 1470, "over", D("2025-02-03"), None, None, True),
    ("NQ=F", "change_pct", -1.5, None, D("2025-02-03"), T("15:00"), "Asia/Seoul", False),
    ("AAPL", "change_pct", -0.7, None, D("2025-01-31"), None, None, False),
}


def keys(result):
    return {
        (c.subject, c.metric, c.value, c.qualifier, c.date, c.time, c.timezone, c.extreme)
        for c in result.claims
    }


@pytest.mark.parametrize(
    "name, day, expected",
    [("en_rebound_2025-01-28.txt", "2025-01-28", ENGLISH), ("ko_tariff_2025-02-03.txt", "2025-02-03", KOREAN)],
)
def test_written_articles_come_out_right(name, day, expected):
    result = extract((HERE / name).read_text("utf-8"), D(day), load_instruments())
    found = keys(result)
    assert found - expected == set(), "claims drafted that the article does not make"
    assert expected - found == set(), "claims the article makes that were not drafted"


def test_unmapped_numbers_are_kept():
    english = extract((HERE / "en_rebound_2025-01-28.txt").read_text("utf-8"), D("2025-01-28"), load_instruments())
    assert any("5.6 million" in u.text for u in english.unmapped)
    korean = extract((HERE / "ko_tariff_2025-02-03.txt").read_text("utf-8"), D("2025-02-03"), load_instruments())
    assert any("8000억원" in u.text for u in korean.unmapped)
