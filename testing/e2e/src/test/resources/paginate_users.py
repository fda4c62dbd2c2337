"""boto3's own paginator over ListUsers, walked several ways. argv = endpoint, key id, secret.

Prints one JSON object, walk name -> {"pages": number of requests, "users": the user names in the order walked}:
"default" (no page size: the server's 100 a page), "pages-of-1000", "pages-of-333", and "resumed" (MaxItems 2500 and
then the rest from boto3's NextToken, which wraps the server's Marker).
"""
import json
import sys

import boto3

endpoint, key_id, secret = sys.argv[1:4]
iam = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=key_id,
                   aws_secret_access_key=secret)
paginator = iam.get_paginator("list_users")


def walk(**config):
    pages = list(paginator.paginate(PaginationConfig=config))
    return pages, [user["UserName"] for page in pages for user in page["Users"]]


walks = {}
for name, config in (("default", {}), ("pages-of-1000", {"PageSize": 1000}), ("pages-of-333", {"PageSize": 333})):
    pages, users = walk(**config)
    walks[name] = {"pages": len(pages), "users": users}
stopped = paginator.paginate(PaginationConfig={"MaxItems": 2500})
first_pages = list(stopped)
first = [user["UserName"] for page in first_pages for user in page["Users"]]
rest_pages, rest = walk(StartingToken=stopped.resume_token) if stopped.resume_token else ([], [])
walks["resumed"] = {"pages": len(first_pages) + len(rest_pages), "users": first + rest}
print(json.dumps(walks))
