"""A client and a service as botocore signs them: the client signs its request for the service's own name
('orders'); the service, holding only the headers, path and body it received, asks Lanyard's authorization API,
signing that call for 'lanyard' with its own key. Reads a list of cases as JSON on stdin, prints Lanyard's answers
(one process for every case: importing botocore takes seconds)."""
import hashlib
import json
import sys
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def credentials(c):
    return Credentials(c["id"], c["secret"], c.get("token"))


def ask(case):
    # the client
    body = case["body"].encode()
    request = AWSRequest(method=case["method"], url=case["url"], data=body)
    SigV4Auth(credentials(case["client"]), case.get("signingName", "orders"), case.get("region", "us-east-1")) \
        .add_auth(request)
    url = urlsplit(case["url"])
    headers = {name: [value] for name, value in request.headers.items()}
    headers["Host"] = [url.netloc]

    # the service, on receiving it
    question = {
        "Request": {"Method": case["method"], "Path": url.path, "Query": url.query, "Headers": headers,
                    "PayloadHash": hashlib.sha256(case.get("receivedBody", case["body"]).encode()).hexdigest()},
        "Action": case["action"], "Resource": case["resource"], "SourceIp": "198.51.100.7",
    }
    call = AWSRequest(method="POST", url=case["endpoint"] + "/authorize/v1", data=json.dumps(question).encode(),
                      headers={"Content-Type": "application/json"})
    SigV4Auth(credentials(case["service"]), "lanyard", "us-east-1").add_auth(call)
    prepared = call.prepare()
    try:
        with urllib.request.urlopen(urllib.request.Request(prepared.url, data=prepared.body, method="POST",
                                                           headers=dict(prepared.headers))) as answer:
            return {"status": answer.status, "body": json.loads(answer.read())}
    except urllib.error.HTTPError as error:
        return {"status": error.code, "body": json.loads(error.read())}


print(json.dumps([ask(case) for case in json.load(sys.stdin)]))
