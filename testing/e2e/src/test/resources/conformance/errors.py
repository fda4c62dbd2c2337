"""AWS's errors, replayed: each case is a request whose answer was recorded from real AWS (LocalStack's AWS-validated
IAM snapshots, pull request #13720 at 708a15e6, and for SSH keys and certificates the test_iam_ssh_public_keys,
test_iam_signing_certificates and test_iam_server_certificates snapshots of 99c632c0, 561a513d and 571deba3; recorded
2025-2026; the test and snapshot key are named per case),
sent to Lanyard with boto3 and compared on code, HTTP status and message. Names and IDs that the recordings mask
(<role-name:1>, 111111111111) are the ones this script creates; certificates are made with openssl.

Environment as for conformance.py. Prints {"cases": N, "mismatches": [...]}.
"""
import json
import os
import subprocess
import sys
import tempfile

import boto3
import botocore.config
import botocore.exceptions

ENDPOINT = os.environ["LANYARD_ENDPOINT"]
ACCOUNT = os.environ["LANYARD_ACCOUNT"]
ROOT = {"aws_access_key_id": os.environ["LANYARD_ROOT_KEY"],
        "aws_secret_access_key": os.environ["LANYARD_ROOT_SECRET"]}
config = botocore.config.Config(retries={"max_attempts": 1}, parameter_validation=False)
iam = boto3.client("iam", endpoint_url=ENDPOINT, region_name="us-east-1", config=config, **ROOT)

mismatches = []
cases = [0]


def arn(kind, name, account=ACCOUNT):
    return "arn:aws:iam::%s:%s/%s" % (account, kind, name)


def expect(source, call, code, status, message):
    """One recorded answer: the call must fail with this code, status and message (None: succeed)."""
    cases[0] += 1
    try:
        call()
    except botocore.exceptions.ClientError as e:
        got = (e.response["Error"].get("Code"), e.response["ResponseMetadata"]["HTTPStatusCode"],
               e.response["Error"].get("Message"))
        if got != (code, status, message):
            mismatches.append("%s: %s %s %r, AWS answered %s %s %r" % (source, got[1], got[0], got[2], status, code,
                                                                      message))
        return
    if code is not None:
        mismatches.append("%s: succeeded, AWS answered %s %s %r" % (source, status, code, message))


def doc(statements):
    return json.dumps({"Version": "2012-10-17", "Statement": statements})


TRUST = doc([{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}])
POLICY = doc([{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}])
READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"
TAG_PATTERN = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+"


def many_tags(n):
    return [{"Key": "k%d" % i, "Value": "v"} for i in range(n)]


def users_and_groups():
    iam.create_user(UserName="err-user")
    iam.create_group(GroupName="err-group")
    iam.create_group(GroupName="err-group-2")
    s = "test_iam_users.py::TestUserLifecycle::test_user_errors"
    expect(s + " create-duplicate-user-error", lambda: iam.create_user(UserName="err-user"),
           "EntityAlreadyExists", 409, "User with name err-user already exists.")
    for op in ("get_user", "delete_user", "update_user", "list_user_tags", "list_groups_for_user"):
        expect(s + " %s nonexistent" % op, lambda op=op: getattr(iam, op)(UserName="nonexistent-user"),
               "NoSuchEntity", 404, "The user with name nonexistent-user cannot be found.")
    expect("test_iam_users.py::TestUserAccessKeys::test_access_key_errors create-access-key-nonexistent",
           lambda: iam.create_access_key(UserName="nonexistent-user"),
           "NoSuchEntity", 404, "The user with name nonexistent-user cannot be found.")
    s = "test_iam_users.py::TestUserGroups::test_user_group_errors"
    expect(s + " add-nonexistent-user-to-group-error",
           lambda: iam.add_user_to_group(GroupName="err-group", UserName="nonexistent-user"),
           "NoSuchEntity", 404, "The user with name nonexistent-user cannot be found.")
    expect(s + " add-user-to-nonexistent-group-error",
           lambda: iam.add_user_to_group(GroupName="nonexistent-group", UserName="err-user"),
           "NoSuchEntity", 404, "The group with name nonexistent-group cannot be found.")
    expect(s + " remove-user-from-nonexistent-group-error",
           lambda: iam.remove_user_from_group(GroupName="nonexistent-group", UserName="err-user"),
           "NoSuchEntity", 404, "The group with name nonexistent-group cannot be found.")
    expect("test_iam_groups.py::TestIAMGroupsMembership::test_remove_user_from_unknown_group",
           lambda: iam.remove_user_from_group(GroupName="non-existent-group", UserName="any-user"),
           "NoSuchEntity", 404, "The user with name any-user cannot be found.")
    expect("test_iam_users.py::TestUserGroups::test_user_group_membership remove-nonmember-user-from-group",
           lambda: iam.remove_user_from_group(GroupName="err-group", UserName="err-user"), None, 200, None)
    s = "test_iam_groups.py::TestIAMGroupsCRUD"
    expect(s + "::test_create_group create-group-duplicate", lambda: iam.create_group(GroupName="err-group"),
           "EntityAlreadyExists", 409, "Group with name err-group already exists.")
    expect(s + "::test_update_group_duplicate_name update-duplicate-name",
           lambda: iam.update_group(GroupName="err-group", NewGroupName="err-group-2"),
           "EntityAlreadyExists", 409, "Group with name err-group-2 already exists.")
    for op in ("get_group", "delete_group", "update_group"):
        expect(s + " %s nonexistent" % op, lambda op=op: getattr(iam, op)(GroupName="nonexisting"),
               "NoSuchEntity", 404, "The group with name nonexisting cannot be found.")
    expect("test_iam_groups.py::TestIAMGroupsPolicies::test_get_group_policy get-nonexistent-policy",
           lambda: iam.get_group_policy(GroupName="err-group", PolicyName="missing"),
           "NoSuchEntity", 404, "The group policy with name missing cannot be found.")


