"""The rules that read an article sentence by sentence and draft its claims."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_EVEN, Decimal

from dscheck.extract import numbers, sessions, when, words
from dscheck.extract.instruments import Lexicon, Mention
from dscheck.extract.interface import Drafted, Extraction, Instrument, Unmapped
from dscheck.extract.numbers import Quantity
from dscheck.extract.text import has_hangul, is_hangul, language, paragraphs, sentences

CHANGES = ("change_pct", "change_bp", "change_points")
_PER_DOLLAR = {"KRW", "JPY", "CNY", "CHF"}  # currencies Yahoo quotes as units per US dollar ("KRW=X")


def extract(text: str, article_date: dt.date, lexicon: Lexicon) -> Extraction:
    """Draft the claims of an article written on `article_date`, and list every number left unmapped.

    Quotes are the article's own words, except that control characters (which a catalogue may not hold)
    read as spaces, and characters no text may hold (lone surrogates) as U+FFFD.
    """
    return _Drafter(clean(text), article_date, lexicon).run()


def clean(text: str) -> str:
    """The article as the rules read it: line ends made \\n, control characters spaces, broken characters U+FFFD."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub("[\x00-\x08\x0b-\x1f\x7f-\x9f]", " ", text)
    return re.sub("[\ud800-\udfff\ufffe\uffff]", "\ufffd", text)


@dataclass(frozen=True)
class _Direction:
    value: str  # "up" or "down"
    start: int
    end: int
    word: str


@dataclass(frozen=True)
class _Move:
    """A move of one instrument the article states: which way, whether sharply, and on what day."""

    symbol: str
    invert: bool
    direction: str  # "up" or "down"
    sharp: bool
    day: dt.date
    words: str

    @property
    def kind(self) -> tuple:
        return (self.symbol, self.invert, self.direction, self.sharp)


@dataclass
class _Context:
    """What a sentence hands the next one in its paragraph: the day and the clock time the text is at."""

    day: dt.date
    day_words: str = ""
    time: dt.time | None = None
    time_words: str = ""
    zone: str | None = None


@dataclass
class _Sentence:
    text: str
    offset: int
    paragraph: int
    korean: bool
    mentions: list[Mention]
    quantities: list[Quantity]
    dates: list[when.DateMention]
    times: list[when.TimeMention]
    context: _Context
    period: when.DateMention | None = None  # a week or month the whole sentence is about
    forecast: str = ""  # the words that make the sentence a forecast


