"""Commit callbacks that run once per transaction, however often they are asked for."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction


def on_commit_once(func: Callable[[], None]) -> None:
    """`transaction.on_commit(func)`, unless `func` is already due at this transaction's commit:
    work that covers the whole transaction (replacing the content version, refreshing the
    planner's statistics) is done once however many changes ask for it."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        isinstance(callback, OnCommitOnce) and callback.func is func and callback.pending
        for _, callback, *_ in connection.run_on_commit
    ):
        return
    transaction.on_commit(OnCommitOnce(func))


class OnCommitOnce:
    """`func` as a commit callback that knows whether it has run yet (a savepoint rolled back
    drops it unrun, from the transaction's list of callbacks, as it should)."""

    pending = True

    def __init__(self, func: Callable[[], None]) -> None:
        self.func = func

    def __call__(self) -> None:
        self.pending = False
        self.func()
