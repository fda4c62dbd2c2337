#!/usr/bin/env bash
# Load benchmark of the running server: wrk replays presigned STS GET URLs (GetCallerIdentity with the root key,
# AssumeRole with an IAM user's key) against Lanyard, and optionally against moto for scale, then prints a markdown
# table with the machine's facts. Everything listens on 127.0.0.1 and everything started here is stopped on exit.
#
# Usage: testing/bench/load/run.sh [options]
#   --duration S        measured seconds per run (default 10)
#   --warmup S          warm-up seconds before each measured run, not counted (default 3)
#   --server-warmup S   once per operation before its runs, S seconds at 16 connections so that the server's JIT
#                       has compiled the path before the first row (default 10; 0 skips it)
#   --connections LIST  wrk connections, space-separated (default "1 16 64"); threads: 1 for one connection, else 2
#   --targets LIST      servers to load: "lanyard moto" (default), "lanyard" (same as --no-moto) or "moto" (checks
#                       this harness without a Lanyard build)
#   --no-moto           Lanyard only
#   --out FILE          also write the markdown report to FILE
#   --keep              keep the temporary directory (server logs, raw wrk output) even on success
#   --max-seconds S     hard limit for the whole script (default: computed from the above, plus 5 minutes)
# Environment: LANYARD_JAR (default cli/target/lanyard.jar, built if missing), LANYARD_JAVA_OPTS (server JVM
# options), JAVA_HOME (a JDK 25; see .ci/find-jdk25.sh).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
REGION=us-east-1

duration=10
warmup=3
server_warmup=10
connections="1 16 64"
targets="lanyard moto"
out=""
keep=0
max_seconds=""

die() {
  echo "run.sh: $*" >&2
  exit 1
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration="${2:?}"; shift 2 ;;
    --warmup) warmup="${2:?}"; shift 2 ;;
    --server-warmup) server_warmup="${2:?}"; shift 2 ;;
    --connections) connections="${2:?}"; shift 2 ;;
    --targets) targets="${2:?}"; shift 2 ;;
    --no-moto) targets="lanyard"; shift ;;
    --out) out="${2:?}"; shift 2 ;;
    --keep) keep=1; shift ;;
    --max-seconds) max_seconds="${2:?}"; shift 2 ;;
    -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
[[ "$duration" =~ ^[1-9][0-9]*$ && "$warmup" =~ ^[0-9]+$ && "$server_warmup" =~ ^[0-9]+$ ]] \
  || die "--duration, --warmup and --server-warmup take whole seconds"
for c in $connections; do [[ "$c" =~ ^[1-9][0-9]*$ ]] || die "bad connection count '$c'"; done
for t in $targets; do [[ "$t" == lanyard || "$t" == moto ]] || die "unknown target '$t'"; done

n_targets=$(wc -w <<< "$targets")
n_connections=$(wc -w <<< "$connections")
# Each run: warm-up + measurement + a few seconds of wrk start-up and presigning; 300 s for builds and set-up.
max_seconds="${max_seconds:-$(( 300 + n_targets * 2 * (server_warmup + n_connections * (warmup + duration + 5)) ))}"

# ---------------------------------------------------------------------------------------------------- tools
# shellcheck source=../../../.ci/find-jdk25.sh
source "$repo/.ci/find-jdk25.sh"
if ! command -v wrk > /dev/null; then
  echo "run.sh: installing wrk" >&2
  if [[ $EUID -ne 0 ]] || ! command -v apt-get > /dev/null; then
    die "wrk is missing: install it (apt-get install wrk)"
  fi
  apt-get install -y -qq wrk > /dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk > /dev/null; }
fi
command -v curl > /dev/null || die "curl is required"
python3 -c 'import boto3' 2> /dev/null || die "python3 with boto3 is required"
if [[ " $targets " == *" lanyard "* ]]; then
  command -v aws > /dev/null || die "the AWS CLI is required"
fi
if [[ " $targets " == *" moto "* ]] && ! command -v moto_server > /dev/null; then
  echo "run.sh: moto_server not found, loading Lanyard only" >&2
  targets="lanyard"
fi

# ------------------------------------------------------------------------------------------ clean-up, limits
work="$(mktemp -d "${TMPDIR:-/tmp}/lanyard-load.XXXXXX")"
pids=()
watchdog=""

