"""Identity proofs as their real makers build them, with botocore: aws-iam-authenticator's token (a presigned
GetCallerIdentity URL with the cluster ID in the signed x-k8s-aws-id header, X-Amz-Expires=60, 'k8s-aws-v1.' + its
base64url) and Vault's AWS IAM login data (a signed POST of GetCallerIdentity with the server ID in the signed
X-Vault-AWS-IAM-Server-ID header, each part base64-encoded). Prints both as JSON."""
import base64
import json
import sys

import botocore.session
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest

endpoint, cluster, server_id = sys.argv[1:4]
session = botocore.session.get_session()
sts = session.create_client("sts", region_name="us-east-1", endpoint_url=endpoint)


def add_cluster_id(request, **kwargs):
    request.headers["x-k8s-aws-id"] = cluster


# aws-iam-authenticator (pkg/token): the same presign, the same header, the same prefix
sts.meta.events.register("before-sign.sts.GetCallerIdentity", add_cluster_id)
url = sts.generate_presigned_url("get_caller_identity", Params={}, ExpiresIn=60, HttpMethod="GET")
eks = "k8s-aws-v1." + base64.urlsafe_b64encode(url.encode()).decode().rstrip("=")

# Vault (builtin/credential/aws/cli.go GenerateLoginData)
body = "Action=GetCallerIdentity&Version=2011-06-15"
request = AWSRequest(method="POST", url=endpoint + "/", data=body,
                     headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                              "X-Vault-AWS-IAM-Server-ID": server_id})
SigV4Auth(session.get_credentials(), "sts", "us-east-1").add_auth(request)
headers = {name: [value] for name, value in request.headers.items()}
vault = {
    "iam_http_request_method": "POST",
    "iam_request_url": base64.b64encode((endpoint + "/").encode()).decode(),
    "iam_request_body": base64.b64encode(body.encode()).decode(),
    "iam_request_headers": base64.b64encode(json.dumps(headers).encode()).decode(),
}
print(json.dumps({"eks": eks, "vault": vault}))
