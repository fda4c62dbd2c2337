#!/usr/bin/env bash
# The policy simulator through the AWS CLI.
set -euo pipefail
fail() { echo "FAIL: $*" >&2; exit 1; }
policy='{"Version":"2012-10-17","Statement":[{"Sid":"ReadOwn","Effect":"Allow","Action":"iam:Get*","Resource":"*",
"Condition":{"StringEquals":{"aws:PrincipalTag/team":"blue"}}},{"Sid":"NoDelete","Effect":"Deny","Action":"iam:Delete*","Resource":"*"}]}'
out=$(aws iam simulate-custom-policy --policy-input-list "$policy" --action-names iam:GetUser iam:DeleteUser iam:ListUsers \
  --context-entries ContextKeyName=aws:PrincipalTag/team,ContextKeyValues=blue,ContextKeyType=string \
  --query 'EvaluationResults[].[EvalActionName,EvalDecision]' --output text)
grep -q "iam:GetUser	allowed" <<<"$out" || fail "GetUser allowed: $out"
grep -q "iam:DeleteUser	explicitDeny" <<<"$out" || fail "DeleteUser explicitDeny: $out"
grep -q "iam:ListUsers	implicitDeny" <<<"$out" || fail "ListUsers implicitDeny: $out"
missing=$(aws iam simulate-custom-policy --policy-input-list "$policy" --action-names iam:GetUser \
  --query 'EvaluationResults[0].[EvalDecision,MissingContextValues[0]]' --output text)
[ "$missing" = "implicitDeny	aws:PrincipalTag/team" ] || fail "missing context: $missing"
line=$(aws iam simulate-custom-policy --policy-input-list "$policy" --action-names iam:DeleteRole \
  --query 'EvaluationResults[0].MatchedStatements[0].StartPosition.Line' --output text)
[ "$line" = 2 ] || fail "statement position: $line"
keys=$(aws iam get-context-keys-for-custom-policy --policy-input-list "$policy" --query 'ContextKeyNames[0]' --output text)
[ "$keys" = "aws:PrincipalTag/team" ] || fail "context keys: $keys"
aws iam create-user --user-name simulated >/dev/null
aws iam put-user-policy --user-name simulated --policy-name p --policy-document "$policy"
arn=$(aws iam get-user --user-name simulated --query User.Arn --output text)
[ "$(aws iam simulate-principal-policy --policy-source-arn "$arn" --action-names iam:DeleteGroup \
  --query 'EvaluationResults[0].EvalDecision' --output text)" = explicitDeny ] || fail "principal policy"
echo "OK"
