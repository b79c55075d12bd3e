#!/usr/bin/env python3
"""Web app benchmark: requests/s and latency of the person and article pages and the search API.

    .venv/bin/python benchmarks/web.py [--db PATH] [--quotes 1000000] [--clients 50]
        [--seconds 20] [--max-requests 20000] [--workers 2] [--cases person,article,search]

Serves ``--db`` (default: the synthetic store of ``benchmarks/store.py``, a
million quotes, built first when missing) with ``quotegraph serve`` on a free
port of 127.0.0.1, then runs a closed-loop load generator in this process:
``--clients`` connections (HTTP/1.1 keep-alive), each sending its next request
as soon as the last one is answered, for ``--seconds`` or ``--max-requests``
per case, whichever comes first (after a short warm-up). The URLs are drawn at
random: person pages ``/people/{id}`` of people drawn uniformly from all
20,000 (most have few quotes, a few have tens of thousands), article pages
``/articles/{id}``, and ``/api/search?q=WORD`` (and, with ``--cases search-page``, the
page ``/search?q=WORD``) for a word drawn uniformly from the synthetic vocabulary
(Zipf-distributed in the quotes). It prints requests/s
and p50/p95/p99/max latency per case (target: p95 <= 100 ms at 50 clients for
person pages), and the CPU time per request of the server processes and of
this load generator (from /proc, Linux only): the machine's cores are shared
by both, and, unlike the latency, CPU per request hardly changes when other
work runs on the machine. Only loopback addresses are ever used.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import store as store_bench  # noqa: E402  (benchmarks/store.py: the synthetic store)

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children (its server workers), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    try:
        procs = [p for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return float("nan")
    for p in procs:
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(p) == pid or int(fields[1]) == pid:  # fields[1]: the parent's pid
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def start_server(db: Path, port: int, workers: int) -> subprocess.Popen:
    env = dict(os.environ)
    env.pop("QUOTEGRAPH_TOKEN", None)  # read-only
    proc = subprocess.Popen([sys.executable, "-m", "quotegraph", "serve", "--db", str(db), "--host", HOST,
                             "--port", str(port), "--workers", str(workers)], env=env)
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/api", timeout=5) as r:
                if r.status == 200:
                    return proc
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            sys.exit("web: the server did not start")
        time.sleep(0.2)


LENGTH = re.compile(rb"\r\ncontent-length:[ \t]*(\d+)", re.I)
CHUNKED = re.compile(rb"\r\ntransfer-encoding:[ \t]*chunked", re.I)


async def _read_response(reader: asyncio.StreamReader) -> int:
    """Reads one HTTP/1.1 response; returns its status. (Lean: this process shares the cores.)"""
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])  # HTTP/1.1 200 ...
    m = LENGTH.search(head)
    if m:
        await reader.readexactly(int(m[1]))
    elif CHUNKED.search(head):
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


async def load(port: int, urls, clients: int, seconds: float, max_requests: int):
    """Closed loop: ``clients`` connections, each one request at a time. Returns (latencies, errors, wall)."""
    latencies: list[float] = []
    errors: dict[str, int] = {}
    sent = 0
    stop_at = time.perf_counter() + seconds

    async def client():
        nonlocal sent
        reader, writer = await asyncio.open_connection(HOST, port)
        try:
            while sent < max_requests and time.perf_counter() < stop_at:
                sent += 1
                url = next(urls)
                t = time.perf_counter()
                writer.write(f"GET {url} HTTP/1.1\r\nHost: {HOST}:{port}\r\n\r\n".encode())
                status = await _read_response(reader)
                latencies.append(time.perf_counter() - t)
                if status != 200:
                    errors[str(status)] = errors.get(str(status), 0) + 1
        finally:
            writer.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return latencies, errors, time.perf_counter() - t0


def run(coro):
    """asyncio.run, on uvloop when it is installed (quotegraph serve's own loop): less CPU per request."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coro)
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(coro)


def pct(sorted_ms: list[float], p: float) -> float:
    return sorted_ms[min(len(sorted_ms) - 1, max(0, int(round(p * len(sorted_ms))) - 1))]


def url_streams(seed: int, n_articles: int):
    rng = random.Random(seed)
    vocab = store_bench._vocabulary(random.Random(1))

    def forever(make):
        while True:
            yield make()

    return {
        "person": forever(lambda: f"/people/{rng.randint(1, store_bench.N_PEOPLE)}"),
        "article": forever(lambda: f"/articles/a{rng.randrange(n_articles):07}"),
        "search": forever(lambda: f"/api/search?q={rng.choice(vocab)}"),
        # the search page: each quote in its sentence with the word marked, the speakers' facets
        "search-page": forever(lambda: f"/search?q={rng.choice(vocab)}"),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", help="the store to serve (default: benchmarks/store.py's synthetic store)")
    ap.add_argument("--quotes", type=int, default=1_000_000, help="quotes in the synthetic store (1000000)")
    ap.add_argument("--clients", type=int, default=50, help="concurrent connections (50)")
    ap.add_argument("--seconds", type=float, default=20.0, help="at most this long per case (20)")
    ap.add_argument("--max-requests", type=int, default=20_000, help="at most this many per case (20000)")
    ap.add_argument("--warm-up", type=float, default=3.0, help="seconds of load before each case (3)")
    ap.add_argument("--workers", type=int, default=2, help="server processes (2)")
    ap.add_argument("--cases", default="person,article,search")
    args = ap.parse_args(argv)
    print("# " + shlex.join(["python", *sys.argv]), flush=True)
    if args.db:
        db = Path(args.db)
    else:
        db = Path(str(store_bench.DEFAULT_SYNTHETIC).format(n=args.quotes))
        if not db.exists():
            print(f"# building the synthetic store of {args.quotes:,} quotes at {db} ...", flush=True)
            store_bench.build_synthetic(db, args.quotes)
    port = free_port()
    server = start_server(db, port, args.workers)
    try:
        n_articles = args.quotes // store_bench.QUOTES_PER_ARTICLE
        print(f"## {db} on http://{HOST}:{port}/, {args.workers} server processes, {os.cpu_count()} cores; "
              f"{args.clients} clients, closed loop, at most {args.seconds:g} s or {args.max_requests} "
              "requests per case")
        print(f"{'case':8} {'requests':>8} {'errors':>7} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} "
              f"{'p99 ms':>7} {'max ms':>7} {'CPU ms/req: server':>18} {'client':>6}")
        for i, case in enumerate(c.strip() for c in args.cases.split(",")):
            urls = url_streams(100 + i, n_articles)[case]
            if args.warm_up > 0:
                run(load(port, url_streams(900 + i, n_articles)[case], args.clients, args.warm_up,
                         args.max_requests))
            server_cpu, client_cpu = cpu_seconds(server.pid), time.process_time()
            lat, errors, wall = run(load(port, urls, args.clients, args.seconds, args.max_requests))
            server_cpu, client_cpu = cpu_seconds(server.pid) - server_cpu, time.process_time() - client_cpu
            ms = sorted(x * 1000 for x in lat)
            print(f"{case:8} {len(ms):8} {sum(errors.values()):7} {len(ms) / wall:7.0f} {pct(ms, .50):7.1f} "
                  f"{pct(ms, .95):7.1f} {pct(ms, .99):7.1f} {ms[-1]:7.1f} "
                  f"{1000 * server_cpu / len(ms):18.2f} {1000 * client_cpu / len(ms):6.2f}"
                  + (f"   errors by status: {errors}" if errors else ""), flush=True)
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
