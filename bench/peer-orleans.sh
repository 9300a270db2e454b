#!/usr/bin/env bash
# Side by side: LiveProfile's engine and Orleans with one grain per user and one per live room (in-process silo,
# localhost clustering, as the embedded server runs), the same feature and room updates for the same synthetic stream,
# in one run. Extra arguments go to the peer command: --users N --history N --events N
# (default 1,000,000 / 1,000,000 / 2,000,000).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/LiveProfile.Peers -c Release -v q -nologo >/dev/null
dotnet bench/LiveProfile.Peers/bin/Release/net10.0/LiveProfile.Peers.dll orleans "$@"
