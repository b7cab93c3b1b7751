#!/usr/bin/env bash
# Whole-process benchmark of `./sluice filter`: wall time, MB/s and peak RSS of the real command, JVM start included.
#
#   bench/filter-bench.sh [--with-5gb] [--runs N]
#
# Builds the CLI (through ./sluice) and bench/target/benchmarks.jar when needed, generates bench/data/filter-200MB.csv
# and filter-1GB.csv (and filter-5GB.csv with --with-5gb) once with the deterministic generator (seed 42), then for each
# file and each semantics (first = --columns 1, the seed's; any = every cell, the default) runs the filter once to warm
# the page cache and the disk, then N measured runs (default 3) and reports the best and median wall time, and the
# lowest CPU time (user + sys: a figure that other jobs on the machine disturb much less than wall time).
# Before each run the previous output is deleted and `sync` runs (not timed). The table is printed and saved to
# bench/results/filter-<UTC time>.txt. Peak RSS comes from /usr/bin/time (GNU time).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

runs=3
sizes=(200MB 1GB)
while [ $# -gt 0 ]; do
  case "$1" in
    --with-5gb) sizes+=(5GB) ;;
    --runs) runs="${2:?--runs needs a number}"; shift ;;
    -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "filter-bench: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ ! -x /usr/bin/time ]; then
  echo "filter-bench: /usr/bin/time (GNU time) is needed for peak RSS: apt-get install -y time" >&2
  exit 1
fi

. scripts/lib/find-jdk.sh
sluice_find_jdk

./sluice --version >/dev/null # builds the CLI if it is missing or stale
bench_jar=bench/target/benchmarks.jar
if [ ! -f "$bench_jar" ] || [ -n "$(find bench/pom.xml bench/src/main -newer "$bench_jar" -print -quit)" ]; then
  echo "filter-bench: building $bench_jar" >&2
  ./mvnw -q -B -ntp -DskipTests -pl bench -am package >/dev/null
fi

mkdir -p bench/data bench/results
for size in "${sizes[@]}"; do
  data="bench/data/filter-$size.csv"
  if [ ! -f "$data" ]; then
    "$JAVA_HOME/bin/java" -cp "$bench_jar" dev.sluice.bench.gen.CsvGenerator --size "$size" --seed 42 "$data"
  fi
done

out=bench/data/out.csv
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp" "$out"' EXIT

# One run: prints "wall_s peak_rss_kb rows_read rows_kept cpu_s"; a failed run stops the benchmark with its stderr.
run_once() { # $1 = data file, rest = filter options
  local data="$1"; shift
  # Outside the timed part: drop the previous output and flush dirty pages, so the writeback (and, on a file system
  # mounted with `discard`, the trimming of the freed blocks) of the previous run does not land in this one.
  rm -f "$out"
  sync
  if ! /usr/bin/time -f '%e %M %U %S' -o "$tmp/time" ./sluice filter "$@" "$data" "$out" 2>"$tmp/err"; then
    echo "filter-bench: ./sluice filter $* $data failed:" >&2
    cat "$tmp/err" >&2
    exit 1
  fi
  local rows_read rows_kept
  rows_read="$(sed -n 's/.* rows_read=\([0-9]*\).*/\1/p' "$tmp/err")"
  rows_kept="$(sed -n 's/.* rows_kept=\([0-9]*\).*/\1/p' "$tmp/err")"
  read -r wall rss user sys <<<"$(tail -n1 "$tmp/time")"
  echo "$wall $rss $rows_read $rows_kept $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')"
}

report="bench/results/filter-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# ./sluice filter, whole process, page cache warm; $runs measured runs after 1 warm-up; $(date -u +%FT%TZ)"
  echo "# $(nproc) CPUs, load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1)"
  printf '%-18s %-6s %8s %7s %9s %10s %12s %7s %11s %12s %11s %11s\n' \
    file semantics size_MB best_s median_s best_MB/s median_MB/s cpu_s MB/cpu_s peak_RSS_MB rows_read rows_kept
} | tee "$report"

for size in "${sizes[@]}"; do
  data="bench/data/filter-$size.csv"
  bytes="$(stat -L -c %s "$data")"
  for semantics in first any; do
    if [ "$semantics" = first ]; then opts=(--columns 1); else opts=(--columns '*'); fi
    run_once "$data" "${opts[@]}" >/dev/null # warm-up: page cache, disk, JIT-independent (each run is a new JVM)
    : >"$tmp/runs"
    for _ in $(seq "$runs"); do run_once "$data" "${opts[@]}" >>"$tmp/runs"; done
    sort -n "$tmp/runs" | awk -v bytes="$bytes" -v file="$(basename "$data")" -v sem="$semantics" '
      { s[NR] = $1; if ($2 > rss) rss = $2; read = $3; kept = $4; if (NR == 1 || $5 < cpu) cpu = $5 }
      END {
        best = s[1]; median = s[int((NR + 1) / 2)]
        printf "%-18s %-6s %8.0f %7.2f %9.2f %10.0f %12.0f %7.2f %11.0f %12.0f %11d %11d\n", file, sem, bytes / 1e6,
          best, median, bytes / 1e6 / best, bytes / 1e6 / median, cpu, bytes / 1e6 / cpu, rss / 1024, read, kept
      }' | tee -a "$report"
  done
done
echo "# saved to $report"
