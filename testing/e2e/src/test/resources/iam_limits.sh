#!/usr/bin/env bash
# One check per IAM quota, at the limit and one past it, through the AWS CLI ("lanyard" profile from the environment).
# Each refusal is checked for IAM's code and exact message; EntityLimitTest and AccountQuotaTest (Java SDK) also check
# the HTTP status, and hold the limits that need a hundred calls or more.
set -euo pipefail
# shellcheck source=aws_in_one_process.sh
source "$(dirname "$0")/aws_in_one_process.sh"
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_error() { # code message command...: the CLI prints "An error occurred (CODE) when calling the OP operation: MESSAGE"
  local code=$1 message=$2; shift 2
  if out=$("$@" 2>&1); then fail "expected $code from: $*"; fi
  [[ $out == *"($code) when calling the "*" operation: $message" ]] || fail "expected $code: $message, got: $out"
}
repeat_x() { local padding; printf -v padding '%*s' "$1" ''; printf '%s' "${padding// /x}"; }
policy_exactly() { # a permissions policy of exactly $1 non-whitespace characters, padded inside a condition value
  local pre='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*","Condition":{"StringEquals":{"aws:username":"'
  local post='"}}}]}'
  printf '%s%s%s' "$pre" "$(repeat_x $(( $1 - ${#pre} - ${#post} )))" "$post"
}
trust_exactly() { # a role trust policy of exactly $1 non-whitespace characters
  local pre='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"'
  local post='"}}}]}'
  printf '%s%s%s' "$pre" "$(repeat_x $(( $1 - ${#pre} - ${#post} )))" "$post"
}

# Groups per user: 10
aws iam create-user --user-name member >/dev/null
for i in $(seq 1 11); do aws iam create-group --group-name "g$i" >/dev/null; done
for i in $(seq 1 10); do aws iam add-user-to-group --group-name "g$i" --user-name member; done
expect_error LimitExceeded "Cannot exceed quota for GroupsPerUser: 10" \
  aws iam add-user-to-group --group-name g11 --user-name member

# Tags per user: 50 (a new value for a key it has still fits)
tags=(); for i in $(seq 1 50); do tags+=("Key=k$i,Value=v"); done
aws iam tag-user --user-name member --tags "${tags[@]}"
aws iam tag-user --user-name member --tags Key=K1,Value=changed
expect_error LimitExceeded "The number of tags has reached the maximum limit." \
  aws iam tag-user --user-name member --tags Key=k51,Value=v

# Managed policy document: 6,144 characters
aws iam create-policy --policy-name fits --policy-document "$(policy_exactly 6144)" >/dev/null
expect_error LimitExceeded "Cannot exceed quota for PolicySize: 6144" \
  aws iam create-policy --policy-name too-big --policy-document "$(policy_exactly 6145)"

# Role trust policy: 2,048 characters
aws iam create-role --role-name trusted --assume-role-policy-document "$(trust_exactly 2048)" >/dev/null
expect_error LimitExceeded "Cannot exceed quota for ACLSizePerRole: 2048" \
  aws iam create-role --role-name trusted-too-much --assume-role-policy-document "$(trust_exactly 2049)"

# Inline policies, all of one holder's together: user 2,048, group 5,120, role 10,240 characters. Two policies fill
# the holder exactly; growing the second by one character is refused (a replaced policy no longer counts).
aws iam create-user --user-name sized >/dev/null
aws iam put-user-policy --user-name sized --policy-name first --policy-document "$(policy_exactly 1000)"
aws iam put-user-policy --user-name sized --policy-name second --policy-document "$(policy_exactly 1048)"
expect_error LimitExceeded "Maximum policy size of 2048 bytes exceeded for user sized" \
  aws iam put-user-policy --user-name sized --policy-name second --policy-document "$(policy_exactly 1049)"
aws iam put-group-policy --group-name g1 --policy-name first --policy-document "$(policy_exactly 2000)"
aws iam put-group-policy --group-name g1 --policy-name second --policy-document "$(policy_exactly 3120)"
expect_error LimitExceeded "Maximum policy size of 5120 bytes exceeded for group g1" \
  aws iam put-group-policy --group-name g1 --policy-name second --policy-document "$(policy_exactly 3121)"
aws iam put-role-policy --role-name trusted --policy-name first --policy-document "$(policy_exactly 5000)"
aws iam put-role-policy --role-name trusted --policy-name second --policy-document "$(policy_exactly 5240)"
expect_error LimitExceeded "Maximum policy size of 10240 bytes exceeded for role trusted" \
  aws iam put-role-policy --role-name trusted --policy-name second --policy-document "$(policy_exactly 5241)"

# Managed policies attached to a user, a group, a role: 10 each
aws iam create-user --user-name attacher >/dev/null
for i in $(seq 1 11); do
  arns[i]=$(aws iam create-policy --policy-name "attach$i" --policy-document "$(policy_exactly 200)" --query Policy.Arn --output text)
done
for i in $(seq 1 10); do aws iam attach-user-policy --user-name attacher --policy-arn "${arns[i]}"; done
expect_error LimitExceeded "Cannot exceed quota for PoliciesPerUser: 10" \
  aws iam attach-user-policy --user-name attacher --policy-arn "${arns[11]}"
for i in $(seq 1 10); do aws iam attach-group-policy --group-name g2 --policy-arn "${arns[i]}"; done
expect_error LimitExceeded "Cannot exceed quota for PoliciesPerGroup: 10" \
  aws iam attach-group-policy --group-name g2 --policy-arn "${arns[11]}"
for i in $(seq 1 10); do aws iam attach-role-policy --role-name trusted --policy-arn "${arns[i]}"; done
expect_error LimitExceeded "Cannot exceed quota for PoliciesPerRole: 10" \
  aws iam attach-role-policy --role-name trusted --policy-arn "${arns[11]}"
[ "$(aws iam list-attached-role-policies --role-name trusted --query 'length(AttachedPolicies)' --output text)" = 10 ] \
  || fail "a refused attachment leaves ten"

echo "OK"
