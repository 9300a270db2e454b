#!/usr/bin/env bash
# Memory per profile and restart time of the real server at N profiles (default 1,000,000).
#
#   bench/restart.sh 1000000
#   bench/restart.sh 10000000
#
# 1. Starts a Release server on a new temporary data directory and fills it with N profiles
#    through HTTP ingest (`populate`: every user at least once, Zipf on top, EVENTS_PER_PROFILE
#    events per profile on average over the last DAYS days). Every event goes through the
#    durable path (privacy door, dedup, log, fsync) and the engine, as in production.
# 2. Memory: the server's RSS and managed heap (last GC) per profile, once the log is applied.
# 3. Clean restart: SIGTERM (final checkpoint), start again, time until /health answers 200
#    ("ok": recovered, tail replayed, applying; the HTTP API only opens after recovery). ROUNDS (2)
#    times, since a shared machine moves the figures.
# 4. Restart after a crash: TAIL more events over HTTP, SIGKILL, start again: checkpoint load and
#    tail replay (the server logs both), time to ready. Profile counts are checked after each start.
# Removes the data directory at the end. Settings: EVENTS_PER_PROFILE (5), DAYS (30), TAIL
# (1,000,000), CONCURRENCY (4 senders), PORT (5199, and the next two for the silo), HEAP_LIMIT_GB
# (none: the server's default GC settings; a number caps its managed heap with
# DOTNET_GCHeapHardLimit, so that a big run cannot take a shared machine's memory).
set -euo pipefail
cd "$(dirname "$0")/.."
profiles=${1:-1000000}
per=${EVENTS_PER_PROFILE:-5}
days=${DAYS:-30}
tail_events=${TAIL:-1000000}
concurrency=${CONCURRENCY:-4}
port=${PORT:-5199}
url="http://127.0.0.1:$port"
events=$((profiles * per))

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
num() { sed -E ':a; s/([0-9])([0-9]{3})($|,)/\1,\2\3/; ta' <<<"$1"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
mib() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }
per_profile() { awk -v b="$1" -v n="$2" 'BEGIN { printf "%.0f", b / n }'; }

# About 120 B of log per event (all kept until the first checkpoint, at the clean stop), checkpoints
# of about 550 B per profile (two sets while the next is written), the key vault; refuse to start
# without 1.5 times that.
data=$(mktemp -d)
need_kb=$(( (events * 120 + profiles * 1200 + tail_events * 120) * 3 / 2 / 1024 ))
avail_kb=$(df -Pk "$data" | awk 'NR == 2 { print $4 }')
if (( avail_kb < need_kb )); then
  echo "restart.sh: $(mib $((avail_kb * 1024))) MiB free under $data, about $(mib $((need_kb * 1024))) MiB needed" >&2
  rm -rf "$data"
  exit 1
fi
server=""
stop_server() {
  if [[ -n $server ]] && kill -0 "$server" 2>/dev/null; then kill -TERM "$server"; { wait "$server"; } 2>/dev/null || true; fi
  server=""
}
# On failure, show what the servers said before their logs go with the data directory.
trap 'status=$?; stop_server; if (( status != 0 )); then for f in "$data"/*.log; do [[ -e $f ]] && { echo "== $f" >&2; tail -40 "$f" >&2; }; done; fi; rm -rf "$data"' EXIT

say "building (Release)"
dotnet build src/LiveProfile.Cli -c Release -v q -nologo >/dev/null
dotnet build bench/LiveProfile.Benchmarks -c Release -v q -nologo >/dev/null
cli="src/LiveProfile.Cli/bin/Release/net10.0/liveprofile.dll"
bench="bench/LiveProfile.Benchmarks/bin/Release/net10.0/LiveProfile.Benchmarks.dll"

# Starts the server on $data/db, its output in $data/$1.log; checkpoints only when stopped, so that
# the log tail of the crash test is exactly the events sent after the clean restart.
server_env=(LIVEPROFILE_SILOPORT=$((port + 1)) LIVEPROFILE_GATEWAYPORT=$((port + 2)) LIVEPROFILE_CHECKPOINTINTERVAL=7.00:00:00)
if [[ -n ${HEAP_LIMIT_GB:-} ]]; then server_env+=("DOTNET_GCHeapHardLimit=$(printf '0x%x' $((HEAP_LIMIT_GB << 30)))"); fi
start_server() {
  started=$(now)
  env "${server_env[@]}" dotnet "$cli" serve --data "$data/db" --urls "$url" >"$data/$1.log" 2>&1 &
  server=$!
}

