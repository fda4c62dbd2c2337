"""Replays the answers recorded from real AWS (shared/testdata/aws-recorded) against Lanyard with boto3.

argv: endpoint, root key id, root secret, account, testdata dir. Prints {"cases": N, "mismatches": [...]}.
"""
import json
import random
import sys

import boto3
import botocore.config
import botocore.exceptions

endpoint, key_id, secret, account, testdata = sys.argv[1:6]
root = {"aws_access_key_id": key_id, "aws_secret_access_key": secret}
mismatches = []
counter = [0]


def client(service, creds, validate=True):
    config = botocore.config.Config(parameter_validation=validate, retries={"max_attempts": 1})
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1", config=config, **creds)


iam = client("iam", root)


def uid():
    return "%08x" % random.getrandbits(32)


def fill(value, names):
    if isinstance(value, str):
        for k, v in names.items():
            value = value.replace("{" + k + "}", v)
        return value.replace("{uid}", uid())
    if isinstance(value, list):
        return [fill(v, names) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, names) for k, v in value.items()}
    return value


def admin_user(names, policy):
    counter[0] += 1
    name = "caller-%d-%s" % (counter[0], uid())
    iam.create_user(UserName=name)
    if policy == "admin":
        iam.put_user_policy(UserName=name, PolicyName="admin", PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
    key = iam.create_access_key(UserName=name)["AccessKey"]
    user = iam.get_user(UserName=name)["User"]
    names["user_name"] = name
    names["user_id"] = user["UserId"]
    return {"aws_access_key_id": key["AccessKeyId"], "aws_secret_access_key": key["SecretAccessKey"]}


def check(case_id, expect, outcome):
    code, message, status, response = outcome
    if expect.get("code") != code:
        mismatches.append("%s: code %r, expected %r (%s)" % (case_id, code, expect.get("code"), message))
        return
    if expect.get("message") is not None and expect["message"] != message:
        mismatches.append("%s: message %r, expected %r" % (case_id, message, expect["message"]))
    if expect.get("http_status") and expect["http_status"] != status:
        mismatches.append("%s: status %r, expected %r" % (case_id, status, expect["http_status"]))
    return response


def call(fn, **params):
    try:
        response = fn(**params)
        return None, None, response["ResponseMetadata"]["HTTPStatusCode"], response
    except botocore.exceptions.ClientError as e:
        return (e.response["Error"]["Code"], e.response["Error"]["Message"],
                e.response["ResponseMetadata"]["HTTPStatusCode"], None)


def compare_response(case_id, expected, actual, names, path=""):
    for key, want in expected.items():
        if key not in actual:
            mismatches.append("%s: response lacks %s%s" % (case_id, path, key))
        elif isinstance(want, dict):
            compare_response(case_id, want, actual[key], names, path + key + ".")
        elif isinstance(want, list):
            missing = [k for k in want if k not in actual[key]]
            if missing:
                mismatches.append("%s: %s%s lacks %s" % (case_id, path, key, missing))
        elif key == "PackedPolicySize":
            pass  # AWS's compression percentage; informational only
        elif fill(want, names) != actual[key]:
            mismatches.append("%s: %s%s is %r, expected %r" % (case_id, path, key, actual[key], fill(want, names)))


def replay_sts(case):
    setup, names = case["setup"], {"account": account, "partition": "aws"}
    target = None
    if setup.get("trust") is not None:
        role_name = "role-" + uid()
        target = iam.create_role(RoleName=role_name,
                                 AssumeRolePolicyDocument=json.dumps(fill(setup["trust"], names)))["Role"]
        names.update(role_arn=target["Arn"], role_name=role_name, role_id=target["RoleId"])
        if setup.get("role_policy"):
            iam.put_role_policy(RoleName=role_name, PolicyName="p",
                                PolicyDocument=json.dumps(fill(setup["role_policy"], names)))
    caller = admin_user(names, setup.get("caller_policy") or ("admin" if setup["caller"] == "role-session" else None))
    if setup["caller"] == "role-session":
        spec = setup["caller_role"]
        caller_role_name = fill(spec.get("role_name", "caller-role-{uid}"), names)
        session_name = fill(spec["session_name"], names)
        caller_role = iam.create_role(RoleName=caller_role_name,
                                      AssumeRolePolicyDocument=json.dumps(fill(spec["trust"], names)))["Role"]
        if spec.get("role_policy"):
            iam.put_role_policy(RoleName=caller_role_name, PolicyName="p",
                                PolicyDocument=json.dumps(fill(spec["role_policy"], names)))
        params = {"RoleArn": caller_role["Arn"], "RoleSessionName": session_name}
        if setup.get("caller_session_tags"):
            params["Tags"] = setup["caller_session_tags"]
            params["TransitiveTagKeys"] = setup.get("caller_transitive_tag_keys") or []
        creds = client("sts", caller).assume_role(**params)["Credentials"]
        caller = {"aws_access_key_id": creds["AccessKeyId"], "aws_secret_access_key": creds["SecretAccessKey"],
                  "aws_session_token": creds["SessionToken"]}
        names.update(caller_role_name=caller_role_name, caller_session_name=session_name)
    call_spec = case["call"]
    validate = call_spec.get("client_config", {}).get("parameter_validation", True)
    params = fill(call_spec["params"], names)
    if "RoleSessionName" in params:
        names["session_name"] = params["RoleSessionName"]
    if "Name" in params:
        names["name"] = params["Name"]
    sts = client("sts", caller, validate)
    fn = {"AssumeRole": sts.assume_role, "GetFederationToken": sts.get_federation_token,
          "GetSessionToken": sts.get_session_token, "GetCallerIdentity": sts.get_caller_identity}[call_spec["op"]]
    expect = case["expect"]
    response = check(case["id"], expect, call(fn, **params))
    if response is not None:
        compare_response(case["id"], expect.get("response") or {}, response, names)
        for absent in expect.get("response_absent") or []:
            if absent in response:
                mismatches.append("%s: response has %s, AWS had none" % (case["id"], absent))


def replay_policy(case):
    api, document, setup = case["api"], case["document"], case.get("setup") or {}
    name = "p" + uid()
    if api == "CreatePolicy":
        outcome = call(iam.create_policy, PolicyName=name, PolicyDocument=document)
    elif api == "CreateRole":
        outcome = call(iam.create_role, RoleName=name, AssumeRolePolicyDocument=document)
    elif api in ("UpdateAssumeRolePolicy", "PutRolePolicy"):
        iam.create_role(RoleName=name, AssumeRolePolicyDocument=setup["role_trust"])
        if api == "UpdateAssumeRolePolicy":
            outcome = call(iam.update_assume_role_policy, RoleName=name, PolicyDocument=document)
        else:
            outcome = call(iam.put_role_policy, RoleName=name, PolicyName="p", PolicyDocument=document)
    elif api == "PutUserPolicy":
        iam.create_user(UserName=name)
        outcome = call(iam.put_user_policy, UserName=name, PolicyName="p", PolicyDocument=document)
    elif api == "PutGroupPolicy":
        iam.create_group(GroupName=name)
        outcome = call(iam.put_group_policy, GroupName=name, PolicyName="p", PolicyDocument=document)
    else:
        raise ValueError(api)
    check(case["id"], case["expect"], outcome)


cases = 0
skipped = []
for case in json.load(open(testdata + "/sts-recorded.json")):
    cases += 1
    replay_sts(case)
for case in json.load(open(testdata + "/iam-policy-validation.json")):
    cases += 1
    if replay_policy(case) == "skipped":
        skipped.append(case["id"])
print(json.dumps({"cases": cases, "skipped": skipped, "mismatches": mismatches}))
