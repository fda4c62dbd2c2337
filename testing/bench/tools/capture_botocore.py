#!/usr/bin/env python3
"""Prints the botocore-signed requests that BotocoreRequests.java embeds, so the fixtures can be regenerated.

The clock is pinned to 2025-11-23T12:00:00Z and the session token is 225 seeded random bytes (300 Base64
characters, the shape of a sealed Lanyard session token); nothing is sent anywhere: the request is captured at
botocore's before-send hook. Usage: python3 testing/bench/tools/capture_botocore.py
"""
import base64
import datetime
import random

import botocore.auth
import botocore.session

FIXED = datetime.datetime(2025, 11, 23, 12, 0, 0)
botocore.auth.get_current_datetime = lambda *args, **kwargs: FIXED
ENDPOINT = "http://127.0.0.1:8955"
HOST = "127.0.0.1:8955"


class Captured(Exception):
    pass


def client(key_id, secret, token=None):
    session = botocore.session.get_session()
    sts = session.create_client("sts", region_name="us-east-1", endpoint_url=ENDPOINT, aws_access_key_id=key_id,
                                aws_secret_access_key=secret, aws_session_token=token)

    def capture(request, **kwargs):
        raise Captured(request)

    sts.meta.events.register("before-send", capture)
    return sts


def signed_post(key_id, secret, token=None):
    try:
        client(key_id, secret, token).get_caller_identity()
    except Captured as captured:
        request = captured.args[0]
        headers = [(k, v.decode() if isinstance(v, bytes) else str(v)) for k, v in request.headers.items()]
        return headers, request.body.decode() if isinstance(request.body, bytes) else request.body


def presigned_get(key_id, secret):
    return client(key_id, secret).generate_presigned_url("get_caller_identity", Params={}, ExpiresIn=900,
                                                         HttpMethod="GET")


def main():
    rnd = random.Random(7)
    token = base64.b64encode(bytes(rnd.randrange(256) for _ in range(225))).decode()
    print("token", token)
    for name, key_id, secret, tok in [
        ("sessionPost", "ASIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token),
        ("otherSessionPost", "ASIAY34FZKBOKMUTVV7A", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY", token),
        ("longTermPost", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", None),
    ]:
        headers, body = signed_post(key_id, secret, tok)
        print(name, "Host:", HOST)
        for k, v in headers:
            print(name, f"{k}: {v}")
        print(name, "body:", body)
    print("presignedGet", presigned_get("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))


if __name__ == "__main__":
    main()