class _Drafter:
    def __init__(self, text: str, article_date: dt.date, lexicon: Lexicon):
        self.text = text
        self.article_date = article_date
        self.lexicon = lexicon
        self.claims: list[Drafted] = []
        self.unmapped: list[Unmapped] = []
        self.zone: str | None = None  # the last time zone the article named
        self.moves: list[_Move] = []  # moves the article dates in words, wherever they are
        self.undated: list[tuple[int, _Move]] = []  # claims dated only by the article's date, by index
        self.standalone: set[int] = set()  # direction claims that are statements of their own (see _tidy)

    def run(self) -> Extraction:
        for number, (start, end) in enumerate(paragraphs(self.text)):
            context = _Context(self.article_date)
            for s_start, s_end in sentences(self.text, start, end):
                sentence = self._read(self.text[s_start:s_end], s_start, number, context)
                self._draft(sentence)
                if sentence.times:
                    last = sentence.times[-1]
                    context.time, context.time_words, context.zone = last.time, sentence.text[last.start : last.end], last.zone
                    self.zone = last.zone or self.zone
        self._date_undated_moves()
        return Extraction(language(self.text), tuple(_tidy(self.claims, self.standalone)), tuple(self.unmapped))

    # --- reading a sentence ------------------------------------------------------------------

    def _read(self, text: str, offset: int, paragraph: int, context: _Context) -> _Sentence:
        korean = has_hangul(text)
        mentions = self.lexicon.find(text)
        dates = when.find_dates(text, self.article_date, context.day)
        times = when.find_times(text)
        taken = [(m.start, m.end) for m in mentions] + [(d.start, d.end) for d in dates] + [(t.start, t.end) for t in times]
        quantities = [q for q in numbers.find(text) if not any(s < q.end and q.start < e for s, e in taken)]
        dates = [d if not _embedded(text, d, mentions) else replace(d, role="embedded") for d in dates]
        period = None
        for mention in dates:
            if mention.role != "frame":
                continue
            if mention.period in ("week",) or (mention.kind == "last_month" and mention.day):
                period = period or mention
            elif mention.day is not None and mention.period is None:
                if mention.day != context.day:
                    context.time, context.time_words, context.zone = None, "", None
                context.day, context.day_words = mention.day, text[mention.start : mention.end]
                break
        sentence = _Sentence(text, offset, paragraph, korean, mentions, quantities, dates, times, replace(context), period)
        tail = words.KO_FORECAST_END.search(text) if korean else None
        sentence.forecast = tail.group(0).strip() if tail else ""
        return sentence

    def _draft(self, s: _Sentence) -> None:
        used: set[int] = set()
        changed: set[int] = set()  # mentions a change number was drafted for
        self._since(s, changed)
        self._conversions(s, used)
        self._volumes(s, used)
        self._respectively(s, used, changed)
        for index, quantity in enumerate(s.quantities):
            if index not in used:
                self._quantity(s, quantity, None, changed)
        self._dated_events(s, changed)
        self._embedded_moves(s)
        if not words.QUESTION.search(s.text):
            self._directions(s, changed)

    # --- rules -----------------------------------------------------------------------------

    def _quantity(self, s: _Sentence, q: Quantity, subject: Mention | None, changed: set[int], why: str = "") -> None:
        if numbers.parenthetical_definition(s.text, q):
            return self._leave(s, q, "a definition in parentheses, not a claim")
        subject = subject or _subject_before(s, q.start)
        if subject is None:
            return self._leave(s, q, "no instrument is named before it in its sentence")
        if subject.group:
            return self._leave(s, q, f'"{subject.name}" is a group; a number for a group is no one member\'s')
        between = words.NOT_A_PRICE.search(s.text[subject.end : q.start])
        after = re.sub(r"^\s?(?:을|를|의|이|가|은|는|어치)?\s?(?:넘게|이상|미만|가량|정도|규모의?)?\s?", "", s.text[q.end : q.end + 24])
        beside = words.NOT_A_PRICE.match(after)
        if between or beside:
            noun = (between or beside).group(0)
            return self._leave(s, q, f'it is about {subject.name}\'s "{noun}", not its price')
        instrument = subject.instrument
        direction = self._number_direction(s, q, subject)
        level = _level_cue(s, q)
        metric, value, invert = None, None, instrument.invert
        digits = q.digits
        reasons = [f'"{subject.name}" -> {instrument.symbol}' + (" (a stand-in for the group it names)" if instrument.proxy else "")]
        if why:
            reasons.append(why)
        confidence = 0.9
        if q.unit == "pct" and instrument.kind == "yield":
            metric, value = "level", q.value
            reasons.append("a yield in percent is its level")
            confidence = 0.85
        elif q.unit == "pctpt" and instrument.kind == "yield" and direction:
            metric, value = "change_bp", q.value * 100
            digits = numbers._digits(value)
        elif q.unit in ("pct", "bp", "points", "pctpt") and direction:
            if q.unit == "bp" and instrument.kind not in ("yield", "fx"):
                return self._leave(s, q, f"basis points of {instrument.symbol}, which is not a yield")
            if q.unit == "pctpt":
                return self._leave(s, q, f"percentage points of {instrument.symbol}, which is not a yield")
            metric, value = {"pct": "change_pct", "bp": "change_bp", "points": "change_points"}[q.unit], q.value
        elif q.unit in ("pct", "bp", "points", "pctpt"):
            return self._leave(s, q, "no direction word (up or down) for this change")
        elif q.unit == "currency":
            if q.currency != instrument.currency:
                return self._leave(s, q, f"a price in {q.currency} cannot be {instrument.symbol}'s, which is quoted in {instrument.currency}")
            if level:
                metric, value, invert = "level", q.value, False
                reasons.append(f'"{level}" -> a price level')
                confidence = 0.85
            elif direction:
                metric, value = "change_points", q.value
            else:
                return self._leave(s, q, "neither a level word (에 거래, to, at) nor a direction word goes with it")
        elif q.unit == "plain":
            if instrument.kind in ("index", "yield", "fx", "future", "crypto") and level:
                metric, value = "level", q.value
                reasons.append(f'"{level}" -> a level')
                confidence = 0.75
            else:
                return self._leave(s, q, "a plain number with no unit, and no level word for an index or rate")
        else:
            return self._leave(s, q, f"a {q.unit} with nothing to compare it against")
        if metric in CHANGES:
            value = -value if direction.value == "down" else value
            reasons.append(f'"{direction.word}" -> {direction.value}')
            if direction.end <= q.start and s.korean:
                confidence -= 0.1  # Korean puts its verb after the number; one before it is less sure
        qualifier, hedge_words = numbers.hedge(s.text, q)
        if qualifier:
            reasons.append(f'"{hedge_words}" -> {qualifier}')
        extreme_words = numbers.reaches_extreme(s.text, q, subject.end)
        if extreme_words:
            reasons.append(f'"{extreme_words}" -> extreme (the furthest it went)')
        if metric in CHANGES:
            changed.add(s.mentions.index(subject))
        span_end = q.end
        if metric in CHANGES:
            span_end = max(q.end, direction.end)
        elif metric == "level" and level and s.text.find(level, q.end) >= 0:
            span_end = s.text.find(level, q.end) + len(level)
        self._add(
            s, subject.instrument, subject.start, span_end, metric, _number(value), confidence, reasons, position=q.start,
            qualifier=qualifier, extreme=bool(extreme_words), invert=invert,
            value_text=_written(value, digits), tolerance=q.tolerance if metric == "level" else None,
            forecast_at=direction.start if direction else q.start, move=direction if metric in CHANGES else None,
        )

    def _number_direction(self, s: _Sentence, q: Quantity, subject: Mention) -> _Direction | None:
        if s.korean:
            return self._ko_forward(s, numbers._skip_parenthesis(s.text, q.end)) or _last_direction(s, subject.end, q.start)
        found = _last_direction(s, subject.end, q.start)
        if found:
            return found
        rest = s.text[q.end :]
        for skip in (re.match(r"\s*", rest).end(), re.match(r"\s*(?:[A-Za-z]+\s+)?", rest).end()):
            match = words.EN_DIRECTION.match(s.text, q.end + skip)
            if match and not _not_a_direction(s.text, match):
                return _direction_of(match)
        return None

    def _ko_forward(self, s: _Sentence, start: int, stop: int | None = None, skip_modifiers: bool = False) -> _Direction | None:
        """The first direction word after `start` in its clause (Korean puts the verb last)."""
        boundary = words.KO_CLAUSE_END.search(s.text, start)
        limit = min(boundary.end() if boundary else len(s.text), stop if stop is not None else len(s.text))
        for match in words.KO_DIRECTION.finditer(s.text, start, limit):
            rest = s.text[match.end() :]
            if words.REFERENCE_EVENT.match(rest):
                continue  # "월요일의 급락에 이어": an earlier event, not what the sentence says now
            if skip_modifiers and _modifier(s.text, match.start(), match.end()):
                continue  # "올랐던 HBM 관련주": it qualifies a later noun
            if words.NEGATION_AFTER.match(rest):
                return None
            if _mixed(s.text, match, korean=True):
                return None
            return _direction_of(match)
        return None

    def _since(self, s: _Sentence, changed: set[int]) -> None:
        """"2020년 3월 … 이후 최악의 하락", "its worst day since March 2020"."""
        for mention in s.dates:
            if mention.kind not in ("month", "full", "en_date"):
                continue
            period = mention.period or mention.day.isoformat()
            phrase = None
            if s.korean:
                found = words.KO_SINCE.match(s.text[mention.end :])
                if found and (found.group("worst") or found.group("best")):
                    phrase = (found.group("worst") and "worst_since") or "best_since", mention.end + found.end()
            else:
                for found in words.EN_SINCE.finditer(s.text, 0, mention.start):
                    if words.EN_SINCE_TAIL.match(s.text[found.end() : mention.start]):
                        phrase = ("worst_since" if found.group("worst") else "best_since"), mention.end
            if not phrase:
                continue
            metric, end = phrase
            subject = _subject_before(s, mention.start)
            if subject is None or subject.group:
                self.unmapped.append(
                    Unmapped(s.text[mention.start : end], _around(s.text, mention.start, end), "a since-claim with no single instrument named before it", s.offset + mention.start)
                )
                continue
            reasons = [f'"{subject.name}" -> {subject.instrument.symbol}', f'"{s.text[mention.start:end]}" -> {metric} {period}']
            changed.add(s.mentions.index(subject))  # the since-claim states its direction as well
            self._add(s, subject.instrument, mention.start, end, metric, period, 0.7, reasons, position=mention.start, invert=subject.instrument.invert)

    def _conversions(self, s: _Sentence, used: set[int]) -> None:
        """"1억달러(약 1435억원)": the exchange rate the writer used that day."""
        for i, first in enumerate(s.quantities[:-1]):
            second = s.quantities[i + 1]
            if first.unit != "currency" or second.unit != "currency" or {first.currency, second.currency} & {None}:
                continue
            gap = re.fullmatch(r"\s?\(\s?(?P<hedge>약|대략|about|around|roughly|approximately)?\s?", s.text[first.end : second.start], re.I)
            if not gap or not re.match(r"\s?(?:정도|가량)?\s?\)", s.text[second.end :]):
                continue
            pair = {first.currency: first, second.currency: second}
            other = next((c for c in pair if c != "USD"), None)
            if "USD" not in pair or other not in _PER_DOLLAR:
                continue
            rate = pair[other].value / pair["USD"].value
            rate = rate.quantize(Decimal(1) if rate >= 100 else Decimal("0.01"), rounding=ROUND_HALF_EVEN)
            symbol = f"{other}=X"
            instrument = Instrument(symbol, "fx", currency=other)
            qualifier = "about" if gap.group("hedge") else None
            reasons = [f'"{first.written}" = "{second.written}" -> {rate} {other} per dollar']
            if qualifier:
                reasons.append(f'"{gap.group("hedge")}" -> about')
            close = s.text.find(")", second.end) + 1
            self._add(
                s, instrument, first.start, close, "level", _number(rate), 0.7, reasons, position=first.start,
                qualifier=qualifier, value_text=numbers._digits(rate), timeless=True,
            )
            used.update((i, i + 1))

    def _volumes(self, s: _Sentence, used: set[int]) -> None:
        """"거래량은 … 30일 평균의 약 4배", "volume was four times its 30-day average"."""
        if not words.VOLUME.search(s.text):
            return
        for index, q in enumerate(s.quantities):
            if q.unit != "times" or index in used:
                continue
            subject = _subject_before(s, q.start)
            if subject is None or subject.group or not words.AVERAGE.search(s.text):
                continue
            window = words.AVERAGE_WINDOW.search(s.text)
            reasons = [f'"{subject.name}" -> {subject.instrument.symbol}', f'"{q.written}" of the average volume -> volume_ratio']
            confidence = 0.75
            if window:
                reasons.append(f'"{window.group(0)}" -> window {window.group("days")}')
                used.update(i for i, other in enumerate(s.quantities) if window.start() <= other.start < window.end())
            else:
                reasons.append("no window named: the format's 30 sessions")
                confidence = 0.55
            qualifier, hedge_words = numbers.hedge(s.text, q)
            if qualifier:
                reasons.append(f'"{hedge_words}" -> {qualifier}')
            self._add(
                s, subject.instrument, subject.start, q.end, "volume_ratio", _number(q.value), confidence, reasons,
                position=q.start, qualifier=qualifier, window=int(window.group("days")) if window else None, value_text=q.digits,
            )
            used.add(index)

    def _respectively(self, s: _Sentence, used: set[int], changed: set[int]) -> None:
        """"A와 B 주가는 각각 11%, 10% 떨어졌다", "A and B fell 3% and 2%, respectively"."""
        keyword = words.RESPECTIVELY.search(s.text)
        if not keyword:
            return
        free = [(i, q) for i, q in enumerate(s.quantities) if i not in used]
        if s.korean:
            run = [(i, q) for i, q in free if q.start >= keyword.end()]
        else:
            run = [(i, q) for i, q in free if q.end <= keyword.start()]
        run = _same_unit_run(run, s, from_end=not s.korean)
        if len(run) < 2:
            return
        first = run[0][1]
        subjects = [m for m in s.mentions if m.subject and not m.group and m.end <= first.start]
        earlier = [q for _, q in free if q.end <= first.start]
        subjects = [m for m in subjects if not any(m.end <= q.start for q in earlier)]
        if len(subjects) < len(run):
            return
        for (index, quantity), subject in zip(run, subjects[-len(run) :]):
            used.add(index)
            self._quantity(s, quantity, subject, changed, why=f'paired in order by "{keyword.group(0)}"')

    def _embedded_moves(self, s: _Sentence) -> None:
        """"지난 주 … 급등해온 오라클은": a relative clause with its own time frame states an earlier move."""
        if not s.korean:
            return
        for date in s.dates:
            if date.role != "embedded" or date.day is None:
                continue
            subject = next((m for m in s.mentions if m.start >= date.end and m.subject and not m.group), None)
            if subject is None:
                continue
            match = _modifier_before(s.text, subject.start)
            if match is None:
                continue
            direction = _direction_of(match)
            reasons = [
                f'"{subject.name}" -> {subject.instrument.symbol}',
                f'"{direction.word}" in a clause that qualifies it -> {direction.value}',
                f'that clause has its own time: "{s.text[date.start:date.end]}"',
            ]
            self._add(
                s, subject.instrument, date.start, subject.end, "direction", direction.value, 0.5, reasons,
                position=direction.start, invert=subject.instrument.invert, own_date=date,
            )

    def _dated_events(self, s: _Sentence, changed: set[int]) -> None:
        """A move with its day attached ("화요일의 폭락", "Tuesday's slump"). It dates the same kind of move of the
        same instrument where the article leaves that undated, and the moves said to follow it ("뒤 반등과 눌림",
        "was followed by a rebound and a pullback") fall on the sessions after its day, one each, in order."""
        pattern = words.KO_DIRECTION if s.korean else words.EN_DIRECTION
        for date in s.dates:
            if date.day is None or date.period is not None:
                continue
            found = pattern.match(s.text, words.DATED_MOVE_GAP.match(s.text, date.end).end())
            if found is None or (not s.korean and _not_a_direction(s.text, found)):
                continue
            if s.korean and _modifier(s.text, found.start(), found.end()):
                continue  # "월요일 급락했던 테슬라": the move is the name after it's, which _embedded_moves reads
            subject = _subject_before(s, date.start)
            if subject is None or subject.group:
                continue
            instrument, event = subject.instrument, _direction_of(found)
            named = s.text[date.start : event.end]
            sharply = words.sharp(event.word)
            self.moves.append(_Move(instrument.symbol, instrument.invert, event.value, sharply, date.day, named))
            follows = _sequence(s, event.end)
            if not follows:
                continue
            changed.add(s.mentions.index(subject))  # its direction is the sequence's, not the first word found
            day = date.day
            for step, item in enumerate(follows, 1):
                day = sessions.next_session(instrument.symbol, day)
                if day > self.article_date:
                    break  # a session after the article was written: the text cannot be reporting it
                reasons = [
                    f'"{subject.name}" -> {instrument.symbol}',
                    f'"{item.word}" -> {item.value}',
                    f'move {step} after "{named}" ({date.day}) -> session {step} after it, {day}',
                ]
                self._add(  # each quotes the whole sequence: one move of it means little alone
                    s, instrument, subject.start, follows[-1].end, "direction", item.value, 0.5, reasons, position=item.start,
                    invert=instrument.invert, on=day, move=item,
                )

    def _date_undated_moves(self) -> None:
        """A move the article leaves undated ("테슬라가 9% 폭락하면서") takes the day on which the article dates the
        same kind of move (same way, sharp or not) of the same instrument ("테슬라의 화요일 폭락"), if only one."""
        for index, move in self.undated:
            days = {m.day for m in self.moves if m.kind == move.kind and m.day <= self.article_date}
            if len(days) != 1 or move.day in days:
                continue
            (day,) = days
            source = next(m for m in self.moves if m.kind == move.kind and m.day == day)
            claim = self.claims[index]
            why = [r for r in claim.why if r != "date: the article's"]
            kind = f'{"sharp " if move.sharp else ""}{move.direction} move of {move.symbol}'
            why.append(f'date {day} from "{source.words}", the same {kind} dated elsewhere in the article')
            confidence = round(max(0.05, claim.confidence - 0.1), 2)
            self.claims[index] = replace(claim, date=day, why=tuple(why), confidence=confidence)

    def _directions(self, s: _Sentence, changed: set[int]) -> None:
        """A name and a direction word and no number for its move: "엔화 가치도 상승했다", "Bitcoin slipped"."""
        stops = sorted(s.mentions[i].start for i in changed)
        for index, mention in enumerate(s.mentions):
            if not mention.subject or index in changed:
                continue
            stop = next((p for p in stops if p > mention.end), len(s.text))
            if s.korean:
                direction = self._ko_forward(s, mention.end, stop, skip_modifiers=True)
            else:
                direction = _en_forward(s, mention.end, stop)
            if direction is None:
                continue
            if words.NOT_A_PRICE.search(s.text[mention.end : direction.start]):
                continue
            example = "" if mention.group else _listed_example(s, index)
            for instrument in mention.instruments:
                reasons = [
                    f'"{mention.name}" -> {instrument.symbol}'
                    + (" (a member of the group)" if mention.group else "")
                    + (" (a stand-in for the group it names)" if instrument.proxy else ""),
                    f'"{direction.word}" -> {direction.value}',
                ]
                if example:
                    reasons.append(f'"{example}" gives it as an example of a group: the group\'s move, checked on it')
                confidence = 0.6 - (0.2 if mention.group else 0)
                self._add(
                    s, instrument, mention.start, direction.end, "direction", direction.value, confidence, reasons,
                    position=direction.start, invert=instrument.invert, forecast_at=direction.start, move=direction,
                    standalone=bool(example),
                )

    # --- turning findings into drafts ----------------------------------------------------------

    def _add(
        self, s: _Sentence, instrument: Instrument, start: int, end: int, metric: str, value, confidence: float,
        reasons: list[str], *, position: int, qualifier: str | None = None, extreme: bool = False, invert: bool = False,
        window: int | None = None, value_text: str | None = None, tolerance: float | None = None,
        forecast_at: int | None = None, timeless: bool = False, own_date: when.DateMention | None = None,
        on: dt.date | None = None, move: _Direction | None = None, standalone: bool = False,
    ) -> None:
        """Draft one claim. `on`: a day the caller worked out (its reasons say how); `move`: the direction word the
        claim rests on, so that a move the article dates elsewhere can date this one (see _date_undated_moves)."""
        symbol = instrument.symbol
        baseline = None
        time = zone = None
        forecast = self._forecast(s, forecast_at) if forecast_at is not None else ""
        if on is not None:
            day = on
        elif own_date is not None:
            day, baseline = _period_dates(symbol, own_date)
        elif forecast:
            day = sessions.next_session(symbol, self.article_date)
            reasons.append(f'a forecast ("{forecast}") -> the next session of {symbol} after the article date')
            confidence -= 0.25
        elif s.period is not None:
            day, baseline = _period_dates(symbol, s.period)
            reasons.append(f'"{s.text[s.period.start:s.period.end]}" -> {day} against {baseline}')
        else:
            day = s.context.day
            reasons.append(f'date from "{s.context.day_words}"' if s.context.day_words else "date: the article's")
            if not timeless:
                time, zone, words_, carried = self._time(s, position)
                if time is not None:
                    zone = zone or self.zone
                    named = zone is not None
                    zone = zone or sessions.zone_of(symbol)
                    reasons.append(
                        f'time {time:%H:%M} {zone} from "{words_}"' + (" (an earlier sentence)" if carried else "")
                        + ("" if named else " (zone not named: the market's own)")
                    )
                    confidence -= 0.05 * carried + 0.05 * (not named)
        if instrument.proxy:
            confidence -= 0.2
        if metric not in CHANGES and metric != "direction":
            baseline = None  # a level, a volume or a record is read at its date alone
        if move is not None and not forecast and baseline is None and s.period is None:
            stated = _Move(symbol, invert, move.value, words.sharp(move.word), day, _quote(s.text, start, end))
            if on is not None or own_date is not None or s.context.day_words:
                self.moves.append(stated)
            elif time is None:
                self.undated.append((len(self.claims), stated))
        if standalone:
            self.standalone.add(len(self.claims))
        self.claims.append(
            Drafted(
                subject=symbol, metric=metric, value=value, date=day, quote=_quote(s.text, start, end),
                confidence=round(max(0.05, min(0.95, confidence)), 2), why=tuple(reasons), qualifier=qualifier,
                time=time, timezone=None if zone in (None, when.NEW_YORK) else zone, extreme=extreme, invert=invert,
                baseline=baseline, window=window, tolerance=tolerance, value_text=value_text,
                offset=s.offset + start, paragraph=s.paragraph,
            )
        )

    def _forecast(self, s: _Sentence, at: int) -> str:
        if s.korean:
            return s.forecast
        found = words.EN_FORECAST_BEFORE.search(s.text[:at])
        return found.group(0).strip() if found else ""

    def _time(self, s: _Sentence, position: int) -> tuple[dt.time | None, str | None, str, bool]:
        """The clock time a claim at `position` is at: the last one named before it, else the sentence's, else the carried one."""
        before = [t for t in s.times if t.start < position]
        chosen = before[-1] if before else (s.times[0] if s.times else None)
        if chosen:
            return chosen.time, chosen.zone, s.text[chosen.start : chosen.end], False
        context = s.context
        return context.time, context.zone, context.time_words, context.time is not None

    def _leave(self, s: _Sentence, q: Quantity, why: str) -> None:
        qualifier, hedge_words = numbers.hedge(s.text, q)
        written = s.text[q.start : max(q.end, _word_end(s.text, q.end))] if q.unit in ("plain", "fraction") else q.written
        shown = written if not hedge_words else (f"{written} {hedge_words}" if s.text.find(hedge_words, q.end) >= 0 else f"{hedge_words} {written}")
        self.unmapped.append(Unmapped(shown, _around(s.text, q.start, q.end), why, s.offset + q.start))


