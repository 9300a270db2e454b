#!/usr/bin/env bash
# Customer-value fit time on the full CDNOW master file (69,659 purchases of 23,570 customers, tests/data/cdnow):
# the purchases go into a real server as shop.order events (`liveprofile cdnow | liveprofile ingest -`), then
# `liveprofile fit-clv` fits BG/NBD, Pareto/NBD and Gamma-Gamma over the calibration window (ROUNDS times, default
# 3) and prints the server's fit time and the wall time of the call. Settings: FILE (the master file; the 1/10
# sample is tests/data/cdnow/CDNOW_sample.txt), END (1997-09-30), PORT (5399, and the next two for the silo).
# The data directory is removed at the end.
#
#   bench/clv-fit.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-3}
file=${FILE:-tests/data/cdnow/CDNOW_master.txt}
end=${END:-1997-09-30}
port=${PORT:-5399}
url="http://127.0.0.1:$port"
cli=(dotnet src/LiveProfile.Cli/bin/Release/net10.0/liveprofile.dll)

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
field() { sed -E "s/.*\"$1\":([0-9-]+).*/\1/" "$data/health.json"; }

data=$(mktemp -d)
server=""
trap 'if [[ -n $server ]]; then kill -TERM "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; fi; rm -rf "$data"' EXIT

say "building (Release)"
dotnet build src/LiveProfile.Cli -c Release -v q -nologo >/dev/null
# CDNOW's purchases are from 1997-98: the server must accept events that old.
LIVEPROFILE_SILOPORT=$((port + 1)) LIVEPROFILE_GATEWAYPORT=$((port + 2)) LIVEPROFILE_RETENTION=14600.00:00:00 LIVEPROFILE_MODELREFITINTERVAL=00:00:00 \
  "${cli[@]}" serve --data "$data/db" --urls "$url" >"$data/server.log" 2>&1 &
server=$!
until curl -sf -o "$data/health.json" "$url/health"; do
  kill -0 "$server" 2>/dev/null || { tail -20 "$data/server.log" >&2; exit 1; }
  sleep 0.2
done

say "ingesting $(basename "$file") as shop.order events"
"${cli[@]}" cdnow "$file" --out "$data/orders.ndjson"
"${cli[@]}" ingest "$data/orders.ndjson" --server "$url" | tail -1
while curl -sf -o "$data/health.json" "$url/health"; [[ $(field appliedLsn) != "$(field lastLsn)" ]]; do sleep 0.5; done

for ((r = 1; r <= rounds; r++)); do
  say "fit $r of $rounds (calibration end $end)"
  start=$(date +%s.%N)
  "${cli[@]}" fit-clv --server "$url" --calibration-end "$end"
  printf '  wall time of the call: %.2f s\n' "$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')"
done
