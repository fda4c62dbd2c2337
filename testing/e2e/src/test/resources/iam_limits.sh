#!/usr/bin/env bash
# One check per IAM quota, at the limit and one past it, through the AWS CLI ("lanyard" profile from the environment).
set -euo pipefail
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_error() { # code command...
  local code=$1; shift
  if out=$("$@" 2>&1); then fail "expected $code from: $*"; fi
  grep -q "($code)" <<<"$out" || fail "expected $code, got: $out"
}
statement() { printf '{"Effect":"Allow","Action":"iam:%s","Resource":"arn:aws:iam::*:user/%s"}' "$1" "$2"; }
policy_of_size() { # a policy whose non-whitespace length is at least $1
  local size=$1 statements="" i=0
  while [ ${#statements} -lt "$size" ]; do
    statements+="${statements:+,}$(statement GetUser "u$i-padding-padding-padding")"; i=$((i+1))
  done
  printf '{"Version":"2012-10-17","Statement":[%s]}' "$statements"
}

# Groups per user: 10
aws iam create-user --user-name member >/dev/null
for i in $(seq 1 11); do aws iam create-group --group-name "g$i" >/dev/null; done
for i in $(seq 1 10); do aws iam add-user-to-group --group-name "g$i" --user-name member; done
expect_error LimitExceeded aws iam add-user-to-group --group-name g11 --user-name member

# Tags per user: 50
tags=(); for i in $(seq 1 50); do tags+=("Key=k$i,Value=v"); done
aws iam tag-user --user-name member --tags "${tags[@]}"
expect_error LimitExceeded aws iam tag-user --user-name member --tags Key=k51,Value=v

# Inline policies of a user: 2,048 characters in all
aws iam create-user --user-name sized >/dev/null
aws iam put-user-policy --user-name sized --policy-name small --policy-document "$(policy_of_size 1000)"
expect_error LimitExceeded aws iam put-user-policy --user-name sized --policy-name big --policy-document "$(policy_of_size 1200)"

# Managed policy document: 6,144 characters
aws iam create-policy --policy-name fits --policy-document "$(policy_of_size 6000)" >/dev/null
expect_error LimitExceeded aws iam create-policy --policy-name too-big --policy-document "$(policy_of_size 6200)"

# Role trust policy: 2,048 characters
trust_of_size() {
  local size=$1 principals="" i=0
  while [ ${#principals} -lt "$size" ]; do principals+="${principals:+,}\"arn:aws:sts::123456789012:assumed-role/p$i/padding\""; i=$((i+1)); done
  printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":[%s]},"Action":"sts:AssumeRole"}]}' "$principals"
}
aws iam create-role --role-name trusted --assume-role-policy-document "$(trust_of_size 1800)" >/dev/null
expect_error LimitExceeded aws iam create-role --role-name trusted-too-much --assume-role-policy-document "$(trust_of_size 2100)"

# Managed policies attached to a user: 10
aws iam create-user --user-name attacher >/dev/null
for i in $(seq 1 11); do
  arns[i]=$(aws iam create-policy --policy-name "attach$i" --policy-document "$(policy_of_size 10)" --query Policy.Arn --output text)
done
for i in $(seq 1 10); do aws iam attach-user-policy --user-name attacher --policy-arn "${arns[i]}"; done
expect_error LimitExceeded aws iam attach-user-policy --user-name attacher --policy-arn "${arns[11]}"

echo "OK"
