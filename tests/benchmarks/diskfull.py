#!/usr/bin/env python3
# Disk full, then space comes back (issue 8): does every acknowledged request end up in the file?
# Needs root (it mounts a 6 MB tmpfs on /tmp/hsfull). Every request is its own connection.
#   diskfull.py BINARY [grow|partial]
#   grow:    300 requests of ~20 KB fill the disk; it grows to 40 MB; 6 more requests
#   partial: as grow, but first it grows to 8 MB only and 150 more requests are sent
# Prints the statuses, the acknowledged (2xx) count, the exported count and what is missing.
import json, os, socket, subprocess, sys, time, base64, re
binary = sys.argv[1]
mode = sys.argv[2] if len(sys.argv) > 2 else "grow"   # grow: remount bigger while running
d = "/tmp/hsfull"
subprocess.run(["umount", d], stderr=subprocess.DEVNULL)
os.makedirs(d, exist_ok=True)
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", d], check=True)
sess = d + "/s.hookscope"
p = subprocess.Popen([binary, "listen", "--port", "0", "--session", sess], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
line = p.stderr.readline()
port = int(re.search(r":(\d+)", line.split("http://")[1]).group(1))
def post(n, body):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    req = b"POST /n/%d HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % (n, len(body)) + body
    s.sendall(req)
    data = b""
    while True:
        c = s.recv(65536)
        if not c: break
        data += c
    s.close()
    return int(data.split(b" ")[1]) if data else 0
acked = []
statuses = {}
for i in range(300):
    body = json.dumps({"n": i, "pad": "x" * 20000}).encode()
    st = post(i, body)
    statuses[st] = statuses.get(st, 0) + 1
    if 200 <= st < 300: acked.append(i)
if mode == "partial":
    # free only part of the space and keep sending
    subprocess.run(["mount", "-o", "remount,size=8m", d], check=True)
    for i in range(2000, 2150):
        body = json.dumps({"n": i, "pad": "x" * 20000}).encode()
        st = post(i, body)
        statuses[st] = statuses.get(st, 0) + 1
        if 200 <= st < 300: acked.append(i)
subprocess.run(["mount", "-o", "remount,size=40m", d], check=True)
st = post(1000, b'{"after":1}')
if 200 <= st < 300: acked.append(1000)
# a few more after space came back
for i in range(1001, 1006):
    if 200 <= post(i, b'{"after":%d}' % i) < 300: acked.append(i)
time.sleep(0.5)
p.terminate(); p.wait(timeout=30)
out = subprocess.run([binary, "export", sess, "--ndjson", "-"], capture_output=True)
got = set()
for l in out.stdout.splitlines():
    o = json.loads(l)
    if o.get("target"):
        m = re.match(r"/n/(\d+)", o["target"])
        if m: got.add(int(m.group(1)))
missing = [a for a in acked if a not in got]
print(f"statuses {statuses}; acknowledged {len(acked)}; exported {len(got)}; acknowledged but missing {len(missing)} {missing[:10]}")
subprocess.run(["umount", d])
