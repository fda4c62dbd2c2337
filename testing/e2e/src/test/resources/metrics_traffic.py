"""Known traffic for the metrics: argv = endpoint, root key id, root secret, account. Prints JSON of what it saw."""
import json
import sys

import boto3
import botocore.config
import botocore.exceptions

endpoint, key_id, secret, account = sys.argv[1:5]
no_retries = botocore.config.Config(retries={"total_max_attempts": 1})


def client(service, key, secret_key):
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1", config=no_retries,
                        aws_access_key_id=key, aws_secret_access_key=secret_key)


def error_code(call):
    try:
        call()
        return "none"
    except botocore.exceptions.ClientError as e:
        return e.response["Error"]["Code"]


seen = {}
iam = client("iam", key_id, secret)
iam.create_user(UserName="metrics-user")
iam.put_user_policy(UserName="metrics-user", PolicyName="assume", PolicyDocument=json.dumps({
    "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}))
key = iam.create_access_key(UserName="metrics-user")["AccessKey"]
sts = client("sts", key["AccessKeyId"], key["SecretAccessKey"])
trust = {"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:user/metrics-user" % account},
    "Action": "sts:AssumeRole"}]}
role = iam.create_role(RoleName="metrics-role", AssumeRolePolicyDocument=json.dumps(trust))["Role"]
seen["assumed"] = [sts.assume_role(RoleArn=role["Arn"], RoleSessionName="m%d" % i)["AssumedRoleUser"]["Arn"]
                   for i in range(3)]
seen["no_such_user"] = error_code(lambda: iam.get_user(UserName="nobody"))
seen["wrong_secret"] = error_code(lambda: client("sts", key_id, "x" * 40).get_caller_identity())
seen["identity"] = sts.get_caller_identity()["Arn"]
print(json.dumps(seen))
