#!/usr/bin/env python3
"""Slow-client check, loopback only and bounded in time and count.

Starts the server binary on 127.0.0.1, opens N slow connections from this one client (a third
send nothing, a third send half a request head and stall, a third trickle one byte a second),
then while they are held times normal requests to the reference pair, which must answer 200 in
under a second. It reads the server's memory, waits past the header timeout and checks that the
server closed every slow connection, then stops the server with SIGTERM (exit 0 expected).

    scripts/slow-clients.py [--binary target/debug/llm-compare] [--connections 2000] [--port 3201]
"""
import argparse
import asyncio
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time

PAIR = "/compare/gpt-4o-mini-vs-gpt-4-1-mini"


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


async def normal_request(port):
    start = time.monotonic()
    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 5)
    writer.write(f"GET {PAIR} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    data = await asyncio.wait_for(reader.read(), 10)
    writer.close()
    status = data.split(b" ", 2)[1].decode() if data.startswith(b"HTTP/1.1 ") else "none"
    return status, time.monotonic() - start


class Slow:
    """One slow connection; `closed_at` is set when the server closes it."""

    def __init__(self, kind):
        self.kind = kind
        self.closed_at = None
        self.reader = self.writer = None

    async def open(self, port):
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", port)
        if self.kind == "partial":
            self.writer.write(b"GET /models HTTP/1.1\r\nHost: t\r\nUser-Agent: slo")
            await self.writer.drain()

    async def hold(self, stop_at):
        head = b"GET /models HTTP/1.1\r\nHost: t\r\nX-Slow: " + b"a" * 200
        i = 0
        while time.monotonic() < stop_at:
            try:
                if self.kind == "trickle" and i < len(head):
                    self.writer.write(head[i : i + 1])
                    await self.writer.drain()
                    i += 1
                data = await asyncio.wait_for(self.reader.read(1024), 1.0)
                if data == b"":
                    self.closed_at = time.monotonic()
                    return
            except asyncio.TimeoutError:
                continue
            except (ConnectionError, OSError):
                self.closed_at = time.monotonic()
                return


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default="target/debug/llm-compare")
    parser.add_argument("--connections", type=int, default=2000)
    parser.add_argument("--port", type=int, default=3201)
    parser.add_argument("--header-timeout", type=int, default=5)
    args = parser.parse_args()

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    need = args.connections + 100
    if soft < need:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(need, soft)), hard))

    tmp = tempfile.mkdtemp()
    env = dict(os.environ, DATABASE_URL=f"sqlite://{tmp}/slow.db", PORT=str(args.port), HOST="127.0.0.1",
               RELOAD_INTERVAL_SECS="0", RUST_LOG="warn", HEADER_TIMEOUT_SECS=str(args.header_timeout),
               IDLE_TIMEOUT_SECS="60")
    server = subprocess.Popen([args.binary], env=env)
    failures = []
    try:
        for _ in range(300):
            try:
                status, _ = await normal_request(args.port)
                if status == "200":
                    break
            except OSError:
                pass
            await asyncio.sleep(0.1)
        else:
            sys.exit("the server did not start")
        rss_before = rss_mb(server.pid)

        kinds = ["idle", "partial", "trickle"]
        slow = [Slow(kinds[i % 3]) for i in range(args.connections)]
        opened_at = time.monotonic()
        await asyncio.gather(*(s.open(args.port) for s in slow))
        stop_at = opened_at + args.header_timeout + 6
        holders = [asyncio.ensure_future(s.hold(stop_at)) for s in slow]
        await asyncio.sleep(0.5)
        held = sum(1 for s in slow if s.closed_at is None)
        rss_held = rss_mb(server.pid)

        times = []
        for _ in range(5):
            status, took = await normal_request(args.port)
            times.append(took)
            if status != "200" or took >= 1.0:
                failures.append(f"normal request: status {status} in {took:.3f} s")
            await asyncio.sleep(0.2)

        await asyncio.gather(*holders)
        still_open = [s.kind for s in slow if s.closed_at is None]
        closed_after = sorted(s.closed_at - opened_at for s in slow if s.closed_at is not None)
        if still_open:
            kinds_open = ", ".join(f"{k}: {still_open.count(k)}" for k in kinds if k in still_open)
            failures.append(f"{len(still_open)} slow connections still open {stop_at - opened_at:.0f} s after opening ({kinds_open})")
        status, took = await normal_request(args.port)
        if status != "200":
            failures.append(f"after the slow connections: status {status}")

        print(f"slow connections opened: {args.connections}, held at once: {held}")
        print(f"normal requests while held: {', '.join(f'{t * 1000:.0f} ms' for t in times)} (all 200: {not any('normal' in f for f in failures)})")
        print(f"server memory: {rss_before:.0f} MB before, {rss_held:.0f} MB holding them")
        if closed_after:
            print(f"closed by the server after {closed_after[0]:.1f}-{closed_after[-1]:.1f} s (header timeout {args.header_timeout} s); still open: {len(still_open)}")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            code = server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            code = "hung"
        if code != 0:
            failures.append(f"exit after SIGTERM: {code}")
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print("ok")


asyncio.run(main())
