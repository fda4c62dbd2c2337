# shellcheck shell=bash
# Sourced by suite.sh: the measurements that need their own server (start-up, token sizes, memory) and JMH. Each
# appends to a file in $work that suite_report.py renders.
# shellcheck disable=SC2154 # work, here, jar, sessions, memory_warmup, memory_budget, jmh_args, lanyard_* are suite.sh's

# Starts Lanyard and, with startup_probe.py, polls GET /health and a SigV4-signed GetCallerIdentity (once the root
# credentials file exists) until both answered 200; leaves the server running. Row in startup.tsv: label, ms to
# the first /health 200, ms to the first GetCallerIdentity 200, Helidon's own "since JVM startup" figure.
probe_start() { # label data-dir port
  local label="$1" data="$2" port="$3" log="$work/start-$1.log" t0 health gci jvm
  t0="$(date +%s%N)"
  launch_lanyard "$data" "$port" "$log"
  run_waited timeout 90 python3 "$here/startup_probe.py" "$t0" "$port" "$data" 60 "$REGION" > "$work/probe-$label.txt" \
    || { tail -n 30 "$log" >&2; die "Lanyard served no signed request within 60 s"; }
  read -r health gci < "$work/probe-$label.txt"
  jvm="$(sed -n 's/.* \([0-9][0-9]*\) milliseconds since JVM startup.*/\1/p' "$log" | head -n 1)"
  printf '%s\t%s\t%s\t%s\n' "$label" "$health" "$gci" "${jvm:--}" >> "$work/startup.tsv"
  echo "$prog: $label start: /health after $health ms, GetCallerIdentity after $gci ms" >&2
}

# The plain token from an actual AssumeRole answer (the presigned URL the memory check replays), and the largest
# one the server issues (token_sizes.py).
measure_tokens() {
  local code
  assume_url="$(presign lanyard AssumeRole)" || die "presigning AssumeRole failed"
  code="$(curl -s -o "$work/token-plain.xml" -w '%{http_code}' --max-time 10 "$assume_url")"
  [[ "$code" == 200 ]] || die "AssumeRole answered HTTP $code: $(head -c 400 "$work/token-plain.xml")"
  plain_token_chars="$(sed -n 's:.*<SessionToken>\([^<]*\)</SessionToken>.*:\1:p' "$work/token-plain.xml" \
    | tr -d '\n' | wc -c)"
  [[ "$plain_token_chars" -gt 0 ]] || die "no SessionToken in the AssumeRole answer"
  PRESIGN_ACCESS_KEY_ID="$user_key_id" PRESIGN_SECRET_ACCESS_KEY="$user_secret" run_waited timeout 120 \
    python3 "$here/token_sizes.py" "http://127.0.0.1:$lanyard_port" "$REGION" "$account" > "$work/tokens.json" \
    || die "token_sizes.py failed"
}

# RSS from /proc and the heap from `jcmd GC.heap_info` (G1's line): a row of memory.tsv.
memory_snapshot() { # label sessions-issued
  local rss heap
  rss="$(awk '/^VmRSS:/ {print $2}' "/proc/$lanyard_pid/status")"
  heap="$(timeout 60 "$JAVA_HOME/bin/jcmd" "$lanyard_pid" GC.heap_info | awk '/heap/ && / used / {
    for (i = 1; i < NF; i++) { if ($i == "committed") c = $(i + 1); if ($i == "used") u = $(i + 1) }
    gsub(/[K,]/, "", c); gsub(/[K,]/, "", u); print u "\t" c; exit }')"
  [[ -n "$heap" ]] || heap="-	-"
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$rss" "$heap" >> "$work/memory.tsv"
  echo "$prog: memory $1: RSS $rss KiB, heap used/committed (KiB) ${heap/	//}" >&2
}

full_gc() {
  timeout 60 "$JAVA_HOME/bin/jcmd" "$lanyard_pid" GC.run > /dev/null || die "jcmd GC.run failed"
}

# Replays the AssumeRole URL (every answer a new session: fresh key, secret and sealed token) in wrk runs of at
# most 10 s, sized from the last run's rate to end near half-way (a snapshot there) and then near the target, until the Lua-counted successful answers reach $sessions or the budget
# is spent; the count reached is what the report states.
measure_memory() {
  local issued=0 seconds=10 deadline n=0 rate next half=0
  timeout $((memory_warmup + 30)) wrk -t2 -c16 -d"${memory_warmup}s" "$assume_url" > /dev/null
  memory_snapshot "after ${memory_warmup} s of AssumeRole warm-up" 0
  full_gc
  memory_snapshot "the same, after a full GC (jcmd GC.run)" 0
  deadline=$(($(date +%s) + memory_budget))
  while ((issued < sessions && $(date +%s) + seconds <= deadline)); do
    n=$((n + 1))
    wrk_stats 2 16 "$seconds" "$work/wrk-memory-$n.txt" "$assume_url"
    [[ "$status_errors" -eq 0 ]] || die "AssumeRole failed $status_errors times during the memory check"
    issued=$((issued + requests))
    if ((issued >= sessions / 2 && half == 0)); then
      half=1
      memory_snapshot "after $issued AssumeRole sessions (about half-way)" "$issued"
    fi
    # Enough seconds to reach the next milestone (half-way, then all) at this run's rate, plus one; at most 10.
    rate=$((requests / seconds))
    next=$((half == 0 ? sessions / 2 : sessions))
    seconds=$(((next - issued) / (rate > 0 ? rate : 1) + 1))
    ((seconds >= 1)) || seconds=1
    ((seconds <= 10)) || seconds=10
  done
  memory_snapshot "after $issued AssumeRole sessions" "$issued"
  full_gc
  memory_snapshot "the same, after a full GC (jcmd GC.run)" "$issued"
}

# JMH: policy evaluation, and SigV4 verification + plain token unseal next to their crypto floors.
run_jmh() {
  run_waited timeout 900 "$JAVA_HOME/bin/java" -jar "$jar" -f 1 "${jmh_args[@]}" -p session=PLAIN -p bodyBytes=146 \
    -rf csv -rff "$work/jmh.csv" \
    'SigV4Benchmark\.sessionPost(ColdKey)?$|TokenBenchmark\.(un)?seal$|CryptoFloorBenchmark\.(sigv4CachedKey|sigv4FullChain|aesGcmDecrypt|aesGcmEncrypt)$|PolicyBenchmark|QueryBenchmark\.(decodeAssumeRole|assumeRoleResponseXml)$' \
    > "$work/jmh.log" 2>&1 || { tail -n 30 "$work/jmh.log" >&2; die "JMH failed"; }
}
