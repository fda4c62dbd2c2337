# Sourced by CLI scripts: `aws` becomes a function that runs the command in one long-lived Python process running the
# AWS CLI's own driver (aws_cli_server.py), not a new interpreter per call. Same CLI code, same parsing, same output;
# only the start-up of each call is saved. The server stops with the script.
aws_cli_dir="$(mktemp -d)"
python3 "$(dirname "${BASH_SOURCE[0]}")/aws_cli_server.py" "$aws_cli_dir/port" 2> "$aws_cli_dir/server.log" &
aws_cli_pid=$!
trap 'kill "$aws_cli_pid" 2> /dev/null; rm -rf "$aws_cli_dir"' EXIT
for _ in $(seq 1 600); do
  [[ -f "$aws_cli_dir/port" ]] && break
  kill -0 "$aws_cli_pid" 2> /dev/null || { cat "$aws_cli_dir/server.log" >&2; echo "aws_cli_server.py exited" >&2; exit 1; }
  sleep 0.1
done
aws_cli_port="$(cat "$aws_cli_dir/port")"

aws() {
  local out err code fd variables=()
  out="$(mktemp "$aws_cli_dir/out.XXXXXX")"
  err="$(mktemp "$aws_cli_dir/err.XXXXXX")"
  while IFS= read -r -d '' pair; do
    [[ "$pair" == AWS_* ]] && variables+=("$pair")
  done < <(env -0)
  exec {fd}<> "/dev/tcp/127.0.0.1/$aws_cli_port"
  printf '%s\0' "$out" "$err" "${#variables[@]}" "${variables[@]}" "$#" "$@" >&"$fd"
  IFS= read -r code <&"$fd" || code=255
  exec {fd}>&-
  cat "$out"
  cat "$err" >&2
  rm -f "$out" "$err"
  return "$code"
}
