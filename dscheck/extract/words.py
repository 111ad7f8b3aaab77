"""The words the rules read: direction, level cues, forecasts, clause boundaries and nouns that are not prices."""

from __future__ import annotations

import re

# Direction words. Korean stems match inside words (Korean glues endings on); English ones are whole words.
_KO_DOWN = (
    "하락", "내렸", "내린", "내려", "내리", "떨어", "급락", "폭락", "약세", "빠졌", "빠진", "빠지", "빠져", "밀렸", "밀린",
    "밀려", "밀리", "미끄러", "곤두박질", "주저앉", "후퇴", "낙폭", "추락", "되눌림", "눌림", "악재", "부정적 영향", "부정적인 영향",
    "마이너스", "급감", "하락세", "떨어뜨",
)
_KO_UP = (
    "상승", "올랐", "오른", "올라", "오르", "급등", "폭등", "강세", "뛰었", "뛴", "치솟", "반등", "되반등", "호재",
    "긍정적 영향", "긍정적인 영향", "플러스", "급증", "상승세",
)
_EN_DOWN = (
    "fell", "falls", "fall", "falling", "dropped", "drops", "drop", "dropping", "declined", "declines", "decline",
    "declining", "slid", "slides", "slide", "sliding", "slipped", "slips", "slip", "slipping", "slumped", "slumps",
    "slump", "sank", "sinks", "sink", "tumbled", "tumbles", "tumble", "tumbling", "plunged", "plunges", "plunge",
    "plunging", "plummeted", "plummets", "lost", "loses", "lose", "losing", "shed", "sheds", "lower", "down",
    "eased", "eases", "retreated", "retreats", "dipped", "dips", "dip", "weakened", "weakens", "weaker", "tanked",
    "sold off", "sell-off", "skidded", "sagged", "pullback", "pulled back",
)
_EN_UP = (
    "rose", "rises", "rise", "rising", "gained", "gains", "gain", "gaining", "jumped", "jumps", "jump", "jumping",
    "climbed", "climbs", "climb", "climbing", "advanced", "advances", "advancing", "rallied", "rallies", "rally",
    "rallying", "rebounded", "rebounds", "rebound", "surged", "surges", "surge", "surging", "soared", "soars", "soar",
    "added", "adds", "higher", "up", "edged up", "firmed", "strengthened", "strengthens", "stronger", "bounced",
    "spiked", "popped", "leapt", "leaped", "recovered",
)
_KO_NOT = r"(?!쪽|내|어난|어넘|내리)"  # "오른쪽" (right-hand), "오르내리", "뛰어난" (excellent)
# Words for a sharp move: two mentions of one move are of the same kind when they agree on direction and on this.
_KO_SHARP = ("급락", "폭락", "곤두박질", "추락", "주저앉", "급감", "급등", "폭등", "치솟", "급증")
_EN_SHARP = {
    "plunged", "plunges", "plunge", "plunging", "plummeted", "plummets", "tumbled", "tumbles", "tumble", "tumbling",
    "sank", "sinks", "sink", "slumped", "slumps", "slump", "tanked", "sold off", "sell-off", "surged", "surges",
    "surge", "surging", "soared", "soars", "soar", "spiked",
}


