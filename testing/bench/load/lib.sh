# shellcheck shell=bash
# Sourced by run.sh and suite.sh: clean-up and time limit, servers on 127.0.0.1, the IAM set-up, presigning and one
# wrk run. The caller sets: here (this folder), repo (the repository root), prog (its name for messages), keep
# (0/1), max_seconds; then calls start_guard once. Everything started goes into pids and is stopped on exit.
# shellcheck disable=SC2154 # here, repo, prog, keep and max_seconds are the caller's

REGION=us-east-1
pids=()
watchdog=""
work=""

die() {
  echo "$prog: $*" >&2
  exit 1
}

# Asks a process to stop, waits (grace: 10 s, or grace_of[pid] for a script that stops its own servers first) and
# kills it if it is still there.
declare -A grace_of=()
stop_pid() {
  local pid="$1"
  kill -TERM "$pid" 2> /dev/null || return 0
  for _ in $(seq 1 $((5 * ${grace_of[$pid]:-10}))); do
    kill -0 "$pid" 2> /dev/null || return 0
    sleep 0.2
  done
  kill -KILL "$pid" 2> /dev/null || true
  # Reaped now, so its CPU time is in this shell's cutime/cstime (cpu_mark) by the time the next phase starts.
  wait "$pid" 2> /dev/null || true
}

# Stops the process started last and forgets it, so clean-up can never hit a reused PID.
stop_last() {
  stop_pid "${pids[-1]}"
  unset 'pids[-1]'
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e # clean-up goes on whatever fails (the watchdog, for one, may be gone already)
  [[ -z "$watchdog" ]] || kill "$watchdog" 2> /dev/null
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do stop_pid "${pids[i]}"; done
  if [[ $status -ne 0 || $keep -eq 1 ]]; then
    echo "$prog: logs and raw output kept in $work" >&2
  else
    rm -rf "$work"
  fi
  exit "$status"
}

# Makes the work folder, the traps and the watchdog that sends TERM when max_seconds are up. Every command after it
# has its own timeout (or runs in the background and is waited for), so the trap runs soon after.
start_guard() {
  work="$(mktemp -d "${TMPDIR:-/tmp}/lanyard-$1.XXXXXX")"
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'echo "$prog: stopped (time limit of ${max_seconds}s or a signal)" >&2; exit 124' TERM
  # The watchdog's sleep dies with it, leaving nothing behind once the script ends early.
  (
    trap 'kill "$sleeper" 2> /dev/null; exit 0' TERM
    sleep "$max_seconds" & sleeper=$!
    wait "$sleeper" && kill -TERM $$ 2> /dev/null
  ) > /dev/null 2>&1 &
  watchdog=$!
}

# Runs a command in the background and waits for it, so a TERM from the watchdog is handled at once; the command
# is in pids meanwhile, so clean-up stops it.
run_waited() {
  local grace=10
  if [[ "$1" == --grace ]]; then grace="$2"; shift 2; fi
  "$@" &
  local pid=$! status=0
  pids+=("$pid")
  grace_of[$pid]="$grace"
  wait "$pid" || status=$?
  unset 'pids[-1]'
  return "$status"
}

install_wrk() {
  command -v wrk > /dev/null && return 0
  echo "$prog: installing wrk" >&2
  if [[ $EUID -ne 0 ]] || ! command -v apt-get > /dev/null; then
    die "wrk is missing: install it (apt-get install wrk)"
  fi
  apt-get install -y -qq wrk > /dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk > /dev/null; }
}

# Percent of CPU time idle over the next S seconds (from /proc/stat): other work on the machine skews every figure.
cpu_idle_percent() {
  local a b
  a="$(awk '/^cpu / {print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat)"
  sleep "$1"
  b="$(awk '/^cpu / {print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat)"
  awk -v a="$a" -v b="$b" 'BEGIN {split(a, x, " "); split(b, y, " "); d = y[2] - x[2];
    idle = (d > 0) ? 100 * (y[1] - x[1]) / d : 100; printf "%.0f\n", idle}'
}

# CPU accounting, to tell a clean run from one that shared the machine: "total busy ours steal" in clock ticks,
# where total and busy (user, nice, system, irq, softirq) are the machine's (/proc/stat) and ours is this shell's
# utime + stime + cutime + cstime: every process it started and reaped, recursively (run.sh, wrk, the servers, JMH).
# Busy minus ours between two marks is what processes outside the suite used (plus kernel work charged to no
# process, such as part of loopback networking: a few percent).
cpu_mark() {
  local ours
  ours="$(awk '{print $14 + $15 + $16 + $17}' "/proc/$$/stat")"
  awk -v ours="$ours" '/^cpu / {print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9, $2 + $3 + $4 + $7 + $8, ours, $9; exit}' \
    /proc/stat
}

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

