#!/usr/bin/env bash
# Server CPU time per request on the signed Query path and the authorization API: one `lanyard serve` (with the
# orders service catalogue of authorize.sh), then per operation a warm-up and N measured wrk runs at C connections;
# each run's figure is the server process's own CPU time (utime + stime from /proc/PID/stat) over the run divided by
# the requests it answered. Other processes on a shared machine take CPUs away from the server (its throughput
# drops) but add nothing to its own CPU time, so this is the figure to compare between builds on a busy machine.
# Operations: GetCallerIdentity (presigned, root key), AssumeRole (presigned, an IAM user's key), Authorize (one
# signed POST /authorize/v1 about a signed GET, verified and decided in full on every replay).
#
# Usage: testing/bench/load/cpu_cost.sh [--rounds N] [--duration S] [--warmup S] [--connections C]
#                                       [--operations "GetCallerIdentity AssumeRole Authorize"] [--jfr DIR] [--keep]
#   defaults: 3 rounds of 10 s at 16 connections after 15 s of warm-up per operation; the JIT compiler's threads'
#   CPU time is left out (see server_ticks)
#   --jfr DIR   also records each operation's measured rounds with JFR (settings=profile, started and stopped with
#               jcmd, so the recording holds that operation alone): DIR/<operation>.jfr
# Environment: LANYARD_JAR (default cli/target/lanyard.jar, built if missing), LANYARD_JAVA_OPTS, JAVA_HOME.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
prog=cpu_cost.sh
# shellcheck source=lib.sh
source "$here/lib.sh"

rounds=3
duration=10
warmup=15
connections=16
operations="GetCallerIdentity AssumeRole Authorize"
jfr_dir=""
keep=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="${2:?}"; shift 2 ;;
    --duration) duration="${2:?}"; shift 2 ;;
    --warmup) warmup="${2:?}"; shift 2 ;;
    --connections) connections="${2:?}"; shift 2 ;;
    --operations) operations="${2:?}"; shift 2 ;;
    --jfr) jfr_dir="$(mkdir -p "${2:?}" && cd "$2" && pwd)"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
[[ "$rounds" =~ ^[1-9][0-9]*$ && "$duration" =~ ^[1-9][0-9]*$ && "$warmup" =~ ^[0-9]+$ \
  && "$connections" =~ ^[1-9][0-9]*$ ]] || die "--rounds, --duration, --warmup and --connections take whole numbers"
for op in $operations; do
  [[ "$op" == GetCallerIdentity || "$op" == AssumeRole || "$op" == Authorize ]] || die "unknown operation '$op'"
done
max_seconds=$((600 + $(wc -w <<< "$operations") * (warmup + 40 + rounds * (duration + 10))))

# shellcheck source=../../../.ci/find-jdk25.sh
source "$repo/.ci/find-jdk25.sh"
install_wrk
command -v aws > /dev/null || die "the AWS CLI is required"
python3 -c 'import botocore' 2> /dev/null || die "python3 with botocore is required"
start_guard cpu-cost

# First start: the account the catalogue names exists only once the server made it (as authorize.sh).
catalogue="$work/catalogue.json"
echo '{"Services":{}}' > "$catalogue"
start_lanyard
set_up_lanyard_iam
stop_last
cat > "$catalogue" << JSON
{"Services": {"orders": {"Account": "$account",
  "ResourceTypes": {"order": "arn:\${Partition}:orders:\${Region}:\${Account}:order/\${OrderId}"},
  "Actions": {"GetOrder": {"ResourceTypes": ["order"]}}}}}
JSON
launch_lanyard "$lanyard_data" "$(free_port)" "$work/lanyard.log" --service-catalogue "$catalogue"
wait_until_up Lanyard "http://127.0.0.1:$lanyard_port/health" "$lanyard_pid" "$work/lanyard.log"
sed -i "s|^endpoint_url = .*|endpoint_url = http://127.0.0.1:$lanyard_port|" "$AWS_CONFIG_FILE"

