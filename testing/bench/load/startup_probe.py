#!/usr/bin/env python3
"""Measures a starting Lanyard: ms from T0 to the first 200 of GET /health and of a SigV4-signed GetCallerIdentity.

Usage: startup_probe.py T0_NS PORT DATA_DIR TIMEOUT_S REGION
T0_NS is the wall clock (time.time_ns) taken just before the server was launched. One process polls every 5 ms over
loopback with plain sockets (forking a client per attempt would slow the JVM it measures on a small machine). The
signed request uses the root key from DATA_DIR/aws/credentials as soon as the server has written it; it is signed
once, by hand (stdlib only, so importing botocore costs nothing here), and the same bytes are retried.
Prints "HEALTH_MS GCI_MS" and writes the GetCallerIdentity answer to standard error on failure.
"""
import configparser
import datetime
import hashlib
import hmac
import http.client
import os
import sys
import time

BODY = b"Action=GetCallerIdentity&Version=2011-06-15"
CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8"


def _hmac(key, text):
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def signed_headers(host, region, key_id, secret):
    now = datetime.datetime.now(datetime.timezone.utc)
    amz_date, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
    canonical = "\n".join(["POST", "/", "", "content-type:" + CONTENT_TYPE, "host:" + host, "x-amz-date:" + amz_date,
                           "", "content-type;host;x-amz-date", hashlib.sha256(BODY).hexdigest()])
    scope = "%s/%s/sts/aws4_request" % (day, region)
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    key = _hmac(_hmac(_hmac(_hmac(("AWS4" + secret).encode(), day), region), "sts"), "aws4_request")
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    return {"Content-Type": CONTENT_TYPE, "X-Amz-Date": amz_date,
            "Authorization": "AWS4-HMAC-SHA256 Credential=%s/%s, SignedHeaders=content-type;host;x-amz-date, "
                             "Signature=%s" % (key_id, scope, signature)}


def root_key(data_dir):
    path = os.path.join(data_dir, "aws", "credentials")
    if not os.path.exists(path):
        return None
    parser = configparser.ConfigParser()
    parser.read(path)
    if not parser.has_section("lanyard"):
        return None
    return parser["lanyard"]["aws_access_key_id"], parser["lanyard"]["aws_secret_access_key"]


def answer(port, method, path, body=None, headers=None):
    """(status, body), or None while nothing listens."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    except OSError:
        return None
    finally:
        connection.close()


def main(argv):
    if len(argv) != 6:
        sys.exit(__doc__)
    t0, port, data_dir, limit, region = int(argv[1]), int(argv[2]), argv[3], float(argv[4]), argv[5]
    elapsed_ms = lambda: (time.time_ns() - t0) // 1_000_000  # noqa: E731
    health = gci = headers = None
    last = None
    while health is None or gci is None:
        if elapsed_ms() > limit * 1000:
            sys.stderr.write("no answer within %s s; last: %r\n" % (limit, last))
            sys.exit(1)
        if health is None:
            got = answer(port, "GET", "/health")
            if got and got[0] == 200:
                health = elapsed_ms()
        if gci is None and headers is None:
            key = root_key(data_dir)
            if key:
                headers = signed_headers("127.0.0.1:%d" % port, region, *key)
        if gci is None and headers is not None:
            last = answer(port, "POST", "/", BODY, headers)
            if last and last[0] == 200 and b"<GetCallerIdentityResponse" in last[1]:
                gci = elapsed_ms()
        time.sleep(0.005)
    print(health, gci)


if __name__ == "__main__":
    main(sys.argv)
