"""Small inline SVG charts of a result's evidence, drawn here without any chart library.

Three kinds: a price chart (the bars around the claimed moment, the claimed value and its accepted band
turned into prices, the previous close marked) for claims about a price or its change; a volume chart for
a whole session's volume ratio; and a number line in the metric's own units for everything else with a value.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from zoneinfo import ZoneInfo

from dscheck.verdicts.interface import EvidenceBar, Interval, Result
from dscheck.verdicts.prices import fmt_price

PRICE_METRICS = ("change_pct", "change_bp", "change_points", "level", "direction")
UNITS = {
    "change_pct": " %", "direction": " %", "worst_since": " %", "best_since": " %",
    "change_bp": " bp", "change_points": " pts", "volume_ratio": "×", "level": "",
}

WIDTH, HEIGHT = 580, 210
LEFT, RIGHT, TOP, BOTTOM = 64, 150, 22, 30  # the right margin holds the labels of the horizontal lines

ACCEPTED = "#2e7d32"
APPROXIMATE = "#f9a825"
CLAIMED = "#1565c0"
UP, DOWN, MUTED = "#2e7d32", "#c62828", "#757575"
INK, GRID, AXIS = "#212121", "#e6e6e6", "#9e9e9e"
TICK = {"font_size": 10, "fill": "#616161"}
LABEL = {"font_size": 11}


def _q(x: float) -> str:
    """Coordinates with two decimals: small files, stable golden output."""
    return f"{x:.2f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))


def nice_ticks(lo: float, hi: float, count: int = 4) -> tuple[list[float], float]:
    """Round tick values covering [lo, hi], and their step."""
    span = hi - lo
    if span <= 0 or not math.isfinite(span):
        return [lo], 1.0
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.ceil(lo / step - 1e-9) * step
    ticks = []
    value = first
    while value <= hi + step * 1e-9:
        ticks.append(0.0 if abs(value) < step * 1e-9 else value)
        value += step
    return ticks, step


def number(value: float, step: float, unit: str = "") -> str:
    """A tick label with as many decimals as the step needs; volumes in millions or billions."""
    for size, suffix in ((1e9, "B"), (1e6, "M")):
        if step >= size / 2:
            return number(value / size, step / size) + suffix + unit
    decimals = max(0, -math.floor(math.log10(step) + 1e-9)) if step > 0 else 2
    return f"{value:,.{decimals}f}{unit}"


def _bounds(values: Sequence[float]) -> tuple[float, float]:
    finite = [v for v in values if v is not None and math.isfinite(v)]
    lo, hi = min(finite), max(finite)
    pad = (hi - lo) * 0.12 or abs(hi) * 0.01 or 1.0
    return lo - pad, hi + pad


@dataclass(frozen=True)
class Drawing:
    svg: str
    kind: str  # price, volume or scale
    keys: tuple[str, ...]  # what it shows, in the legend's terms: moment, claimed, accepted, approximate, reference


@dataclass
class Canvas:
    """An SVG being drawn: a plot area with a vertical (or horizontal) value scale."""

    title: str
    width: int = WIDTH
    height: int = HEIGHT

    def __post_init__(self) -> None:
        self.parts: list[str] = []
        self.labels: list[tuple[float, str, str, str]] = []  # (y, text, colour, class) for the right margin
        self.keys: list[str] = []  # what was drawn, for the legend

    def key(self, name: str) -> None:
        if name not in self.keys:
            self.keys.append(name)

    def add(self, tag: str, text: str | None = None, **attrs) -> None:
        attributes = " ".join(f'{k.rstrip("_").replace("_", "-")}="{escape(str(v))}"' for k, v in attrs.items())
        if text is None:
            self.parts.append(f"<{tag} {attributes}/>")
        else:
            self.parts.append(f"<{tag} {attributes}>{escape(text)}</{tag}>")

    def place_labels(self) -> None:
        """Write the margin labels (a name over a value), nudged apart so none covers another."""
        gap = 26.0
        placed: list[float] = []
        x = self.width - RIGHT + 6
        for y, text, colour, name in sorted(self.labels):
            if placed and y - placed[-1] < gap:
                y = placed[-1] + gap
            placed.append(y)
            head, _, rest = text.partition("\n")
            lines = [head, _clip(rest)] if rest else [head]
            tspans = "".join(
                f'<tspan x="{x}" dy="{0 if i == 0 else 12}">{escape(part)}</tspan>' for i, part in enumerate(lines)
            )
            self.parts.append(
                f'<text x="{x}" y="{_q(y - 2 if rest else y + 4)}" fill="{colour}" class="label {name}" '
                f'font-size="{LABEL["font_size"]}">{tspans}</text>'
            )
        self.labels = []

    def drawing(self, kind: str) -> Drawing:
        return Drawing(self.svg(kind), kind, tuple(self.keys))

    def svg(self, kind: str) -> str:
        self.place_labels()
        head = (
            f'<svg class="chart {kind}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {self.width} {self.height}" '
            f'width="{self.width}" height="{self.height}" role="img"><title>{escape(self.title)}</title>'
        )
        return head + "".join(self.parts) + "</svg>"


def _frame(canvas: Canvas, lo: float, hi: float, unit: str = "") -> Callable[[float], float]:
    """Axis and gridlines for a vertical scale; returns value -> y."""
    top, bottom = TOP, canvas.height - BOTTOM
    right = canvas.width - RIGHT

    def y(value: float) -> float:
        value = min(max(value, lo), hi)
        return bottom - (value - lo) / (hi - lo) * (bottom - top)

    ticks, step = nice_ticks(lo, hi, 5)
    for tick in ticks:
        canvas.add("line", x1=LEFT, x2=right, y1=_q(y(tick)), y2=_q(y(tick)), stroke=GRID, class_="grid")
        canvas.add("text", number(tick, step, unit), x=LEFT - 6, y=_q(y(tick) + 4), class_="tick", text_anchor="end", **TICK)
    canvas.add("rect", x=LEFT, y=top, width=right - LEFT, height=bottom - top, fill="none", stroke="#bdbdbd", class_="plot")
    return y


def _band(canvas: Canvas, y, band: tuple[float, float] | None, colour: str, opacity: float, name: str) -> None:
    if band is None:
        return
    canvas.key(name)
    y1, y2 = y(band[1]), y(band[0])
    if y2 - y1 < 0.5:  # a band thinner than a pixel still shows as a line
        y1, y2 = (y1 + y2) / 2 - 0.75, (y1 + y2) / 2 + 0.75
    canvas.add(
        "rect", x=LEFT, y=_q(y1), width=canvas.width - RIGHT - LEFT, height=_q(y2 - y1),
        fill=colour, fill_opacity=opacity, class_=name,
    )


def _hline(canvas: Canvas, y: float, colour: str, label: str, name: str, *, dashed: bool) -> None:
    right = canvas.width - RIGHT
    attrs = {"stroke_dasharray": "5 3"} if dashed else {}
    canvas.add("line", x1=LEFT, x2=right, y1=_q(y), y2=_q(y), stroke=colour, stroke_width=1.5, class_=name, **attrs)
    canvas.labels.append((y, label, colour, name))
    canvas.key(name)


# ---------------------------------------------------------------------------------------------- prices


def _reference(result: Result) -> tuple[float, str] | None:
    """The price the claim's change is measured from, and what to call it."""
    claim = result.claim
    base = next((b for b in result.evidence if b.role == "baseline"), None)
    if base is None:
        return None
    if claim.baseline == "open":
        return (base.open, "open") if base.open is not None else None
    if base.close is None:
        return None
    if claim.baseline == "previous_close":
        return base.close, "previous close"
    return base.close, f"close {base.session.day} {base.session:%b}"


