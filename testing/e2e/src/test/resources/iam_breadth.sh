#!/usr/bin/env bash
# IAM breadth through the AWS CLI: policy versions and their limit, attachments and the attach limit, entities for a
# policy, policy tags, account aliases and the account summary. Uses the "lanyard" profile from the environment.
set -euo pipefail
# shellcheck source=aws_in_one_process.sh
source "$(dirname "$0")/aws_in_one_process.sh"
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_error() { # code command...
  local code=$1; shift
  if out=$("$@" 2>&1); then fail "expected $code from: $*"; fi
  grep -q "($code)" <<<"$out" || fail "expected $code, got: $out"
}
doc() { printf '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"%s","Resource":"*"}]}' "$1"; }

arn=$(aws iam create-policy --policy-name versioned --policy-document "$(doc iam:GetUser)" --query Policy.Arn --output text)
for action in iam:ListUsers iam:ListRoles iam:ListGroups iam:ListPolicies; do
  aws iam create-policy-version --policy-arn "$arn" --policy-document "$(doc $action)" >/dev/null
done
[ "$(aws iam list-policy-versions --policy-arn "$arn" --query 'length(Versions)' --output text)" = 5 ] || fail "5 versions"
expect_error LimitExceeded aws iam create-policy-version --policy-arn "$arn" --policy-document "$(doc iam:GetRole)"
expect_error DeleteConflict aws iam delete-policy-version --policy-arn "$arn" --version-id v1
aws iam set-default-policy-version --policy-arn "$arn" --version-id v5
[ "$(aws iam get-policy --policy-arn "$arn" --query Policy.DefaultVersionId --output text)" = v5 ] || fail "default v5"
aws iam delete-policy-version --policy-arn "$arn" --version-id v1
aws iam create-policy-version --policy-arn "$arn" --policy-document "$(doc iam:GetGroup)" --set-as-default >/dev/null
[ "$(aws iam get-policy --policy-arn "$arn" --query Policy.DefaultVersionId --output text)" = v6 ] || fail "default v6"
[ "$(aws iam get-policy-version --policy-arn "$arn" --version-id v6 --query PolicyVersion.Document.Statement[0].Action --output text)" = iam:GetGroup ] || fail "v6 document"

aws iam create-user --user-name attached >/dev/null
aws iam create-group --group-name attached-group >/dev/null
aws iam attach-user-policy --user-name attached --policy-arn "$arn"
aws iam attach-group-policy --group-name attached-group --policy-arn "$arn"
[ "$(aws iam list-entities-for-policy --policy-arn "$arn" --query 'length(PolicyUsers)' --output text)" = 1 ] || fail "entities"
[ "$(aws iam list-entities-for-policy --policy-arn "$arn" --query 'PolicyGroups[0].GroupName' --output text)" = attached-group ] || fail "group entity"
expect_error DeleteConflict aws iam delete-policy --policy-arn "$arn"
for i in $(seq 1 9); do
  extra=$(aws iam create-policy --policy-name "extra-$i" --policy-document "$(doc iam:GetUser)" --query Policy.Arn --output text)
  aws iam attach-user-policy --user-name attached --policy-arn "$extra"
done
extra=$(aws iam create-policy --policy-name extra-10 --policy-document "$(doc iam:GetUser)" --query Policy.Arn --output text)
expect_error LimitExceeded aws iam attach-user-policy --user-name attached --policy-arn "$extra"

aws iam tag-policy --policy-arn "$arn" --tags Key=team,Value=blue Key=Team,Value=red
[ "$(aws iam list-policy-tags --policy-arn "$arn" --query 'length(Tags)' --output text)" = 2 ] || fail "policy tag keys are case-sensitive"
aws iam untag-policy --policy-arn "$arn" --tag-keys Team
tagged=$(aws iam create-policy --policy-name tagged-at-birth --policy-document "$(doc iam:GetUser)" \
  --tags Key=env,Value=a Key=Env,Value=b --query Policy.Arn --output text)
[ "$(aws iam list-policy-tags --policy-arn "$tagged" --query 'length(Tags)' --output text)" = 2 ] || fail "CreatePolicy tag keys are case-sensitive"
[ "$(aws iam list-policy-tags --policy-arn "$arn" --query 'Tags[0].Value' --output text)" = blue ] || fail "untag"

