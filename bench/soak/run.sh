#!/usr/bin/env bash
# Soak benchmark of `socialsla serve` (issue #8): DURATION s (3600) of mixed signed webhooks (X tweets, X DMs,
# Messenger; replies, follow-ups, redeliveries, unanswered cases an agent resolves after their breach) at RATE/s (1000)
# on loopback, with the server's alerts received by the generator on a loopback signed-webhook sink. Every REPORT s
# (300) one line: deliveries/s, errors, acknowledgement p50/p99/max, alerts and their lateness p50/p99/max
# (receipt − threshold instant), resolves, the server's RSS and CPU, inbox lag, open and resolved cases. Needs the
# .NET 10 SDK; nothing else.
#
#   bench/soak/run.sh            # the hour the issue asks for
#   DURATION=300 REPORT=60 bench/soak/run.sh   # a short look
# Environment: RATE DURATION REPORT BRANDS (200) PORT (5127) ALERT_PORT (5128) WORK (/tmp/socialsla-soak) NO_BUILD=1
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
RATE=${RATE:-1000}; DURATION=${DURATION:-3600}; REPORT=${REPORT:-300}; BRANDS=${BRANDS:-200}
PORT=${PORT:-5127}; ALERT_PORT=${ALERT_PORT:-5128}; WORK=${WORK:-/tmp/socialsla-soak}
SECRET=soak_secret; TOKEN=soak-agent-token
if [[ ${NO_BUILD:-0} != 1 ]]; then
  dotnet build "$repo/src/SocialSla.Standalone" -c Release -v q -nologo >/dev/null
  dotnet build "$repo/bench/SocialSla.LoadTest" -c Release -v q -nologo >/dev/null
fi
server="$repo/src/SocialSla.Standalone/bin/Release/net10.0/socialsla"
loadtest="$repo/bench/SocialSla.LoadTest/bin/Release/net10.0/socialsla-loadtest"
rm -rf "$WORK" && mkdir -p "$WORK"
"$loadtest" soak-config --out "$WORK/config.json" --brands "$BRANDS" --secret "$SECRET" --token "$TOKEN" --alert-port "$ALERT_PORT" --database soak.db
"$server" serve --config "$WORK/config.json" --urls "http://127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null || { echo "the server did not start:" >&2; cat "$WORK/server.log" >&2; exit 1; }
echo "soak: commit $(git -C "$repo" rev-parse --short HEAD), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
"$loadtest" soak --url "http://127.0.0.1:$PORT" --pid "$pid" --database "$WORK/soak.db" --brands "$BRANDS" --secret "$SECRET" \
  --token "$TOKEN" --alert-port "$ALERT_PORT" --rate "$RATE" --duration "$DURATION" --report-every "$REPORT"
echo "soak: server peak RSS $(awk '/VmHWM/ {print $2/1024 " MB"}' "/proc/$pid/status"), load average $(cut -d' ' -f1-3 /proc/loadavg)"