def price_of(result: Result, reference: float | None) -> Callable[[float], float] | None:
    """Metric value -> the quoted price it means, or None when the claim cannot be drawn in prices."""
    claim = result.claim
    metric = claim.metric
    invert = claim.invert
    if metric != "level" and (reference is None or reference == 0):
        return None
    ref = 1 / reference if invert and reference else reference

    def forward(m: float) -> float:
        if metric in ("change_pct", "direction"):
            return ref * (1 + m / 100)
        if metric == "change_bp":
            return ref + m / 100
        if metric == "change_points":
            return ref + m
        return m  # level

    def price(m: float) -> float:
        q = forward(m)
        if not invert:
            return q
        return math.inf if q <= 0 else 1 / q  # 1/price: a value at or below zero lies beyond every price

    return price


def _clip(text: str, size: int = 24) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _finite_ends(price, band: Interval | None) -> list[float]:
    """The prices of a band's finite ends: an open-ended band must not stretch the chart to zero or infinity."""
    if band is None:
        return []
    return [price(m) for m in (band.lo, band.hi) if math.isfinite(m)]


def _band_price(price, band: Interval | None) -> tuple[float, float] | None:
    if band is None:
        return None
    a, b = price(band.lo), price(band.hi)
    return (min(a, b), max(a, b))


