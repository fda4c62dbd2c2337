"""boto3 against Lanyard: the AWS managed policy catalogue, instance profiles, login profiles, the password policy,
ChangePassword and service-linked roles. argv = endpoint, root key id, root secret, account. Prints OK, or fails
with the first difference."""
import json
import sys
import time

import boto3
import botocore.exceptions

endpoint, key_id, secret, account = sys.argv[1:5]


def client(service, key, sec):
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=key,
                        aws_secret_access_key=sec)


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def error(call, code, message=None, status=None, **kwargs):
    try:
        call(**kwargs)
    except botocore.exceptions.ClientError as e:
        err = e.response["Error"]
        check(err["Code"] == code, "%s: expected %s, got %s %s" % (call.__name__, code, err["Code"], err["Message"]))
        if message is not None:
            check(err["Message"] == message, "%s: message %r, expected %r" % (call.__name__, err["Message"], message))
        if status is not None:
            got = e.response["ResponseMetadata"]["HTTPStatusCode"]
            check(got == status, "%s: status %s, expected %s" % (call.__name__, got, status))
        return err["Message"]
    fail("%s succeeded, expected %s" % (call.__name__, code))


iam = client("iam", key_id, secret)
trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {
    "Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})

# --- The AWS managed policy catalogue ---------------------------------------------------------------------------
aws_policies = [p for page in iam.get_paginator("list_policies").paginate(Scope="AWS", PaginationConfig={
    "PageSize": 300}) for p in page["Policies"]]
check(len(aws_policies) == 1452, "Scope=AWS lists %d policies" % len(aws_policies))
check(len({p["Arn"] for p in aws_policies}) == 1452, "the paginator saw a policy twice")
check([p["PolicyName"] for p in aws_policies[:3]] == ["AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess"],
      "AWS order: " + str([p["PolicyName"] for p in aws_policies[:3]]))
check(all("Description" not in p and "Tags" not in p for p in aws_policies), "ListPolicies shows no Description/Tags")
job = iam.list_policies(Scope="AWS", PathPrefix="/job-function/")["Policies"]
check(len(job) == 8 and all(p["Path"] == "/job-function/" for p in job), "job-function policies: %d" % len(job))
check(iam.list_policies(Scope="Local")["Policies"] == [], "no local policies yet")
lambda_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
got = iam.get_policy(PolicyArn=lambda_arn)["Policy"]
check(got["Path"] == "/service-role/" and got["Tags"] == [] and got["IsAttachable"], "GetPolicy: %s" % got)
version = iam.get_policy_version(PolicyArn=lambda_arn, VersionId=got["DefaultVersionId"])["PolicyVersion"]
check(version["IsDefaultVersion"] and "logs:PutLogEvents" in json.dumps(version["Document"]), "default version")
versions = iam.list_policy_versions(PolicyArn=lambda_arn)["Versions"]
check([v["VersionId"] for v in versions] == [got["DefaultVersionId"]] and "Document" not in versions[0], "versions")
admin = "arn:aws:iam::aws:policy/AdministratorAccess"
me = "arn:aws:iam::%s:root" % account
for call, kwargs in [(iam.delete_policy, {}),
                     (iam.create_policy_version, {"PolicyDocument": version["Document"] and json.dumps(
                         version["Document"])}),
                     (iam.set_default_policy_version, {"VersionId": "v1"}),
                     (iam.delete_policy_version, {"VersionId": "v1"}),
                     (iam.tag_policy, {"Tags": [{"Key": "k", "Value": "v"}]}),
                     (iam.untag_policy, {"TagKeys": ["k"]})]:
    action = "iam:" + "".join(w.capitalize() for w in call.__name__.split("_"))
    # AWS's recorded sentences where it has one (LocalStack's test_aws_managed_policy_errors snapshot), otherwise the
    # cross-account refusal
    recorded = {"iam:DeletePolicy": "Cannot delete policies outside your own account.",
                "iam:DeletePolicyVersion": "Cannot delete policy versions for policies outside your own account.",
                "iam:SetDefaultPolicyVersion": "Cannot update policies outside your own account.",
                "iam:CreatePolicyVersion": "Cannot update policies outside your own account."}
    error(call, "AccessDenied", recorded.get(action, "User: %s is not authorized to perform: %s on resource: policy %s"
          " because no resource-based policy allows the %s action" % (me, action, admin, action)), 403,
          PolicyArn=admin, **kwargs)
error(iam.get_policy_version, "ValidationError", PolicyArn=admin, VersionId="1")
error(iam.get_policy, "NoSuchEntity", PolicyArn="arn:aws:iam::aws:policy/NoSuchPolicyAtAll")
iam.create_role(RoleName="config-role", AssumeRolePolicyDocument=trust)
error(iam.attach_role_policy, "NoSuchEntity", "Policy arn:aws:iam::aws:policy/service-role/AWSConfigRole does not "
      "exist or is not attachable.", RoleName="config-role", PolicyArn="arn:aws:iam::aws:policy/service-role/AWSConfigRole")

# a catalogue policy attached is what the engine evaluates: IAMReadOnlyAccess reads but does not write
iam.create_user(UserName="reader")
iam.attach_user_policy(UserName="reader", PolicyArn="arn:aws:iam::aws:policy/IAMReadOnlyAccess")
iam.put_user_permissions_boundary(UserName="reader", PermissionsBoundary="arn:aws:iam::aws:policy/ReadOnlyAccess")
k = iam.create_access_key(UserName="reader")["AccessKey"]
reader = client("iam", k["AccessKeyId"], k["SecretAccessKey"])
check(any(u["UserName"] == "reader" for u in reader.list_users()["Users"]), "IAMReadOnlyAccess lets reader list")
error(reader.create_user, "AccessDenied", UserName="not-allowed")
attached = iam.list_policies(OnlyAttached=True)["Policies"]
check([p["PolicyName"] for p in attached] == ["IAMReadOnlyAccess"] and attached[0]["AttachmentCount"] == 1,
      "OnlyAttached: %s" % attached)
bounded = iam.list_policies(OnlyAttached=True, PolicyUsageFilter="PermissionsBoundary")["Policies"]
check([p["PolicyName"] for p in bounded] == ["ReadOnlyAccess"] and bounded[0]["PermissionsBoundaryUsageCount"] == 1,
      "PolicyUsageFilter=PermissionsBoundary: %s" % bounded)
# IAM's wording names neither the value nor the enum's values (see ServiceStyle)
error(iam.list_policies, "ValidationError", "1 validation error detected: Value at 'scope' failed to satisfy "
      "constraint: Member must satisfy enum value set", Scope="Everything")
mine = iam.create_policy(PolicyName="mine", PolicyDocument=json.dumps(version["Document"]))["Policy"]
all_policies = [p for page in iam.get_paginator("list_policies").paginate(PaginationConfig={"PageSize": 500})
                for p in page["Policies"]]
check(len(all_policies) == 1453 and all_policies[-1]["Arn"] == mine["Arn"], "Scope=All: AWS's, then the account's")

# --- Instance profiles -----------------------------------------------------------------------------------------
created = iam.create_instance_profile(InstanceProfileName="web", Path="/ec2/")["InstanceProfile"]
check(created["Arn"] == "arn:aws:iam::%s:instance-profile/ec2/web" % account and created["Roles"] == []
      and "Tags" not in created and created["InstanceProfileId"].startswith("AIPA"), "created: %s" % created)
check(iam.get_instance_profile(InstanceProfileName="web")["InstanceProfile"]["Tags"] == [], "Get shows Tags: []")
error(iam.create_instance_profile, "EntityAlreadyExists", "Instance Profile WEB already exists.", 409,
      InstanceProfileName="WEB")
error(iam.get_instance_profile, "NoSuchEntity", "Instance Profile nope cannot be found.", 404,
      InstanceProfileName="nope")
iam.create_role(RoleName="app", AssumeRolePolicyDocument=trust)
iam.create_role(RoleName="other", AssumeRolePolicyDocument=trust)
error(iam.add_role_to_instance_profile, "NoSuchEntity", "Instance Profile nope cannot be found.",
      InstanceProfileName="nope", RoleName="app")
error(iam.add_role_to_instance_profile, "NoSuchEntity", "The role with name nope cannot be found.",
      InstanceProfileName="web", RoleName="nope")
iam.add_role_to_instance_profile(InstanceProfileName="web", RoleName="app")
error(iam.add_role_to_instance_profile, "LimitExceeded", "Cannot exceed quota for InstanceSessionsPerInstanceProfile:"
      " 1", 409, InstanceProfileName="web", RoleName="other")
roles = iam.get_instance_profile(InstanceProfileName="web")["InstanceProfile"]["Roles"]
check([r["RoleName"] for r in roles] == ["app"] and roles[0]["AssumeRolePolicyDocument"]["Statement"][0][
    "Principal"] == {"Service": "ec2.amazonaws.com"} and "MaxSessionDuration" not in roles[0], "roles: %s" % roles)
error(iam.delete_role, "DeleteConflict", "Cannot delete entity, must remove roles from instance profile first.", 409,
      RoleName="app")
error(iam.delete_instance_profile, "DeleteConflict", "Cannot delete entity, must remove roles from instance profile "
      "first.", InstanceProfileName="web")
error(iam.remove_role_from_instance_profile, "NoSuchEntity", "Role other in Instance Profile web cannot be found.",
      InstanceProfileName="web", RoleName="other")
for i in range(11):
    iam.create_instance_profile(InstanceProfileName="fleet-%02d" % i, Tags=[{"Key": "n", "Value": str(i)}] if i == 0
                                else [])
listed = [p["InstanceProfileName"] for page in iam.get_paginator("list_instance_profiles").paginate(
    PaginationConfig={"PageSize": 4}) for p in page["InstanceProfiles"]]
check(listed == ["fleet-%02d" % i for i in range(11)] + ["web"], "paginated profiles: %s" % listed)
check([p["InstanceProfileName"] for p in iam.list_instance_profiles(PathPrefix="/ec2/")["InstanceProfiles"]]
      == ["web"], "PathPrefix")
iam.add_role_to_instance_profile(InstanceProfileName="fleet-03", RoleName="other")
for_role = iam.list_instance_profiles_for_role(RoleName="app")["InstanceProfiles"]
check([p["InstanceProfileName"] for p in for_role] == ["web"] and "Tags" not in for_role[0], "for role: %s" % for_role)
error(iam.list_instance_profiles_for_role, "NoSuchEntity", RoleName="nope")
details = iam.get_account_authorization_details(Filter=["Role"])["RoleDetailList"]
app = [r for r in details if r["RoleName"] == "app"][0]
check([p["InstanceProfileName"] for p in app["InstanceProfileList"]] == ["web"], "details: %s" % app)
iam.tag_instance_profile(InstanceProfileName="web", Tags=[{"Key": "Team", "Value": "a"}, {"Key": "team", "Value": "b"}])
check(len(iam.list_instance_profile_tags(InstanceProfileName="web")["Tags"]) == 2, "tag keys are case-sensitive")
iam.untag_instance_profile(InstanceProfileName="web", TagKeys=["Team"])
check(iam.list_instance_profile_tags(InstanceProfileName="web")["Tags"] == [{"Key": "team", "Value": "b"}], "untag")
error(iam.tag_instance_profile, "NoSuchEntity", "Instance Profile nope cannot be found.", InstanceProfileName="nope",
      Tags=[{"Key": "a", "Value": "b"}])
check(iam.create_instance_profile(InstanceProfileName="tagged", Tags=[{"Key": "k", "Value": "v"}])[
    "InstanceProfile"]["Tags"] == [{"Key": "k", "Value": "v"}], "Create shows the Tags it was given")
check(iam.get_account_summary()["SummaryMap"]["InstanceProfiles"] == 13, "summary counts profiles")
iam.remove_role_from_instance_profile(InstanceProfileName="web", RoleName="app")
iam.delete_instance_profile(InstanceProfileName="web")
iam.delete_role(RoleName="app")
error(iam.delete_instance_profile, "NoSuchEntity", "Instance Profile web cannot be found.", InstanceProfileName="web")

# --- The account password policy ---------------------------------------------------------------------------------
error(iam.get_account_password_policy, "NoSuchEntity", "The Password Policy with domain name %s cannot be found."
      % account, 404)
error(iam.delete_account_password_policy, "NoSuchEntity", "The account policy with name PasswordPolicy cannot be "
      "found.", 404)
iam.update_account_password_policy()
check(iam.get_account_password_policy()["PasswordPolicy"] == {
    "AllowUsersToChangePassword": False, "ExpirePasswords": False, "MinimumPasswordLength": 6,
    "RequireLowercaseCharacters": False, "RequireNumbers": False, "RequireSymbols": False,
    "RequireUppercaseCharacters": False}, "defaults: %s" % iam.get_account_password_policy())
error(iam.update_account_password_policy, "ValidationError", "3 validation errors detected: Value at "
      "'minimumPasswordLength' failed to satisfy constraint: Member must have value less than or equal to 128; Value "
      "at 'passwordReusePrevention' failed to satisfy constraint: Member must have value less than or equal to 24; "
      "Value at 'maxPasswordAge' failed to satisfy constraint: Member must have value less than or equal to 1095",
      400, MinimumPasswordLength=129, PasswordReusePrevention=25, MaxPasswordAge=1096)
iam.delete_account_password_policy()

# --- Login profiles and ChangePassword ----------------------------------------------------------------------------
iam.create_user(UserName="pat")
error(iam.create_login_profile, "PasswordPolicyViolation", "Password does not conform to the account password "
      "policy.", 400, UserName="pat", Password="onlylowercase")
profile = iam.create_login_profile(UserName="pat", Password="Sturdy-Pass-1", PasswordResetRequired=True)["LoginProfile"]
check(profile["UserName"] == "pat" and profile["PasswordResetRequired"] is True, "created: %s" % profile)
error(iam.create_login_profile, "EntityAlreadyExists", "Login Profile for user pat already exists.", 409,
      UserName="pat", Password="Sturdy-Pass-1")
error(iam.get_login_profile, "NoSuchEntity", "Login Profile for User reader cannot be found.", 404, UserName="reader")
error(iam.delete_user, "DeleteConflict", "Cannot delete entity, must delete login profile first.", 409, UserName="pat")
k = iam.create_access_key(UserName="pat")["AccessKey"]
pat = client("iam", k["AccessKeyId"], k["SecretAccessKey"])
error(pat.change_password, "AccessDenied", OldPassword="Sturdy-Pass-1", NewPassword="Sturdy-Pass-2")
error(pat.get_account_password_policy, "AccessDenied")
iam.update_account_password_policy(MinimumPasswordLength=12, RequireSymbols=True, AllowUsersToChangePassword=True,
                                   PasswordReusePrevention=2)
check(pat.get_account_password_policy()["PasswordPolicy"]["PasswordReusePrevention"] == 2, "users read the policy")
error(pat.change_password, "PasswordPolicyViolation", OldPassword="Sturdy-Pass-1", NewPassword="NoSymbols12345")
error(pat.change_password, "AccessDenied", OldPassword="Wrong-Pass-1", NewPassword="Sturdy-Pass-2!")
pat.change_password(OldPassword="Sturdy-Pass-1", NewPassword="Sturdy-Pass-2!")
check(iam.get_login_profile(UserName="pat")["LoginProfile"]["PasswordResetRequired"] is False, "reset cleared")
error(pat.change_password, "PasswordPolicyViolation", OldPassword="Sturdy-Pass-2!", NewPassword="Sturdy-Pass-1")
pat.change_password(OldPassword="Sturdy-Pass-2!", NewPassword="Sturdy-Pass-3!")
iam.put_user_policy(UserName="pat", PolicyName="no-change", PolicyDocument=json.dumps({
    "Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "iam:ChangePassword", "Resource": "*"}]}))
error(pat.change_password, "AccessDenied", OldPassword="Sturdy-Pass-3!", NewPassword="Sturdy-Pass-4!")
error(iam.change_password, "InvalidUserType", OldPassword="Sturdy-Pass-3!", NewPassword="Sturdy-Pass-4!")
error(iam.update_login_profile, "PasswordPolicyViolation", UserName="pat", Password="short")
iam.update_login_profile(UserName="pat", PasswordResetRequired=True)
check(iam.get_login_profile(UserName="pat")["LoginProfile"]["PasswordResetRequired"] is True, "reset set")
error(iam.create_login_profile, "ValidationError", UserName="pat", Password="x" * 129)
iam.delete_login_profile(UserName="pat")
error(iam.delete_login_profile, "NoSuchEntity", "Login Profile for User pat cannot be found.", UserName="pat")

# --- Service-linked roles ------------------------------------------------------------------------------------------
role = iam.create_service_linked_role(AWSServiceName="autoscaling.amazonaws.com")["Role"]
check(role["Path"] == "/aws-service-role/autoscaling.amazonaws.com/" and role["RoleName"] ==
      "AWSServiceRoleForAutoScaling" and role["Arn"] == "arn:aws:iam::%s:role/aws-service-role/autoscaling.amazonaws"
      ".com/AWSServiceRoleForAutoScaling" % account, "service-linked role: %s" % role)
check(role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] == {"Service": "autoscaling.amazonaws.com"},
      "trust")
check([p["PolicyArn"] for p in iam.list_attached_role_policies(RoleName=role["RoleName"])["AttachedPolicies"]] ==
      ["arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy"], "the service's policy is attached")
error(iam.create_service_linked_role, "InvalidInput", "Service role name AWSServiceRoleForAutoScaling has been taken "
      "in this account, please try a different suffix.", 400, AWSServiceName="autoscaling.amazonaws.com")
check(iam.create_service_linked_role(AWSServiceName="autoscaling.amazonaws.com", CustomSuffix="fleet")["Role"][
    "RoleName"] == "AWSServiceRoleForAutoScaling_fleet", "custom suffix")
error(iam.create_service_linked_role, "InvalidInput", AWSServiceName="spot.amazonaws.com", CustomSuffix="x")
error(iam.create_service_linked_role, "InvalidInput", AWSServiceName="nothing.example.com")
protected = "Cannot perform the operation on the protected role 'AWSServiceRoleForAutoScaling' - this role is only " \
            "modifiable by AWS"
name = role["RoleName"]
error(iam.delete_role, "UnmodifiableEntity", protected, 400, RoleName=name)
error(iam.update_assume_role_policy, "UnmodifiableEntity", protected, RoleName=name, PolicyDocument=trust)
error(iam.attach_role_policy, "UnmodifiableEntity", protected, RoleName=name, PolicyArn=admin)
error(iam.detach_role_policy, "UnmodifiableEntity", protected, RoleName=name,
      PolicyArn="arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy")
error(iam.put_role_policy, "UnmodifiableEntity", protected, RoleName=name, PolicyName="p",
      PolicyDocument=json.dumps(version["Document"]))
error(iam.put_role_permissions_boundary, "UnmodifiableEntity", protected, RoleName=name, PermissionsBoundary=admin)
error(iam.update_role, "UnmodifiableEntity", RoleName=name, MaxSessionDuration=7200)
error(iam.add_role_to_instance_profile, "UnmodifiableEntity", protected, InstanceProfileName="fleet-00", RoleName=name)
iam.update_role_description(RoleName=name, Description="scaling")
iam.tag_role(RoleName=name, Tags=[{"Key": "k", "Value": "v"}])
error(iam.create_role, "InvalidInput", RoleName="sneaky", AssumeRolePolicyDocument=trust,
      Path="/aws-service-role/autoscaling.amazonaws.com/")
error(iam.delete_service_linked_role, "InvalidInput", RoleName="other")
task = iam.delete_service_linked_role(RoleName=name)["DeletionTaskId"]
check(task.startswith("task/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling/"), task)
check(iam.get_service_linked_role_deletion_status(DeletionTaskId=task)["Status"] == "SUCCEEDED", "status")
error(iam.get_role, "NoSuchEntity", RoleName=name)
error(iam.get_service_linked_role_deletion_status, "NoSuchEntity", DeletionTaskId=task[:-4] + "ffff")

# iam:AWSServiceName in a policy's condition
iam.create_user(UserName="ops")
iam.put_user_policy(UserName="ops", PolicyName="slr", PolicyDocument=json.dumps({
    "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole",
                                            "Resource": "*", "Condition": {"StringEquals": {
                                                "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com"}}}]}))
k = iam.create_access_key(UserName="ops")["AccessKey"]
ops = client("iam", k["AccessKeyId"], k["SecretAccessKey"])
error(ops.create_service_linked_role, "AccessDenied", AWSServiceName="spot.amazonaws.com")
check(ops.create_service_linked_role(AWSServiceName="elasticloadbalancing.amazonaws.com")["Role"]["RoleName"] ==
      "AWSServiceRoleForElasticLoadBalancing", "the condition allows ELB's role")
print("OK")
