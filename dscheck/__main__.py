"""Run dscheck as `python -m dscheck`."""

from dscheck.entry import main

main()
