#!/usr/bin/env bash
# One command, side by side: `./sluice filter` (first column and any column) vs DuckDB (the same predicate) vs `cp`,
# run alternately round after round so bursts of load from other jobs hit every tool alike, with the issue-14 targets
# checked and quoted.
#
#   bench/compare.sh [--runs N] [--sizes "10MB 1GB"] [--with-10gb] [--no-duckdb]
#
# --runs N      measured rounds per file after one untimed warm-up round (default 5)
# --sizes LIST  files to compare (default "10MB 1GB"); bench/data/filter-<size>.csv, generated once (seed 42)
# --with-10gb   afterwards, a linearity run on a 10 GB file (needs ~20 GB free in bench/data): cp and ./sluice only
#               (DuckDB would take minutes per run); compares seconds per GB with the 1 GB file. Not for CI.
# --no-duckdb   skip DuckDB (e.g. no network for its jar)
#
# DuckDB: org.duckdb:duckdb_jdbc (version below) fetched through Maven, driven by bench/duckdb/DuckDbFilter.java
# (read_csv → WHERE TRY_CAST(cell AS DOUBLE) > 4.7 → COPY TO CSV) in its own JVM; its time includes that JVM's start
# (~0.1 s) and loading its 60 MB native library, as a JDBC user would pay. Each run: previous output deleted and `sync`
# (untimed, see filter-bench.sh), then the command under /usr/bin/time (wall, user+sys CPU, peak RSS). Reported per
# file: medians, best, peak RSS, rows kept (both tools must keep the same rows), the load average before and after,
# and each target with PASS/MISS. Saved to bench/results/compare-<UTC time>.txt.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

DUCKDB_VERSION=1.5.6.0
runs=5
sizes=(10MB 1GB)
with_10gb=0
duckdb=1
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="${2:?--runs needs a number}"; shift ;;
    --sizes) read -ra sizes <<<"${2:?--sizes needs a list}"; shift ;;
    --with-10gb) with_10gb=1 ;;
    --no-duckdb) duckdb=0 ;;
    -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "compare: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ ! -x /usr/bin/time ]; then echo "compare: /usr/bin/time (GNU time) is needed: apt-get install -y time" >&2; exit 1; fi

. scripts/lib/find-jdk.sh
sluice_find_jdk
JAVA="$JAVA_HOME/bin/java"

./sluice --version >/dev/null # builds the CLI if it is missing or stale
bench_jar=bench/target/benchmarks.jar
if [ ! -f "$bench_jar" ] || [ -n "$(find bench/pom.xml bench/src/main -newer "$bench_jar" -print -quit)" ]; then
  echo "compare: building $bench_jar" >&2
  ./mvnw -q -B -ntp -DskipTests -pl bench -am package >/dev/null
fi

# DuckDB: the jar's classes unpacked, and its Linux library beside them, so the JVM loads it from there
# (System.loadLibrary) instead of unpacking 60 MB into /tmp on each run.
ddb=bench/target/duckdb
if [ "$duckdb" = 1 ]; then
  if [ "$(uname -s)-$(uname -m)" != Linux-x86_64 ]; then echo "compare: DuckDB runner set up for Linux x86_64 only; use --no-duckdb" >&2; exit 1; fi
  if [ ! -f "$ddb/libduckdb_java.so" ] || [ ! -f "$ddb/classes/DuckDbFilter.class" ] \
      || [ bench/duckdb/DuckDbFilter.java -nt "$ddb/classes/DuckDbFilter.class" ]; then
    echo "compare: preparing DuckDB $DUCKDB_VERSION (Maven) in $ddb" >&2
    rm -rf "$ddb"
    mkdir -p "$ddb/classes"
    ./mvnw -q -B -ntp -N dependency:copy "-Dartifact=org.duckdb:duckdb_jdbc:$DUCKDB_VERSION" "-DoutputDirectory=$ddb" >/dev/null
    (cd "$ddb/classes" && "$JAVA_HOME/bin/jar" xf "../duckdb_jdbc-$DUCKDB_VERSION.jar")
    mv "$ddb/classes/libduckdb_java.so_linux_amd64" "$ddb/libduckdb_java.so"
    rm -f "$ddb"/classes/libduckdb_java.so_* "$ddb/duckdb_jdbc-$DUCKDB_VERSION.jar"
    "$JAVA_HOME/bin/javac" -d "$ddb/classes" -cp "$ddb/classes" bench/duckdb/DuckDbFilter.java
  fi
