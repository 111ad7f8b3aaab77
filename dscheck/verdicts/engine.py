"""Check every claim of a catalogue against a market data source: plan, fetch once, judge each claim."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

from dscheck.catalogue.interface import Catalogue, Claim
from dscheck.collector import paused
from dscheck.market.interface import DamagedBars, MarketData, Progress, Request, Series, Unavailable
from dscheck.verdicts.bands import judge
from dscheck.verdicts.interface import Interval, Result, Verdict
from dscheck.verdicts.metrics import REGISTRY
from dscheck.verdicts.metrics.measurement import Measurement
from dscheck.verdicts.metrics.since import period
from dscheck.verdicts.prices import Bars, Unverifiable

# Calendar days of daily bars to ask for before a claim's date: enough to find the previous session
# across the longest market holiday (Korea's Lunar New Year with a weekend, for one).
LOOKBACK_DAYS = 14


def plan(catalogue: Catalogue, market: MarketData) -> list[Request]:
    """Every (symbol, interval, span) the catalogue's claims need, merged so each is asked for once."""
    spans: dict[tuple[str, str], tuple[dt.date, dt.date]] = {}

    def want(symbol: str, interval: str, start: dt.date, end: dt.date) -> None:
        old = spans.get((symbol, interval))
        spans[(symbol, interval)] = (min(start, old[0]), max(end, old[1])) if old else (start, end)

    offered: dict[tuple[str, dt.date], tuple[str, ...]] = {}  # what the source has, asked once per symbol and day
    for claim in catalogue.claims:
        if not claim.is_market:
            continue
        start = claim.date - dt.timedelta(days=LOOKBACK_DAYS)
        if claim.metric == "volume_ratio":
            start -= dt.timedelta(days=claim.window * 2)
        if claim.metric in ("worst_since", "best_since"):
            start = min(start, period(claim.value)[0] - dt.timedelta(days=LOOKBACK_DAYS))
        if claim.baseline not in ("previous_close", "open"):
            start = min(start, dt.date.fromisoformat(claim.baseline) - dt.timedelta(days=LOOKBACK_DAYS))
        want(claim.subject, "1d", start, claim.date)
        if claim.time is not None or claim.extreme:
            intraday_start = start if claim.metric == "volume_ratio" else claim.date - dt.timedelta(days=1)
            key = (claim.subject, claim.date)
            if key not in offered:
                offered[key] = market.intervals(*key)
            for interval in offered[key]:
                if interval != "1d":
                    want(claim.subject, interval, intraday_start, claim.date)
    return [Request(symbol, interval, *span) for (symbol, interval), span in sorted(spans.items())]


def verify(catalogue: Catalogue, market: MarketData, progress: Progress | None = None) -> list[Result]:
    """One result per claim, in catalogue order."""
    requests = plan(catalogue, market)
    loaded = market.load(requests, progress)
    wanted: dict[str, list[str]] = {}
    for request in requests:
        wanted.setdefault(request.symbol, []).append(request.interval)
    shared: dict[tuple[str, bool], Bars] = {}
    with paused():
        return [check(claim, loaded, wanted, shared) for claim in catalogue.claims]


def check(claim: Claim, loaded: dict, wanted: dict[str, list[str]], shared: dict | None = None) -> Result:
    """The result for one claim. `shared` keeps one Bars (or why there are none) per (subject, finer bars wanted)
    across claims, so claims about the same moment of the same instrument read its bars once (see Bars.readings)."""
    if not claim.is_market:
        return Result(claim, Verdict.OUT_OF_SCOPE, f"Not checkable with market data: {claim.reason}")
    fine = claim.time is not None or claim.extreme
    shared = {} if shared is None else shared
    data = shared.get((claim.subject, fine))
    if data is None:
        data = shared[(claim.subject, fine)] = _bars(claim.subject, fine, loaded, wanted)
    if isinstance(data, tuple):
        reason, damaged = data
        return Result(claim, Verdict.UNVERIFIABLE, reason, claimed_text=claim_text(claim), damaged_evidence=damaged)
    try:
        measured = REGISTRY[claim.metric].check(claim, data)
    except Unverifiable as why:
        return Result(claim, Verdict.UNVERIFIABLE, _sentence(why.reason), claimed_text=claim_text(claim), evidence=why.evidence)
    except DamagedBars as why:  # a bar of a checked file that does not decode: the evidence, not the claim, is bad
        return Result(claim, Verdict.UNVERIFIABLE, _sentence(str(why)), claimed_text=claim_text(claim), damaged_evidence=True)
    except Exception as exc:  # a bug or a data shape we did not foresee: say so, never guess
        return Result(claim, Verdict.ERROR, f"dscheck failed on this claim ({type(exc).__name__}: {exc}); please report it.")
    verdict = judge(measured.actual, measured.accepted, measured.approximate)
    fmt = REGISTRY[claim.metric].fmt
    claimed = claim_text(claim)
    return Result(
        claim,
        verdict,
        conclude(verdict, measured, fmt, claimed),
        claimed_text=claimed,
        actual_text=measured.shown,
        actual=measured.actual,
        accepted=measured.accepted,
        approximate=measured.approximate,
        evidence=measured.bars,
    )


