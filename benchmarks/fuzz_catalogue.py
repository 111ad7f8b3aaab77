"""Fuzz the catalogue loader at length: 10,000+ hostile catalogues, and a sample through the command line.

    python benchmarks/fuzz_catalogue.py [--examples 10000] [--cli 300] [--processes 20] [--seed 7]

The inputs are tests/robust_inputs.py's strategies (mutated catalogues, spliced YAML syntax, junk text and
bytes, alias bombs, deep nesting, cycles). Each one must end in a catalogue whose every claim gets a
verdict from the bundled evidence, or in problems that each name a line and column inside the text:
anything else is a failure. Prints one line per kind of run (examples, how they ended, failures, the
slowest example) and the peak memory of the whole run; exits 1 if anything failed.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
for folder in (REPO, REPO / "tests"):
    if str(folder) not in sys.path:  # run as a script from a fresh clone, before or without `pip install -e`
        sys.path.insert(0, str(folder))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from robust_inputs import EVIDENCE, check_catalogue, check_outcome, check_refusal, hostile_texts, run_cli  # noqa: E402

from dscheck.catalogue import CatalogueError, load  # noqa: E402
from dscheck.market.archive import EvidenceArchive  # noqa: E402


@dataclass
class Tally:
    name: str
    outcomes: dict[str, int] = field(default_factory=dict)
    failures: list[tuple[str, str]] = field(default_factory=list)
    slowest: tuple[float, str] = (0.0, "")
    started: float = field(default_factory=time.perf_counter)

    def run(self, text: str, check) -> None:
        began = time.perf_counter()
        try:
            outcome = check()
        except Exception as exc:  # noqa: BLE001 - every way of failing is counted and shown
            outcome = "failed"
            self.failures.append((text, f"{type(exc).__name__}: {exc}"))
        spent = time.perf_counter() - began
        if spent > self.slowest[0]:
            self.slowest = (spent, text)
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1

    @property
    def examples(self) -> int:
        return sum(self.outcomes.values())

    def line(self) -> str:
        ended = ", ".join(f"{count} {outcome}" for outcome, count in sorted(self.outcomes.items()))
        return (
            f"{self.name:<28} {self.examples:>7,} examples  {len(self.failures):>3} failures  ({ended}); "
            f"slowest {self.slowest[0]:.2f} s, all {time.perf_counter() - self.started:.0f} s"
        )


def fuzz(strategy, examples: int, rng_seed: int, body) -> None:
    """Draw `examples` inputs from `strategy` and hand each to `body`, which must not raise."""

    @seed(rng_seed)
    @settings(max_examples=examples, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def run(value):
        body(value)

    run()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=10_000, help="hostile texts through dscheck.catalogue.loads")
    parser.add_argument("--bytes", type=int, default=2_000, help="random bytes through dscheck.catalogue.load")
    parser.add_argument("--cli", type=int, default=300, help="hostile texts through the command line, in process")
    parser.add_argument("--processes", type=int, default=20, help="hostile texts through `python -m dscheck`")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    market = EvidenceArchive(EVIDENCE)
    tallies = []
    work = Path(tempfile.mkdtemp(prefix="dscheck-fuzz-"))

    tally = Tally("loads + verify")
    fuzz(hostile_texts(), args.examples, args.seed, lambda text: tally.run(text, lambda: check_outcome(text, market)))
    tallies.append(tally)
    print(tally.line(), flush=True)

    raw = Tally("load (bytes in a file)")
    path = work / "claims.yaml"

    def from_file(data: bytes) -> str:
        path.write_bytes(data)
        try:
            check_catalogue(load(path))
            return "loaded"
        except CatalogueError as exc:
            check_refusal(exc, data.decode("utf-8", "replace"), str(path))
            return "refused"

    fuzz(st.binary(max_size=2_000), args.bytes, args.seed, lambda data: raw.run(repr(data), lambda: from_file(data)))
    tallies.append(raw)
    print(raw.line(), flush=True)

    cli = Tally("dscheck validate + verify")
    offline = {"DSCHECK_OFFLINE": "1", "DSCHECK_CACHE_DIR": str(work / "cache")}

    def through_cli(text: str) -> str:
        path.write_text(text, "utf-8", errors="surrogatepass")
        valid, _, err = run_cli("validate", "claims.yaml", cwd=work)
        code, out, err = run_cli("verify", "--evidence", str(EVIDENCE), cwd=work, env=offline)
        if "internal error" in err:
            raise AssertionError(err)
        if valid == 0 and code not in (0, 1):
            raise AssertionError(f"valid catalogue, verify exited {code}: {err}")
        if valid != 0 and (valid, code) != (2, 2):
            raise AssertionError(f"validate exited {valid}, verify {code}: {err}")
        return "verified" if valid == 0 else "refused"

    fuzz(hostile_texts(), args.cli, args.seed + 1, lambda text: cli.run(text, lambda: through_cli(text)))
    tallies.append(cli)
    print(cli.line(), flush=True)

    spawned = Tally("python -m dscheck validate")

    def in_a_process(text: str) -> str:
        path.write_text(text, "utf-8", errors="surrogatepass")
        done = subprocess.run([sys.executable, "-m", "dscheck", "validate", "claims.yaml"], cwd=work,
                              capture_output=True, text=True, timeout=120)
        if done.returncode not in (0, 2) or "Traceback" in done.stderr:
            raise AssertionError(f"exit {done.returncode}: {done.stderr[-500:]}")
        return "valid" if done.returncode == 0 else "refused"

    fuzz(hostile_texts(), args.processes, args.seed + 2, lambda text: spawned.run(text, lambda: in_a_process(text)))
    tallies.append(spawned)
    print(spawned.line(), flush=True)

    total = sum(t.examples for t in tallies)
    failed = sum(len(t.failures) for t in tallies)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    print(f"{'all':<28} {total:>7,} examples  {failed:>3} failures; peak memory {peak:,.0f} MB")
    for tally in tallies:
        for text, why in tally.failures[:5]:
            print(f"\n{tally.name} failed: {why}\n  input: {text[:300]!r}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
