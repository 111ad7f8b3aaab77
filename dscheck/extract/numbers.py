"""Numbers as articles write them ("11.5%", "12베이시스포인트", "19만900원", "$5.6 million", "4배") and their hedges."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from dscheck.extract.text import is_hangul

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_KO_UNITS = {"조": 10**12, "천억": 10**11, "백억": 10**10, "억": 10**8, "천만": 10**7, "백만": 10**6, "만": 10**4, "천": 10**3}
_KO_COMPOUND = rf"(?:(?:{_NUM})\s?(?:조|천억|백억|억|천만|백만|만|천)\s?)+(?:{_NUM}(?!\s?(?:조|억|만|천)))?"
_EN_SCALES = {"thousand": 10**3, "million": 10**6, "mn": 10**6, "billion": 10**9, "bn": 10**9, "trillion": 10**12}
_CURRENCY_WORDS = {
    "달러": "USD", "dollars": "USD", "dollar": "USD", "원": "KRW", "won": "KRW", "엔": "JPY", "yen": "JPY",
    "유로": "EUR", "euros": "EUR", "위안": "CNY", "yuan": "CNY", "프랑": "CHF", "francs": "CHF",
}
_CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW"}
_WORD_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "twice": 2, "double": 2, "triple": 3,
}

# The unit after a number, longest first; the group name is the unit's kind.
_UNIT = re.compile(
    r"\s?(?:"
    r"(?P<pctpt>%\s?포인트|%p\b|%P\b|퍼센트\s?포인트|percentage points?|percentage-points?)"
    r"|(?P<bp>베이시스\s?포인트|bps?\b|basis points?|basis-points?)"
    r"|(?P<pct>%|퍼센트|프로(?![가-힣])| ?percent\b| ?per cent\b)"
    r"|(?P<points>포인트|points?\b|pts\b)"
    r"|(?P<times>배(?![가-힣]*당)|times\b|x\b|-fold\b|fold\b)"
    r"|(?P<currency>달러|(?:원|엔)(?=[을이은에으로의도과와까보만]|[^가-힣]|$)|유로|위안|프랑|dollars?\b|won\b|yen\b|euros\b|yuan\b|francs\b)"
    r")",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    rf"(?P<sign>US\$|[$€£¥₩])?\s?(?P<number>{_KO_COMPOUND}|{_NUM})"
    rf"(?:\s?(?P<scale>thousand|million|billion|trillion|mn|bn)\b)?"
    rf"(?P<fraction>/\d+)?"
)
_WORD_MULTIPLE = re.compile(r"\b(?P<word>two|three|four|five|six|seven|eight|nine|ten)[ -](?:times|fold)\b|\b(?P<once>twice)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    value: Decimal
    unit: str  # pct, pctpt, bp, points, times, currency, plain, fraction
    currency: str | None
    written: str  # the words as they stand in the text
    digits: str  # the value as it will be written in YAML
    tolerance: float | None  # when a Korean or English scale word hides how precise the number is


def find(sentence: str) -> list[Quantity]:
    """Every number of a sentence with its unit. Numbers glued to Latin letters (H800, R1, GPT4) are names, not numbers."""
    found: list[Quantity] = []
    for match in _NUMBER.finditer(sentence):
        start, end = match.start("number"), match.end("number")
        before = sentence[start - 1] if start > 0 else " "
        after = sentence[end] if end < len(sentence) else " "
        if before.isascii() and before.isalpha() or before in "-" and start > 1 and sentence[start - 2].isalpha():
            continue
        if after.isascii() and after.isalpha() and not _UNIT.match(sentence, end):
            continue
        if is_hangul(before) and not _UNIT.match(sentence, end) and not match.group("sign"):
            continue  # "라마3": a digit glued to a Korean word is part of a name
        text = match.group("number")
        value, tolerance = _korean_value(text) if re.search("[조억만천]", text) else (_plain(text), None)
        unit, currency = "plain", None
        stop = match.end()
        if match.group("fraction"):
            unit = "fraction"
        elif match.group("sign"):
            unit, currency = "currency", _CURRENCY_SIGNS[match.group("sign")]
            start = match.start("sign")
        scale = match.group("scale")
        if scale:
            factor = _EN_SCALES[scale.lower()]
            tolerance = float(Decimal(_half(text)) * factor)
            value *= factor
        if unit == "plain":
            unit_match = _UNIT.match(sentence, stop)
            if unit_match:
                kind = unit_match.lastgroup
                unit = kind
                word = unit_match.group(kind)
                if kind == "currency":
                    currency = _CURRENCY_WORDS[word.lower()]
                stop = unit_match.end()
        digits = match.group(0).strip() if unit == "fraction" else _digits(value)
        if unit == "fraction":
            stop = match.end()
        found.append(Quantity(start, stop, value, unit, currency, sentence[start:stop], digits, tolerance))
    for match in _WORD_MULTIPLE.finditer(sentence):
        word = (match.group("word") or match.group("once")).lower()
        found.append(
            Quantity(match.start(), match.end(), Decimal(_WORD_NUMBERS[word]), "times", None, match.group(0), str(_WORD_NUMBERS[word]), None)
        )
    return sorted(found, key=lambda q: q.start)


def _plain(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _half(text: str) -> str:
    exponent = _plain(text).as_tuple().exponent
    return str(Decimal(5) * Decimal(10) ** (exponent - 1))


def _korean_value(text: str) -> tuple[Decimal, float | None]:
    """19만900 -> 190900; 1435억 -> 143500000000; 2조 3000억 -> 2300000000000 (and the precision the last group claims)."""
    total = Decimal(0)
    last_factor = 1
    last_text = ""
    for number, unit in re.findall(rf"({_NUM})\s?(조|천억|백억|억|천만|백만|만|천)?", text):
        factor = _KO_UNITS.get(unit, 1)
        total += _plain(number) * factor
        last_factor, last_text = factor, number
    tolerance = float(Decimal(_half(last_text)) * last_factor) if last_factor > 1 else None
    return total, tolerance


def _digits(value: Decimal) -> str:
    """The value written plainly: 190900, 11.5, 143500000000 (never 1.435E+11)."""
    text = format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    return text


# Hedges: words before and after a number that say how it is meant.
_BEFORE = [
    (re.compile(r"(?:약|대략|대략적으로)\s*$"), "about"),
    (re.compile(r"(?:거의)\s*$"), "nearly"),
    (re.compile(r"\b(?:nearly|almost|close to|just under|just shy of)\s+$", re.I), "nearly"),
    (re.compile(r"\b(?:about|around|roughly|approximately|some|an estimated)\s+$", re.I), "about"),
    (re.compile(r"\b(?:more than|over|above|at least|upwards of|upward of|just over|north of|in excess of)\s+$", re.I), "over"),
    (re.compile(r"\b(?:less than|under|below|fewer than|south of)\s+$", re.I), "under"),
]
_AFTER = [
    (re.compile(r"^\s*(?:가까이|가까운|육박|근접)"), "nearly"),
    (re.compile(r"^\s*(?:가량|정도|안팎|내외|쯤|수준)"), "about"),
    (re.compile(r"^\s*(?:넘게|넘는|넘어|넘었|넘긴|남짓|이상|초과|을\s*넘|를\s*넘|을\s*웃돌|를\s*웃돌|을\s*상회|를\s*상회|을\s*돌파|를\s*돌파|위로)"), "over"),
    (re.compile(r"^\s*(?:미만|이하|에\s*못\s*미치|을\s*밑돌|를\s*밑돌|을\s*하회|를\s*하회|아래로|밑으로|아래)"), "under"),
    (re.compile(r"^\s*(?:or more|or so|-plus)\b", re.I), "over"),
]


def hedge(sentence: str, quantity: Quantity) -> tuple[str | None, str]:
    """The qualifier the words around a number give it, and those words (for the reasons shown to a reviewer)."""
    head = sentence[max(0, quantity.start - 24) : quantity.start]
    head = re.sub(r"(?:\bto|\bat|\bof|\bby)\s+$", "", head)  # "fell to around $101,000", "by about 2%"
    for pattern, qualifier in _BEFORE:
        found = pattern.search(head)
        if found:
            return qualifier, found.group(0).strip()
    tail = _skip_parenthesis(sentence, quantity.end)
    for pattern, qualifier in _AFTER:
        found = pattern.search(sentence[tail : tail + 12])
        if found:
            return qualifier, found.group(0).strip()
    return None, ""


def _skip_parenthesis(sentence: str, index: int) -> int:
    """Past a parenthesis right after a number: "12베이시스포인트(1bp=0.01%) 까지"."""
    match = re.match(r"\s*\([^)]*\)", sentence[index:])
    return index + match.end() if match else index


def reaches_extreme(sentence: str, quantity: Quantity, clause_start: int) -> str:
    """The words that make a number the furthest point reached ("한 때", "까지", "as much as"), or ""."""
    tail = _skip_parenthesis(sentence, quantity.end)
    after = re.match(r"\s*까지(?![는도만])", sentence[tail:])
    if after:
        return "까지"
    before = sentence[clause_start : quantity.start]
    found = re.search(r"한\s?때|at one point|as much as|as low as|as high as|briefly|intraday|장중\s?(?:최고|최저)", before, re.I)
    return found.group(0) if found else ""


def parenthetical_definition(sentence: str, quantity: Quantity) -> bool:
    """A number inside a parenthesis that defines a unit, such as "(1bp=0.01%)"."""
    open_ = sentence.rfind("(", 0, quantity.start)
    close = sentence.find(")", quantity.end)
    if open_ < 0 or close < 0 or sentence.find(")", open_, quantity.start) >= 0:
        return False
    return "=" in sentence[open_:close]
