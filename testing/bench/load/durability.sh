#!/usr/bin/env bash
# Acknowledged-write throughput of the embedded store (issue 12, "a 200 means durable"), two ways:
#   1. JdbcIamStore.update called directly (JMH StoreWriteBenchmark.putUser), with 1 thread (every write waits for
#      its own sync) and with 8 (writers share syncs);
#   2. through the real server (dev.lanyard.bench.WriteLoad): `java -jar lanyard.jar serve` on a free loopback port
#      with a fresh data directory, N writers each looping CreateUser + PutUserPolicy, SigV4-signed; every 200 is one
#      acknowledged write.
# With --baseline REV the same runs are made on a build of REV too (a temporary git worktree; the two benchmark
# sources are copied into it, since they only use EmbeddedDatabase.open and JdbcIamStore.update), alternating
# baseline and current so both see the same machine. Everything runs on 127.0.0.1 and stops by itself.
#
# Usage: testing/bench/load/durability.sh [options]
#   --baseline REV   also measure this revision (e.g. the commit before the durability fix)
#   --rounds N       how many times to alternate baseline and current (default 1)
#   --threads LIST   JMH threads for the store benchmark (default "1 8")
#   --writers LIST   concurrent writers through the server (default "1 4 16")
#   --seconds S      measured seconds per server row (default 10; 3 s warm-up before each)
# Environment: JAVA_HOME (a JDK 25; .ci/find-jdk25.sh is sourced when unset).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
baseline=""
rounds=1
threads="1 8"
writers="1 4 16"
seconds=10

while [[ $# -gt 0 ]]; do
  case "$1" in
    --baseline) baseline="${2:?}"; shift 2 ;;
    --rounds) rounds="${2:?}"; shift 2 ;;
    --threads) threads="${2:?}"; shift 2 ;;
    --writers) writers="${2:?}"; shift 2 ;;
    --seconds) seconds="${2:?}"; shift 2 ;;
    -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "durability.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

if [[ -z "${JAVA_HOME:-}" ]]; then
  # shellcheck source=/dev/null
  source "$repo/.ci/find-jdk25.sh"
fi
java="$JAVA_HOME/bin/java"
work="$(mktemp -d)"
cleanup() {
  if [[ -d "$work/baseline" ]]; then
    git -C "$repo" worktree remove --force "$work/baseline" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

build() {
  (cd "$1" && ./mvnw -B -ntp -q -pl cli,testing/bench -am package -DskipTests)
}

measure() {
  local label="$1" tree="$2"
  for t in $threads; do
    echo "### $label: JdbcIamStore.update, $t thread(s) (load $(cut -d' ' -f1-3 /proc/loadavg))"
    "$java" -jar "$tree/testing/bench/target/benchmarks.jar" -f 1 -wi 2 -w 3 -i 5 -r 3 -t "$t" \
      StoreWriteBenchmark 2>&1 | grep -E '^(Benchmark|StoreWriteBenchmark)'
  done
  echo "### $label: through the server, CreateUser + PutUserPolicy (load $(cut -d' ' -f1-3 /proc/loadavg))"
  "$java" -cp "$tree/testing/bench/target/benchmarks.jar" dev.lanyard.bench.WriteLoad \
    --jar "$tree/cli/target/lanyard.jar" --writers "$writers" --seconds "$seconds" --warmup 3
}

echo "Building the current tree ($(git -C "$repo" rev-parse --short HEAD))"
build "$repo"
if [[ -n "$baseline" ]]; then
  echo "Building the baseline $baseline"
  git -C "$repo" worktree add --detach "$work/baseline" "$baseline" >/dev/null
  for f in StoreWriteBenchmark.java WriteLoad.java; do
    cp "$repo/testing/bench/src/main/java/dev/lanyard/bench/$f" "$work/baseline/testing/bench/src/main/java/dev/lanyard/bench/"
  done
  # The baseline keeps its own POM plus the store (its other benchmarks build against it); a baseline from before
  # the store took an injected clock opens it without one.
  pom="$work/baseline/testing/bench/pom.xml"
  grep -q lanyard-store-jdbc "$pom" || sed -i 's#^\( *\)<dependency><groupId>dev.lanyard</groupId><artifactId>lanyard-policy</artifactId></dependency>#&\n\1<dependency><groupId>dev.lanyard</groupId><artifactId>lanyard-store-jdbc</artifactId></dependency>#' "$pom"
  grep -q 'InstantSource clock' "$work/baseline/store/jdbc/src/main/java/dev/lanyard/store/jdbc/EmbeddedDatabase.java" \
    || sed -i 's/, java.time.Clock.systemUTC())/)/' "$work/baseline/testing/bench/src/main/java/dev/lanyard/bench/StoreWriteBenchmark.java"
  build "$work/baseline"
fi

echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $("$java" -version 2>&1 | head -1)"
for round in $(seq 1 "$rounds"); do
  if [[ -n "$baseline" ]]; then
    measure "baseline $baseline, round $round" "$work/baseline"
  fi
  measure "current $(git -C "$repo" rev-parse --short HEAD), round $round" "$repo"
done
