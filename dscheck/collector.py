"""Python's cycle collector kept off the many objects a run builds to keep (claims, readings, results)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No cycle collection inside the block, and none afterwards over what the block built.

    Each pass of the collector walks the objects it tracks, and a large catalogue keeps hundreds of
    thousands of them alive on purpose: on 100,000 claims those passes cost a third of the run. What the
    block builds holds no reference cycles, so nothing is left uncollected by waiting. On leaving, the
    objects alive are moved to the collector's permanent generation (gc.freeze): re-enabling it alone
    would start a pass over everything built in the block at the next allocation, and again as those
    objects age into older generations. Frozen objects are still freed as soon as nothing refers to them.
    The collector's state is restored after the block.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