# Waits until /health answers 200; sets ready_s (seconds since start_server) and health (the answer).
wait_ready() {
  local code
  while true; do
    code=$(curl -s -o "$data/health.json" -w '%{http_code}' "$url/health" || true)
    [[ $code == 200 ]] && break
    if ! kill -0 "$server" 2>/dev/null; then echo "restart.sh: the server exited:" >&2; tail -20 "$data/$1.log" >&2; exit 1; fi
    sleep 0.05
  done
  ready_s=$(secs "$started" "$(now)")
  health=$(cat "$data/health.json")
}

field() { sed -E "s/.*\"$1\":(-?[0-9]+).*/\\1/" <<<"$health"; }

# Waits until every logged event is applied; prints progress every 10 s.
wait_applied() {
  local last=0
  while true; do
    health=$(curl -s "$url/health")
    [[ $(field appliedLsn) == "$(field lastLsn)" ]] && break
    if (( SECONDS - last >= 10 )); then say "  applying: $(num "$(field appliedLsn)") of $(num "$(field lastLsn)") log positions"; last=$SECONDS; fi
    sleep 0.5
  done
}

rss_bytes() { awk '/^VmRSS:/ { printf "%.0f\n", $2 * 1024 }' "/proc/$server/status"; }
heap_bytes() { curl -s "$url/metrics" | awk '/^dotnet_gc_last_collection_heap_size_bytes/ { sum += $NF } END { printf "%.0f", sum }'; }
# The server's own figures for a start: checkpoint opened in X s, N events replayed in Y s.
opened_s() { sed -nE 's/.*opened in ([0-9.]+) s.*/\1/p' "$data/$1.log" | tail -1; }
replayed() { sed -nE 's/.*Recovered: ([0-9]+) events replayed in ([0-9.]+) s.*/\1 \2/p' "$data/$1.log" | tail -1; }

say "data directory $data ($(mib $((avail_kb * 1024))) MiB free, about $(mib $((need_kb * 1024 * 2 / 3))) MiB needed); $(num "$profiles") profiles, $(num "$events") events over $days days, tail $(num "$tail_events")"
start_server empty
wait_ready empty
empty_ready=$ready_s
empty_rss=$(rss_bytes)
say "empty server ready in $empty_ready s, RSS $(mib "$empty_rss") MiB"

say "populating over HTTP ($concurrency senders)"
DOTNET_gcServer=0 dotnet "$bench" populate --server "$url" --users "$profiles" --events-per-user "$per" --days "$days" \
  --concurrency "$concurrency" | tee "$data/populate.txt"
wait_applied
populate_line=$(grep 'populate: done' "$data/populate.txt")
count=$(field profiles)
last_lsn=$(field lastLsn)
if (( count != profiles )); then echo "restart.sh: $count profiles after populating, expected $profiles" >&2; exit 1; fi
sleep 5 # let the last batches' garbage settle
rss=$(rss_bytes)
heap=$(heap_bytes)
hwm=$(awk '/^VmHWM:/ { printf "%.0f\n", $2 * 1024 }' "/proc/$server/status")
log_bytes=$(du -sb "$data/db/log" | cut -f1)
say "loaded: $(num "$count") profiles, RSS $(mib "$rss") MiB (peak $(mib "$hwm") MiB), managed heap $(mib "$heap") MiB, log $(mib "$log_bytes") MiB"

# A clean stop (SIGTERM: final checkpoint) and start, $rounds times: the first restart after a long
# ingest and a second one, to show how much the figures move on a shared machine.
rounds=${ROUNDS:-2}
clean_ready=(); clean_opened=(); stop_times=()
for round in $(seq 1 "$rounds"); do
  say "clean stop $round (SIGTERM: final checkpoint)"
  t=$(now)
  kill -TERM "$server"
  rc=0; wait "$server" || rc=$?
  server=""
  stop_times+=("$(secs "$t" "$(now)")")
  if (( rc != 0 )) || ! ls "$data"/db/checkpoints/router-*.ckpt >/dev/null 2>&1; then
    echo "restart.sh: the server exited with $rc on SIGTERM, without a complete checkpoint" >&2; exit 1
  fi
  ckpt_partitions=$(du -cb "$data"/db/checkpoints/partition-*.ckpt | tail -1 | cut -f1)
  ckpt_router=$(du -cb "$data"/db/checkpoints/router-*.ckpt | tail -1 | cut -f1)
  say "stopped in ${stop_times[-1]} s; checkpoint: partitions $(mib "$ckpt_partitions") MiB, router $(mib "$ckpt_router") MiB"

  say "restart $round after the clean stop (machine load $(cut -d' ' -f1 /proc/loadavg))"
  start_server "clean$round"
  wait_ready "clean$round"
  clean_ready+=("$ready_s")
  clean_opened+=("$(opened_s "clean$round")")
  read -r clean_replayed _ <<<"$(replayed "clean$round")"
  clean_count=$(field profiles)
  clean_hwm=$(awk '/^VmHWM:/ { printf "%.0f\n", $2 * 1024 }' "/proc/$server/status")
  sleep 5
  clean_rss=$(rss_bytes)
  clean_heap=$(heap_bytes)
  say "ready in $ready_s s (checkpoint opened in ${clean_opened[-1]} s, $clean_replayed events replayed), $(num "$clean_count") profiles, RSS $(mib "$clean_rss") MiB, heap $(mib "$clean_heap") MiB"
  if (( clean_count != count )); then echo "restart.sh: $clean_count profiles after the clean restart, expected $count" >&2; exit 1; fi