def _when(bar: EvidenceBar, zone: str) -> str:
    if bar.interval == "1d" or bar.start is None:
        return f"{bar.session.day} {bar.session:%b}"
    return bar.start.astimezone(ZoneInfo(zone)).strftime("%H:%M")


def _order(bar: EvidenceBar) -> tuple:
    return (bar.session, bar.start or dt.datetime.min.replace(tzinfo=dt.timezone.utc), bar.interval != "1d")


def price_chart(result: Result) -> Drawing | None:
    claim = result.claim
    bars = sorted(
        {b for b in result.evidence if b.role in ("baseline", "moment", "day", "nearest")}, key=_order
    )
    bars = [b for b in bars if any(v is not None for v in (b.open, b.high, b.low, b.close))]
    if not bars:
        return None
    reference = _reference(result)
    price = price_of(result, reference[0] if reference else None)
    claimed = None
    if price is not None and isinstance(claim.value, (int, float)):
        claimed = price(float(claim.value))
    accepted = _band_price(price, result.accepted) if price else None
    approximate = _band_price(price, result.approximate) if price else None
    values = [v for b in bars for v in (b.open, b.high, b.low, b.close) if v is not None]
    values += [v for v in (claimed, reference[0] if reference else None) if v is not None]
    values += [v for v in _finite_ends(price, result.accepted) if math.isfinite(v)] if price else []
    lo, hi = _bounds(values)
    unit = UNITS.get(claim.metric or "", "")
    canvas = Canvas(f"{claim.subject}: the bars behind the verdict, with the claimed value and its accepted band")
    y = _frame(canvas, lo, hi)
    right = canvas.width - RIGHT
    slot = (right - LEFT) / len(bars)
    for i, bar in enumerate(bars):  # the bars the verdict rests on stand out from those it compares against
        if bar.role in ("moment", "day", "nearest"):
            canvas.add("rect", x=_q(LEFT + i * slot), y=TOP, width=_q(slot), height=canvas.height - BOTTOM - TOP,
                       fill=CLAIMED, fill_opacity=0.07, class_="moment")
            canvas.key("moment")
    _band(canvas, y, approximate if approximate != accepted else None, APPROXIMATE, 0.16, "approximate")
    _band(canvas, y, accepted, ACCEPTED, 0.22, "accepted")
    body = max(min(slot * 0.6, 22), 2)
    every = math.ceil(len(bars) / 8)
    for i, bar in enumerate(bars):
        centre = LEFT + (i + 0.5) * slot
        opening = bar.open if bar.open is not None else bar.close
        closing = bar.close if bar.close is not None else bar.open
        colour = UP if (closing or 0) >= (opening or 0) else DOWN
        muted = bar.role == "baseline"
        opacity = 0.5 if muted else 1.0
        if bar.low is not None and bar.high is not None:
            canvas.add("line", x1=_q(centre), x2=_q(centre), y1=_q(y(bar.high)), y2=_q(y(bar.low)),
                       stroke=colour, stroke_opacity=opacity, class_="wick")
        if opening is not None:
            top, bottom = sorted((y(opening), y(closing)))
            canvas.add("rect", x=_q(centre - body / 2), y=_q(top), width=_q(body), height=_q(max(bottom - top, 1.5)),
                       fill=colour, fill_opacity=opacity, class_=f"candle {bar.role}")
        if i % every == 0:
            canvas.add("text", _when(bar, claim.timezone), x=_q(centre), y=canvas.height - BOTTOM + 14,
                       class_="tick", text_anchor="middle", **TICK)
    moment = f"{claim.time:%H:%M}" if claim.time else "close"
    canvas.add("text", f"claimed moment: {claim.date.day} {claim.date:%b} {moment}" if claim.date else "claim",
               x=right - 2, y=TOP - 8, class_="tick", text_anchor="end", **TICK)
    if reference is not None:
        _hline(canvas, y(reference[0]), MUTED, f"{reference[1]}\n{fmt_price(reference[0])}", "reference", dashed=True)
    if claimed is not None and math.isfinite(claimed):
        shown = result.claimed_text or f"{claim.value}{unit}"
        _hline(canvas, y(claimed), CLAIMED, f"claimed\n{shown}", "claimed", dashed=False)
    return canvas.drawing("price")


