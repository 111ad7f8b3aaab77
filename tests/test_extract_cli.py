"""`dscheck extract` and `dscheck extract-score` as a user runs them: valid catalogues out, clean errors, honest scores."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ARTICLES = Path(__file__).parent / "extract_articles"
SEEDS = REPO.parent / "shared" / "seeds"
SEED_DATES = {"000_e40a20232a5721d9.txt": "2025-01-27", "002_3a20c9c0fc07bcd5.txt": "2025-01-30"}


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "-m", "dscheck", *args], cwd=cwd, capture_output=True, text=True, timeout=300,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "COLUMNS": "160", "HOME": str(cwd)},
    )
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    return done


@pytest.mark.parametrize(
    "name, day, count",
    [("en_rebound_2025-01-28.txt", "2025-01-28", 15), ("ko_tariff_2025-02-03.txt", "2025-02-03", 8)],
)
def test_extract_prints_a_catalogue_that_validate_accepts(tmp_path, name, day, count):
    done = run("extract", str(ARTICLES / name), "--date", day)
    assert done.returncode == 0, done.stderr
    (tmp_path / "drafts.yaml").write_text(done.stdout)
    checked = run("validate", str(tmp_path / "drafts.yaml"))
    assert checked.returncode == 0, checked.stderr
    assert f"valid, {count} claims ({count} market, 0 external)" in checked.stdout


def test_extract_into_adds_to_a_catalogue_and_validate_still_accepts_it(tmp_path):
    target = tmp_path / "claims.yaml"
    first = run("extract", str(ARTICLES / "en_rebound_2025-01-28.txt"), "--date", "2025-01-28", "--into", str(target))
    second = run(
        "extract", str(ARTICLES / "ko_tariff_2025-02-03.txt"), "--date", "2025-02-03", "--into", str(target), "--article-id", "kospi",
    )
    assert (first.returncode, second.returncode) == (0, 0), first.stderr + second.stderr
    assert "added 8 draft claims and 1 commented-out numbers" in second.stdout
    checked = run("validate", str(target))
    assert "valid, 23 claims (23 market, 0 external)" in checked.stdout
    assert "  kospi:\n" in target.read_text()


def test_extract_into_leaves_an_invalid_catalogue_untouched(tmp_path):
    target = tmp_path / "claims.yaml"
    target.write_text("dscheck: 1\nclaims:\n  - id: x\n")
    done = run("extract", str(ARTICLES / "en_rebound_2025-01-28.txt"), "--date", "2025-01-28", "--into", str(target))
    assert done.returncode == 2 and "not a valid catalogue as it stands" in done.stderr
    assert target.read_text() == "dscheck: 1\nclaims:\n  - id: x\n"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--date", "27 Jan"], '--date: "27 Jan" is not a date written YYYY-MM-DD'),
        (["--article-id", "Bad Id"], '--article-id: "Bad Id" must be lowercase letters, digits and hyphens'),
        (["--instruments", "missing.yaml"], "missing.yaml: no such instruments file"),
    ],
)
def test_extract_usage_errors_exit_2_with_one_message(args, message):
    done = run("extract", str(ARTICLES / "en_rebound_2025-01-28.txt"), *args)
    assert done.returncode == 2 and message in done.stderr


def test_extract_of_a_missing_article_exits_2():
    done = run("extract", "no-such-article.txt", "--date", "2025-01-28")
    assert done.returncode == 2 and "no-such-article.txt: cannot read it" in done.stderr


def test_extract_with_a_users_instruments(tmp_path):
    (tmp_path / "mine.yaml").write_text("instruments:\n  RGTI:\n    kind: stock\n    names: [Rigetti]\n")
    (tmp_path / "a.txt").write_text("Rigetti jumped 12% on Monday.")
    done = run("extract", str(tmp_path / "a.txt"), "--date", "2025-01-27", "--instruments", str(tmp_path / "mine.yaml"))
    assert done.returncode == 0 and 'subject: "RGTI"' in done.stdout and "value: 12" in done.stdout


CURATED = """\
dscheck: 1
articles:
  one:
    published: "2025-01-28"
    source: one.txt
