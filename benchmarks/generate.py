"""Synthetic catalogues over an evidence archive: every metric, qualifier and granularity, at any size.

    python benchmarks/generate.py 100000 -o /tmp/claims-100k.yaml [--evidence evidence] [--seed 6]

Claims are drawn in a fixed rotation of (metric, variant, granularity) recipes, so every few hundred claims
hold every combination; symbols, dates, times and values are drawn from the bars themselves with a seeded
random generator, so the same arguments always give the same file. Values are the data's own figure
(computed from daily closes) bent by a chosen amount, so the verdicts spread over accurate, approximate,
consistent, inaccurate and unverifiable rather than all landing on one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from a fresh clone, before or without `pip install -e`
    sys.path.insert(0, str(REPO))

from dscheck.market.archive import EvidenceArchive  # noqa: E402
from dscheck.market.interface import Bar, Series  # noqa: E402

MOVES = ("change_pct", "change_bp", "change_points")
QUALIFIERS = ("about", "nearly", "over", "under")

# When in the day a claim speaks, as the catalogue can say it.
GRANULARITIES = (
    "close",  # no time: the session's close
    "intraday",  # a time inside the session, between bar starts (a bar's range)
    "bar-open",  # a time on a bar's first minute (its open: an exact price)
    "day-range",  # a time inside the session of a symbol with daily bars only (the day's range)
    "pre-market",  # 07:50 New York: covered by extended-hours 5m bars, or unverifiable with the nearest price
    "extreme",  # extreme: true up to a time of day
    "extreme-close",  # extreme: true over the whole session
    "closed",  # a day the market did not trade (a weekend, Korea's Lunar New Year)
)

# Which recipes make sense: volume and the *_since metrics take no qualifier-free extremes.
RECIPES: tuple[tuple[str, str, str], ...] = tuple(
    [(m, q, g) for m in (*MOVES, "level") for q in QUALIFIERS for g in GRANULARITIES]
    + [("direction", v, g) for v in ("plain", "min_pct") for g in GRANULARITIES]
    + [("volume_ratio", q, g) for q in QUALIFIERS for g in ("close", "intraday", "closed")]
    + [(m, v, g) for m in ("worst_since", "best_since") for v in ("month", "day") for g in ("close", "intraday")]
)
EXTERNAL_EVERY = 10  # one claim in ten is out of scope (kind: external), as in a real catalogue
ARTICLES = 20


@dataclass(frozen=True)
class Instrument:
    """What the generator knows of one symbol: its daily bars and the days its finer bars cover."""

    symbol: str
    daily: tuple[Bar, ...]
    intraday: dict[str, Series]  # interval -> series
    zone: str
    closed: tuple[dt.date, ...]  # calendar days inside the data's span with no session

    def position(self, day: dt.date) -> int | None:
        return next((n for n in range(len(self.daily) - 1, -1, -1) if self.daily[n].session == day), None)

    @property
    def has_volume(self) -> bool:
        return all(b.volume for b in self.daily)

    @property
    def is_rate(self) -> bool:
        return self.symbol in ("^TNX", "DGS10")

    @property
    def is_fx(self) -> bool:
        return self.symbol.endswith("=X")


def instruments(evidence: Path) -> dict[str, Instrument]:
    archive = EvidenceArchive(evidence)
    found: dict[str, Instrument] = {}
    for entry in archive.manifest.values():
        if entry.interval != "1d":
            continue
        daily = archive.series(entry.symbol, "1d")
        if not isinstance(daily, Series) or len(daily.bars) < 2:
            continue
        finer = {}
        for other in archive.manifest.values():
            if other.symbol == entry.symbol and other.interval != "1d":
                series = archive.series(other.symbol, other.interval)
                if isinstance(series, Series) and series.bars:
                    finer[other.interval] = series
        zone = "Asia/Seoul" if entry.calendar == "XKRX" else "America/New_York"
        traded = {b.session for b in daily.bars}
        first, last = daily.bars[0].session, daily.bars[-1].session
        span = (first + dt.timedelta(days=n) for n in range((last - first).days))
        closed = tuple(d for d in span if d not in traded) or (last + dt.timedelta(days=1),)
        found[entry.symbol] = Instrument(entry.symbol, daily.bars, finer, zone, closed)
    return found


class Generator:
    """Writes claims one by one; everything it draws comes from its own seeded random generator."""

    def __init__(self, evidence: Path, seed: int = 6):
        self.rng = random.Random(seed)
        self.all = instruments(evidence)
        every = sorted(self.all.values(), key=lambda i: i.symbol)
        self.pools = {
            "change_pct": [i for i in every if not i.is_rate],
            "change_bp": [i for i in every if i.is_rate],
            "change_points": [i for i in every if i.symbol.startswith("^") and not i.is_rate or i.symbol.endswith("=F")],
            "level": every,
            "direction": every,
            "volume_ratio": [i for i in every if i.has_volume],
            "worst_since": [i for i in every if not i.is_fx and all(b.close for b in i.daily)],
            "best_since": [i for i in every if not i.is_fx and all(b.close for b in i.daily)],
        }
        self.fine = [i for i in every if i.intraday]
        self.extended = [i for i in self.fine if _has_premarket(i)]
        self._sessions: dict[tuple[str, str, dt.date], list[Bar]] = {}

    # One claim ---------------------------------------------------------------------------------

    def claim(self, index: int) -> str:
        lines = [f"  - id: s{index}", f"    article: a{index % ARTICLES}", f'    quote: "synthetic claim {index}"']
        if index % EXTERNAL_EVERY == EXTERNAL_EVERY - 1:
            lines += ["    kind: external", '    reason: "A company\'s own figure; market data cannot check it."']
            return "\n".join(lines)
        metric, variant, granularity = RECIPES[(index - index // EXTERNAL_EVERY) % len(RECIPES)]
        fields = self.market(metric, variant, granularity)
        lines.append(f"    tags: [{metric.replace('_', '-')}, {granularity}]")
        lines += [f"    {key}: {value}" for key, value in fields.items()]
        return "\n".join(lines)

    def market(self, metric: str, variant: str, granularity: str) -> dict[str, str]:
        rng = self.rng
        inst = self._pick(metric, granularity)
        window = rng.choice((5, 10, 20, 30)) if metric == "volume_ratio" else 0
        day_index = rng.randrange(max(1, window), len(inst.daily))
        if metric in ("worst_since", "best_since"):
            day_index = max(day_index, len(inst.daily) - 40)  # recent enough to rank against a long history
        pos = day_index
        fields: dict[str, str] = {"subject": f'"{inst.symbol}"', "metric": metric}
        day = inst.daily[pos].session
        time = None
        if granularity in ("intraday", "bar-open", "pre-market", "extreme") and inst.intraday:
            series = rng.choice(list(inst.intraday.values()))
            days = sorted({b.session for b in series.bars})
            day = rng.choice(days)
            pos = inst.position(day) or pos
            time = self._time(series, day, granularity, inst.zone)
        elif granularity in ("intraday", "bar-open", "day-range", "extreme") and inst.daily[pos].start:
            bar = inst.daily[pos]
            time = _local(bar.start + (bar.end - bar.start) * rng.uniform(0.05, 0.95), inst.zone)
        elif granularity == "pre-market":
            time = "07:50"
        elif granularity == "closed":
            day = rng.choice(inst.closed)
        fields["date"] = day.isoformat()
        if time is not None:
            fields["time"] = f'"{time}"'
        if inst.zone != "America/New_York":
            fields["timezone"] = inst.zone
        if granularity in ("extreme", "extreme-close") and metric in (*MOVES, "level", "direction"):
            fields["extreme"] = "true"
        invert = inst.is_fx and rng.random() < 0.5 and metric not in ("volume_ratio",)
        if invert:
            fields["invert"] = "true"
        if metric in (*MOVES, "direction") and rng.random() < 0.15:
            earlier = inst.daily[max(0, pos - 10) : pos]
            fields["baseline"] = rng.choice(("open", earlier[0].session.isoformat() if earlier else "open"))

        truth = _truth(metric, inst, pos, fields, window)
        if metric == "direction":
            up = truth >= 0 if rng.random() < 0.8 else truth < 0
            fields["value"] = "up" if up else "down"
            if variant == "min_pct":
                fields["min_pct"] = f"{rng.choice((0.5, 1, 2, 5)):g}"
            return fields
        if metric in ("worst_since", "best_since"):
            chosen = inst.daily[rng.randrange(max(1, pos - 5))].session
            fields["value"] = f'"{chosen:%Y-%m}"' if variant == "month" else f'"{chosen.isoformat()}"'
            return fields
        value = _bend(truth, variant, rng)
        if metric == "level":  # written to three or four significant digits, as prices are quoted
            decimals = max(0, rng.choice((2, 3)) - math.floor(math.log10(abs(value) or 1)))
        else:
            decimals = rng.choice(range({"change_pct": 2, "change_bp": 1, "change_points": 1}.get(metric, 2) + 1))
        fields["value"] = f"{value:.{decimals}f}"
        if variant != "about" or rng.random() < 0.5:
            fields["qualifier"] = variant
        if metric == "volume_ratio":
            fields["window"] = str(window)
        elif rng.random() < 0.05:
            fields["tolerance"] = "0.1"
        return fields

    def _pick(self, metric: str, granularity: str) -> Instrument:
        pool = self.pools[metric]
        if granularity == "pre-market":
            narrowed = [i for i in pool if i in self.extended or i.symbol == "NVDA"]
        elif granularity in ("intraday", "bar-open", "extreme"):
            narrowed = [i for i in pool if i.intraday]
        elif granularity == "day-range":
            narrowed = [i for i in pool if not i.intraday]
        else:
            narrowed = pool
        return self.rng.choice(narrowed or pool)

    def _time(self, series: Series, day: dt.date, granularity: str, zone: str) -> str:
        if granularity == "pre-market":
            return "07:50"
        key = (series.symbol, series.interval, day)
        if key not in self._sessions:
            self._sessions[key] = [b for b in series.bars if b.session == day and b.start and b.end]
        bar = self.rng.choice(self._sessions[key])
        if granularity == "bar-open":
            return _local(bar.start, zone)
        return _local(bar.start + (bar.end - bar.start) * self.rng.uniform(0.1, 0.9), zone)


def _has_premarket(inst: Instrument) -> bool:
    for series in inst.intraday.values():
        if any(b.start and _local(b.start, "America/New_York") < "09:30" for b in series.bars[:5]):
            return True
    return False


def _local(instant: dt.datetime, zone: str) -> str:
    from zoneinfo import ZoneInfo

    return instant.astimezone(ZoneInfo(zone)).strftime("%H:%M")


def _truth(metric: str, inst: Instrument, pos: int, fields: dict[str, str], window: int) -> float:
    """The data's own figure at the session's close (what an honest writer would round)."""
    daily = inst.daily
    bar = daily[pos]
    close = bar.close
    baseline = fields.get("baseline", "previous_close")
    if baseline == "open":
        base = bar.open
    elif baseline == "previous_close":
        base = daily[pos - 1].close if pos else None
    else:
        base = next((b.close for b in daily if b.session.isoformat() == baseline), None)
    if fields.get("invert") == "true":
        close = 1 / close if close else None
        base = 1 / base if base else None
    if metric == "volume_ratio":
        previous = daily[max(0, pos - window) : pos]
        mean = sum(b.volume or 0 for b in previous) / max(1, len(previous))
        return (bar.volume or 0) / mean if mean else 1.0
    if close is None:
        return 1.0
    if metric == "level":
        return close
    if base is None:
        return 0.0
    if metric == "change_bp":
        return 100 * (close - base)
    if metric == "change_points":
        return close - base
    return 100 * (close / base - 1)


def _bend(truth: float, qualifier: str, rng: random.Random) -> float:
    """The claimed figure: the truth itself, or off by a little, by a lot, or the wrong way."""
    roll = rng.random()
    if roll < 0.4:
        value = truth
    elif roll < 0.65:
        value = truth * rng.uniform(0.95, 1.05)
    elif roll < 0.9:
        value = truth * rng.uniform(1.1, 1.6) + (0.5 if truth >= 0 else -0.5)
    else:
        value = -truth
    if qualifier == "nearly":
        value *= 1.01
    elif qualifier == "over":
        value *= 0.97
    elif qualifier == "under":
        value *= 1.03
    return value


def generate(count: int, evidence: Path = REPO / "evidence", seed: int = 6, first: int = 0) -> str:
    """A catalogue of `count` claims (ids s<first>... so files generated in parts do not collide)."""
    gen = Generator(evidence, seed + first)
    head = [
        "# Synthetic catalogue written by benchmarks/generate.py; not real claims.",
        "dscheck: 1",
        "timezone: America/New_York",
        "articles:",
        *(f"  a{n}: {{title: synthetic article {n}}}" for n in range(ARTICLES)),
        "claims:",
    ]
    body = [gen.claim(i) for i in range(first, first + count)]
    return "\n".join(head + body) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="how many claims")
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    parser.add_argument("--evidence", type=Path, default=REPO / "evidence", help="the evidence archive to draw from")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args(argv)
    text = generate(args.count, args.evidence, args.seed)
    if args.output:
        args.output.write_text(text, "utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
