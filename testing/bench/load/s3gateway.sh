#!/usr/bin/env bash
# The S3 gateway against its own backend, side by side in one run (issue 13's goals): s3proxy 4.0.0 on its own and
# Lanyard's gateway in front of that same s3proxy, with the same client work on both sides.
#   - small objects: wrk replays presigned 4 KiB GET and PUT URLs made by boto3 (the gateway verifies the signature
#     and the session token and authorizes every request; s3proxy verifies its own key's signature); besides the
#     rates, the CPU time each process spent per request (utime + stime from /proc: s3proxy, the gateway, wrk), which
#     a busy machine skews far less than requests/s;
#   - large objects: the SDK for Java v2 (dev.lanyard.bench.S3Transfer) uploads a file in one PutObject, aws-chunked
#     with a signature per chunk, and downloads it; the gateway's RSS is sampled every 200 ms meanwhile.
# Gateway callers hold AssumeRole session credentials of a role allowed s3:* on the bucket; the bucket is created
# through the gateway, so it has an owner. Everything listens on 127.0.0.1 and everything started here is stopped on exit.
#
# Usage: testing/bench/load/s3gateway.sh [options]
#   --duration S      measured seconds per small-object run (default 15)
#   --warmup S        warm-up seconds before each, not counted (default 5)
#   --connections N   wrk connections (default 16); threads: 2
#   --rounds N        small-object rows are repeated N times, direct and gateway alternating (default 2)
#   --sizes LIST      large-object sizes in MiB, space-separated (default "64 1024"); "" skips them
#   --out FILE        also write the markdown report to FILE
#   --keep            keep the temporary directory (logs, raw wrk output) even on success
#   --pin             the gateway on a CPU of its own, as on its own host in front of a storage cluster: s3proxy and
#                     the clients (wrk, the SDK) on CPU 0, Lanyard on CPU 1, for the direct rows as for the gateway's
#                     (without it all three share both CPUs, and the gateway's CPU time is taken from the store's)
# Environment: LANYARD_JAR (default cli/target/lanyard.jar, built if missing), BENCH_JAR (default
# testing/bench/target/benchmarks.jar, built if missing), LANYARD_JAVA_OPTS, JAVA_HOME (a JDK 25; found if unset),
# S3BENCH_PAUSE (seconds: after set-up, print a presigned GET URL for each side and wait, to profile by hand).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
prog=s3gateway.sh
# shellcheck source=lib.sh
source "$here/lib.sh"

duration=15
warmup=5
connections=16
rounds=2
sizes="64 1024"
out=""
keep=0
pin=0
client_cpu=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration="${2:?}"; shift 2 ;;
    --warmup) warmup="${2:?}"; shift 2 ;;
    --connections) connections="${2:?}"; shift 2 ;;
    --rounds) rounds="${2:?}"; shift 2 ;;
    --sizes) sizes="${2?}"; shift 2 ;;
    --out) out="${2:?}"; shift 2 ;;
    --keep) keep=1; shift ;;
    --pin) pin=1; client_cpu=(taskset -c 0); shift ;;
    -h|--help) sed -n '2,28p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
[[ "$duration" =~ ^[1-9][0-9]*$ && "$warmup" =~ ^[0-9]+$ && "$connections" =~ ^[1-9][0-9]*$ \
  && "$rounds" =~ ^[1-9][0-9]*$ ]] || die "--duration, --warmup, --connections and --rounds take whole numbers"
for s in $sizes; do [[ "$s" =~ ^[1-9][0-9]*$ ]] || die "bad size '$s' (MiB)"; done
big_mib=0
for s in $sizes; do big_mib=$((big_mib + s)); done
# Small rows, plus about 20 s per GiB moved (four transfers per size), plus 300 s for builds and set-up.
max_seconds=$((300 + ${S3BENCH_PAUSE:-0} + 4 * rounds * (warmup + duration + 5) + 4 * big_mib / 50))

