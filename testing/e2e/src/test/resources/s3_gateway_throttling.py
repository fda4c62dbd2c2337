"""S3 calls through the gateway with retries off: argv = endpoint, bucket, mode; credentials from the environment.
Prints the outcome of each call, in order, as JSON."""
import json
import os
import sys

import boto3
import botocore.config
import botocore.exceptions

endpoint, bucket, mode = sys.argv[1:4]
no_retries = botocore.config.Config(retries={"total_max_attempts": 1}, s3={"addressing_style": "path"})


def s3(secret=None):
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
                        aws_secret_access_key=secret or os.environ["AWS_SECRET_ACCESS_KEY"],
                        aws_session_token=os.environ.get("AWS_SESSION_TOKEN"), config=no_retries)


def outcome(call):
    try:
        call()
        return {"code": "ok", "status": 200}
    except botocore.exceptions.ClientError as e:
        return {"code": e.response["Error"]["Code"], "message": e.response["Error"].get("Message", ""),
                "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}


seen = []
if mode == "account":
    # Eight requests: the bucket, the put, a missing key (the backend's NoSuchKey), three reads, two past the burst.
    client = s3()
    seen.append(outcome(lambda: client.create_bucket(Bucket=bucket)))
    seen.append(outcome(lambda: client.put_object(Bucket=bucket, Key="k", Body=b"throttled")))
    seen.append(outcome(lambda: client.get_object(Bucket=bucket, Key="missing")))
    seen += [outcome(lambda: client.get_object(Bucket=bucket, Key="k")["Body"].read()) for _ in range(5)]
elif mode == "own-bucket":
    client = s3()
    seen.append(outcome(lambda: client.create_bucket(Bucket=bucket)))
    seen.append(outcome(lambda: client.put_object(Bucket=bucket, Key="k", Body=b"not throttled")))
elif mode == "closed":
    client = s3()
    seen.append(outcome(lambda: client.get_object(Bucket=bucket, Key="k")))
elif mode == "failed":
    wrong, right = s3("w" * 40), s3()
    seen += [outcome(lambda: wrong.get_object(Bucket=bucket, Key="k")) for _ in range(3)]
    seen.append(outcome(lambda: right.get_object(Bucket=bucket, Key="k")))
print(json.dumps(seen))