# --- helpers ------------------------------------------------------------------------------------


def _subject_before(s: _Sentence, position: int) -> Mention | None:
    candidates = [m for m in s.mentions if m.end <= position and m.subject]
    return candidates[-1] if candidates else None


def _direction_of(match: re.Match) -> _Direction:
    return _Direction("down" if match.group("down") else "up", match.start(), match.end(), match.group(0))


def _last_direction(s: _Sentence, start: int, end: int) -> _Direction | None:
    pattern = words.KO_DIRECTION if s.korean else words.EN_DIRECTION
    found = None
    for match in pattern.finditer(s.text, start, end):
        if not s.korean and _not_a_direction(s.text, match):
            continue
        found = match
    return _direction_of(found) if found else None


def _sequence(s: _Sentence, at: int) -> list[_Direction]:
    """The moves said to follow a move that ends at `at`, in order; none when the text forecasts or denies them."""
    items: list[_Direction] = []
    if s.korean:
        after = words.KO_SEQUENCE_AFTER.match(s.text, at)
        at = after.end() if after else -1
        while at >= 0:
            found = words.KO_DIRECTION.match(s.text, at)
            if found is None:
                break
            items.append(_direction_of(found))
            join = words.KO_SEQUENCE_JOIN.match(s.text, found.end())
            at = join.end() if join else -1
        if not items or _modifier(s.text, items[-1].start, items[-1].end):
            return []  # "급락에 이어 반등한 엔비디아": the moves are a later name's
        boundary = words.KO_CLAUSE_END.search(s.text, items[-1].end)
        ends = [p for p in (boundary.start() if boundary else -1, s.text.find(",", items[-1].end)) if p >= 0]
        clause = s.text[items[-1].end : min(ends, default=len(s.text))]
        if words.KO_NEGATED.search(clause) or (s.forecast and not ends):
            return []  # denied, or a forecast that the sentence's last clause (the one holding them) makes
        return items
    after = words.EN_SEQUENCE_AFTER.match(s.text, at)
    at = after.end() if after else -1
    while at >= 0:
        found = _en_item(s.text, at)
        if found is None:
            break
        items.append(found)
        join = words.EN_SEQUENCE_JOIN.match(s.text, found.end)
        at = join.end() if join else -1
    return items