if [[ -z "${JAVA_HOME:-}" ]] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q '"25'; then
  # shellcheck source=../../../.ci/find-jdk25.sh
  source "$repo/.ci/find-jdk25.sh"
fi
install_wrk
command -v aws > /dev/null || die "the AWS CLI is required"
python3 -c 'import boto3' 2> /dev/null || die "python3 with boto3 is required"
start_guard s3gateway
lanyard_jar > /dev/null
bench="$(bench_jar)"

# ------------------------------------------------------------------------------------------------- s3proxy
s3proxy_jar() {
  local jar="$HOME/.m2/repository/org/gaul/s3proxy/4.0.0/s3proxy-4.0.0-jar-with-dependencies.jar"
  if [[ ! -f "$jar" ]]; then
    (cd "$repo" && timeout 600 ./mvnw -q -B dependency:get \
      -Dartifact=org.gaul:s3proxy:4.0.0:jar:jar-with-dependencies) >&2 || die "fetching s3proxy 4.0.0 failed"
  fi
  echo "$jar"
}

start_s3proxy() {
  backend_port="$(free_port)"
  backend_key_id="BENCH$(openssl rand -hex 6 | tr a-f A-F)"
  backend_secret="$(openssl rand -hex 20)"
  mkdir -p "$work/blobs"
  (umask 077; cat > "$work/s3proxy.conf" <<CONF
s3proxy.authorization=aws-v2-or-v4
s3proxy.ignore-unknown-headers=true
s3proxy.endpoint=http://127.0.0.1:$backend_port
s3proxy.identity=$backend_key_id
s3proxy.credential=$backend_secret
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$work/blobs
jclouds.identity=$backend_key_id
jclouds.credential=$backend_secret
CONF
  )
  "$JAVA_HOME/bin/java" -Xmx512m -jar "$(s3proxy_jar)" --properties "$work/s3proxy.conf" > "$work/s3proxy.log" 2>&1 &
  backend_pid=$!
  pids+=("$backend_pid")
  for _ in $(seq 1 240); do
    # Any answer (403 for an unsigned request) means it listens.
    [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$backend_port/")" != 000 ]] && return 0
    kill -0 "$backend_pid" 2> /dev/null || { tail -n 30 "$work/s3proxy.log" >&2; die "s3proxy exited"; }
    sleep 0.25
  done
  die "s3proxy did not answer within 60 s"
}

# -------------------------------------------------------------------------------------------------- set-up
start_s3proxy
lanyard_data="$work/lanyard"
s3_port="$(free_port)"
LANYARD_S3_BACKEND_ACCESS_KEY_ID="$backend_key_id" LANYARD_S3_BACKEND_SECRET_ACCESS_KEY="$backend_secret" \
  launch_lanyard "$lanyard_data" "$(free_port)" "$work/lanyard.log" \
  --s3-port "$s3_port" --s3-backend "http://127.0.0.1:$backend_port"
wait_until_up Lanyard "http://127.0.0.1:$lanyard_port/health" "$lanyard_pid" "$work/lanyard.log"
if [[ "$pin" == 1 ]]; then
  [[ "$(nproc)" -ge 2 ]] || die "--pin needs two CPUs"
  command -v taskset > /dev/null || die "--pin needs taskset (util-linux)"
  taskset -a -p -c 0 "$backend_pid" > /dev/null
  taskset -a -p -c 1 "$lanyard_pid" > /dev/null
fi
set_up_lanyard_iam
bucket=lanyard-bench
timeout 60 aws iam put-role-policy --role-name load-bench-role --policy-name bucket --policy-document \
  "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\
\"Resource\":[\"arn:aws:s3:::$bucket\",\"arn:aws:s3:::$bucket/*\"]}]}" || die "aws iam put-role-policy failed"
read -r session_key_id session_secret session_token < <(AWS_ACCESS_KEY_ID="$user_key_id" \
  AWS_SECRET_ACCESS_KEY="$user_secret" env -u AWS_PROFILE timeout 60 aws --endpoint-url "http://127.0.0.1:$lanyard_port" --region "$REGION" sts assume-role --role-arn "$role_arn" \
  --role-session-name s3-bench --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text) || true
