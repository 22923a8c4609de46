#!/usr/bin/env bash
# Loopback load test of `socialsla serve` (issue #3): signed X webhook POSTs from wrk, processing lag from /healthz,
# the server's peak memory from /proc. Needs wrk (apt-get install -y wrk), curl, python3 and the .NET 10 SDK.
#
#   bench/serve-load/run.sh [load|open]
#
# load (default): RATE deliveries/s (paced open schedule; RATE=0 = closed loop) for DURATION s over CONNECTIONS
#                 connections; prints requests/s, acknowledgement p50/p90/p99, errors, the engine's lag and drain
#                 time, and the server's peak RSS.
# open:           COUNT (100000) customer mentions in distinct conversations, never answered (each opens a case that
#                 stays open), then once processing has drained, the server's RSS (VmRSS, VmHWM).
# load first warms the server up (JIT, caches) with WARMUP s (5; 0 = none) of the same traffic at RATE (or 5000/s),
# distinct from the measured deliveries, and wait for it to drain.
# Environment: RATE (5000) DURATION (30) CONNECTIONS (64) THREADS (1) BRANDS (2000) COUNT PORT (5117)
#              WORK (/tmp/socialsla-serve-load) SERVER (another socialsla binary, for A/B runs) NO_BUILD=1 (reuse the last build) DOTNET_* (passed to the server).
set -euo pipefail
scenario=${1:-load}
repo=$(cd "$(dirname "$0")/../.." && pwd)
here="$repo/bench/serve-load"
RATE=${RATE:-5000}; DURATION=${DURATION:-30}; CONNECTIONS=${CONNECTIONS:-64}; THREADS=${THREADS:-1}
[[ ${1:-load} == open ]] && WARMUP=0  # the open scenario counts cases: no warm-up traffic
WARMUP=${WARMUP:-5}; BRANDS=${BRANDS:-2000}; PORT=${PORT:-5117}; WORK=${WORK:-/tmp/socialsla-serve-load}
SECRET=load_test_x_consumer_secret
if [[ $scenario == open ]]; then COUNT=${COUNT:-100000}; RATE=${RATE_OPEN:-0}
else COUNT=${COUNT:-$(( RATE > 0 ? RATE * DURATION * 13 / 10 + 1000 : 600000 ))}; fi

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
if [[ ${NO_BUILD:-0} != 1 ]]; then
  dotnet build "$repo/src/SocialSla.Standalone" -c Release -v q -nologo >/dev/null
  dotnet build "$repo/bench/SocialSla.LoadTest" -c Release -v q -nologo >/dev/null
fi
server=${SERVER:-"$repo/src/SocialSla.Standalone/bin/Release/net10.0/socialsla"}
loadtest="$repo/bench/SocialSla.LoadTest/bin/Release/net10.0/socialsla-loadtest"

rm -rf "$WORK" && mkdir -p "$WORK"
"$loadtest" config --out "$WORK/config.json" --brands "$BRANDS" --secret "$SECRET" --database load.db
"$loadtest" requests --out "$WORK/requests.txt" --count "$COUNT" --brands "$BRANDS" --secret "$SECRET" --scenario "$scenario"
warm_rate=$(( RATE > 0 ? RATE : 5000 ))
(( WARMUP > 0 )) && "$loadtest" requests --out "$WORK/warmup.txt" --count $(( warm_rate * WARMUP * 13 / 10 + 1000 )) --brands "$BRANDS" \
  --secret "$SECRET" --scenario load --offset 100000000

"$server" serve --config "$WORK/config.json" --urls "http://127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; kill ${poller:-} 2>/dev/null || true' EXIT
trap "exit 1" INT TERM
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null || { echo "the server did not start:" >&2; cat "$WORK/server.log" >&2; exit 1; }

wait_drained() {
  while [[ $(curl -s "http://127.0.0.1:$PORT/healthz" | python3 -c 'import json,sys; print(json.load(sys.stdin)["components"]["engine"]["inboxLag"])') != 0 ]]; do
    sleep 0.1
  done
}
if (( WARMUP > 0 )); then
  wrk -t 1 -c "$CONNECTIONS" -d "${WARMUP}s" --timeout 5s -s "$here/x-webhooks.lua" "http://127.0.0.1:$PORT" -- "$WORK/warmup.txt" 1 "$warm_rate" >"$WORK/warmup-wrk.txt"
  wait_drained
  sleep 2
fi
base_seq=$(curl -s "http://127.0.0.1:$PORT/healthz" | python3 -c 'import json,sys; print(json.load(sys.stdin)["components"]["engine"]["processedSeq"])')
cpu_ticks() { awk '{print $14+$15}' "/proc/$pid/stat"; }
cpu0=$(cpu_ticks)
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"