# ---------------------------------------------------------------------------------------------- volume


def volume_chart(result: Result) -> Drawing | None:
    day = next((b for b in result.evidence if b.role == "day"), None)
    history = sorted((b for b in result.evidence if b.role == "history"), key=_order)
    if day is None or not history or not day.volume or any(not b.volume for b in history):
        return None
    mean = sum(b.volume for b in history) / len(history)
    actual = result.actual
    # Only a whole-session ratio is drawn as volumes; one up to a time of day was measured on intraday bars.
    if actual is None or not actual.exact or not math.isclose(actual.lo, day.volume / mean, rel_tol=1e-6):
        return None
    bars = [*history, day]
    claimed = float(result.claim.value) * mean if isinstance(result.claim.value, (int, float)) else None
    band = _band_price(lambda m: m * mean, result.accepted)
    approximate = _band_price(lambda m: m * mean, result.approximate)
    values = [0.0, *(b.volume for b in bars), mean]
    values += [v for v in (claimed, *(band or ())) if v is not None and math.isfinite(v)]
    _, hi = _bounds(values)
    canvas = Canvas(f"{result.claim.subject}: the session's volume against the {len(history)} sessions before it")
    y = _frame(canvas, 0.0, hi)
    _band(canvas, y, approximate if approximate != band else None, APPROXIMATE, 0.16, "approximate")
    _band(canvas, y, band, ACCEPTED, 0.22, "accepted")
    slot = (canvas.width - RIGHT - LEFT) / len(bars)
    every = math.ceil(len(bars) / 6)
    for i, bar in enumerate(bars):
        top = y(bar.volume)
        canvas.add("rect", x=_q(LEFT + i * slot + slot * 0.15), y=_q(top), width=_q(slot * 0.7),
                   height=_q(y(0.0) - top), class_="volume day" if bar is day else "volume", fill=CLAIMED if bar is day else MUTED)
        if i % every == 0 or bar is day:
            canvas.add("text", _when(bar, result.claim.timezone), x=_q(LEFT + (i + 0.5) * slot),
                       y=canvas.height - BOTTOM + 14, class_="tick", text_anchor="middle", **TICK)
    _hline(canvas, y(mean), "#424242", f"mean of {len(history)}\nsessions before", "reference", dashed=True)
    if claimed is not None:
        _hline(canvas, y(claimed), CLAIMED, f"claimed\n{result.claimed_text}", "claimed", dashed=False)
    return canvas.drawing("volume")


