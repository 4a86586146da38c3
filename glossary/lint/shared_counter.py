"""Work shared out between this process and forked ones, each taking the next part no process has taken.

The counter lives in shared memory; workers forked after it was made inherit it, and
``take`` hands out each number once across all of them (``engine`` shares out the
pieces of a long text this way, ``batch`` the batches of many files).
"""

from __future__ import annotations

import os


def can_fork() -> bool:
    """Whether work can go to forked processes here (``multiprocessing``'s own answer; it is
    imported only then, not by every command that lints one short text)."""
    if not hasattr(os, "fork"):
        return False
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def fork_context():
    """The ``multiprocessing`` context that forks (check ``can_fork`` first)."""
    import multiprocessing

    return multiprocessing.get_context("fork")


class SharedCounter:
    def __init__(self, context):
        """``context``: the ``multiprocessing`` context the workers will be forked from."""
        self._value = context.Value("i", 0)

    def take(self) -> int:
        """The next number no process has taken: 0, 1, 2, ... across all of them."""
        with self._value.get_lock():
            number = self._value.value
            self._value.value += 1
        return number
