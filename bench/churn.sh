#!/usr/bin/env bash
# The churn classifier on a seeded simulator run, end to end, as in docs/quality.md:
#
#   bench/churn.sh                     # 3,000 people, 180 days, seed 42
#   USERS=10000 bench/churn.sh
#
# Starts a Release server on a new temporary data directory, sends a seeded simulation of DAYS days to it over
# HTTP (without noise: the labels should come from the people's behaviour, not from dropped lines), then runs
# `liveprofile fit-churn`: trained at the last simulated day - 60, evaluated at - 30 (AUC, Brier score, log-loss,
# calibration). The simulator's churners fade out and stop. Settings: USERS (3,000), DAYS (180), SEED (42),
# END (2026-11-29), CONCURRENCY (4 senders), PORT (5497, and the next two for the silo). Removes the data
# directory at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
users=${USERS:-3000}
days=${DAYS:-180}
seed=${SEED:-42}
end=${END:-2026-11-29}
concurrency=${CONCURRENCY:-4}
port=${PORT:-5497}
url="http://127.0.0.1:$port"

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
field() { sed -E "s/.*\"$1\":([0-9-]+).*/\1/" "$data/health.json"; }
data=$(mktemp -d)
server=""
trap 'status=$?; if [[ -n $server ]]; then kill -TERM "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; fi
  if (( status != 0 )) && [[ -e $data/server.log ]]; then tail -40 "$data/server.log" >&2; fi; rm -rf "$data"' EXIT

say "building (Release)"
dotnet build src/LiveProfile.Cli -c Release -v q -nologo >/dev/null
cli=(dotnet src/LiveProfile.Cli/bin/Release/net10.0/liveprofile.dll)

say "server on $data"
LIVEPROFILE_SILOPORT=$((port + 1)) LIVEPROFILE_GATEWAYPORT=$((port + 2)) LIVEPROFILE_MODELREFITINTERVAL=00:00:00 \
  "${cli[@]}" serve --data "$data/db" --urls "$url" >"$data/server.log" 2>&1 &
server=$!
until curl -sf -o "$data/health.json" "$url/health"; do
  kill -0 "$server" 2>/dev/null || { echo "churn.sh: the server exited" >&2; exit 1; }
  sleep 0.2
done

say "simulating $users people over $days days (seed $seed, until $end), $concurrency senders"
started=$SECONDS
"${cli[@]}" simulate --users "$users" --days "$days" --seed "$seed" --end "$end" --server "$url" --no-truth --no-noise --concurrency "$concurrency"
while curl -sf -o "$data/health.json" "$url/health"; [[ $(field appliedLsn) != "$(field lastLsn)" ]]; do sleep 1; done
say "simulation sent and applied in $((SECONDS - started)) s ($(field lastLsn) events)"

say "fitting the churn classifier"
"${cli[@]}" fit-churn --server "$url"
