#!/usr/bin/env python3
"""Prints a presigned S3 URL made by boto3 exactly as a client makes it (SigV4, path-style addressing).

Usage: s3presign.py ENDPOINT REGION get|put BUCKET KEY
Credentials: PRESIGN_ACCESS_KEY_ID, PRESIGN_SECRET_ACCESS_KEY and, for a session, PRESIGN_SESSION_TOKEN (kept out of
argv, which other users can read). The URL is valid for an hour, so wrk can replay it for the whole run.
"""
import os
import sys

import boto3
from botocore.config import Config

EXPIRES_SECONDS = 3600


def main(argv):
    if len(argv) != 6 or argv[3] not in ("get", "put"):
        sys.exit(__doc__)
    endpoint, region, verb, bucket, key = argv[1:]
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name=region,
                      aws_access_key_id=os.environ["PRESIGN_ACCESS_KEY_ID"],
                      aws_secret_access_key=os.environ["PRESIGN_SECRET_ACCESS_KEY"],
                      aws_session_token=os.environ.get("PRESIGN_SESSION_TOKEN") or None,
                      config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
    operation = "get_object" if verb == "get" else "put_object"
    print(s3.generate_presigned_url(operation, Params={"Bucket": bucket, "Key": key}, ExpiresIn=EXPIRES_SECONDS,
                                    HttpMethod=verb.upper()))


if __name__ == "__main__":
    main(sys.argv)
