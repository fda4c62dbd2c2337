"""Calls until throttled, retries off: argv = endpoint, key id, secret, mode. Prints the outcome of each call."""
import json
import sys

import boto3
import botocore
import botocore.config
import botocore.exceptions

endpoint, key_id, secret, mode = sys.argv[1:5]
no_retries = botocore.config.Config(retries={"total_max_attempts": 1})


def client(service, secret_key=secret, **extra):
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=key_id,
                        aws_secret_access_key=secret_key, config=no_retries.merge(botocore.config.Config(**extra)))


def outcome(call):
    try:
        call()
        return {"code": "ok", "status": 200}
    except botocore.exceptions.ClientError as e:
        return {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"],
                "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}


seen = {}
if mode == "account":
    sts, iam = client("sts"), client("iam")
    seen["sts"] = [outcome(sts.get_caller_identity) for _ in range(5)]
    seen["iam"] = [outcome(iam.list_users) for _ in range(3)]
elif mode == "unsigned":
    sts = client("sts", signature_version=botocore.UNSIGNED)
    seen["sts"] = [outcome(lambda: sts.assume_role_with_web_identity(
        RoleArn="arn:aws:iam::%s:role/web" % ("1" * 12), RoleSessionName="web", WebIdentityToken="not-a-jwt"))
        for _ in range(4)]
elif mode == "failed":
    wrong, right = client("sts", "w" * 40), client("sts")
    seen["sts"] = [outcome(wrong.get_caller_identity) for _ in range(3)] + [outcome(right.get_caller_identity)]
print(json.dumps(seen))
