#!/usr/bin/env bash
# Load benchmark of the running server: wrk replays presigned GET URLs (GetCallerIdentity with the root key;
# AssumeRole and an authorized iam:GetUser with an IAM user's key) and an unsigned AssumeRoleWithWebIdentity (an RS256
# ID token from the OIDC issuer stub load/oidc_stub.py) against Lanyard, against the bare HTTP ceiling (the same
# Helidon web server answering a fixed body, dev.lanyard.bench.CeilingServer) and against moto for scale, one server
# at a time, then prints a markdown table with the machine's facts. Everything listens on 127.0.0.1 and everything
# started here is stopped on exit.
#
# Usage: testing/bench/load/run.sh [options]
#   --duration S        measured seconds per run (default 10)
#   --warmup S          warm-up seconds before each measured run, not counted (default 3)
#   --server-warmup S   once per operation before its runs, S seconds at 16 connections so that the server's JIT
#                       has compiled the path before the first row (default 10; 0 skips it)
#   --connections LIST  wrk connections for Lanyard and the ceiling, space-separated (default "1 2 4 16 64": the low
#                       counts find the row nearest half the peak); threads: 1 for one connection, else 2
#   --moto-connections LIST  the same for moto (default "1 16 64"; moto is flat beyond one connection)
#   --targets LIST      servers to load, in order: any of "lanyard ceiling moto" (the default); "moto" alone checks
#                       this harness without a Lanyard build
#   --no-moto           Lanyard and the ceiling only
#   --operations LIST   Lanyard's and moto's operations (default "GetCallerIdentity AssumeRole GetUser
#                       AssumeRoleWithWebIdentity")
#   --out FILE          also write the markdown report to FILE
#   --tsv FILE          also write the raw rows (see report.sh) to FILE
#   --keep              keep the temporary directory (server logs, raw wrk output) even on success
#   --max-seconds S     hard limit for the whole script (default: computed from the above, plus 5 minutes)
# Environment: LANYARD_JAR (default cli/target/lanyard.jar, built if missing), BENCH_JAR (default
# testing/bench/target/benchmarks.jar, built if missing), LANYARD_JAVA_OPTS (JVM options of Lanyard and the
# ceiling), LANYARD_SERVE_OPTS (more serve options, e.g. --no-metrics; throttling is always off), JAVA_HOME (a JDK 25;
# see .ci/find-jdk25.sh).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
prog=run.sh
# shellcheck source=lib.sh
source "$here/lib.sh"

duration=10
warmup=3
server_warmup=10
connections="1 2 4 16 64"
moto_connections="1 16 64"
targets="lanyard ceiling moto"
lanyard_operations="GetCallerIdentity AssumeRole GetUser AssumeRoleWithWebIdentity"
out=""
tsv=""
keep=0
max_seconds=""

while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration="${2:?}"; shift 2 ;;
    --warmup) warmup="${2:?}"; shift 2 ;;
    --server-warmup) server_warmup="${2:?}"; shift 2 ;;
    --connections) connections="${2:?}"; shift 2 ;;
    --moto-connections) moto_connections="${2:?}"; shift 2 ;;
    --targets) targets="${2:?}"; shift 2 ;;
    --operations) lanyard_operations="${2:?}"; shift 2 ;;
    --no-moto) targets="lanyard ceiling"; shift ;;
    --out) out="${2:?}"; shift 2 ;;
    --tsv) tsv="${2:?}"; shift 2 ;;
    --keep) keep=1; shift ;;
    --max-seconds) max_seconds="${2:?}"; shift 2 ;;
    -h|--help) sed -n '2,29p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
[[ "$duration" =~ ^[1-9][0-9]*$ && "$warmup" =~ ^[0-9]+$ && "$server_warmup" =~ ^[0-9]+$ ]] \
  || die "--duration, --warmup and --server-warmup take whole seconds"
for c in $connections $moto_connections; do [[ "$c" =~ ^[1-9][0-9]*$ ]] || die "bad connection count '$c'"; done
for t in $targets; do [[ "$t" == lanyard || "$t" == ceiling || "$t" == moto ]] || die "unknown target '$t'"; done

operations() {
  case "$1" in
    lanyard | moto) echo "$lanyard_operations" ;;
    ceiling) echo Ceiling ;;
  esac
}

connections_of() {
  if [[ "$1" == moto ]]; then echo "$moto_connections"; else echo "$connections"; fi
}

# Each run: warm-up + measurement + a few seconds of wrk start-up and presigning; 300 s for builds and set-up.
planned=0
for t in $targets; do
  n_ops=$(wc -w <<< "$(operations "$t")")
  n_c=$(wc -w <<< "$(connections_of "$t")")
  planned=$((planned + n_ops * (server_warmup + n_c * (warmup + duration + 5))))
done
max_seconds="${max_seconds:-$((300 + planned))}"

# ---------------------------------------------------------------------------------------------------- tools
# shellcheck source=../../../.ci/find-jdk25.sh
source "$repo/.ci/find-jdk25.sh"
install_wrk
command -v curl > /dev/null || die "curl is required"
python3 -c 'import boto3' 2> /dev/null || die "python3 with boto3 is required"
if [[ " $targets " == *" moto "* ]] && ! command -v moto_server > /dev/null; then
  echo "run.sh: moto_server not found, leaving moto out" >&2
  targets="${targets//moto/}"
fi
if [[ " $targets " == *" lanyard "* || " $targets " == *" moto "* ]]; then
  command -v aws > /dev/null || die "the AWS CLI is required"
  python3 -c 'import cryptography' 2> /dev/null || die "python3 with cryptography is required (load/oidc_stub.py)"
