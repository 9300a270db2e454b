#!/usr/bin/env bash
# Side by side: LiveProfile's engine and Redis 7 fed by a Flink-style job (pipelined HINCRBY /
# HINCRBYFLOAT), the same feature updates for the same synthetic stream, in one run. Starts its own
# redis-server on a free loopback port with a temporary directory and stops it at the end.
# Persistence is off (no RDB, no AOF): the engine figures are in-memory apply too, durability being
# the event log's job in both designs (set AOF=1 for appendfsync everysec). Extra arguments go to
# the peer command: --users N --history N --events N (default 1,000,000 / 1,000,000 / 2,000,000).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v redis-server >/dev/null || apt-get install -y redis-server >/dev/null
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
persistence=(--save "" --appendonly no)
[ "${AOF:-0}" = 1 ] && persistence=(--save "" --appendonly yes --appendfsync everysec)
redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --daemonize no --protected-mode yes "${persistence[@]}" >"$dir/redis.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done

dotnet build bench/LiveProfile.Peers -c Release -v q -nologo >/dev/null
dotnet bench/LiveProfile.Peers/bin/Release/net10.0/LiveProfile.Peers.dll redis --port "$port" "$@"
