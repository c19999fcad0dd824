#!/usr/bin/env bash
# tests/benchmarks/bench_tunnel.sh [HOOKSCOPE]: starts `hookscope listen --tunnel cloudflared` with a
# stand-in cloudflared five times per signal, signals Hookscope once the public URL is printed, and
# prints how long the tool lived on (an upper bound: the poll itself costs a few ms). Each wait is
# bounded (10 s); a tool still there then is reported as such.
set -u
hookscope=${1:-build/test/bin/hookscope}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat > "$dir/cloudflared" <<'TOOL'
#!/bin/sh
echo $$ > "$(dirname "$0")/pid"
echo "2026-12-05T10:00:01Z INF |  https://abc-def.trycloudflare.com   |" >&2
exec sleep 600
TOOL
chmod +x "$dir/cloudflared"
gone() { local st; st=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null); [[ -z $st || $st == Z ]]; }
for sig in KILL TERM; do
  for run in 1 2 3 4 5; do
    rm -f "$dir/pid" "$dir/err"
    PATH=$dir:$PATH "$hookscope" listen --port 0 --tunnel cloudflared 2>"$dir/err" &
    pid=$!
    for _ in $(seq 1000); do grep -q "public url" "$dir/err" 2>/dev/null && break; sleep 0.01; done
    tool=$(cat "$dir/pid" 2>/dev/null || echo 0)
    start=$(date +%s%N)
    kill -"$sig" "$pid"
    for _ in $(seq 10000); do gone "$tool" && break; sleep 0.001; done
    end=$(date +%s%N)
    wait "$pid" 2>/dev/null
    if gone "$tool"; then
      echo "SIG$sig run $run: tool gone after $(( (end - start) / 1000000 )) ms"
    else
      echo "SIG$sig run $run: tool $tool STILL RUNNING after 10 s"; kill -9 "$tool"
    fi
  done
done
