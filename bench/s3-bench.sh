#!/usr/bin/env bash
# Upload-to-output latency of the local pipeline (`./sluice up`): N small CSVs are put one after another into
# sluice-source with boto3; for each, the time from the PutObject response to the filtered object being readable in
# sluice-filtered is measured (polling every 5 ms). Prints median / p90 / max in ms.
#   bench/s3-bench.sh [N=100]
# Needs python3 with boto3 (the CI image has it). Starts and stops its own stack on a free port in a temp folder.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-100}"
DATA="$(mktemp -d "${TMPDIR:-/tmp}/sluice-s3-bench.XXXXXX")"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"

./sluice up --port "$PORT" --data-dir "$DATA/data" > "$DATA/up.out" 2> "$DATA/up.err" &
UP_PID=$!
cleanup() { kill "$UP_PID" 2>/dev/null || true; wait "$UP_PID" 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT
for _ in $(seq 1 600); do grep -q 'Press Ctrl-C' "$DATA/up.out" 2>/dev/null && break; sleep 0.1; done
grep -q 'Press Ctrl-C' "$DATA/up.out" || { cat "$DATA/up.err" >&2; echo "s3-bench: sluice up did not start" >&2; exit 1; }

python3 - "$PORT" "$N" <<'PY'
import statistics, sys, time
import boto3
from botocore.config import Config
port, n = sys.argv[1], int(sys.argv[2])
s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", aws_access_key_id="test",
                  aws_secret_access_key="test", region_name="us-east-1",
                  config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))
body = b"name,score\n" + b"".join(b"r%d,%d.5\n" % (i, i % 10) for i in range(100))
lat = []
for i in range(n + 5):                      # the first 5 warm the JVM up and are not counted
    key = f"bench/{i:04d}.csv"
    s3.put_object(Bucket="sluice-source", Key=key, Body=body)
    t0 = time.perf_counter()
    while True:
        try:
            s3.head_object(Bucket="sluice-filtered", Key=key)
            break
        except s3.exceptions.ClientError:
            time.sleep(0.005)
        if time.perf_counter() - t0 > 60:
            sys.exit(f"s3-bench: no output for {key} after 60 s")
    if i >= 5:
        lat.append((time.perf_counter() - t0) * 1000)
lat.sort()
print(f"upload-to-output latency over {n} small files (ms): median {statistics.median(lat):.1f}, "
      f"p90 {lat[int(0.9 * (n - 1))]:.1f}, max {lat[-1]:.1f}")
PY
