"""boto3 against Lanyard for AssumeRoot and STS regions. argv = endpoint, management root key id, root secret,
management account. The server serves its home region us-east-1 and, besides, eu-west-2 (enabled by default on AWS)
and ap-east-1 (opt-in on AWS). Prints OK, or fails with the first difference."""
import datetime
import json
import os
import subprocess
import sys

import boto3
import botocore.exceptions

endpoint, root_id, root_secret, management = sys.argv[1:5]
TASK = "arn:aws:iam::aws:policy/root-task/"


def client(service, region, key_id, secret, token=None):
    return boto3.client(service, endpoint_url=endpoint, region_name=region, aws_access_key_id=key_id,
                        aws_secret_access_key=secret, aws_session_token=token)


def session_client(service, region, creds):
    return client(service, region, creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"])


def error(call, code, status=None):
    try:
        call()
    except botocore.exceptions.ClientError as e:
        got = e.response["Error"]["Code"]
        assert got == code, "expected %s, got %s: %s" % (code, got, e.response["Error"].get("Message"))
        if status is not None:
            assert e.response["ResponseMetadata"]["HTTPStatusCode"] == status, e.response["ResponseMetadata"]
        return e.response["Error"].get("Message", "")
    raise AssertionError("expected %s, the call succeeded" % code)


root_iam = client("iam", "us-east-1", root_id, root_secret)
org = client("organizations", "us-east-1", root_id, root_secret)


def user_with_keys(name, policy=None):
    root_iam.create_user(UserName=name)
    if policy is not None:
        root_iam.put_user_policy(UserName=name, PolicyName="p", PolicyDocument=json.dumps(policy))
    key = root_iam.create_access_key(UserName=name)["AccessKey"]
    return key["AccessKeyId"], key["SecretAccessKey"]


def create_member(name):
    status = org.create_account(AccountName=name, Email=name + "@example.test")["CreateAccountStatus"]
    status = org.describe_create_account_status(CreateAccountRequestId=status["Id"])["CreateAccountStatus"]
    assert status["State"] == "SUCCEEDED", status
    return status["AccountId"]


def assume_root():
    member = create_member("workload")
    ops_id, ops_secret = user_with_keys("root-ops", {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": "*",
         "Condition": {"StringLike": {"sts:TaskPolicyArn": TASK + "IAM*"}}},
        {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]})
    sts = client("sts", "us-east-1", ops_id, ops_secret)
    audit = {"arn": TASK + "IAMAuditRootUserCredentials"}

    # Until the management account enables root sessions, nobody gets one.
    error(lambda: sts.assume_root(TargetPrincipal=member, TaskPolicyArn=audit), "AccessDenied", 403)
    client("iam", "us-east-1", root_id, root_secret).enable_organizations_root_sessions()
    assert "RootSessions" in root_iam.list_organizations_features()["EnabledFeatures"]

    answer = sts.assume_root(TargetPrincipal=member, TaskPolicyArn=audit, DurationSeconds=900)
    creds = answer["Credentials"]
    assert creds["AccessKeyId"].startswith("ASIA"), creds
    lifetime = creds["Expiration"] - datetime.datetime.now(datetime.timezone.utc)
    assert datetime.timedelta(minutes=14) < lifetime <= datetime.timedelta(minutes=15, seconds=5), lifetime
    identity = session_client("sts", "us-east-1", creds).get_caller_identity()
    assert identity["Arn"] == "arn:aws:iam::%s:root" % member, identity
    assert identity["Account"] == member and identity["UserId"] == member, identity

    # The member's root user, limited to what the audit task allows.
    member_iam = session_client("iam", "us-east-1", creds)
    assert member_iam.get_user()["User"]["Arn"] == "arn:aws:iam::%s:root" % member
    member_iam.list_access_keys()
    member_iam.list_mfa_devices()
    member_iam.get_account_summary()
    message = error(lambda: member_iam.create_user(UserName="intruder"), "AccessDenied", 403)
    assert "explicit deny" in message, message
    error(lambda: member_iam.list_users(), "AccessDenied")
    error(lambda: member_iam.list_access_keys(UserName="OrganizationAccountAccessRole"), "AccessDenied")
    error(lambda: session_client("sts", "us-east-1", creds).get_session_token(), "AccessDenied")

    # A root ARN names the member as well as its ID; a deleting task is another session.
    delete = sts.assume_root(TargetPrincipal="arn:aws:iam::%s:root" % member,
                             TaskPolicyArn={"arn": TASK + "IAMDeleteRootUserCredentials"}, DurationSeconds=60)
    lifetime = delete["Credentials"]["Expiration"] - datetime.datetime.now(datetime.timezone.utc)
    assert lifetime <= datetime.timedelta(seconds=65), lifetime

    # The AWS CLI, in a region of its own.
    cli = subprocess.run(["aws", "sts", "assume-root", "--endpoint-url", endpoint, "--region", "eu-west-2",
                          "--target-principal", member, "--task-policy-arn", "arn=" + TASK + "IAMCreateRootUserPassword",
                          "--duration-seconds", "300", "--output", "json"], capture_output=True, text=True,
                         env=dict(os.environ, AWS_ACCESS_KEY_ID=ops_id, AWS_SECRET_ACCESS_KEY=ops_secret,
                                  AWS_SHARED_CREDENTIALS_FILE="/nonexistent", AWS_CONFIG_FILE="/nonexistent"))
    assert cli.returncode == 0, cli.stderr
    cli_creds = json.loads(cli.stdout)["Credentials"]
    password_task = session_client("iam", "us-east-1", {"AccessKeyId": cli_creds["AccessKeyId"],
                                                         "SecretAccessKey": cli_creds["SecretAccessKey"],
                                                         "SessionToken": cli_creds["SessionToken"]})
    error(lambda: password_task.list_access_keys(), "AccessDenied")

    # The caller's own policy decides, with sts:TaskPolicyArn.
    error(lambda: sts.assume_root(TargetPrincipal=member, TaskPolicyArn={"arn": TASK + "S3UnlockBucketPolicy"}),
          "AccessDenied")
    # Bad input, in AWS's codes.
    error(lambda: sts.assume_root(TargetPrincipal=member, TaskPolicyArn=audit, DurationSeconds=901),
          "ValidationError", 400)
    error(lambda: sts.assume_root(TargetPrincipal=member,
                                  TaskPolicyArn={"arn": "arn:aws:iam::aws:policy/AdministratorAccess"}),
          "ValidationError", 400)
    error(lambda: sts.assume_root(TargetPrincipal="arn:aws:iam::%s:user/x" % member, TaskPolicyArn=audit),
          "ValidationError", 400)
    # Only member accounts, only IAM identities of the management account, only regional endpoints.
    error(lambda: sts.assume_root(TargetPrincipal=management, TaskPolicyArn=audit), "AccessDenied")
    error(lambda: sts.assume_root(TargetPrincipal="999999999999", TaskPolicyArn=audit), "AccessDenied")
    error(lambda: client("sts", "us-east-1", root_id, root_secret).assume_root(
        TargetPrincipal=member, TaskPolicyArn=audit), "AccessDenied")
    error(lambda: client("sts", "aws-global", ops_id, ops_secret).assume_root(
        TargetPrincipal=member, TaskPolicyArn=audit), "InvalidAction", 400)
    member_admin = session_client("sts", "us-east-1", sts.assume_role(
        RoleArn="arn:aws:iam::%s:role/OrganizationAccountAccessRole" % member, RoleSessionName="mm")["Credentials"])
    error(lambda: member_admin.assume_root(TargetPrincipal=member, TaskPolicyArn=audit), "AccessDenied")

    # Disabled again, no new sessions.
    root_iam.disable_organizations_root_sessions()
    error(lambda: sts.assume_root(TargetPrincipal=member, TaskPolicyArn=audit), "AccessDenied")