def _en_item(text: str, at: int) -> _Direction | None:
    """A direction word at `at`, after an article and at most one other word ("a rebound", "a brief pullback")."""
    article = words.EN_ARTICLE.match(text, at)
    at = article.end() if article else at
    other = words.EN_ONE_WORD.match(text, at)
    for start in (at, other.end() if other else -1):
        found = words.EN_DIRECTION.match(text, start) if start >= 0 else None
        if found and not _not_a_direction(text, found):
            return _direction_of(found)
    return None


def _listed_example(s: _Sentence, index: int) -> str:
    """The words that give a name as an example of a group ("인텔, AMD 등 칩 종목", "such as Intel and AMD"), or ""."""
    mentions, first, last = s.mentions, index, index
    while last + 1 < len(mentions) and _listed_together(s, mentions[last].end, mentions[last + 1].start):
        last += 1
    while first > 0 and _listed_together(s, mentions[first - 1].end, mentions[first].start):
        first -= 1
    if s.korean:
        found = words.KO_EXAMPLES.match(s.text, mentions[last].end)
        return found.group(0).strip() if found else ""
    found = words.EN_EXAMPLES_BEFORE.search(s.text, 0, mentions[first].start) or words.EN_EXAMPLES_AFTER.match(
        s.text, mentions[last].end
    )
    return found.group(0).strip(" ,") if found else ""


