# Sourced by scripts: exports JAVA_HOME pointing at a JDK 25 (JAVA_HOME, then PATH, then /usr/lib/jvm/*).
is_jdk25() {
  [[ -x "$1/bin/java" && -x "$1/bin/javac" ]] || return 1
  local v
  v="$("$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')"
  [[ "$v" == "25" ]]
}
find_jdk25() {
  if [[ -n "${JAVA_HOME:-}" ]] && is_jdk25 "$JAVA_HOME"; then echo "$JAVA_HOME"; return 0; fi
  if command -v java >/dev/null 2>&1; then
    local home
    home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    if is_jdk25 "$home"; then echo "$home"; return 0; fi
  fi
  local candidate
  for candidate in /usr/lib/jvm/*; do
    if is_jdk25 "$candidate"; then echo "$candidate"; return 0; fi
  done
  return 1
}
if ! JAVA_HOME="$(find_jdk25)"; then
  echo "A JDK 25 is required: set JAVA_HOME, put one on PATH, or install one under /usr/lib/jvm." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
