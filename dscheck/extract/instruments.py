"""The instruments data file (names -> Yahoo symbols) and finding those names in a sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from dscheck.extract.interface import ExtractError, Instrument
from dscheck.extract.text import is_hangul

KINDS = ("index", "yield", "future", "fx", "crypto", "stock", "etf")
_SYMBOL = re.compile(r"^[A-Za-z0-9^=.\-]{1,20}$")

# After a Korean name, what shows that the name is what the sentence talks about: a particle glued to
# it ("엔비디아는"), or after a space a head noun ("엔비디아 주가", "스위스 프랑 가치") or a listing word.
_PARTICLES = ("은", "는", "이", "가", "도", "와", "과", "의", "을", "를", "에", "로", "으로", "만", "까지", "보다", "처럼", "나", "이나", "랑", "마저", "조차", "에서")
_HEADS = (
    "주가", "주식", "가치", "지수", "선물", "계약", "가격", "값", "시세", "종가", "환율", "수익률", "금리",
    "등", "역시", "또한", "모두", "일제히", "각각", "및", "그리고", "이어", "마저",
)
# After an English name, words that make it a modifier of something else ("Nvidia chips", "Apple's App Store").
_EN_MODIFIED = re.compile(
    r"^(?:-related|-linked|-backed|'s App Store|’s App Store| App Store| chips?\b| suppliers?\b| customers?\b| rivals?\b| CEO\b| chief\b| founder\b| executives?\b| products?\b| zone\b)",
    re.I,
)


@dataclass(frozen=True)
class Mention:
    """A name found in a sentence, and what it stands for (several instruments when it is a group)."""

    start: int
    end: int
    name: str
    instruments: tuple[Instrument, ...]
    group: bool = False
    subject: bool = True  # False when the name only qualifies another word ("엔비디아 관련주", "애플 스토어")

    @property
    def instrument(self) -> Instrument:
        return self.instruments[0]


class Lexicon:
    """Every known name, each with what it stands for; names match longest first."""

    def __init__(self, names: dict[str, tuple[Instrument, ...]], groups: set[str]):
        self.names = {_key(n): found for n, found in names.items()}
        self.groups = {_key(n) for n in groups}
        ordered = sorted(names, key=len, reverse=True)
        self._pattern = re.compile("|".join(_name_pattern(n) for n in ordered)) if ordered else None

    def find(self, sentence: str) -> list[Mention]:
        """The names in a sentence: at each place the longest name, and no two overlapping."""
        if self._pattern is None:
            return []
        candidates, position = [], 0
        while True:
            match = self._pattern.search(sentence, position)
            if not match:
                break
            candidates.append((match.start(), match.end()))
            position = match.start() + 1
        chosen: list[tuple[int, int]] = []
        for start, end in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
            if not any(s < end and start < e for s, e in chosen):
                chosen.append((start, end))
        mentions = []
        for start, end in sorted(chosen):
            name = sentence[start:end]
            key = _key(name)
            mentions.append(Mention(start, end, name, self.names[key], key in self.groups, _is_subject(sentence, start, end, name)))
        return mentions


def _key(name: str) -> str:
    return re.sub(r"\s+", "", name).lower()


def _name_pattern(name: str) -> str:
    if is_hangul(name[0]):
        return r"(?<![가-힣])" + re.escape(name).replace(r"\ ", r"\s?")
    # English: whole words; short all-capital names (AMD, VIX, SPY) keep their case, others ignore it.
    escaped = re.escape(name)
    body = escaped if (name.isupper() and len(name) <= 5) else f"(?i:{escaped})"
    return rf"(?<![A-Za-z0-9]){body}(?![A-Za-z0-9])"


def _is_subject(sentence: str, start: int, end: int, name: str) -> bool:
    after = sentence[end:]
    if not is_hangul(name[-1]) and not is_hangul(after[:1] or " "):
        return not _EN_MODIFIED.match(after)
    if after[:1] and is_hangul(after[0]):
        return any(re.match(rf"(?:들)?{p}(?:는|도|의|만|서)?(?![가-힣])", after) for p in _PARTICLES)
    stripped = after.lstrip(" ")
    if not stripped or not is_hangul(stripped[0]):
        return True  # a number, a comma, a bracket or the end
    return stripped.startswith(_HEADS)


def load_instruments(extra: list[Path] | tuple[Path, ...] = ()) -> Lexicon:
    """The bundled instruments.yaml, then each extra file; a name in a later file overrides an earlier one."""
    bundled = resources.files("dscheck.extract").joinpath("instruments.yaml").read_text("utf-8")
    names: dict[str, tuple[Instrument, ...]] = {}
    groups: set[str] = set()
    _merge(bundled, "instruments.yaml (bundled)", names, groups)
    for path in extra:
        try:
            text = Path(path).read_text("utf-8")
        except FileNotFoundError:
            raise ExtractError(f"{path}: no such instruments file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ExtractError(f"{path}: cannot read it as UTF-8 text ({exc})") from None
        _merge(text, str(path), names, groups)
    return Lexicon(names, groups)


def _merge(text: str, where: str, names: dict, groups: set) -> None:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise ExtractError(f"{where}{at}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict) or not set(data) <= {"instruments", "groups"}:
        raise ExtractError(f'{where}: expected a mapping with "instruments:" and/or "groups:"')
    by_id: dict[str, Instrument] = {}
    for key, entry in (data.get("instruments") or {}).items():
        if not isinstance(entry, dict):
            raise ExtractError(f'{where}: instrument "{key}" must be a mapping with names and kind')
        unknown = set(entry) - {"symbol", "kind", "names", "currency", "invert", "proxy"}
        if unknown:
            raise ExtractError(f'{where}: instrument "{key}": unknown field "{sorted(unknown)[0]}"')
        symbol = str(entry.get("symbol", key))
        kind = entry.get("kind")
        if not _SYMBOL.match(symbol):
            raise ExtractError(f'{where}: instrument "{key}": "{symbol}" is not a Yahoo Finance symbol')
        if kind not in KINDS:
            raise ExtractError(f'{where}: instrument "{key}": kind must be one of {", ".join(KINDS)}, not "{kind}"')
        listed = entry.get("names")
        if not isinstance(listed, list) or not listed or not all(isinstance(n, str) and n.strip() for n in listed):
            raise ExtractError(f'{where}: instrument "{key}": names must be a list of names')
        instrument = Instrument(
            symbol=symbol, kind=kind, currency=str(entry.get("currency", "USD")),
            invert=bool(entry.get("invert", False)), proxy=bool(entry.get("proxy", False)),
        )
        by_id[key] = instrument
        for name in listed:
            names[name.strip()] = (instrument,)
            groups.discard(name.strip())
    for name, members in (data.get("groups") or {}).items():
        if not isinstance(members, list) or not members:
            raise ExtractError(f'{where}: group "{name}" must list its members\' symbols')
        found = []
        for symbol in members:
            known = next((i for found_ in names.values() for i in found_ if i.symbol == symbol and not i.proxy and not i.invert), None)
            if known is None:
                raise ExtractError(f'{where}: group "{name}": "{symbol}" is not the symbol of any instrument listed')
            found.append(known)
        names[str(name)] = tuple(found)
        groups.add(str(name))
