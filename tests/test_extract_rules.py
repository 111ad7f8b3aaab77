"""The extractor's rules one at a time: numbers and hedges, dates and times, names, directions, and the claims they make."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from dscheck.extract import ExtractError, extract, load_instruments
from dscheck.extract.numbers import find, hedge
from dscheck.extract.text import sentences
from dscheck.extract.when import find_dates, find_times

D = dt.date.fromisoformat
MONDAY = D("2025-01-27")


@pytest.fixture(scope="module")
def lexicon():
    return load_instruments()


def one(text, lexicon, day=MONDAY):
    return [(c.subject, c.metric, c.value, c.qualifier, c.extreme) for c in extract(text, day, lexicon).claims]


# --- numbers ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, written, unit, digits",
    [
        ("주가는 11.5% 하락", "11.5%", "pct", "11.5"),
        ("12베이시스포인트 하락", "12베이시스포인트", "bp", "12"),
        ("0.05%포인트 올라", "0.05%포인트", "pctpt", "0.05"),
        ("19만900원에 마감", "19만900원", "currency", "190900"),
        ("1435억원", "1435억원", "currency", "143500000000"),
        ("5,000억달러 규모", "5,000억달러", "currency", "500000000000"),
        ("2조 3000억원", "2조 3000억원", "currency", "2300000000000"),
        ("cost $5.6 million", "$5.6 million", "currency", "5600000"),
        ("at $101,000.", "$101,000", "currency", "101000"),
        ("rose 136.77 points", "136.77 points", "points", "136.77"),
        ("약 4배에 달했다", "4배", "times", "4"),
        ("four times its average", "four times", "times", "4"),
        ("라마3 대비 1/10 수준", "1/10", "fraction", "1/10"),
    ],
)
def test_numbers_are_read_with_their_units(text, written, unit, digits):
    found = find(text)
    assert [(q.written, q.unit, q.digits) for q in found] == [(written, unit, digits)]


def test_numbers_inside_names_are_not_numbers():
    assert find("H800 칩과 GPT4, 딥시크-R1 모델") == []
    assert find("메타의 라마3 모델") == []


def test_a_scale_word_sets_the_precision():
    (quantity,) = find("10만달러 아래로")
    assert quantity.value == Decimal(100000) and quantity.tolerance == 5000.0


@pytest.mark.parametrize(
    "text, qualifier",
    [
        ("5% 가까이 폭락", "nearly"),
        ("7% 넘게 급락", "over"),
        ("15% 이상 급락", "over"),
        ("600만달러 미만이", "under"),
        ("약 4배", "about"),
        ("1470원을 넘어섰다", "over"),
        ("nearly 4%", "nearly"),
        ("more than 2%", "over"),
        ("less than $6 million", "under"),
        ("to around $101,000", "about"),
        ("11.5% 하락한", None),
    ],
)
def test_hedges(text, qualifier):
    quantity = find(text)[0]
    assert hedge(text, quantity)[0] == qualifier


# --- sentences, dates and times -------------------------------------------------------------------

def test_korean_sentences_split_without_a_space_and_decimals_stay_whole():
    text = "테슬라도 4% 가까이 하락했다.블룸버그가 수집한 데이터에 따르면 11.5% 하락. At 10 a.m. ET, Jan. 28 was calm. Next one."
    parts = [text[s:e] for s, e in sentences(text)]
    assert parts == ["테슬라도 4% 가까이 하락했다.", "블룸버그가 수집한 데이터에 따르면 11.5% 하락.", "At 10 a.m. ET, Jan. 28 was calm.", "Next one."]


@pytest.mark.parametrize(
    "text, anchor, kind, day, role",
    [
        ("27일(현지시간) 글로벌 증시가", "2025-01-27", "day", "2025-01-27", "frame"),
        ("지난 31일 뉴욕 증시에서", "2025-02-03", "day", "2025-01-31", "frame"),
        ("지난달 31일에 이어", "2025-02-03", "last_month_day", "2025-01-31", "reference"),
        ("이 날 30일 평균의", "2025-01-27", "this_day", "2025-01-27", "frame"),
        ("월요일의 급락에 이어", "2025-01-30", "weekday", "2025-01-27", "attributive"),
        ("on Tuesday after the rout", "2025-01-28", "weekday", "2025-01-28", "frame"),
        ("ahead of its earnings on Wednesday", "2025-01-28", "weekday", "2025-01-22", "reference"),
        ("NEW YORK, Jan. 28 (Wire)", "2025-01-28", "en_date", "2025-01-28", "frame"),
        ("지난주, 딥시크는", "2025-01-27", "last_week", "2025-01-24", "frame"),
    ],
)
def test_dates_resolve_against_the_article_date(text, anchor, kind, day, role):
    (mention,) = find_dates(text, D(anchor), D(anchor))
    assert (mention.kind, mention.day, mention.role) == (kind, D(day), role)


def test_a_span_of_days_is_not_a_date():
    assert find_dates("30일 평균의 약 4배", MONDAY, MONDAY) == []
    assert find_dates("3일 연속 하락", MONDAY, MONDAY) == []


@pytest.mark.parametrize(
    "text, time, zone",
    [
        ("뉴욕 시간으로 오전 10시에", "10:00", "America/New_York"),
        ("미국 동부 시간으로 증시 개장전인 오전 7시경", "07:00", "America/New_York"),
        ("개장전 거래에서 오전 7시 50분 기준으로", "07:50", None),
        ("한국 시간 오후 3시 현재", "15:00", "Asia/Seoul"),
        ("at 10:30 a.m. ET, Tesla", "10:30", "America/New_York"),
        ("by 2 p.m. in London time", "14:00", "Europe/London"),
    ],
)
def test_clock_times_and_their_zones(text, time, zone):
    (mention,) = find_times(text)
    assert (mention.time.strftime("%H:%M"), mention.zone) == (time, zone)


def test_hours_of_duration_are_not_clock_times():
    assert find_times("2시간 동안 거래가 멈췄다") == []


# --- names ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("엔화와 스위스 프랑 가치도 상승했다", [("JPY=X", True), ("CHF=X", True)]),
        ("나스닥 선물이 한 때", [("NQ=F", True)]),
        ("나스닥 종합지수는", [("^IXIC", True)]),
        ("딥시크의 AI앱은 애플 스토어에서", [("AAPL", False)]),
        ("엔비디아 관련 주가가", [("NVDA", False)]),
        ("메타버스 사업", [("META", False)]),
        ("모델 개발에", []),
        ("대형 기술주들이 떨어졌다", [("^NDX", True)]),
        ("The Nasdaq Composite climbed", [("^IXIC", True)]),
        ("Nvidia chips are scarce", [("NVDA", False)]),
    ],
)
def test_names_and_whether_the_sentence_is_about_them(sentence, expected, lexicon):
    assert [(m.instrument.symbol, m.subject) for m in lexicon.find(sentence)] == expected


def test_groups_stand_for_their_members(lexicon):
    (mention,) = lexicon.find("HBM 관련주가 약세")
    assert mention.group and [i.symbol for i in mention.instruments] == ["000660.KS", "005930.KS"]


def test_a_users_file_adds_and_overrides_names(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("instruments:\n  RGTI:\n    kind: stock\n    names: [리게티, Rigetti]\n  QQQ:\n    kind: etf\n    names: [나스닥]\n")
    lexicon = load_instruments([extra])
    assert [m.instrument.symbol for m in lexicon.find("리게티는 12% 급등했고 나스닥은 올랐다")] == ["RGTI", "QQQ"]


@pytest.mark.parametrize(
    "content, message",
    [
        ("instruments:\n  X:\n    kind: planet\n    names: [x]\n", 'kind must be one of'),
        ("instruments:\n  'bad symbol!':\n    kind: stock\n    names: [x]\n", "is not a Yahoo Finance symbol"),
        ("instruments:\n  X:\n    kind: stock\n", "names must be a list"),
        ("instruments:\n  X:\n    kind: stock\n    names: [x]\n    colour: red\n", 'unknown field "colour"'),
        ("groups:\n  g: [NOPE]\n", '"NOPE" is not the symbol of any instrument'),
        ("instruments: [\n", "not valid YAML"),
        ("- a list\n", 'expected a mapping'),
    ],
)
def test_a_bad_instruments_file_is_named_with_its_fault(tmp_path, content, message):
    bad = tmp_path / "bad.yaml"
    bad.write_text(content)
    with pytest.raises(ExtractError, match=message):
        load_instruments([bad])


# --- claims from sentences ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("나스닥 종합지수는 2.7% 하락했다.", [("^IXIC", "change_pct", -2.7, None, False)]),
        ("브로드컴은 11%, 마벨테크놀로지는 13% 급락했다.", [("AVGO", "change_pct", -11, None, False), ("MRVL", "change_pct", -13, None, False)]),
        (
            "콘스텔레이션 에너지와 뉴스케일 파워 주가는 각각 11%,10% 떨어졌다.",
            [("CEG", "change_pct", -11, None, False), ("SMR", "change_pct", -10, None, False)],
        ),
        ("Nvidia and AMD fell 3% and 2%, respectively.", [("NVDA", "change_pct", -3, None, False), ("AMD", "change_pct", -2, None, False)]),
        ("나스닥 선물이 한 때 5% 가까이 폭락했다.", [("NQ=F", "change_pct", -5, "nearly", True)]),
        (
            "10년물 미국채 수익률은 12베이시스포인트(1bp=0.01%) 까지 떨어졌다.",
            [("^TNX", "change_bp", -12, None, True)],
        ),
        ("10년물 국채 금리는 4.54%를 기록했다.", [("^TNX", "level", 4.54, None, False)]),
        ("The 10-year yield fell 0.05 percentage point.", [("^TNX", "change_bp", -5, None, False)]),
        ("엔비디아는 11.5% 하락한 125달러에 거래됐다.", [("NVDA", "change_pct", -11.5, None, False), ("NVDA", "level", 125, None, False)]),
        ("엔화 가치는 상승했다.", [("JPY=X", "direction", "up", None, False)]),
        ("Tesla shares did not fall.", []),
        ("엔비디아는 하락하지 않았다.", []),
        ("엔비디아 관련주가 3% 올랐다.", []),
        ("엔비디아의 목표주가는 150달러로 올랐다.", []),
        ("1억달러(약 1435억원)가 들었다.", [("KRW=X", "level", 1435, "about", False)]),
        ("$2 billion (about 2.9 trillion won) was raised.", [("KRW=X", "level", 1450, "about", False)]),
        ("나스닥100 선물의 거래량은 20일 평균의 3배였다.", [("NQ=F", "volume_ratio", 3, None, False)]),
        ("엔비디아는 2020년 3월 이후 최악의 하락을 보였다.", [("NVDA", "worst_since", "2020-03", None, False)]),
        ("Apple had its best day since March 2020.", [("AAPL", "best_since", "2020-03", None, False)]),
        ("엔비디아는 되반등과 되눌림을 보였다.", []),
        ("그렇다면 코스피는 하락할까?", []),
    ],
)
def test_sentences_make_these_claims(sentence, expected, lexicon):
    assert one(sentence, lexicon) == expected


def test_a_korean_forecast_is_about_the_next_session_of_its_market(lexicon):
    # Thursday 30 Jan 2025: Seoul was closed for the Lunar New Year until Friday 31 Jan.
    (claim,) = extract("코스피는 하락할 수 있습니다.", D("2025-01-30"), lexicon).claims
    assert (claim.subject, claim.value, claim.date) == ("^KS11", "down", D("2025-01-31"))
    assert claim.confidence < 0.5


def test_a_group_gives_a_direction_for_each_member(lexicon):
    claims = extract("HBM 관련주는 약세를 보였다.", MONDAY, lexicon).claims
    assert [(c.subject, c.value) for c in claims] == [("000660.KS", "down"), ("005930.KS", "down")]


def test_last_week_is_its_last_session_against_the_week_before(lexicon):
    (claim,) = extract("지난주 나스닥 종합지수는 2% 올랐다.", MONDAY, lexicon).claims
    assert (claim.value, claim.date, claim.baseline) == (2, D("2025-01-24"), "2025-01-17")


def test_a_relative_clause_with_its_own_week_states_an_earlier_move(lexicon):
    claims = extract("지난 주 발표후 급등해온 오라클은 8.5% 급락했다.", MONDAY, lexicon).claims
    assert [(c.metric, c.value, c.date, c.baseline) for c in claims] == [
        ("direction", "up", D("2025-01-24"), "2025-01-17"),
        ("change_pct", -8.5, MONDAY, None),
    ]


def test_a_time_carries_to_later_sentences_of_its_paragraph_only(lexicon):
    text = "뉴욕 시간으로 오전 10시에 나스닥 종합지수는 2.7% 하락했다. 다우지수는 0.2% 내렸다.\n\n테슬라는 1% 올랐다."
    claims = extract(text, MONDAY, lexicon).claims
    assert [(c.subject, c.time) for c in claims] == [("^IXIC", dt.time(10)), ("^DJI", dt.time(10)), ("TSLA", None)]
    assert "an earlier sentence" in " ".join(claims[1].why)


def test_a_new_day_drops_the_carried_time(lexicon):
    text = "오전 10시 나스닥 종합지수는 2% 하락했다. 지난 24일 다우지수는 1% 올랐다."
    claims = extract(text, MONDAY, lexicon).claims
    assert [(c.date, c.time) for c in claims] == [(MONDAY, dt.time(10)), (D("2025-01-24"), None)]


def test_an_unzoned_time_about_a_korean_stock_is_seoul_time(lexicon):
    (claim,) = extract("오후 2시 삼성전자는 1.5% 하락했다.", MONDAY, lexicon).claims
    assert (claim.time, claim.timezone) == (dt.time(14), "Asia/Seoul")


@pytest.mark.parametrize("text", ["테슬라가 하락했다. 테슬라는 3.2% 떨어졌다.", "Tesla fell. Tesla lost 3.2%."])
def test_a_direction_a_number_already_states_is_not_drafted_twice(text, lexicon):
    claims = extract(text, MONDAY, lexicon).claims
    assert [(c.subject, c.metric, c.value) for c in claims] == [("TSLA", "change_pct", -3.2)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "애플과 마이크로소프트 등 빅테크 종목들이 나란히 내렸다. 애플은 2.1% 떨어졌다.",
            [("AAPL", "direction", "down"), ("MSFT", "direction", "down"), ("AAPL", "change_pct", -2.1)],
        ),
        (
            "Chipmakers such as Nvidia and Broadcom tumbled. Nvidia lost 4%.",
            [("NVDA", "direction", "down"), ("AVGO", "direction", "down"), ("NVDA", "change_pct", -4)],
        ),
        ("Tech stocks, led by Apple, slipped. Apple fell 1%.", [("AAPL", "direction", "down"), ("AAPL", "change_pct", -1)]),
        (
            "Nvidia, Broadcom and other chipmakers slid. Broadcom lost 3%.",
            [("NVDA", "direction", "down"), ("AVGO", "direction", "down"), ("AVGO", "change_pct", -3)],
        ),
        # Without a group to be examples of, the names' directions are the number's, said twice.
        ("애플과 마이크로소프트가 내렸다. 애플은 2.1% 떨어졌다.", [("MSFT", "direction", "down"), ("AAPL", "change_pct", -2.1)]),
    ],
)
def test_a_name_given_as_an_example_of_a_group_keeps_its_direction_beside_a_number(text, expected, lexicon):
    claims = extract(text, MONDAY, lexicon).claims
    assert [(c.subject, c.metric, c.value) for c in claims] == expected


def test_why_a_listed_name_keeps_its_direction_is_given(lexicon):
    direction = extract("인텔, AMD 등 칩 종목이 줄줄이 밀렸다.", MONDAY, lexicon).claims[0]
    assert (direction.subject, direction.value) == ("INTC", "down")
    assert '"등" gives it as an example of a group' in " ".join(direction.why)


@pytest.mark.parametrize(
    "text, day, expected",
    [
        # Thursday 29 Jan is "수요일"; the moves after it fall on Thursday and Friday.
        ("나스닥 종합지수는 수요일의 급등에 이어 하락과 반등이 이어졌다.", "2025-02-03", [("^IXIC", "down", "2025-01-30"), ("^IXIC", "up", "2025-01-31")]),
        ("Nvidia's Monday plunge was followed by a rebound and a pullback.", "2025-01-30", [("NVDA", "up", "2025-01-28"), ("NVDA", "down", "2025-01-29")]),
        ("Tesla's Jan. 27 slide was followed by a sharp rebound.", "2025-01-30", [("TSLA", "up", "2025-01-28")]),
        # Sessions, not days: after Friday 17 Jan come the weekend and Martin Luther King Jr. Day.
        ("엔비디아는 금요일의 급락 뒤 반등했다.", "2025-01-21", [("NVDA", "up", "2025-01-21")]),
        ("Nvidia's Friday slump was followed by a rebound.", "2025-01-21", [("NVDA", "up", "2025-01-21")]),
        # Written on the Tuesday: the pullback's session had not come yet.
        ("테슬라는 월요일의 폭락 이후 반등과 눌림을 겪었다.", "2025-01-28", [("TSLA", "up", "2025-01-28")]),
    ],
)
def test_moves_that_follow_a_dated_move_fall_on_the_sessions_after_it(text, day, expected, lexicon):
    claims = extract(text, D(day), lexicon).claims
    assert [(c.subject, c.value, c.date) for c in claims] == [(s, v, D(d)) for s, v, d in expected]
    assert all(c.metric == "direction" and c.time is None for c in claims)


@pytest.mark.parametrize(
    "text",
    ["테슬라 주가는 월요일 폭락 뒤 반등과 눌림을 겪을 수 있다.", "Tesla's Monday plunge could be followed by a rebound."],
)
def test_a_forecast_sequence_is_not_dated_to_past_sessions(text, lexicon):
    claims = extract(text, D("2025-01-30"), lexicon).claims
    assert not any(c.date in (D("2025-01-28"), D("2025-01-29")) for c in claims)


@pytest.mark.parametrize(
    "text, expected",
    [
        # "화요일 폭락" dates the same kind of move (down, and sharply) left undated earlier.
        ("테슬라 주가가 9% 넘게 폭락하는 등 전기차주가 흔들렸다. 테슬라의 화요일 폭락은 판매 부진 탓이다.", [("change_pct", -9, "2025-01-28")]),
        ("Tesla plunged 9%, dragging carmakers lower. Investors are still digesting Tesla's Tuesday plunge.", [("change_pct", -9, "2025-01-28")]),
        # A plain fall is not the sharp one dated later; two dates for the same kind leave it undated.
        ("테슬라 주가가 3% 하락했다. 테슬라의 화요일 폭락은 판매 부진 탓이다.", [("change_pct", -3, "2025-01-30"), ("direction", "down", "2025-01-28")]),
        ("Tesla plunged 9%. Tesla's Tuesday plunge followed Monday's plunge.", [("change_pct", -9, "2025-01-30"), ("direction", "down", "2025-01-28")]),
    ],
)
def test_an_undated_move_takes_the_day_the_article_gives_the_same_move(text, expected, lexicon):
    claims = extract(text, D("2025-01-30"), lexicon).claims
    assert [(c.metric, c.value, c.date) for c in claims] == [(m, v, D(d)) for m, v, d in expected]


def test_every_number_left_over_is_kept_with_a_reason(lexicon):
    result = extract("딥시크는 600만달러 미만을 썼다. 엔비디아의 시가총액은 3조달러다.", MONDAY, lexicon)
    assert result.claims == ()
    assert [(u.text, u.why) for u in result.unmapped] == [
        ("600만달러 미만", "no instrument is named before it in its sentence"),
        ("3조달러", 'it is about 엔비디아\'s "시가총액", not its price'),
    ]


# --- any text at all ------------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from dscheck.catalogue import loads  # noqa: E402
from dscheck.extract import render  # noqa: E402
from dscheck.extract.rules import clean  # noqa: E402

_PIECES = st.sampled_from(
    ["엔비디아는", " 11.5%", " 하락했다.", "나스닥 선물이", " 한 때", " 5% 가까이", "(1bp=0.01%)", " 27일(현지시간)", " 오전 7시 50분",
     " 지난주", " 19만900원에 마감", "1억달러(약 1435억원)", " 각각", " 30일 평균의 약 4배", "Nvidia", " fell", " $128.99", " at 10:30 a.m. ET",
     " respectively,", "\n\n", " ", ".", ",", "2020년 3월 이후 최악의", " 수 있습니다.", "?", "HBM 관련주는", " 올랐던", " 31일", " 등",
     "Chipmakers such as", " Nvidia and Broadcom", " led by Nvidia,", " and other chipmakers", " 화요일의 폭락 뒤", " 반등과",
     " 눌림이", "Tesla's Tuesday slump", " was followed by a rebound", " and a pullback"]
)


_LEXICON = load_instruments()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=30).map("".join))
def test_any_text_gives_a_valid_catalogue(text):
    result = extract(text, MONDAY, _LEXICON)
    catalogue = loads(render(result, article_id="any", article_date=MONDAY, source="any.txt", text=text))
    assert len(catalogue.claims) == len(result.claims)
    assert all(c.quote in clean(text) for c in catalogue.claims)