def roles():
    iam.create_role(RoleName="err-role", AssumeRolePolicyDocument=TRUST)
    s = "test_iam_roles.py::TestRoleLifecycle::test_role_errors"
    expect(s + " create-role-already-exists-error",
           lambda: iam.create_role(RoleName="err-role", AssumeRolePolicyDocument=TRUST),
           "EntityAlreadyExists", 409, "Role with name err-role already exists.")
    for op in ("get_role", "delete_role", "update_role", "list_role_tags", "list_role_policies"):
        expect(s + " %s nonexistent" % op, lambda op=op: getattr(iam, op)(RoleName="test-nonexistent-role"),
               "NoSuchEntity", 404, "The role with name test-nonexistent-role cannot be found.")
    expect("test_iam_roles.py::TestRoleInlinePolicies::test_role_inline_policy_errors get-nonexistent-policy-error",
           lambda: iam.get_role_policy(RoleName="err-role", PolicyName="non-existent-policy"),
           "NoSuchEntity", 404, "The role policy with name non-existent-policy cannot be found.")
    expect("test_iam_roles.py::TestRoleInlinePolicies::test_role_inline_policy_errors delete-nonexistent-policy",
           lambda: iam.delete_role_policy(RoleName="err-role", PolicyName="non-existent-policy"),
           "NoSuchEntity", 404, "The role policy with name non-existent-policy cannot be found.")
    s = "test_iam_roles.py::TestRoleTags::test_role_tag_errors"
    expect(s + " create-role-duplicate-tags",
           lambda: iam.create_role(RoleName="err-tags", AssumeRolePolicyDocument=TRUST,
                                   Tags=[{"Key": "Team", "Value": "a"}, {"Key": "team", "Value": "b"}]),
           "InvalidInput", 400, "Duplicate tag keys found. Please note that Tag keys are case insensitive.")
    expect(s + " tag-role-duplicate-tags",
           lambda: iam.tag_role(RoleName="err-role", Tags=[{"Key": "Team", "Value": "a"},
                                                           {"Key": "team", "Value": "b"}]),
           "InvalidInput", 400, "Duplicate tag keys found. Please note that Tag keys are case insensitive.")
    for op, call in (("create-role", lambda tags: iam.create_role(RoleName="err-tags", AssumeRolePolicyDocument=TRUST,
                                                                   Tags=tags)),
                     ("tag-role", lambda tags: iam.tag_role(RoleName="err-role", Tags=tags))):
        expect(s + " %s too-many-tags" % op, lambda call=call: call(many_tags(51)), "ValidationError", 400,
               "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length"
               " less than or equal to 50")
        expect(s + " %s large-key" % op, lambda call=call: call([{"Key": "k" * 129, "Value": "v"}]),
               "ValidationError", 400, "1 validation error detected: Value at 'tags.1.member.key' failed to satisfy"
               " constraint: Member must have length less than or equal to 128")
        expect(s + " %s large-value" % op, lambda call=call: call([{"Key": "k", "Value": "v" * 257}]),
               "ValidationError", 400, "1 validation error detected: Value at 'tags.1.member.value' failed to"
               " satisfy constraint: Member must have length less than or equal to 256")
        expect(s + " %s invalid-character" % op, lambda call=call: call([{"Key": "a|b", "Value": "v"}]),
               "ValidationError", 400, "1 validation error detected: Value at 'tags.1.member.key' failed to"
               " satisfy constraint: Member must satisfy regular expression pattern: " + TAG_PATTERN)
    expect(s + " untag-role too-many-keys", lambda: iam.untag_role(RoleName="err-role",
                                                                   TagKeys=["k%d" % i for i in range(51)]),
           "ValidationError", 400, "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint:"
           " Member must have length less than or equal to 50")
    expect(s + " untag-role large-key", lambda: iam.untag_role(RoleName="err-role", TagKeys=["k" * 129]),
           "ValidationError", 400, "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint:"
           " Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have"
           " length greater than or equal to 1, Member must satisfy regular expression pattern: " + TAG_PATTERN
           + ", Member must not be null]")
    s = "test_iam_roles.py::TestRolePermissionsBoundary::test_role_permissions_boundary_errors"
    expect(s + " put-invalid-boundary-error",
           lambda: iam.put_role_permissions_boundary(RoleName="err-role",
                                                     PermissionsBoundary=arn("not_a_policy", "invalid")),
           "InvalidInput", 400, "ARN %s is not valid." % arn("not_a_policy", "invalid"))
    expect(s + " create-role-invalid-boundary-error",
           lambda: iam.create_role(RoleName="err-boundary", AssumeRolePolicyDocument=TRUST,
                                   PermissionsBoundary=arn("not_a_policy", "invalid")),
           "InvalidInput", 400, "ARN %s is not valid." % arn("not_a_policy", "invalid"))
    expect(s + " put-nonexistent-policy-error",
           lambda: iam.put_role_permissions_boundary(RoleName="err-role",
                                                     PermissionsBoundary=arn("policy", "nonexistent-policy")),
           "NoSuchEntity", 404, "Scope ARN: %s does not exist or is not attachable." % arn("policy",
                                                                                           "nonexistent-policy"))
    expect(s + " put-boundary-nonexistent-role",
           lambda: iam.put_role_permissions_boundary(RoleName="nonexistent-role", PermissionsBoundary=READ_ONLY),
           "NoSuchEntity", 404, "The role with name nonexistent-role cannot be found.")
    iam.put_role_policy(RoleName="err-role", PolicyName="inline", PolicyDocument=POLICY)
    expect("test_iam_roles.py::TestRoleLifecycle::test_delete_role_with_inline_policy",
           lambda: iam.delete_role(RoleName="err-role"), "DeleteConflict", 409,
           "Cannot delete entity, must delete policies first.")
    iam.delete_role_policy(RoleName="err-role", PolicyName="inline")
    iam.attach_role_policy(RoleName="err-role", PolicyArn=READ_ONLY)
    expect("test_iam_roles.py::TestRoleLifecycle::test_delete_role_with_attached_policy",
           lambda: iam.delete_role(RoleName="err-role"), "DeleteConflict", 409,
           "Cannot delete entity, must detach all policies first.")
    iam.detach_role_policy(RoleName="err-role", PolicyArn=READ_ONLY)


