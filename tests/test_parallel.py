"""Work in forked processes (portal_model.parallel): a call run beside the build."""

from __future__ import annotations

import os

import pytest

from portal_model.parallel import Forked, can_fork

pytestmark = pytest.mark.skipif(not can_fork(), reason="needs fork")

SHARED = {"model": list(range(100_000))}
"""Module state the child sees without its being sent (it is forked from this process)."""


def total(key: str, extra: int) -> int:
    return sum(SHARED[key]) + extra


def refuses(_: object) -> None:
    raise ValueError("a broken profile")


def dies(_: object) -> None:
    os._exit(9)


def test_a_forked_call_sends_back_its_value():
    assert Forked(total, "model", 1).result() == (True, sum(range(100_000)) + 1)


def test_a_forked_call_that_raises_or_dies_sends_back_nothing():
    """The caller then makes the call itself, which raises or reports as it always would."""
    assert Forked(refuses, None).result() == (False, None)
    assert Forked(dies, None).result() == (False, None)


def test_forked_calls_run_beside_each_other_and_the_caller():
    calls = [Forked(total, "model", extra) for extra in range(3)]
    assert [call.result() for call in calls] == [(True, sum(range(100_000)) + extra)
                                                 for extra in range(3)]


def priority() -> int:
    return os.nice(0)


def test_a_forked_call_may_run_at_a_lower_priority():
    here = os.nice(0)
    assert Forked(priority, niceness=5).result() == (True, min(19, here + 5))
    assert os.nice(0) == here  # the caller's own is unchanged
