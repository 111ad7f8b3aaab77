"""The console entry point: the CLI is imported inside the Ctrl-C guard, so even an early Ctrl-C is one line."""

from __future__ import annotations

import sys


def main() -> None:
    from dscheck.collector import paused

    try:
        with paused():  # imports make no garbage cycles; collecting while they run only costs start-up time
            from dscheck.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("dscheck: interrupted\n")
        sys.exit(130)
    run(at_once=True)