def policies():
    policy_arn = iam.create_policy(PolicyName="err-policy", PolicyDocument=POLICY)["Policy"]["Arn"]
    s = "test_iam_policies.py::TestPolicies::test_policy_errors"
    expect(s + " policy-already-exists", lambda: iam.create_policy(PolicyName="err-policy", PolicyDocument=POLICY),
           "EntityAlreadyExists", 409, "A policy called err-policy already exists. Duplicate names are not allowed.")
    missing = arn("policy", "non-existent-policy")
    expect("test_iam.py::TestIAMIntegrations::test_delete_non_existent_policy_returns_no_such_entity",
           lambda: iam.delete_policy(PolicyArn=missing), "NoSuchEntity", 404, "Policy %s was not found." % missing)
    s = "test_iam_policies.py::TestPolicyTags"
    for op in ("tag_policy", "untag_policy"):
        kwargs = {"Tags": [{"Key": "k", "Value": "v"}]} if op == "tag_policy" else {"TagKeys": ["k"]}
        expect(s + "::test_policy_tag_update_errors err-%s-nonexistent-policy" % op,
               lambda op=op, kwargs=kwargs: getattr(iam, op)(PolicyArn=arn("policy", "NotAPolicy"), **kwargs),
               "NoSuchEntity", 404, "Policy %s was not found." % arn("policy", "NotAPolicy"))
    expect(s + "::test_policy_tag_create_errors err-duplicate-keys",
           lambda: iam.create_policy(PolicyName="err-dup", PolicyDocument=POLICY,
                                     Tags=[{"Key": "k", "Value": "1"}, {"Key": "k", "Value": "2"}]),
           "InvalidInput", 400, "Duplicate tag keys found.")
    expect(s + "::test_policy_tag_update_errors err-tag-duplicate-keys",
           lambda: iam.tag_policy(PolicyArn=policy_arn, Tags=[{"Key": "k", "Value": "1"}, {"Key": "k", "Value": "2"}]),
           "InvalidInput", 400, "Duplicate tag keys found.")
    expect(s + "::test_policy_tag_create_errors err-too-many-tags",
           lambda: iam.create_policy(PolicyName="err-many", PolicyDocument=POLICY, Tags=many_tags(51)),
           "ValidationError", 400, "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member"
           " must have length less than or equal to 50")
    expect(s + "::test_policy_tag_update_errors err-untag-too-many-keys",
           lambda: iam.untag_policy(PolicyArn=policy_arn, TagKeys=["k%d" % i for i in range(51)]),
           "ValidationError", 400, "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint:"
           " Member must have length less than or equal to 50")
    s = "test_iam_policies.py::TestPolicies::test_policy_version_errors"
    expect(s + " err-get-nonexistent-version", lambda: iam.get_policy_version(PolicyArn=policy_arn, VersionId="v9"),
           "NoSuchEntity", 404, "Policy %s version v9 does not exist or is not attachable." % policy_arn)
    expect(s + " err-delete-nonexistent-version",
           lambda: iam.delete_policy_version(PolicyArn=policy_arn, VersionId="v9"),
           "NoSuchEntity", 404, "Policy %s version v9 does not exist or is not attachable." % policy_arn)
    expect(s + " err-set-default-nonexistent-version",
           lambda: iam.set_default_policy_version(PolicyArn=policy_arn, VersionId="v4"),
           "NoSuchEntity", 404, "Policy %s version v4 does not exist or is not attachable." % policy_arn)
    nonexistent = arn("policy", "TestNonExistingPolicy")
    expect(s + " err-get-version-nonexistent-policy",
           lambda: iam.get_policy_version(PolicyArn=nonexistent, VersionId="v1"),
           "NoSuchEntity", 404, "Policy %s version v1 does not exist or is not attachable." % nonexistent)
    expect(s + " err-set-default-nonexistent-policy",
           lambda: iam.set_default_policy_version(PolicyArn=nonexistent, VersionId="v1"),
           "NoSuchEntity", 404, "Policy %s version v1 does not exist or is not attachable." % nonexistent)
    for op in ("get_policy_version", "set_default_policy_version"):
        expect(s + " err-%s-invalid-version-format" % op,
               lambda op=op: getattr(iam, op)(PolicyArn=policy_arn, VersionId="1"), "ValidationError", 400,
               "1 validation error detected: Value at 'versionId' failed to satisfy constraint: Member must satisfy"
               " regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?")
    expect(s + " err-delete-default-version", lambda: iam.delete_policy_version(PolicyArn=policy_arn, VersionId="v1"),
           "DeleteConflict", 409, "Cannot delete the default version of a policy.")
    for _ in range(4):
        iam.create_policy_version(PolicyArn=policy_arn, PolicyDocument=POLICY)
    expect("test_iam_policies.py::TestPolicies::test_policy_version_limit err-version-limit-exceeded",
           lambda: iam.create_policy_version(PolicyArn=policy_arn, PolicyDocument=POLICY), "LimitExceeded", 409,
           "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing"
           " version.")
    s = "test_iam_managed_policies.py::TestGetAwsManagedPolicy::test_aws_managed_policy_errors"
    expect(s + " delete-managed-policy-error", lambda: iam.delete_policy(PolicyArn=READ_ONLY), "AccessDenied", 403,
           "Cannot delete policies outside your own account.")
    expect(s + " delete-managed-policy-version-error",
           lambda: iam.delete_policy_version(PolicyArn=READ_ONLY, VersionId="v1"), "AccessDenied", 403,
           "Cannot delete policy versions for policies outside your own account.")
    expect(s + " set-default-managed-policy-version-error",
           lambda: iam.set_default_policy_version(PolicyArn=READ_ONLY, VersionId="v1"), "AccessDenied", 403,
           "Cannot update policies outside your own account.")
    s = "test_iam.py::TestIAMIntegrations::test_user_attach_policy"
    expect(s + " non_existent_malformed_policy_arn",
           lambda: iam.attach_user_policy(UserName="err-user", PolicyArn="longpolicynamebutnoarn"),
           "ValidationError", 400, "ARN longpolicynamebutnoarn is not valid.")
    expect(s + " existing_policy_name_provided",
           lambda: iam.attach_role_policy(RoleName="err-role", PolicyArn="test-policy-1a2b3c4d"),
           "ValidationError", 400, "ARN test-policy-1a2b3c4d is not valid.")
    expect(s + " valid_arn_not_existent",
           lambda: iam.attach_user_policy(UserName="err-user", PolicyArn=policy_arn + "123"),
           "NoSuchEntity", 404, "Policy %s123 does not exist or is not attachable." % policy_arn)
    expect("test_iam_roles.py::TestRoleManagedPolicies::test_role_managed_policy_errors detach-not-attached",
           lambda: iam.detach_role_policy(RoleName="err-role", PolicyArn=policy_arn),
           "NoSuchEntity", 404, "Policy %s was not found." % policy_arn)
    expect("test_iam_roles.py::TestRoleManagedPolicies::test_attach_detach_aws_managed_policy_role detach-nonexistent",
           lambda: iam.detach_role_policy(RoleName="err-role", PolicyArn="arn:aws:iam::aws:policy/Nonexistent"),
           "NoSuchEntity", 404, "Policy arn:aws:iam::aws:policy/Nonexistent was not found.")
    missing = arn("policy", "NonExistentPolicy")
    expect("test_iam_policies.py::TestListEntitiesForPolicy::test_list_entities_for_policy_errors",
           lambda: iam.list_entities_for_policy(PolicyArn=missing),
           "NoSuchEntity", 404, "Policy %s does not exist or is not attachable." % missing)
    iam.attach_role_policy(RoleName="err-role", PolicyArn=policy_arn)
    expect("test_iam_roles.py::TestRoleManagedPolicies::test_role_managed_policy_errors delete-attached-policy-error",
           lambda: iam.delete_policy(PolicyArn=policy_arn), "DeleteConflict", 409,
           "Cannot delete a policy attached to entities.")
    iam.detach_role_policy(RoleName="err-role", PolicyArn=policy_arn)


