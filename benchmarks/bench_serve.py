"""Load on `tollwatch serve` over loopback: requests per second and p50/p99 latency at 50 concurrent clients.

    python benchmarks/fill_store.py --db /tmp/tw-bench.db --incidents 10000   # once (or let this script do it)
    python benchmarks/bench_serve.py --db /tmp/tw-bench.db [--workers 2]

The server runs as `tollwatch serve` in its own process (``--workers`` uvicorn workers, default 1); the
load comes from this process: asyncio, one kept-alive HTTP/1.1 connection per simulated user (plain
requests written on the socket, so the load generator takes little of the shared CPU), each sending its
next request as soon as the last one answered. Measured, in order:

- reference: ``GET /api/session``, no database work: the floor of the framework, sessions and loopback;
- the incident list: ``/`` (the page) when the pages exist, and ``/api/incidents`` (first pages, and pages
  reached through a cursor). The server keeps lists it built until the store changes (web/cache.py), so
  these are mostly answered from memory, as a busy server's would be;
- uncached lists: ``/api/incidents`` and ``/`` filtered by a date drawn from ten years of days, so nearly
  every request builds its list afresh: the cost of a list nobody asked for since the last change;
- one incident: ``/incidents/{id}`` (the page) when it exists, and ``/api/incidents/{id}``, over 200
  incidents drawn at random.

Throughput is also printed as a ratio to the reference, because the machine is shared and noisy. Every
run is bounded: ``--requests`` per endpoint and ``--seconds`` at most, whichever comes first.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import httpx

TARGET_P99_MS = 200.0
FIRST_DAY = date(2010, 1, 1)  # fill_store.py dates its incidents over the ten years from here


@dataclass
class Result:
    name: str
    requests: int
    errors: int
    seconds: float
    latencies: list[float]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000 if ordered else float("nan")


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> int:
    """One GET on a kept-alive connection; returns the status. Plain HTTP/1.1, so the client costs little CPU."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: bench\r\nAccept: */*\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in lines[1:] if ": " in line)
    if "content-length" not in headers:
        raise RuntimeError(f"{path}: response without Content-Length ({lines[0]})")
    await reader.readexactly(int(headers["content-length"]))
    return int(lines[0].split()[1])


async def load(port: int, name: str, paths: Callable[[random.Random], str], clients: int, requests: int,
               seconds: float) -> Result:
    """``clients`` users, one connection each, sending requests back to back until ``requests`` are sent or
    time is up."""
    sent = errors = 0
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    async def user(n: int) -> None:
        nonlocal sent, errors
        rng = random.Random(n)
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while sent < requests and time.perf_counter() < deadline:
                sent += 1
                start = time.perf_counter()
                status = await asyncio.wait_for(_get(reader, writer, paths(rng)), 60)
                latencies.append(time.perf_counter() - start)
                errors += status != 200
        finally:
            writer.close()

    began = time.perf_counter()
    await asyncio.gather(*(user(n) for n in range(clients)))
    return Result(name, len(latencies), errors, time.perf_counter() - began, latencies)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TOLLWATCH_SECRET": "bench-" + "x" * 40}
    server = subprocess.Popen(
        [sys.executable, "-m", "tollwatch", "serve", "--port", str(port), "--db", str(db), "--workers", str(workers)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 600  # the first start links whatever the store has not linked yet
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped: {server.stderr.read().decode() if server.stderr else ''}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/session", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start in 10 minutes")


def count_incidents(db: Path) -> int:
    from sqlalchemy import func, select

    from tollwatch.incidents.tables import incidents
    from tollwatch.store.database import open_store

    with open_store(str(db)) as store, store.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(incidents)) or 0)