user() { # name policy -> "key secret"
  timeout 60 aws iam create-user --user-name "$1" > /dev/null || die "create-user $1 failed"
  timeout 60 aws iam put-user-policy --user-name "$1" --policy-name p --policy-document "$2" \
    || die "put-user-policy $1 failed"
  timeout 60 aws iam create-access-key --user-name "$1" --query 'AccessKey.[AccessKeyId,SecretAccessKey]' \
    --output text
}
authorize_script="$work/authorize.lua"
if [[ " $operations " == *" Authorize "* ]]; then
  read -r service_key service_secret < <(user orders-service "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\
\"Allow\",\"Action\":\"lanyard:Authorize\",\"Resource\":\"arn:aws:lanyard::$account:service/orders\"}]}")
  read -r client_key client_secret < <(user alice "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\
\"Action\":\"orders:GetOrder\",\"Resource\":\"arn:aws:orders:*:$account:order/*\"}]}")
  [[ -n "${service_secret:-}" && -n "${client_secret:-}" ]] || die "no access keys"
  python3 "$here/authorize_request.py" "http://127.0.0.1:$lanyard_port" "$service_key" "$service_secret" \
    "$client_key" "$client_secret" "arn:aws:orders:us-east-1:$account:order/42" "$here/stats.lua" "$authorize_script"
fi

ticks_per_second="$(getconf CLK_TCK)"
# The JIT compiler's threads are left out: on a busy machine the server compiles its hot path for minutes, and that
# time, spread over few requests, swamped the figure (up to 10x between rounds); the GC's threads stay in (a request
# causes their work).
server_ticks() {
  local all jit
  all="$(awk '{print $14 + $15}' "/proc/$lanyard_pid/stat")"
  jit="$(for task in /proc/"$lanyard_pid"/task/*; do
    if [[ "$(cat "$task/comm" 2> /dev/null)" == C[12]\ Compiler* ]]; then
      sed 's/^.*) //' "$task/stat" 2> /dev/null | awk '{print $12 + $13}'
    fi
  done | awk '{s += $1} END {print s + 0}')"
  echo $((all - jit))
}
rows="$work/rows.tsv"
: > "$rows"
for op in $operations; do
  if [[ "$op" == Authorize ]]; then
    url="http://127.0.0.1:$lanyard_port/authorize/v1"
    script="$authorize_script"
  else
    url="$(presign lanyard "$op")" || die "presigning $op failed"
    script="$here/stats.lua"
  fi
  wrk_script="$script" wrk_stats 2 "$connections" "$warmup" "$work/warmup-$op.txt" "$url"
  [[ "$status_errors" == 0 ]] || die "$op: the warm-up got error statuses, see $work/warmup-$op.txt"
  if [[ -n "$jfr_dir" ]]; then
    timeout 60 "$JAVA_HOME/bin/jcmd" "$lanyard_pid" JFR.start name=cpu-cost settings=profile \
      filename="$jfr_dir/$op.jfr" > /dev/null || die "JFR.start failed"
  fi
  for round in $(seq 1 "$rounds"); do
    before="$(server_ticks)"
    wrk_script="$script" wrk_stats 2 "$connections" "$duration" "$work/wrk-$op-$round.txt" "$url"
    after="$(server_ticks)"
    [[ "$status_errors" == 0 ]] || die "$op: error statuses in round $round, see $work/wrk-$op-$round.txt"
    awk -v o="$op" -v r="$round" -v n="$requests" -v d="$duration" -v t=$((after - before)) \
      -v hz="$ticks_per_second" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
      'BEGIN {printf "%s\t%s\t%d\t%.0f\t%.1f\t%s\n", o, r, n, n / d, t / hz * 1e6 / n, l}' >> "$rows"
    echo "$prog: $op round $round: $(tail -n 1 "$rows" | cut -f 3-)" >&2
  done
  if [[ -n "$jfr_dir" ]]; then
    timeout 60 "$JAVA_HOME/bin/jcmd" "$lanyard_pid" JFR.stop name=cpu-cost > /dev/null || die "JFR.stop failed"
  fi
done

echo "| operation | round | requests | req/s | server CPU µs per request | load average |"
echo "|---|--:|--:|--:|--:|--:|"
awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6}' "$rows"
echo
for op in $operations; do
  awk -F'\t' -v o="$op" '$1 == o {print $5}' "$rows" | sort -n | awk -v o="$op" '{v[NR] = $1}
    END {printf "%s: median %s µs per request (min %s, max %s)\n", o, v[int((NR + 1) / 2)], v[1], v[NR]}'
done