lanyard_jar() {
  local jar="${LANYARD_JAR:-$repo/cli/target/lanyard.jar}"
  if [[ ! -f "$jar" ]]; then
    echo "$prog: building $jar" >&2
    (cd "$repo" && timeout 900 ./mvnw -q -B -DskipTests -pl cli -am package) >&2 || die "the server build failed"
  fi
  echo "$jar"
}

# testing/bench/target/benchmarks.jar: JMH and the ceiling server. Built from this module alone (the lanyard-*
# libraries must be installed in the local Maven repository, as after `./mvnw install`).
bench_jar() {
  local jar="${BENCH_JAR:-$repo/testing/bench/target/benchmarks.jar}"
  if [[ ! -f "$jar" ]]; then
    echo "$prog: building $jar" >&2
    (cd "$repo" && timeout 900 ./mvnw -q -B -DskipTests -pl testing/bench package) >&2 \
      || die "the benchmarks build failed"
  fi
  echo "$jar"
}

# Starts `lanyard serve` in the background: data-dir port log [more serve options]. Sets lanyard_pid and lanyard_port
# (pids gets the pid).
launch_lanyard() {
  local jar data="$1" log="$3"
  jar="$(lanyard_jar)"
  lanyard_port="$2"
  shift 3
  # Throttling is off: these runs measure what the server can do, not AWS's per-account quotas. LANYARD_SERVE_OPTS
  # adds serve options (--no-metrics: the cost of the metrics).
  # shellcheck disable=SC2086 # LANYARD_JAVA_OPTS and LANYARD_SERVE_OPTS are lists of options
  "$JAVA_HOME/bin/java" ${LANYARD_JAVA_OPTS:-} -jar "$jar" serve --host 127.0.0.1 --port "$lanyard_port" \
    --data-dir "$data" --no-throttling ${LANYARD_SERVE_OPTS:-} "$@" > "$log" 2>&1 &
  lanyard_pid=$!
  pids+=("$lanyard_pid")
}

# Starts Lanyard on a free port with a new data directory and waits for GET /health. It accepts the plain-http
# loopback issuer of oidc_stub.py (a start-up option only: nothing on the request path changes).
start_lanyard() {
  lanyard_data="$work/lanyard"
  launch_lanyard "$lanyard_data" "$(free_port)" "$work/lanyard.log" --oidc-allow-insecure-loopback
  wait_until_up Lanyard "http://127.0.0.1:$lanyard_port/health" "$lanyard_pid" "$work/lanyard.log"
  [[ -f "$lanyard_data/aws/config" && -f "$lanyard_data/aws/credentials" ]] \
    || die "Lanyard wrote no AWS CLI profile under $lanyard_data/aws"
}

start_moto() {
  moto_port="$(free_port)"
  moto_server -H 127.0.0.1 -p "$moto_port" > "$work/moto.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  wait_until_up moto "http://127.0.0.1:$moto_port/moto-api/" "$pid" "$work/moto.log"
  # The user GetUser reads (moto checks no signature and evaluates no policy: any key may create it).
  env -u AWS_PROFILE AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY \
    AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_DEFAULT_REGION="$REGION" \
    timeout 60 aws --endpoint-url "http://127.0.0.1:$moto_port" iam create-user --user-name load-bench > /dev/null \
    || die "creating the user in moto failed"
}

# The bare HTTP ceiling: Helidon answering a fixed body (dev.lanyard.bench.CeilingServer), same JVM options.
start_ceiling() {
  local jar
  jar="$(bench_jar)"
  ceiling_port="$(free_port)"
  # shellcheck disable=SC2086 # LANYARD_JAVA_OPTS is a list of options
  "$JAVA_HOME/bin/java" ${LANYARD_JAVA_OPTS:-} -cp "$jar" dev.lanyard.bench.CeilingServer "$ceiling_port" \
    > "$work/ceiling.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  wait_until_up ceiling "http://127.0.0.1:$ceiling_port/" "$pid" "$work/ceiling.log"
}

