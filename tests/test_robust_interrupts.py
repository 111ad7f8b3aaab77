"""Interrupted and concurrent runs: an archive is whole before and after, whatever happens in between.

Several dscheck processes import into one archive at once and every import lands; a reader never takes
an import in progress for damage; Ctrl-C (a real SIGINT) during an import or a fetch exits 130 and
leaves the archive byte for byte as it was; reports written side by side are each whole.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from robust_inputs import REPO, run_cli

from dscheck.catalogue import load
from dscheck.files import locked, stage
from dscheck.market import archive
from dscheck.market.archive import EvidenceArchive, read_manifest
from dscheck.market.cache import Cache
from dscheck.market.interface import Series, Unavailable


def csv_bars(start: str, days: int, base: float) -> str:
    """Daily bars as an export has them: one row a weekday."""
    rows = ["date,open,high,low,close,volume"]
    day = dt.date.fromisoformat(start)
    while len(rows) <= days:
        if day.weekday() < 5:
            price = base + len(rows) * 0.25
            rows.append(f"{day},{price},{price + 1},{price - 1},{price + 0.5},{1000 + len(rows)}")
        day += dt.timedelta(days=1)
    return "\n".join(rows) + "\n"


def source_folder(root: Path, symbol: str, days: int = 300, base: float = 100.0) -> Path:
    folder = root / f"csv-{symbol}-{base}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{symbol}.1d.csv").write_text(csv_bars("2024-01-02", days, base))
    return folder


def dscheck(*args: str, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "dscheck", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "NO_COLOR": "1", "DSCHECK_OFFLINE": "1", "DSCHECK_CACHE_DIR": str(cwd / "cache")},
    )


def finish(process: subprocess.Popen) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=300)
    assert "Traceback" not in out + err, err
    return process.returncode, out, err


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` and its bytes (the lock file aside: it holds nothing)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".lock"}


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob(".*") if p.name != ".lock"]


def test_parallel_imports_into_one_archive_all_land(tmp_path):
    # Before the archive's lock, each import read the manifest, added its files and wrote it back: with 8 at
    # once, 5 to 7 of 8 entries survived. Now every one must.
    symbols = [f"T{i}" for i in range(8)]
    folders = [source_folder(tmp_path, s) for s in symbols]
    runs = [
        dscheck("evidence", "import", str(f), "--into", "archive", "--calendar", f"{s}=none", cwd=tmp_path)
        for s, f in zip(symbols, folders)
    ]
    for run in runs:
        code, out, err = finish(run)
        assert code == 0, err
    manifest = read_manifest(tmp_path / "archive")
    assert sorted(manifest) == sorted(archive.file_name(s, "1d") for s in symbols)
    assert EvidenceArchive(tmp_path / "archive").check() == []
    assert leftovers(tmp_path / "archive") == []


def test_checks_during_imports_never_see_damage(tmp_path):
    # Re-imports replace a file whose content changes each time, while `evidence check` runs beside them:
    # a check must never report a replaced file against the manifest it read before the import finished.
    first = source_folder(tmp_path, "T0", base=100.0)
    assert finish(dscheck("evidence", "import", str(first), "--into", "archive", "--calendar", "T0=none", cwd=tmp_path))[0] == 0
    versions = [source_folder(tmp_path, "T0", days=300 + i, base=100.0 + i) for i in range(1, 5)]
    imports = [
        dscheck("evidence", "import", str(v), "--into", "archive", "--calendar", "T0=none", cwd=tmp_path) for v in versions
    ]
    checks = [dscheck("evidence", "check", "archive", cwd=tmp_path) for _ in range(6)]
    for run in imports + checks:
        code, out, err = finish(run)
        assert code == 0, err
    assert EvidenceArchive(tmp_path / "archive").check() == []


def two_versions(tmp_path: Path) -> tuple[Path, tuple[archive.Entry, bytes], tuple[archive.Entry, bytes]]:
    """An archive holding version 1 of T0's bars, and the (entry, data) of versions 1 and 2."""
    from dscheck.market.importer import import_folder

    root = tmp_path / "archive"
    import_folder(source_folder(tmp_path, "T0", base=100.0), root, source="v1", adjustment="none", calendars={"T0": "none"})
    one = read_manifest(root)["bars/T0.1d.csv"], (root / "bars/T0.1d.csv").read_bytes()
    staging = tmp_path / "staging"
    import_folder(source_folder(tmp_path, "T0", base=200.0), staging, source="v2", adjustment="none", calendars={"T0": "none"})
    two = read_manifest(staging)["bars/T0.1d.csv"], (staging / "bars/T0.1d.csv").read_bytes()
    return root, one, two