aws iam create-account-alias --account-alias lanyard-test-alias
[ "$(aws iam list-account-aliases --query 'AccountAliases[0]' --output text)" = lanyard-test-alias ] || fail "alias"
expect_error ValidationError aws iam create-account-alias --account-alias Bad_Alias
aws iam delete-account-alias --account-alias lanyard-test-alias
expect_error NoSuchEntity aws iam delete-account-alias --account-alias lanyard-test-alias
[ "$(aws iam get-account-summary --query 'SummaryMap.Users' --output text)" -ge 1 ] || fail "summary users"
[ "$(aws iam get-account-summary --query 'SummaryMap.AccessKeysPerUserQuota' --output text)" = 2 ] || fail "summary quota"

# Groups, membership and group policies
aws iam create-group --group-name cli-group --path /teams/ >/dev/null
aws iam add-user-to-group --group-name cli-group --user-name attached
[ "$(aws iam get-group --group-name cli-group --query 'Users[0].UserName' --output text)" = attached ] || fail "group members"
[ "$(aws iam list-groups-for-user --user-name attached --query 'length(Groups)' --output text)" = 1 ] || fail "groups for user"
aws iam put-group-policy --group-name cli-group --policy-name inline --policy-document "$(doc iam:GetGroup)"
[ "$(aws iam list-group-policies --group-name cli-group --query 'PolicyNames[0]' --output text)" = inline ] || fail "group policy"
expect_error DeleteConflict aws iam delete-group --group-name cli-group
aws iam remove-user-from-group --group-name cli-group --user-name attached
aws iam delete-group-policy --group-name cli-group --policy-name inline
aws iam delete-group --group-name cli-group
expect_error NoSuchEntity aws iam get-group --group-name cli-group

# User and role tags, case-insensitive keys
aws iam tag-user --user-name attached --tags Key=Team,Value=blue
aws iam tag-user --user-name attached --tags Key=team,Value=red
[ "$(aws iam list-user-tags --user-name attached --query 'length(Tags)' --output text)" = 1 ] || fail "user tag keys are case-insensitive"
aws iam create-role --role-name tagged-role --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}' --tags Key=env,Value=dev >/dev/null
aws iam untag-role --role-name tagged-role --tag-keys env
[ "$(aws iam list-role-tags --role-name tagged-role --query 'length(Tags)' --output text)" = 0 ] || fail "untag role"

# MFA device tags (the seed goes to a private temp file; never --outfile /dev/null)
seed_file=$(mktemp)
serial=$(aws iam create-virtual-mfa-device --virtual-mfa-device-name tagged-mfa --outfile "$seed_file" --bootstrap-method Base32StringSeed --query VirtualMFADevice.SerialNumber --output text)
rm -f "$seed_file"
aws iam tag-mfa-device --serial-number "$serial" --tags Key=owner,Value=ops Key=tier,Value=1
aws iam untag-mfa-device --serial-number "$serial" --tag-keys tier
[ "$(aws iam list-mfa-device-tags --serial-number "$serial" --query 'Tags[0].Key' --output text)" = owner ] || fail "mfa device tags"

# Organizations: account tags and closing
member=$(aws organizations create-account --email member@example.test --account-name member --query CreateAccountStatus.AccountId --output text)
aws organizations tag-resource --resource-id "$member" --tags Key=cost-center,Value=42
[ "$(aws organizations list-tags-for-resource --resource-id "$member" --query 'Tags[0].Value' --output text)" = 42 ] || fail "account tags"
[ "$(aws organizations list-create-account-status --query 'length(CreateAccountStatuses)' --output text)" -ge 1 ] || fail "create status"
aws organizations close-account --account-id "$member"
[ "$(aws organizations describe-account --account-id "$member" --query Account.Status --output text)" = SUSPENDED ] || fail "closed"

# The AWS managed policy catalogue and instance profiles through the CLI's own pagination
[ "$(aws iam list-policies --scope AWS --page-size 250 --query 'length(Policies)' --output json)" = 1452 ] || fail "catalogue"
[ "$(aws iam list-policies --scope AWS --path-prefix /aws-service-role/ --query 'length(Policies)' --output json)" = 334 ] || fail "aws-service-role path"
expect_error AccessDenied aws iam delete-policy --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess
for i in 1 2 3 4 5; do aws iam create-instance-profile --instance-profile-name "cli-ip-$i" >/dev/null; done
[ "$(aws iam list-instance-profiles --page-size 2 --query 'length(InstanceProfiles)' --output json)" = 5 ] || fail "profiles paged"
aws iam create-role --role-name cli-ec2 --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}' >/dev/null
aws iam add-role-to-instance-profile --instance-profile-name cli-ip-1 --role-name cli-ec2
expect_error LimitExceeded aws iam add-role-to-instance-profile --instance-profile-name cli-ip-1 --role-name cli-ec2
expect_error DeleteConflict aws iam delete-role --role-name cli-ec2
echo "OK"
