#!/usr/bin/env python3
"""A crowd of stalled or idle clients against `hookscope listen`, and ordinary requests through it.

Run by hand (see README.md in this folder); it prints figures and asserts nothing. Every phase is
bounded in time, and the whole run by --deadline.

    crowd.py --binary build/rel/bin/hookscope --crowd 1500 --kind stalled --requests 300
    crowd.py --binary build/rel/bin/hookscope --crowd 3000 --kind idle --after 6 --requests 1 --timeout 120
    crowd.py --binary build/rel/bin/hookscope --crowd 2500 --kind idle --watch 5
    crowd.py --binary build/rel/bin/hookscope --nofile 256 --crowd 400 --kind idle --watch 10

With --binary it starts `BINARY listen --port 0` itself (its output to /dev/null; --nofile sets
its RLIMIT_NOFILE); with --port and --pid it uses a listener already running.

Crowd kinds: `stalled` sends part of a request head and stops; `idle` connects and sends nothing;
`body` sends a whole head and part of the body it announced; `keepalive` sends one request, reads
its answer and then keeps the connection open without a word.

Figures: how many crowd connections were made and how the server treated them (408 answers,
closes), the most connections the server held at once (its descriptors beyond those it had
before the crowd, sampled every 20 ms), the CPU it used while the crowd stood (--watch seconds), and for the ordinary requests
(one connection each, one after another, each with --timeout) the failures and latencies.
"""

import argparse
import os
import re
import resource
import selectors
import signal
import socket
import subprocess
import sys
import time

PARTIAL_HEAD = b"POST /stalled HTTP/1.1\r\nHost: crowd\r\nX-Stall: "
BODY_HEAD = b"POST /body HTTP/1.1\r\nHost: crowd\r\nContent-Length: 100000\r\n\r\npart of a body"
KEEPALIVE_REQUEST = b"GET /keepalive HTTP/1.1\r\nHost: crowd\r\n\r\n"


def ordinary_request(n):
    body = b'{"ordinary":%d}' % n
    return (b"POST /ordinary/%d HTTP/1.1\r\nHost: crowd\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\nConnection: close\r\n\r\n" % (n, len(body))) + body


def response_complete(data):
    """Status when `data` holds a whole answer (by Content-Length), else None."""
    end = data.find(b"\r\n\r\n")
    if end < 0:
        return None
    head = data[:end].decode("latin-1")
    match = re.match(r"HTTP/1\.[01] (\d{3})", head)
    if not match:
        return -1
    length = re.search(r"(?im)^content-length:\s*(\d+)", head)
    if length and len(data) - end - 4 < int(length.group(1)):
        return None
    return int(match.group(1))


