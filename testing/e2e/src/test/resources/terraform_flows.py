"""The calls Terraform's AWS provider makes for six IAM resources, replayed with boto3 against Lanyard through the
profile in AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE / AWS_PROFILE.

Each resource goes create, read, update, read, destroy, read-gone, in the order and with the arguments of
hashicorp/terraform-provider-aws internal/service/iam/<resource>.go (cited per function). Every answer field the
provider dereferences (a missing one is a nil-pointer crash in Terraform) is required; the provider's retry and wait
loops run as it runs them (bounded here, and without its fixed sleeps); destroys make the provider's pre-steps and end
in NoSuchEntity on the final read, which is how the provider decides a resource is gone.

Prints one line per step; exits 1 at the first mismatch, naming the step. Prints OK at the end."""
import base64
import datetime
import hashlib
import hmac
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse
import xml.etree.ElementTree as ET

import boto3
import botocore.exceptions

session = boto3.Session()
iam = session.client("iam")
account = session.client("sts").get_caller_identity()["Account"]
work = tempfile.mkdtemp(prefix="terraform-flows-")
raw_bodies = {}
current_step = ["start"]


class Mismatch(Exception):
    pass


def keep_raw_body(http_response, model, **kwargs):
    raw_bodies[model.name] = http_response.content


def require_result_element(operation_model, response_dict, **kwargs):
    """An operation with an output shape must answer its <ActionResult> element, even empty: botocore fails to parse
    the answer without it, and so does aws-sdk-go-v2 (its awsquery deserializers GetElement("<Action>Result") for
    every operation with an output, e.g. UpdateRole), which is what the provider uses."""
    if response_dict["status_code"] == 200 and operation_model.output_shape is not None:
        element = b"<" + operation_model.name.encode() + b"Result"
        check(element in response_dict["body"], "%s answered without its %sResult element: %s",
              operation_model.name, operation_model.name, response_dict["body"][:300])


iam.meta.events.register("after-call", keep_raw_body)
iam.meta.events.register("before-parse.iam", require_result_element)


def step(resource, text):
    current_step[0] = "%s: %s" % (resource, text)
    print(current_step[0], flush=True)


def check(condition, message, *args):
    if not condition:
        raise Mismatch(message % args if args else message)


def field(answer, path):
    """The value at a dotted path the provider dereferences; absent is a crash in Terraform, so a mismatch here."""
    value = answer
    for name in path.split("."):
        check(isinstance(value, dict) and value.get(name) is not None,
              "answer lacks %s (the provider dereferences it): %s", path, answer)
        value = value[name]
    return value


def error_of(call, **kwargs):
    """The (code, HTTP status, message) of a call expected to fail."""
    try:
        call(**kwargs)
    except botocore.exceptions.ClientError as e:
        return (e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"],
                e.response["Error"].get("Message", ""))
    raise Mismatch("%s succeeded, expected an error: %s" % (call.__name__, kwargs))


def code(e):
    return e.response["Error"]["Code"] if isinstance(e, botocore.exceptions.ClientError) else None


def expect_no_such_entity(call, **kwargs):
    got = error_of(call, **kwargs)
    check(got[:2] == ("NoSuchEntity", 404), "%s: expected NoSuchEntity 404, got %s", call.__name__, got)
    return got


def retry_when(call, retryable, attempts=40, pause=0.1):
    """tfresource.RetryWhen: repeat while the error is one the provider treats as eventual consistency."""
    for attempt in range(attempts):
        try:
            return call()
        except botocore.exceptions.ClientError as e:
            if not retryable(e) or attempt == attempts - 1:
                raise
            print("  retrying after %s: %s" % (code(e), e.response["Error"].get("Message", "")), flush=True)
            time.sleep(pause)


def is_no_such_entity(e):
    return code(e) == "NoSuchEntity"


def query_unescape(text):
    """Go's url.QueryUnescape, which the provider applies to every policy document it reads: '+' is a space, and a
    '%' not followed by two hex digits is an error."""
    check(re.fullmatch(r"(?:[^%]|%[0-9A-Fa-f]{2})*", text), "not a valid query escape (Go refuses it): %s", text[:200])
    return urllib.parse.unquote_plus(text)


def raw_document(operation, element):
    """The document as the provider sees it: the element's text in the last raw answer, QueryUnescape'd, as JSON.
    AWS percent-encodes documents; one sent bare would lose every '+' to a space in Terraform."""
    root = ET.fromstring(raw_bodies[operation])
    texts = [e.text for e in root.iter() if e.tag.split("}")[-1] == element]
    check(len(texts) == 1 and texts[0], "%s answer has no single %s: %s", operation, element,
          raw_bodies[operation][:300])
    try:
        return json.loads(query_unescape(texts[0]))
    except ValueError as e:
        raise Mismatch("%s.%s is not JSON after QueryUnescape (%s): %s" % (operation, element, e, texts[0][:200]))


def is_timestamp(value):
    return isinstance(value, datetime.datetime) and value.tzinfo is not None


def tag_map(tags):
    return {t["Key"]: t["Value"] for t in tags or []}


def tag_list(tags):
    return [{"Key": k, "Value": v} for k, v in sorted(tags.items())]


def same_tags_listed(tags, list_tags, **identifier):
    """The generated listTags (ListXxxTags, paged) the provider's tagging interceptor reads when a resource's own
    read set none (and on import) must tell the same tags as the entity's Get answer."""
    listed = tag_map(pages(list_tags, "Tags", **identifier))
    check(listed == tags, "%s: %s, but the entity's read says %s", list_tags, listed, tags)


