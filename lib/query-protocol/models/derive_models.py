#!/usr/bin/env python3
"""Derives the service model files Lanyard ships from botocore's AWS service models.

The files hold only what the server needs at run time: each operation's input and output shape, the members of each
structure in the model's order (with their required flag), list and map members, and the constraints of scalar
shapes (length or value range, pattern, enum values, sensitive). Documentation is left out.

    python3 lib/query-protocol/models/derive_models.py          # rewrites the files
    python3 lib/query-protocol/models/derive_models.py --check  # exits 1 when a file differs from the installed model

botocore's data is licensed under the Apache License 2.0 (Copyright Amazon.com, Inc. or its affiliates).
"""
import gzip
import json
import os
import sys

import botocore

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
SERVICES = [
    ("iam", "2010-05-08", "core/iam-api/src/main/resources/dev/lanyard/iamapi/iam-model.tsv"),
    ("sts", "2011-06-15", "core/sts/src/main/resources/dev/lanyard/sts/sts-model.tsv"),
]
SCALARS = {"string", "integer", "long", "boolean", "timestamp", "blob", "double", "float"}


def load(service, version):
    path = os.path.join(os.path.dirname(botocore.__file__), "data", service, version, "service-2.json.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def reachable(model):
    shapes = model["shapes"]
    seen = []
    todo = []
    for op in model["operations"].values():
        for key in ("input", "output"):
            if key in op:
                todo.append(op[key]["shape"])
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.append(name)
        shape = shapes[name]
        if shape["type"] == "structure":
            todo.extend(m["shape"] for m in shape["members"].values())
        elif shape["type"] == "list":
            todo.append(shape["member"]["shape"])
        elif shape["type"] == "map":
            todo.extend([shape["key"]["shape"], shape["value"]["shape"]])
    return sorted(seen)


def dash(value):
    return "-" if value is None else str(value)


def derive(service, version):
    model = load(service, version)
    shapes = model["shapes"]
    lines = [
        f"# {service} {version}: derived from botocore {botocore.__version__} data/{service}/{version}/service-2.json.gz",
        "# (Apache License 2.0, Copyright Amazon.com, Inc. or its affiliates) by lib/query-protocol/models/"
        "derive_models.py.",
        "# Do not edit: run the script. Fields are separated by tabs; '-' marks an absent value.",
    ]
    for name in sorted(model["operations"]):
        op = model["operations"][name]
        lines.append("\t".join(["operation", name, op.get("input", {}).get("shape", "-"),
                                op.get("output", {}).get("shape", "-")]))
    for name in reachable(model):
        shape = shapes[name]
        kind = shape["type"]
        if kind == "structure":
            required = set(shape.get("required", []))
            members = [f"{m}:{t['shape']}{':required' if m in required else ''}" for m, t in shape["members"].items()]
            lines.append("\t".join(["structure", name] + members))
        elif kind == "list":
            lines.append("\t".join(["list", name, shape["member"]["shape"], dash(shape.get("min")),
                                    dash(shape.get("max"))]))
        elif kind == "map":
            lines.append("\t".join(["map", name, shape["key"]["shape"], shape["value"]["shape"]]))
        elif kind in SCALARS:
            lines.append("\t".join(["scalar", kind, name, dash(shape.get("min")), dash(shape.get("max")),
                                    "sensitive" if shape.get("sensitive") else "-", dash(shape.get("pattern"))]
                                   + shape.get("enum", [])))
        else:
            raise SystemExit(f"{service}: shape {name} has an unknown type {kind}")
    return "\n".join(lines) + "\n"


def main():
    check = "--check" in sys.argv[1:]
    stale = []
    for service, version, target in SERVICES:
        text = derive(service, version)
        path = os.path.join(ROOT, target)
        if check:
            with open(path, encoding="utf-8") as f:
                # The first line names the botocore version; the shapes must agree, not the version.
                if f.read().split("\n", 1)[1] != text.split("\n", 1)[1]:
                    stale.append(target)
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    if stale:
        print("stale (rerun lib/query-protocol/models/derive_models.py): " + ", ".join(stale))
        sys.exit(1)


if __name__ == "__main__":
    main()
