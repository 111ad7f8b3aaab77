"""Run dscheck as `python -m dscheck`."""

from dscheck.cli import main

main()
