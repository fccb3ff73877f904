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
            gc.enable()


def gc_paused_call(fn: F) -> F:
    """Decorator: the whole call runs with the collector paused."""
    @wraps(fn)
    def wrapper(*args, **kwargs):
        with gc_paused():
            return fn(*args, **kwargs)
    return wrapper  # type: ignore[return-value]
