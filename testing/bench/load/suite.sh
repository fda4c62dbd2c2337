#!/usr/bin/env bash
# The issue 8 performance suite, one command, one report: start-up time, session token sizes, resident memory
# over a million issued sessions, the wrk load table (Lanyard, the bare HTTP ceiling, moto; AssumeRoleWithWebIdentity
# among the operations; run.sh), and JMH (policy evaluation; SigV4 verification + token unseal next to their crypto
# floor); then each goal, met or missed. Everything listens on 127.0.0.1, one server at a time; everything started
# here is stopped on exit.
#
# Usage: testing/bench/load/suite.sh [options]
#   --out FILE          also write the markdown report to FILE
#   --quick             a few minutes with short runs: checks the harness, the figures mean little
#   --sessions N        AssumeRole calls for the memory check (default 1000000)
#   --keep              keep the temporary directory (logs, raw wrk and JMH output)
#   --max-seconds S     hard limit for the whole suite (default 1200; a full run takes about 12 minutes)
#   --wait-idle S       first wait up to S seconds (default 120) for the CPUs to be at least 90% idle over 3 s; the
#                       report states the idle share measured before it started either way
# Environment: as run.sh (LANYARD_JAR, BENCH_JAR, LANYARD_JAVA_OPTS, JAVA_HOME). Requires wrk, curl, the AWS CLI,
# python3 with boto3 and cryptography, moto_server (optional) and the JDK's jcmd.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
prog=suite.sh
# shellcheck source=lib.sh
source "$here/lib.sh"

out=""
quick=0
sessions=1000000
keep=0
max_seconds=1200
wait_idle=120

while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) out="${2:?}"; shift 2 ;;
    --quick) quick=1; shift ;;
    --sessions) sessions="${2:?}"; shift 2 ;;
    --keep) keep=1; shift ;;
    --max-seconds) max_seconds="${2:?}"; shift 2 ;;
    --wait-idle) wait_idle="${2:?}"; shift 2 ;;
    -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
[[ "$sessions" =~ ^[1-9][0-9]*$ && "$max_seconds" =~ ^[1-9][0-9]*$ && "$wait_idle" =~ ^[0-9]+$ ]] \
  || die "--sessions, --max-seconds and --wait-idle take numbers"

if [[ $quick -eq 1 ]]; then
  run_args=(--duration 2 --warmup 1 --server-warmup 2 --connections "1 2 16" --moto-connections "1")
  jmh_args=(-wi 1 -w 1 -i 2 -r 1)
  memory_warmup=3
  [[ "$sessions" -ne 1000000 ]] || sessions=100000
else
  run_args=()
  jmh_args=(-wi 3 -w 2 -i 5 -r 1)
  memory_warmup=15
fi
memory_budget=150 # seconds of AssumeRole load at most for the memory check

# shellcheck source=../../../.ci/find-jdk25.sh
source "$repo/.ci/find-jdk25.sh"
install_wrk
for tool in curl aws python3; do command -v "$tool" > /dev/null || die "$tool is required"; done
python3 -c 'import boto3' 2> /dev/null || die "python3 with boto3 is required"
[[ -x "$JAVA_HOME/bin/jcmd" ]] || die "jcmd is missing from $JAVA_HOME"
# Before the time limit starts: waiting for another build to finish is not the suite's own time.
waited_from=$(date +%s)
idle="$(cpu_idle_percent 3)"
while ((idle < 90 && $(date +%s) - waited_from < wait_idle)); do
  echo "$prog: the CPUs are only ${idle}% idle (another build?): waiting" >&2
  idle="$(cpu_idle_percent 3)"
done
((idle >= 90)) || echo "$prog: going on with the CPUs ${idle}% idle: the figures will be low" >&2
started_at=$(date +%s)
start_guard suite
lanyard_jar > /dev/null
jar="$(bench_jar)"

# shellcheck source=suite-phases.sh
source "$here/suite-phases.sh"
# shellcheck source=report.sh
source "$here/report.sh"

cpu_phase() { # name: appends "name total-ticks other-busy-ticks steal-ticks" since the previous mark to cpu.tsv
  local now
  now="$(cpu_mark)"
  awk -v name="$1" -v a="$mark" -v b="$now" 'BEGIN {split(a, x, " "); split(b, y, " ");
    printf "%s\t%d\t%d\t%d\n", name, y[1] - x[1], (y[2] - x[2]) - (y[3] - x[3]), y[4] - x[4]}' >> "$work/cpu.tsv"
  mark="$now"
}
mark="$(cpu_mark)"

echo "$prog: start-up on an empty data directory, with the AOT cache, then a plain later start" >&2
data="$work/lanyard"
port="$(free_port)"
probe_start empty "$data" "$port"
stop_last
# The ./lanyard launcher's way: a start records the JDK's AOT cache when it stops, the next one loads it.
LANYARD_JAVA_OPTS="${LANYARD_JAVA_OPTS:-} -XX:AOTCacheOutput=$work/lanyard.aot" probe_start aot-training "$data" "$port"
stop_last
[[ -s "$work/lanyard.aot" ]] || die "the training start wrote no AOT cache"
LANYARD_JAVA_OPTS="${LANYARD_JAVA_OPTS:-} -XX:AOTCache=$work/lanyard.aot" probe_start aot "$data" "$port"
stop_last
# The server the next phases use: default JVM options, like the load runs.
probe_start second "$data" "$port"
lanyard_data="$data"
set_up_lanyard_iam
echo "$prog: token sizes" >&2
measure_tokens
echo "$prog: memory over $sessions AssumeRole calls" >&2
measure_memory
stop_last
cpu_phase "start-up, tokens, memory"

echo "$prog: load table (run.sh)" >&2
remaining=$((max_seconds - ($(date +%s) - started_at) - 150))
[[ $remaining -gt 60 ]] || die "no time left for the load table"
run_waited --grace 90 "$here/run.sh" "${run_args[@]}" --tsv "$work/load.tsv" --out "$work/load.md" --max-seconds "$remaining" \
  > /dev/null || die "run.sh failed"
cpu_phase "load table"

echo "$prog: JMH" >&2
run_jmh
cpu_phase JMH

idle_after="$(cpu_idle_percent 3)"
printf '%s\n' "$plain_token_chars" > "$work/plain_token.txt"
{
  echo "## Issue 8 suite: $(date -u '+%Y-%m-%d')"
  echo
  echo "Command: \`testing/bench/load/suite.sh$([[ $quick -eq 0 ]] || echo ' --quick')\` (took $(($(date +%s) - started_at)) s)"
  echo
  machine_facts
  echo "- CPU idle in the 3 s before the suite started: ${idle}%, and after it ended: ${idle_after}% (anything else" \
    "running on the machine skews every figure)"
} > "$work/facts.md"
report="$(python3 "$here/suite_report.py" "$work" "$sessions")" || die "rendering the report failed"
printf '%s\n' "$report"
[[ -z "$out" ]] || printf '%s\n' "$report" > "$out"
echo "$prog: done in $(($(date +%s) - started_at)) s" >&2