[[ -n "${session_token:-}" ]] || die "aws sts assume-role returned no credentials"

gateway="http://127.0.0.1:$s3_port"
direct="http://127.0.0.1:$backend_port"
as_session() {
  env -u AWS_PROFILE AWS_ACCESS_KEY_ID="$session_key_id" AWS_SECRET_ACCESS_KEY="$session_secret" \
    AWS_SESSION_TOKEN="$session_token" AWS_DEFAULT_REGION="$REGION" "$@"
}
as_session timeout 60 aws --endpoint-url "$gateway" s3api create-bucket --bucket "$bucket" > /dev/null \
  || die "creating the bucket through the gateway failed"

presign_s3() { # endpoint get|put key
  if [[ "$1" == "$gateway" ]]; then
    PRESIGN_ACCESS_KEY_ID="$session_key_id" PRESIGN_SECRET_ACCESS_KEY="$session_secret" \
      PRESIGN_SESSION_TOKEN="$session_token" timeout 60 python3 "$here/s3presign.py" "$1" "$REGION" "$2" "$bucket" "$3"
  else
    PRESIGN_ACCESS_KEY_ID="$backend_key_id" PRESIGN_SECRET_ACCESS_KEY="$backend_secret" \
      timeout 60 python3 "$here/s3presign.py" "$1" "$REGION" "$2" "$bucket" "$3"
  fi
}
head -c 4096 /dev/urandom > "$work/small.bin"
curl -fsS -o /dev/null -X PUT -H "Content-Type: application/octet-stream" --data-binary "@$work/small.bin" "$(presign_s3 "$direct" put small-4k)" \
  || die "storing the 4 KiB object failed"
for side in "$direct" "$gateway"; do
  curl -fsS -o "$work/check.bin" "$(presign_s3 "$side" get small-4k)" || die "GET through $side failed"
  cmp -s "$work/small.bin" "$work/check.bin" || die "GET through $side returned other bytes"
done

