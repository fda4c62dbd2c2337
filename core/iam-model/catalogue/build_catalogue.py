#!/usr/bin/env python3
"""Builds the AWS managed policy catalogue shipped in the iam-model jar from AWS's published facts.

Input: shared/testdata/aws-managed-policies/aws-managed-policies.json.gz (ListPolicies --scope AWS plus each default
version's document, as AWS answered). Output: one tab-separated line per policy, gzip-compressed, so the server can
read the metadata of all 1,452 policies without parsing JSON and parse a document only when a request needs it.

Columns: PolicyName, PolicyId, Path, DefaultVersionId, CreateDate, UpdateDate, DocumentCreateDate, IsAttachable,
Document (compact JSON; its keys in the order AWS's answer held them). Lines are sorted by CreateDate, then PolicyId:
the order AWS's ListPolicies returns them in.

Usage: build_catalogue.py SHARED_JSON_GZ OUTPUT_TSV_GZ
"""
import gzip
import json
import sys


def instant(text):
    """AWS's timestamps as ISO-8601 instants in UTC ("Z"), the form java.time.Instant reads."""
    if text.endswith("+00:00"):
        return text[:-6] + "Z"
    if not text.endswith("Z"):
        raise SystemExit("timestamp not in UTC: " + text)
    return text


def main(source, target):
    with gzip.open(source, "rt", encoding="utf-8") as f:
        data = json.load(f)
    policies = sorted(data["policies"], key=lambda p: (p["CreateDate"], p["PolicyId"]))
    lines = ["# lanyard aws-managed-policies 1 %d %s" % (len(policies), data["source"].split()[-1])]
    for p in policies:
        if p["DocumentVersionId"] != p["DefaultVersionId"]:
            raise SystemExit("document is not the default version: " + p["Arn"])
        if p["Arn"] != "arn:aws:iam::aws:policy" + p["Path"] + p["PolicyName"]:
            raise SystemExit("unexpected ARN: " + p["Arn"])
        document = json.dumps(p["Document"], separators=(",", ":"), ensure_ascii=True)
        fields = [p["PolicyName"], p["PolicyId"], p["Path"], p["DefaultVersionId"], instant(p["CreateDate"]),
                  instant(p["UpdateDate"]), instant(p["DocumentCreateDate"]), "true" if p["IsAttachable"] else "false", document]
        if any("\t" in x or "\n" in x for x in fields):
            raise SystemExit("field holds a tab or newline: " + p["Arn"])
        lines.append("\t".join(fields))
    # mtime=0: the same input always gives the same bytes
    with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as out:
        out.write(("\n".join(lines) + "\n").encode("utf-8"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