def update_tags(old, new, untag, tag, **identifier):
    """The provider's generated updateTags: untag the keys that went away, then tag the changed and added ones."""
    removed = sorted(set(old) - set(new))
    changed = {k: v for k, v in new.items() if old.get(k) != v}
    if removed:
        untag(TagKeys=removed, **identifier)
    if changed:
        tag(Tags=tag_list(changed), **identifier)


def pages(operation, key, **kwargs):
    return [item for page in iam.get_paginator(operation).paginate(**kwargs) for item in page[key]]


def policy_doc(*actions, resource="*"):
    return {"Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": list(actions), "Resource": resource}]}


def trust(principal):
    return {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole",
         # A '+' survives only if the document is percent-encoded on the wire.
         "Condition": {"StringEquals": {"sts:ExternalId": "tf+external id"}}}]}


def role_arn(name, path="/"):
    return "arn:aws:iam::%s:role%s%s" % (account, path, name)


def customer_policy(name, document):
    return iam.create_policy(PolicyName=name, PolicyDocument=json.dumps(document))["Policy"]["Arn"]


# ---------------------------------------------------------------------------------------------------------------
# aws_iam_role: role.go (resourceRoleCreate/Read/Update/Delete, DeleteRole, retryCreateRole), find.go
# (FindRoleByName), wait.go (waitRoleARNIsNotUniqueID)
# ---------------------------------------------------------------------------------------------------------------

def read_role(name, new):
    """resourceRoleRead: GetRole (retried while NoSuchEntity for a new resource), the ARN wait, the inline policies
    (ListRolePolicies then GetRolePolicy each) and the managed ones (ListAttachedRolePolicies)."""
    get = (lambda: iam.get_role(RoleName=name))
    answer = retry_when(get, is_no_such_entity) if new else get()
    role = field(answer, "Role")
    # waitRoleARNIsNotUniqueID: the ARN must start with "arn:" on four reads in a row.
    for _ in range(4):
        check(field(iam.get_role(RoleName=name), "Role.Arn").startswith("arn:"), "role ARN is not an ARN: %s",
              role.get("Arn"))
    state = {
        "arn": field(role, "Arn"),
        "create_date": field(role, "CreateDate"),
        "description": role.get("Description"),
        "max_session_duration": field(role, "MaxSessionDuration"),
        "name": field(role, "RoleName"),
        "path": field(role, "Path"),
        "permissions_boundary": (field(role, "PermissionsBoundary.PermissionsBoundaryArn")
                                 if "PermissionsBoundary" in role else None),
        "unique_id": field(role, "RoleId"),
        "assume_role_policy": raw_document("GetRole", "AssumeRolePolicyDocument"),
        "tags": tag_map(role.get("Tags")),
    }
    check(is_timestamp(state["create_date"]), "CreateDate is not a timestamp: %r", state["create_date"])
    inline = {}
    for policy_name in pages("list_role_policies", "PolicyNames", RoleName=name):
        got = iam.get_role_policy(RoleName=name, PolicyName=policy_name)
        check(field(got, "PolicyName") == policy_name, "GetRolePolicy names %s", got.get("PolicyName"))
        inline[policy_name] = raw_document("GetRolePolicy", "PolicyDocument")
    state["inline_policy"] = inline
    same_tags_listed(state["tags"], "list_role_tags", RoleName=name)
    state["managed_policy_arns"] = sorted(field(p, "PolicyArn") for p in
                                          pages("list_attached_role_policies", "AttachedPolicies", RoleName=name))
    return state


def check_role(state, config):
    for key, want in config.items():
        check(state[key] == want, "role %s: read %r, configured %r", key, state[key], want)


def delete_role(name, has_inline, has_managed):
    """DeleteRole: out of every instance profile, managed policies detached, inline ones deleted, then DeleteRole,
    retried while DeleteConflict."""
    for profile in iam.list_instance_profiles_for_role(RoleName=name)["InstanceProfiles"]:
        iam.remove_role_from_instance_profile(InstanceProfileName=field(profile, "InstanceProfileName"),
                                              RoleName=name)
    if has_managed:
        for arn in [p["PolicyArn"] for p in pages("list_attached_role_policies", "AttachedPolicies", RoleName=name)]:
            iam.detach_role_policy(RoleName=name, PolicyArn=arn)
    if has_inline:
        for policy_name in pages("list_role_policies", "PolicyNames", RoleName=name):
            iam.delete_role_policy(RoleName=name, PolicyName=policy_name)
    retry_when(lambda: iam.delete_role(RoleName=name), lambda e: code(e) == "DeleteConflict", attempts=3)


