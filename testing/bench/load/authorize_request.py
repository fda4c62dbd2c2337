"""Writes a wrk script that replays one authorization API call: the orders service (its key) asking about a GET a
client (another key) signed with botocore for 'orders'. The same signed bytes every time: each replay is verified in
full (the call's signature, the client's signature, the decision), within the signatures' 15-minute window.

Sends the call once first and fails unless Lanyard allows it, so the load measures allowed decisions.

Usage: authorize_request.py ENDPOINT SERVICE_KEY SERVICE_SECRET CLIENT_KEY CLIENT_SECRET RESOURCE STATS_LUA OUT_LUA"""
import hashlib
import json
import sys
import urllib.request

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

endpoint, service_id, service_secret, client_id, client_secret, resource, stats, out = sys.argv[1:9]
client = AWSRequest(method="GET", url="http://orders.example.test/orders/42")
SigV4Auth(Credentials(client_id, client_secret), "orders", "us-east-1").add_auth(client)
headers = {name: [value] for name, value in client.headers.items()}
headers["Host"] = ["orders.example.test"]
question = json.dumps({
    "Request": {"Method": "GET", "Path": "/orders/42", "Query": "", "Headers": headers,
                "PayloadHash": hashlib.sha256(b"").hexdigest()},
    "Action": "orders:GetOrder", "Resource": resource, "SourceIp": "198.51.100.7"})
call = AWSRequest(method="POST", url=endpoint + "/authorize/v1", data=question.encode(),
                  headers={"Content-Type": "application/json"})
SigV4Auth(Credentials(service_id, service_secret), "lanyard", "us-east-1").add_auth(call)


def lua(text):
    return json.dumps(text)  # a JSON string is a valid Lua string literal for this ASCII text


with open(out, "w") as script:
    script.write('wrk.method = "POST"\n')
    script.write("wrk.body = %s\n" % lua(question))
    for name, value in call.headers.items():
        script.write("wrk.headers[%s] = %s\n" % (lua(name), lua(value)))
    script.write("dofile(%s)\n" % lua(stats))

prepared = call.prepare()
with urllib.request.urlopen(urllib.request.Request(prepared.url, data=prepared.body, method="POST",
                                                   headers=dict(prepared.headers))) as answer:
    decision = json.loads(answer.read())
if not decision.get("Allowed"):
    sys.exit("the call is not allowed: %s" % json.dumps(decision))
