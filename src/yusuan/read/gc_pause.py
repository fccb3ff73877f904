"""Cyclic garbage collection paused while one document is read or extracted.

Reading a PDF allocates hundreds of thousands of small tuples, dicts and model objects that
reference counting alone frees (none form cycles worth waiting for). Left on, the collector walks
every live object — the codebook, layouts and rule catalog included — again and again during that
burst: about a tenth of a check's time on the samples. It is resumed (if it was on) right after,
so cycles made meanwhile are still collected.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from functools import wraps
from typing import Callable, Iterator, TypeVar

F = TypeVar("F", bound=Callable)


@contextmanager
def gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            _promote_survivors()
            gc.enable()


def _promote_survivors() -> None:
    # What outlives the pause (the document read, the budget built) is the caller's result and lives
    # on: it joins the oldest generation untraversed (freeze() moves every tracked object aside and
    # unfreeze() returns them all to the oldest generation). Left young, it would be walked object by
    # object at the first allocation after the pause — a cache-cold walk of tens of thousands of
    # objects, ~5 % of a check. The checks make no cyclic garbage to speak of (none was found on the
    # samples); what little there is waits for the next full collection instead of the next young one.
    gc.freeze()
    gc.unfreeze()


def gc_paused_call(fn: F) -> F:
    """Decorator: the whole call runs with the collector paused."""
    @wraps(fn)
    def wrapper(*args, **kwargs):
        with gc_paused():
            return fn(*args, **kwargs)
    return wrapper  # type: ignore[return-value]