stop_pid() {
  local pid="$1"
  kill -TERM "$pid" 2> /dev/null || return 0
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2> /dev/null || return 0
    sleep 0.2
  done
  kill -KILL "$pid" 2> /dev/null || true
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e # clean-up goes on whatever fails (the watchdog, for one, may be gone already)
  [[ -z "$watchdog" ]] || kill "$watchdog" 2> /dev/null
  for pid in "${pids[@]}"; do stop_pid "$pid"; done
  if [[ $status -ne 0 || $keep -eq 1 ]]; then
    echo "run.sh: logs and raw wrk output kept in $work" >&2
  else
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'echo "run.sh: stopped (time limit of ${max_seconds}s or a signal)" >&2; exit 124' TERM

# The script gets TERM when time is up; every command below has its own timeout, so the trap runs soon after.
# The watchdog's sleep dies with it, leaving nothing behind once the script ends early.
(
  trap 'kill "$sleeper" 2> /dev/null; exit 0' TERM
  sleep "$max_seconds" & sleeper=$!
  wait "$sleeper" && kill -TERM $$ 2> /dev/null
) > /dev/null 2>&1 &
watchdog=$!

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_until_up() { # name url pid log
  for _ in $(seq 1 240); do
    curl -fsS -o /dev/null --max-time 2 "$2" 2> /dev/null && return 0
    kill -0 "$3" 2> /dev/null || { tail -n 30 "$4" >&2; die "$1 exited during start-up"; }
    sleep 0.25
  done
  tail -n 30 "$4" >&2
  die "$1 did not answer $2 within 60 s"
}

# ----------------------------------------------------------------------------------------------- servers
start_lanyard() {
  local jar="${LANYARD_JAR:-$repo/cli/target/lanyard.jar}"
  if [[ ! -f "$jar" ]]; then
    echo "run.sh: building $jar" >&2
    (cd "$repo" && timeout 900 ./mvnw -q -B -DskipTests -pl cli -am package) || die "the server build failed"
  fi
  lanyard_port="$(free_port)"
  lanyard_data="$work/lanyard"
  # shellcheck disable=SC2086 # LANYARD_JAVA_OPTS is a list of options
  "$JAVA_HOME/bin/java" ${LANYARD_JAVA_OPTS:-} -jar "$jar" serve --host 127.0.0.1 --port "$lanyard_port" \
    --data-dir "$lanyard_data" > "$work/lanyard.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  wait_until_up Lanyard "http://127.0.0.1:$lanyard_port/health" "$pid" "$work/lanyard.log"
  [[ -f "$lanyard_data/aws/config" && -f "$lanyard_data/aws/credentials" ]] \
    || die "Lanyard wrote no AWS CLI profile under $lanyard_data/aws"
}

start_moto() {
  moto_port="$(free_port)"
  moto_server -H 127.0.0.1 -p "$moto_port" > "$work/moto.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  wait_until_up moto "http://127.0.0.1:$moto_port/moto-api/" "$pid" "$work/moto.log"
}

# A user allowed to call sts:AssumeRole, its access key, and a role whose trust policy trusts the account.
set_up_lanyard_iam() {
  export AWS_CONFIG_FILE="$lanyard_data/aws/config" AWS_SHARED_CREDENTIALS_FILE="$lanyard_data/aws/credentials"
  export AWS_PROFILE=lanyard AWS_PAGER="" AWS_MAX_ATTEMPTS=1
  local account
  account="$(timeout 60 aws sts get-caller-identity --query Account --output text)" \
    || die "aws sts get-caller-identity failed with the generated profile"
  timeout 60 aws iam create-user --user-name load-bench > /dev/null || die "aws iam create-user failed"
  timeout 60 aws iam put-user-policy --user-name load-bench --policy-name assume-roles --policy-document \
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}' \
    || die "aws iam put-user-policy failed"
  read -r user_key_id user_secret < <(timeout 60 aws iam create-access-key --user-name load-bench \
    --query 'AccessKey.[AccessKeyId,SecretAccessKey]' --output text) || true
  [[ -n "${user_secret:-}" ]] || die "aws iam create-access-key returned no key"
  role_arn="$(timeout 60 aws iam create-role --role-name load-bench-role --query Role.Arn --output text \
    --assume-role-policy-document "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\
\"Principal\":{\"AWS\":\"arn:aws:iam::$account:root\"},\"Action\":\"sts:AssumeRole\"}]}")" \
    || die "aws iam create-role failed"
}

# Prints a fresh presigned URL: target operation
presign() {
  local endpoint
  case "$1" in
    lanyard)
      endpoint="http://127.0.0.1:$lanyard_port"
      if [[ "$2" == GetCallerIdentity ]]; then
        timeout 60 python3 "$here/presign.py" "$endpoint" "$REGION" get-caller-identity
      else
        PRESIGN_ACCESS_KEY_ID="$user_key_id" PRESIGN_SECRET_ACCESS_KEY="$user_secret" \
          timeout 60 python3 "$here/presign.py" "$endpoint" "$REGION" assume-role "$role_arn"
      fi ;;
    moto)
      # moto checks no signature: any key signs.
      endpoint="http://127.0.0.1:$moto_port"
      PRESIGN_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE PRESIGN_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY \
        timeout 60 python3 "$here/presign.py" "$endpoint" "$REGION" "$(kebab "$2")" \
        arn:aws:iam::123456789012:role/load-bench-role ;;
  esac
}