def access_keys():
    s = "test_iam_users.py::TestUserAccessKeys"
    iam.create_access_key(UserName="err-user")
    iam.create_access_key(UserName="err-user")
    expect(s + "::test_access_key_limit create-third-access-key-error",
           lambda: iam.create_access_key(UserName="err-user"), "LimitExceeded", 409,
           "Cannot exceed quota for AccessKeysPerUser: 2")
    expect(s + "::test_access_key_errors update-nonexistent-access-key-error",
           lambda: iam.update_access_key(UserName="err-user", AccessKeyId="AKIAIOSFODNN7EXAMPLE", Status="Inactive"),
           "NoSuchEntity", 404, "The Access Key with id AKIAIOSFODNN7EXAMPLE cannot be found.")
    expect(s + "::test_access_key_errors get-last-used-nonexistent-key-error",
           lambda: iam.get_access_key_last_used(AccessKeyId="AKIAIOSFODNN7EXAMPLE"), "AccessDenied", 403,
           "User: arn:aws:iam::%s:root is not authorized to perform iam:GetAccessKeyLastUsed on resource: access key"
           " AKIAIOSFODNN7EXAMPLE" % ACCOUNT)


def mfa():
    s = "test_iam_mfa.py::TestVirtualMfaDevice"
    iam.create_virtual_mfa_device(VirtualMFADeviceName="err-device")
    expect(s + "::test_virtual_mfa_device_errors create-duplicate-error",
           lambda: iam.create_virtual_mfa_device(VirtualMFADeviceName="err-device"),
           "EntityAlreadyExists", 409, "MFA device already exists.")
    expect(s + "::test_virtual_mfa_device_errors delete-nonexistent-error",
           lambda: iam.delete_virtual_mfa_device(SerialNumber=arn("mfa", "nonexistent-device")),
           "NoSuchEntity", 404, "MFA Device with serial number %s does not exist." % arn("mfa", "nonexistent-device"))
    expect(s + "::test_enable_mfa_device_errors deactivate-nonexistent-mfa-error",
           lambda: iam.deactivate_mfa_device(UserName="err-user", SerialNumber=arn("mfa", "nonexistent-mfa")),
           "NoSuchEntity", 404, "MFA Device with serial number %s does not exist." % arn("mfa", "nonexistent-mfa"))
    expect(s + "::test_virtual_mfa_device_errors create-path-too-long-error",
           lambda: iam.create_virtual_mfa_device(VirtualMFADeviceName="err-long", Path="/" + "a" * 512 + "/"),
           "ValidationError", 400, "1 validation error detected: Value at 'path' failed to satisfy constraint: Member"
           " must have length less than or equal to 512")
    expect(s + "::test_virtual_mfa_device_errors create-invalid-path-no-leading-slash-error",
           lambda: iam.create_virtual_mfa_device(VirtualMFADeviceName="err-path", Path="path/"),
           "ValidationError", 400, "The specified value for path is invalid. It must begin and end with / and contain"
           " only alphanumeric characters and/or / characters.")
    expect(s + "::test_list_virtual_mfa_devices list-invalid-marker-error",
           lambda: iam.list_virtual_mfa_devices(Marker="invalid-marker"),
           "ValidationError", 400, "Invalid Marker.")


