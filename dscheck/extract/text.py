"""Paragraphs and sentences of an article, as (start, end) offsets into its text."""

from __future__ import annotations

import re

_ABBREVIATIONS = {
    "a.m", "p.m", "u.s", "u.k", "u.n", "e.g", "i.e", "vs", "mr", "mrs", "ms", "dr", "st", "no", "inc", "corp",
    "co", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "est",
}
_CLOSERS = "\"'”’)]」』"


def is_hangul(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3"


def has_hangul(text: str) -> bool:
    return any(is_hangul(c) for c in text)


def language(text: str) -> str:
    """ko when a tenth or more of the letters are Hangul, else en."""
    letters = [c for c in text if c.isalpha()]
    hangul = sum(1 for c in letters if is_hangul(c))
    return "ko" if letters and hangul * 10 >= len(letters) else "en"


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Blank-line separated blocks; when the text has no blank line, each line is a paragraph."""
    splitter = re.compile(r"\n[ \t]*\n\s*") if re.search(r"\n[ \t]*\n", text) else re.compile(r"\n+")
    spans, start = [], 0
    for match in splitter.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in (_strip(text, s, e) for s, e in spans) if e > s]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences of text[start:end]. Korean ones may run on without a space ("하락했다.블룸버그가")."""
    end = len(text) if end is None else end
    spans, begin, i = [], start, start
    while i < end:
        char = text[i]
        if char in ".?!。" and _ends_sentence(text, i, end):
            stop = i + 1
            while stop < end and text[stop] in _CLOSERS:
                stop += 1
            spans.append(_strip(text, begin, stop))
            begin = i = stop
            continue
        if char == "\n":
            spans.append(_strip(text, begin, i))
            begin = i + 1
        i += 1
    spans.append(_strip(text, begin, end))
    return [(s, e) for s, e in spans if e > s]


def _ends_sentence(text: str, i: int, end: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after_index = i + 1
    while after_index < end and text[after_index] in _CLOSERS:
        after_index += 1
    after = text[after_index] if after_index < end else " "
    if text[i] == "." and before.isdigit() and after.isdigit():
        return False  # a decimal point
    if text[i] != ".":
        return True
    if is_hangul(before):
        return True  # "…했다." ends a Korean sentence, with or without a space after it
    word = re.search(r"([A-Za-z.]+)$", text[max(0, i - 12) : i])
    if word and word.group(1).lower().strip(".") in _ABBREVIATIONS:
        return False
    if after.isspace():
        rest = text[after_index:end].lstrip()
        return not rest or not rest[0].islower()
    return is_hangul(after)