fi

gen() { # $1 = size -> path of the generated file
  local data="bench/data/filter-$1.csv"
  if [ ! -f "$data" ]; then "$JAVA" -cp "$bench_jar" dev.sluice.bench.gen.CsvGenerator --size "$1" --seed 42 "$data" >&2; fi
  echo "$data"
}

mkdir -p bench/data bench/results
out=bench/data/out-compare.csv
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp" "$out"' EXIT
report="bench/results/compare-$(date -u +%Y%m%dT%H%M%SZ).txt"
say() { echo "$*" | tee -a "$report"; }

variants=(cp sluice_first sluice_any)
if [ "$duckdb" = 1 ]; then variants+=(duckdb_first duckdb_any); fi

command_of() { # $1 = variant, $2 = input -> sets cmd
  case "$1" in
    cp) cmd=(cp "$2" "$out") ;;
    sluice_first) cmd=(./sluice filter --columns 1 "$2" "$out") ;;
    sluice_any) cmd=(./sluice filter --columns '*' "$2" "$out") ;;
    duckdb_first | duckdb_any)
      cmd=("$JAVA" --enable-native-access=ALL-UNNAMED "-Djava.library.path=$ddb" -cp "$ddb/classes" DuckDbFilter
        "${1#duckdb_}" 4.7 "$2" "$out") ;;
  esac
}

run_once() { # $1 = variant, $2 = input, $3 = results file (appends "variant wall cpu rss_kb rows_kept")
  local cmd wall user sys rss kept
  command_of "$1" "$2"
  rm -f "$out"
  sync
  if ! /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "${cmd[@]}" 2>"$tmp/err"; then
    echo "compare: $1 (${cmd[*]}) failed:" >&2
    cat "$tmp/err" >&2
    exit 1
  fi
  read -r wall user sys rss <"$tmp/time"
  kept="$(sed -n 's/.*rows_kept=\([0-9]*\).*/\1/p' "$tmp/err" | tail -n1)"
  echo "$1 $wall $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }') $rss ${kept:--}" >>"$3"
}

# Median wall / cpu, best wall, peak RSS (MB) and rows kept of one variant: "median best cpu rss kept"
stats() { # $1 = variant, $2 = results file
  local cpu
  cpu="$(awk -v v="$1" '$1 == v { print $3 }' "$2" | sort -n | awk '{ c[NR] = $1 } END { print c[int((NR + 1) / 2)] }')"
  awk -v v="$1" '$1 == v { print }' "$2" | sort -k2,2n | awk -v cpu="$cpu" '
    { w[NR] = $2; if ($4 > rss) rss = $4; kept = $5 }
    END { printf "%.3f %.3f %.2f %.0f %s\n", w[int((NR + 1) / 2)], w[1], cpu, rss / 1024, kept }'
}

verdict() { # $1 = awk condition over x -> PASS or MISS
  awk -v x="$2" "BEGIN { print (($1) ? \"PASS\" : \"MISS\") }"
}

compare_file() { # $1 = size, $2.. = variants
  local size="$1" data bytes v results
  shift
  data="$(gen "$size")"
  bytes="$(stat -L -c %s "$data")"
  results="$tmp/runs-$size"
  : >"$results"
  say ""
  say "## $(basename "$data") ($((bytes / 1000000)) MB): $runs alternating rounds of [$*] after 1 warm-up round; $(date -u +%FT%TZ)"
  say "# load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs; $("$JAVA" -version 2>&1 | head -n1)"
  for v in "$@"; do run_once "$v" "$data" /dev/null; done # warm-up: page cache, AOT cache, DuckDB library
  for r in $(seq "$runs"); do
    for v in "$@"; do run_once "$v" "$data" "$results"; done
    echo "compare: $size round $r/$runs done (load $(cut -d' ' -f1 /proc/loadavg))" >&2
  done
  say "# load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
  say "$(printf '%-13s %9s %7s %10s %13s %12s %10s' variant median_s best_s median_MB/s median_cpu_s peak_RSS_MB rows_kept)"
  for v in "$@"; do
    read -r med best cpu rss kept <<<"$(stats "$v" "$results")"
    echo "$v $med $best $cpu $rss $kept" >>"$tmp/summary-$size"
    say "$(awk -v v="$v" -v m="$med" -v b="$best" -v c="$cpu" -v r="$rss" -v k="$kept" -v bytes="$bytes" \
      'BEGIN { printf "%-13s %9.3f %7.3f %10.0f %13.2f %12.0f %10s", v, m, b, bytes / 1e6 / m, c, r, k }')"
  done
}

