#!/usr/bin/env bash
# Load test of `omtale serve` on loopback (issue 19): a fixed number of checks (default 200) of one
# fixture .docx from 8 concurrent connections with wrk; prints checks, non-200 answers, p50/p99
# latency, and the server's resident memory before, at its peak and after the run. wrk waits out
# its -d duration even after the checks are done, so a run takes 20 s whatever the figures.
# The server gives freed heap back once it has been idle for 1 s (malloc_trim); to measure without
# that, pass its hidden option: bench/serve/run.sh .build/release/omtale 200 --idle-trim-seconds 100000
# Usage: bench/serve/run.sh [path/to/omtale] [checks] [more options of omtale serve]
set -euo pipefail
cd "$(dirname "$0")/../.."
omtale="${1:-.build/release/omtale}"
checks="${2:-200}"
shift $(( $# > 2 ? 2 : $# ))
threads=2
connections=8
port=18480
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 2; }
"$omtale" serve --port "$port" "$@" >/dev/null 2>/tmp/omtale-serve-bench.log &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
rss() { awk -v key="$1" '$1 == key":" { print $2 }' "/proc/$pid/status"; }
# One check first, so the baseline is the server ready to work (ruleset and lexicon loaded).
curl -sf -F file=@fixtures/docx/01-all-parties-body.docx "http://127.0.0.1:$port/api/check" >/dev/null
baseline=$(rss VmRSS)
OMTALE_BENCH_FILE=fixtures/docx/01-all-parties-body.docx OMTALE_BENCH_PER_THREAD=$((checks / threads)) \
    wrk -t "$threads" -c "$connections" -d 20s --timeout 15s -s bench/serve/check.lua "http://127.0.0.1:$port" | tail -1
peak=$(rss VmHWM)
sleep 2
after=$(rss VmRSS)
echo "rss_baseline_kb=$baseline rss_peak_kb=$peak rss_after_kb=$after"
