#!/usr/bin/env python3
"""Prints a presigned GET URL for one STS or IAM operation, made by boto3 exactly as a client would make it.

Usage: presign.py ENDPOINT REGION get-caller-identity
       presign.py ENDPOINT REGION assume-role ROLE_ARN
       presign.py ENDPOINT REGION get-user USER_NAME
Credentials: PRESIGN_ACCESS_KEY_ID and PRESIGN_SECRET_ACCESS_KEY when set (kept out of argv, which other users can
read), else boto3's usual chain (AWS_PROFILE with AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE).
A SigV4 signature is accepted for 15 minutes around its X-Amz-Date, so wrk can replay the URL for that long.
"""
import os
import sys

import boto3

EXPIRES_SECONDS = 900


def client(service, endpoint, region):
    key_id = os.environ.get("PRESIGN_ACCESS_KEY_ID")
    if key_id:
        return boto3.client(service, endpoint_url=endpoint, region_name=region, aws_access_key_id=key_id,
                            aws_secret_access_key=os.environ["PRESIGN_SECRET_ACCESS_KEY"])
    return boto3.Session().client(service, endpoint_url=endpoint, region_name=region)


def presign(service, operation, params, endpoint, region):
    return client(service, endpoint, region).generate_presigned_url(
        operation, Params=params, ExpiresIn=EXPIRES_SECONDS, HttpMethod="GET")


def main(argv):
    if len(argv) < 4 or argv[3] not in ("get-caller-identity", "assume-role", "get-user"):
        sys.exit(__doc__)
    endpoint, region, operation = argv[1], argv[2], argv[3]
    if operation == "get-caller-identity":
        print(presign("sts", "get_caller_identity", {}, endpoint, region))
        return
    if len(argv) != 5 or not argv[4]:
        sys.exit(__doc__)
    if operation == "assume-role":
        print(presign("sts", "assume_role", {"RoleArn": argv[4], "RoleSessionName": "wrk"}, endpoint, region))
    else:
        print(presign("iam", "get_user", {"UserName": argv[4]}, endpoint, region))


if __name__ == "__main__":
    main(sys.argv)