def _alternation(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


KO_DIRECTION = re.compile(rf"(?P<down>{_alternation(_KO_DOWN)})|(?P<up>{_alternation(_KO_UP)}){_KO_NOT}")
EN_DIRECTION = re.compile(rf"\b(?:(?P<down>{_alternation(_EN_DOWN)})|(?P<up>{_alternation(_EN_UP)}))\b", re.I)
EN_NOT_DIRECTION = re.compile(r"\b(?:up to|down to|set up|up from|down from)\b", re.I)

# A Korean direction word in a form that qualifies the noun after it ("급등해온 오라클", "올랐던 HBM 관련주").
KO_MODIFIER_ENDINGS = (
    "했던", "하던", "해온", "해 온", "한", "하는", "된", "되는", "던", "온", "린", "른", "진", "지는", "친", "뛴", "리는",
    "르는", "오는",
)
# ...unless the next word makes it the sentence's predicate after all ("급락하는 등").
KO_PREDICATE_NEXT = re.compile(r"^\s*(?:등|것|가운데|중|상황|반면|만큼|데|탓|한편|흐름|모습|양상|추세)(?![가-힣])|^\s*등")


def sharp(word: str) -> bool:
    """Whether a direction word says the move was sharp ("급락", "plunged") rather than plain ("하락", "fell")."""
    return word.startswith(_KO_SHARP) or word.lower() in _EN_SHARP


# A direction word that only names an earlier event ("월요일의 급락에 이어", "after Monday's slide").
REFERENCE_EVENT = re.compile(r"^[가-힣]{0,3}\s?(?:에\s?이어|이후|후|뒤|에도|에도 불구|이래)")
# A dated move followed by others in order ("수요일의 급등 이후 하락과 반등", "Tuesday's slump was followed by a
# rebound and a pullback"): what comes after the first move, and what joins the moves after it.
KO_SEQUENCE_AFTER = re.compile(r"[가-힣]{0,3}\s?(?:에\s?이어(?:서|진)?|(?:이후|후|뒤|다음)(?:에|로)?)(?![가-힣])\s?")
KO_SEQUENCE_JOIN = re.compile(r"(?:[가-힣]{0,2}?(?:과|와)|\s?,|\s?및|\s?그리고|[가-힣]{0,2}?에\s?이어(?:서)?)\s?(?:다시|재차|또다시)?\s?")
KO_NEGATED = re.compile(r"지\s?않|지\s?못|않았|않는|없었|없다|없는")
EN_SEQUENCE_AFTER = re.compile(r"\s+(?:(?:was|were|has been|had been)\s+)?followed\s+by\s+", re.I)
EN_SEQUENCE_JOIN = re.compile(r"\s*,?\s*(?:and then|then|and|followed by)\s+", re.I)
EN_ARTICLE = re.compile(r"(?:a|an|another|the)\s+", re.I)
EN_ONE_WORD = re.compile(r"[A-Za-z-]+\s+")
# Between a date and the move it dates: "화요일의 폭락", "3일 급등", "Tuesday's slump", "the Feb. 3 slide".
DATED_MOVE_GAP = re.compile(r"(?:의|'s|’s)?\s?")

# A name given as an example of a group ("인텔, AMD 등 칩 종목", "chipmakers such as Intel and AMD", "led by
# Apple"): the sentence states the group's move, with the name as the one to check, not a repeat of a number.
KO_LIST_JOIN = re.compile(r"[\s,]*(?:주가|주식)?[\s,]*(?:와|과|및|그리고)?[\s,]*")
KO_EXAMPLES = re.compile(r"\s?(?:주가|주식)?\s?등(?:의|이|은|도|을)?(?![가-힣])")
EN_LIST_JOIN = re.compile(r"\s*(?:,\s*and|,|and|&)\s*", re.I)
EN_EXAMPLES_BEFORE = re.compile(r"\b(?:such as|including|led by|like|notably|among them)\s*,?\s*$", re.I)
EN_EXAMPLES_AFTER = re.compile(r",?\s+and\s+other\b", re.I)
NEGATION_AFTER = re.compile(r"^[가-힣]{0,3}\s?(?:지\s?않|지\s?못|않았|않는)")
EN_NEGATION_BEFORE = re.compile(r"\b(?:not|n't|never|no longer)\s+(?:\w+\s+)?$", re.I)
MIXED_JOIN = re.compile(r"^[가-힣]{0,2}\s?(?:과|와|및|이나|나|and|or)\s")

# Where a Korean clause ends, for the search of a number's direction word.
KO_CLAUSE_END = re.compile(r"(?<=[가-힣])(?:고|며|면서|지만|으나|는데)\s|반면|,\s?(?:반면|그러나|하지만)")
EN_CLAUSE_END = re.compile(r";|\bwhile\b|\bbut\b|\bwhereas\b|, and\b|\band\b(?= the\b)", re.I)

# After a number: the price it is ("125달러에 거래", "2453.95에 장을 마쳤다", "1470원을 넘어섰다").
KO_LEVEL_AFTER = re.compile(
    r"^\s?(?:\([^)]*\)\s?)?(?:선(?![가-힣])|선(?:으로|에|을|이|까지|마저)|에\s?(?:거래|마감|장을|마쳤|끝|도달|달했|머물|턱걸이|근접)"
    r"|(?:으로|로)\s?(?:마감|장을|마쳤|끝|내려|떨어|올라|상승|하락|밀려|밀리|급등|급락|후퇴|반등|올랐|내렸|뛰|치솟)"
    r"|(?:을|를)\s?(?:기록|넘|돌파|웃돌|밑돌|하회|상회|터치|회복|위협|찍)|아래로|밑으로|위로|대(?:로|에|를|까지)"
    r"|까지\s?(?:떨어|하락|내려|밀려|올라|상승|급등|급락|치솟)|(?:을|를)\s?나타냈)"
)
EN_LEVEL_BEFORE = re.compile(
    r"\b(?:at|to|above|below|near|reached|hit|topped|crossed|touched|past|beyond)\s+"
    r"(?:(?:about|around|roughly|nearly|almost|just|more than|less than|over|under|a record|a record high of|a high of|a low of)\s+)*$",
    re.I,
)
EN_LEVEL_AFTER = re.compile(r"^\s?(?:mark|level|threshold|line)\b", re.I)

# Between a name and a number: nouns that make the number something other than the name's price or move.
NOT_A_PRICE = re.compile(
    r"목표\s?주가|목표가|시가\s?총액|시총|매출|영업\s?이익|순이익|이익|실적|투자|비용|규모|배당|자사주|거래\s?대금|예산|부채|"
    r"점유율|지분|보유|순매도|순매수|매도|매수|손실액|비중|개발비|적자|흑자|인수|"
    r"\b(?:price target|target|market value|market cap|market capitalization|valuation|revenue|sales|profit|earnings|"
    r"investment|cost|costs|budget|dividend|buyback|stake|share of|wiped|capex|spending|deal|acquisition|loss of)\b",
    re.I,
)

# A Korean sentence that ends in a forecast ("…나타날 수 있습니다", "…할 전망이다").
KO_FORECAST_END = re.compile(
    r"(?:수\s?(?:도\s?)?있|것으로\s?(?:보인|보여|예상|전망|관측)|전망(?:이다|된다|입니다|됩니다)|예상(?:된다|됩니다)|"
    r"[할될칠릴갈올](?:\s?것)|가능성이)[^.?!]{0,12}[.?!]?\s*$"
)
EN_FORECAST_BEFORE = re.compile(
    r"\b(?:will|could|may|might|would|expected to|set to|likely to|poised to|forecast to|seen)\s+(?:\w+\s+){0,2}$", re.I
)

# Since-claims: "2020년 3월 … 이후 최악의 하락", "worst day since March 2020".
KO_SINCE = re.compile(r"^[^.]{0,40}?(?:이후|이래)\s?(?:[^.]{0,10}?)(?P<worst>최악|최대\s?(?:폭의\s?)?(?:하락|낙폭|폭락)|가장\s?큰\s?(?:하락|낙폭|폭락))?(?P<best>최고|최대\s?(?:폭의\s?)?(?:상승|폭등|급등)|가장\s?큰\s?(?:상승|급등))?")
EN_SINCE = re.compile(
    r"(?P<worst>worst|biggest (?:one-day |single-day |daily |intraday )?(?:drop|decline|fall|loss|slide|sell-off|selloff|percentage drop))"
    r"|(?P<best>best|biggest (?:one-day |single-day |daily )?(?:gain|rally|jump|rise|advance))",
    re.I,
)
EN_SINCE_TAIL = re.compile(r"^[^.]{0,40}?\bsince\s+$", re.I)

VOLUME = re.compile(r"거래량|거래\s?규모|volume", re.I)
AVERAGE_WINDOW = re.compile(r"(?P<days>\d{1,3})\s?(?:일|거래일|-day|\s?day)\s?(?:이동\s?)?(?:평균|average)", re.I)
AVERAGE = re.compile(r"평균|average", re.I)
RESPECTIVELY = re.compile(r"각각|respectively", re.I)
QUESTION = re.compile(r"[?？]\s*$")
