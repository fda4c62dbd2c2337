"""botocore against Lanyard's signed-bytes rules: argv = endpoint, root key id, root secret.

Prints one JSON object of findings. Every presigned URL here is made by botocore itself; the sweep walks botocore's
own models of IAM and STS, so an operation AWS adds is covered without editing this file.
"""
import json
import sys
import urllib.error
import urllib.request

import boto3
import botocore.auth
import botocore.awsrequest
import botocore.config
import botocore.credentials
import botocore.exceptions
import botocore.session

endpoint, key_id, secret = sys.argv[1:4]
findings = {}
NO_VALIDATION = botocore.config.Config(parameter_validation=False, retries={"max_attempts": 1})


def client(service, region="us-east-1", **extra):
    return boto3.client(service, endpoint_url=endpoint, region_name=region, aws_access_key_id=key_id,
                        aws_secret_access_key=secret, config=NO_VALIDATION, **extra)


def send(url, body=None, headers=None):
    request = urllib.request.Request(url, data=body, method="POST", headers=headers or {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def code(body):
    start = body.find("<Code>")
    return body[start + 6:body.find("</Code>")] if start >= 0 else body[:80]


# Every IAM and STS operation, presigned by botocore, then sent with a body it never signed.
swept = {}
for service in ("iam", "sts"):
    c = client(service)
    for operation in c.meta.service_model.operation_names:
        method = botocore.xform_name(operation)
        url = c.generate_presigned_url(method, Params={}, ExpiresIn=300)
        status, body = send(url, b"UserName=victim&Tags.member.1.Key=team&Tags.member.1.Value=admins",
                            {"Content-Type": "application/x-www-form-urlencoded"})
        swept[service + ":" + operation] = [status, code(body)]
findings["swept"] = len(swept)
findings["sweep_not_refused"] = {op: r for op, r in swept.items() if r != [400, "InvalidParameterCombination"]}

# The same presigned URLs without a body still work.
status, body = send(client("sts").generate_presigned_url("get_caller_identity", ExpiresIn=300), b"")
findings["presigned_identity"] = [status, "<Arn>" in body]
status, body = send(client("iam").generate_presigned_url("list_users", ExpiresIn=300), b"")
findings["presigned_list_users"] = status

# botocore's S3 query signer signs UNSIGNED-PAYLOAD: not accepted for IAM, with a body or without.
creds = botocore.credentials.Credentials(key_id, secret)
request = botocore.awsrequest.AWSRequest(method="POST", url=endpoint + "/?Action=CreateAccessKey&Version=2010-05-08")
botocore.auth.S3SigV4QueryAuth(creds, "iam", "us-east-1", expires=300).add_auth(request)
findings["unsigned_payload_presign"] = [send(request.url, b"")[0], code(send(request.url, b"")[1])]
findings["unsigned_payload_presign_with_body"] = send(request.url, b"UserName=victim",
                                                       {"x-amz-content-sha256": "UNSIGNED-PAYLOAD"})[0]

# A long-term key with a session token, as a misconfigured profile sends it.
try:
    client("sts", aws_session_token="IQoJb3JpZ2luX2VjEBogus").get_caller_identity()
    findings["akia_with_token"] = "accepted"
except botocore.exceptions.ClientError as e:
    findings["akia_with_token"] = [e.response["Error"]["Code"], e.response["Error"]["Message"]]

# Credential scopes in regions this Lanyard does not serve.
for service, call in (("sts", lambda c: c.get_caller_identity()), ("iam", lambda c: c.list_users())):
    try:
        call(client(service, region="eu-west-9"))
        findings[service + "_foreign_region"] = "accepted"
    except botocore.exceptions.ClientError as e:
        findings[service + "_foreign_region"] = [e.response["Error"]["Code"], e.response["Error"]["Message"]]

print(json.dumps(findings))
