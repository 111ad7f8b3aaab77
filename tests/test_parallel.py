"""Work on the second core (dscheck/parallel.py): a forked child hands back one value and always ends."""

from __future__ import annotations

import os

import pytest

from dscheck import parallel


def test_the_child_ends_in_every_case_and_never_runs_the_callers_code():
    parent = os.getpid()
    child = parallel.start(lambda: os.getpid())
    assert child.run_here(lambda: "here") == "here"
    assert child.result() not in (None, parent)  # the child's own pid, handed back
    failing = parallel.start(lambda: 1 / 0)
    failing.run_here(lambda: None)
    assert failing.result() is None and os.getpid() == parent
    slow = parallel.start(lambda: __import__("time").sleep(60))
    with pytest.raises(KeyError):
        slow.run_here(lambda: {}["interrupted"])
    with pytest.raises(ChildProcessError):  # killed and reaped: no child is left behind
        os.waitpid(slow.pid, os.WNOHANG)


def test_a_process_that_already_holds_much_memory_works_alone(monkeypatch):
    assert parallel._resident() > 0  # this process's memory, as Linux counts it
    assert parallel.available()
    monkeypatch.setattr(parallel, "MAX_RESIDENT", parallel._resident() // 2)
    assert not parallel.available()
