#!/usr/bin/env python3
# Peak resident memory (VmHWM) of `hookscope listen --session` taking large bodies.
#   bigbody.py BINARY MODE [--json]
#   MODE: one90          one 90 MB body with Content-Length
#         one90chunked   one 90 MB body, chunked
#         four100chunked four 100 MiB chunked bodies at once
#         rejected413    a 100 MiB chunked body against --max-body 1M (prints how much stdout got)
#         rejected413default  a 110 MiB chunked body against the default 100 MiB limit
import os, re, socket, subprocess, sys, tempfile, threading, time
binary, mode = sys.argv[1], sys.argv[2]
json_out = "--json" in sys.argv
tmp = tempfile.mkdtemp(dir="/tmp")
args = [binary, "listen", "--port", "0", "--session", tmp + "/s.hookscope"]
if json_out: args.append("--json")
if mode == "rejected413": args += ["--max-body", "1M"]
elif mode == "rejected413default": pass
elif mode != "rejected413default": args += ["--max-body", "200M"]
out = open(tmp + "/out.ndjson", "wb")
p = subprocess.Popen(args, stdout=out, stderr=subprocess.PIPE, text=True)
port = int(re.search(r":(\d+)\s*$", p.stderr.readline()).group(1))
def rss(field):
    for l in open(f"/proc/{p.pid}/status"):
        if l.startswith(field): return int(l.split()[1]) // 1024
base = rss("VmRSS:")
def send(size, chunked):
    s = socket.create_connection(("127.0.0.1", port))
    block = b"x" * (1 << 20)
    if chunked:
        s.sendall(b"POST /big HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
        left = size
        try:
            while left > 0:
                n = min(left, len(block))
                s.sendall(b"%x\r\n" % n + block[:n] + b"\r\n"); left -= n
            s.sendall(b"0\r\n\r\n")
        except OSError: pass
    else:
        s.sendall(b"POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % size)
        left = size
        while left > 0:
            n = min(left, len(block)); s.sendall(block[:n]); left -= n
    data = b""
    try:
        while True:
            c = s.recv(65536)
            if not c: break
            data += c
    except OSError: pass
    return data.split(b"\r\n")[0]
t0 = time.time()
if mode == "one90":
    st = [send(90 * 1000 * 1000, False)]
elif mode == "four100chunked":
    st = [None] * 4
    def run(i): st[i] = send(100 * 1024 * 1024, True)
    ts = [threading.Thread(target=run, args=(i,)) for i in range(4)]
    [t.start() for t in ts]; [t.join() for t in ts]
elif mode == "one90chunked":
    st = [send(90 * 1000 * 1000, True)]
elif mode == "rejected413":
    st = [send(100 * 1024 * 1024, True)]
elif mode == "rejected413default":
    st = [send(110 * 1024 * 1024, True)]
elapsed = time.time() - t0
time.sleep(1)
peak = rss("VmHWM:")
p.terminate(); p.wait(); out.close()
size = os.path.getsize(tmp + "/out.ndjson")
print(f"{mode}{' --json' if json_out else ''}: answers {st}; {elapsed:.1f} s; resident at start {base} MB, peak {peak} MB; stdout {size/1e6:.1f} MB")
subprocess.run(["rm", "-rf", tmp])