def role_flow():
    r = "aws_iam_role"
    boundary = customer_policy("tf-boundary", policy_doc("s3:*", "sqs:*"))
    managed_a = customer_policy("tf-managed-a", policy_doc("s3:GetObject"))
    managed_b = customer_policy("tf-managed-b", policy_doc("sqs:SendMessage"))
    readonly = "arn:aws:iam::aws:policy/ReadOnlyAccess"
    trusted = role_arn("tf-trusted")
    config = {
        "name": "tf-role", "path": "/tf/", "description": "made by terraform", "max_session_duration": 3600,
        "permissions_boundary": boundary, "assume_role_policy": trust({"AWS": trusted}),
        "tags": {"team": "core", "env": "dev"},
        "inline_policy": {"logs": policy_doc("logs:PutLogEvents"),
                          "plus": policy_doc("s3:GetObject", resource="arn:aws:s3:::tf-bucket/a+b")},
        "managed_policy_arns": sorted([managed_a, readonly]),
    }

    step(r, "create: CreateRole retried while MalformedPolicyDocument 'Invalid principal in policy'")
    # The trusted role does not exist yet: the provider's answer to AWS's eventual consistency is to retry.
    first = error_of(iam.create_role, RoleName="tf-role", AssumeRolePolicyDocument=json.dumps(trust({"AWS": trusted})))
    check(first[0] == "MalformedPolicyDocument" and "Invalid principal in policy" in first[2],
          "unknown principal: %s (the provider retries only on MalformedPolicyDocument 'Invalid principal in policy')",
          first)
    attempts = [0]

    def create_role():
        attempts[0] += 1
        if attempts[0] == 2:  # the principal "propagates" between the first and second attempt
            iam.create_role(RoleName="tf-trusted", AssumeRolePolicyDocument=json.dumps(
                trust({"Service": "ec2.amazonaws.com"})))
        return iam.create_role(
            AssumeRolePolicyDocument=json.dumps(config["assume_role_policy"]), Path=config["path"],
            RoleName=config["name"], Description=config["description"],
            MaxSessionDuration=config["max_session_duration"], PermissionsBoundary=boundary,
            Tags=tag_list(config["tags"]))

    created = retry_when(create_role, lambda e: code(e) == "MalformedPolicyDocument"
                         and "Invalid principal in policy" in e.response["Error"]["Message"])
    check(attempts[0] == 2, "CreateRole took %d attempts, expected 2", attempts[0])
    check(field(created, "Role.RoleName") == "tf-role", "retryCreateRole: empty RoleName in %s", created)
    for policy_name, document in config["inline_policy"].items():
        iam.put_role_policy(RoleName="tf-role", PolicyName=policy_name, PolicyDocument=json.dumps(document))
    for arn in config["managed_policy_arns"]:
        iam.attach_role_policy(RoleName="tf-role", PolicyArn=arn)

    step(r, "read after create")
    state = read_role("tf-role", new=True)
    check_role(state, config)
    check(state["arn"] == role_arn("tf-role", "/tf/"), "role ARN %s", state["arn"])
    check(state["unique_id"].startswith("AROA"), "RoleId %s", state["unique_id"])

    step(r, "update: trust policy, description, session duration, boundary removed, inline/managed/tags changed")
    # Put in an instance profile outside Terraform, so the destroy has a profile to take it out of.
    iam.create_instance_profile(InstanceProfileName="tf-role-holder")
    iam.add_role_to_instance_profile(InstanceProfileName="tf-role-holder", RoleName="tf-role")
    # The new trust names a role that only "propagates" after the first attempt, as in the create.
    new_trust = trust({"AWS": [trusted, role_arn("tf-trusted2")], "Service": "lambda.amazonaws.com"})
    update_attempts = [0]

    def update_trust():
        update_attempts[0] += 1
        if update_attempts[0] == 2:
            iam.create_role(RoleName="tf-trusted2", AssumeRolePolicyDocument=json.dumps(
                trust({"Service": "ec2.amazonaws.com"})))
        return iam.update_assume_role_policy(RoleName="tf-role", PolicyDocument=json.dumps(new_trust))

    retry_when(update_trust, lambda e: code(e) == "MalformedPolicyDocument"
               and "Invalid principal in policy" in e.response["Error"]["Message"])
    check(update_attempts[0] == 2, "UpdateAssumeRolePolicy took %d attempts, expected 2", update_attempts[0])
    iam.update_role_description(RoleName="tf-role", Description="changed by terraform")
    iam.update_role(RoleName="tf-role", MaxSessionDuration=7200)
    iam.delete_role_permissions_boundary(RoleName="tf-role")
    iam.delete_role_policy(RoleName="tf-role", PolicyName="logs")
    iam.put_role_policy(RoleName="tf-role", PolicyName="queue", PolicyDocument=json.dumps(policy_doc("sqs:*")))
    iam.detach_role_policy(RoleName="tf-role", PolicyArn=readonly)
    iam.attach_role_policy(RoleName="tf-role", PolicyArn=managed_b)
    new_tags = {"team": "platform", "cost": "42"}
    update_tags(config["tags"], new_tags, iam.untag_role, iam.tag_role, RoleName="tf-role")
    config.update(assume_role_policy=new_trust, description="changed by terraform", max_session_duration=7200,
                  permissions_boundary=None, tags=new_tags,
                  inline_policy={"plus": config["inline_policy"]["plus"], "queue": policy_doc("sqs:*")},
                  managed_policy_arns=sorted([managed_a, managed_b]))

    step(r, "read after update")
    check_role(read_role("tf-role", new=False), config)

    step(r, "destroy: DeleteRole refused while the role has attachments (why the provider has pre-steps)")
    got = error_of(iam.delete_role, RoleName="tf-role")
    check(got[:2] == ("DeleteConflict", 409), "DeleteRole with policies and a profile: %s", got)
    step(r, "destroy: out of instance profiles, managed policies detached, inline deleted, DeleteRole")
    delete_role("tf-role", has_inline=True, has_managed=True)
    check(iam.get_instance_profile(InstanceProfileName="tf-role-holder")["InstanceProfile"]["Roles"] == [],
          "the role is still in tf-role-holder")

    step(r, "read after destroy: NoSuchEntity")
    expect_no_such_entity(iam.get_role, RoleName="tf-role")
    # readRolePolicyAttachments / readRolePolicyNames and the delete's own NoSuchEntity tolerance.
    expect_no_such_entity(iam.list_attached_role_policies, RoleName="tf-role")
    expect_no_such_entity(iam.list_role_policies, RoleName="tf-role")
    expect_no_such_entity(iam.list_instance_profiles_for_role, RoleName="tf-role")
    expect_no_such_entity(iam.delete_role, RoleName="tf-role")

    iam.delete_instance_profile(InstanceProfileName="tf-role-holder")
    iam.delete_role(RoleName="tf-trusted")
    iam.delete_role(RoleName="tf-trusted2")
    for arn in (boundary, managed_a, managed_b):
        iam.delete_policy(PolicyArn=arn)


