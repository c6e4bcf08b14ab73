#!/usr/bin/env bash
# The p50 overhead's spread without the engine: plain `vegeta attack | vegeta encode` of the
# demo profile's interleaved attack (200 RPS per target, 5 s, after a 3 s warm-up), five
# times against one mock provider and gateway, then five times starting both afresh. Prints
# the p50 overhead of each attack (median through the gateway − median direct, 200s only)
# and the standard deviation of each set. Compare with (d) of `npm run bench`.
#
#   bench/plain-vegeta-noise.sh RESULTS_DIR
#
# RESULTS_DIR: the results of a finished run of examples/bifrost-like (e.g. `npm run demo`):
# its load-test-results.json names the vegeta, mocker and gateway binaries it used, and its
# gateway-app/config.json the mock provider's address. Run it alone on the machine.
set -euo pipefail
results=${1:?usage: bench/plain-vegeta-noise.sh RESULTS_DIR}
tool() { python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["tools"][sys.argv[2]]; print(t.get("binaryPath") or t["path"])' "$results/load-test-results.json" "$1"; }
vegeta=$(tool vegeta)
mocker=$(tool mocker)
gateway=$(tool gateway)
scratch=$(mktemp -d)
cp -r "$results/gateway-app" "$scratch/app"
mocker_port=$(python3 -c 'import json,re,sys; print(re.search(r":(\d+)", json.load(open(sys.argv[1]))["providers"]["openai"]["network_config"]["base_url"]).group(1))' "$scratch/app/config.json")
gateway_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

body=$(printf '%s' '{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}' | base64 -w0)
target() { printf '{"method":"POST","url":"http://127.0.0.1:%s/v1/chat/completions","body":"%s","header":{"Content-Type":["application/json"]}}\n' "$1" "$body"; }
# Both orders, as the engine's targets file has them.
{ target "$mocker_port"; target "$gateway_port"; target "$gateway_port"; target "$mocker_port"; } >"$scratch/targets.json"

start() {
  "$mocker" -host 127.0.0.1 -port "$mocker_port" -latency 200 >"$scratch/mocker.log" 2>&1 &
  pids=("$!")
  "$gateway" -host 127.0.0.1 -port "$gateway_port" -app-dir "$scratch/app" -log-level warn >"$scratch/gateway.log" 2>&1 &
  pids+=("$!")
  for _ in $(seq 100); do
    curl -sf -o /dev/null "http://127.0.0.1:$gateway_port/health" &&
      curl -sf -o /dev/null "http://127.0.0.1:$mocker_port/v1/models" && return
    sleep 0.1
  done
  echo "the mock provider or the gateway did not start; logs in $scratch" >&2
  exit 1
}
stop() {
  kill "${pids[@]}"
  wait "${pids[@]}" 2>/dev/null || true
  pids=()
}
attack() {
  "$vegeta" attack -format=json -targets="$scratch/targets.json" -rate=400 -duration="$1" -max-body=65536 |
    "$vegeta" encode --to csv >"$scratch/results.csv"
}
# vegeta's CSV: timestamp, code, latency (ns), …, url in column 11.
p50_overhead_us() {
  python3 - "$scratch/results.csv" "$mocker_port" "$gateway_port" <<'PY'
import csv, statistics, sys
latencies = {sys.argv[2]: [], sys.argv[3]: []}
for row in csv.reader(open(sys.argv[1])):
    if row[1] == "200":
        latencies[row[10].split(":")[2].split("/")[0]].append(int(row[2]))
print(f"{(statistics.median(latencies[sys.argv[3]]) - statistics.median(latencies[sys.argv[2]])) / 1000:.1f}")
PY
}
spread() { python3 -c 'import statistics,sys; v=[float(x) for x in sys.argv[1:]]; print(f"standard deviation {statistics.stdev(v):.1f} µs, mean {statistics.mean(v):.1f} µs")' "$@"; }

same=()
start
attack 3s
for _ in 1 2 3 4 5; do attack 5s && same+=("$(p50_overhead_us)"); done
stop
echo "one mock provider and gateway, 5 attacks: p50 overhead ${same[*]} µs; $(spread "${same[@]}")"
fresh=()
for _ in 1 2 3 4 5; do start && attack 3s && attack 5s && fresh+=("$(p50_overhead_us)") && stop; done
echo "started afresh for each attack:           p50 overhead ${fresh[*]} µs; $(spread "${fresh[@]}")"
