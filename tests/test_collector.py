"""The cycle collector around the large builds of a run (dscheck.collector.paused)."""

import gc

from dscheck.collector import paused


def _walked(obj) -> bool:
    """Whether a later pass of the collector would walk `obj` (it is in one of the three generations)."""
    return any(o is obj for generation in range(3) for o in gc.get_objects(generation))


def test_what_the_block_built_is_not_walked_again_and_the_collector_is_back_on():
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
        kept = [[i] for i in range(1000)]
    assert gc.isenabled()
    assert not _walked(kept) and not _walked(kept[-1])
    assert gc.get_freeze_count() > 0
    after = [0]  # built after the block: the collector sees it as usual
    assert _walked(after)


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_frozen_objects_are_still_freed_when_nothing_refers_to_them():
    import weakref

    class Thing:
        pass

    with paused():
        thing = Thing()
    gone = weakref.ref(thing)
    del thing
    assert gone() is None