# ---------------------------------------------------------------------------------------------------------------
# aws_iam_policy: policy.go (resourcePolicyCreate/Read/Update/Delete, policyPruneVersions, findPolicyVersion)
# ---------------------------------------------------------------------------------------------------------------

def read_policy(arn, new):
    """resourcePolicyRead: GetPolicy, then GetPolicyVersion of its DefaultVersionId (both retried for a new one)."""
    def both():
        policy = field(iam.get_policy(PolicyArn=arn), "Policy")
        version = field(iam.get_policy_version(PolicyArn=arn, VersionId=field(policy, "DefaultVersionId")),
                        "PolicyVersion")
        return policy, version
    policy, version = retry_when(both, is_no_such_entity) if new else both()
    field(version, "Document")
    state = {
        "arn": field(policy, "Arn"), "attachment_count": field(policy, "AttachmentCount"),
        "description": policy.get("Description"), "name": field(policy, "PolicyName"),
        "path": field(policy, "Path"), "policy_id": field(policy, "PolicyId"), "tags": tag_map(policy.get("Tags")),
        "policy": raw_document("GetPolicyVersion", "Document"), "default_version": policy["DefaultVersionId"],
    }
    same_tags_listed(state["tags"], "list_policy_tags", PolicyArn=arn)
    check(version.get("VersionId") == state["default_version"] and version.get("IsDefaultVersion") is True,
          "GetPolicyVersion of the default: %s", version)
    return state


def prune_versions(arn):
    """policyPruneVersions: at five versions, delete the non-default one with the oldest CreateDate."""
    versions = pages("list_policy_versions", "Versions", PolicyArn=arn)
    if len(versions) < 5:
        return None
    oldest = None
    for version in versions:
        if field(version, "IsDefaultVersion") is not False:
            continue
        created = field(version, "CreateDate")
        check(is_timestamp(created), "version CreateDate %r", created)
        if oldest is None or created < oldest["CreateDate"]:
            oldest = version
    if oldest is None:
        return None
    iam.delete_policy_version(PolicyArn=arn, VersionId=field(oldest, "VersionId"))
    return oldest["VersionId"]


def update_policy(arn, document):
    """resourcePolicyUpdate: prune, CreatePolicyVersion not as default, then SetDefaultPolicyVersion (the provider
    sleeps five seconds in between; not here)."""
    pruned = prune_versions(arn)
    created = iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(document), SetAsDefault=False)
    version_id = field(created, "PolicyVersion.VersionId")
    check(created["PolicyVersion"].get("IsDefaultVersion") is False, "new version is default: %s", created)
    iam.set_default_policy_version(PolicyArn=arn, VersionId=version_id)
    return pruned, version_id


def policy_flow():
    r = "aws_iam_policy"
    document = policy_doc("s3:GetObject", resource="arn:aws:s3:::tf-bucket/a+b")
    step(r, "create: CreatePolicy with description, path and tags")
    created = iam.create_policy(Description="terraform policy", Path="/tf/", PolicyDocument=json.dumps(document),
                                PolicyName="tf-policy", Tags=tag_list({"owner": "tf"}))
    arn = field(created, "Policy.Arn")

    step(r, "read after create")
    state = read_policy(arn, new=True)
    want = {"arn": "arn:aws:iam::%s:policy/tf/tf-policy" % account, "attachment_count": 0,
            "description": "terraform policy", "name": "tf-policy", "path": "/tf/", "tags": {"owner": "tf"},
            "policy": document, "default_version": "v1"}
    for key, value in want.items():
        check(state[key] == value, "policy %s: read %r, want %r", key, state[key], value)
    check(state["policy_id"].startswith("ANPA"), "PolicyId %s", state["policy_id"])

    for n in range(2, 6):
        step(r, "update %d: CreatePolicyVersion then SetDefaultPolicyVersion, no pruning below five" % (n - 1))
        document = policy_doc("s3:GetObject", "s3:ListBucket%d" % n)
        pruned, version_id = update_policy(arn, document)
        check(pruned is None and version_id == "v%d" % n, "update %d: pruned %s, made %s", n - 1, pruned, version_id)
        time.sleep(0.01)  # CreateDates apart, as minutes of terraform applies would be

    step(r, "five versions: one more is refused (why the provider prunes first)")
    got = error_of(iam.create_policy_version, PolicyArn=arn, PolicyDocument=json.dumps(document))
    check(got[:2] == ("LimitExceeded", 409), "sixth version: %s", got)

    step(r, "update 5: prunes the oldest version (v1), makes v6 the default")
    document = policy_doc("s3:*")
    pruned, version_id = update_policy(arn, document)
    check((pruned, version_id) == ("v1", "v6"), "pruned %s, made %s", pruned, version_id)
    update_tags({"owner": "tf"}, {"owner": "platform", "tier": "1"}, iam.untag_policy, iam.tag_policy, PolicyArn=arn)

    step(r, "read after update")
    state = read_policy(arn, new=False)
    check(state["policy"] == document and state["default_version"] == "v6", "after update: %s", state)
    check(state["tags"] == {"owner": "platform", "tier": "1"}, "tags after update: %s", state["tags"])
    versions = sorted(v["VersionId"] for v in pages("list_policy_versions", "Versions", PolicyArn=arn))
    check(versions == ["v2", "v3", "v4", "v5", "v6"], "versions after pruning: %s", versions)

    step(r, "destroy: DeletePolicyVersion for each non-default version, then DeletePolicy")
    for version in pages("list_policy_versions", "Versions", PolicyArn=arn):
        if not field(version, "IsDefaultVersion"):
            iam.delete_policy_version(PolicyArn=arn, VersionId=field(version, "VersionId"))
    iam.delete_policy(PolicyArn=arn)

    step(r, "read after destroy: NoSuchEntity")
    expect_no_such_entity(iam.get_policy, PolicyArn=arn)
    expect_no_such_entity(iam.list_policy_versions, PolicyArn=arn)
    expect_no_such_entity(iam.get_policy_version, PolicyArn=arn, VersionId="v6")
    expect_no_such_entity(iam.delete_policy, PolicyArn=arn)


