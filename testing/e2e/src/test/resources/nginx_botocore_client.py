"""A client of a service behind nginx, signing with botocore's SigV4 signer for the service's own name. Reads a
list of requests as JSON on stdin; prints the status and the body nginx answered to each."""
import json
import sys
import urllib.error
import urllib.request

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def send(case):
    request = AWSRequest(method=case["method"], url=case["url"], data=case["body"].encode() or None,
                         headers=case.get("headers", {}))
    if case.get("sign", True):
        SigV4Auth(Credentials(case["id"], case["secret"]), case["signingName"], "us-east-1").add_auth(request)
    prepared = request.prepare()
    headers = dict(prepared.headers)
    headers.update(case.get("unsignedHeaders", {}))
    try:
        with urllib.request.urlopen(urllib.request.Request(prepared.url, data=prepared.body, method=case["method"],
                                                           headers=headers)) as answer:
            return {"status": answer.status, "body": answer.read().decode()}
    except urllib.error.HTTPError as error:
        return {"status": error.code, "body": error.read().decode()}


print(json.dumps([send(case) for case in json.load(sys.stdin)]))