def providers():
    s = "test_iam_oidc.py::TestOIDCProviderCreateErrors"
    expect(s + "::test_create_open_id_connect_provider_validation_errors multiple-validation-errors",
           lambda: iam.create_open_id_connect_provider(Url="b" * 256, ThumbprintList=["b" * 41],
                                                       ClientIDList=["b" * 256]), "ValidationError", 400,
           "3 validation errors detected: Value at 'clientIDList' failed to satisfy constraint: Member must satisfy"
           " constraint: [Member must have length less than or equal to 255, Member must have length greater than or"
           " equal to 1]; Value at 'thumbprintList' failed to satisfy constraint: Member must satisfy constraint:"
           " [Member must have length less than or equal to 40, Member must have length greater than or equal to 40];"
           " Value at 'url' failed to satisfy constraint: Member must have length less than or equal to 255")
    expect(s + "::test_create_open_id_connect_provider_too_many_thumbprints",
           lambda: iam.create_open_id_connect_provider(Url="https://oidc-many.example.com",
                                                       ThumbprintList=["%040d" % i for i in range(6)]),
           "InvalidInput", 400, "Thumbprint list must contain fewer than 5 entries.")
    expect(s + "::test_create_open_id_connect_provider_invalid_url",
           lambda: iam.create_open_id_connect_provider(Url="http://example.com", ThumbprintList=["a" * 40]),
           "ValidationError", 400, "Invalid Open ID Connect Provider URL")
    iam.create_open_id_connect_provider(Url="https://oidc-dup.example.com", ThumbprintList=["a" * 40])
    expect(s + "::test_create_open_id_connect_provider_duplicate_error",
           lambda: iam.create_open_id_connect_provider(Url="https://oidc-dup.example.com", ThumbprintList=["a" * 40]),
           "EntityAlreadyExists", 409, "Provider with url https://oidc-dup.example.com already exists.")
    expect(s + "::test_create_open_id_connect_provider_quota_error",
           lambda: iam.create_open_id_connect_provider(Url="https://oidc-quota.example.com", ThumbprintList=["a" * 40],
                                                       ClientIDList=["c%d" % i for i in range(101)]),
           "LimitExceeded", 409, "Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100")
    missing = arn("oidc-provider", "non-existent.example.com")
    expect("test_iam_oidc.py::TestOIDCProviderOperations::test_get_open_id_connect_provider_not_found",
           lambda: iam.get_open_id_connect_provider(OpenIDConnectProviderArn=missing),
           "NoSuchEntity", 404, "OpenIDConnect Provider not found for arn %s" % missing)
    expect("test_iam_oidc.py::TestOIDCProviderOperations::test_delete_open_id_connect_provider deletion-not-found",
           lambda: iam.delete_open_id_connect_provider(OpenIDConnectProviderArn=missing),
           "NoSuchEntity", 404, "OpenId connect Provider %s cannot be found." % missing)
    missing = arn("saml-provider", "NonExistentProvider")
    for op in ("get_saml_provider", "delete_saml_provider"):
        expect("test_iam_saml_providers.py::TestSAMLProviders::test_get_saml_provider_not_found %s" % op,
               lambda op=op: getattr(iam, op)(SAMLProviderArn=missing),
               "NoSuchEntity", 404, "Manifest not found for arn %s" % missing)


