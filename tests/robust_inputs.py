"""Hostile catalogue inputs for fuzzing the loader, and the rule every outcome must obey.

Shared by the fast fuzz tests (tests/test_robust_catalogue.py) and the long run
(benchmarks/fuzz_catalogue.py). An outcome obeys the rule when the text either loads into a catalogue
whose every claim gets a verdict, or raises CatalogueError with problems that each name a real place in
the text and say what is wrong in one line. Anything else (another exception, a place outside the
text, a claim that crashes a metric) is a failure.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml
from hypothesis import strategies as st

from dscheck.catalogue import Catalogue, CatalogueError, loads
from dscheck.catalogue.interface import METRICS, QUALIFIERS
from dscheck.catalogue.loader import MAX_PROBLEMS
from dscheck.catalogue.metrics import FIELDS

REPO = Path(__file__).resolve().parent.parent
EVIDENCE = REPO / "evidence"

# Symbols the bundled evidence holds (daily, hourly and 5-minute bars among them), and two it does not.
SYMBOLS = ("NVDA", "AAPL", "^IXIC", "^GSPC", "QQQ", "SPY", "ES=F", "000660.KS", "^KS11", "DGS10", "JPY=X", "ZZZZ", "BRK-B")
DATES = ("2025-01-27", "2025-01-24", "2025-01-28", "2025-01-25", "2024-12-31", "2020-03-16", "2019-01-02", "2030-01-01")
TIMES = ("10:00", "07:50", "16:00", "09:30", "04:00", "20:00", "00:00", "23:59", "12:34:56")
ZONES = ("America/New_York", "Asia/Seoul", "UTC", "Europe/London", "Etc/GMT-14")

# Values chosen to hurt: huge and tiny numbers, NaN and the infinities, text a shell or a browser would
# act on, paths out of the archive, bad dates, times and zones, and every YAML type.
NASTY = (
    10**400, -(10**400), 2**63, -(2**63) - 1, 1e308, 5e-324, -0.0, 0, -1, 1_000_000,
    float("nan"), float("inf"), float("-inf"),
    "", " ", "\t", "x" * 5000, "../../etc/passwd", "/etc/passwd", "C:\\Windows", "$(touch /tmp/dscheck-pwned)",
    "`id`", "; rm -rf /", "<script>alert(1)</script>", "%s%n%x", "\u202eevil", "한국어", "NVDA\n", "nan", ".inf",
    "2025-02-30", "2025-13-01", "0000-01-01", "9999-12-31", "2025-1-5", "27/01/2025", "2025-01-27T10:00:00Z",
    "24:00", "23:59:60", "-1:00", "1:2", "99:99", "10:00 ", "Mars/Olympus", "America/New_York\u0000", "..",
    True, False, None, [], {}, [1, 2], {"a": 1}, dt.date(2025, 1, 27),
)
KEYS = (
    "id", "article", "quote", "gloss", "tags", "kind", "reason", "subject", "metric", "value", "qualifier",
    "date", "time", "timezone", "extreme", "baseline", "invert", "tolerance", "window", "min_pct",
)


@st.composite
def claims(draw, index: int) -> dict:
    """One claim that the loader should accept (most of the time: the fields are drawn independently)."""
    if draw(st.integers(0, 9)) == 0:
        return {"id": f"c{index}", "article": "a", "quote": "q", "kind": "external", "reason": "not in the data"}
    metric = draw(st.sampled_from(METRICS))
    spec = FIELDS[metric]
    claim: dict = {"id": f"c{index}", "article": "a", "quote": draw(st.sampled_from(("q", "NVDA fell 17%", "한국어 인용")))}
    claim["subject"] = draw(st.sampled_from(SYMBOLS))
    claim["metric"] = metric
    if spec.value == "number":
        claim["value"] = draw(st.one_of(st.integers(-500, 500), st.floats(-1000, 1000, allow_nan=False).map(lambda x: round(x, 2))))
    elif spec.value == "direction":
        claim["value"] = draw(st.sampled_from(("up", "down")))
    else:
        claim["value"] = draw(st.sampled_from(("2020-03", "2024-12", "2025-01-02", "2019-01")))
    claim["date"] = draw(st.sampled_from(DATES))
    if draw(st.booleans()):
        claim["time"] = draw(st.sampled_from(TIMES))
    if draw(st.integers(0, 3)) == 0:
        claim["timezone"] = draw(st.sampled_from(ZONES))
    options = {
        "qualifier": st.sampled_from(QUALIFIERS),
        "extreme": st.booleans(),
        "invert": st.booleans(),
        "baseline": st.sampled_from(("previous_close", "open", "2025-01-24", "2020-02-19")),
        "window": st.integers(1, 60),
        "min_pct": st.sampled_from((0, 1, 2.5)),
    }
    for option in sorted(spec.options):
        if draw(st.integers(0, 3)) == 0:
            claim[option] = draw(options[option])
    if draw(st.integers(0, 4)) == 0:
        claim["tolerance"] = draw(st.sampled_from((0.5, 1, 10)))
    return claim


@st.composite
def catalogues(draw) -> dict:
    count = draw(st.integers(0, 6))
    document: dict = {"dscheck": 1}
    if draw(st.booleans()):
        document["timezone"] = draw(st.sampled_from(ZONES))
    document["articles"] = {"a": {"title": "t"}, "b-2": {"publisher": "p", "published": "2025-01-27"}}
    document["claims"] = [draw(claims(i)) for i in range(count)]
    return document


def dump(document) -> str:
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=10_000)


@st.composite
def data_mutations(draw) -> str:
    """A valid catalogue with its data damaged: values replaced, keys dropped, added, misspelt, claims doubled."""
    document = draw(catalogues())
    for _ in range(draw(st.integers(1, 4))):
        listed = document.get("claims")
        listed = [c for c in listed if isinstance(c, dict)] if isinstance(listed, list) else []
        target = draw(st.sampled_from(listed)) if listed and draw(st.integers(0, 3)) else document
        keys = list(target)
        move = draw(st.integers(0, 5))
        if move == 0 and keys:
            target[draw(st.sampled_from(keys))] = draw(st.sampled_from(NASTY))
        elif move == 1 and keys:
            del target[draw(st.sampled_from(keys))]
        elif move == 2:
            target[draw(st.sampled_from(KEYS + ("tolerence", "metrc", "claimz", "x" * 300)))] = draw(st.sampled_from(NASTY))
        elif move == 3 and listed:
            document["claims"].append(dict(draw(st.sampled_from(listed))))
        elif move == 4:
            document[draw(st.sampled_from(("dscheck", "claims", "articles", "timezone")))] = draw(st.sampled_from(NASTY))
        elif move == 5 and keys:
            key = draw(st.sampled_from(keys))
            target[key + draw(st.sampled_from(("s", "_", "X")))] = target.pop(key)
    try:
        return dump(document)
    except (yaml.YAMLError, ValueError, TypeError):
        return dump({"dscheck": 1, "claims": []})


# Pieces of YAML syntax worth splicing in: indicators, anchors, aliases, tags, merges, flow brackets.
SPLICES = (
    "&a ", "*a", "*nowhere", "<<: *a\n", "<<: [*a, *a]\n", "!!python/object/apply:os.system ['touch /tmp/dscheck-pwned']",
    "!!binary aGk=", "!custom ", "!!str ", "!!float ", "!!set {a}", "!!omap [a: 1]", "? ", ": ", "- ", "[", "]", "{", "}",
    ",", "#", "|", ">", "'", '"', "%YAML 1.1\n---\n", "---\n", "...\n", "\t", "\n", "  ", "\ufeff", "\u2028", "\x85",
    "\x07", "\x00", "\ud800", "\uffff", "1e999", ".nan", "0x_1", "0o17", "1_0", "0b11", "2025-01-27 10:00:00", "~", "null",
)


@st.composite
def text_mutations(draw) -> str:
    """A valid catalogue's text cut, doubled and spliced with YAML syntax and stray characters."""
    text = dump(draw(catalogues()))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        move = draw(st.integers(0, 4))
        if move == 0:
            text = text[:at] + draw(st.sampled_from(SPLICES)) + text[at:]
        elif move == 1:
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        elif move == 2:
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[draw(st.integers(0, len(lines) - 1))])
            text = "\n".join(lines)
        elif move == 3:
            text = text[:at] + draw(st.text(max_size=8)) + text[at:]
        else:
            text = text[:at]
    return text