class Server:
    """The listener under test: started here, or one already running."""

    def __init__(self, args):
        self.proc = None
        if args.binary:
            def limit():
                if args.nofile:
                    resource.setrlimit(resource.RLIMIT_NOFILE, (args.nofile, args.nofile))
            cmd = [args.binary, "listen", "--port", "0"] + args.listen_args
            self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                         preexec_fn=limit)
            self.pid = self.proc.pid
            self.port = None
            line = b""
            start = time.monotonic()
            while self.port is None and time.monotonic() - start < 10:
                line = self.proc.stderr.readline()
                match = re.search(rb"listening on http://[^:]+:(\d+)", line)
                if match:
                    self.port = int(match.group(1))
                elif not line and self.proc.poll() is not None:
                    break
            if self.port is None:
                sys.exit("the listener did not start: %r" % line)
            # Keep stderr drained so the listener never blocks on it.
            os.set_blocking(self.proc.stderr.fileno(), False)
        else:
            self.pid, self.port = args.pid, args.port
        self.base_descriptors = self.descriptors()
        self.held_max = 0

    def descriptors(self):
        # Counting entries is cheap enough to sample every 20 ms with thousands open; reading each
        # link to pick the sockets is not. Besides connections, the count stays what it was.
        try:
            return len(os.listdir("/proc/%d/fd" % self.pid))
        except OSError:
            return 0

    def held(self):
        """Connections held by the server: its descriptors beyond those it had before the crowd."""
        held = max(0, self.descriptors() - self.base_descriptors)
        self.held_max = max(self.held_max, held)
        return held

    def cpu_seconds(self):
        with open("/proc/%d/stat" % self.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def drain_stderr(self):
        if self.proc:
            try:
                while self.proc.stderr.read(65536):
                    pass
            except (BlockingIOError, TypeError):
                pass

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Crowd:
    """N client connections of one kind, driven by one selector."""

    def __init__(self, sel, port, kind, refill):
        self.sel, self.port, self.kind, self.refill = sel, port, kind, refill
        self.conns = {}
        self.opened = self.connected = self.answered_408 = self.other_answers = self.closed = 0
        self.open_failures = 0

    def open_one(self):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(False)
        try:
            s.connect(("127.0.0.1", self.port))
        except BlockingIOError:
            pass
        except OSError:
            self.open_failures += 1
            s.close()
            return
        self.opened += 1
        self.conns[s] = {"state": "connecting", "data": b""}
        self.sel.register(s, selectors.EVENT_WRITE, ("crowd", s))

    def event(self, s, mask):
        c = self.conns.get(s)
        if c is None:
            return
        if c["state"] == "connecting":
            if s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR):
                self.drop(s)
                self.open_failures += 1
                return
            self.connected += 1
            c["state"] = "standing"
            first = {"stalled": PARTIAL_HEAD, "body": BODY_HEAD, "keepalive": KEEPALIVE_REQUEST}.get(self.kind)
            if first:
                try:
                    s.send(first)
                except OSError:
                    pass
            self.sel.modify(s, selectors.EVENT_READ, ("crowd", s))
            return
        try:
            data = s.recv(65536)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if data:
            c["data"] += data
            if self.kind == "keepalive" and c["state"] == "standing" and response_complete(c["data"]):
                c["state"], c["data"] = "idle", b""  # answered: now an idle keep-alive connection
            return
        status = response_complete(c["data"]) if c["data"] else None
        if status == 408:
            self.answered_408 += 1
        elif c["data"]:
            self.other_answers += 1
        self.closed += 1
        self.drop(s)
        if self.refill:
            self.open_one()

    def drop(self, s):
        self.sel.unregister(s)
        del self.conns[s]
        s.close()

    def close_all(self):
        for s in list(self.conns):
            self.drop(s)


class Ordinary:
    """One ordinary request on its own connection."""

    def __init__(self, sel, port, n, timeout):
        self.sel, self.n = sel, n
        self.start = time.monotonic()
        self.deadline = self.start + timeout
        self.data = b""
        self.result = None  # ("ok", seconds) or (failure kind, seconds)
        self.request = ordinary_request(n)
        self.sent = False
        self.s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.s.setblocking(False)
        try:
            self.s.connect(("127.0.0.1", port))
        except BlockingIOError:
            pass
        except OSError:
            self.finish("connect failed")
            return
        self.sent = False
        sel.register(self.s, selectors.EVENT_WRITE, ("ordinary", self))

    def event(self, mask):
        if self.result:
            return
        if not self.sent:
            if self.s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR):
                return self.finish("connect failed")
            try:
                self.s.sendall(self.request)  # small: fits the send buffer of a fresh socket
            except OSError:
                return self.finish("send failed")
            self.sent = True
            self.sel.modify(self.s, selectors.EVENT_READ, ("ordinary", self))
            return
        try:
            data = self.s.recv(65536)
        except BlockingIOError:
            return
        except OSError:
            return self.finish("reset")
        self.data += data
        status = response_complete(self.data)
        if status is not None:
            return self.finish("ok" if 200 <= status < 300 else "status %d" % status)
        if not data:
            self.finish("closed without answer")

    def check_timeout(self, now):
        if not self.result and now >= self.deadline:
            self.finish("timeout")

    def finish(self, outcome):
        self.result = (outcome, time.monotonic() - self.start)
        try:
            self.sel.unregister(self.s)
        except (KeyError, ValueError):
            pass
        self.s.close()