get() { # $1 = size, $2 = variant, $3 = field (2 median, 3 best, 4 cpu, 5 rss, 6 kept)
  awk -v v="$2" -v f="$3" '$1 == v { print $f }' "$tmp/summary-$1"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

say "# Wall-time ratios hold only under a low load average (see the load lines); the CPU time ratios are steadier."
say "# bench/compare.sh: ./sluice filter vs DuckDB $DUCKDB_VERSION (JDBC, own JVM) vs cp; issue 14 targets; $(date -u +%FT%TZ)"
for size in "${sizes[@]}"; do compare_file "$size" "${variants[@]}"; done

say ""
say "## Targets (issue 14), from the medians above"
for size in "${sizes[@]}"; do
  cp_s="$(get "$size" cp 2)"
  for sem in first any; do
    s="$(get "$size" "sluice_$sem" 2)"
    rss="$(get "$size" "sluice_$sem" 5)"
    limit=1.5; [ "$sem" = any ] && limit=2.5
    if [ "$size" != 10MB ]; then
      r="$(ratio "$s" "$cp_s")"
      say "$size $sem: sluice/cp = $r (target <= $limit×): $(verdict "x <= $limit" "$r")"
    fi
    say "$size $sem: peak RSS ${rss} MB (target <= 100 MB): $(verdict "x <= 100" "$rss")"
    if [ "$duckdb" = 1 ]; then
      d="$(get "$size" "duckdb_$sem" 2)"
      r="$(ratio "$d" "$s")"
      rc="$(ratio "$(get "$size" "duckdb_$sem" 4)" "$(get "$size" "sluice_$sem" 4)")"
      if [ "$size" = 10MB ]; then
        say "$size $sem: duckdb/sluice = $r (target >= 1×, Sluice at least as fast): $(verdict "x >= 1" "$r"); CPU time ratio $rc"
      else
        say "$size $sem: duckdb/sluice = $r (target >= 8×): $(verdict "x >= 8" "$r"); CPU time ratio $rc"
      fi
      if [ "$(get "$size" "duckdb_$sem" 6)" != "$(get "$size" "sluice_$sem" 6)" ]; then
        say "$size $sem: WARNING rows kept differ: sluice $(get "$size" "sluice_$sem" 6), duckdb $(get "$size" "duckdb_$sem" 6)"
      fi
    fi
  done
done

if [ "$with_10gb" = 1 ]; then
  [ -f "$tmp/summary-1GB" ] || compare_file 1GB cp sluice_first sluice_any
  compare_file 10GB cp sluice_first sluice_any
  say ""
  say "## Linearity 1 GB → 10 GB (seconds per GB; target: the 10 GB figure within 10% of the 1 GB one, or better)"
  for v in cp sluice_first sluice_any; do
    a="$(awk -v s="$(get 1GB "$v" 2)" 'BEGIN { printf "%.3f", s / 1 }')"
    b="$(awk -v s="$(get 10GB "$v" 2)" 'BEGIN { printf "%.3f", s / 10 }')"
    r="$(ratio "$b" "$a")"
    say "$v: 1 GB $a s/GB, 10 GB $b s/GB, ratio $r: $(verdict "x <= 1.10" "$r")"
  done
  # At 10 GB the output no longer fits in the page cache's dirty limit, so cp and the filter both wait for the disk.
  for sem in first any; do
    limit=1.5; [ "$sem" = any ] && limit=2.5
    r="$(ratio "$(get 10GB "sluice_$sem" 2)" "$(get 10GB cp 2)")"
    rss="$(get 10GB "sluice_$sem" 5)"
    say "10GB $sem: sluice/cp = $r (target <= $limit×): $(verdict "x <= $limit" "$r")"
    say "10GB $sem: peak RSS ${rss} MB (target <= 100 MB): $(verdict "x <= 100" "$rss")"
  done
fi
say "# saved to $report"
