"""docs/bad-inputs.md is a test: every row's input is built here, run, and must show the row's text and exit code.

Each row of the table names a case (its first column). CASES holds, for each case, a function that builds
the input in a fresh folder and runs dscheck on it as a user would, from that folder. The test reads the
table, runs the case of every row, and checks that each `quoted` piece of the row's third column appears
in what dscheck printed, and that it exited with the row's code. A row without a case, or a case without
a row, fails too: the table and the tests cannot drift apart.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from robust_inputs import REPO, run_cli

TABLE = REPO / "docs" / "bad-inputs.md"
OFFLINE = {"DSCHECK_OFFLINE": "1"}  # no case reaches a network; each gets its own cache folder
Result = tuple[int, str, str]

HEAD = "dscheck: 1\narticles:\n  a: {title: An article}\nclaims:\n"
CLAIM = (
    "  - id: nvda-fell\n    article: a\n    quote: Nvidia fell 17%\n    subject: NVDA\n    metric: change_pct\n"
    "    value: -17\n    date: 2025-01-27\n"
)


def validate(folder: Path, text: str | bytes) -> Result:
    path = folder / "claims.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return run_cli("validate", "claims.yaml", cwd=folder)


def with_evidence(folder: Path) -> Path:
    shutil.copy(REPO / "claims.yaml", folder / "claims.yaml")
    shutil.copytree(REPO / "evidence", folder / "evidence", ignore=shutil.ignore_patterns(".lock"))
    return folder


def verify(folder: Path, *args: str) -> Result:
    return run_cli("verify", "-q", *args, cwd=folder, env={**OFFLINE, "DSCHECK_CACHE_DIR": str(folder / "cache")})


def check(folder: Path) -> Result:
    return run_cli("evidence", "check", "evidence", cwd=folder)


def manifest_edit(folder: Path, change) -> None:
    path = folder / "evidence" / "manifest.json"
    document = json.loads(path.read_text())
    change(document["files"]["bars/NVDA.1d.csv"], document)
    path.write_text(json.dumps(document, indent=2))


def csv_folder(folder: Path, rows: str) -> Path:
    source = folder / "csv"
    source.mkdir()
    (source / "ACME.1d.csv").write_text("date,open,high,low,close,volume\n" + rows)
    return source


def interrupted_import(folder: Path) -> Result:
    source = csv_folder(folder, "2025-01-27,1,2,0.5,1.5,100\n")
    # A named pipe last in the folder holds the import mid-way (every file is read before anything is
    # written), until Ctrl-C arrives.
    os.mkfifo(source / "ZZZ.1d.csv")
    run = subprocess.Popen(
        [sys.executable, "-m", "dscheck", "evidence", "import", "csv", "--into", "evidence", "--calendar", "ACME=none",
         "--calendar", "ZZZ=none"],
        cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "NO_COLOR": "1"},
    )
    pipe = None
    while pipe is None:
        try:
            pipe = os.open(source / "ZZZ.1d.csv", os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            assert run.poll() is None, run.communicate()
            time.sleep(0.05)
    run.send_signal(signal.SIGINT)
    out, err = run.communicate(timeout=120)
    os.close(pipe)
    assert not (folder / "evidence").exists()  # nothing was written
    return run.returncode, out, err


def fifty_megabytes(folder: Path) -> Result:
    path = folder / "claims.yaml"
    size = 50 * 1024 * 1024
    with path.open("w") as handle:
        handle.write(HEAD)
        line = CLAIM.replace("nvda-fell", "c")
        while handle.tell() + len(line) < size:
            handle.write(line)
        handle.write("#" * (size - handle.tell() - 1) + "\n")
    return run_cli("validate", "claims.yaml", cwd=folder)


def bomb() -> str:
    rows = ["dscheck: 1", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for previous, name in zip("abcdefgh", "bcdefghi"):
        rows.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(rows) + "\nclaims: []\n"


CASES = {
    # The catalogue file
    "no-such-file": lambda f: run_cli("validate", "claim.yaml", cwd=f),
    "a-folder": lambda f: (f / "claims").mkdir() or run_cli("validate", "claims", cwd=f),
    "empty-file": lambda f: validate(f, "# nothing yet\n"),
    "too-large": fifty_megabytes,
    "endless-file": lambda f: run_cli("validate", "/dev/zero", cwd=f),
    "not-utf8": lambda f: validate(f, (HEAD + CLAIM.replace("Nvidia fell", "Nvidia a chuté")).encode("latin-1")),
    "nul-byte": lambda f: validate(f, HEAD + CLAIM + "\x00\x00\x00\x00"),
    "control-character": lambda f: validate(f, HEAD + CLAIM.replace("fell 17%", "fell\x1b[31m 17%")),
    "not-yaml": lambda f: validate(f, "dscheck: 1\nclaims: [\n"),
    "tab-indent": lambda f: validate(f, HEAD + CLAIM.replace("    quote", "\tquote")),
    "not-a-mapping": lambda f: validate(f, "- dscheck: 1\n"),
    "two-documents": lambda f: validate(f, HEAD + CLAIM + "---\n" + HEAD + CLAIM),
    "deep-nesting": lambda f: validate(f, "[" * 100_000),
    "alias-bomb": lambda f: validate(f, bomb()),
    "alias-cycle": lambda f: validate(f, HEAD + "  - &c {id: x, article: a, quote: q, kind: external, reason: r, tags: [*c]}\n"),
    "python-tag": lambda f: validate(f, "dscheck: 1\nclaims: !!python/object/apply:os.system ['rm -rf ~']\n"),
    # The catalogue's content
    "wrong-version": lambda f: validate(f, HEAD.replace("dscheck: 1", "dscheck: 2") + CLAIM),
    "missing-field": lambda f: validate(f, HEAD + CLAIM.replace("    quote: Nvidia fell 17%\n", "")),
    "unknown-field": lambda f: validate(f, HEAD + CLAIM + "    tolerence: 0.5\n"),
    "wrong-type": lambda f: validate(f, HEAD.replace("claims:\n", "claims: all of them\n")),
    "duplicate-key": lambda f: validate(f, HEAD + CLAIM + "    value: -16\n"),
    "duplicate-id": lambda f: validate(f, HEAD + CLAIM + CLAIM),
    "not-a-number": lambda f: validate(f, HEAD + CLAIM.replace("value: -17", "value: seventeen")),
    "nan": lambda f: validate(f, HEAD + CLAIM.replace("value: -17", "value: .nan")),
    "infinity": lambda f: validate(f, HEAD + CLAIM.replace("value: -17", "value: -.inf")),
    "huge-number": lambda f: validate(f, HEAD + CLAIM.replace("value: -17", "value: -1" + "0" * 400)),
    "bad-date": lambda f: validate(f, HEAD + CLAIM.replace("2025-01-27", "2025-02-30")),
    "date-format": lambda f: validate(f, HEAD + CLAIM.replace("2025-01-27", "27/01/2025")),
    "bad-time": lambda f: validate(f, HEAD + CLAIM + '    time: "25:00"\n'),
    "unknown-time-zone": lambda f: validate(f, HEAD + CLAIM + "    timezone: America/NewYork\n"),
    "bad-symbol": lambda f: validate(f, HEAD + CLAIM.replace("subject: NVDA", "subject: ../../etc")),
    "unknown-article": lambda f: validate(f, HEAD + CLAIM.replace("article: a", "article: b")),
    "escape-sequence": lambda f: validate(f, HEAD + CLAIM.replace("quote: Nvidia fell 17%", 'quote: "Nvidia \\e[8mfell"')),
    "many-problems": lambda f: validate(f, HEAD + "".join(CLAIM.replace("nvda-fell", f"c{i}").replace("article: a", "article: b") for i in range(150))),
    # The command line
    "unknown-format": lambda f: with_evidence(f) and run_cli("verify", "--format", "pdf", cwd=f),
    "unknown-verdict": lambda f: with_evidence(f) and run_cli("verify", "--fail-on", "wrong", cwd=f),
    "unknown-option": lambda f: run_cli("verify", "--evidance", "evidence", cwd=f),
    # The evidence archive
    "no-archive": lambda f: with_evidence(f) and verify(f, "--evidence", "nowhere"),
    "changed-file": lambda f: with_evidence(f) and (f / "evidence/bars/NVDA.1d.csv").write_text(
        (f / "evidence/bars/NVDA.1d.csv").read_text().replace(",", ";", 1)) and verify(f),
    "truncated-file": lambda f: with_evidence(f) and (f / "evidence/bars/NVDA.1d.csv").write_bytes(
        (f / "evidence/bars/NVDA.1d.csv").read_bytes()[:1000]) and verify(f),
    "missing-file": lambda f: with_evidence(f) and (f / "evidence/bars/NVDA.1d.csv").unlink() or verify(f),
    "unlisted-file": lambda f: with_evidence(f) and manifest_edit(f, lambda e, d: d["files"].pop("bars/NVDA.1d.csv")) or verify(f),
    "check-changed-file": lambda f: with_evidence(f) and (f / "evidence/bars/NVDA.1d.csv").write_bytes(
        (f / "evidence/bars/NVDA.1d.csv").read_bytes()[:-1]) and check(f),
    "manifest-not-json": lambda f: with_evidence(f) and (f / "evidence/manifest.json").write_text("{") and verify(f),
    "manifest-wrong-format": lambda f: with_evidence(f) and (f / "evidence/manifest.json").write_text('{"files": {}}') and verify(f),
    "manifest-missing-key": lambda f: with_evidence(f) and manifest_edit(f, lambda e, d: e.pop("sha256")) or verify(f),
    "manifest-wrong-type": lambda f: with_evidence(f) and manifest_edit(f, lambda e, d: e.update(rows="many")) or verify(f),
    "manifest-outside-path": lambda f: with_evidence(f) and manifest_edit(f, lambda e, d: e.update(file="../../../etc/passwd")) or verify(f),
    "import-not-a-folder": lambda f: run_cli("evidence", "import", "nowhere", cwd=f),
    "import-bad-row": lambda f: csv_folder(f, "2025-01-27,1,2,0.5,1.5,100\n2025-01-28,1,2,0.5,lots,100\n") and run_cli(
        "evidence", "import", "csv", "--calendar", "ACME=none", cwd=f),
    "import-damaged-archive": lambda f: with_evidence(f) and (f / "evidence/manifest.json").write_text("[]") and csv_folder(
        f, "2025-01-27,1,2,0.5,1.5,100\n") and run_cli("evidence", "import", "csv", "--calendar", "ACME=none", cwd=f),
    # Interrupted runs
    "ctrl-c": interrupted_import,
}


def rows() -> list[tuple[str, list[str], int]]:
    """(case, the pieces the user must see, exit code) of every row of the table."""
    found = []
    for line in TABLE.read_text("utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if len(cells) != 4 or not cells[0].startswith("`"):
            continue
        case = cells[0].strip("`")
        pieces = [m.group(2).strip(" ") if m.group(2).startswith(" ") and m.group(2).endswith(" ") else m.group(2)
                  for m in re.finditer(r"(`+)(.+?)\1", cells[2])]
        found.append((case, pieces, int(cells[3])))
    return found


def test_every_row_has_a_case_and_every_case_a_row():
    listed = [case for case, _, _ in rows()]
    assert len(listed) == len(set(listed)), "a case is listed twice"
    assert sorted(listed) == sorted(CASES)


@pytest.mark.parametrize("case, pieces, code", rows(), ids=[r[0] for r in rows()])
def test_row(tmp_path, case, pieces, code):
    if case == "endless-file" and not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    if case == "ctrl-c" and not hasattr(os, "mkfifo"):
        pytest.skip("needs a named pipe")
    got, out, err = CASES[case](tmp_path)
    shown = out + err
    assert "Traceback" not in shown and "internal error" not in shown, shown
    assert pieces, f"row {case} quotes nothing the user sees"
    for piece in pieces:
        assert piece in shown, f"{case}: {piece!r} not in:\n{shown}"
    assert got == code, shown
