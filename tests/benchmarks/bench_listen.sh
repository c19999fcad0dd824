#!/usr/bin/env bash
# Load benchmark of `hookscope listen` against nginx, run by hand (not in CI).
#
#   tests/benchmarks/bench_listen.sh [--duration 8] [--connections 32] [--bare] [--session]
#                                    [--signature [--rounds 3]] [--tls [--rounds 3]]
#                                    [-- extra listen options]
#
# Same run, same load for each server: wrk -t1 -cN -dDs with a 1 KB JSON POST. nginx (Debian's
# package, with its echo module) reads every body and answers 200. Hookscope must capture every
# request: its output lines are counted against wrk's completed requests. --bare adds the bare
# QTcpServer reference loop (tests/benchmarks/bare_server.cpp). --session captures into a session
# file with durable answers (each answer waits for its commit) and counts the rows in the file.
# --signature signs every request (Stripe-Signature over the body, fresh timestamp) and runs
# Hookscope without a secret and with the matching --secret in alternation (--rounds pairs), then
# prints the median of each and their ratio: what verification costs capture.
# --tls runs Hookscope with an https port too (its own generated certificate, in a scratch data
# directory) and loads the plain port and the https port in alternation (--rounds pairs; wrk keeps
# its connections alive, so the handshakes are few), then prints the median of each and their
# ratio: what TLS costs capture.
set -euo pipefail

duration=8
connections=32
bare=0
session=0
signature=0
tls=0
rounds=3
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --bare) bare=1; shift ;;
    --session) session=1; shift ;;
    --signature) signature=1; shift ;;
    --tls) tls=1; shift ;;
    --rounds) rounds=$2; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

source "$(dirname "$0")/benchsetup.sh" hookscope bench_bare_server

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
stripe_secret=whsec_hookscope_bench
signature_header=""
if [[ $signature -eq 1 ]]; then
  # Signed now: the runs take seconds, well inside Stripe's 300 s tolerance.
  sig=$(python3 - "$work/body.json" "$stripe_secret" <<'PY'
import hashlib, hmac, sys, time
body = open(sys.argv[1], "rb").read()
t = str(int(time.time()))
print("t=%s,v1=%s" % (t, hmac.new(sys.argv[2].encode(), t.encode() + b"." + body, hashlib.sha256).hexdigest()))
PY
)
  signature_header="wrk.headers[\"Stripe-Signature\"] = \"$sig\""
fi
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
$signature_header
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

if [[ $session -eq 1 ]]; then
  extra+=(--session "$work/bench.hookscope")
fi
run_hookscope() { # label [listen options...]: prints "rps completed captured valid"
  local label=$1; shift
  local port tls_port url
  port=$(free_port)
  tls_port=$(free_port)
  rm -f "$work/bench.hookscope"*
  # With --tls every run also serves https, so both halves of a pair run the same program.
  local tls_options=()
  [[ $tls -eq 1 ]] && tls_options=(--tls-port "$tls_port")
  XDG_DATA_HOME="$work/data" "$build/bin/hookscope" listen --port "$port" "${tls_options[@]}" "${extra[@]}" "$@" \
    >"$work/captured.txt" 2>"$work/listen.err" &
  local pid=$!
  pids+=($pid)
  wait_port "$port"
  url="http://127.0.0.1:$port/hooks"
  if [[ $label == https ]]; then
    wait_port "$tls_port"
    url="https://127.0.0.1:$tls_port/hooks"
  fi
  local rps total
  read -r rps total < <(run_wrk "$label" "$url")
  kill -TERM "$pid"; wait "$pid" || { echo "hookscope listen exited with $?" >&2; }
  local captured valid
  captured=$(wc -l <"$work/captured.txt")
  valid=$(grep -c 'stripe:valid' "$work/captured.txt" || true)
  if [[ $session -eq 1 ]]; then
    local stored size
    stored=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from requests").fetchone()[0])' "$work/bench.hookscope")
    size=$(du -b "$work/bench.hookscope" | cut -f1)
    printf 'in file    %s requests (%s bytes)\n' "$stored" "$size" >&2
    if (( stored < total )); then
      echo "FAIL: the session file lacks answered requests" >&2
      exit 1
    fi
  fi
  if (( captured < total )); then
    echo "FAIL: hookscope lost requests ($captured captured of $total completed)" >&2
    exit 1
  fi
  echo "$rps $total $captured $valid"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo
printf 'nginx      %s req/s\n' "$ngx_rps"
[[ $bare -eq 1 ]] && printf 'bare Qt    %s req/s  (%s x nginx)\n' "$bare_rps" "$(ratio "$bare_rps" "$ngx_rps")"
if [[ $tls -eq 1 ]]; then
  plain=()
  secure=()
  for ((round = 1; round <= rounds; round++)); do
    read -r rps _ _ _ < <(run_hookscope http)
    plain+=("$rps")
    read -r rps _ _ _ < <(run_hookscope https)
    secure+=("$rps")
  done
  p=$(median "${plain[@]}")
  s=$(median "${secure[@]}")
  printf 'plain http  %s req/s median of %s (%s x nginx)\n' "$p" "${plain[*]}" "$(ratio "$p" "$ngx_rps")"
  printf 'https       %s req/s median of %s (%s x nginx)\n' "$s" "${secure[*]}" "$(ratio "$s" "$ngx_rps")"
  printf 'ratio       %s (https / plain), every request captured\n' "$(ratio "$s" "$p")"
  exit 0
fi
if [[ $signature -eq 0 ]]; then
  read -r hs_rps hs_total captured _ < <(run_hookscope hookscope)
  printf 'hookscope  %s req/s  (%s x nginx)\n' "$hs_rps" "$(ratio "$hs_rps" "$ngx_rps")"
  printf 'captured   %s of %s completed requests (wrk counts; requests in flight at the end are captured too)\n' \
    "$captured" "$hs_total"
  exit 0
fi
plain=()
verified=()
for ((round = 1; round <= rounds; round++)); do
  read -r rps _ _ _ < <(run_hookscope no-secret)
  plain+=("$rps")
  read -r rps total _ valid < <(run_hookscope secret --secret "stripe=$stripe_secret")
  verified+=("$rps")
  if (( valid < total )); then
    echo "FAIL: only $valid of $total requests were verified valid" >&2
    exit 1
  fi
done
p=$(median "${plain[@]}")
v=$(median "${verified[@]}")
printf 'without a secret  %s req/s median of %s (%s x nginx)\n' "$p" "${plain[*]}" "$(ratio "$p" "$ngx_rps")"
printf 'with a secret     %s req/s median of %s (%s x nginx), every request verified valid\n' "$v" \
  "${verified[*]}" "$(ratio "$v" "$ngx_rps")"
printf 'ratio             %s (with / without)\n' "$(ratio "$v" "$p")"
