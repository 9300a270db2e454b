#!/usr/bin/env bash
# Exporting a segment's members from the real server: N profiles (default 1,000,000) sent through
# durable HTTP ingest (`populate`), then a segment every profile is in streamed as NDJSON and as CSV
# (POST /v1/segments/query with "export"), timed with curl. ROUNDS (3) of each; the data directory
# is removed at the end. Then the count of the same segment asked as a query and read from its
# counters once saved. Settings: EVENTS_PER_PROFILE (2), PORT (5299, and the next two for the silo).
#
#   bench/export.sh 1000000
set -euo pipefail
cd "$(dirname "$0")/.."
profiles=${1:-1000000}
per=${EVENTS_PER_PROFILE:-2}
rounds=${ROUNDS:-3}
port=${PORT:-5299}
url="http://127.0.0.1:$port"
expr=${EXPR:-not gender:male}

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
field() { sed -E "s/.*\"$1\":([0-9-]+).*/\1/" "$data/health.json"; }

data=$(mktemp -d)
server=""
trap 'if [[ -n $server ]]; then kill -TERM "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; fi; rm -rf "$data"' EXIT

say "building (Release)"
dotnet build src/LiveProfile.Cli -c Release -v q -nologo >/dev/null
dotnet build bench/LiveProfile.Benchmarks -c Release -v q -nologo >/dev/null
LIVEPROFILE_SILOPORT=$((port + 1)) LIVEPROFILE_GATEWAYPORT=$((port + 2)) \
  dotnet src/LiveProfile.Cli/bin/Release/net10.0/liveprofile.dll serve --data "$data/db" --urls "$url" >"$data/server.log" 2>&1 &
server=$!
until curl -sf -o "$data/health.json" "$url/health"; do
  kill -0 "$server" 2>/dev/null || { tail -20 "$data/server.log" >&2; exit 1; }
  sleep 0.2
done

say "populating $profiles profiles ($per events each on average)"
DOTNET_gcServer=0 dotnet bench/LiveProfile.Benchmarks/bin/Release/net10.0/LiveProfile.Benchmarks.dll populate --server "$url" \
  --users "$profiles" --events-per-user "$per" --days 30 --concurrency 4 | tail -1
while curl -sf -o "$data/health.json" "$url/health"; [[ $(field appliedLsn) != "$(field lastLsn)" ]]; do sleep 1; done

count=$(curl -sf "$url/v1/segments/query" -H 'content-type: application/json' -d "{\"expr\": \"$expr\", \"sample\": 0}" \
  | sed -E 's/.*"count":([0-9]+).*/\1/')
say "segment '$expr': $count members"
echo
echo "| export | members | bytes | seconds (median of $rounds) | members/s |"
echo "|---|---:|---:|---:|---:|"
for format in ndjson csv; do
  times=()
  for ((r = 0; r < rounds; r++)); do
    read -r seconds bytes < <(curl -sf -o "$data/export.$format" -w '%{time_total} %{size_download}\n' "$url/v1/segments/query" \
      -H 'content-type: application/json' -d "{\"expr\": \"$expr\", \"export\": \"$format\"}")
    times+=("$seconds")
  done
  lines=$(wc -l <"$data/export.$format")
  [[ $format == csv ]] && lines=$((lines - 1)) # the header
  [[ $lines == "$count" ]] || { echo "export.sh: $format export has $lines members, the count says $count" >&2; exit 1; }
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  printf '| %s | %s | %s | %.2f | %.0f |\n' "$format" "$lines" "$bytes" "$median" "$(awk -v n="$lines" -v s="$median" 'BEGIN { print n / s }')"
done

# The same segment saved: its count is read from the partitions' counters instead of counted from the bitmaps.
name=bench-export-$$
curl -sf -o /dev/null "$url/v1/segments" -H 'content-type: application/json' -d "{\"name\": \"$name\", \"expr\": \"$expr\"}"
echo
echo "| count of '$expr' over HTTP | count | milliseconds (median of 20) |"
echo "|---|---:|---:|"
for way in query saved; do
  # One curl for the 20 requests: the connection is reused, so each time is the request's own.
  args=()
  for ((r = 0; r < 20; r++)); do
    if [[ $way == query ]]; then args+=(-o "$data/count.json" "$url/v1/segments/query");
    else args+=(-o "$data/count.json" "$url/v1/segments/$name"); fi
  done
  if [[ $way == query ]]; then
    times=$(curl -sf -w '%{time_total}\n' -H 'content-type: application/json' -d "{\"expr\": \"$expr\", \"sample\": 0}" "${args[@]}")
  else
    times=$(curl -sf -w '%{time_total}\n' "${args[@]}")
  fi
  answer=$(sed -E 's/.*"count":([0-9]+).*/\1/' "$data/count.json")
  [[ $answer == "$count" ]] || { echo "export.sh: the $way count says $answer, the first count $count" >&2; exit 1; }
  median=$(sort -n <<<"$times" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  label=$([[ $way == query ]] && echo "POST /v1/segments/query (bitmaps)" || echo "GET /v1/segments/$name (saved: counters)")
  printf '| %s | %s | %.2f |\n' "$label" "$answer" "$(awk -v s="$median" 'BEGIN { print s * 1000 }')"
done
