"""One fixed, hand-made run that covers every verdict (and every chart kind): it feeds every report format."""

from __future__ import annotations

import datetime as dt
import math
from zoneinfo import ZoneInfo

from dscheck.catalogue.interface import Article, Claim, ClaimId, Location
from dscheck.reports.interface import Run
from dscheck.verdicts.interface import EvidenceBar, Interval, Result, Verdict

NY = ZoneInfo("America/New_York")
HOSTILE = 'SMCI jumped 10% <script>document.title="pwned"</script> | *bold* & [link](http://x) `code`'

ARTICLES = {
    "wire-0127": Article(
        "wire-0127", title="Chip stocks sink as a cheap Chinese model spooks the AI trade",
        publisher="Example Wire", published="2025-01-27", language="en", source="https://news.example/wire-0127",
    ),
    "kr-0130": Article(
        "kr-0130", title="딥시크 충격 이후", publisher="한국경제", published="2025-01-30", language="ko",
        source="seeds/002.txt",
    ),
}


def daily(symbol: str, role: str, day: str, o, h, low, c, v=None, source="evidence bars/{}.1d.csv") -> EvidenceBar:
    d = dt.date.fromisoformat(day)
    return EvidenceBar(
        d, dt.datetime.combine(d, dt.time(9, 30), NY), dt.datetime.combine(d, dt.time(16), NY), o, h, low, c, v,
        role=role, symbol=symbol, interval="1d", source=source.format(symbol),
    )


def intraday(symbol: str, role: str, stamp: str, interval: str, o, h, low, c, v=0.0) -> EvidenceBar:
    start = dt.datetime.fromisoformat(stamp).replace(tzinfo=NY)
    length = {"5m": 5, "1h": 60}[interval]
    return EvidenceBar(
        start.date(), start, start + dt.timedelta(minutes=length), o, h, low, c, v,
        role=role, symbol=symbol, interval=interval, source=f"evidence bars/{symbol}.{interval}.csv",
    )


def claim(cid: str, line: int, article: str = "wire-0127", **fields) -> Claim:
    fields.setdefault("quote", f"quote of {cid}")
    return Claim(ClaimId(cid), article, location=Location("claims.yaml", line, 5), **fields)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


NVDA_BASE = daily("NVDA", "baseline", "2025-01-24", 148.37, 148.97, 141.88, 142.62, 234_657_600)
NVDA_DAY = daily("NVDA", "moment", "2025-01-27", 124.80, 128.40, 116.70, 118.42, 818_830_900)
NVDA_HISTORY = tuple(
    daily("NVDA", "history", d, o, h, low, c, v)
    for d, o, h, low, c, v in (
        ("2025-01-17", 136.69, 138.50, 135.46, 137.71, 201_188_800),
        ("2025-01-21", 139.16, 141.83, 137.09, 140.83, 197_749_000),
        ("2025-01-22", 144.66, 147.79, 143.67, 147.07, 237_651_400),
        ("2025-01-23", 145.05, 147.23, 143.72, 147.22, 155_915_500),
        ("2025-01-24", 148.37, 148.97, 141.88, 142.62, 234_657_600),
    )
)
VOLUME_MEAN = sum(b.volume for b in NVDA_HISTORY) / 5

