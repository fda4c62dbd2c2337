#!/usr/bin/env python3
"""Prints a presigned GET URL for one STS operation, made by boto3 exactly as a client would make it.

Usage: presign.py ENDPOINT REGION get-caller-identity
       presign.py ENDPOINT REGION assume-role ROLE_ARN
Credentials: PRESIGN_ACCESS_KEY_ID and PRESIGN_SECRET_ACCESS_KEY when set (kept out of argv, which other users can
read), else boto3's usual chain (AWS_PROFILE with AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE).
A SigV4 signature is accepted for 15 minutes around its X-Amz-Date, so wrk can replay the URL for that long.
"""
import os
import sys

import boto3

EXPIRES_SECONDS = 900


def sts_client(endpoint, region):
    key_id = os.environ.get("PRESIGN_ACCESS_KEY_ID")
    if key_id:
        return boto3.client("sts", endpoint_url=endpoint, region_name=region, aws_access_key_id=key_id,
                            aws_secret_access_key=os.environ["PRESIGN_SECRET_ACCESS_KEY"])
    return boto3.Session().client("sts", endpoint_url=endpoint, region_name=region)


def main(argv):
    if len(argv) < 4 or argv[3] not in ("get-caller-identity", "assume-role"):
        sys.exit(__doc__)
    endpoint, region, operation = argv[1], argv[2], argv[3]
    sts = sts_client(endpoint, region)
    if operation == "get-caller-identity":
        url = sts.generate_presigned_url("get_caller_identity", Params={}, ExpiresIn=EXPIRES_SECONDS,
                                         HttpMethod="GET")
    else:
        if len(argv) != 5:
            sys.exit(__doc__)
        url = sts.generate_presigned_url("assume_role", Params={"RoleArn": argv[4], "RoleSessionName": "wrk"},
                                         ExpiresIn=EXPIRES_SECONDS, HttpMethod="GET")
    print(url)


if __name__ == "__main__":
    main(sys.argv)
