#!/usr/bin/env bash
# Authorization API decisions per second (issue 14's goal: 30,000/s at 16 connections, p99 under 5 ms at half that
# load): starts `lanyard serve --service-catalogue` on a free loopback port, sets up an orders service principal and a
# client with the AWS CLI, and has wrk replay one signed POST /authorize/v1 (botocore-signed call about a
# botocore-signed GET; every replay is verified and decided in full). Rows at 1, 2, 4 and 16 connections after a
# warm-up; the row nearest half the 16-connection rate gives the p99 at half load. Prints a markdown table, with
# presigned GetCallerIdentity measured in the same run for reference and the load average.
#
# Usage: testing/bench/load/authorize.sh [--duration S] [--warmup S] [--connections "1 2 4 16"] [--keep]
# Environment: LANYARD_JAR (default cli/target/lanyard.jar, built if missing), JAVA_HOME (a JDK 25).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
prog=authorize.sh
# shellcheck source=lib.sh
source "$here/lib.sh"

duration=10
warmup=10
connections="1 2 4 16"
keep=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration="${2:?}"; shift 2 ;;
    --warmup) warmup="${2:?}"; shift 2 ;;
    --connections) connections="${2:?}"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
max_seconds=$((600 + (duration + 5) * $(wc -w <<< "$connections") + warmup))
# shellcheck source=../../../.ci/find-jdk25.sh
source "$repo/.ci/find-jdk25.sh"
start_guard authorize
install_wrk

# First start: the account the catalogue names exists only once the server made it.
catalogue="$work/catalogue.json"
echo '{"Services":{}}' > "$catalogue"
start_lanyard
export AWS_CONFIG_FILE="$lanyard_data/aws/config" AWS_SHARED_CREDENTIALS_FILE="$lanyard_data/aws/credentials"
export AWS_PROFILE=lanyard AWS_PAGER="" AWS_MAX_ATTEMPTS=1
account="$(timeout 60 aws sts get-caller-identity --query Account --output text)" || die "get-caller-identity failed"
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
read -r service_key service_secret < <(user orders-service "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\
\"Allow\",\"Action\":\"lanyard:Authorize\",\"Resource\":\"arn:aws:lanyard::$account:service/orders\"}]}")
read -r client_key client_secret < <(user alice "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\
\"Action\":\"orders:GetOrder\",\"Resource\":\"arn:aws:orders:*:$account:order/*\"}]}")
[[ -n "${service_secret:-}" && -n "${client_secret:-}" ]] || die "no access keys"

url="http://127.0.0.1:$lanyard_port/authorize/v1"
wrk_script="$work/authorize.lua"
python3 "$here/authorize_request.py" "http://127.0.0.1:$lanyard_port" "$service_key" "$service_secret" \
  "$client_key" "$client_secret" "arn:aws:orders:us-east-1:$account:order/42" "$here/stats.lua" "$wrk_script"
# The same conditions for a known path: presigned GetCallerIdentity (root key) at 16 connections, after its warm-up,
# so a shared or busy machine's figures can be read against BENCHMARKS.md's idle-machine rows.
identity_url="$(presign lanyard GetCallerIdentity)"
wrk_script="" wrk_stats 2 16 "$warmup" "$work/identity-warmup.txt" "$identity_url"
wrk_script="" wrk_stats 2 16 "$duration" "$work/identity.txt" "$identity_url"
identity_rps="$rps"
identity_p99="$p99_us"

wrk_stats 2 16 "$warmup" "$work/warmup.txt" "$url"
[[ "${status_errors:-1}" == 0 ]] || die "the warm-up got error statuses: is the call allowed? see $work"
echo
echo "| connections | decisions/s | p50 ms | p99 ms | p99.9 ms |"
echo "|--:|--:|--:|--:|--:|"
for c in $connections; do
  threads=2
  [[ "$c" == 1 ]] && threads=1
  wrk_stats "$threads" "$c" "$duration" "$work/wrk-$c.txt" "$url"
  [[ "$status_errors" == 0 ]] || die "error statuses at $c connections, see $work/wrk-$c.txt"
  printf '| %s | %s | %.2f | %.2f | %.2f |\n' "$c" "$(printf '%.0f' "$rps")" "$(bc -l <<< "$p50_us/1000")" \
    "$(bc -l <<< "$p99_us/1000")" "$(bc -l <<< "$p999_us/1000")"
done
printf '\nSame run, GetCallerIdentity (presigned, root key) at 16 connections: %.0f requests/s, p99 %.2f ms.\n' \
  "$identity_rps" "$(bc -l <<< "$identity_p99/1000")"
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); CPUs: $(nproc)."
