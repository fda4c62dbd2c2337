"""Checks raw AWS answers against botocore's service models, as the wire carries them.

Query protocol (IAM, STS): the <OperationResponse> element in the service's namespace, then <OperationResult> exactly
when the operation has an output shape (present even when empty), then <ResponseMetadata><RequestId> matching the
x-amzn-RequestId header. Inside, every structure's children are members of its shape, each at most once and in the
order the model lists them; required members are present; lists wrap their items in <member>, maps in <entry> with
<key> and <value>; scalars have their type's form (timestamps as AWS writes them, true/false, integers) and satisfy
the model's enum, length, range and pattern constraints.

JSON protocol (Organizations): the body is one object with the output shape's members only, required ones present,
every value of its type (timestamps as epoch seconds).
"""
import base64
import json
import re
import xml.etree.ElementTree as ET

INTEGER = re.compile(r"-?[0-9]+")
# AWS writes IAM dates in whole seconds (2019-11-01T20:26:47Z); STS may add milliseconds (Expiration).
TIMESTAMP = {"iam": re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"),
             "sts": re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{3})?Z")}


def java_pattern(pattern):
    """The model's patterns are Java regular expressions; Python's re lacks \\p{..} classes, so those are skipped."""
    if "\\p{" in pattern:
        return None
    try:
        return re.compile(pattern)
    except re.error:
        return None


# Where AWS's own answers break its model, the checker accepts exactly that: (operation, path, problem) patterns.
AWS_DEVIATIONS = [
    # GetUser without a name, called by the root user: AWS describes the root user by the account ID as UserId, its
    # ARN and creation date, with no UserName or Path (Lanyard answers the same; docs/compatibility.md).
    (r"GetUser", r"GetUserResult\.User", r"required member (UserName|Path) is missing"),
    (r"GetUser", r"GetUserResult\.User\.UserId", r"length 12 below the model's minimum 16"),
    # The policy simulator names the type of a custom or identity policy "IAM Policy", outside the model's enum
    # (recorded: LocalStack tests/aws/services/iam/test_iam.py SimulatePrincipalPolicy snapshots, 2025).
    (r"Simulate(Custom|Principal)Policy", r".*\.MatchedStatements\[\d+\]\.SourcePolicyType",
     r"'IAM Policy' is not one of"),
    # Not recorded from AWS, a choice (docs/compatibility.md, "Known differences"): the model fixes an SSH key's
    # Fingerprint at 48 characters, but an MD5 digest in the colon form ssh-keygen -E md5 prints is 47.
    (r"(Upload|Get)SSHPublicKey", r"\w+Result\.SSHPublicKey\.Fingerprint", r"length 47 below the model's minimum 48"),
]


class Problems:
    def __init__(self):
        self.items = []

    def add(self, operation, path, text):
        for op, where, what in AWS_DEVIATIONS:
            if re.fullmatch(op, operation) and re.fullmatch(where, path) and re.match(what, text):
                return
        self.items.append("%s %s: %s" % (operation, path, text))


def local(tag):
    return tag.split("}", 1)[1] if tag.startswith("{") else tag


def check_query(problems, operation_model, status, headers, body):
    service = operation_model.service_model
    op = operation_model.name
    ns = "{%s}" % service.metadata["xmlNamespace"]
    if status != 200:
        problems.add(op, "", "HTTP %s" % status)
        return
    if not headers.get("content-type", "").startswith("text/xml"):
        problems.add(op, "", "Content-Type %r" % headers.get("content-type"))
    try:
        root = ET.fromstring(body)
    except ET.ParseError as e:
        problems.add(op, "", "not XML: %s" % e)
        return
    if root.tag != ns + op + "Response":
        problems.add(op, "", "root element %s, expected %s" % (root.tag, ns + op + "Response"))
    children = list(root)
    output = operation_model.output_shape
    if output is not None:
        if not children or children[0].tag != ns + op + "Result":
            problems.add(op, "", "no <%sResult> element (boto3 and the CLI raise KeyError)" % op)
        else:
            check_structure(problems, op, service.service_name, op + "Result", children.pop(0), output, ns)
    if [c.tag for c in children] != [ns + "ResponseMetadata"]:
        problems.add(op, "", "elements after the result: %s, expected ResponseMetadata" % [local(c.tag) for c in children])
        return
    metadata = list(children[0])
    if [c.tag for c in metadata] != [ns + "RequestId"] or not (metadata[0].text or "").strip():
        problems.add(op, "ResponseMetadata", "expected one non-empty RequestId")
    elif metadata[0].text != headers.get("x-amzn-requestid"):
        problems.add(op, "ResponseMetadata", "RequestId %s differs from the x-amzn-RequestId header %s"
                     % (metadata[0].text, headers.get("x-amzn-requestid")))


def check_structure(problems, op, service, path, element, shape, ns):
    names = list(shape.members)
    wire = {shape.members[m].serialization.get("name", m): m for m in names}
    last = -1
    seen = set()
    if (element.text or "").strip():
        problems.add(op, path, "text inside a structure")
    for child in element:
        if not child.tag.startswith(ns):
            problems.add(op, path, "element %s outside the service namespace" % child.tag)
        name = local(child.tag)
        member = wire.get(name)
        if member is None:
            problems.add(op, path, "%s is not a member of %s" % (name, shape.name))
            continue
        if member in seen:
            problems.add(op, path, "%s appears twice" % name)
        seen.add(member)
        index = names.index(member)
        if index < last:
            problems.add(op, path, "%s comes after %s; the model's order is %s" % (name, names[last], names))
        last = max(last, index)
        check_value(problems, op, service, path + "." + name, child, shape.members[member], ns)
    for required in shape.required_members:
        if required not in seen:
            problems.add(op, path, "required member %s is missing" % required)


