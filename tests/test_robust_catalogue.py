"""The catalogue loader under attack: fuzzed YAML, and the limits that keep every input bounded.

Every input ends in a catalogue whose every claim gets a verdict, or in problems with a place and a
one-line message (robust_inputs.check_outcome says exactly what is checked). The examples here are a
fixed, fast subset; benchmarks/fuzz_catalogue.py runs the same strategies 10,000+ times.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from robust_inputs import (
    EVIDENCE,
    REPO,
    alias_bombs,
    check_catalogue,
    check_outcome,
    check_refusal,
    cycles,
    deep_nesting,
    dump,
    hostile_texts,
    run_cli,
    valid_texts,
)

from dscheck.catalogue import CatalogueError, load, loads
from dscheck.catalogue.loader import MAX_ALIASED, MAX_BYTES, MAX_DEPTH, MAX_HINTS, MAX_PROBLEMS
from dscheck.market.archive import EvidenceArchive

# derandomize: the same examples on every run and every machine, so a failure here is reproducible.
FAST = settings(
    derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
MARKET = EvidenceArchive(EVIDENCE)  # one archive for all examples: each file is read and checked once


@settings(FAST, max_examples=200)
@given(hostile_texts())
def test_hostile_text_ends_in_verdicts_or_placed_problems(text):
    check_outcome(text, MARKET)


@settings(FAST, max_examples=80)
@given(valid_texts())
def test_generated_catalogues_load_and_every_claim_gets_a_verdict(text):
    assert check_outcome(text, MARKET) == "loaded"


@settings(FAST, max_examples=100)
@given(st.binary(max_size=400))
def test_any_bytes_in_a_file(tmp_path, data):
    path = tmp_path / "claims.yaml"
    path.write_bytes(data)
    try:
        check_catalogue(load(path))
    except CatalogueError as exc:
        check_refusal(exc, data.decode("utf-8", "replace"), str(path))


@settings(FAST, max_examples=25)
@given(hostile_texts())
def test_through_the_command_line(tmp_path, text):
    (tmp_path / "claims.yaml").write_text(text, "utf-8", errors="surrogatepass")
    code, _, err = run_cli("validate", cwd=tmp_path)
    assert code in (0, 2), err
    loaded = code == 0
    offline = {"DSCHECK_OFFLINE": "1", "DSCHECK_CACHE_DIR": str(tmp_path / "cache")}  # no network, no real cache
    code, out, err = run_cli("verify", "--evidence", str(EVIDENCE), cwd=tmp_path, env=offline)
    assert "Traceback" not in out + err and "internal error" not in err, err
    if loaded:
        assert code in (0, 1), err  # verdicts (some may fail the run); the bundled evidence is whole
        assert "claims:" in out
    else:
        assert code == 2 and err.startswith("dscheck: invalid catalogue\nclaims.yaml:"), err


# Deep nesting crashed the interpreter (libyaml's composer recurses in C): run it where a crash is a
# failed assertion, not a dead test run.
@pytest.mark.parametrize(
    "text",
    ["[" * 100_000, "- " * 100_000 + "x\n", "{a: " * 50_000, "".join(" " * i + "k:\n" for i in range(2_000))],
    ids=["flow", "block-sequence", "flow-mapping", "indented"],
)
def test_deep_nesting_is_refused_not_a_crash(tmp_path, text):
    (tmp_path / "deep.yaml").write_text(text)
    done = subprocess.run(
        [sys.executable, "-m", "dscheck", "validate", "deep.yaml"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2, done.stderr
    assert f"the YAML is nested more than {MAX_DEPTH} levels deep" in done.stderr


@settings(FAST, max_examples=20)
@given(st.one_of(alias_bombs(), deep_nesting(), cycles()))
def test_bombs_nests_and_cycles(text):
    check_outcome(text)


def test_billion_laughs_stops_early():
    bomb = "dscheck: 1\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")
    )
    with pytest.raises(CatalogueError, match=r"too many values \(an alias expanding without end\?\)"):
        loads(bomb)


def test_merge_keys_cannot_multiply_a_small_file():
    # 10,000 keys merged through a chain of 600 mappings: 118 KB that PyYAML's own merge grew into 2.6 GB.
    base = "m0: &m0 {" + ", ".join(f"k{i}: 1" for i in range(10_000)) + "}\n"
    chain = "".join(f"m{j}: &m{j} {{<<: *m{j - 1}, x{j}: 1}}\n" for j in range(1, 600))
    with pytest.raises(CatalogueError) as caught:
        loads(base + chain)
    assert "too many values" in str(caught.value)
    many = "a: &a {k: 1}\nb: {<<: [" + ", ".join(["*a"] * (MAX_ALIASED + 1)) + "]}\n"
    with pytest.raises(CatalogueError, match="too many values"):
        loads(many)


def test_merge_keys_still_work_for_what_they_are_for():
    text = "dscheck: 1\narticles:\n  a: &paper {publisher: p, language: ko}\n  b: {<<: *paper, title: t}\nclaims: []\n"
    article = loads(text).articles["b"]
    assert (article.publisher, article.language, article.title) == ("p", "ko", "t")
    twice = "dscheck: 1\narticles:\n  a: &paper {publisher: p}\n  b: {<<: *paper, publisher: q}\nclaims: []\n"
    with pytest.raises(CatalogueError, match='duplicate key "publisher"'):
        loads(twice)  # a field is written once, merged or not


def test_no_yaml_tag_builds_an_object(tmp_path):
    flag = tmp_path / "pwned"
    for text in (
        f"!!python/object/apply:os.system ['touch {flag}']\n",
        f"dscheck: 1\nclaims: !!python/object/apply:os.system ['touch {flag}']\n",
        f"dscheck: !!python/object/new:os.system ['touch {flag}']\nclaims: []\n",
        "dscheck: 1\nclaims: []\nx: !!python/name:os.system\n",
    ):
        with pytest.raises(CatalogueError, match="unsupported YAML tag"):
            loads(text)
    assert not flag.exists()


CLAIM = "dscheck: 1\narticles: {{a: {{}}}}\nclaims:\n  - {{id: x, article: a, quote: q, subject: NVDA, date: 2025-01-27, {}}}\n"


@pytest.mark.parametrize(
    "fields, message",
    [
        ("metric: level, value: 1" + "0" * 400, 'value must be a finite number, not "1000000000'),
        ("metric: level, value: -.inf", 'value must be a finite number, not "-.inf"'),
        ("metric: level, value: 1, tolerance: 1" + "0" * 400, "tolerance must be a finite number"),
        ("metric: level, value: 1, tolerance: .inf", "tolerance must be a finite number"),
        ("metric: direction, value: up, min_pct: 1" + "0" * 400, "min_pct must be a finite number"),
        ("metric: direction, value: up, min_pct: .nan", "min_pct must be a finite number"),
        ("metric: volume_ratio, value: 2, window: 1" + "0" * 400, '"window" must be at most 1000'),
    ],
)
def test_numbers_too_big_for_a_float(fields, message):
    with pytest.raises(CatalogueError) as caught:
        loads(CLAIM.format(fields))
    assert message in str(caught.value)


def test_a_window_written_as_a_float_is_a_whole_number():
    claim = loads(CLAIM.format("metric: volume_ratio, value: 2, window: 20.0")).claims[0]
    assert claim.window == 20 and isinstance(claim.window, int)


def test_direction_without_value_is_one_problem():
    with pytest.raises(CatalogueError) as caught:
        loads(CLAIM.format("metric: direction"))
    assert [p.message for p in caught.value.problems] == [
        'missing field "value" (a market claim needs subject, metric, value and date)'
    ]


@pytest.mark.parametrize("escape", ["\\e[31m", "\\r", "\\x07", "\\0", "\\N", "\\u009b"])
@pytest.mark.parametrize("field", ["quote", "gloss", "reason", "tags"])
def test_control_characters_cannot_reach_a_terminal(escape, field):
    fields = {"id": "x", "article": "a", "quote": "q", "kind": "external", "reason": "r"}
    fields[field] = f'["a{escape}"]' if field == "tags" else f'"a{escape}"'
    claim = ", ".join(f"{key}: {value}" for key, value in fields.items())
    with pytest.raises(CatalogueError, match=r"text may not hold control characters \(U\+00[0-9A-F]{2} here\)"):
        loads(f"dscheck: 1\narticles: {{a: {{}}}}\nclaims:\n  - {{{claim}}}\n")


def test_tab_and_newline_stay_allowed_in_text():
    text = 'dscheck: 1\narticles: {a: {title: "x\\ty"}}\nclaims:\n  - {id: x, article: a, quote: "line one\\nline two", kind: external, reason: r}\n'
    assert loads(text).claims[0].quote == "line one\nline two"


def test_values_are_quoted_escaped_in_messages():
    text = 'dscheck: 1\ntimezone: "Mars\\e]0;owned\\a\\u202e"\nclaims: []\n'
    with pytest.raises(CatalogueError) as caught:
        loads(text)
    (problem,) = caught.value.problems
    assert problem.message == 'unknown time zone "Mars\\x1b]0;owned\\x07\\u202e"; use an IANA name such as America/New_York'
    assert problem.message.isprintable()


def test_a_long_value_is_cut_short_in_messages():
    with pytest.raises(CatalogueError) as caught:
        loads("dscheck: 1\ntimezone: " + "x" * 100_000 + "\nclaims: []\n")
    assert len(caught.value.problems[0].message) <= 400


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "claims.yaml"
    claim = "  - {id: c, article: a, quote: q, subject: NVDA, metric: level, value: 1, date: 2025-01-27}\n"
    with path.open("w") as handle:
        handle.write("dscheck: 1\narticles: {a: {}}\nclaims:\n")
        handle.write(claim * (50 * 1024 * 1024 // len(claim)))
    size = path.stat().st_size
    assert size > 50_000_000
    with pytest.raises(CatalogueError) as caught:
        load(path)
    assert str(caught.value) == f"{path}:1:1: the file is {size:,} bytes; a catalogue may be at most {MAX_BYTES:,} bytes (32 MiB)"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_an_endless_file_is_refused():
    with pytest.raises(CatalogueError, match=r"/dev/zero:1:1: the file holds more than 33,554,432 bytes"):
        load("/dev/zero")


def test_problems_stop_at_a_hundred():
    claims = "".join(f"  - {{id: c{i}, article: art-{i}-x, quote: q, kind: external, reason: r}}\n" for i in range(2_000))
    articles = "".join(f"  art-{i}: {{}}\n" for i in range(2_000))
    with pytest.raises(CatalogueError) as caught:
        loads(f"dscheck: 1\narticles:\n{articles}claims:\n{claims}")
    problems = caught.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].message == f"stopped after {MAX_PROBLEMS} problems; fix these and run again"
    # "did you mean" scans every article id: only the first few problems pay for it
    hinted = [p for p in problems if "did you mean" in p.message]
    assert len(hinted) == MAX_HINTS
    assert all(p.message.startswith('unknown article "art-') for p in problems[:-1])


@pytest.mark.parametrize("symbol", ["..", ".", "-x", "=X", "a/b", "../etc", "a?b=c", "a#b", "a b", "%2e%2e", "a\\\\b", "A" * 21, ""])
def test_symbols_that_could_leave_a_url_path_or_folder_are_refused(symbol):
    with pytest.raises(CatalogueError, match="a Yahoo Finance symbol"):
        loads(CLAIM.format(f'metric: level, value: 1, subject: "{symbol}"').replace("subject: NVDA, ", ""))


@pytest.mark.parametrize("symbol", ["NVDA", "^IXIC", "JPY=X", "000660.KS", "BTC-USD", "ES=F", "BRK-B", "^KS11", "DGS10"])
def test_real_symbols_are_accepted(symbol):
    text = CLAIM.format(f'metric: level, value: 1, subject: "{symbol}"').replace("subject: NVDA, ", "")
    assert loads(text).claims[0].subject == symbol


def test_the_seed_catalogue_still_loads():
    catalogue = load(REPO / "claims.yaml")
    assert catalogue.claims
    text = dump({"dscheck": 1, "claims": []})
    assert check_outcome(text) == "loaded"