def _listed_together(s: _Sentence, end: int, start: int) -> bool:
    """Whether only a list's joining words stand between two names ("애플과 테슬라", "Intel, AMD and Qualcomm")."""
    return (words.KO_LIST_JOIN if s.korean else words.EN_LIST_JOIN).fullmatch(s.text, end, start) is not None


def _en_forward(s: _Sentence, start: int, stop: int) -> _Direction | None:
    boundary = words.EN_CLAUSE_END.search(s.text, start)
    limit = min(stop, boundary.start() if boundary else len(s.text))
    for match in words.EN_DIRECTION.finditer(s.text, start, limit):
        if _not_a_direction(s.text, match):
            continue
        if words.EN_NEGATION_BEFORE.search(s.text[start : match.start()]) or _mixed(s.text, match, korean=False):
            return None
        return _direction_of(match)
    return None


def _not_a_direction(text: str, match: re.Match) -> bool:
    window = text[max(0, match.start() - 4) : match.end() + 6]
    return bool(words.EN_NOT_DIRECTION.search(window))


def _mixed(text: str, match: re.Match, korean: bool) -> bool:
    """"되반등과 되눌림", "rose and fell": two ways at once, so no one direction."""
    join = words.MIXED_JOIN.match(text[match.end() :])
    if not join:
        return False
    pattern = words.KO_DIRECTION if korean else words.EN_DIRECTION
    other = pattern.match(text, match.end() + join.end())
    return bool(other) and _direction_of(other).value != _direction_of(match).value


