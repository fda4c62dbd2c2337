#!/usr/bin/env bash
# The policy simulator through the AWS CLI.
set -euo pipefail
# shellcheck source=aws_in_one_process.sh
source "$(dirname "$0")/aws_in_one_process.sh"
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

# A resource-based policy needs a simulated caller (an IAM user); the resource's account decides same or cross account.
account=${arn#arn:aws:iam::}; account=${account%%:*}
other=999988887777
[ "$other" != "$account" ] || other=999988887766
identity='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}'
bucket='{"Version":"2012-10-17","Statement":[{"Sid":"Reader","Effect":"Allow","Principal":{"AWS":"'"$arn"'"},
"Action":"s3:GetObject","Resource":"arn:aws:s3:::shared/*"}]}'
same=$(aws iam simulate-custom-policy --policy-input-list "$identity" --resource-policy "$bucket" --caller-arn "$arn" \
  --action-names s3:GetObject --resource-arns arn:aws:s3:::shared/report.csv \
  --query 'EvaluationResults[0].[EvalDecision,MatchedStatements[0].SourcePolicyType,ResourceSpecificResults[0].EvalResourceDecision]' \
  --output text)
[ "$same" = "allowed	resource	allowed" ] || fail "resource policy, same account: $same"
cross=$(aws iam simulate-custom-policy --policy-input-list "$identity" --resource-policy "$bucket" --caller-arn "$arn" \
  --resource-owner "$other" --action-names s3:GetObject --resource-arns arn:aws:s3:::shared/report.csv \
  --query 'EvaluationResults[0].[EvalDecision,EvalDecisionDetails."IAM Policy",EvalDecisionDetails."Resource Policy"]' \
  --output text)
[ "$cross" = "implicitDeny	implicitDeny	allowed" ] || fail "resource policy, cross account: $cross"
both='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}'
[ "$(aws iam simulate-custom-policy --policy-input-list "$both" --resource-policy "$bucket" --caller-arn "$arn" \
  --resource-owner "$other" --action-names s3:GetObject --resource-arns arn:aws:s3:::shared/report.csv \
  --query 'EvaluationResults[0].EvalDecision' --output text)" = allowed ] || fail "cross account, both sides allow"
[ "$(aws iam simulate-principal-policy --policy-source-arn "$arn" --resource-policy "$bucket" \
  --action-names s3:GetObject --resource-arns arn:aws:s3:::shared/x --query 'EvaluationResults[0].EvalDecision' \
  --output text)" = allowed ] || fail "principal policy with a resource policy, the source user as caller"
if err=$(aws iam simulate-custom-policy --policy-input-list "$identity" --resource-policy "$bucket" \
  --action-names s3:GetObject 2>&1); then fail "resource policy without caller accepted"; fi
grep -q "InvalidInput" <<<"$err" || fail "resource policy without caller: $err"
if err=$(aws iam simulate-custom-policy --policy-input-list "$identity" --caller-arn "arn:aws:iam::$account:role/r" \
  --action-names s3:GetObject 2>&1); then fail "role as caller accepted"; fi
grep -q "InvalidInput" <<<"$err" || fail "role as caller: $err"
echo "OK"
