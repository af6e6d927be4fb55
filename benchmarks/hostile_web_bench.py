"""What hostile requests cost the server: concurrent bad sign-ins and a huge JSON body.

Starts `planwatch serve` in a child process over a temporary SQLite database (the sample plan
and one administrator), then, over loopback:

1. 40 concurrent sign-ins with a wrong password for 40 different names, the address limit
   raised out of reach, with the default hashing bound and again with 40 hashing slots (no
   bound, as before); then with the default limits (the address lockout after 20);
2. 30 sign-ins with a wrong password for one account (the lockout: 429 after 5);
3. a POST of a 100 MB JSON body without a session.

Prints, for each, the answers by status, the wall time and the server's peak resident memory
(VmHWM of /proc/PID/status: the high-water mark since the server started).

    .venv/bin/python benchmarks/hostile_web_bench.py
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

PASSWORD = "correct-horse-42"
PLANWATCH = str(Path(sys.executable).with_name("planwatch"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def memory(pid: int, field: str) -> float:
    """A /proc/PID/status field (VmRSS, VmHWM) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def start(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    server = subprocess.Popen(
        [PLANWATCH, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            httpx.get(f"{url}/api/v1/auth/me", timeout=1)
            return server, url
        except httpx.HTTPError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("the server did not start")


def sign_ins(url: str, names: list[str]) -> Counter[int]:
    def one(name: str) -> int:
        body = {"username": name, "password": "wrong-password"}
        return httpx.post(f"{url}/api/v1/auth/login", json=body, timeout=120).status_code

    with ThreadPoolExecutor(len(names)) as pool:
        return Counter(pool.map(one, names))


def huge_body(url: str, megabytes: int) -> int:
    chunk = b" " * (1024 * 1024)

    def body():  # type: ignore[no-untyped-def]
        yield b'{"year": 2023, "value": "1", "source": "'
        for _ in range(megabytes):
            yield chunk
        yield b'"}'

    try:
        response = httpx.post(
            f"{url}/api/v1/indicators/5/observations",
            content=body(),
            headers={"content-type": "application/json"},
            timeout=120,
        )
    except httpx.HTTPError:  # the server answered 413 and closed before the body was sent
        return 413
    return response.status_code


def measure(label: str, env: dict[str, str], run: str) -> None:
    server, url = start(env)
    try:
        before = memory(server.pid, "VmRSS")
        began = time.perf_counter()
        if run == "distinct":
            statuses = sign_ins(url, [f"user{i:02d}" for i in range(40)])
        elif run == "one-account":
            statuses = Counter()
            for _ in range(30):
                statuses += sign_ins(url, ["admin"])
        else:
            statuses = Counter([huge_body(url, 100)])
        took = time.perf_counter() - began
        peak = memory(server.pid, "VmHWM")
        print(
            f"{label:<58} {dict(statuses)!s:<22} {took:6.2f} s  "
            f"RSS {before:6.0f} MB → peak {peak:6.0f} MB"
        )
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "PLANWATCH_DATABASE_URL": f"sqlite:///{Path(folder) / 'pw.sqlite3'}",
            "PLANWATCH_USER": "bench",
        }
        subprocess.run([PLANWATCH, "sample"], env=env, check=True, stdout=subprocess.DEVNULL)
        subprocess.run(
            [PLANWATCH, "user", "add", "admin", "--role", "admin", "--password-stdin"],
            env=env, input=PASSWORD.encode(), check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        print(f"machine: {os.cpu_count()} cores; argon2id 64 MiB a hash")
        no_lockout = {**env, "PLANWATCH_SIGNIN_ADDRESS_FAILURES": "1000"}
        measure("40 concurrent bad sign-ins, 2 hashing slots (default)", no_lockout, "distinct")
        unbounded = {**no_lockout, "PLANWATCH_MAX_CONCURRENT_HASHES": "40"}
        measure("40 concurrent bad sign-ins, 40 hashing slots (unbounded)", unbounded, "distinct")
        measure("40 concurrent bad sign-ins, default limits (address lockout)", env, "distinct")
        measure("30 bad sign-ins of one account", env, "one-account")
        measure("100 MB JSON body, no session", env, "body")


if __name__ == "__main__":
    main()