def _word_end(text: str, index: int) -> int:
    while index < len(text) and not text[index].isspace() and text[index] not in ",.;:!?)”’\"'":
        index += 1
    return index


def _modifier(text: str, start: int, end: int) -> bool:
    """A Korean direction word in a form that qualifies the noun after it ("올랐던 HBM", "급등해온 오라클")."""
    stop = _word_end(text, end)
    word = text[start:stop]
    if not word.endswith(words.KO_MODIFIER_ENDINGS):
        return False
    return not words.KO_PREDICATE_NEXT.match(text[stop:])


def _modifier_before(text: str, position: int) -> re.Match | None:
    """The direction word in modifier form just before a name ("급등해온 오라클"), if there is one."""
    head = text[:position].rstrip(" ‘’“”\"'")
    if not head or not is_hangul(head[-1]):
        return None
    word_start = max(head.rfind(" "), head.rfind("\u2019"), head.rfind("’")) + 1
    for match in words.KO_DIRECTION.finditer(text, word_start, len(head)):
        if _modifier(text, match.start(), match.end()) and _word_end(text, match.end()) == len(head):
            return match
    return None


def _embedded(text: str, date: when.DateMention, mentions: list[Mention]) -> bool:
    """A date inside a relative clause ("지난 주 … 급등해온 오라클은"): it dates that clause, not the sentence."""
    if date.role != "frame" or not has_hangul(text):
        return False
    subject = next((m for m in mentions if m.start >= date.end and m.subject), None)
    if subject is None:
        return False
    match = _modifier_before(text, subject.start)
    return match is not None and match.start() >= date.end