# A user allowed to call sts:AssumeRole (with session tags) and iam:GetUser on itself, its access key, and a role
# whose trust policy trusts the account. Sets account, user_key_id, user_secret, role_arn.
set_up_lanyard_iam() {
  export AWS_CONFIG_FILE="$lanyard_data/aws/config" AWS_SHARED_CREDENTIALS_FILE="$lanyard_data/aws/credentials"
  export AWS_PROFILE=lanyard AWS_PAGER="" AWS_MAX_ATTEMPTS=1
  account="$(timeout 60 aws sts get-caller-identity --query Account --output text)" \
    || die "aws sts get-caller-identity failed with the generated profile"
  timeout 60 aws iam create-user --user-name load-bench > /dev/null || die "aws iam create-user failed"
  timeout 60 aws iam put-user-policy --user-name load-bench --policy-name assume-roles --policy-document \
    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"sts:AssumeRole\",\
\"sts:TagSession\"],\"Resource\":\"*\"},{\"Effect\":\"Allow\",\"Action\":\"iam:GetUser\",\
\"Resource\":\"arn:aws:iam::$account:user/load-bench\"}]}" \
    || die "aws iam put-user-policy failed"
  read -r user_key_id user_secret < <(timeout 60 aws iam create-access-key --user-name load-bench \
    --query 'AccessKey.[AccessKeyId,SecretAccessKey]' --output text) || true
  [[ -n "${user_secret:-}" ]] || die "aws iam create-access-key returned no key"
  role_arn="$(timeout 60 aws iam create-role --role-name load-bench-role --query Role.Arn --output text \
    --assume-role-policy-document "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\
\"Principal\":{\"AWS\":\"arn:aws:iam::$account:root\"},\"Action\":\"sts:AssumeRole\"}]}")" \
    || die "aws iam create-role failed"
}

# The OIDC issuer for AssumeRoleWithWebIdentity (oidc_stub.py): http://127.0.0.1:PORT serving discovery and the
# JWKS, and one RS256 ID token for OIDC_AUDIENCE, an hour valid, in $work/webid-token.txt. Sets oidc_issuer
# (pids gets the pid: started before a server, it outlives that server's stop_last and is stopped on exit).
OIDC_AUDIENCE=lanyard-load-bench
oidc_issuer=""
start_oidc_stub() {
  python3 "$here/oidc_stub.py" "$work/webid-token.txt" "$OIDC_AUDIENCE" > "$work/oidc-stub.out" \
    2> "$work/oidc-stub.log" &
  local pid=$!
  pids+=("$pid")
  for _ in $(seq 1 120); do
    oidc_issuer="$(head -n 1 "$work/oidc-stub.out")"
    [[ -z "$oidc_issuer" ]] || break
    kill -0 "$pid" 2> /dev/null || { cat "$work/oidc-stub.log" >&2; die "oidc_stub.py exited during start-up"; }
    sleep 0.25
  done
  [[ "$oidc_issuer" =~ ^http://127\.0\.0\.1:[0-9]+$ ]] || die "oidc_stub.py printed no issuer URL within 30 s"
  curl -fsS -o /dev/null --max-time 5 "$oidc_issuer/.well-known/openid-configuration" \
    || die "the OIDC stub does not answer at $oidc_issuer"
}

# The stub's fetch counts so far: "discovery jwks".
oidc_stub_requests() {
  curl -fsS --max-time 5 "$oidc_issuer/requests" | python3 -c 'import json, sys; c = json.load(sys.stdin)
print(c["discovery"], c["jwks"])'
}

# The stub as an IAM OIDC provider (its host:port is the ARN's resource part and the condition-key prefix; the
# thumbprint is never used for plain http), and a role trusting it for tokens whose aud is OIDC_AUDIENCE. Needs
# set_up_lanyard_iam first (the profile and account). Sets webid_role_arn.
set_up_lanyard_oidc() {
  local provider_arn host="${oidc_issuer#http://}"
  provider_arn="$(timeout 60 aws iam create-open-id-connect-provider --url "$oidc_issuer" \
    --client-id-list "$OIDC_AUDIENCE" --thumbprint-list 0123456789abcdef0123456789abcdef01234567 \
    --query OpenIDConnectProviderArn --output text)" || die "aws iam create-open-id-connect-provider failed"
  [[ "$provider_arn" == "arn:aws:iam::$account:oidc-provider/$host" ]] \
    || die "unexpected OIDC provider ARN '$provider_arn'"
  webid_role_arn="$(timeout 60 aws iam create-role --role-name load-bench-webid-role --query Role.Arn --output text \
    --assume-role-policy-document "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\
\"Principal\":{\"Federated\":\"$provider_arn\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\
\"Condition\":{\"StringEquals\":{\"$host:aud\":\"$OIDC_AUDIENCE\"}}}]}")" \
    || die "aws iam create-role (web identity) failed"
}

# AssumeRoleWithWebIdentity is unsigned: a GET URL with the role, a session name and the stub's token (read from its
# file, kept out of argv), all URL-encoded. Prints it: endpoint role-ARN
web_identity_url() {
  [[ -s "$work/webid-token.txt" ]] || die "no web identity token (start_oidc_stub first)"
  WEBID_TOKEN_FILE="$work/webid-token.txt" timeout 60 python3 -c 'import os, sys
from urllib.parse import quote, urlencode
with open(os.environ["WEBID_TOKEN_FILE"]) as f:
    token = f.read().strip()
print(sys.argv[1] + "/?" + urlencode({"Action": "AssumeRoleWithWebIdentity", "Version": "2011-06-15",
    "RoleArn": sys.argv[2], "RoleSessionName": "wrk", "WebIdentityToken": token}, quote_via=quote, safe=""))' "$1" "$2"
}

kebab() {
  case "$1" in
    GetCallerIdentity | Ceiling) echo get-caller-identity ;;
    AssumeRole) echo assume-role ;;
    GetUser) echo get-user ;;
  esac
}