def test_a_reader_with_a_stale_manifest_takes_the_new_file_not_damage(tmp_path):
    root, _, two = two_versions(tmp_path)
    reader = EvidenceArchive(root)
    assert reader.manifest["bars/T0.1d.csv"].source == "v1"  # read before the import below
    archive.write(root, [two])
    series = reader.series("T0", "1d")
    assert isinstance(series, Series), series
    assert series.bars[0].close == 200.0 + 0.25 + 0.5 and "v2" in series.source


class Waiting(EvidenceArchive):
    """An archive reader that says when it starts waiting for an import to finish."""

    def __init__(self, root: Path):
        super().__init__(root)
        self.waiting = threading.Event()

    def _settled(self, name: str):
        self.waiting.set()
        return super()._settled(name)


def test_a_reader_waits_for_an_import_caught_halfway(tmp_path):
    root, _, (entry, data) = two_versions(tmp_path)
    reader = Waiting(root)
    reader.manifest  # the old manifest, read before the import
    answer: list = []
    with locked(root):  # an import holding the lock, its new file in place, its manifest not yet
        os.replace(stage(root / entry.file, data), root / entry.file)
        thread = threading.Thread(target=lambda: answer.append(reader.series("T0", "1d")))
        thread.start()
        assert reader.waiting.wait(60), "the reader never noticed the file had changed"
        document = json.loads((root / "manifest.json").read_text())
        document["files"][entry.file] = entry.to_json()
        os.replace(stage(root / "manifest.json", json.dumps(document).encode()), root / "manifest.json")
    thread.join(60)
    assert answer and isinstance(answer[0], Series), answer
    assert "v2" in answer[0].source


def test_a_real_change_is_still_damage_after_looking_again(tmp_path):
    root, _, _ = two_versions(tmp_path)
    (root / "bars/T0.1d.csv").write_bytes((root / "bars/T0.1d.csv").read_bytes()[:-10])
    reader = Waiting(root)
    answer = reader.series("T0", "1d")
    assert reader.waiting.is_set()
    assert isinstance(answer, Unavailable) and answer.damaged and "does not match its manifest checksum" in answer.reason


