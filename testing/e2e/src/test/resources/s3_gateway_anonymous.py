"""boto3 without credentials (signature_version=UNSIGNED) through the gateway: what a bucket policy grants to "*"."""
import json
import sys

import boto3
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint, bucket = sys.argv[1], sys.argv[2]
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                  config=Config(signature_version=UNSIGNED, s3={"addressing_style": "path"},
                                retries={"max_attempts": 1}))


def code(call):
    try:
        call()
        return "OK"
    except ClientError as e:
        return e.response["Error"]["Code"]


out = {}
out["get"] = s3.get_object(Bucket=bucket, Key="public/hello.txt")["Body"].read().decode()
s3.put_object(Bucket=bucket, Key="drop/anonymous.txt", Body=b"left by nobody")
out["putDrop"] = "OK"
out["putOutside"] = code(lambda: s3.put_object(Bucket=bucket, Key="public/overwrite.txt", Body=b"no"))
out["getPrivate"] = code(lambda: s3.get_object(Bucket=bucket, Key="private/secret.txt"))
out["listBuckets"] = code(lambda: s3.list_buckets())
out["listBucket"] = code(lambda: s3.list_objects_v2(Bucket=bucket))
print(json.dumps(out))