# --------------------------------------------------------------------------------------------- small objects
# CPU time in clock ticks: a running process's own (utime + stime), and that of every child this shell reaped (wrk).
clock_ticks="$(getconf CLK_TCK)"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
reaped_ticks() { awk '{print $16 + $17}' "/proc/$$/stat"; }
per_request_us() { awk -v t="$1" -v n="$2" -v hz="$clock_ticks" 'BEGIN {printf "%.0f", t * 1e6 / hz / n}'; }
results="$work/small.tsv"
: > "$results"
small_row() { # side-name endpoint GET|PUT
  local name="$1" endpoint="$2" verb="$3" url raw script="$here/stats.lua"
  url="$(presign_s3 "$endpoint" "$(tr 'A-Z' 'a-z' <<< "$verb")" "small-4k")"
  [[ "$verb" == PUT ]] && script="$here/s3put.lua"
  raw="$work/wrk-$name-$verb-$RANDOM.txt"
  if [[ "$warmup" -gt 0 ]]; then
    timeout $((warmup + 30)) "${client_cpu[@]}" wrk -t2 -c"$connections" -d"${warmup}s" -s "$script" "$url" > /dev/null
  fi
  local backend_before gateway_before wrk_before
  backend_before="$(cpu_ticks "$backend_pid")"
  gateway_before="$(cpu_ticks "$lanyard_pid")"
  wrk_before="$(reaped_ticks)"
  # shellcheck disable=SC2154 # wrk_stats (lib.sh) sets the BENCH line's figures
  timeout $((duration + 30)) "${client_cpu[@]}" wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$script" "$url" > "$raw" \
    || die "wrk failed, see $raw"
  local backend_ticks=$(($(cpu_ticks "$backend_pid") - backend_before))
  local gateway_ticks=$(($(cpu_ticks "$lanyard_pid") - gateway_before)) wrk_ticks=$(($(reaped_ticks) - wrk_before))
  local line pair
  line="$(grep '^BENCH ' "$raw")" || die "no statistics from wrk, see $raw"
  rps="$(awk '/^Requests\/sec:/ {print $2}' "$raw")"
  for pair in ${line#BENCH }; do
    [[ "$pair" =~ ^([a-z0-9_]+)=([0-9]+)$ ]] || die "unexpected wrk statistic '$pair' in $raw"
    printf -v "${BASH_REMATCH[1]}" '%s' "${BASH_REMATCH[2]}"
  done
  local errors=$((status_errors + connect_errors + read_errors + write_errors + timeouts))
  [[ "$status_errors" -eq 0 ]] || die "$name answered $status_errors requests with an error status, see $raw"
  local requests
  requests="$(awk '/ requests in / {print $1}' "$raw")"
  [[ "$requests" =~ ^[1-9][0-9]*$ ]] || die "no request count from wrk, see $raw"
  local cpu_backend cpu_gateway cpu_wrk
  cpu_backend="$(per_request_us "$backend_ticks" "$requests")"
  cpu_gateway="$(per_request_us "$gateway_ticks" "$requests")"
  cpu_wrk="$(per_request_us "$wrk_ticks" "$requests")"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$verb" "$rps" "$p50_us" "$p99_us" "$errors" \
    "$cpu_backend" "$cpu_gateway" "$cpu_wrk" >> "$results"
  printf '%s: %-8s %-4s %10s req/s  p50 %s us  p99 %s us  errors %s  CPU us/request: s3proxy %s gateway %s wrk %s\n' \
    "$prog" "$name" "$verb" "$rps" "$p50_us" "$p99_us" "$errors" "$cpu_backend" "$cpu_gateway" "$cpu_wrk" >&2
}
if [[ -n "${S3BENCH_PAUSE:-}" ]]; then
  echo "gateway GET: $(presign_s3 "$gateway" get small-4k)" >&2
  echo "direct GET: $(presign_s3 "$direct" get small-4k)" >&2
  sleep "$S3BENCH_PAUSE"
fi
for _ in $(seq 1 "$rounds"); do
  for verb in GET PUT; do
    small_row direct "$direct" "$verb"
    small_row gateway "$gateway" "$verb"
  done
done

# --------------------------------------------------------------------------------------------- large objects
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$lanyard_pid/status"; }
# Samples the gateway's RSS every 200 ms into a file until stopped; prints its pid.
sample_rss() {
  # Its output goes elsewhere, or the caller's $(...) would wait for the loop to end.
  ( while kill -0 "$lanyard_pid" 2> /dev/null; do rss_kib >> "$1"; sleep 0.2; done ) > /dev/null 2>&1 &
  echo $!
}
large="$work/large.tsv"
: > "$large"
transfer() { # side-name endpoint put|get key [file]
  local name="$1" endpoint="$2" verb="$3" key="$4" file="${5:-}" samples="$work/rss-$RANDOM.txt" sampler line
  local -a creds
  if [[ "$name" == gateway ]]; then
    creds=(S3_ACCESS_KEY_ID="$session_key_id" S3_SECRET_ACCESS_KEY="$session_secret" S3_SESSION_TOKEN="$session_token")
  else
    creds=(S3_ACCESS_KEY_ID="$backend_key_id" S3_SECRET_ACCESS_KEY="$backend_secret")
  fi
  local before
  before="$(rss_kib)"
  sampler="$(sample_rss "$samples")"
  line="$(env "${creds[@]}" timeout 1800 "${client_cpu[@]}" "$JAVA_HOME/bin/java" -cp "$bench" dev.lanyard.bench.S3Transfer \
    "$endpoint" "$verb" "$bucket" "$key" $file 2> "$work/transfer.err" | grep '^TRANSFER ')" \
    || { cat "$work/transfer.err" >&2; die "$verb of $key through $name failed"; }
  kill "$sampler" 2> /dev/null || true
  wait "$sampler" 2> /dev/null || true
  local bytes millis peak
  bytes="$(sed -E 's/.*bytes=([0-9]+).*/\1/' <<< "$line")"
  millis="$(sed -E 's/.*millis=([0-9]+).*/\1/' <<< "$line")"
  peak="$(sort -n "$samples" | tail -1)"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$verb" "$bytes" "$millis" "$before" "${peak:-$before}" >> "$large"
  printf '%s: %-8s %-4s %6s MiB in %6s ms = %6s MiB/s  gateway RSS %s -> peak %s MiB\n' "$prog" "$name" "$verb" \
    "$((bytes / 1048576))" "$millis" "$(awk -v b="$bytes" -v m="$millis" 'BEGIN {printf "%.1f", b / 1048576 / (m / 1000)}')" \
    "$((before / 1024))" "$(( ${peak:-$before} / 1024 ))" >&2
}
for mib in $sizes; do
  head -c "$((mib * 1048576))" /dev/urandom > "$work/big.bin"
  transfer direct "$direct" put "big-$mib-direct" "$work/big.bin"
  transfer gateway "$gateway" put "big-$mib-gateway" "$work/big.bin"
  transfer direct "$direct" get "big-$mib-gateway"
  transfer gateway "$gateway" get "big-$mib-gateway"
  rm -f "$work/big.bin" "$work/blobs/$bucket/big-$mib-direct" "$work/blobs/$bucket/big-$mib-gateway"
done

# ---------------------------------------------------------------------------------------------------- report
report() {
  echo "S3 gateway vs s3proxy 4.0.0 directly, $(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)$([[ "$pin" == 1 ]] && echo "; pinned: s3proxy and clients on CPU 0, Lanyard on CPU 1")"
  echo
  echo "| Objects | Verb | Direct req/s | Gateway req/s | Gateway / direct | p99 direct / gateway (ms) |"
  echo "|---|---|---|---|---|---|"
  for verb in GET PUT; do
    awk -F'\t' -v v="$verb" -v c="$connections" '$2 == v { n[$1]++; r[$1] += $3; p[$1] += $5 }
      END { d = r["direct"] / n["direct"]; g = r["gateway"] / n["gateway"];
        printf "| 4 KiB, %d connections | %s | %.0f | %.0f | %.0f%% | %.1f / %.1f |\n", c, v, d, g, 100 * g / d,
          p["direct"] / n["direct"] / 1000, p["gateway"] / n["gateway"] / 1000 }' "$results"
  done
  echo
  echo "CPU time per request, each row one measured run (µs; utime + stime of each process over the run / requests):"
  echo
  echo "| Round | Verb | Side | Requests/s | s3proxy | gateway | wrk | all three |"
  echo "|--:|---|---|--:|--:|--:|--:|--:|"
  awk -F'\t' '{ round[$1, $2]++; printf "| %d | %s | %s | %.0f | %d | %s | %d | %d |\n", round[$1, $2], $2, $1, $3, $7,
      $1 == "gateway" ? $8 : "-", $9, $7 + ($1 == "gateway" ? $8 : 0) + $9 }' "$results"
  if [[ -s "$large" ]]; then
    echo
    echo "| Object | Verb | Direct MiB/s | Gateway MiB/s | Gateway / direct | Gateway RSS before -> peak (MiB) |"
    echo "|---|---|---|---|---|---|"
    awk -F'\t' '{ key = $3 "\t" $2; rate = $3 / 1048576 / ($4 / 1000); r[key, $1] = rate;
        if ($1 == "gateway") { rss[key] = sprintf("%d -> %d", $5 / 1024, $6 / 1024) } ; order[key] = NR }
      END { for (k in order) { split(k, f, "\t");
        printf "| %d MiB | %s | %.0f | %.0f | %.0f%% | %s |\n", f[1] / 1048576, f[2] == "put" ? "PUT (aws-chunked, signed chunks)" : "GET",
          r[k, "direct"], r[k, "gateway"], 100 * r[k, "gateway"] / r[k, "direct"], rss[k] } }' "$large" | sort -t'|' -k2,2n -k3,3r
  fi
}
report | tee "${out:-/dev/null}"
