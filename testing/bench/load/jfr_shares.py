"""Shares of a JFR recording's CPU samples (jdk.ExecutionSample): for each named part of the request path, the
percentage of samples with a frame of that part anywhere on the stack (inclusive, so parts nest: the audit trail is
inside the pipeline); then each sample given to one owner alone, the owner of the frame nearest the top of the stack
(exclusive: JDK and library frames count for the code that called them, so the shares add up to 100%); then the
methods most often on top of the stack (self time).

Usage: jfr_shares.py RECORDING.jfr [TOP]   (JAVA_HOME/bin/jfr, or jfr on the PATH, prints the samples)"""
import collections
import os
import re
import subprocess
import sys

# part -> regular expression over a frame's "package.Class.method" text
PARTS = [
    ("audit trail (building, serializing, writing records)",
     r"dev\.lanyard\.(pipeline\.AuditTrail|pipeline\.AuditElements|iam\.spi\.CloudTrailJson|server\.FileAuditSink"
     r"|server\.AuditSinks|server\.LogAuditSink|authz\.AuditIdentities|authorizeapi\.AuthorizeEndpoint\.audit)"),
    ("  file sink write(2) and its lock", r"dev\.lanyard\.server\.FileAuditSink\.write"),
    ("  JSON record (CloudTrailJson)", r"dev\.lanyard\.iam\.spi\.CloudTrailJson\."),
    ("  request/response elements (AuditElements)", r"dev\.lanyard\.pipeline\.AuditElements\."),
    ("SigV4 verification", r"dev\.lanyard\.sigv4\."),
    ("session token (open/seal)", r"dev\.lanyard\.(token|tokens)\."),
    ("policy evaluation", r"dev\.lanyard\.policy\."),
    ("metrics (Micrometer and ours)", r"(io\.micrometer\.|dev\.lanyard\.server\.Metrics)"),
    ("usage tracking", r"dev\.lanyard\.\w+\.Usage"),
    ("Query parsing and XML answers", r"dev\.lanyard\.query\."),
    ("Helidon (server, routing, HTTP/1)", r"io\.helidon\."),
    ("  Helidon routing", r"io\.helidon\.webserver\.http\.(HttpRouting|HttpRoutingImpl|RoutingRequest|Filters)"),
    ("JDK crypto (HMAC, SHA, AES)", r"(com\.sun\.crypto\.|sun\.security\.|javax\.crypto\.)"),
    ("jackson", r"com\.fasterxml\.jackson\."),
    ("socket I/O (sun.nio.ch)", r"sun\.nio\.ch\."),
]

# owner -> regular expression; a sample belongs to the owner of its frame nearest the top of the stack
OWNERS = [
    ("audit trail", PARTS[0][1]),
    ("SigV4 verification", r"dev\.lanyard\.sigv4\."),
    ("session tokens", r"dev\.lanyard\.(token|tokens)\."),
    ("policy evaluation", r"dev\.lanyard\.policy\."),
    ("metrics", r"(io\.micrometer\.|dev\.lanyard\.server\.Micrometer)"),
    ("usage tracking", r"dev\.lanyard\.\w+\.Usage"),
    ("Query protocol (parse, XML)", r"dev\.lanyard\.query\."),
    ("authorization API", r"dev\.lanyard\.authorizeapi\."),
    ("other Lanyard code", r"dev\.lanyard\."),
    ("Helidon", r"io\.helidon\."),
]

FRAME = re.compile(r"^\s+([\w$.<>/]+)\(")


def samples(recording):
    jfr = os.path.join(os.environ.get("JAVA_HOME", ""), "bin", "jfr")
    if not os.path.exists(jfr):
        jfr = "jfr"
    text = subprocess.run([jfr, "print", "--events", "jdk.ExecutionSample", "--stack-depth", "200", recording],
                          check=True, capture_output=True, text=True).stdout
    stack = None
    for line in text.splitlines():
        if line.startswith("jdk.ExecutionSample"):
            stack = []
        elif line.strip() == "]" and stack is not None:
            yield stack
            stack = None
        elif stack is not None:
            match = FRAME.match(line)
            if match:
                stack.append(match.group(1))


def main():
    recording = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    compiled = [(name, re.compile(pattern)) for name, pattern in PARTS]
    counts = collections.Counter()
    owners = [(name, re.compile(pattern)) for name, pattern in OWNERS]
    owned = collections.Counter()
    leaves = collections.Counter()
    total = 0
    for stack in samples(recording):
        if not stack:
            continue
        total += 1
        leaves[stack[0]] += 1
        owned[next((name for frame in stack for name, pattern in owners if pattern.search(frame)), "other (JVM)")] += 1
        for name, pattern in compiled:
            if any(pattern.search(frame) for frame in stack):
                counts[name] += 1
    print("%d samples in %s" % (total, recording))
    for name, _ in compiled:
        print("%5.1f%%  %s" % (100.0 * counts[name] / max(total, 1), name))
    print("exclusive, by owner of the frame nearest the top:")
    for name, n in owned.most_common():
        print("%5.1f%%  %s" % (100.0 * n / max(total, 1), name))
    print("top of the stack:")
    for frame, n in leaves.most_common(top):
        print("%5.1f%%  %s" % (100.0 * n / max(total, 1), frame))


if __name__ == "__main__":
    main()
