"""Dates and clock times in an article's words, resolved against the article's date and the zone the text names."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

NEW_YORK = "America/New_York"
SEOUL = "Asia/Seoul"

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_KO_WEEKDAYS = {"월": 0, "화": 1, "수": 2, "목": 3, "금": 4, "토": 5, "일": 6}
_EN_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

# A day of the month followed by one of these is a span of days, not a date ("30일 평균", "3일 연속").
_NOT_A_DAY = r"(?!\s?(?:간|째|연속|평균|동안|만에|이동|새|치|분|선|이내|이상|이후로|넘게|가량|정도|물|짜리|거래일))"

_DATE_PATTERNS = [
    ("full", re.compile(r"(?P<year>\d{4})년\s?(?P<month>\d{1,2})월\s?(?P<day>\d{1,2})일" + _NOT_A_DAY)),
    ("month", re.compile(r"(?P<year>\d{4})년\s?(?P<month>\d{1,2})월(?!\s?\d)")),
    ("monthday", re.compile(r"(?<!\d)(?P<month>\d{1,2})월\s?(?P<day>\d{1,2})일" + _NOT_A_DAY)),
    ("last_month_day", re.compile(r"지난\s?달\s?(?P<day>\d{1,2})일" + _NOT_A_DAY)),
    ("day", re.compile(r"(?:(?P<last>지난|오는)\s?)?(?<![\d.,])(?P<day>\d{1,2})일" + _NOT_A_DAY)),
    ("this_day", re.compile(r"이\s?날|당일|같은 날|on the day\b|that day\b|the same day\b", re.I)),
    ("previous_day", re.compile(r"전날(?!\s?(?:대비|보다|에 비해))|어제|간밤|yesterday\b|overnight\b|the previous session\b|the previous day\b", re.I)),
    ("today", re.compile(r"오늘|금일|today\b", re.I)),
    ("last_week", re.compile(r"지난\s?주(?![가-힣])|지난주|전주(?![가-힣])|last week\b|the previous week\b", re.I)),
    ("this_week", re.compile(r"이번\s?주|금주|this week\b", re.I)),
    ("last_month", re.compile(r"지난\s?달|전월|last month\b", re.I)),
    ("weekday", re.compile(r"(?P<ko>[월화수목금토일])요일|\b(?P<en>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
    ("en_date", re.compile(r"\b" + _MONTH + r"\s(?P<day>\d{1,2})\b(?:,?\s(?P<year>\d{4}))?")),
    ("en_date", re.compile(r"\b(?P<day>\d{1,2})\s" + _MONTH + r"(?:,?\s(?P<year>\d{4}))?")),
    ("month", re.compile(r"\b" + _MONTH + r"\s(?P<year>\d{4})\b")),
]
# A date that only places something else ("지난달 31일에 이어", "since March 2020", "ahead of Wednesday").
_REFERENCE_AFTER = re.compile(r"^\s?(?:\([^)]*\)\s?)?(?:에\s?이어|이후|이래|부터|대비|보다|만에|에 비해|와 비교|까지의|전까지)")
_REFERENCE_BEFORE = re.compile(
    r"\b(?:since|after|before|ahead of|until|from|compared with|versus|vs\.?|through)\s+(?:the\s+)?$"
    r"|\b(?:since|after|before|ahead of|until)\s+(?:[\w'’-]+\s+){0,4}(?:on|in)\s+$",
    re.I,
)
_ATTRIBUTIVE_AFTER = re.compile(r"^(?:의(?![가-힣])|'s\b|’s\b)")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    kind: str
    day: dt.date | None  # the date it names (a period: its last day)
    period: str | None = None  # "week" or "month" for periods; "YYYY-MM" for a named month
    role: str = "frame"  # frame (the sentence's date), reference or attributive


def find_dates(sentence: str, anchor: dt.date, context: dt.date) -> list[DateMention]:
    """Date words of a sentence. `anchor` is the article's date; `context` the date the text is talking about."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _DATE_PATTERNS:
        for match in pattern.finditer(sentence):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            mention = _resolve(kind, match, anchor, context)
            if mention is None:
                continue
            taken.append((match.start(), match.end()))
            found.append(_with_role(sentence, mention))
    return sorted(found, key=lambda m: m.start)


def _with_role(sentence: str, mention: DateMention) -> DateMention:
    after = sentence[mention.end :]
    if _REFERENCE_AFTER.match(after) or _REFERENCE_BEFORE.search(sentence[: mention.start]):
        role = "reference"
    elif _ATTRIBUTIVE_AFTER.match(after):
        role = "attributive"
    else:
        role = "frame"
    return DateMention(mention.start, mention.end, mention.kind, mention.day, mention.period, role)


