#!/usr/bin/env bash
# The sender's figures beside their references, run by hand (not in CI).
#
#   tests/benchmarks/bench_send.sh [--messages 10000] [--connections 32] [--destinations 100] [--rounds 5]
#
# 1. Fan-out: one 1 KB message to N local destinations through the delivery engine, wall time,
#    beside `curl --parallel` sending the same body to the same destinations.
# 2. Load: M messages through the delivery engine with C connections against `hookscope listen`,
#    R rounds over one engine (median), beside `wrk -t1 -cC -d5s` posting the same 1 KB body to
#    the same listener; prints the ratio
#    (the issue's goal: at least 0.5 of wrk).
# 3. Repeat: `hookscope send --repeat M --concurrency C` against the same listener, R runs (median),
#    beside the same wrk figure; then once into a listener with a session, counting what it kept.
# 4. Forwarding: `wrk -cC -d5s --latency` against a listener that forwards nowhere, one that
#    forwards to a fast destination (another hookscope listen) and one that forwards to a
#    destination that never answers: throughput and p50/p99 of the senders' answers.
set -euo pipefail

messages=10000
connections=32
destinations=100
rounds=5
while [[ $# -gt 0 ]]; do
  case "$1" in
    --messages) messages=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --destinations) destinations=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

source "$(dirname "$0")/benchsetup.sh" hookscope bench_send
bench="$build/tests/benchmarks/bench_send"


echo "== fan-out" >&2
"$bench" fanout --destinations "$destinations" --rounds "$rounds"

echo "== load: $messages messages, $connections connections, against hookscope listen" >&2
"$build/bin/hookscope" listen --port 0 >/dev/null 2>"$work/listen.err" & pids+=($!)
for _ in $(seq 100); do
  port=$(sed -n 's/^listening on http:\/\/127.0.0.1:\([0-9]*\)$/\1/p' "$work/listen.err")
  [[ -n $port ]] && break
  sleep 0.1
done
[[ -n ${port:-} ]] || { echo "hookscope listen did not start" >&2; exit 1; }
url="http://127.0.0.1:$port/hooks"

python3 - "$work/body.json" <<'PY'
import sys
body = '{"id":"evt_1OaBcDeFgHiJkLmN","object":"event","type":"invoice.paid","pad":"'
body += "x" * (1024 - len(body) - 2) + '"}'
open(sys.argv[1], "w").write(body)
PY
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$work/body.json", "rb")
wrk.body = f:read("*a")
f:close()
LUA

ours=$("$bench" load --url "$url" --messages "$messages" --connections "$connections" --rounds "$rounds" \
  --body "$work/body.json")
echo "hookscope send engine:"
echo "$ours"
ours_rps=$(awk '/^median/ {for (i = 1; i < NF; i++) if ($(i+1) == "messages/s,") print $i}' <<<"$ours")
wrk_out=$(wrk -t1 -c"$connections" -d5s -s "$work/post.lua" "$url")
wrk_rps=$(awk '/Requests\/sec/ {print $2}' <<<"$wrk_out")
echo "wrk -t1 -c$connections -d5s:  $wrk_rps requests/s"
python3 -c "print('ratio hookscope/wrk: %.2f' % ($ours_rps / $wrk_rps))"

echo "== repeat: hookscope send --repeat $messages --concurrency $connections, against the same listener" >&2
repeat_rps=()
for _ in $(seq "$rounds"); do
  line=$("$build/bin/hookscope" send "$url" -H 'Content-Type: application/json' --data "$(cat "$work/body.json")" \
    --repeat "$messages" --concurrency "$connections" --json)
  repeat_rps+=("$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["requests_per_second"])' "$line")")
done
repeat_median=$(printf '%s\n' "${repeat_rps[@]}" | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
echo "hookscope send --repeat: ${repeat_rps[*]} requests/s, median $repeat_median"
python3 -c "print('ratio repeat/wrk: %.2f' % ($repeat_median / $wrk_rps))"

echo "== repeat into a session: is every one captured?" >&2
"$build/bin/hookscope" listen --port 0 --session "$work/repeat.hookscope" >/dev/null 2>"$work/listen2.err" &
session_pid=$!
pids+=($session_pid)
for _ in $(seq 100); do
  port2=$(sed -n 's/^listening on http:\/\/127.0.0.1:\([0-9]*\)$/\1/p' "$work/listen2.err")
  [[ -n $port2 ]] && break
  sleep 0.1
done
[[ -n ${port2:-} ]] || { echo "hookscope listen --session did not start" >&2; exit 1; }
line=$("$build/bin/hookscope" send "http://127.0.0.1:$port2/hooks" -H 'Content-Type: application/json' \
  --data "$(cat "$work/body.json")" --repeat "$messages" --concurrency "$connections" --json)
kill -TERM "$session_pid"
wait "$session_pid" 2>/dev/null || true
python3 - "$work/repeat.hookscope" "$messages" "$line" <<'PY'
import json, sqlite3, sys
captured = sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM requests").fetchone()[0]
summary = json.loads(sys.argv[3])
print("durable listener: %.0f requests/s, by status %s; captured %d of %s in the session file"
      % (summary["requests_per_second"], summary["by_status"], captured, sys.argv[2]))
PY

echo "== forwarding: does a slow destination delay the senders? wrk -c$connections against three listeners" >&2
# A destination that accepts connections (the kernel's backlog) and never answers.
python3 -c 'import socket, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(4096)
print(s.getsockname()[1], flush=True); time.sleep(3600)' >"$work/hang.port" & pids+=($!)
"$build/bin/hookscope" listen --port 0 >/dev/null 2>"$work/fast.err" & pids+=($!)
start_listener() { # NAME ARGS... → sets $p to its port
  : >"$work/$1.err"
  "$build/bin/hookscope" listen --port 0 "${@:2}" >/dev/null 2>"$work/$1.err" & pids+=($!)
  for _ in $(seq 100); do
    p=$(sed -n 's/^listening on http:\/\/127.0.0.1:\([0-9]*\)$/\1/p' "$work/$1.err")
    [[ -n $p ]] && return
    sleep 0.1
  done
  echo "hookscope listen $1 did not start" >&2; exit 1
}
sleep 0.5
hang_port=$(cat "$work/hang.port")
fast_port=$(sed -n 's/^listening on http:\/\/127.0.0.1:\([0-9]*\)$/\1/p' "$work/fast.err")
for setup in "none" "fast http://127.0.0.1:$fast_port" "hanging http://127.0.0.1:$hang_port"; do
  name=${setup%% *}
  if [[ $name == none ]]; then
    start_listener plain
  else
    start_listener "$name" --forward "${setup#* }"
  fi
  out=$(wrk -t1 -c"$connections" -d5s --latency -s "$work/post.lua" "http://127.0.0.1:$p/hooks")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  printf 'forward to %-8s %10s requests/s, latency p50 %s, p99 %s\n' "$name:" "$rps" "$p50" "$p99"
done