def run(args):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    need = args.crowd + args.parallel + 64
    if hard < need:
        sys.exit("this shell allows %d descriptors; the crowd needs %d (raise `ulimit -Hn`)" % (hard, need))

    server = Server(args)
    end_of_run = time.monotonic() + args.deadline
    sel = selectors.DefaultSelector()
    crowd = Crowd(sel, server.port, args.kind, args.refill)
    print("listener pid %d port %d; crowd of %d %s connections%s" %
          (server.pid, server.port, args.crowd, args.kind, " (refilled)" if args.refill else ""))

    next_sample = 0.0

    def pump(until, ordinaries=()):
        nonlocal next_sample
        while True:
            now = time.monotonic()
            if now >= next_sample:
                server.held()
                server.drain_stderr()
                next_sample = now + 0.02
            for o in ordinaries:
                o.check_timeout(now)
            if now >= until or now >= end_of_run or (ordinaries and all(o.result for o in ordinaries)):
                return
            for key, mask in sel.select(timeout=min(0.02, max(0.0, until - now))):
                what, obj = key.data
                if what == "crowd":
                    crowd.event(obj, mask)
                else:
                    obj.event(mask)

    t0 = time.monotonic()
    for _ in range(args.crowd):
        crowd.open_one()
    # Let the crowd settle: connected as far as the kernel and the listener let it.
    pump(time.monotonic() + args.settle)
    print("crowd: %d opened, %d connected within %.1f s, %d could not be opened" %
          (crowd.opened, crowd.connected, time.monotonic() - t0, crowd.open_failures))

    if args.watch > 0:
        cpu0, w0 = server.cpu_seconds(), time.monotonic()
        pump(w0 + args.watch)
        cpu = server.cpu_seconds() - cpu0
        wall = time.monotonic() - w0
        print("while the crowd stood (%.1f s): listener CPU %.0f %% of one core; held at most %d connections, "
              "%d at the end" % (wall, 100 * cpu / wall, server.held_max, server.held()))

    if args.requests > 0:
        pump(t0 + args.after)
        results = []
        cpu0, w0 = server.cpu_seconds(), time.monotonic()
        n = 0
        while n < args.requests and time.monotonic() < end_of_run:
            batch = [Ordinary(sel, server.port, n + i, args.timeout)
                     for i in range(min(args.parallel, args.requests - n))]
            n += len(batch)
            pump(end_of_run, batch)
            for o in batch:
                o.check_timeout(o.deadline)
                results.append(o.result)
        wall = time.monotonic() - w0
        cpu = server.cpu_seconds() - cpu0
        ok = sorted(t for outcome, t in results if outcome == "ok")
        failures = {}
        for outcome, _ in results:
            if outcome != "ok":
                failures[outcome] = failures.get(outcome, 0) + 1
        print("ordinary requests: %d sent %.1f s after the crowd, %d failed %s" %
              (len(results), args.after, len(results) - len(ok),
               ", ".join("%d %s" % (v, k) for k, v in sorted(failures.items())) or ""))
        if ok:
            def pct(p):
                return ok[min(len(ok) - 1, int(p * len(ok)))]
            print("  answered in: median %.3f s, 95th %.3f s, max %.3f s" % (pct(0.5), pct(0.95), ok[-1]))
        if len(results) == 1:
            print("  the request took %.3f s (%s)" % (results[0][1], results[0][0]))
        cpu_text = "listener CPU %.0f %% of one core; " % (100 * cpu / wall) if wall >= 1 else ""
        print("  over %.1f s: %sheld at most %d connections" % (wall, cpu_text, server.held_max))

    print("crowd treatment: %d answered 408, %d other answers, %d closed by the server, %d still open" %
          (crowd.answered_408, crowd.other_answers, crowd.closed, len(crowd.conns)))
    crowd.close_all()
    server.stop()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--binary", help="start BINARY listen --port 0 (default: use --port/--pid)")
    p.add_argument("--port", type=int)
    p.add_argument("--pid", type=int, help="pid of the listener at --port (for held connections and CPU)")
    p.add_argument("--nofile", type=int, default=0, help="RLIMIT_NOFILE of the listener started here")
    p.add_argument("--crowd", type=int, default=1500, help="crowd connections (default 1500)")
    p.add_argument("--kind", choices=["stalled", "idle", "body", "keepalive"], default="stalled")
    p.add_argument("--refill", action="store_true", help="reopen crowd connections the server closes")
    p.add_argument("--settle", type=float, default=1.0, help="seconds to let the crowd connect (default 1)")
    p.add_argument("--watch", type=float, default=0, help="seconds to sample CPU and held connections")
    p.add_argument("--requests", type=int, default=0, help="ordinary requests, one connection each")
    p.add_argument("--parallel", type=int, default=1, help="ordinary requests in flight at once (default 1)")
    p.add_argument("--after", type=float, default=0, help="send them this many seconds after the crowd")
    p.add_argument("--timeout", type=float, default=5, help="seconds each ordinary request may take (default 5)")
    p.add_argument("--deadline", type=float, default=300, help="bound on the whole run in seconds (default 300)")
    p.add_argument("listen_args", nargs="*", help="after --: more options for `listen`")
    args = p.parse_args()
    if not args.binary and not (args.port and args.pid):
        p.error("give --binary, or --port and --pid of a running listener")
    run(args)


if __name__ == "__main__":
    main()