claims:
  - {id: a, article: one, quote: "Nvidia jumped 8.9%", subject: NVDA, metric: change_pct, value: 8.9, date: 2025-01-28}
  - {id: b, article: one, quote: "Oracle gained nearly 4%", subject: ORCL, metric: change_pct, value: 4, qualifier: nearly, date: 2025-01-28}
  - {id: c, article: one, quote: "Apple rose", subject: AAPL, metric: direction, value: up, date: 2025-01-28}
  - {id: d, article: one, quote: "a cost", kind: external, reason: "not a price"}
"""


def test_extract_score_counts_matches_on_every_field(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "one.txt").write_text("Nvidia jumped 8.9%. Oracle gained 4%. Tesla fell 2%.")
    (tmp_path / "claims.yaml").write_text(CURATED)
    done = run("extract-score", str(tmp_path / "articles"), str(tmp_path / "claims.yaml"))
    assert done.returncode == 0, done.stderr
    # Oracle's qualifier differs (none written against "nearly"), so only Nvidia matches.
    assert "market claims: 3 curated, 3 drafted, 1 matched: recall 0.33, precision 0.33" in done.stdout
    assert "  b: ORCL change_pct 4.0 nearly 2025-01-28" in done.stdout
    assert "  tsla-pct: TSLA change_pct -2.0 2025-01-28" in done.stdout
    failing = run("extract-score", str(tmp_path / "articles"), str(tmp_path / "claims.yaml"), "--min-recall", "0.5")
    assert failing.returncode == 1


def test_extract_score_asks_for_a_date_the_catalogue_does_not_give(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "one.txt").write_text("Nvidia jumped 8.9%.")
    (tmp_path / "claims.yaml").write_text(CURATED.replace('"2025-01-28"', '"2025-01"'))
    done = run("extract-score", str(tmp_path / "articles"), str(tmp_path / "claims.yaml"))
    assert done.returncode == 2 and "pass --date one.txt=YYYY-MM-DD" in done.stderr
    dated = run("extract-score", str(tmp_path / "articles"), str(tmp_path / "claims.yaml"), "--date", "one.txt=2025-01-28")
    assert dated.returncode == 0 and "recall 0.33, precision 1.00" in dated.stdout


# --- the seed articles (read from ../shared/seeds; CI has it beside the clone) --------------------

needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir() or not (REPO / "claims.yaml").is_file(),
    reason="the seed articles (../shared/seeds) or the curated claims.yaml are not here",
)


@needs_seeds
def test_the_score_over_the_seed_articles():
    import datetime as dt

    from dscheck.extract import load_instruments
    from dscheck.extract.score import score

    result = score(SEEDS, REPO / "claims.yaml", load_instruments(), {k: dt.date.fromisoformat(v) for k, v in SEED_DATES.items()})
    assert result.expected >= 40
    # Measured 0.95 and 0.93 (40 of 42, 43 drafts); see the README. Recall's floor is the 0.9 aimed for; both catch a regression.
    assert result.recall >= 0.9, f"recall {result.recall:.2f}"
    assert result.precision >= 0.9, f"precision {result.precision:.2f}"


@needs_seeds
@pytest.mark.parametrize("name", sorted(SEED_DATES))
def test_each_seed_draft_validates_and_verify_runs_on_it(tmp_path, name):
    done = run("extract", str(SEEDS / name), "--date", SEED_DATES[name])
    assert done.returncode == 0, done.stderr
    (tmp_path / "claims.yaml").write_text(done.stdout)
    assert run("validate", str(tmp_path / "claims.yaml")).returncode == 0
    shutil.copytree(REPO / "evidence", tmp_path / "evidence")
    verified = run("verify", "claims.yaml", "--offline", cwd=tmp_path)
    assert verified.returncode in (0, 1), verified.stderr  # claims may fail; the run itself must not break
    ids = [line.split("id:", 1)[1].strip() for line in done.stdout.splitlines() if line.startswith("  - id:")]
    assert ids and all(i in verified.stdout for i in ids)


def test_the_extract_stage_imports_neither_the_command_line_nor_pandas():
    code = (
        "import sys, datetime as dt\n"
        "from dscheck.extract import extract, load_instruments, render\n"
        "r = extract('엔비디아는 11.5% 하락했다. Nvidia fell 3% at 10 a.m. ET.', dt.date(2025, 1, 27), load_instruments())\n"
        "render(r, article_id='a', article_date=dt.date(2025, 1, 27), source='a.txt')\n"
        "print(sorted(m for m in ('typer', 'rich', 'click', 'pandas', 'exchange_calendars') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