# ---------------------------------------------------------------------------------------------------------------
# aws_iam_user: user.go (resourceUserCreate/Read/Update/Delete and the force_destroy helpers)
# ---------------------------------------------------------------------------------------------------------------

def read_user(name, new):
    get = (lambda: iam.get_user(UserName=name))
    user = field(retry_when(get, is_no_such_entity) if new else get(), "User")
    same_tags_listed(tag_map(user.get("Tags")), "list_user_tags", UserName=name)
    return {
        "arn": field(user, "Arn"), "name": field(user, "UserName"), "path": field(user, "Path"),
        "permissions_boundary": (field(user, "PermissionsBoundary.PermissionsBoundaryArn")
                                 if "PermissionsBoundary" in user else None),
        "unique_id": field(user, "UserId"), "tags": tag_map(user.get("Tags")),
    }


def totp(seed, at):
    key = base64.b32decode(seed)
    digest = hmac.new(key, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)


def run(*command):
    subprocess.run(command, check=True, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def give_user_everything(name):
    """What a user collects outside Terraform and force_destroy must clear: a group, inline and managed policies,
    an access key, an SSH key, a virtual MFA device, a login profile, a signing certificate, a service credential."""
    iam.create_group(GroupName="tf-group")
    iam.add_user_to_group(GroupName="tf-group", UserName=name)
    iam.put_user_policy(UserName=name, PolicyName="inline", PolicyDocument=json.dumps(policy_doc("s3:ListBucket")))
    iam.attach_user_policy(UserName=name, PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")
    iam.create_access_key(UserName=name)
    run("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", "user-key")
    with open(os.path.join(work, "user-key.pub")) as f:
        iam.upload_ssh_public_key(UserName=name, SSHPublicKeyBody=f.read())
    device = iam.create_virtual_mfa_device(VirtualMFADeviceName="tf-phone")["VirtualMFADevice"]
    seed = device["Base32StringSeed"].decode() if isinstance(device["Base32StringSeed"], bytes) \
        else device["Base32StringSeed"]
    now = time.time()
    iam.enable_mfa_device(UserName=name, SerialNumber=device["SerialNumber"],
                          AuthenticationCode1=totp(seed, now - 60), AuthenticationCode2=totp(seed, now - 30))
    iam.create_login_profile(UserName=name, Password="Terraform-Flows-%d!aA" % os.getpid())
    run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "user.key", "-out", "user.crt",
        "-days", "30", "-subj", "/CN=tf-user")
    with open(os.path.join(work, "user.crt")) as f:
        iam.upload_signing_certificate(UserName=name, CertificateBody=f.read())
    iam.create_service_specific_credential(UserName=name, ServiceName="codecommit.amazonaws.com")


def force_destroy_user(name):
    """resourceUserDelete with force_destroy, in the provider's order; NoSuchEntity from any pre-step is tolerated."""
    for group in pages("list_groups_for_user", "Groups", UserName=name):
        iam.remove_user_from_group(GroupName=field(group, "GroupName"), UserName=name)
    for policy_name in iam.list_user_policies(UserName=name)["PolicyNames"]:
        iam.delete_user_policy(UserName=name, PolicyName=policy_name)
    for policy in iam.list_attached_user_policies(UserName=name)["AttachedPolicies"]:
        iam.detach_user_policy(UserName=name, PolicyArn=field(policy, "PolicyArn"))
    for key in pages("list_access_keys", "AccessKeyMetadata", UserName=name):
        iam.delete_access_key(UserName=name, AccessKeyId=field(key, "AccessKeyId"))
    for key in pages("list_ssh_public_keys", "SSHPublicKeys", UserName=name):
        iam.delete_ssh_public_key(UserName=name, SSHPublicKeyId=field(key, "SSHPublicKeyId"))
    for device in pages("list_virtual_mfa_devices", "VirtualMFADevices", AssignmentStatus="Assigned"):
        # deleteUserVirtualMFADevices reads m.User.UserName of every assigned device: User must be there.
        if field(device, "User").get("UserName") == name:
            serial = field(device, "SerialNumber")
            iam.deactivate_mfa_device(UserName=name, SerialNumber=serial)
            iam.delete_virtual_mfa_device(SerialNumber=serial)
    for device in pages("list_mfa_devices", "MFADevices", UserName=name):
        iam.deactivate_mfa_device(UserName=name, SerialNumber=field(device, "SerialNumber"))
    retry_when(lambda: iam.delete_login_profile(UserName=name),
               lambda e: code(e) == "EntityTemporarilyUnmodifiable", attempts=5)
    for cert in pages("list_signing_certificates", "Certificates", UserName=name):
        iam.delete_signing_certificate(UserName=name, CertificateId=field(cert, "CertificateId"))
    for credential in iam.list_service_specific_credentials(UserName=name)["ServiceSpecificCredentials"]:
        iam.delete_service_specific_credential(
            UserName=name, ServiceSpecificCredentialId=field(credential, "ServiceSpecificCredentialId"))
    iam.delete_user(UserName=name)


def user_flow():
    r = "aws_iam_user"
    boundary = customer_policy("tf-user-boundary", policy_doc("s3:*"))
    step(r, "create: CreateUser with path, tags and permissions boundary")
    created = iam.create_user(Path="/tf/", Tags=tag_list({"team": "core"}), UserName="tf-user",
                              PermissionsBoundary="arn:aws:iam::aws:policy/ReadOnlyAccess")
    check(field(created, "User.UserName") == "tf-user", "CreateUser answer: %s", created)

    step(r, "read after create")
    state = read_user("tf-user", new=True)
    want = {"arn": "arn:aws:iam::%s:user/tf/tf-user" % account, "name": "tf-user", "path": "/tf/",
            "permissions_boundary": "arn:aws:iam::aws:policy/ReadOnlyAccess", "tags": {"team": "core"}}
    for key, value in want.items():
        check(state[key] == value, "user %s: read %r, want %r", key, state[key], value)
    check(state["unique_id"].startswith("AIDA"), "UserId %s", state["unique_id"])

    step(r, "update: UpdateUser renames and moves, PutUserPermissionsBoundary, tags changed")
    iam.update_user(UserName="tf-user", NewUserName="tf-user2", NewPath="/tf2/")
    iam.put_user_permissions_boundary(UserName="tf-user2", PermissionsBoundary=boundary)
    update_tags({"team": "core"}, {"team": "edge"}, iam.untag_user, iam.tag_user, UserName="tf-user2")

    step(r, "read after update")
    state = read_user("tf-user2", new=False)
    want = {"arn": "arn:aws:iam::%s:user/tf2/tf-user2" % account, "name": "tf-user2", "path": "/tf2/",
            "permissions_boundary": boundary, "tags": {"team": "edge"}}
    for key, value in want.items():
        check(state[key] == value, "user %s: read %r, want %r", key, state[key], value)
    expect_no_such_entity(iam.get_user, UserName="tf-user")

    step(r, "destroy: DeleteUser refused while the user has credentials (why force_destroy has pre-steps)")
    give_user_everything("tf-user2")
    got = error_of(iam.delete_user, UserName="tf-user2")
    check(got[:2] == ("DeleteConflict", 409), "DeleteUser with credentials: %s", got)
    step(r, "destroy: force_destroy pre-steps, then DeleteUser")
    force_destroy_user("tf-user2")

    step(r, "read after destroy: NoSuchEntity")
    expect_no_such_entity(iam.get_user, UserName="tf-user2")
    expect_no_such_entity(iam.delete_user, UserName="tf-user2")
    # A second destroy's pre-steps meet NoSuchEntity, which the provider tolerates.
    expect_no_such_entity(iam.list_groups_for_user, UserName="tf-user2")
    expect_no_such_entity(iam.delete_login_profile, UserName="tf-user2")
    check(pages("list_virtual_mfa_devices", "VirtualMFADevices") == [], "virtual MFA device left behind")
    iam.delete_group(GroupName="tf-group")
    iam.delete_policy(PolicyArn=boundary)


# ---------------------------------------------------------------------------------------------------------------
# aws_iam_role_policy_attachment: role_policy_attachment.go (create, RoleHasPolicyARNAttachment read, delete)
# ---------------------------------------------------------------------------------------------------------------

def has_attachment(role, arn):
    return any(field(p, "PolicyArn") == arn for p in
               pages("list_attached_role_policies", "AttachedPolicies", RoleName=role))


def read_attachment(role, arn, new):
    """resourceRolePolicyAttachmentRead: a new attachment is retried until listed (and while NoSuchEntity)."""
    if not new:
        return has_attachment(role, arn)
    for _ in range(40):
        try:
            if has_attachment(role, arn):
                return True
        except botocore.exceptions.ClientError as e:
            if not is_no_such_entity(e):
                raise
        time.sleep(0.1)
    return False


def attachment_flow():
    r = "aws_iam_role_policy_attachment"
    iam.create_role(RoleName="tf-attach-role", AssumeRolePolicyDocument=json.dumps(
        trust({"Service": "ec2.amazonaws.com"})))
    first = customer_policy("tf-attach-a", policy_doc("s3:GetObject"))
    second = customer_policy("tf-attach-b", policy_doc("sqs:SendMessage"))

    step(r, "create: AttachRolePolicy")
    iam.attach_role_policy(RoleName="tf-attach-role", PolicyArn=first)
    step(r, "read after create")
    check(read_attachment("tf-attach-role", first, new=True), "attachment not listed")
    check(iam.get_policy(PolicyArn=first)["Policy"]["AttachmentCount"] == 1, "AttachmentCount not 1")

    step(r, "update (policy_arn forces replacement): DetachRolePolicy, AttachRolePolicy")
    iam.detach_role_policy(RoleName="tf-attach-role", PolicyArn=first)
    iam.attach_role_policy(RoleName="tf-attach-role", PolicyArn=second)
    step(r, "read after update")
    check(read_attachment("tf-attach-role", second, new=True), "new attachment not listed")
    check(not read_attachment("tf-attach-role", first, new=False), "replaced attachment still listed")

    step(r, "destroy: DetachRolePolicy")
    iam.detach_role_policy(RoleName="tf-attach-role", PolicyArn=second)
    check(not read_attachment("tf-attach-role", second, new=False), "attachment listed after destroy")
    # A second destroy (the provider treats NoSuchEntity as done): detaching what is not attached.
    expect_no_such_entity(iam.detach_role_policy, RoleName="tf-attach-role", PolicyArn=second)
    iam.delete_role(RoleName="tf-attach-role")
    step(r, "read after destroy: NoSuchEntity")
    expect_no_such_entity(iam.list_attached_role_policies, RoleName="tf-attach-role")
    expect_no_such_entity(iam.detach_role_policy, RoleName="tf-attach-role", PolicyArn=second)
    for arn in (first, second):
        iam.delete_policy(PolicyArn=arn)


# ---------------------------------------------------------------------------------------------------------------
# aws_iam_instance_profile: instance_profile.go (create, instanceProfileAddRole's retry, waitInstanceProfileReady,
# read, update, delete)
# ---------------------------------------------------------------------------------------------------------------

def wait_instance_profile_ready(name):
    """waitInstanceProfileReady: found with a parseable ARN on three reads in a row."""
    for _ in range(3):
        profile = field(iam.get_instance_profile(InstanceProfileName=name), "InstanceProfile")
        check(field(profile, "Arn").startswith("arn:aws:iam::"), "instance profile ARN %s", profile.get("Arn"))


def read_instance_profile(name):
    profile = field(iam.get_instance_profile(InstanceProfileName=name), "InstanceProfile")
    roles = field(profile, "Roles")
    if roles:
        iam.get_role(RoleName=field(roles[0], "RoleName"))
    created = field(profile, "CreateDate")
    check(is_timestamp(created), "instance profile CreateDate %r", created)
    same_tags_listed(tag_map(profile.get("Tags")), "list_instance_profile_tags", InstanceProfileName=name)
    return {"arn": field(profile, "Arn"), "name": field(profile, "InstanceProfileName"),
            "path": field(profile, "Path"), "unique_id": field(profile, "InstanceProfileId"),
            "role": roles[0]["RoleName"] if roles else None, "tags": tag_map(profile.get("Tags"))}


def add_role(profile, role):
    """instanceProfileAddRole: retried while NoSuchEntity says 'The role with name' (a role not yet visible)."""
    retry_when(lambda: iam.add_role_to_instance_profile(InstanceProfileName=profile, RoleName=role),
               lambda e: code(e) == "NoSuchEntity" and "The role with name" in e.response["Error"]["Message"])


def instance_profile_flow():
    r = "aws_iam_instance_profile"
    step(r, "create: CreateInstanceProfile, wait until readable")
    created = iam.create_instance_profile(InstanceProfileName="tf-profile", Path="/tf/",
                                          Tags=tag_list({"team": "core"}))
    name = field(created, "InstanceProfile.InstanceProfileName")
    retry_when(lambda: iam.get_instance_profile(InstanceProfileName=name), is_no_such_entity)

    step(r, "create: AddRoleToInstanceProfile retried while NoSuchEntity 'The role with name'")
    got = error_of(iam.add_role_to_instance_profile, InstanceProfileName=name, RoleName="tf-profile-role")
    check(got[:2] == ("NoSuchEntity", 404) and "The role with name" in got[2],
          "unknown role: %s (the provider retries only on NoSuchEntity 'The role with name')", got)
    attempts = [0]

    def add_once_role_exists():
        attempts[0] += 1
        if attempts[0] == 2:
            iam.create_role(RoleName="tf-profile-role", AssumeRolePolicyDocument=json.dumps(
                trust({"Service": "ec2.amazonaws.com"})))
        iam.add_role_to_instance_profile(InstanceProfileName=name, RoleName="tf-profile-role")

    retry_when(add_once_role_exists, lambda e: code(e) == "NoSuchEntity"
               and "The role with name" in e.response["Error"]["Message"])
    wait_instance_profile_ready(name)

    step(r, "read after create")
    state = read_instance_profile(name)
    want = {"arn": "arn:aws:iam::%s:instance-profile/tf/tf-profile" % account, "name": "tf-profile",
            "path": "/tf/", "role": "tf-profile-role", "tags": {"team": "core"}}
    for key, value in want.items():
        check(state[key] == value, "instance profile %s: read %r, want %r", key, state[key], value)
    check(state["unique_id"].startswith("AIPA"), "InstanceProfileId %s", state["unique_id"])

    step(r, "update: RemoveRoleFromInstanceProfile, AddRoleToInstanceProfile, tags changed")
    iam.create_role(RoleName="tf-profile-role2", AssumeRolePolicyDocument=json.dumps(
        trust({"Service": "ec2.amazonaws.com"})))
    iam.remove_role_from_instance_profile(InstanceProfileName=name, RoleName="tf-profile-role")
    add_role(name, "tf-profile-role2")
    wait_instance_profile_ready(name)
    update_tags({"team": "core"}, {"team": "edge"}, iam.untag_instance_profile, iam.tag_instance_profile,
                InstanceProfileName=name)
    step(r, "read after update")
    state = read_instance_profile(name)
    check(state["role"] == "tf-profile-role2" and state["tags"] == {"team": "edge"}, "after update: %s", state)

    step(r, "destroy: RemoveRoleFromInstanceProfile, DeleteInstanceProfile")
    got = error_of(iam.delete_instance_profile, InstanceProfileName=name)
    check(got[:2] == ("DeleteConflict", 409), "DeleteInstanceProfile with a role in it: %s", got)
    iam.remove_role_from_instance_profile(InstanceProfileName=name, RoleName="tf-profile-role2")
    iam.delete_instance_profile(InstanceProfileName=name)

    step(r, "read after destroy: NoSuchEntity")
    expect_no_such_entity(iam.get_instance_profile, InstanceProfileName=name)
    expect_no_such_entity(iam.delete_instance_profile, InstanceProfileName=name)
    # instanceProfileRemoveRole treats NoSuchEntity as done.
    expect_no_such_entity(iam.remove_role_from_instance_profile, InstanceProfileName=name,
                          RoleName="tf-profile-role2")
    for role in ("tf-profile-role", "tf-profile-role2"):
        iam.delete_role(RoleName=role)


# ---------------------------------------------------------------------------------------------------------------
# aws_iam_openid_connect_provider: openid_connect_provider.go (create, findOpenIDConnectProviderByARN, update,
# delete)
# ---------------------------------------------------------------------------------------------------------------

def read_oidc(arn):
    answer = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)
    same_tags_listed(tag_map(answer.get("Tags")), "list_open_id_connect_provider_tags",
                     OpenIDConnectProviderArn=arn)
    return {"client_id_list": sorted(field(answer, "ClientIDList")),
            "thumbprint_list": field(answer, "ThumbprintList"), "url": field(answer, "Url"),
            "tags": tag_map(answer.get("Tags"))}


