"""Builds S3 uploads with boto3 exactly as it would send them, and prints them instead of sending.

Usage: boto3_s3_capture.py ENDPOINT SEEKABLE|NONSEEKABLE (credentials from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY).
A before-send hook answers 200 in place of the server, so nothing leaves the process. Prints one JSON object:
method, url, headers, body (base64) and payload (base64, what the body carries).
"""
import base64
import io
import json
import sys

import boto3
from botocore.awsrequest import AWSResponse
from botocore.config import Config

endpoint, kind = sys.argv[1], sys.argv[2]
payload = bytes((i * 7 + i // 256) % 256 for i in range(2_500_000))
captured = {}


class _Empty:
    def stream(self, **kwargs):
        return iter([b""])


def before_send(request, **kwargs):
    body = request.body
    data = body.read() if hasattr(body, "read") else (body or b"")
    if isinstance(data, str):
        data = data.encode()
    captured.update(method=request.method, url=request.url,
                    headers={k: v.decode() if isinstance(v, bytes) else v for k, v in request.headers.items()},
                    body=base64.b64encode(data).decode())
    return AWSResponse(request.url, 200, {"ETag": '"0123456789abcdef0123456789abcdef"'}, _Empty())


class NonSeekable(io.RawIOBase):
    def __init__(self, data):
        self._data = io.BytesIO(data)

    def readable(self):
        return True

    def readinto(self, buffer):
        chunk = self._data.read(len(buffer))
        buffer[:len(chunk)] = chunk
        return len(chunk)


s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                  config=Config(s3={"addressing_style": "path"}))
s3.meta.events.register("before-send.s3.PutObject", before_send)
body = NonSeekable(payload) if kind == "NONSEEKABLE" else payload
s3.put_object(Bucket="bucket", Key="dir/a key+plus/€.bin", Body=body)
captured["payload"] = base64.b64encode(payload).decode()
print(json.dumps(captured))
