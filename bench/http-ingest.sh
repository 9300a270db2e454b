#!/usr/bin/env bash
# Durable HTTP ingest, measured with `liveprofile loadgen` against a Release server on loopback.
# Starts its own server on a temporary data directory, warms it up, runs a flat-out load and a
# paced load (about half of flat out), prints both reports, and stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-20}
rate=${RATE:-50000}
port=${PORT:-5099}
data=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$data"' EXIT

dotnet build src/LiveProfile.Cli -c Release -v q -nologo >/dev/null
cli="dotnet src/LiveProfile.Cli/bin/Release/net10.0/liveprofile.dll"
LIVEPROFILE_SILOPORT=$((port + 1)) LIVEPROFILE_GATEWAYPORT=$((port + 2)) \
  $cli serve --data "$data" --urls "http://127.0.0.1:$port" >"$data.server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done

echo "== warm-up (10 s, not reported)"
$cli loadgen --server "http://127.0.0.1:$port" --duration 10 --concurrency 8 --batch 2000 --seed 1 >/dev/null
echo "== flat out: 8 senders x 2,000-event requests, ${duration} s"
$cli loadgen --server "http://127.0.0.1:$port" --duration "$duration" --concurrency 8 --batch 2000 --seed 2 | tail -13
echo "== paced at ${rate} events/s: 1,000-event requests, ${duration} s"
$cli loadgen --server "http://127.0.0.1:$port" --duration "$duration" --rate "$rate" --concurrency 8 --batch 1000 --seed 3 | tail -13
curl -s "http://127.0.0.1:$port/health"; echo
rm -f "$data.server.log"