def oidc_flow():
    r = "aws_iam_openid_connect_provider"
    prints = ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"]
    step(r, "create: CreateOpenIDConnectProvider")
    created = iam.create_open_id_connect_provider(Url="https://tf-oidc.example.com/issuer",
                                                  ClientIDList=["sts.amazonaws.com", "app-1"],
                                                  ThumbprintList=prints, Tags=tag_list({"team": "core"}))
    arn = field(created, "OpenIDConnectProviderArn")
    check(arn == "arn:aws:iam::%s:oidc-provider/tf-oidc.example.com/issuer" % account, "provider ARN %s", arn)

    step(r, "read after create")
    state = read_oidc(arn)
    # AWS answers the URL without its scheme; the provider's suppressOpenIDURL compares it so.
    want = {"client_id_list": ["app-1", "sts.amazonaws.com"], "thumbprint_list": prints,
            "url": "tf-oidc.example.com/issuer", "tags": {"team": "core"}}
    check(state == want, "read %s, want %s", state, want)

    step(r, "update: thumbprints, client IDs added then removed, tags changed")
    new_prints = ["a" * 40, "b" * 40]
    iam.update_open_id_connect_provider_thumbprint(OpenIDConnectProviderArn=arn, ThumbprintList=new_prints)
    iam.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID="app-2")
    iam.remove_client_id_from_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID="app-1")
    update_tags({"team": "core"}, {"env": "prod"}, iam.untag_open_id_connect_provider,
                iam.tag_open_id_connect_provider, OpenIDConnectProviderArn=arn)
    step(r, "read after update")
    state = read_oidc(arn)
    want = {"client_id_list": ["app-2", "sts.amazonaws.com"], "thumbprint_list": new_prints,
            "url": "tf-oidc.example.com/issuer", "tags": {"env": "prod"}}
    check(state == want, "read %s, want %s", state, want)

    step(r, "destroy: DeleteOpenIDConnectProvider")
    iam.delete_open_id_connect_provider(OpenIDConnectProviderArn=arn)
    step(r, "read after destroy: NoSuchEntity")
    expect_no_such_entity(iam.get_open_id_connect_provider, OpenIDConnectProviderArn=arn)
    expect_no_such_entity(iam.add_client_id_to_open_id_connect_provider, OpenIDConnectProviderArn=arn,
                          ClientID="app-3")


def provider_configure():
    """Before any resource, the provider validates its credentials and learns account and partition from
    sts:GetCallerIdentity (aws-sdk-go-base's GetAwsAccountIDAndPartition): all three fields are read."""
    step("provider", "configure: GetCallerIdentity")
    identity = session.client("sts").get_caller_identity()
    check(field(identity, "Account") == account and len(account) == 12 and account.isdigit(), "Account %s", identity)
    check(field(identity, "Arn").startswith("arn:aws:"), "caller ARN %s", identity)
    field(identity, "UserId")


def main():
    flows = [provider_configure, role_flow, policy_flow, user_flow, attachment_flow, instance_profile_flow, oidc_flow]
    try:
        for flow in flows:
            flow()
    except Exception as e:  # noqa: BLE001 - any failure is reported with the step it happened in
        print("FAILED at %s: %s: %s" % (current_step[0], type(e).__name__, e), flush=True)
        sys.exit(1)
    print("OK", flush=True)


if __name__ == "__main__":
    main()
