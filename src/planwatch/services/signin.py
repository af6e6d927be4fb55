"""Use case: sign-in attempts — failures counted per account and per address, lockouts audited.

After ``account_failures`` failed sign-ins of one login name, or ``address_failures`` from
one client address, within ``window`` seconds, further attempts are refused for ``window``
seconds without computing a password hash; the lockout is written to the audit log. Password
hashing (argon2id, 64 MiB a time) runs at most ``hash_slots`` at once, so a burst of bad
sign-ins cannot exhaust the server's memory.

The counts live in the memory of one server process: several processes each count on their
own, which multiplies the limits by the number of processes (docs/security.md).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from planwatch.errors import TooManyAttempts
from planwatch.services.audit import record
from planwatch.services.users import normal_username

MAX_TRACKED = 10_000  # keys kept at most; the oldest go first under a flood of names
HASH_WAIT_SECONDS = 30
# Sign-ins that may queue for a hashing slot, per slot: each waits on one of the server's
# worker threads, so an unbounded queue would stall every other request behind it.
QUEUE_PER_SLOT = 4


@dataclass(slots=True)
class _Failures:
    times: list[float] = field(default_factory=list)
    locked_until: float = 0.0


class SignInLimiter:
    """Counts failed sign-ins; refuses locked accounts and addresses; bounds hashing.

    >>> limiter = SignInLimiter(2, 10, 60, hash_slots=1, clock=lambda: 0.0)
    >>> limiter.failed(None, "zhang", "10.0.0.1"), limiter.failed(None, "zhang", "10.0.0.1")
    (False, True)
    >>> limiter.check("Zhang", "10.0.0.2")
    Traceback (most recent call last):
    planwatch.errors.TooManyAttempts: 该账号登录失败次数过多,请 1 分钟后再试
    """

    def __init__(
        self,
        account_failures: int,
        address_failures: int,
        window: int,
        *,
        hash_slots: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limits = {"account": account_failures, "address": address_failures}
        self.window = window
        self.clock = clock
        self._lock = threading.Lock()
        self._failures: OrderedDict[tuple[str, str], _Failures] = OrderedDict()
        self._hashing = threading.BoundedSemaphore(hash_slots)
        self._queue_limit = hash_slots * (QUEUE_PER_SLOT + 1)
        self._queued = 0

    def check(self, username: str, address: str) -> None:
        """Raise TooManyAttempts while the account or the address is locked."""
        now = self.clock()
        with self._lock:
            for kind, key in _keys(username, address):
                entry = self._failures.get((kind, key))
                if entry is not None and entry.locked_until > now:
                    wait = max(1, round((entry.locked_until - now) / 60))
                    who = "该账号" if kind == "account" else "该地址"
                    raise TooManyAttempts(
                        f"{who}登录失败次数过多,请 {wait} 分钟后再试",
                        retry_after=int(entry.locked_until - now) + 1,
                    )

    def failed(self, session: Session | None, username: str, address: str) -> bool:
        """Count a failure; lock and audit (in ``session``) what reaches its limit.

        Returns whether this failure started a lockout.
        """
        now = self.clock()
        locked: list[tuple[str, str, int]] = []
        with self._lock:
            for kind, key in _keys(username, address):
                entry = self._failures.pop((kind, key), None) or _Failures()
                entry.times = [t for t in entry.times if t > now - self.window] + [now]
                if len(entry.times) >= self.limits[kind] and entry.locked_until <= now:
                    entry.locked_until = now + self.window
                    locked.append((kind, key, len(entry.times)))
                self._failures[(kind, key)] = entry  # re-inserted last: the newest
            while len(self._failures) > MAX_TRACKED:
                self._failures.popitem(last=False)
        for kind, key, count in locked:
            if session is not None:
                after: dict[str, object] = {kind: key, "failures": count, "seconds": self.window}
                record(session, "system", "lockout", kind, None, None, after)
        return bool(locked)

    def succeeded(self, username: str) -> None:
        """A good sign-in clears the account's failures (the address keeps its count)."""
        with self._lock:
            self._failures.pop(("account", normal_username(username)), None)

    @contextmanager
    def hashing(self) -> Iterator[None]:
        """Hold one of the hashing slots; TooManyAttempts at once when too many sign-ins are
        already waiting for one, or when none frees up in time."""
        busy = TooManyAttempts("登录请求过多,请稍后再试", retry_after=5)
        with self._lock:
            if self._queued >= self._queue_limit:
                raise busy
            self._queued += 1
        try:
            if not self._hashing.acquire(timeout=HASH_WAIT_SECONDS):
                raise busy
            try:
                yield
            finally:
                self._hashing.release()
        finally:
            with self._lock:
                self._queued -= 1


def _keys(username: str, address: str) -> list[tuple[str, str]]:
    keys = [("account", normal_username(username))]
    if address:
        keys.append(("address", address))
    return keys