def _level_cue(s: _Sentence, q: Quantity) -> str:
    tail = numbers._skip_parenthesis(s.text, q.end)
    after = re.sub(r"^\s?(?:가까이|가량|정도|안팎|내외|쯤|남짓)\s?", "", s.text[tail:])
    found = words.KO_LEVEL_AFTER.match(after) if s.korean else None
    if found:
        return found.group(0).strip()
    if not s.korean:
        before = words.EN_LEVEL_BEFORE.search(s.text[: q.start])
        if before:
            return before.group(0).strip()
        after_en = words.EN_LEVEL_AFTER.match(s.text[q.end :])
        if after_en:
            return after_en.group(0).strip()
    return ""


def _same_unit_run(run: list[tuple[int, Quantity]], s: _Sentence, from_end: bool) -> list[tuple[int, Quantity]]:
    """The numbers next to "각각"/"respectively" that share one unit and have no name between them."""
    if not run:
        return []
    ordered = list(reversed(run)) if from_end else run
    unit = ordered[0][1].unit
    chosen = [ordered[0]]
    for index, q in ordered[1:]:
        previous = chosen[-1][1]
        low, high = (q.end, previous.start) if from_end else (previous.end, q.start)
        if q.unit != unit or any(low <= m.start < high for m in s.mentions):
            break
        chosen.append((index, q))
    return list(reversed(chosen)) if from_end else chosen


