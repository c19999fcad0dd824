#!/usr/bin/env bash
# Load benchmark of `hookscope listen` against nginx, run by hand (not in CI).
#
#   tests/benchmarks/bench_listen.sh [--duration 8] [--connections 32] [--bare] [--session]
#                                    [-- extra listen options]
#
# Same run, same load for each server: wrk -t1 -cN -dDs with a 1 KB JSON POST. nginx (Debian's
# package, with its echo module) reads every body and answers 200. Hookscope must capture every
# request: its output lines are counted against wrk's completed requests. --bare adds the bare
# QTcpServer reference loop (tests/benchmarks/bare_server.cpp). --session captures into a session
# file with durable answers (each answer waits for its commit) and counts the rows in the file.
set -euo pipefail

duration=8
connections=32
bare=0
session=0
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --bare) bare=1; shift ;;
    --session) session=1; shift ;;
    --) shift; extra=("$@"); break ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD_DIR:-$root/build/bench}
"$root/packaging/install-deps.sh" --bench
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DHOOKSCOPE_BUILD_TESTS=ON >/dev/null
cmake --build "$build" -j"$(nproc)" --target hookscope bench_bare_server >/dev/null

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

wait_port() { # port: wait until something accepts connections there
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listening on port $1" >&2
  exit 1
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# A 1 KB JSON webhook body.
python3 - "$work/body.json" <<'PY'
import json, sys
event = {"id": "evt_1OaBcDeFgHiJkLmN", "object": "event", "type": "invoice.paid", "created": 1700000000,
         "data": {"object": {"id": "in_1OaBcDeFgHiJkLmN", "amount_paid": 4200, "currency": "eur",
                             "customer": "cus_PqRsTuVwXyZ", "lines": []}}}
s = json.dumps(event)
pad = 1024 - len(s) - len(',"pad":""}') + 1
event["pad"] = "x" * pad
s = json.dumps(event, separators=(",", ":"))
s = s + " " * (1024 - len(s))
assert len(s) == 1024, len(s)
open(sys.argv[1], "w").write(s)
PY
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$work/body.json", "rb")
wrk.body = f:read("*a")
f:close()
LUA

run_wrk() { # label url
  local out
  out=$(wrk -t1 -c"$connections" -d"${duration}s" -s "$work/post.lua" "$2")
  local rps total
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  total=$(awk '/requests in/ {print $1}' <<<"$out")
  local errors
  errors=$(grep -E 'Non-2xx|Socket errors' <<<"$out" || true)
  printf '%-10s %10s req/s  %9s requests  %s\n' "$1" "$rps" "$total" "$errors" >&2
  echo "$rps $total"
}

# nginx
ngx_port=$(free_port)
mkdir -p "$work/nginx"
cat > "$work/nginx/nginx.conf" <<NGX
load_module /usr/lib/nginx/modules/ngx_http_echo_module.so;
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  server {
    listen 127.0.0.1:$ngx_port;
    location / {
      client_body_buffer_size 64k;
      client_body_in_single_buffer on;
      default_type application/json;
      echo_read_request_body;
      echo -n '{"ok":true}';
    }
  }
}
NGX
nginx -c "$work/nginx/nginx.conf" & pids+=($!)
wait_port "$ngx_port"
read -r ngx_rps _ < <(run_wrk nginx "http://127.0.0.1:$ngx_port/hooks")
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

if [[ $bare -eq 1 ]]; then
  bare_port=$(free_port)
  "$build/tests/benchmarks/bench_bare_server" "$bare_port" 2>/dev/null & pids+=($!)
  wait_port "$bare_port"
  read -r bare_rps _ < <(run_wrk bare-qt "http://127.0.0.1:$bare_port/hooks")
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
fi

hs_port=$(free_port)
if [[ $session -eq 1 ]]; then
  extra+=(--session "$work/bench.hookscope")
fi
"$build/bin/hookscope" listen --port "$hs_port" "${extra[@]}" >"$work/captured.txt" 2>"$work/listen.err" & hs_pid=$!
pids+=($hs_pid)
wait_port "$hs_port"
read -r hs_rps hs_total < <(run_wrk hookscope "http://127.0.0.1:$hs_port/hooks")
kill -TERM "$hs_pid"; wait "$hs_pid" || { echo "hookscope listen exited with $?" >&2; }
captured=$(wc -l <"$work/captured.txt")
if [[ $session -eq 1 ]]; then
  stored=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from requests").fetchone()[0])' "$work/bench.hookscope")
  size=$(du -b "$work/bench.hookscope" | cut -f1)
  printf 'in file    %s requests (%s bytes)\n' "$stored" "$size"
  if (( stored < hs_total )); then
    echo "FAIL: the session file lacks answered requests" >&2
    exit 1
  fi
fi

echo
printf 'nginx      %s req/s\n' "$ngx_rps"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
[[ $bare -eq 1 ]] && printf 'bare Qt    %s req/s  (%s x nginx)\n' "$bare_rps" "$(ratio "$bare_rps" "$ngx_rps")"
printf 'hookscope  %s req/s  (%s x nginx)\n' "$hs_rps" "$(ratio "$hs_rps" "$ngx_rps")"
printf 'captured   %s of %s completed requests (wrk counts; requests in flight at the end are captured too)\n' \
  "$captured" "$hs_total"
if (( captured < hs_total )); then
  echo "FAIL: hookscope lost requests" >&2
  exit 1
fi