def _resolve(kind: str, match: re.Match, anchor: dt.date, context: dt.date) -> DateMention | None:
    start, end = match.start(), match.end()
    try:
        if kind == "full":
            day = dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
        elif kind == "month" and match["month"].isdigit():
            return DateMention(start, end, kind, None, period=f"{int(match['year']):04d}-{int(match['month']):02d}")
        elif kind == "month":
            return DateMention(start, end, kind, None, period=f"{int(match['year']):04d}-{_MONTHS[match['month'].lower().rstrip('.')]:02d}")
        elif kind == "monthday":
            day = _latest(anchor, int(match["month"]), int(match["day"]))
        elif kind == "last_month_day":
            first = anchor.replace(day=1)
            before = first - dt.timedelta(days=1)
            day = before.replace(day=int(match["day"]))
        elif kind == "day":
            day = _day_of_month(anchor, int(match["day"]), future=match["last"] == "오는")
        elif kind == "en_date":
            month = _MONTHS[match["month"].lower().rstrip(".")]
            day = dt.date(int(match["year"]), month, int(match["day"])) if match["year"] else _latest(anchor, month, int(match["day"]))
        elif kind == "this_day":
            day = context
        elif kind == "previous_day":
            day = _previous_weekday(context)
        elif kind == "today":
            day = anchor
        elif kind == "weekday":
            wanted = _KO_WEEKDAYS[match["ko"]] if match["ko"] else _EN_WEEKDAYS[match["en"].lower()]
            day = anchor - dt.timedelta(days=(anchor.weekday() - wanted) % 7)
        elif kind == "last_week":
            friday = anchor - dt.timedelta(days=anchor.weekday() + 3)
            return DateMention(start, end, kind, friday, period="week")
        elif kind == "this_week":
            return DateMention(start, end, kind, anchor, period="week")
        elif kind == "last_month":
            first = anchor.replace(day=1)
            last = first - dt.timedelta(days=1)
            return DateMention(start, end, kind, last, period=f"{last.year:04d}-{last.month:02d}")
        else:
            return None
    except ValueError:
        return None  # "31일" in a month without one, "2월 30일": not a date
    return DateMention(start, end, kind, day)


def _day_of_month(anchor: dt.date, day: int, future: bool = False) -> dt.date:
    """The `day`th nearest the article's date: this month's if it is not after it, else last month's."""
    if not 1 <= day <= 31:
        raise ValueError(day)
    if future:
        year, month = (anchor.year, anchor.month) if day >= anchor.day else _next_month(anchor.year, anchor.month)
        return dt.date(year, month, day)
    year, month = anchor.year, anchor.month
    if day > anchor.day:
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return dt.date(year, month, day)


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _latest(anchor: dt.date, month: int, day: int) -> dt.date:
    """A month and day without a year: the latest one not after the article's date."""
    candidate = dt.date(anchor.year, month, day)
    return candidate if candidate <= anchor else dt.date(anchor.year - 1, month, day)


def _previous_weekday(day: dt.date) -> dt.date:
    day -= dt.timedelta(days=1)
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


# --- clock times ---------------------------------------------------------------------------------

_ZONES = [
    (re.compile(r"뉴욕\s?시간|미국\s?동부\s?시간|미\s?동부\s?시간|동부\s?시간|현지\s?시간|\bET\b|\bEST\b|\bEDT\b|Eastern(?: time)?|New York time", re.I), NEW_YORK),
    (re.compile(r"한국\s?시간|국내\s?시간|서울\s?시간|\bKST\b|Seoul time", re.I), SEOUL),
    (re.compile(r"런던\s?시간|\bGMT\b|\bBST\b|London time", re.I), "Europe/London"),
    (re.compile(r"도쿄\s?시간|일본\s?시간|\bJST\b|Tokyo time", re.I), "Asia/Tokyo"),
    (re.compile(r"\bUTC\b", re.I), "UTC"),
]
_KO_TIME = re.compile(
    r"(?P<half>오전|오후|새벽|아침|낮|밤|저녁)?\s?(?<![\d.])(?P<hour>\d{1,2})시(?!간|즌|작|장|가|총|점|기|세|행)"
    r"(?:\s?(?P<minute>\d{1,2})분|\s?(?P<halfhour>반))?(?:\s?(?P<around>경|께|쯤|무렵))?"
)
_EN_TIME = re.compile(
    r"(?<![\d.:])(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s?(?P<half>a\.m\.|p\.m\.|am\b|pm\b|AM\b|PM\b)"
    r"|(?<![\d.:])(?P<hour24>\d{1,2}):(?P<minute24>\d{2})(?=\s?(?:ET|EST|EDT|GMT|KST|UTC)\b)"
    r"|\b(?P<noon>noon|midday)\b"
)


@dataclass(frozen=True)
class TimeMention:
    start: int
    end: int
    time: dt.time
    zone: str | None  # None when the text names no zone near it


def find_times(sentence: str) -> list[TimeMention]:
    found = []
    for match in _KO_TIME.finditer(sentence):
        hour, minute = int(match["hour"]), int(match["minute"] or 0)
        if match["halfhour"]:
            minute = 30
        if match["half"] in ("오후", "저녁", "밤") and hour < 12:
            hour += 12
        if hour > 23 or minute > 59:
            continue
        found.append(TimeMention(match.start(), match.end(), dt.time(hour, minute), _zone_near(sentence, match.start(), match.end())))
    for match in _EN_TIME.finditer(sentence):
        if match["noon"]:
            hour, minute = 12, 0
        elif match["hour24"]:
            hour, minute = int(match["hour24"]), int(match["minute24"])
        else:
            hour, minute = int(match["hour"]), int(match["minute"] or 0)
            half = match["half"].lower().replace(".", "")
            if half == "pm" and hour < 12:
                hour += 12
            if half == "am" and hour == 12:
                hour = 0
        if hour > 23 or minute > 59:
            continue
        found.append(TimeMention(match.start(), match.end(), dt.time(hour, minute), _zone_near(sentence, match.start(), match.end())))
    return sorted(found, key=lambda m: m.start)


def _zone_near(sentence: str, start: int, end: int) -> str | None:
    """The zone named just before a time ("뉴욕 시간으로 오전 10시") or just after it ("10:30 a.m. ET")."""
    before = sentence[max(0, start - 40) : start]
    after = sentence[end : end + 20]
    best: tuple[int, str] | None = None
    for pattern, zone in _ZONES:
        for found in pattern.finditer(before):
            distance = len(before) - found.end()
            if best is None or distance < best[0]:
                best = (distance, zone)
        found = pattern.match(re.sub(r"^[ ,]*(?:in\s+)?", "", after))
        if found:
            return zone
    return best[1] if best else None