def _bars(subject: str, fine: bool, loaded: dict, wanted: dict[str, list[str]]) -> Bars | tuple[str, bool]:
    """The bars claims about `subject` see (the finer ones only if they speak of a moment in the day), or why
    there are none to see: (the reason, whether evidence was damaged)."""
    daily = loaded.get((subject, "1d"))
    needed = [loaded.get((subject, i)) for i in wanted.get(subject, ()) if i != "1d" and fine]
    damaged = [u for u in (daily, *needed) if isinstance(u, Unavailable) and u.damaged]
    if damaged:
        return _sentence(damaged[0].reason), True
    if not isinstance(daily, Series):
        reason = daily.reason if isinstance(daily, Unavailable) else f"no daily bars for {subject}"
        return _sentence(reason), False
    return Bars(daily, _finest_first(tuple(s for s in needed if isinstance(s, Series))))


def _finest_first(series: tuple[Series, ...]) -> tuple[Series, ...]:
    from dscheck.market.interface import INTERVALS

    return tuple(sorted(series, key=lambda s: INTERVALS[s.interval]))


def span_text(interval: Interval, fmt: Callable[[float], str]) -> str:
    if interval.lo == 0 and interval.lo_open and math.isinf(interval.hi):
        return "any rise"
    if interval.hi == 0 and interval.hi_open and math.isinf(interval.lo):
        return "any fall"
    if math.isinf(interval.hi):
        return f"{fmt(interval.lo)} or more"
    if math.isinf(interval.lo):
        return f"{fmt(interval.hi)} or less"
    return f"{fmt(interval.lo)} to {fmt(interval.hi)}"


_UNITS = {"change_pct": " %", "change_bp": " bp", "volume_ratio": "×", "change_points": "", "level": ""}
_QUALIFIERS = {"about": "", "nearly": "nearly ", "over": "over ", "under": "under "}


def claim_text(claim: Claim) -> str:
    """The claim as a reader sees it: "nearly -5 % at one point", "down", "worst since 2020-03"."""
    if not claim.is_market:
        return ""
    if claim.metric == "direction":
        text = claim.value + (f" by at least {claim.min_pct:g} %" if claim.min_pct else "")
    elif claim.metric in ("worst_since", "best_since"):
        text = f"{claim.metric.split('_')[0]} since {claim.value}"
    else:
        text = f"{_QUALIFIERS[claim.qualifier]}{claim.value_text}{_UNITS[claim.metric]}"
    return f"{text} at one point" if claim.extreme else text


def conclude(verdict: Verdict, m: Measurement, fmt: Callable[[float], str], claimed: str) -> str:
    if verdict is Verdict.INACCURATE:
        judgement = f"The claimed {claimed} is outside even the approximate band ({span_text(m.approximate, fmt)})."
    else:
        accepted = span_text(m.accepted, fmt)
        if verdict is Verdict.ACCURATE:
            judgement = (
                f"The claimed {claimed} holds (accepted: {accepted})."
                if m.actual.exact
                else f"Every value in that range is within the claimed {claimed} (accepted: {accepted}), so it holds."
            )
        elif verdict is Verdict.CONSISTENT:
            judgement = (
                f"The claimed {claimed} (accepted: {accepted}) lies within that range; "
                "the data cannot pin the moment down more closely."
            )
        elif verdict is Verdict.APPROXIMATE:
            judgement = (
                f"The claimed {claimed} is close, but outside the precision it was written with (accepted: {accepted})."
            )
        else:
            raise ValueError(f"a measured claim cannot be {verdict.value}")
    parts = [m.says, judgement, *m.notes]
    if verdict in (Verdict.APPROXIMATE, Verdict.INACCURATE) and m.reached:
        parts.append(m.reached)
    return " ".join(parts)


def _sentence(reason: str) -> str:
    reason = reason.strip()
    return reason[:1].upper() + reason[1:] + ("" if reason.endswith(".") else ".")