def fill(db: Path, incidents: int, data: Path) -> None:
    """A new store of about ``incidents`` incidents, through fill_store.py (beside this script)."""
    subprocess.run([sys.executable, str(Path(__file__).with_name("fill_store.py")), "--db", str(db),
                    "--incidents", str(incidents), "--data", str(data)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=Path("/tmp/tollwatch-bench-serve.db"),
                        help="a SQLite store; filled with --incidents incidents first when it does not exist")
    parser.add_argument("--incidents", type=int, default=10_000)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=1, help="tollwatch serve --workers")
    parser.add_argument("--requests", type=int, default=3000, help="requests per endpoint, at most")
    parser.add_argument("--seconds", type=float, default=30.0, help="seconds per endpoint, at most")
    args = parser.parse_args()

    if not args.db.exists():
        fill(args.db, args.incidents, args.data)
    port = _free_port()
    server = start_server(args.db, port, args.workers)
    url = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=url, timeout=30) as client:
            first = client.get("/api/incidents", params={"limit": 500}).json()
            stored = first["items"]
            home = client.get("/")
            pages = home.status_code == 200 and "html" in home.headers["content-type"]
            cursors = [first["next"]] if first["next"] else []
            for _ in range(20):
                if not cursors[-1:]:
                    break
                page = client.get("/api/incidents", params={"limit": 50, "after": cursors[-1]}).json()
                if page["next"]:
                    cursors.append(page["next"])
        ids = [i["id"] for i in random.Random(1).sample(stored, min(200, len(stored)))]
        if not ids:
            raise SystemExit(f"{args.db} holds no incidents")
        print(f"store {args.db}: {count_incidents(args.db):,} incidents; pages {'found' if pages else 'absent'}; "
              f"{args.workers} worker(s); {args.clients} clients, at most {args.requests} requests or "
              f"{args.seconds:.0f} s per endpoint")

        plan: list[tuple[str, Callable[[random.Random], str]]] = [
            ("reference GET /api/session", lambda _r: "/api/session"),
        ]
        if pages:
            plan.append(("incident list page GET /", lambda _r: "/"))
        plan.append(("incident list GET /api/incidents", lambda _r: "/api/incidents"))
        if cursors:
            plan.append(("incident list, later pages", lambda r: f"/api/incidents?after={r.choice(cursors)}"))
        # A date filter drawn from thousands of days is seldom asked twice: lists built afresh, not from memory.
        plan.append(("uncached list, GET /api/incidents?until=", lambda r: f"/api/incidents?until={_day(r)}"))
        if pages:
            plan.append(("uncached list page, GET /?until=", lambda r: f"/?until={_day(r)}"))
            plan.append(("incident page GET /incidents/{id}", lambda r: f"/incidents/{r.choice(ids)}"))
        plan.append(("incident GET /api/incidents/{id}", lambda r: f"/api/incidents/{r.choice(ids)}"))

        results = []
        for name, paths in plan:
            asyncio.run(load(port, name, paths, args.clients, min(200, args.requests), 10))  # warm up
            results.append(asyncio.run(load(port, name, paths, args.clients, args.requests, args.seconds)))
    finally:
        server.terminate()
        server.wait(timeout=30)

    reference = results[0].rate
    print(f"{'endpoint':44} {'requests':>8} {'errors':>6} {'req/s':>8} {'x ref':>6} {'p50 ms':>8} {'p99 ms':>8}")
    for r in results:
        print(f"{r.name:44} {r.requests:8d} {r.errors:6d} {r.rate:8.1f} {r.rate / reference:6.2f} "
              f"{r.percentile(50):8.1f} {r.percentile(99):8.1f}")
    for label, lists in (("incident list", [r for r in results if r.name.startswith("incident list")]),
                         ("uncached list", [r for r in results if r.name.startswith("uncached list")])):
        worst = max(r.percentile(99) for r in lists)
        print(f"{label} p99 {worst:.1f} ms at {args.clients} clients: "
              f"{'meets' if worst < TARGET_P99_MS else 'MISSES'} the {TARGET_P99_MS:.0f} ms target")


def _day(rng: random.Random) -> str:
    return (FIRST_DAY + timedelta(days=rng.randrange(3650))).isoformat()


if __name__ == "__main__":
    main()
