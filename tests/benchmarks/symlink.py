#!/usr/bin/env python3
# A second `listen` given a symbolic link to a session another listener captures into: is it
# refused, and are all acknowledged requests in the file afterwards?
#   symlink.py BINARY [REQUESTS]   (default 20000, over 4 keep-alive connections)
import json, os, re, socket, subprocess, sys, tempfile, threading, time
binary = sys.argv[1]; n = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
d = tempfile.mkdtemp(dir="/tmp"); sess = d + "/s.hookscope"; link = d + "/link.hookscope"
def start(path):
    p = subprocess.Popen([binary, "listen", "--port", "0", "--session", path], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    line = p.stderr.readline()
    m = re.search(r":(\d+)\s*$", line)
    threading.Thread(target=lambda: [None for _ in p.stderr], daemon=True).start()  # keep draining
    return p, (int(m.group(1)) if m and "listening" in line else None), line.strip()
a, pa, _ = start(sess)
os.symlink(sess, link)
b, pb, lb = start(link)
print("second listener:", "listening" if pb else f"refused (exit {b.wait()}): {lb}")
ports = [p for p in (pa, pb) if p]
acked = [0]; lock = threading.Lock()
def client(port, count, base):
    s = socket.create_connection(("127.0.0.1", port), timeout=10); f = s.makefile("rb")
    ok = 0
    for i in range(count):
      try:
        body = b'{"i":%d}' % (base + i)
        s.sendall(b"POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
        status = f.readline(); length = 0
        while True:
            h = f.readline()
            if h in (b"\r\n", b""): break
            if h.lower().startswith(b"content-length:"): length = int(h.split(b":")[1])
        f.read(length)
        if status.split()[1].startswith(b"2"): ok += 1
      except Exception as e:
        print("client", port, "stopped after", i, "requests:", e); break
    with lock: acked[0] += ok
threads = [threading.Thread(target=client, args=(ports[i % len(ports)], n // 4, i * n)) for i in range(4)]
[t.start() for t in threads]; [t.join() for t in threads]
for p in (a, b):
    if p.poll() is None: p.terminate(); p.wait()
out = subprocess.run([binary, "export", sess, "--ndjson", "-"], capture_output=True)
print(f"acknowledged {acked[0]}, in the session {len(out.stdout.splitlines())}; export: {out.stderr.decode().strip()[:200]}")
subprocess.run(["rm", "-rf", d])
