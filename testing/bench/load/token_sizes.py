#!/usr/bin/env python3
"""Issues the largest session token the running Lanyard accepts and prints its size as JSON on one line.

Usage: token_sizes.py ENDPOINT REGION ACCOUNT
The root user (boto3's usual chain: AWS_PROFILE with AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE) creates 10
managed policies and a role trusting the account for sts:AssumeRole and sts:TagSession; the IAM user whose key is in
PRESIGN_ACCESS_KEY_ID / PRESIGN_SECRET_ACCESS_KEY (allowed sts:AssumeRole and sts:TagSession) then calls AssumeRole
with those 10 policy ARNs (AWS's limit), an inline session policy as long as AWS allows beside them (the plaintext of
inline and managed session policies together may not exceed 2,048 characters) and as many tags at AWS's size limits
(128-character keys, 256-character values; at most 50) as fit: the server refuses a larger token with
PackedPolicyTooLarge, so the tag count is found by bisection. It also issues one token with a 2,048-character
inline policy alone.
"""
import json
import os
import sys

import boto3
from botocore.exceptions import ClientError

POLICY_CHARS = 2048
POLICY_ARNS = 10
MAX_TAGS = 50


def session_policy(chars):
    """A valid session policy of exactly `chars` characters (no whitespace)."""
    statements = []
    for i in range(12):
        statements.append('{"Sid":"Read%02d","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],'
                          '"Resource":["arn:aws:s3:::bench-bucket-%02d","arn:aws:s3:::bench-bucket-%02d/*"]}'
                          % (i, i, i))
    head = '{"Version":"2012-10-17","Statement":['
    last = '{"Sid":"Pad","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bench-pad/%s"}'
    while True:
        fixed = len(head) + sum(len(s) + 1 for s in statements) + len(last % "") + len("]}")
        if fixed <= chars - 1:
            break
        statements.pop()
    policy = head + ",".join(statements + [last % ("p" * (chars - fixed))]) + "]}"
    assert len(policy) == chars, len(policy)
    return policy


def tags(count):
    return [{"Key": "%03d" % i + "k" * 125, "Value": "v" * 256} for i in range(count)]


def set_up(iam, account):
    arns = []
    for i in range(POLICY_ARNS):
        doc = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
                                                        "Resource": "arn:aws:s3:::bench-bucket-%02d/*" % i}]}
        arns.append(iam.create_policy(PolicyName="token-size-cap-%02d" % i,
                                      PolicyDocument=json.dumps(doc))["Policy"]["Arn"])
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                                                     "Principal": {"AWS": "arn:aws:iam::%s:root" % account},
                                                     "Action": ["sts:AssumeRole", "sts:TagSession"]}]}
    role = iam.create_role(RoleName="token-size-role", AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
    return arns, role


def assume(sts, role, policy, arns, tag_count):
    """The response, or None when the server refuses the token as too large."""
    try:
        return sts.assume_role(RoleArn=role, RoleSessionName="token-size", Policy=policy,
                               PolicyArns=[{"arn": a} for a in arns], Tags=tags(tag_count))
    except ClientError as e:
        if e.response["Error"]["Code"] == "PackedPolicyTooLarge":
            return None
        raise


def main(argv):
    if len(argv) != 4:
        sys.exit(__doc__)
    endpoint, region, account = argv[1:]
    iam = boto3.Session().client("iam", endpoint_url=endpoint, region_name=region)
    sts = boto3.client("sts", endpoint_url=endpoint, region_name=region,
                       aws_access_key_id=os.environ["PRESIGN_ACCESS_KEY_ID"],
                       aws_secret_access_key=os.environ["PRESIGN_SECRET_ACCESS_KEY"])
    arns, role = set_up(iam, account)
    policy_only = assume(sts, role, session_policy(POLICY_CHARS), [], 0)
    if policy_only is None:
        sys.exit("the server refused a 2,048-character session policy")
    policy = session_policy(POLICY_CHARS - sum(len(a) for a in arns))
    low, best = 0, assume(sts, role, policy, arns, 0)
    if best is None:
        sys.exit("the server refused the policy with 10 policy ARNs and no tags")
    high = MAX_TAGS + 1  # the smallest count known to be refused (51: AWS's limit)
    while high - low > 1:
        middle = (low + high) // 2
        answer = assume(sts, role, policy, arns, middle)
        if answer is None:
            high = middle
        else:
            low, best = middle, answer
    print(json.dumps({
        "policy_chars": len(policy),
        "policy_arns": len(arns),
        "policy_arn_chars": sum(len(a) for a in arns),
        "policy_only_token_chars": len(policy_only["Credentials"]["SessionToken"]),
        "max_tags": low,
        "refused_tags": high if high <= MAX_TAGS else None,
        "max_token_chars": len(best["Credentials"]["SessionToken"]),
        "max_packed_policy_size": best.get("PackedPolicySize"),
    }))


if __name__ == "__main__":
    main(sys.argv)