@st.composite
def alias_bombs(draw) -> str:
    """Billion laughs, with a random fan-out and height, in flow or block style, sometimes inside a claim."""
    fan, height = draw(st.integers(2, 12)), draw(st.integers(2, 12))
    lines = ["dscheck: 1", f"x0: &x0 [{', '.join(['lol'] * fan)}]"]
    for level in range(1, height):
        lines.append(f"x{level}: &x{level} [{', '.join([f'*x{level - 1}'] * fan)}]")
    lines.append("articles: {a: {}}")
    lines.append(f"claims: [{{id: c, article: a, quote: q, kind: external, reason: r, tags: *x{height - 1}}}]")
    return "\n".join(lines) + "\n"


@st.composite
def deep_nesting(draw) -> str:
    """Collections nested far past the limit: flow brackets, block sequences, indented mappings, or a mix."""
    depth = draw(st.integers(60, 5000))
    shape = draw(st.integers(0, 3))
    if shape == 0:
        return "[" * depth + "]" * depth
    if shape == 1:
        return "- " * depth + "x\n"
    if shape == 2:
        return "".join(" " * i + f"k{i}:\n" for i in range(min(depth, 400))) + " " * 400 + "v\n"
    return "dscheck: 1\nclaims:\n  - " + "{a: [" * (depth // 2) + "]}" * (depth // 2) + "\n"


@st.composite
def cycles(draw) -> str:
    """Anchors whose aliases point back into themselves, through sequences, mappings and merge keys."""
    return draw(st.sampled_from((
        "a: &a [*a]\n",
        "&a {x: *a}\n",
        "dscheck: 1\nclaims: &c [{id: c, article: a, quote: q, kind: external, reason: r, tags: *c}]\n",
        "a: &a {<<: *a}\n",
        "a: &a {b: {<<: *a}}\n",
        "a: &a [1, [2, [3, *a]]]\n",
    )))


def junk_text() -> st.SearchStrategy[str]:
    """Text of any characters at all, short or long, and binary bytes read as Latin-1."""
    return st.one_of(
        st.text(max_size=300),
        st.text(alphabet=st.sampled_from("dscheck: 1\nclaims[]{}-&*!|>'\"#?,%@`\t ü한\x00\x07"), max_size=300),
        st.binary(max_size=300).map(lambda b: b.decode("latin-1")),
    )


def hostile_texts() -> st.SearchStrategy[str]:
    return st.one_of(
        data_mutations(), text_mutations(), junk_text(), alias_bombs(), deep_nesting(), cycles(),
        catalogues().map(dump),
    )


_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_SYMBOL = re.compile(r"^[A-Za-z0-9^][A-Za-z0-9^=.\-]{0,19}$")


def check_outcome(text: str, market=None, name: str = "fuzz.yaml") -> str:
    """Load `text` and check the outcome obeys the rule; returns "loaded" or "refused", raises AssertionError."""
    try:
        catalogue = loads(text, name)
    except CatalogueError as exc:
        check_refusal(exc, text, name)
        return "refused"
    check_catalogue(catalogue)
    if market is not None:
        check_verdicts(catalogue, market)
    return "loaded"


def check_refusal(exc: CatalogueError, text: str, name: str) -> None:
    assert exc.problems, "a CatalogueError with no problem in it"
    assert len(exc.problems) <= MAX_PROBLEMS + 1, f"{len(exc.problems)} problems: the list should stop at {MAX_PROBLEMS}"
    lines = sum(text.count(c) for c in "\n\r\x85\u2028\u2029") + 2  # YAML 1.1 line breaks; a place may follow the last
    for problem in exc.problems:
        where = problem.location
        assert where.file == name
        assert 1 <= where.line <= lines, f"line {where.line} is outside the text ({lines} lines): {problem}"
        assert where.column >= 1, problem
        assert problem.message and "\n" not in problem.message, f"not a one-line message: {problem.message!r}"
        assert "Traceback" not in problem.message


def check_catalogue(catalogue: Catalogue) -> None:
    import math

    ids = [c.id for c in catalogue.claims]
    assert len(ids) == len(set(ids)), "duplicate claim ids were accepted"
    for claim in catalogue.claims:
        assert _ID.match(claim.id), claim.id
        assert claim.article in catalogue.articles
        if not claim.is_market:
            assert claim.reason
            continue
        assert _SYMBOL.match(claim.subject), claim.subject
        assert claim.metric in METRICS
        assert isinstance(claim.date, dt.date)
        assert isinstance(claim.window, int) and not isinstance(claim.window, bool)
        if FIELDS[claim.metric].value == "number":
            assert isinstance(claim.value, float) and math.isfinite(claim.value), claim.value
        for number in (claim.tolerance, claim.min_pct):
            assert number is None or math.isfinite(number)


def check_verdicts(catalogue: Catalogue, market) -> None:
    from dscheck.verdicts import Verdict, verify

    results = verify(catalogue, market)
    assert [r.claim.id for r in results] == [c.id for c in catalogue.claims]
    for result in results:
        assert result.verdict is not Verdict.ERROR, f"{result.claim}: {result.conclusion}"
        assert result.conclusion


def valid_texts() -> st.SearchStrategy[str]:
    """Catalogues the loader should accept, to be verified: every metric, option, symbol and time."""
    return catalogues().map(dump)


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None, obj: dict | None = None) -> tuple[int, str, str]:
    """Run dscheck in this process, as `dscheck ARGS` typed in `cwd`: (exit code, stdout, stderr).

    In-process so that thousands of inputs can go through the real command line (argument parsing, the
    error wrapper, the reports) in seconds; what a user sees is exactly what `main` prints. `obj` is the
    context object `main` hands the commands (the fake Yahoo server's options).
    """
    import contextlib
    import io
    import os

    from dscheck.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved_env = dict(os.environ)
    os.environ.update({"NO_COLOR": "1", "COLUMNS": "200", **(env or {})})
    os.environ.pop("GITHUB_ACTIONS", None)
    try:
        with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main(list(args), obj=obj)
                code = 0
            except SystemExit as done:
                code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    finally:
        os.environ.clear()
        os.environ.update(saved_env)
    assert "Traceback" not in out.getvalue() + err.getvalue()
    return code, out.getvalue(), err.getvalue()