def account():
    s = "test_iam_account_password_policy.py::TestAccountPasswordPolicy"
    expect(s + "::test_get_account_password_policy_not_found", lambda: iam.get_account_password_policy(),
           "NoSuchEntity", 404, "The Password Policy with domain name %s cannot be found." % ACCOUNT)
    expect(s + "::test_delete_account_password_policy_not_found", lambda: iam.delete_account_password_policy(),
           "NoSuchEntity", 404, "The account policy with name PasswordPolicy cannot be found.")
    expect(s + "::test_update_account_password_policy_validation_errors",
           lambda: iam.update_account_password_policy(MaxPasswordAge=1096, MinimumPasswordLength=129,
                                                      PasswordReusePrevention=25), "ValidationError", 400,
           "3 validation errors detected: Value at 'minimumPasswordLength' failed to satisfy constraint: Member must"
           " have value less than or equal to 128; Value at 'passwordReusePrevention' failed to satisfy constraint:"
           " Member must have value less than or equal to 24; Value at 'maxPasswordAge' failed to satisfy"
           " constraint: Member must have value less than or equal to 1095")


def instance_profiles():
    s = "test_iam_instance_profiles.py::TestInstanceProfileLifecycle::test_instance_profile_errors"
    iam.create_instance_profile(InstanceProfileName="err-profile")
    expect(s + " create-duplicate-error", lambda: iam.create_instance_profile(InstanceProfileName="err-profile"),
           "EntityAlreadyExists", 409, "Instance Profile err-profile already exists.")
    for op in ("get_instance_profile", "delete_instance_profile", "list_instance_profile_tags"):
        expect(s + " %s nonexistent" % op, lambda op=op: getattr(iam, op)(InstanceProfileName="nonexistent-profile"),
               "NoSuchEntity", 404, "Instance Profile nonexistent-profile cannot be found.")
    s = "test_iam_instance_profiles.py::TestInstanceProfileRoles::test_role_instance_profile_operations_errors"
    expect(s + " add-nonexistent-role-error",
           lambda: iam.add_role_to_instance_profile(InstanceProfileName="err-profile", RoleName="nonexistent-role"),
           "NoSuchEntity", 404, "The role with name nonexistent-role cannot be found.")
    expect(s + " remove-unattached-role-error",
           lambda: iam.remove_role_from_instance_profile(InstanceProfileName="err-profile", RoleName="err-role"),
           "NoSuchEntity", 404, "Role err-role in Instance Profile err-profile cannot be found.")