# One line every 0.5 s: seconds since start, processedSeq, inboxLag, VmRSS kB.
poll() {
  local t0; t0=$(date +%s.%N)
  while kill -0 "$pid" 2>/dev/null; do
    local health rss
    health=$(curl -s --max-time 2 "http://127.0.0.1:$PORT/healthz" || true)
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    python3 -c 'import json,sys,time
t0=float(sys.argv[1]); rss=sys.argv[2]
try:
  e=json.loads(sys.stdin.read())["components"]["engine"]; print("%.1f %d %d %s" % (time.time()-t0, e["processedSeq"], e["inboxLag"], rss))
except Exception: print("%.1f -1 -1 %s" % (time.time()-t0, rss))' "$t0" "$rss" <<<"$health"
    sleep 0.5
  done
}
poll >"$WORK/lag.txt" &
poller=$!

args=("$WORK/requests.txt" "$THREADS" "$RATE")
start_ns=$(date +%s%N)
if [[ $scenario == open ]]; then
  # Each delivery once: every wrk thread stops after its share of the file; wrk itself runs on until -d, so it is
  # interrupted (it then prints its summary) once the server has stored the whole file.
  wrk -t "$THREADS" -c "$CONNECTIONS" -d 600s --timeout 5s -s "$here/x-webhooks.lua" \
    "http://127.0.0.1:$PORT" -- "${args[@]}" once >"$WORK/wrk.txt" &
  wrk_pid=$!
  while kill -0 "$wrk_pid" 2>/dev/null; do
    stored=$(curl -s "http://127.0.0.1:$PORT/healthz" | python3 -c 'import json,sys; e=json.load(sys.stdin)["components"]["engine"]; print(e["processedSeq"] + e["inboxLag"])' || echo 0)
    (( stored - base_seq >= COUNT )) && { sleep 1; kill -INT "$wrk_pid"; }
    sleep 0.5
  done
  wait "$wrk_pid" || true
  cat "$WORK/wrk.txt"
else
  wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" --timeout 5s --latency -s "$here/x-webhooks.lua" \
    "http://127.0.0.1:$PORT" -- "${args[@]}" | tee "$WORK/wrk.txt"
fi
end_ns=$(date +%s%N)

# Drain: until the engine has applied everything stored.
drain_start=$(date +%s%N)
wait_drained
drain_ms=$(( ($(date +%s%N) - drain_start) / 1000000 ))
sleep 3  # let the GC settle before reading RSS
kill "$poller" 2>/dev/null || true
rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status"); hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
cpu=$(awk -v c0="$cpu0" '{print ($14+$15-c0)/100}' "/proc/$pid/stat")
# The engine's own thread (named socialsla-engine, cut to 15 characters by Linux): CPU seconds since the server started.
engine_cpu=0
for task in /proc/$pid/task/*; do
  [[ $(cat "$task/comm" 2>/dev/null) == socialsla-engin ]] && engine_cpu=$(awk '{print ($14+$15)/100}' "$task/stat")
done

echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$WORK" "$scenario" "$drain_ms" "$rss" "$hwm" "$cpu" "$(( (end_ns - start_ns) / 1000000 ))" "$base_seq" "$engine_cpu" <<'PY'
import sys, sqlite3, re
work, scenario, drain_ms, rss, hwm, cpu, load_ms, base_seq, engine_cpu = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7]), int(sys.argv[8]), float(sys.argv[9])
lag = [l.split() for l in open(f"{work}/lag.txt") if not l.startswith("-") and l.split()[1] != "-1"]
max_lag = max((int(l[2]) for l in lag), default=0)
db = sqlite3.connect(f"file:{work}/load.db?mode=ro", uri=True)
db.execute(f"ATTACH DATABASE 'file:{work}/load.inbox.db?mode=ro' AS inbox_file")
counters = dict(db.execute("SELECT name, value FROM counters"))
inbox = db.execute("SELECT count(*) FROM inbox WHERE seq > ?", (base_seq,)).fetchone()[0]
cases = dict(db.execute("SELECT status, count(*) FROM cases GROUP BY status"))
print(f"RESULT scenario={scenario} load_wall_ms={load_ms} stored_in_run={inbox} (all runs:) mentions={counters.get('mentions',0)} duplicates={counters.get('duplicates',0)} cases={cases}")
print(f"RESULT max_inbox_lag={max_lag} drain_after_load_ms={drain_ms} server_cpu_s={cpu:.1f} (run + drain) = {cpu * 1e6 / max(inbox, 1):.0f} us per delivery")
all_inbox = db.execute("SELECT count(*) FROM inbox").fetchone()[0]
print(f"RESULT engine_thread_cpu_s={engine_cpu:.1f} (since start, warm-up included) = {engine_cpu * 1e6 / max(all_inbox, 1):.0f} us per delivery")
print(f"RESULT VmRSS_MB={rss/1024:.1f} VmHWM_MB={hwm/1024:.1f}")
PY
