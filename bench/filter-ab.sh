#!/usr/bin/env bash
# A/B comparison of `sluice filter` variants on one file, runs interleaved so that they share the machine's load.
#
#   bench/filter-ab.sh [--runs N] [--semantics first|any] [--file PATH] NAME=COMMAND [NAME=COMMAND...]
#
# Each COMMAND is run as `COMMAND filter --columns 1|'*' FILE OUT` (word-split, so environment assignments go through
# env), e.g.
#   bench/filter-ab.sh new=./sluice caller="env SLUICE_JAVA_OPTS=-Dsluice.filter.io=CALLER_THREAD ./sluice" \
#       noaot="env SLUICE_AOT=0 ./sluice" old=/path/to/old-checkout/sluice
# Round r runs every variant once, in order, after one untimed warm-up round; before each run the previous output is
# deleted and `sync` runs (see filter-bench.sh). Defaults: 5 runs, first-column semantics, bench/data/filter-1GB.csv
# (run filter-bench.sh once to generate it). Prints per variant the best and median wall time and MB/s, the median
# CPU time (user + sys) and the peak RSS, with the load average before and after.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

runs=5
semantics=first
data=bench/data/filter-1GB.csv
variants=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="${2:?--runs needs a number}"; shift ;;
    --semantics) semantics="${2:?--semantics needs first or any}"; shift ;;
    --file) data="${2:?--file needs a path}"; shift ;;
    -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *=*) variants+=("$1") ;;
    *) echo "filter-ab: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
case "$semantics" in
  first) opts=(--columns 1) ;;
  any) opts=(--columns '*') ;;
  *) echo "filter-ab: --semantics is first or any, not '$semantics'" >&2; exit 2 ;;
esac
if [ "${#variants[@]}" -eq 0 ]; then echo "filter-ab: no NAME=COMMAND given (see --help)" >&2; exit 2; fi
if [ ! -f "$data" ]; then echo "filter-ab: $data is missing; bench/filter-bench.sh generates it" >&2; exit 1; fi
if [ ! -x /usr/bin/time ]; then echo "filter-ab: /usr/bin/time (GNU time) is needed: apt-get install -y time" >&2; exit 1; fi

out=bench/data/out-ab.csv
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp" "$out"' EXIT
bytes="$(stat -L -c %s "$data")"

run_once() { # $1 = name, $2 = command; appends "name wall cpu rss" to $tmp/runs
  local cmd
  read -ra cmd <<<"$2"
  rm -f "$out"
  sync
  if ! /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "${cmd[@]}" filter "${opts[@]}" "$data" "$out" 2>"$tmp/err"; then
    echo "filter-ab: $1 ($2) failed:" >&2
    cat "$tmp/err" >&2
    exit 1
  fi
  read -r wall user sys rss <"$tmp/time"
  echo "$1 $wall $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }') $rss" >>"$tmp/runs"
}

echo "# filter-ab: $(basename "$data") ($((bytes / 1000000)) MB), $semantics, $runs interleaved runs after 1 warm-up round; $(date -u +%FT%TZ)"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for v in "${variants[@]}"; do run_once "${v%%=*}" "${v#*=}"; done
: >"$tmp/runs"
for _ in $(seq "$runs"); do
  for v in "${variants[@]}"; do run_once "${v%%=*}" "${v#*=}"; done
done
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %7s %9s %10s %12s %12s %11s\n' variant best_s median_s best_MB/s median_MB/s median_cpu_s peak_RSS_MB
for v in "${variants[@]}"; do
  name="${v%%=*}"
  cpu_median="$(awk -v name="$name" '$1 == name { print $3 }' "$tmp/runs" | sort -n | awk '{ c[NR] = $1 } END { print c[int((NR + 1) / 2)] }')"
  awk -v name="$name" '$1 == name' "$tmp/runs" | sort -k2,2n | awk -v bytes="$bytes" -v name="$name" -v cpu="$cpu_median" '
    { wall[NR] = $2; if ($4 > rss) rss = $4 }
    END {
      median = wall[int((NR + 1) / 2)]
      printf "%-10s %7.2f %9.2f %10.0f %12.0f %12.2f %11.0f\n", name, wall[1], median, bytes / 1e6 / wall[1],
        bytes / 1e6 / median, cpu, rss / 1024
    }'
done