fi

# ------------------------------------------------------------------------------------------ clean-up, limits
start_guard load

# --------------------------------------------------------------------------------------------------- runs
results="$work/results.tsv"
: > "$results"
oidc_fetches=""

# shellcheck disable=SC2154 # wrk_stats (lib.sh) sets the BENCH line's figures
run_one() { # target operation url connections
  local target="$1" op="$2" url="$3" c="$4" threads=2 raw
  [[ "$c" -eq 1 ]] && threads=1
  local -a headers=()
  mapfile -t headers < <(extra_headers "$target" "$op")
  raw="$work/wrk-$target-$op-c$c.txt"
  if [[ "$warmup" -gt 0 ]]; then
    timeout $((warmup + 30)) wrk -t"$threads" -c"$c" -d"${warmup}s" "${headers[@]}" "$url" > /dev/null
  fi
  wrk_stats "$threads" "$c" "$duration" "$raw" "$url" "${headers[@]}"
  local errors=$((status_errors + connect_errors + read_errors + write_errors + timeouts))
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$target" "$op" "$c" "$threads" "$rps" "$p50_us" \
    "$p99_us" "$p999_us" "$errors" "$requests" "$((bytes / (requests > 0 ? requests : 1)))" >> "$results"
  printf 'run.sh: %-7s %-26s c=%-3s %10s req/s  p50 %s us  p99 %s us  p99.9 %s us  errors %s\n' "$target" "$op" \
    "$c" "$rps" "$p50_us" "$p99_us" "$p999_us" "$errors" >&2
  [[ "$status_errors" -eq 0 ]] || die "$target answered $status_errors requests with an error status, see $raw"
}

expected_answer() {
  case "$1" in Ceiling) echo "<GetCallerIdentityResponse" ;; *) echo "<${1}Response" ;; esac
}

load_target() {
  local target="$1" op url code c
  for op in $(operations "$target"); do
    # Presigned per operation, just before use: each URL is replayed well inside its 15-minute window.
    url="$(presign "$target" "$op")" || die "presigning $op for $target failed"
    local -a headers=()
    mapfile -t headers < <(extra_headers "$target" "$op")
    code="$(curl -s -o "$work/check-$target-$op.xml" -w '%{http_code}' --max-time 10 "${headers[@]}" "$url")"
    [[ "$code" == 200 ]] || die "$target answered $op with HTTP $code: $(head -c 400 "$work/check-$target-$op.xml")"
    grep -q "$(expected_answer "$op")" "$work/check-$target-$op.xml" \
      || die "$target did not answer $op with a ${op}Response: $(head -c 400 "$work/check-$target-$op.xml")"
    if [[ "$server_warmup" -gt 0 ]]; then
      timeout $((server_warmup + 30)) wrk -t2 -c16 -d"${server_warmup}s" "${headers[@]}" "$url" > /dev/null
    fi
    for c in $(connections_of "$target"); do run_one "$target" "$op" "$url" "$c"; done
    # Still accepted after the replays: the rows above measured successful calls, not a replay or rate defence.
    code="$(curl -s -o "$work/recheck-$target-$op.xml" -w '%{http_code}' --max-time 10 "${headers[@]}" "$url")"
    [[ "$code" == 200 ]] || die "$target stopped accepting the replayed $op URL (HTTP $code) during the runs"
  done
}

for target in $targets; do
  # The OIDC issuer stub, once, before the first server that needs its token (so that server's stop_last leaves it):
  # Lanyard fetches discovery and the JWKS from it and caches them; moto only needs a token of the same shape.
  if [[ -z "$oidc_issuer" && " $(operations "$target") " == *" AssumeRoleWithWebIdentity "* ]]; then
    start_oidc_stub
  fi
  case "$target" in
    lanyard) start_lanyard; set_up_lanyard_iam; if [[ -n "$oidc_issuer" ]]; then set_up_lanyard_oidc; fi ;;
    ceiling) start_ceiling ;;
    moto) start_moto ;;
  esac
  if [[ "$target" == lanyard && -n "$oidc_issuer" ]]; then
    fetched_before="$(oidc_stub_requests)" || die "the OIDC stub did not report its requests"
  fi
  load_target "$target"
  if [[ "$target" == lanyard && -n "$oidc_issuer" ]]; then
    # What Lanyard fetched from the issuer while it was loaded (its first AssumeRoleWithWebIdentity included): the
    # JWKS is cached, so the stub is not on the measured path.
    fetched="$(oidc_stub_requests)" || die "the OIDC stub did not report its requests"
    oidc_fetches="$(awk -v a="$fetched_before" -v b="$fetched" 'BEGIN {split(a, x, " "); split(b, y, " ");
      printf "%d discovery and %d JWKS", y[1] - x[1], y[2] - x[2]}')"
    echo "run.sh: the OIDC stub served Lanyard $oidc_fetches fetches over all its AssumeRoleWithWebIdentity runs" >&2
  fi
  # Stopped before the next target starts, so no two servers ever share the CPUs.
  stop_last
done

# ------------------------------------------------------------------------------------------------- report
# shellcheck source=report.sh
source "$here/report.sh"
report="$(render_report "$results" "$duration" "$warmup" "$server_warmup" "$oidc_fetches")"
printf '%s\n' "$report"
[[ -z "$out" ]] || printf '%s\n' "$report" > "$out"
[[ -z "$tsv" ]] || cp "$results" "$tsv"