kebab() {
  case "$1" in GetCallerIdentity) echo get-caller-identity ;; AssumeRole) echo assume-role ;; esac
}

# moto picks the service from the Authorization header's credential scope (a presigned URL has none, so it would
# answer as S3); it never checks the signature, so a constant header routes the request and costs nothing.
extra_headers() {
  if [[ "$1" == moto ]]; then
    printf '%s\n' "-H" "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250101/$REGION/sts/aws4_request, SignedHeaders=host, Signature=0"
  fi
}

# --------------------------------------------------------------------------------------------------- runs
results="$work/results.tsv"
: > "$results"

run_one() { # target operation url connections
  local target="$1" op="$2" url="$3" c="$4" threads=2 raw line
  [[ "$c" -eq 1 ]] && threads=1
  local -a headers=()
  mapfile -t headers < <(extra_headers "$target")
  raw="$work/wrk-$target-$op-c$c.txt"
  if [[ "$warmup" -gt 0 ]]; then
    timeout $((warmup + 30)) wrk -t"$threads" -c"$c" -d"${warmup}s" "${headers[@]}" "$url" > /dev/null
  fi
  timeout $((duration + 30)) wrk -t"$threads" -c"$c" -d"${duration}s" --latency -s "$here/stats.lua" \
    "${headers[@]}" "$url" > "$raw"
  line="$(grep '^BENCH ' "$raw")" || die "no statistics from wrk, see $raw"
  local rps
  rps="$(awk '/^Requests\/sec:/ {print $2}' "$raw")"
  # The BENCH line's key=value pairs become these locals (numbers only; anything else is refused).
  # shellcheck disable=SC2034 # duration_us and max_us are parsed for completeness, set through printf -v
  local requests bytes duration_us status_errors connect_errors read_errors write_errors timeouts p50_us p99_us p999_us max_us
  local pair
  for pair in ${line#BENCH }; do
    [[ "$pair" =~ ^([a-z0-9_]+)=([0-9]+)$ ]] || die "unexpected wrk statistic '$pair' in $raw"
    printf -v "${BASH_REMATCH[1]}" '%s' "${BASH_REMATCH[2]}"
  done
  local errors=$((status_errors + connect_errors + read_errors + write_errors + timeouts))
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$target" "$op" "$c" "$threads" "$rps" "$p50_us" \
    "$p99_us" "$p999_us" "$errors" "$requests" "$((bytes / (requests > 0 ? requests : 1)))" >> "$results"
  printf 'run.sh: %-7s %-17s c=%-3s %10s req/s  p50 %s us  p99 %s us  errors %s\n' "$target" "$op" "$c" "$rps" \
    "$p50_us" "$p99_us" "$errors" >&2
  [[ "$status_errors" -eq 0 ]] || die "$target answered $status_errors requests with an error status, see $raw"
}

load_target() {
  local target="$1" op url code
  for op in GetCallerIdentity AssumeRole; do
    # Presigned per operation, just before use: each URL is replayed well inside its 15-minute window.
    url="$(presign "$target" "$op")" || die "presigning $op for $target failed"
    local -a headers=()
    mapfile -t headers < <(extra_headers "$target")
    code="$(curl -s -o "$work/check-$target-$op.xml" -w '%{http_code}' --max-time 10 "${headers[@]}" "$url")"
    [[ "$code" == 200 ]] || die "$target answered $op with HTTP $code: $(head -c 400 "$work/check-$target-$op.xml")"
    grep -q "<${op}Response" "$work/check-$target-$op.xml" || die "$target did not answer $op with a ${op}Response"
    if [[ "$server_warmup" -gt 0 ]]; then
      timeout $((server_warmup + 30)) wrk -t2 -c16 -d"${server_warmup}s" "${headers[@]}" "$url" > /dev/null
    fi
    for c in $connections; do run_one "$target" "$op" "$url" "$c"; done
    # Still accepted after the replays: the rows above measured successful calls, not a replay or rate defence.
    code="$(curl -s -o "$work/recheck-$target-$op.xml" -w '%{http_code}' --max-time 10 "${headers[@]}" "$url")"
    [[ "$code" == 200 ]] || die "$target stopped accepting the replayed $op URL (HTTP $code) during the runs"
  done
}

for target in $targets; do
  case "$target" in
    lanyard) start_lanyard; set_up_lanyard_iam ;;
    moto) start_moto ;;
  esac
  load_target "$target"
  # Stopped before the next target starts, so the two never share the CPUs; forgotten so clean-up cannot hit a reused PID.
  stop_pid "${pids[-1]}"
  unset 'pids[-1]'
done

# ------------------------------------------------------------------------------------------------- report
source "$here/report.sh"
report="$(render_report "$results" "$duration" "$warmup" "$server_warmup")"
printf '%s\n' "$report"
[[ -z "$out" ]] || printf '%s\n' "$report" > "$out"
