"""Every benchmark of issue 6 in one command, printed as a table of figure, target, baseline and ratio.

    python benchmarks/run.py              # start-up, 10k and 100k claims, the live path's requests
    python benchmarks/run.py --million    # also 1,000,000 claims (minutes, and a few GB of memory)
    python benchmarks/run.py --runs 31    # more repeats for steadier medians on a busy machine

Start-up figures are medians of wall times over repeated runs, each command run in turn with the baseline
(`python -c "import typer, rich, yaml"`) in the same rounds, so both see the same machine. Scale figures run
`dscheck verify` on synthetic catalogues from generate.py over the bundled evidence, in fresh processes, and
read each one's peak memory from the kernel (wait4). The live figure runs verify against the fake Yahoo
server of the test suite and counts its chart requests. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
EVIDENCE = REPO / "evidence"
BASELINE = 'python -c "import typer, rich, yaml"'


@dataclass(frozen=True)
class Sample:
    wall: float  # seconds
    peak: float  # peak resident memory, MB
    code: int


@dataclass(frozen=True)
class Row:
    figure: str
    target: str
    baseline: str
    measured: str
    ratio: float
    limit: float  # the ratio may be at most this

    @property
    def met(self) -> bool:
        return self.ratio <= self.limit


def dscheck() -> list[str]:
    """The installed command (its console script beside this interpreter), else `python -m dscheck`."""
    script = Path(sys.executable).with_name("dscheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "dscheck"]


def measure(command: list[str], cwd: Path, env: dict[str, str]) -> Sample:
    """One run in a fresh process: wall time, and its own peak memory (not the benchmark's)."""
    started = time.perf_counter()
    with open(cwd / "stderr.txt", "wb") as err:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here; Popen must not wait again
    return Sample(wall, usage.ru_maxrss / 1024, process.returncode)


def checked(sample: Sample, allowed: tuple[int, ...], what: str, cwd: Path) -> Sample:
    if sample.code not in allowed:
        sys.exit(f"{what} exited {sample.code}:\n{(cwd / 'stderr.txt').read_text('utf-8', 'replace')[-2000:]}")
    return sample


def environment(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    # As a user's Python does: compile each module once and reuse the bytecode (the untimed first run writes it).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(DSCHECK_OFFLINE="1", DSCHECK_CACHE_DIR=str(work / "cache"), NO_COLOR="1", COLUMNS="120")
    return env


# Start-up ------------------------------------------------------------------------------------------


def startup(work: Path, runs: int) -> list[Row]:
    shutil.copy(REPO / "claims.yaml", work / "claims.yaml")
    env = environment(work)
    cli = dscheck()
    commands = {
        "baseline": ([sys.executable, "-c", "import typer, rich, yaml"], (0,)),
        "dscheck --help": ([*cli, "--help"], (0,)),
        "dscheck validate claims.yaml": ([*cli, "validate", "claims.yaml"], (0,)),
        "dscheck verify claims.yaml (offline)": ([*cli, "verify", "claims.yaml", "--evidence", str(EVIDENCE)], (0, 1)),
    }
    walls: dict[str, list[float]] = {name: [] for name in commands}
    for name, (command, allowed) in commands.items():  # one untimed run each: warm the file cache
        checked(measure(command, work, env), allowed, name, work)
    for _ in range(runs):
        for name, (command, allowed) in commands.items():
            walls[name].append(checked(measure(command, work, env), allowed, name, work).wall)
    base = statistics.median(walls["baseline"])
    limits = {"dscheck --help": 1.5, "dscheck validate claims.yaml": 1.5, "dscheck verify claims.yaml (offline)": 2.0}
    rows = []
    for name, limit in limits.items():
        wall = statistics.median(walls[name])
        rows.append(Row(name, f"<= {limit:g}x baseline", f"{BASELINE} {base * 1000:.0f} ms", f"{wall * 1000:.0f} ms",
                        wall / base, limit))
    return rows


# Scale ---------------------------------------------------------------------------------------------

TIME_LIMIT = 10.0  # seconds for 100,000 claims
MEMORY_LIMIT = 500.0  # MB for 100,000 claims
GROWTH_LIMIT = 1.2  # per-claim cost at ten times the claims, over the per-claim cost at the smaller size


def catalogue(work: Path, count: int) -> Path:
    sys.path.insert(0, str(HERE))
    from generate import generate

    path = work / f"claims-{count}.yaml"
    if not path.exists():
        path.write_text(generate(count, EVIDENCE), "utf-8")
    return path


def verify_many(work: Path, count: int, runs: int, report: str) -> Sample:
    """`dscheck verify` on `count` synthetic claims, the verdicts written to a file: median wall and peak memory."""
    path = catalogue(work, count)
    command = [*dscheck(), "verify", path.name, "--evidence", str(EVIDENCE), "--quiet", "--output", report]
    samples = [checked(measure(command, work, environment(work)), (0, 1), f"verify {count}", work) for _ in range(runs)]
    written = (work / report).read_text("utf-8").count("\n")
    if written < count:  # real over toy: the report must hold every claim
        sys.exit(f"verify {count}: the report has {written} lines, fewer than the claims")
    return Sample(statistics.median(s.wall for s in samples), max(s.peak for s in samples), samples[0].code)


def library_many(work: Path, parts: int, runs: int) -> Sample:
    """Load and verify `parts` catalogues of 100,000 claims together in one process (library_run.py)."""
    paths = [catalogue_part(work, n) for n in range(parts)]
    command = [sys.executable, str(HERE / "library_run.py"), str(EVIDENCE), *map(str, paths)]
    samples = [checked(measure(command, work, environment(work)), (0,), f"library {parts}", work) for _ in range(runs)]
    return Sample(statistics.median(s.wall for s in samples), max(s.peak for s in samples), 0)


def catalogue_part(work: Path, part: int) -> Path:
    """The part-th file of 100,000 claims; a catalogue file may hold at most 32 MiB, so 1M claims are ten files."""
    sys.path.insert(0, str(HERE))
    from generate import generate

    path = work / f"claims-part{part}.yaml"
    if not path.exists():
        path.write_text(generate(100_000, EVIDENCE, first=part * 100_000), "utf-8")
    return path


def scale(work: Path, runs: int, million: bool) -> list[Row]:
    report = "verdicts.csv"
    small = verify_many(work, 10_000, runs, report)
    large = verify_many(work, 100_000, runs, report)
    rows = [
        Row("dscheck verify, 100,000 claims: wall time", f"<= {TIME_LIMIT:g} s", f"{TIME_LIMIT:g} s",
            f"{large.wall:.1f} s", large.wall / TIME_LIMIT, 1.0),
        Row("dscheck verify, 100,000 claims: peak memory", f"<= {MEMORY_LIMIT:g} MB", f"{MEMORY_LIMIT:g} MB",
            f"{large.peak:.0f} MB", large.peak / MEMORY_LIMIT, 1.0),
        Row("time per claim, 100k over 10k", f"<= {GROWTH_LIMIT:g} (linear)", f"10k: {small.wall:.1f} s",
            f"100k: {large.wall:.1f} s", (large.wall / 100_000) / (small.wall / 10_000), GROWTH_LIMIT),
    ]
    if million:
        one = library_many(work, 1, runs)
        ten = library_many(work, 10, 1)
        rows += [
            Row("load+verify per claim, 1M over 100k", f"<= {GROWTH_LIMIT:g} (linear)", f"100k: {one.wall:.1f} s",
                f"1M: {ten.wall:.1f} s, {ten.peak:.0f} MB", (ten.wall / 10) / one.wall, GROWTH_LIMIT),
            Row("peak memory per claim, 1M over 100k", f"<= {GROWTH_LIMIT:g} (linear)", f"100k: {one.peak:.0f} MB",
                f"1M: {ten.peak:.0f} MB", (ten.peak / 10) / one.peak, GROWTH_LIMIT),
        ]
    return rows


# Live path ----------------------------------------------------------------------------------------


def live(work: Path) -> list[Row]:
    """Chart requests to the fake Yahoo server (complete mode: no fallbacks) over the groups the plan makes."""
    rows = []
    for count in (0, 1_000, 10_000):
        path = REPO / "claims.yaml" if count == 0 else catalogue(work, count)
        name = "claims.yaml (66 claims)" if count == 0 else f"{count:,} synthetic claims"
        env = environment(work)
        env.pop("DSCHECK_OFFLINE")
        done = subprocess.run(
            [sys.executable, str(HERE / "live_requests.py"), str(path)],
            cwd=work, env=env, capture_output=True, text=True, timeout=1800,
        )
        try:
            found = json.loads(done.stdout.strip().splitlines()[-1])
        except (IndexError, json.JSONDecodeError):
            found = None
        if found is None:
            rows.append(Row(f"live path: chart requests, {name}", "= groups (1.00)", "-", "not run", float("inf"), 1.0))
            print(done.stderr[-2000:], file=sys.stderr)
            continue
        if done.returncode != 0:
            print(done.stderr[-2000:], file=sys.stderr)
        ratio = found["requests"] / max(found["groups"], 1)
        if done.returncode != 0 and ratio <= 1.0:
            # Fewer requests than groups (a group left unasked), a second run that asked again, or something
            # asked twice: missed, though the quotient alone would pass.
            ratio = float("inf")
        rows.append(Row(
            f"live path: chart requests, {name}", "= groups (1.00)",
            f"{found['groups']} groups", f"{found['requests']} requests", ratio, 1.0,
        ))
    return rows


# Table -------------------------------------------------------------------------------------------


def table(rows: list[Row]) -> str:
    head = ("figure", "target", "baseline", "measured", "ratio", "")
    body = [(r.figure, r.target, r.baseline, r.measured, f"{r.ratio:.2f}", "met" if r.met else "MISSED") for r in rows]
    widths = [max(len(line[i]) for line in (head, *body)) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip() for line in (head, *body)]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="repeats of each start-up command (median taken)")
    parser.add_argument("--scale-runs", type=int, default=3, help="repeats of each scale run (median taken)")
    parser.add_argument("--million", action="store_true", help="also verify 1,000,000 claims (slow)")
    parser.add_argument("--only", choices=("startup", "scale", "live"), action="append", help="run only these parts")
    args = parser.parse_args(argv)
    parts = args.only or ["startup", "scale", "live"]
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="dscheck-bench-") as folder:
        work = Path(folder)
        if "startup" in parts:
            rows += startup(work, args.runs)
        if "scale" in parts:
            rows += scale(work, args.scale_runs, args.million)
        if "live" in parts:
            rows += live(work)
    print(table(rows))
    print(f"\n{len(rows)} figures, {sum(r.met for r in rows)} met. Python {sys.version.split()[0]}, {os.cpu_count()} cores.")
    return 0 if all(r.met for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
