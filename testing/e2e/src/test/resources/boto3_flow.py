"""boto3 against Lanyard: argv = endpoint, root key id, root secret, account. Prints one JSON object of findings."""
import json
import sys
import urllib.request
import urllib.error

import boto3
import botocore.config
import botocore.exceptions

endpoint, key_id, secret, account = sys.argv[1:5]
findings = {}


def client(service, creds):
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1", **creds)


root = {"aws_access_key_id": key_id, "aws_secret_access_key": secret}
iam = client("iam", root)
iam.create_user(UserName="py-user", Tags=[{"Key": "team", "Value": "data"}])
iam.put_user_policy(UserName="py-user", PolicyName="assume", PolicyDocument=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": ["sts:AssumeRole", "sts:TagSession"], "Resource": "*"}]}))
key = iam.create_access_key(UserName="py-user")["AccessKey"]
user = {"aws_access_key_id": key["AccessKeyId"], "aws_secret_access_key": key["SecretAccessKey"]}
trust = {"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:user/py-user" % account},
    "Action": ["sts:AssumeRole", "sts:TagSession"],
    "Condition": {"StringEquals": {"sts:ExternalId": "py-ext", "aws:PrincipalTag/team": "data"}}}]}
role = iam.create_role(RoleName="py-role", AssumeRolePolicyDocument=json.dumps(trust))["Role"]
findings["trust_round_trip"] = iam.get_role(RoleName="py-role")["Role"]["AssumeRolePolicyDocument"] == trust

sts = client("sts", user)
try:
    sts.assume_role(RoleArn=role["Arn"], RoleSessionName="py")
    findings["without_external_id"] = "allowed"
except botocore.exceptions.ClientError as e:
    findings["without_external_id"] = e.response["Error"]["Code"]
    findings["without_external_id_status"] = e.response["ResponseMetadata"]["HTTPStatusCode"]

assumed = sts.assume_role(RoleArn=role["Arn"], RoleSessionName="py", ExternalId="py-ext",
                          Tags=[{"Key": "project", "Value": "x"}])
findings["assumed_arn"] = assumed["AssumedRoleUser"]["Arn"]
findings["packed_policy_size_present"] = "PackedPolicySize" in assumed
creds = assumed["Credentials"]
session = {"aws_access_key_id": creds["AccessKeyId"], "aws_secret_access_key": creds["SecretAccessKey"],
           "aws_session_token": creds["SessionToken"]}
findings["session_identity"] = client("sts", session).get_caller_identity()["Arn"]

try:
    client("iam", session).list_users()
    findings["session_list_users"] = "allowed"
except botocore.exceptions.ClientError as e:
    findings["session_list_users"] = e.response["Error"]["Code"]

try:
    sts.assume_role(RoleArn="arn:aws:iam::%s:role/py-role" % account, RoleSessionName="x", ExternalId="py-ext")
except botocore.exceptions.ParamValidationError:
    findings["client_side_validation"] = True
raw = boto3.client("sts", endpoint_url=endpoint, region_name="us-east-1",
                   config=botocore.config.Config(parameter_validation=False), **user)
try:
    raw.assume_role(RoleArn="arn:aws:iam::%s:role/py-role" % account, RoleSessionName="Session1:2")
except botocore.exceptions.ClientError as e:
    findings["session_name_error"] = e.response["Error"]["Message"]
try:
    raw.assume_role(RoleArn="nothing-valid-in-here", RoleSessionName="Session1")
except botocore.exceptions.ClientError as e:
    findings["bad_arn_error"] = e.response["Error"]["Message"]

# botocore presigns STS with the operation's method (POST), so the URL is replayed as an empty POST.
url = client("sts", session).generate_presigned_url("get_caller_identity", ExpiresIn=60)
with urllib.request.urlopen(urllib.request.Request(url, data=b"", method="POST")) as response:
    findings["presigned_status"] = response.status
    findings["presigned_body_has_arn"] = findings["assumed_arn"] in response.read().decode()
tampered = url.replace("Action=GetCallerIdentity", "Action=GetCallerIdentity&Extra=1")
try:
    urllib.request.urlopen(urllib.request.Request(tampered, data=b"", method="POST"))
    findings["tampered_presigned"] = 200
except urllib.error.HTTPError as e:
    findings["tampered_presigned"] = e.code

request = urllib.request.Request(url, data=b"", method="POST", headers={"Accept": "application/json"})
with urllib.request.urlopen(request) as response:
    body = json.loads(response.read().decode())
    findings["json_arn"] = body["GetCallerIdentityResponse"]["GetCallerIdentityResult"]["Arn"]

print(json.dumps(findings))