service_of() {
  case "$1" in GetUser) echo iam ;; *) echo sts ;; esac
}

# Prints a fresh presigned URL (for AssumeRoleWithWebIdentity an unsigned one): target operation
presign() {
  local endpoint
  if [[ "$2" == AssumeRoleWithWebIdentity ]]; then
    case "$1" in
      lanyard) web_identity_url "http://127.0.0.1:$lanyard_port" "$webid_role_arn" ;;
      moto) web_identity_url "http://127.0.0.1:$moto_port" arn:aws:iam::123456789012:role/load-bench-webid-role ;;
      *) die "no AssumeRoleWithWebIdentity for $1" ;;
    esac
    return
  fi
  case "$1" in
    lanyard)
      endpoint="http://127.0.0.1:$lanyard_port"
      if [[ "$2" == GetCallerIdentity ]]; then
        timeout 60 python3 "$here/presign.py" "$endpoint" "$REGION" get-caller-identity
      else
        PRESIGN_ACCESS_KEY_ID="$user_key_id" PRESIGN_SECRET_ACCESS_KEY="$user_secret" \
          timeout 60 python3 "$here/presign.py" "$endpoint" "$REGION" "$(kebab "$2")" "$(target_arg "$2")"
      fi ;;
    moto | ceiling)
      # Neither checks a signature: any key signs. The ceiling gets the same request line as GetCallerIdentity.
      if [[ "$1" == moto ]]; then endpoint="http://127.0.0.1:$moto_port"; else endpoint="http://127.0.0.1:$ceiling_port"; fi
      PRESIGN_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE PRESIGN_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY \
        timeout 60 python3 "$here/presign.py" "$endpoint" "$REGION" "$(kebab "$2")" \
        "$(target_arg "$2" arn:aws:iam::123456789012:role/load-bench-role)" ;;
  esac
}

target_arg() { # operation [role ARN]
  case "$1" in
    AssumeRole) echo "${2:-$role_arn}" ;;
    GetUser) echo load-bench ;;
    *) echo "" ;;
  esac
}

# moto picks the service from the Authorization header's credential scope (a presigned URL has none, so it would
# answer as S3); it never checks the signature, so a constant header routes the request and costs nothing.
extra_headers() { # target operation
  if [[ "$1" == moto ]]; then
    printf '%s\n' "-H" "Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250101/$REGION/$(service_of "$2")/aws4_request, SignedHeaders=host, Signature=0"
  fi
}

# One wrk run with the statistics hook: threads connections seconds raw-output-file url [wrk options...]. Sets the
# BENCH line's figures as globals (requests, status_errors, p99_us, ...) and rps; fails when wrk gave none.
wrk_stats() {
  local threads="$1" c="$2" seconds="$3" raw="$4" url="$5" line pair
  shift 5
  timeout $((seconds + 30)) wrk -t"$threads" -c"$c" -d"${seconds}s" --latency -s "$here/stats.lua" "$@" "$url" \
    > "$raw" || die "wrk failed, see $raw"
  line="$(grep '^BENCH ' "$raw")" || die "no statistics from wrk, see $raw"
  # shellcheck disable=SC2034 # for the caller
  rps="$(awk '/^Requests\/sec:/ {print $2}' "$raw")"
  # The BENCH line's key=value pairs become these globals (numbers only; anything else is refused).
  for pair in ${line#BENCH }; do
    [[ "$pair" =~ ^([a-z0-9_]+)=([0-9]+)$ ]] || die "unexpected wrk statistic '$pair' in $raw"
    printf -v "${BASH_REMATCH[1]}" '%s' "${BASH_REMATCH[2]}"
  done
}
