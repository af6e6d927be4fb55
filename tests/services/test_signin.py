"""Failed sign-ins: counted per account and address in a sliding window, locked for a while,
and password hashing bounded to a few at once with a short queue."""

from __future__ import annotations

import threading

import pytest

from planwatch.errors import TooManyAttempts
from planwatch.services.signin import QUEUE_PER_SLOT, SignInLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def limiter(clock: Clock, account: int = 3, address: int = 5, slots: int = 1) -> SignInLimiter:
    return SignInLimiter(account, address, 60, hash_slots=slots, clock=clock)


def test_the_account_locks_at_its_limit_and_opens_after_the_window() -> None:
    clock = Clock()
    limits = limiter(clock)
    assert [limits.failed(None, "Zhang", "a") for _ in range(3)] == [False, False, True]
    with pytest.raises(TooManyAttempts, match="该账号") as locked:
        limits.check("zhang", "b")  # the name is normalised; another address is no way round
    assert locked.value.retry_after == 61
    clock.now += 61
    limits.check("zhang", "b")


def test_failures_older_than_the_window_do_not_count() -> None:
    clock = Clock()
    limits = limiter(clock)
    limits.failed(None, "li", "a")
    limits.failed(None, "li", "a")
    clock.now += 61
    assert limits.failed(None, "li", "a") is False
    limits.check("li", "a")


def test_the_address_locks_whatever_names_it_tries() -> None:
    clock = Clock()
    limits = limiter(clock, account=100, address=5)
    for number in range(5):
        limits.failed(None, f"user{number}", "10.0.0.9")
    with pytest.raises(TooManyAttempts, match="该地址"):
        limits.check("admin", "10.0.0.9")
    limits.check("admin", "10.0.0.10")


def test_success_clears_the_account_only() -> None:
    clock = Clock()
    limits = limiter(clock, account=2, address=3)
    limits.failed(None, "wang", "a")
    limits.succeeded("wang")
    assert limits.failed(None, "wang", "a") is False  # a fresh count for the account
    assert limits.failed(None, "other", "a") is True  # the address kept its two failures


def test_hashing_queue_is_bounded() -> None:
    limits = limiter(Clock(), slots=1)
    release = threading.Event()
    inside = threading.Barrier(2)

    def hold() -> None:
        with limits.hashing():
            inside.wait()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    inside.wait()  # the one slot is taken
    limits._queued += QUEUE_PER_SLOT  # as if QUEUE_PER_SLOT more sign-ins were waiting
    try:
        with pytest.raises(TooManyAttempts, match="登录请求过多"), limits.hashing():
            pass
    finally:
        limits._queued -= QUEUE_PER_SLOT
        release.set()
        holder.join()
    with limits.hashing():  # free again
        pass
