#!/usr/bin/env bash
# Start-up of the release against ./lanyard: ms from launch to the first 200 of GET /health and of a signed
# GetCallerIdentity (startup_probe.py), on an empty data directory and on a later start of the same one, for
#   release         target/release/lanyard-*/bin/lanyard (its runtime and the AOT cache recorded by ./release)
#   release-no-aot  the same with LANYARD_JAVA_OPTS=-XX:AOTMode=off
#   lanyard         ./lanyard serve, after a first start recorded cli/target/lanyard.aot (this script does that first)
#   jar             java -jar cli/target/lanyard.jar on the JDK, no cache
# The variants take turns, RUNS times; each line of the output is one start, then the medians.
# Usage (after ./release, from the repository root): testing/bench/load/release-startup.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
runs=${1:-5}
source "$repo/.ci/find-jdk25.sh"
release=$(ls -d "$repo"/target/release/lanyard-*/ 2>/dev/null | head -1)
[[ -n $release ]] || { echo "release-startup: no release in target/release; run ./release first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One start: prints "health_ms gci_ms"; the server is stopped with SIGTERM and must exit with 0.
start() {
  local data=$1
  shift
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  local t0
  t0=$(date +%s%N)
  "$@" serve --port "$port" --data-dir "$data" >> "$work/serve.log" 2>&1 &
  local pid=$!
  python3 "$here/startup_probe.py" "$t0" "$port" "$data" 180 us-east-1
  kill -TERM "$pid"
  wait "$pid" || { echo "release-startup: exit status $? after SIGTERM; see $work/serve.log" >&2; exit 1; }
}

command_of() {
  case $1 in
    release) echo "${release}bin/lanyard" ;;
    release-no-aot) echo "env LANYARD_JAVA_OPTS=-XX:AOTMode=off ${release}bin/lanyard" ;;
    lanyard) echo "$repo/lanyard" ;;
    jar) echo "$JAVA_HOME/bin/java -jar $repo/cli/target/lanyard.jar" ;;
  esac
}

# ./lanyard records its cache on the first start after a build, as a user's first start would.
rm -f "$repo/cli/target/lanyard.aot"
start "$work/recording" "$repo/lanyard" > /dev/null
variants=(release release-no-aot lanyard jar)
echo "variant start health_ms gci_ms load1"
for run in $(seq 1 "$runs"); do
  for variant in "${variants[@]}"; do
    data="$work/$variant-$run"
    # shellcheck disable=SC2046 # the command is a list of words
    echo "$variant empty $(start "$data" $(command_of "$variant")) $(cut -d' ' -f1 /proc/loadavg)"
    # shellcheck disable=SC2046
    echo "$variant later $(start "$data" $(command_of "$variant")) $(cut -d' ' -f1 /proc/loadavg)"
  done
done | tee "$work/starts.txt"
echo
python3 - "$work/starts.txt" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if not line.startswith("variant")]
print("| start | variant | starts | first 200 of GET /health (ms, median) | first 200 of signed GetCallerIdentity (ms, median) |")
print("|---|---|--:|--:|--:|")
for start in ("empty", "later"):
    for variant in ("release", "release-no-aot", "lanyard", "jar"):
        mine = [r for r in rows if r[0] == variant and r[1] == start]
        print("| %s | %s | %d | %d | %d |" % (start, variant, len(mine), statistics.median(int(r[2]) for r in mine),
                                             statistics.median(int(r[3]) for r in mine)))
PY
