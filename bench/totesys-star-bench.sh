#!/usr/bin/env bash
# bench/totesys-star-bench.sh [SCALE ...]   (default: 100 1000)
#
# Totesys full cycle benchmark, whole processes on 127.0.0.1 (each stage its own JVM, the Lambda code):
#   1. `sluice totesys serve` starts the embedded PostgreSQL (totesys seeded at SCALE, empty warehouse) and S3;
#   2. full cycle: `totesys extract`, `totesys transform`, `totesys load`, each under /usr/bin/time;
#   3. `totesys churn --changes 1000`, then the incremental cycle, timed the same way.
# Results: a table on stdout and in bench/results/totesys-star-<UTC time>.txt. wall_s includes JVM start-up;
# stage_ms is the stage's own time as it reports it; rows/s = rows / stage_ms (rows out of the stage).
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
SLUICE="$ROOT/sluice"
SCALES=("$@")
[ ${#SCALES[@]} -gt 0 ] || SCALES=(100 1000)
mkdir -p "$ROOT/bench/results"
RESULT="$ROOT/bench/results/totesys-star-$(date -u +%Y%m%dT%H%M%SZ).txt"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/totesys-star-bench.XXXXXX")"
SERVE_PID=""

cleanup() {
  if [ -n "$SERVE_PID" ] && kill -0 "$SERVE_PID" 2>/dev/null; then
    kill "$SERVE_PID"; wait "$SERVE_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

timed() {  # NAME ARGS...: leaves "$WORK/NAME.out", sets WALL, RSS_MB
  local name="$1"; shift
  /usr/bin/time -f '%e %M' -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || {
    echo "failed: $*" >&2; cat "$WORK/$name.err" >&2; exit 1; }
  read -r WALL RSS_KB <"$WORK/$name.time"
  RSS_MB=$((RSS_KB / 1024))
}

# "batch <id>: N rows ..., M ms" (extract) or "<stage>: k batch(es) a .. b, N rows in M ms" (transform, load)
rows_of() { sed -n -e 's/^batch [^:]*: \([0-9]*\) rows.*/\1/p' -e 's/^[a-z]*: .*, \([0-9]*\) rows in .*/\1/p' "$1" | head -1; }
ms_of() { sed -n -e 's/^batch .* table(s), \([0-9]*\) ms$/\1/p' -e 's/^[a-z]*: .* rows in \([0-9]*\) ms.*/\1/p' "$1" | head -1; }

"$SLUICE" --version >/dev/null

{
  echo "Totesys star bench, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  printf '%-6s %-12s %-10s %9s %9s %10s %10s %8s\n' scale cycle stage rows wall_s stage_ms rows_per_s rss_mb
} | tee "$RESULT"

for scale in "${SCALES[@]}"; do
  PG_PORT="$(free_port)"; S3_PORT="$(free_port)"
  "$SLUICE" totesys serve --pg-port "$PG_PORT" --s3-port "$S3_PORT" --scale "$scale" >"$WORK/serve.log" 2>&1 &
  SERVE_PID=$!
  for _ in $(seq 1 1200); do grep -qs '^ready$' "$WORK/serve.log" && break; sleep 0.5; done
  grep -q '^ready$' "$WORK/serve.log" || { echo "serve did not start:" >&2; cat "$WORK/serve.log" >&2; exit 1; }
  DB=(--jdbc-url "jdbc:postgresql://127.0.0.1:$PG_PORT/totesys")
  S3=(--s3-endpoint "http://127.0.0.1:$S3_PORT")
  WH=(--warehouse-url "jdbc:postgresql://127.0.0.1:$PG_PORT/warehouse")

  cycle() {  # label
    local stage rows ms
    for stage in extract transform load; do
      case "$stage" in
        extract) timed "$1-$stage" "$SLUICE" totesys extract "${DB[@]}" "${S3[@]}" ;;
        transform) timed "$1-$stage" "$SLUICE" totesys transform "${S3[@]}" ;;
        load) timed "$1-$stage" "$SLUICE" totesys load "${S3[@]}" "${WH[@]}" ;;
      esac
      rows="$(rows_of "$WORK/$1-$stage.out")"; ms="$(ms_of "$WORK/$1-$stage.out")"
      printf '%-6s %-12s %-10s %9s %9s %10s %10s %8s\n' "$scale" "$1" "$stage" "$rows" "$WALL" "$ms" \
        "$(awk -v r="$rows" -v m="$ms" 'BEGIN { printf "%.0f", r / (m / 1000) }')" "$RSS_MB" | tee -a "$RESULT"
    done
  }

  cycle full
  "$SLUICE" totesys churn "${DB[@]}" --changes 1000 --seed 1 >"$WORK/churn.out"
  cycle churn-1000

  kill "$SERVE_PID"; wait "$SERVE_PID" 2>/dev/null || true; SERVE_PID=""
done
echo "results: $RESULT"