# ---------------------------------------------------------------------------------------------- number line


def scale_chart(result: Result) -> Drawing | None:
    """The actual value or range against the claimed value and its bands, in the metric's units."""
    actual = result.actual
    if actual is None or result.accepted is None:
        return None
    claim = result.claim
    unit = UNITS.get(claim.metric or "", "")
    claimed = float(claim.value) if isinstance(claim.value, (int, float)) else None
    values = [actual.lo, actual.hi, claimed]
    for band in (result.accepted, result.approximate):
        if band is not None:
            values += [band.lo, band.hi]
    lo, hi = _bounds(values)
    canvas = Canvas(f"{claim.subject or claim.id}: the value the data shows against the claimed one", height=96)
    left, right = 30, canvas.width - 30

    def label_x(value: float) -> str:  # keep a centred label inside the picture
        return _q(min(max(x(value), left + 60), right - 60))

    def x(value: float) -> float:
        value = min(max(value, lo), hi)
        return left + (value - lo) / (hi - lo) * (right - left)

    top, bottom = 24, 58
    approximate = result.approximate if result.approximate != result.accepted else None
    for band, colour, opacity, name in ((approximate, APPROXIMATE, 0.16, "approximate"),
                                        (result.accepted, ACCEPTED, 0.22, "accepted")):
        if band is not None:
            canvas.key(name)
            x1, x2 = x(band.lo), x(band.hi)
            canvas.add("rect", x=_q(x1), y=top, width=_q(max(x2 - x1, 1.5)), height=bottom - top,
                       fill=colour, fill_opacity=opacity, class_=name)
    ticks, step = nice_ticks(lo, hi, 5)
    canvas.add("line", x1=left, x2=right, y1=bottom, y2=bottom, stroke=AXIS, class_="axis")
    for tick in ticks:
        canvas.add("line", x1=_q(x(tick)), x2=_q(x(tick)), y1=bottom, y2=bottom + 4, stroke=AXIS, class_="axis")
        canvas.add("text", number(tick, step, unit), x=_q(x(tick)), y=bottom + 16, class_="tick", text_anchor="middle",
                   **TICK)
    middle = (top + bottom) / 2
    canvas.key("actual")
    if actual.exact:
        canvas.add("circle", cx=_q(x(actual.lo)), cy=_q(middle), r=5, fill=INK, class_="actual")
    else:
        canvas.add("line", x1=_q(x(actual.lo)), x2=_q(x(actual.hi)), y1=_q(middle), y2=_q(middle),
                   stroke=INK, stroke_width=6, class_="actual")
    canvas.add("text", f"actual {result.actual_text}", x=label_x((actual.lo + actual.hi) / 2), y=top - 6,
               fill=INK, class_="label actual", text_anchor="middle", **LABEL)
    if claimed is not None:
        canvas.key("claimed")
        canvas.add("line", x1=_q(x(claimed)), x2=_q(x(claimed)), y1=top - 2, y2=bottom, stroke=CLAIMED,
                   stroke_width=2, class_="claimed")
        canvas.add("text", f"claimed {result.claimed_text}", x=label_x(claimed), y=bottom + 30, fill=CLAIMED,
                   class_="label claimed", text_anchor="middle", **LABEL)
    return canvas.drawing("scale")


def chart(result: Result) -> Drawing | None:
    """The chart that best shows this result, or None when it has nothing to draw."""
    metric = result.claim.metric
    drawn = None
    if metric in PRICE_METRICS:
        drawn = price_chart(result)
    elif metric == "volume_ratio":
        drawn = volume_chart(result)
    return drawn or scale_chart(result)
