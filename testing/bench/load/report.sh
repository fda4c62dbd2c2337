# shellcheck shell=bash
# Sourced by run.sh: renders results.tsv (target, operation, connections, threads, req/s, p50/p99/p99.9 in us,
# errors, requests, bytes per response) as markdown with the machine's facts. Uses run.sh's JAVA_HOME and repo.
# shellcheck disable=SC2154 # repo is run.sh's

machine_facts() {
  local cpu memory jdk moto_version revision
  cpu="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2> /dev/null)"
  memory="$(awk '/^MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo 2> /dev/null)"
  jdk="$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F' = ' '/^ *java.vendor = / {v = $2} /^ *java.runtime.version = / {r = $2} END {print v " " r}')"
  moto_version="$(python3 -c 'import moto; print(moto.__version__)' 2> /dev/null || echo "not installed")"
  revision="$(git -C "$repo" rev-parse --short HEAD 2> /dev/null || echo "uncommitted tree")"
  echo "- Machine: $(nproc) CPUs (nproc), ${cpu:-unknown CPU}, ${memory:-unknown memory}, Linux $(uname -r)"
  echo "- JDK: $jdk; server JVM options: ${LANYARD_JAVA_OPTS:-none (defaults)}"
  echo "- Tools: $(wrk -v 2>&1 | head -n 1 | awk '{print $1 " " $2}'), moto $moto_version," \
    "Python $(python3 -c 'import platform; print(platform.python_version())'), Lanyard at $revision"
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); wrk and the server share the CPUs above"
}

render_report() { # results.tsv duration warmup server-warmup
  local results="$1" duration="$2" warmup="$3" server_warmup="$4"
  echo "## Load benchmark: presigned STS GET requests over HTTP/1.1 keep-alive on 127.0.0.1"
  echo
  machine_facts
  echo "- Method: wrk replays one boto3 presigned URL per operation (GetCallerIdentity signed with the root key;" \
    "AssumeRole with an IAM user's key, on a role trusting the account); per operation ${server_warmup} s at 16" \
    "connections first (JIT warm-up), then per row ${warmup} s warm-up and ${duration} s measured; latencies from wrk's histogram (p99.9 through its Lua done hook); bytes per response" \
    "include the HTTP headers and stay constant when every answer is a success."
  echo
  echo "| Server | Operation | Connections | wrk threads | Requests/s | p50 (ms) | p99 (ms) | p99.9 (ms) | Errors |" \
    "Bytes/response |"
  echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|"
  awk -F'\t' '{printf "| %s | %s | %d | %d | %.0f | %.2f | %.2f | %.2f | %d | %d |\n", $1, $2, $3, $4, $5, $6 / 1000,
    $7 / 1000, $8 / 1000, $9, $11}' "$results"
  if cut -f1 "$results" | grep -qx moto && cut -f1 "$results" | grep -qx lanyard; then
    echo
    echo "| Operation | Connections | Lanyard req/s | moto req/s | Lanyard / moto |"
    echo "|---|--:|--:|--:|--:|"
    awk -F'\t' '$1 == "lanyard" {l[$2 "\t" $3] = $5; order[++n] = $2 "\t" $3}
      $1 == "moto" {m[$2 "\t" $3] = $5}
      END {
        for (i = 1; i <= n; i++) {
          k = order[i]; split(k, part, "\t")
          if (k in m && m[k] > 0) printf "| %s | %d | %.0f | %.0f | %.1fx |\n", part[1], part[2], l[k], m[k], l[k] / m[k]
        }
      }' "$results"
  fi
}