RESULTS = (
    Result(
        claim(
            "nvda-fell-17", 10, quote="Nvidia plunged 17% on Monday", tags=("ai", "chips"), subject="NVDA",
            metric="change_pct", value=-17.0, value_text="17", date=day("2025-01-27"),
        ),
        Verdict.ACCURATE,
        "NVDA was 118.42 at the close of 27 Jan 2025: -16.97 % against 142.62 at the close of 24 Jan 2025. "
        "That is within the claimed -17 % (accepted: -17.5 % to -16.5 %), so it holds.",
        actual=Interval.point(-16.97), accepted=Interval(-17.5, -16.5), approximate=Interval(-18.7, -15.3),
        claimed_text="-17 %", actual_text="-16.97 %", evidence=(NVDA_DAY, NVDA_BASE),
    ),
    Result(
        claim(
            "ndx-down-3-at-10", 20, quote="By 10 a.m. the Nasdaq-100 was down about 3%", tags=("index",),
            subject="^NDX", metric="change_pct", value=-3.0, value_text="3", date=day("2025-01-27"),
            time=dt.time(10, 0),
        ),
        Verdict.CONSISTENT,
        "^NDX traded between 21,062.03 and 21,239.67 in the 09:30-10:30 1h bar, which covers 10:00 EST: -3.27 % to "
        "-2.45 % against 21,774.01 at the close of 24 Jan 2025. Part of that range is within the claimed -3 %, so "
        "the data allows it without proving it. It closed at -2.97 %.",
        actual=Interval(-3.27, -2.45), accepted=Interval(-3.5, -2.5), approximate=Interval(-4.0, -2.0),
        claimed_text="-3 %", actual_text="-3.27 % to -2.45 %",
        evidence=(
            intraday("^NDX", "moment", "2025-01-27T09:30", "1h", 21062.03, 21239.67, 21062.03, 21239.67),
            daily("^NDX", "baseline", "2025-01-24", 21915.48, 21945.48, 21709.06, 21774.01, 7_708_150_000),
        ),
    ),
    Result(
        claim(
            "yield-down-10bp", 30, quote="The 10-year yield fell 10 basis points", tags=("rates",), subject="^TNX",
            metric="change_bp", value=-10.0, value_text="10", date=day("2025-01-27"),
        ),
        Verdict.APPROXIMATE,
        "^TNX was 4.529 at the close of 27 Jan 2025: -9.1 bp against 4.620 at the close of 24 Jan 2025. That is "
        "outside the claimed -10 bp (accepted: -10.5 bp to -9.5 bp) but within the approximate band, so it is close.",
        actual=Interval.point(-9.1), accepted=Interval(-10.5, -9.5), approximate=Interval(-11.0, -9.0),
        claimed_text="-10 bp", actual_text="-9.1 bp",
        evidence=(
            daily("^TNX", "moment", "2025-01-27", 4.545, 4.561, 4.495, 4.529),
            daily("^TNX", "baseline", "2025-01-24", 4.640, 4.650, 4.600, 4.620),
        ),
    ),
    Result(
        claim(
            "smci-jumped", 40, quote=HOSTILE, tags=("ai",), subject="SMCI", metric="change_pct", value=10.0,
            value_text="10", date=day("2025-01-27"),
        ),
        Verdict.INACCURATE,
        "SMCI was 27.14 at the close of 27 Jan 2025: -13.48 % against 31.37 at the close of 24 Jan 2025. That is "
        "outside the claimed +10 % (accepted: +9.5 % to +10.5 %), so it does not hold.",
        actual=Interval.point(-13.48), accepted=Interval(9.5, 10.5), approximate=Interval(9.0, 11.0),
        claimed_text="+10 %", actual_text="-13.48 %",
        evidence=(
            daily("SMCI", "moment", "2025-01-27", 28.90, 29.60, 26.79, 27.14),
            daily("SMCI", "baseline", "2025-01-24", 32.20, 32.76, 31.08, 31.37),
        ),
    ),
    Result(
        claim(
            "aapl-at-10", 50, quote="Apple opened the 10 o'clock bar at $229.9", subject="AAPL", metric="level",
            value=229.9, value_text="229.9", date=day("2025-01-27"), time=dt.time(10, 0),
        ),
        Verdict.ACCURATE,
        "AAPL was 229.92 at 10:00 EST, the open of the 5m bar. That is within the claimed 229.9 (accepted: 229.85 "
        "to 229.95), so it holds.",
        actual=Interval.point(229.92), accepted=Interval(229.85, 229.95), approximate=Interval(227.60, 232.20),
        claimed_text="229.9", actual_text="229.92",
        evidence=(intraday("AAPL", "moment", "2025-01-27T10:00", "5m", 229.92, 230.41, 229.50, 230.10, 1_210_000),),
    ),
    Result(
        claim(
            "nvda-volume", 60, quote="Nvidia traded more than three times its usual volume", subject="NVDA",
            metric="volume_ratio", value=3.0, value_text="3", qualifier="over", date=day("2025-01-27"), window=5,
        ),
        Verdict.ACCURATE,
        f"NVDA traded 818,830,900 on 27 Jan 2025, {818_830_900 / VOLUME_MEAN:.2f}× the mean of the 5 sessions "
        "before it (2025-01-17 to 2025-01-24). That is within the claimed over 3× (accepted: 3× or more), so it holds.",
        actual=Interval.point(818_830_900 / VOLUME_MEAN), accepted=Interval(3.0, math.inf),
        approximate=Interval(2.5, math.inf), claimed_text="over 3×", actual_text=f"{818_830_900 / VOLUME_MEAN:.2f}×",
        evidence=(daily("NVDA", "day", "2025-01-27", 124.80, 128.40, 116.70, 118.42, 818_830_900), *NVDA_HISTORY),
    ),
    Result(
        claim(
            "nvda-worst-since-2020", 70, article="kr-0130", quote="엔비디아는 2020년 3월 이후 최악의 하루를 보냈다",
            gloss="Nvidia had its worst day since March 2020.", tags=("ai",), subject="NVDA", metric="worst_since",
            value="2020-03", date=day("2025-01-27"),
        ),
        Verdict.ACCURATE,
        "NVDA moved -16.97 % at the close of 27 Jan 2025; its worst day in 2020-03 was -18.45 % on 16 Mar 2020, and "
        "its worst day between then and 27 Jan 2025 was -10.00 % on 3 Sep 2024.",
        actual=Interval.point(-16.97), accepted=Interval(-18.45, -10.0, hi_open=True),
        approximate=Interval(-18.45, -10.0, hi_open=True), claimed_text="worst since 2020-03", actual_text="-16.97 %",
        evidence=(
            NVDA_DAY, NVDA_BASE,
            daily("NVDA", "history", "2020-03-16", 5.49, 5.53, 4.94, 4.93),
            daily("NVDA", "history", "2024-09-03", 116.01, 116.21, 107.29, 108.00),
        ),
    ),
    Result(
        claim(
            "qqq-premarket", 80, article="kr-0130", quote="나스닥 선물은 오전 7시 3% 넘게 빠졌다", subject="QQQ",
            metric="change_pct", value=-3.0, value_text="3", qualifier="over", date=day("2025-01-27"),
            time=dt.time(7, 0),
        ),
        Verdict.UNVERIFIABLE,
        "no QQQ bar covers 07:00 EST on 27 Jan 2025 (the data has no trading at that hour); nearest: the open at "
        "09:30 EST, 505.61. Try an instrument that trades then (NQ=F), or check a later time.",
        claimed_text="over -3 %",
        evidence=(intraday("QQQ", "nearest", "2025-01-27T09:30", "1h", 505.61, 507.90, 503.10, 506.20),),
    ),
    Result(
        claim(
            "training-cost", 90, quote="DeepSeek says it trained the model for $5.6 million", kind="external",
            reason="a company's own cost figure; market prices cannot check it",
        ),
        Verdict.OUT_OF_SCOPE,
        "Out of scope: a company's own cost figure; market prices cannot check it.",
    ),
    Result(
        claim(
            "avgo-broken", 100, quote="Broadcom sank 17%", subject="AVGO", metric="change_pct", value=-17.0,
            value_text="17", date=day("2025-01-27"),
        ),
        Verdict.ERROR,
        "internal error while checking this claim: ZeroDivisionError: float division by zero",
        claimed_text="-17 %",
    ),
)

RUN = Run(
    results=RESULTS,
    catalogue="claims.yaml",
    evidence="evidence",
    articles=ARTICLES,
    date=dt.date(2025, 2, 3),
    review_url="https://factcheck.example/deepseek-shock.html",
    reviewer="Example Fact Desk",
)