done
join() { local IFS=/; echo "$*"; }

say "log tail: $(num "$tail_events") more events over HTTP, then SIGKILL"
DOTNET_gcServer=0 dotnet "$bench" populate --server "$url" --users "$profiles" --tail "$tail_events" --seed 2 \
  --concurrency "$concurrency" | tee "$data/tail.txt"
wait_applied
tail_count=$(field profiles)
tail_lsn=$(field lastLsn)
kill -KILL "$server"
{ wait "$server"; } 2>/dev/null || true
server=""

say "restart after SIGKILL (machine load $(cut -d' ' -f1 /proc/loadavg))"
start_server killed
wait_ready killed
killed_ready=$ready_s
killed_opened=$(opened_s killed)
read -r killed_replayed killed_replay_s <<<"$(replayed killed)"
killed_count=$(field profiles)
killed_applied=$(field appliedLsn)
say "ready in $killed_ready s (checkpoint opened in $killed_opened s, $killed_replayed events replayed in $killed_replay_s s), $(num "$killed_count") profiles"
if (( killed_count != tail_count || killed_applied != tail_lsn )); then
  echo "restart.sh: after SIGKILL $killed_count profiles applied through $killed_applied, expected $tail_count through $tail_lsn" >&2
  exit 1
fi
stop_server

replay_rate=$(awk -v n="$killed_replayed" -v s="$killed_replay_s" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
cat <<EOF

## restart.sh $profiles: $(num "$count") profiles, $(num "$events") events over $days days (+ $(num "$tail_events") tail), $(nproc) cores${HEAP_LIMIT_GB:+, heap limit ${HEAP_LIMIT_GB} GiB}

| measure | value |
|---|---|
| populate (HTTP ingest, fsync acks) | ${populate_line#populate: done in } |
| log after populating | $(mib "$log_bytes") MiB ($(per_profile "$log_bytes" "$events") B/event), log positions 1..$(num "$last_lsn") |
| RSS after populating | $(mib "$rss") MiB = **$(per_profile "$rss" "$count") B/profile** (empty server: $(mib "$empty_rss") MiB; growth $(per_profile $((rss - empty_rss)) "$count") B/profile; peak $(mib "$hwm") MiB) |
| managed heap after populating (last GC) | $(mib "$heap") MiB = **$(per_profile "$heap" "$count") B/profile** |
| clean stop (SIGTERM, final checkpoint) | $(join "${stop_times[@]}") s; checkpoint $(mib "$ckpt_partitions") MiB of partitions + $(mib "$ckpt_router") MiB router (identity, dedup ids) |
| empty server: start to ready | $empty_ready s |
| restart after clean stop: start to ready | **$(join "${clean_ready[@]}") s** (checkpoint opened in $(join "${clean_opened[@]}") s, $clean_replayed events replayed) |
| RSS after the last clean restart | $(mib "$clean_rss") MiB = **$(per_profile "$clean_rss" "$clean_count") B/profile** (peak while loading $(mib "$clean_hwm") MiB) |
| managed heap after the last clean restart (last GC) | $(mib "$clean_heap") MiB = **$(per_profile "$clean_heap" "$clean_count") B/profile** |
| restart after SIGKILL with $(num "$tail_events") events of log tail: start to ready | **$killed_ready s** (checkpoint opened in $killed_opened s, $(num "$killed_replayed") events replayed in $killed_replay_s s = $(num "$replay_rate") events/s) |
| profiles: after populating / clean restart / before kill / after kill | $(num "$count") / $(num "$clean_count") / $(num "$tail_count") / $(num "$killed_count") |
EOF