def _period_dates(symbol: str, mention: when.DateMention) -> tuple[dt.date, str | None]:
    """A week or month: its last session, against the last session before it began."""
    last = sessions.last_session(symbol, mention.day)
    if mention.period == "week":
        before = mention.day - dt.timedelta(days=mention.day.weekday() + 3)
    elif mention.period and len(mention.period) == 7:
        before = mention.day.replace(day=1) - dt.timedelta(days=1)
    else:
        return mention.day, None
    return last, sessions.last_session(symbol, before).isoformat()


def _number(value):
    """A Decimal as the int or float YAML will hold."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _written(value, digits: str) -> str:
    number = _number(value)
    if isinstance(number, (int, float)) and number < 0 and not digits.startswith("-"):
        return "-" + digits
    return digits


def _quote(text: str, start: int, end: int) -> str:
    """The claim's own words: whole words from its first to its last, as they stand in the article."""
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(“‘\"'":
        start -= 1
    end = _word_end(text, end)
    return text[start:end].strip(" ,")


def _around(text: str, start: int, end: int) -> str:
    left = text.rfind(" ", 0, max(0, start - 20)) + 1
    right = text.find(" ", min(len(text), end + 16))
    return text[left : right if right >= 0 else len(text)].strip(" ,")


def _tidy(claims: list[Drafted], standalone: set[int] = frozenset()) -> list[Drafted]:
    """Drop what a paragraph says twice: a direction a number already states, and repeated statements.

    A direction in `standalone` (indices into `claims`) is kept beside a number: it is a statement of its own,
    such as a group's move checked on a name given as its example ("애플 등 빅테크가 나란히 내렸다").
    """
    moves = {(c.paragraph, c.subject, c.invert, c.date, "down" if c.value < 0 else "up") for c in claims if c.metric in CHANGES}
    kept = [
        c for i, c in enumerate(claims)
        if i in standalone
        or not (c.metric == "direction" and c.baseline is None and (c.paragraph, c.subject, c.invert, c.date, c.value) in moves)
    ]
    timed = {(c.paragraph, c.subject, c.metric, c.value, c.date) for c in kept if c.time is not None}
    kept = [c for c in kept if not (c.time is None and c.metric == "direction" and (c.paragraph, c.subject, c.metric, c.value, c.date) in timed)]
    unique: dict[tuple, Drafted] = {}
    for claim in kept:
        key = claim.key + (claim.invert, claim.baseline, claim.timezone)
        if key not in unique or claim.confidence > unique[key].confidence:
            unique[key] = claim if key not in unique else replace(unique[key], confidence=claim.confidence)
    return sorted(unique.values(), key=lambda c: c.offset)
