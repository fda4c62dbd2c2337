#!/usr/bin/env bash
# What the metrics cost: Lanyard's own CPU time per AssumeRole (utime + stime of the server process over a wrk run,
# divided by the requests it answered) and its throughput, with /metrics on (the default) and off (--no-metrics), in
# alternating rounds on fresh servers. CPU time per request is the figure to compare on a shared machine: other
# processes take CPUs away from the server (its throughput drops) but do not add to its own CPU time. Throttling is
# off (lib.sh), as in every load run.
#
# Usage: testing/bench/load/metrics_cost.sh [--rounds N] [--duration S] [--connections C] [--out FILE]
#   defaults: 3 rounds, 10 s measured after 10 s of warm-up, 16 connections
# Environment: as run.sh (LANYARD_JAR, LANYARD_JAVA_OPTS, JAVA_HOME).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
prog=metrics_cost.sh
keep=0
# shellcheck source=lib.sh
source "$here/lib.sh"

rounds=3
duration=10
connections=16
out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="${2:?}"; shift 2 ;;
    --duration) duration="${2:?}"; shift 2 ;;
    --connections) connections="${2:?}"; shift 2 ;;
    --out) out="${2:?}"; shift 2 ;;
    -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
[[ "$rounds" =~ ^[1-9][0-9]*$ && "$duration" =~ ^[1-9][0-9]*$ && "$connections" =~ ^[1-9][0-9]*$ ]] \
  || die "--rounds, --duration and --connections take whole numbers"
max_seconds=$((300 + rounds * 2 * (duration + 60)))

# shellcheck source=../../../.ci/find-jdk25.sh
source "$repo/.ci/find-jdk25.sh"
install_wrk
command -v aws > /dev/null || die "the AWS CLI is required"
start_guard metrics-cost

ticks_per_second="$(getconf CLK_TCK)"
server_ticks() { awk '{print $14 + $15}' "/proc/$lanyard_pid/stat"; }

rows="$work/rows.tsv"
: > "$rows"
for round in $(seq 1 "$rounds"); do
  for mode in on off; do
    LANYARD_SERVE_OPTS=""
    [[ "$mode" == off ]] && LANYARD_SERVE_OPTS="--no-metrics"
    export LANYARD_SERVE_OPTS
    start_lanyard
    set_up_lanyard_iam
    url="$(presign lanyard AssumeRole)" || die "presigning AssumeRole failed"
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$url")"
    [[ "$code" == 200 ]] || die "AssumeRole answered HTTP $code"
    timeout 60 wrk -t2 -c"$connections" -d10s "$url" > /dev/null
    before="$(server_ticks)"
    timeout $((duration + 30)) wrk -t2 -c"$connections" -d"${duration}s" -s "$here/stats.lua" "$url" \
      > "$work/wrk-$mode-$round.txt"
    after="$(server_ticks)"
    requests="$(awk '/requests in/ {print $1; exit}' "$work/wrk-$mode-$round.txt")"
    non2xx="$(awk '/Non-2xx or 3xx responses/ {print $NF; exit}' "$work/wrk-$mode-$round.txt")"
    [[ -z "$non2xx" ]] || die "$non2xx answers were not 200 ($mode, round $round)"
    awk -v m="$mode" -v r="$round" -v n="$requests" -v d="$duration" -v t=$((after - before)) \
      -v hz="$ticks_per_second" 'BEGIN {printf "%s\t%s\t%d\t%.0f\t%.1f\n", m, r, n, n / d, t / hz * 1e6 / n}' \
      >> "$rows"
    echo "$prog: round $round, metrics $mode: $(tail -n 1 "$rows" | cut -f 3-)" >&2
    stop_last
    rm -rf "$lanyard_data" # the next server starts on a fresh data directory
  done
done

report() {
  echo "| metrics | round | requests | req/s | server CPU µs per request |"
  echo "|---|--:|--:|--:|--:|"
  awk -F'\t' '{printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5}' "$rows"
  echo
  for mode in on off; do
    awk -F'\t' -v m="$mode" '$1 == m {print $5}' "$rows" | sort -n \
      | awk -v m="$mode" '{v[NR] = $1} END {printf "median CPU per request, metrics %s: %s µs\n", m, v[int((NR + 1) / 2)]}'
  done
}
if [[ -n "$out" ]]; then report | tee "$out"; else report; fi
