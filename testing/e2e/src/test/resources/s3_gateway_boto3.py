"""Drives the S3 gateway with boto3 as a user would: upload_file (multipart), download_file, presigned GET and PUT,
list_objects_v2 paginated. Credentials come from the environment; prints what happened as JSON."""
import filecmp
import hashlib
import json
import os
import sys
import tempfile
import urllib.request

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config

endpoint, bucket = sys.argv[1], sys.argv[2]
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                  config=Config(s3={"addressing_style": "path"}, retries={"total_max_attempts": 1},
                                signature_version="s3v4", read_timeout=30))
out = {}
s3.create_bucket(Bucket=bucket)
work = tempfile.mkdtemp()
source = os.path.join(work, "source.bin")
with open(source, "wb") as f:
    f.write(os.urandom(12 * 1024 * 1024 + 3))
transfer = TransferConfig(multipart_threshold=5 * 1024 * 1024, multipart_chunksize=5 * 1024 * 1024)
s3.upload_file(source, bucket, "big/source.bin", Config=transfer)
target = os.path.join(work, "target.bin")
s3.download_file(bucket, "big/source.bin", target, Config=transfer)
out["roundTrip"] = filecmp.cmp(source, target, shallow=False)

url = s3.generate_presigned_url("put_object", Params={"Bucket": bucket, "Key": "presigned/put.txt"}, ExpiresIn=600)
# An explicit type: urllib's default (a form) makes s3proxy's servlet container read the body as form parameters.
request = urllib.request.Request(url, data=b"put through a presigned URL", method="PUT",
                                 headers={"Content-Type": "application/octet-stream"})
with urllib.request.urlopen(request) as response:
    out["presignedPutStatus"] = response.status
url = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "presigned/put.txt"}, ExpiresIn=600)
with urllib.request.urlopen(url) as response:
    out["presignedGet"] = response.read().decode()

# An empty put then non-empty ones on one kept connection: without "100 Continue" before the empty one's answer,
# botocore before 1.43.77 misreads the next answer and waits for its read timeout (an error here: no retries).
for i in range(5):
    s3.put_object(Bucket=bucket, Key="page/%d" % i, Body=b"x" * i)
keys = []
pages = 0
for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix="page/", PaginationConfig={"PageSize": 2}):
    pages += 1
    keys += [o["Key"] for o in page.get("Contents", [])]
out["listedKeys"] = keys
out["pages"] = pages
print(json.dumps(out))
