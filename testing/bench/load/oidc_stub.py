#!/usr/bin/env python3
"""A minimal OIDC issuer on 127.0.0.1 for the AssumeRoleWithWebIdentity load runs (plain http: Lanyard accepts it only
when started with `serve --oidc-allow-insecure-loopback`).

Usage: oidc_stub.py TOKEN_FILE AUDIENCE [SUBJECT]
Makes an RSA-2048 key, listens on a free port of 127.0.0.1, writes one RS256 ID token (iss = the issuer URL, aud =
AUDIENCE, sub = SUBJECT or "load-bench", iat = now, exp = an hour ahead, kid = the JWKS key's) to TOKEN_FILE, prints
the issuer URL (http://127.0.0.1:PORT) on standard output and then serves until it is killed:
  GET /.well-known/openid-configuration   issuer, jwks_uri, id_token_signing_alg_values_supported
  GET /jwks                               the public key
  GET /requests                           {"discovery": N, "jwks": N}: how often the two above were fetched, to check
                                          that the verifier caches them (this path is not counted)
Needs the `cryptography` package.
"""
import base64
import json
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

KEY_ID = "load-bench-1"
LIFETIME_SECONDS = 3600


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def uint(n):
    return b64url(n.to_bytes((n.bit_length() + 7) // 8, "big"))


def main(argv):
    if len(argv) not in (3, 4):
        sys.exit(__doc__)
    token_file, audience = argv[1], argv[2]
    subject = argv[3] if len(argv) == 4 else "load-bench"
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = key.public_key().public_numbers()
    counts = {"discovery": 0, "jwks": 0}
    lock = threading.Lock()
    documents = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):  # noqa: N802 (http.server's name)
            name = {"/.well-known/openid-configuration": "discovery", "/jwks": "jwks"}.get(self.path)
            if name:
                with lock:
                    counts[name] += 1
                body = documents[name]
            elif self.path == "/requests":
                with lock:
                    body = json.dumps(counts)
            else:
                self.send_error(404)
                return
            data = body.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    issuer = "http://127.0.0.1:%d" % server.server_address[1]
    documents["discovery"] = json.dumps({"issuer": issuer, "jwks_uri": issuer + "/jwks",
                                         "id_token_signing_alg_values_supported": ["RS256"],
                                         "subject_types_supported": ["public"],
                                         "response_types_supported": ["id_token"]})
    documents["jwks"] = json.dumps({"keys": [{"kty": "RSA", "use": "sig", "alg": "RS256", "kid": KEY_ID,
                                              "n": uint(public.n), "e": uint(public.e)}]})
    now = int(time.time())
    header = b64url(json.dumps({"alg": "RS256", "typ": "JWT", "kid": KEY_ID}, separators=(",", ":")).encode())
    claims = b64url(json.dumps({"iss": issuer, "aud": audience, "sub": subject, "iat": now,
                                "exp": now + LIFETIME_SECONDS}, separators=(",", ":")).encode())
    signing_input = (header + "." + claims).encode("ascii")
    signature = key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
    with open(token_file, "w") as f:
        f.write(header + "." + claims + "." + b64url(signature) + "\n")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(issuer, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv)
