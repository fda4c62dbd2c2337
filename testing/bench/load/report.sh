# shellcheck shell=bash
# Sourced by run.sh and suite.sh: renders results.tsv (target, operation, connections, threads, req/s,
# p50/p99/p99.9 in us, errors, requests, bytes per response) as markdown with the machine's facts. Uses the caller's
# JAVA_HOME and repo.
# shellcheck disable=SC2154 # repo is the caller's

machine_facts() {
  local cpu memory jdk moto_version revision
  cpu="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2> /dev/null)"
  memory="$(awk '/^MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo 2> /dev/null)"
  jdk="$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F' = ' '/^ *java.vendor = / {v = $2} /^ *java.runtime.version = / {r = $2} END {print v " " r}')"
  moto_version="$(python3 -c 'import moto; print(moto.__version__)' 2> /dev/null || echo "not installed")"
  revision="$(git -C "$repo" rev-parse --short HEAD 2> /dev/null || echo "no git")"
  if [[ -n "$(git -C "$repo" status --porcelain 2> /dev/null | head -n 1)" ]]; then
    revision="$revision plus uncommitted changes"
  fi
  echo "- Machine: $(nproc) CPUs (nproc), ${cpu:-unknown CPU}, ${memory:-unknown memory}, Linux $(uname -r)"
  echo "- JDK: $jdk; server JVM options: ${LANYARD_JAVA_OPTS:-none (defaults)}"
  echo "- Tools: $(wrk -v 2>&1 | head -n 1 | awk '{print $1 " " $2}'), moto $moto_version," \
    "Python $(python3 -c 'import platform; print(platform.python_version())'), Lanyard at $revision"
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); the load generator and the server share the CPUs above"
}

# The row of the highest throughput: results target operation -> "req/s connections" (nothing when absent).
peak_row() {
  awk -F'\t' -v t="$2" -v o="$3" '$1 == t && $2 == o && $5 > best {best = $5; c = $3}
    END {if (best > 0) printf "%.0f %d\n", best, c}' "$1"
}

# The row whose throughput is closest to half the peak (wrk 4 cannot hold a fixed rate, so this stands in for a
# rate-limited run): results target operation -> "connections req/s p99_us peak".
half_peak_row() {
  awk -F'\t' -v t="$2" -v o="$3" '$1 == t && $2 == o {n++; c[n] = $3; r[n] = $5; p[n] = $7; if ($5 > max) max = $5}
    END {
      if (n == 0) exit
      best = 1
      for (i = 2; i <= n; i++) if ((r[i] - max / 2) ^ 2 < (r[best] - max / 2) ^ 2) best = i
      printf "%d %.0f %d %.0f\n", c[best], r[best], p[best], max
    }' "$1"
}

render_report() { # results.tsv duration warmup server-warmup [the OIDC stub's fetches by Lanyard, as text]
  local results="$1" duration="$2" warmup="$3" server_warmup="$4" fetches="${5:-}"
  echo "## Load benchmark: presigned (and unsigned) GET requests over HTTP/1.1 keep-alive on 127.0.0.1"
  echo
  machine_facts
  local webid=""
  if [[ -n "$fetches" ]]; then webid=", the stub serving Lanyard $fetches fetches in all (its keys are cached)"; fi
  echo "- Method: wrk replays one URL per operation, presigned by boto3 (GetCallerIdentity signed with the root key;" \
    "AssumeRole with an IAM user's key, on a role trusting the account; GetUser of that user with its own key," \
    "allowed by its inline policy) or, for AssumeRoleWithWebIdentity, unsigned and built by hand around one RS256 ID" \
    "token from a local OIDC issuer (load/oidc_stub.py), on a role trusting that provider with a condition on its" \
    "aud${webid};" \
    "the ceiling is the same Helidon web server answering a fixed 353-byte XML body to the same" \
    "request line; per operation ${server_warmup} s at 16 connections first (JIT warm-up), then per row ${warmup} s" \
    "warm-up and ${duration} s measured, one server at a time; latencies from wrk's histogram (p99.9 through its Lua" \
    "done hook); bytes per response include the HTTP headers."
  echo
  echo "| Server | Operation | Connections | wrk threads | Requests/s | p50 (ms) | p99 (ms) | p99.9 (ms) | Errors |" \
    "Bytes/response |"
  echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|"
  awk -F'\t' '{printf "| %s | %s | %d | %d | %.0f | %.2f | %.2f | %.2f | %d | %d |\n", $1, $2, $3, $4, $5, $6 / 1000,
    $7 / 1000, $8 / 1000, $9, $11}' "$results"
  render_comparisons "$results"
}

render_comparisons() { # results.tsv
  local results="$1" op l m ceiling
  echo
  echo "| Operation | Lanyard peak req/s (connections) | p99 at ~half the peak: connections, req/s, p99 (ms) |" \
    "moto peak req/s | Lanyard / moto at peak | Lanyard / HTTP ceiling at peak |"
  echo "|---|--:|--:|--:|--:|--:|"
  ceiling="$(peak_row "$results" ceiling Ceiling)"
  for op in GetCallerIdentity AssumeRole GetUser AssumeRoleWithWebIdentity Ceiling; do
    local target=lanyard
    [[ "$op" == Ceiling ]] && target=ceiling
    l="$(peak_row "$results" "$target" "$op")"
    [[ -n "$l" ]] || continue
    m="$(peak_row "$results" moto "$op")"
    read -r hc hr hp _ <<< "$(half_peak_row "$results" "$target" "$op")"
    awk -v op="$op" -v l="$l" -v m="$m" -v cl="$ceiling" -v hc="$hc" -v hr="$hr" -v hp="$hp" -v t="$target" 'BEGIN {
      split(l, L, " "); split(m, M, " "); split(cl, C, " ")
      moto = (M[1] > 0 && t == "lanyard") ? sprintf("%.0f", M[1]) : "-"
      ratio = (M[1] > 0 && t == "lanyard") ? sprintf("%.0fx", L[1] / M[1]) : "-"
      ceil = (C[1] > 0) ? sprintf("%.0f%%", 100 * L[1] / C[1]) : "-"
      printf "| %s%s | %.0f (%d) | %d, %.0f, %.2f | %s | %s | %s |\n", t == "ceiling" ? "HTTP ceiling: " : "", op,
        L[1], L[2], hc, hr, hp / 1000, moto, ratio, ceil
    }'
  done
  if cut -f1 "$results" | grep -qx moto && cut -f1 "$results" | grep -qx lanyard; then
    echo
    echo "| Operation | Connections | Lanyard req/s | moto req/s | Lanyard / moto |"
    echo "|---|--:|--:|--:|--:|"
    awk -F'\t' '$1 == "lanyard" {l[$2 "\t" $3] = $5; order[++n] = $2 "\t" $3}
      $1 == "moto" {m[$2 "\t" $3] = $5}
      END {
        for (i = 1; i <= n; i++) {
          k = order[i]; split(k, part, "\t")
          if (k in m && m[k] > 0) printf "| %s | %d | %.0f | %.0f | %.0fx |\n", part[1], part[2], l[k], m[k], l[k] / m[k]
        }
      }' "$results"
  fi
}
