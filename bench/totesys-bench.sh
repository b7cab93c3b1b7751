#!/usr/bin/env bash
# bench/totesys-bench.sh [SCALE ...]   (default: 100 1000)
#
# Totesys extract benchmark, whole processes on 127.0.0.1:
#   1. `sluice totesys serve` starts the embedded PostgreSQL seeded at SCALE and an S3 endpoint (own process);
#   2. full extract:        `sluice totesys extract` (its own JVM) - wall time, rows/s, peak RSS (/usr/bin/time);
#   3. `sluice totesys churn --changes 1000`, then the incremental extract, timed the same way;
#   4. the full extract again in a fresh bucket with a capped heap (EXTRACT_CAPPED_OPTS, default -Xmx64m), to show
#      memory does not grow with the table size.
# Results: a table on stdout and in bench/results/totesys-<UTC time>.txt. Wall times include JVM start-up;
# "extract ms" is the extract's own time as it reports it.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
SLUICE="$ROOT/sluice"
SCALES=("$@")
[ ${#SCALES[@]} -gt 0 ] || SCALES=(100 1000)
CAPPED_OPTS="${EXTRACT_CAPPED_OPTS:--Xmx64m}"
mkdir -p "$ROOT/bench/results"
RESULT="$ROOT/bench/results/totesys-$(date -u +%Y%m%dT%H%M%SZ).txt"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/totesys-bench.XXXXXX")"
SERVE_PID=""

cleanup() {
  if [ -n "$SERVE_PID" ] && kill -0 "$SERVE_PID" 2>/dev/null; then
    kill "$SERVE_PID"; wait "$SERVE_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# timed NAME ARGS...: runs `sluice ARGS` under /usr/bin/time; leaves "$WORK/NAME.out" and sets WALL, RSS_MB
timed() {
  local name="$1"; shift
  /usr/bin/time -f '%e %M' -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || {
    echo "failed: $*" >&2; cat "$WORK/$name.err" >&2; exit 1; }
  read -r WALL RSS_KB <"$WORK/$name.time"
  RSS_MB=$((RSS_KB / 1024))
}

batch_rows() { sed -n 's/^batch [^:]*: \([0-9]*\) rows.*/\1/p' "$1" | head -1; }
batch_ms() { sed -n 's/^batch .* table(s), \([0-9]*\) ms$/\1/p' "$1" | head -1; }

"$SLUICE" --version >/dev/null   # builds the CLI first if needed, outside the timings

{
  echo "Totesys extract bench, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  printf '%-6s %-22s %9s %9s %10s %10s %8s\n' scale run rows wall_s extract_ms rows_per_s rss_mb
} | tee "$RESULT"

for scale in "${SCALES[@]}"; do
  PG_PORT="$(free_port)"; S3_PORT="$(free_port)"
  "$SLUICE" totesys serve --pg-port "$PG_PORT" --s3-port "$S3_PORT" --scale "$scale" >"$WORK/serve.log" 2>&1 &
  SERVE_PID=$!
  for _ in $(seq 1 1200); do grep -qs '^ready$' "$WORK/serve.log" && break; sleep 0.5; done
  grep -q '^ready$' "$WORK/serve.log" || { echo "serve did not start:" >&2; cat "$WORK/serve.log" >&2; exit 1; }
  DB=(--jdbc-url "jdbc:postgresql://127.0.0.1:$PG_PORT/totesys")
  S3=(--s3-endpoint "http://127.0.0.1:$S3_PORT")

  row() {  # label outfile
    local rows ms; rows="$(batch_rows "$2")"; ms="$(batch_ms "$2")"
    printf '%-6s %-22s %9s %9s %10s %10s %8s\n' "$scale" "$1" "$rows" "$WALL" "$ms" \
      "$(awk -v r="$rows" -v m="$ms" 'BEGIN { printf "%.0f", r / (m / 1000) }')" "$RSS_MB" | tee -a "$RESULT"
  }

  timed full "$SLUICE" totesys extract "${DB[@]}" "${S3[@]}" --bucket bench-full
  row full "$WORK/full.out"
  "$SLUICE" totesys churn "${DB[@]}" --changes 1000 --seed 1 >"$WORK/churn.out"
  timed incremental "$SLUICE" totesys extract "${DB[@]}" "${S3[@]}" --bucket bench-full
  row "incremental-1000" "$WORK/incremental.out"
  timed capped env SLUICE_JAVA_OPTS="$CAPPED_OPTS" "$SLUICE" totesys extract "${DB[@]}" "${S3[@]}" --bucket bench-capped
  row "full $CAPPED_OPTS" "$WORK/capped.out"

  kill "$SERVE_PID"; wait "$SERVE_PID" 2>/dev/null || true; SERVE_PID=""
done
echo "results: $RESULT"
