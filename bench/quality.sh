#!/usr/bin/env bash
# Profile quality against the simulator's ground truth, end to end, as in docs/quality.md:
#
#   bench/quality.sh                   # 100,000 people, 90 days, seed 42
#   USERS=10000 bench/quality.sh
#
# Starts a Release server on a new temporary data directory, sends a seeded simulation to it over
# HTTP (with noise: duplicates, late and broken lines, skewed clocks, unlinked viewer ids), then
# runs `liveprofile evaluate` against the ground truth and writes its Markdown report to
# REPORT (quality-report.md). Settings: USERS (100,000), DAYS (90), SEED (42), END (2026-11-29),
# CONCURRENCY (4 senders), PORT (5197, and the next two for the silo). Removes the data directory
# at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
users=${USERS:-100000}
days=${DAYS:-90}
seed=${SEED:-42}
end=${END:-2026-11-29}
concurrency=${CONCURRENCY:-4}
port=${PORT:-5197}
report=${REPORT:-quality-report.md}
url="http://127.0.0.1:$port"

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
data=$(mktemp -d)
server=""
stop_server() {
  if [[ -n $server ]] && kill -0 "$server" 2>/dev/null; then kill -TERM "$server"; { wait "$server"; } 2>/dev/null || true; fi
  server=""
}
trap 'status=$?; stop_server; if (( status != 0 )) && [[ -e $data/server.log ]]; then tail -40 "$data/server.log" >&2; fi; rm -rf "$data"' EXIT

say "building (Release)"
dotnet build src/LiveProfile.Cli -c Release -v q -nologo >/dev/null
cli=(dotnet src/LiveProfile.Cli/bin/Release/net10.0/liveprofile.dll)

say "server on $data"
LIVEPROFILE_SILOPORT=$((port + 1)) LIVEPROFILE_GATEWAYPORT=$((port + 2)) "${cli[@]}" serve --data "$data/db" --urls "$url" >"$data/server.log" 2>&1 &
server=$!
until curl -sf -o /dev/null "$url/health"; do
  kill -0 "$server" 2>/dev/null || { echo "quality.sh: the server exited" >&2; exit 1; }
  sleep 0.2
done

say "simulating $users people over $days days (seed $seed, until $end), $concurrency senders"
started=$SECONDS
"${cli[@]}" simulate --users "$users" --days "$days" --seed "$seed" --end "$end" --server "$url" --truth "$data/truth.ndjson" \
  --concurrency "$concurrency"
say "simulation sent in $((SECONDS - started)) s"

say "evaluating"
started=$SECONDS
"${cli[@]}" evaluate --server "$url" --truth "$data/truth.ndjson" --report "$report"
say "evaluated in $((SECONDS - started)) s; report in $report"
