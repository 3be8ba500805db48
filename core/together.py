"""Rows saved together, followed up together.

A service that saves many rows at once (a report stored with its findings) does it inside
`saved_together()`. A listener that would act on each save (the search index, which rescans itself for
every row it adds) asks `together()`: while it is true it holds what it is told, and the callback it gave
`when_together_ends` acts on all of it once the outermost block ends, however it ends (a block that
raised inside a transaction is rolled back with whatever the callback queued in it).
"""

import contextlib
import threading
from collections.abc import Callable, Iterator

_local = threading.local()
_ends: list[Callable[[], None]] = []


def when_together_ends(callback: Callable[[], None]) -> None:
    """Have `callback()` called as each outermost `saved_together()` block ends."""
    if callback not in _ends:
        _ends.append(callback)


def together() -> bool:
    return getattr(_local, "depth", 0) > 0


@contextlib.contextmanager
def saved_together() -> Iterator[None]:
    _local.depth = getattr(_local, "depth", 0) + 1
    try:
        yield
    finally:
        _local.depth -= 1
        if not _local.depth:
            for callback in _ends:
                callback()