def test_ctrl_c_while_committing_is_held_until_the_archive_is_whole(tmp_path, monkeypatch):
    root, _, two = two_versions(tmp_path)
    real_replace = os.replace
    renamed: list[str] = []

    def replace_then_interrupt(src, dst):
        if not renamed:
            signal.raise_signal(signal.SIGINT)  # Ctrl-C after the first rename, before the manifest
        renamed.append(str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(archive.os, "replace", replace_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        archive.write(root, [two])
    monkeypatch.undo()
    assert renamed[-1].endswith("manifest.json")  # every rename ran, the manifest last
    assert read_manifest(root)["bars/T0.1d.csv"].source == "v2"
    assert EvidenceArchive(root).check() == [] and leftovers(root) == []


def test_ctrl_c_while_staging_leaves_the_archive_as_it_was(tmp_path, monkeypatch):
    root, _, (entry, data) = two_versions(tmp_path)
    before = snapshot(root)
    real_stage = archive.stage
    calls: list[Path] = []

    def stage_then_interrupt(path, data):
        staged = real_stage(path, data)
        calls.append(staged)
        signal.raise_signal(signal.SIGINT)
        return staged

    monkeypatch.setattr(archive, "stage", stage_then_interrupt)
    other = archive.Entry(**{**entry.to_json(), "file": "bars/T1.1d.csv", "symbol": "T1", "covers": ()})
    with pytest.raises(KeyboardInterrupt):
        archive.write(root, [(entry, data), (other, data)])
    assert calls and not calls[0].exists()  # the staged file was removed
    assert snapshot(root) == before and leftovers(root) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a named pipe")
def test_ctrl_c_during_an_import_exits_130_and_changes_nothing(tmp_path):
    seed = source_folder(tmp_path, "T0")
    assert finish(dscheck("evidence", "import", str(seed), "--into", "archive", "--calendar", "T0=none", cwd=tmp_path))[0] == 0
    before = snapshot(tmp_path / "archive")
    folder = source_folder(tmp_path, "T1")
    (folder / "T1.1d.csv").write_text(csv_bars("2024-01-02", 400, 50.0))
    # The import reads files in name order and writes only once all are read; a named pipe as the last
    # file holds it there, mid-import, until the test has sent Ctrl-C.
    os.mkfifo(folder / "ZZ.1d.csv")
    run = dscheck("evidence", "import", str(folder), "--into", "archive", "--calendar", "T1=none", "--calendar", "ZZ=none", cwd=tmp_path)
    pipe = None
    while pipe is None:  # opening the pipe for writing succeeds once the import has opened it to read
        try:
            pipe = os.open(folder / "ZZ.1d.csv", os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            assert run.poll() is None, run.communicate()
            time.sleep(0.05)
    run.send_signal(signal.SIGINT)
    code, out, err = finish(run)
    os.close(pipe)
    assert code == 130 and err == "dscheck: interrupted\n"
    assert snapshot(tmp_path / "archive") == before and leftovers(tmp_path / "archive") == []


def test_reports_written_side_by_side_are_each_whole(tmp_path):
    shutil.copy(REPO / "claims.yaml", tmp_path / "claims.yaml")
    shutil.copytree(REPO / "evidence", tmp_path / "evidence", ignore=shutil.ignore_patterns(".lock"))
    runs = [dscheck("verify", "--format", "json", "--output", "report.json", cwd=tmp_path) for _ in range(4)]
    for run in runs:
        code, out, err = finish(run)
        assert code == 1, err  # the seed catalogue holds inaccurate claims
    report = json.loads((tmp_path / "report.json").read_text())
    assert [r["id"] for r in report["results"]] == [c.id for c in load(tmp_path / "claims.yaml").claims]
    assert not [name for name in leftovers(tmp_path) if name.startswith(".report.json")]


def test_ctrl_c_during_a_fetch_exits_130_and_leaves_the_archive_as_it_was(tmp_path):
    from fake_yahoo import NOW, FakeYahoo, running

    class Interrupting(FakeYahoo):
        """Answers the first chart request, then Ctrl-C reaches dscheck while it is fetching."""

        def _chart(self, seen):
            answer = super()._chart(seen)
            if len(self.charts) == 2:
                os.kill(os.getpid(), signal.SIGINT)
            return answer

    fake = Interrupting(NOW)
    with running(fake) as live:
        root = tmp_path / "ev"
        seed = source_folder(tmp_path, "NVDA")
        assert run_cli("evidence", "import", str(seed), "--into", str(root), cwd=tmp_path)[0] == 0
        before = snapshot(root)
        claims = tmp_path / "claims.yaml"
        claims.write_text(
            "dscheck: 1\narticles: {a: {}}\nclaims:\n"
            + "".join(
                f"  - {{id: c{i}, article: a, quote: q, subject: {s}, metric: direction, value: down, date: 2025-01-27}}\n"
                for i, s in enumerate(["AAPL", "MSFT", "SPY", "QQQ", "META"])
            )
        )
        code, out, err = run_cli(
            "evidence", "fetch", str(claims), "--into", str(root), "--cache-dir", str(tmp_path / "cache"),
            cwd=tmp_path, obj=live.obj(),
        )
    assert code == 130 and err.endswith("dscheck: interrupted\n"), err
    assert len(fake.charts) >= 2  # it was interrupted mid-fetch, not before
    assert snapshot(root) == before and leftovers(root) == []
    cache = Cache(tmp_path / "cache")
    for path in (tmp_path / "cache" / "bars").glob("*.json"):  # what the cache kept is whole (or raises)
        assert cache._read(path) is not None