def check_value(problems, op, service, path, element, shape, ns):
    kind = shape.type_name
    if kind == "structure":
        check_structure(problems, op, service, path, element, shape, ns)
    elif kind == "list":
        if (element.text or "").strip():
            problems.add(op, path, "text inside a list")
        for i, child in enumerate(element):
            if local(child.tag) != "member":
                problems.add(op, path, "list item <%s>, expected <member>" % local(child.tag))
            check_value(problems, op, service, "%s[%d]" % (path, i), child, shape.member, ns)
        check_length(problems, op, path, len(list(element)), shape)
    elif kind == "map":
        for i, entry in enumerate(element):
            parts = [local(c.tag) for c in entry]
            if local(entry.tag) != "entry" or parts != ["key", "value"]:
                problems.add(op, path, "map item <%s> with %s, expected <entry><key/><value/>" % (local(entry.tag), parts))
                continue
            check_value(problems, op, service, "%s{%d}.key" % (path, i), entry[0], shape.key, ns)
            check_value(problems, op, service, "%s{%d}.value" % (path, i), entry[1], shape.value, ns)
    else:
        if len(list(element)):
            problems.add(op, path, "elements inside a %s" % kind)
        check_scalar(problems, op, service, path, element.text or "", shape)


def check_scalar(problems, op, service, path, text, shape):
    kind = shape.type_name
    if kind == "string":
        enum = shape.metadata.get("enum")
        if enum and text not in enum:
            problems.add(op, path, "%r is not one of %s" % (text, enum))
        check_length(problems, op, path, len(text), shape)
        pattern = shape.metadata.get("pattern")
        compiled = java_pattern(pattern) if pattern else None
        if compiled and not compiled.fullmatch(text):
            problems.add(op, path, "%r does not match the model's pattern %s" % (text[:80], pattern))
    elif kind in ("integer", "long"):
        if not INTEGER.fullmatch(text):
            problems.add(op, path, "%r is not an integer" % text)
        else:
            check_range(problems, op, path, int(text), shape)
    elif kind == "boolean":
        if text not in ("true", "false"):
            problems.add(op, path, "%r is not true or false" % text)
    elif kind == "timestamp":
        if not TIMESTAMP[service].fullmatch(text):
            problems.add(op, path, "%r is not a timestamp as AWS writes it" % text)
    elif kind == "blob":
        try:
            base64.b64decode(text, validate=True)
        except ValueError:
            problems.add(op, path, "not base64")
    elif kind in ("double", "float"):
        try:
            float(text)
        except ValueError:
            problems.add(op, path, "%r is not a number" % text)


def check_length(problems, op, path, length, shape):
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    if low is not None and length < low:
        problems.add(op, path, "length %d below the model's minimum %d" % (length, low))
    if high is not None and length > high:
        problems.add(op, path, "length %d above the model's maximum %d" % (length, high))


def check_range(problems, op, path, value, shape):
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    if low is not None and value < low:
        problems.add(op, path, "%d below the model's minimum %d" % (value, low))
    if high is not None and value > high:
        problems.add(op, path, "%d above the model's maximum %d" % (value, high))


def check_json(problems, operation_model, status, headers, body):
    op = operation_model.name
    if status != 200:
        problems.add(op, "", "HTTP %s" % status)
        return
    if not headers.get("content-type", "").startswith("application/x-amz-json-1.1"):
        problems.add(op, "", "Content-Type %r" % headers.get("content-type"))
    if not headers.get("x-amzn-requestid"):
        problems.add(op, "", "no x-amzn-RequestId header")
    try:
        document = json.loads(body) if body else {}
    except ValueError as e:
        problems.add(op, "", "not JSON: %s" % e)
        return
    output = operation_model.output_shape
    if output is None:
        if document:
            problems.add(op, "", "a body for an operation without output: %r" % document)
        return
    check_json_value(problems, op, op + "Result", document, output)


def check_json_value(problems, op, path, value, shape):
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            problems.add(op, path, "expected an object")
            return
        for name, item in value.items():
            if name not in shape.members:
                problems.add(op, path, "%s is not a member of %s" % (name, shape.name))
            elif item is None:
                problems.add(op, path, "%s is null (AWS leaves absent members out)" % name)
            else:
                check_json_value(problems, op, path + "." + name, item, shape.members[name])
        for required in shape.required_members:
            if required not in value:
                problems.add(op, path, "required member %s is missing" % required)
    elif kind == "list":
        if not isinstance(value, list):
            problems.add(op, path, "expected an array")
            return
        for i, item in enumerate(value):
            check_json_value(problems, op, "%s[%d]" % (path, i), item, shape.member)
        check_length(problems, op, path, len(value), shape)
    elif kind == "map":
        if not isinstance(value, dict):
            problems.add(op, path, "expected an object")
            return
        for key, item in value.items():
            check_json_value(problems, op, path + "{" + key + "}", item, shape.value)
    elif kind == "string":
        if not isinstance(value, str):
            problems.add(op, path, "%r is not a string" % (value,))
        else:
            check_scalar(problems, op, "iam", path, value, shape)
    elif kind in ("integer", "long"):
        if not isinstance(value, int) or isinstance(value, bool):
            problems.add(op, path, "%r is not an integer" % (value,))
    elif kind == "boolean":
        if not isinstance(value, bool):
            problems.add(op, path, "%r is not a boolean" % (value,))
    elif kind == "timestamp":
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            problems.add(op, path, "%r is not epoch seconds" % (value,))