def certificates(directory):
    """X.509 certificates made by openssl, as users make them."""
    for name in ("err-cert-1", "err-cert-2", "err-cert-3"):
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out",
                        name + ".crt", "-days", "30", "-subj", "/CN=" + name], cwd=directory, check=True,
                       capture_output=True)

    def read(name):
        with open(os.path.join(directory, name)) as f:
            return f.read()
    return read


def credentials():
    read = certificates(tempfile.mkdtemp(prefix="errors-"))
    s = "test_iam_ssh_public_keys.py::TestSSHPublicKeys"
    for op, case, extra in (("get_ssh_public_key", "test_get_ssh_public_key_not_found", {"Encoding": "SSH"}),
                            ("update_ssh_public_key", "test_update_ssh_public_key_not_found", {"Status": "Active"}),
                            ("delete_ssh_public_key", "test_delete_ssh_public_key_not_found", {})):
        expect("%s::%s" % (s, case), lambda op=op, extra=extra: getattr(iam, op)(
            UserName="err-user", SSHPublicKeyId="APKAXXXXXXXXXXXXXXXXX", **extra),
            "NoSuchEntity", 404, "The Public Key with id APKAXXXXXXXXXXXXXXXXX cannot be found.")

    s = "test_iam_signing_certificates.py::TestSigningCertificate::test_signing_certificate_errors"
    iam.create_user(UserName="err-signer")
    missing_id = "NONEXISTENTCERTID12345678901"
    for key, call in (("upload-nonexistent-user-error", lambda: iam.upload_signing_certificate(
            UserName="nonexistent-user", CertificateBody=read("err-cert-1.crt"))),
            ("list-certificates-nonexistent-user-error", lambda: iam.list_signing_certificates(
                UserName="nonexistent-user")),
            ("delete-certificate-nonexistent-user-error", lambda: iam.delete_signing_certificate(
                UserName="nonexistent-user", CertificateId=missing_id)),
            ("update-certificate-nonexistent-user-error", lambda: iam.update_signing_certificate(
                UserName="nonexistent-user", CertificateId=missing_id, Status="Active"))):
        expect(s + " " + key, call, "NoSuchEntity", 404, "The user with name nonexistent-user cannot be found.")
    expect(s + " upload-invalid-certificate-error", lambda: iam.upload_signing_certificate(
        UserName="err-signer", CertificateBody="invalid-certificate-body"),
        "MalformedCertificate", 400, "Certificate invalid-certificate-body is malformed.")
    expect(s + " update-nonexistent-certificate-error", lambda: iam.update_signing_certificate(
        UserName="err-signer", CertificateId=missing_id, Status="Active"),
        "NoSuchEntity", 404, "The Certificate with id %s cannot be found." % missing_id)
    expect(s + " delete-nonexistent-certificate-error", lambda: iam.delete_signing_certificate(
        UserName="err-signer", CertificateId=missing_id),
        "NoSuchEntity", 404, "The Certificate with id %s cannot be found." % missing_id)
    for name in ("err-cert-1", "err-cert-2"):
        iam.upload_signing_certificate(UserName="err-signer", CertificateBody=read(name + ".crt"))
    expect(s + " upload-exceeds-limit-error", lambda: iam.upload_signing_certificate(
        UserName="err-signer", CertificateBody=read("err-cert-3.crt")),
        "LimitExceeded", 409, "Cannot exceed quota for CertificatesPerUser: 2")

    s = "test_iam_server_certificates.py::TestServerCertificate"
    for op in ("get_server_certificate", "delete_server_certificate"):
        expect("%s::test_server_certificate_errors %s-nonexistent-certificate-error" % (s, op.split("_")[0]),
               lambda op=op: getattr(iam, op)(ServerCertificateName="nonexistent-certificate"),
               "NoSuchEntity", 404, "The Server Certificate with name nonexistent-certificate cannot be found.")
    iam.upload_server_certificate(ServerCertificateName="err-web", CertificateBody=read("err-cert-3.crt"),
                                  PrivateKey=read("err-cert-3.key"))
    expect(s + "::test_server_certificate_errors upload-duplicate-certificate-error",
           lambda: iam.upload_server_certificate(ServerCertificateName="err-web", CertificateBody=read(
               "err-cert-3.crt"), PrivateKey=read("err-cert-3.key")),
           "EntityAlreadyExists", 409, "The Server Certificate with name err-web already exists.")
    iam.delete_server_certificate(ServerCertificateName="err-web")
    expect(s + "::test_server_certificate_lifecycle get-deleted-certificate-error",
           lambda: iam.get_server_certificate(ServerCertificateName="err-web"),
           "NoSuchEntity", 404, "The Server Certificate with name err-web cannot be found.")


def main():
    for step in (users_and_groups, roles, policies, access_keys, mfa, providers, account, instance_profiles,
                 credentials):
        try:
            step()
        except Exception as e:  # noqa: BLE001 - a broken setup is a finding too
            mismatches.append("%s setup: %s: %s" % (step.__name__, type(e).__name__, e))
    print(json.dumps({"cases": cases[0], "mismatches": mismatches}, indent=1))


if __name__ == "__main__":
    main()
