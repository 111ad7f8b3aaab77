"""Load several catalogues and verify all their claims together in one process: the 1,000,000-claim run.

    python benchmarks/library_run.py EVIDENCE part0.yaml part1.yaml ...

A catalogue file may hold at most 32 MiB, so a million claims come as ten files of 100,000, the way a desk
keeps a catalogue per year or per desk; this checks them at once through the library (load, then verify).
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from dscheck.catalogue import load  # noqa: E402
from dscheck.market.archive import EvidenceArchive  # noqa: E402
from dscheck.verdicts import verify  # noqa: E402


def main(argv: list[str]) -> None:
    evidence, *paths = argv
    parts = [load(path) for path in paths]
    everything = dataclasses.replace(parts[0], claims=tuple(claim for part in parts for claim in part.claims))
    del parts
    results = verify(everything, EvidenceArchive(evidence))
    print(f"{len(results)} results")


if __name__ == "__main__":
    main(sys.argv[1:])