def regions_and_token_versions():
    user_id, user_secret = user_with_keys("traveller")
    in_region = lambda region: client("sts", region, user_id, user_secret)

    # Served regions answer; a region that is not enabled is RegionDisabledException for STS only.
    for region in ("us-east-1", "eu-west-2", "ap-east-1", "aws-global"):
        assert in_region(region).get_caller_identity()["Account"] == management
    message = error(lambda: in_region("eu-south-1").get_session_token(), "RegionDisabledException", 403)
    assert "account:" + management in message, message
    error(lambda: client("iam", "eu-south-1", user_id, user_secret).list_users(), "SignatureDoesNotMatch", 403)

    # A token of the global endpoint is v1 until the account chooses v2: valid where regions are on by default.
    assert root_iam.get_account_summary()["SummaryMap"]["GlobalEndpointTokenVersion"] == 1
    v1 = in_region("aws-global").get_session_token()["Credentials"]
    assert session_client("sts", "eu-west-2", v1).get_caller_identity()["Account"] == management
    assert session_client("sts", "us-east-1", v1).get_caller_identity()["Account"] == management
    error(lambda: session_client("sts", "ap-east-1", v1).get_caller_identity(), "InvalidClientTokenId", 403)
    regional = in_region("eu-west-2").get_session_token()["Credentials"]
    assert session_client("sts", "ap-east-1", regional).get_caller_identity()["Account"] == management

    root_iam.set_security_token_service_preferences(GlobalEndpointTokenVersion="v2Token")
    assert root_iam.get_account_summary()["SummaryMap"]["GlobalEndpointTokenVersion"] == 2
    v2 = in_region("aws-global").get_session_token()["Credentials"]
    assert session_client("sts", "ap-east-1", v2).get_caller_identity()["Account"] == management
    # A v1 token issued before the change stays what it was.
    error(lambda: session_client("sts", "ap-east-1", v1).get_caller_identity(), "InvalidClientTokenId", 403)
    root_iam.set_security_token_service_preferences(GlobalEndpointTokenVersion="v1Token")


assume_root()
regions_and_token_versions()
print("OK")
