"""boto3 against Lanyard for SSH public keys, signing and server certificates, service-specific credentials, STS
preferences, the Organizations-root features and delegation requests. argv = endpoint, root key id, root secret,
account. Keys and certificates are made by ssh-keygen and openssl. Every answer's XML is checked against the botocore
model: members in the model's order, required members present. Prints OK, or fails with the first difference."""
import datetime
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import boto3
import botocore.exceptions

endpoint, key_id, secret, account = sys.argv[1:5]
work = tempfile.mkdtemp(prefix="iam-credentials-")
checked = set()


def run(*command):
    subprocess.run(command, check=True, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def read(name):
    with open(os.path.join(work, name)) as f:
        return f.read()


def strip_ns(tag):
    return tag.split("}", 1)[1] if "}" in tag else tag


def check_shape(shape, element, where):
    """The element's children follow the shape: known members, in the model's order, required ones present."""
    if shape.type_name == "structure":
        names = [strip_ns(c.tag) for c in element]
        members = list(shape.members)
        wire = [shape.members[m].serialization.get("name", m) for m in members]
        unknown = [n for n in names if n not in wire]
        assert not unknown, "%s: members not in the model: %s" % (where, unknown)
        positions = [wire.index(n) for n in names]
        assert positions == sorted(positions), "%s: order %s, model %s" % (where, names, wire)
        for m in shape.required_members:
            assert shape.members[m].serialization.get("name", m) in names, "%s: required %s missing" % (where, m)
        for child in element:
            member = shape.members[members[wire.index(strip_ns(child.tag))]]
            check_shape(member, child, where + "." + strip_ns(child.tag))
    elif shape.type_name == "list":
        for child in element:
            assert strip_ns(child.tag) == "member", "%s: list item %s" % (where, child.tag)
            check_shape(shape.member, child, where + "[]")


def on_response(http_response, operation_model, **kwargs):
    if http_response.status_code != 200 or operation_model.output_shape is None:
        return
    root = ET.fromstring(http_response.content)
    result = [c for c in root if strip_ns(c.tag) == operation_model.name + "Result"]
    assert result, "%s: no %sResult element" % (operation_model.name, operation_model.name)
    check_shape(operation_model.output_shape, result[0], operation_model.name)
    checked.add(operation_model.name)


def client(service, creds):
    c = boto3.client(service, endpoint_url=endpoint, region_name="us-east-1", **creds)
    if service == "iam":
        c.meta.events.register("after-call", lambda http_response, model, **kw: on_response(http_response, model))
    return c


def error(call, **kwargs):
    try:
        call(**kwargs)
    except botocore.exceptions.ClientError as e:
        return e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"]["Message"]
    raise AssertionError("%s succeeded: %s" % (call.__name__, kwargs))


def expect(got, code, status):
    assert got[0] == code and got[1] == status, "expected %s %s, got %s" % (code, status, got)


root = {"aws_access_key_id": key_id, "aws_secret_access_key": secret}
iam = client("iam", root)
iam.create_user(UserName="coder")

# SSH public keys: ssh-rsa and PEM, fingerprints as ssh-keygen computes them, five per user, duplicates refused
for i in range(6):
    run("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-C", "k%d" % i, "-f", "k%d" % i)
run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", "ed")
pem_public = subprocess.run(["ssh-keygen", "-e", "-m", "PKCS8", "-f", "k1.pub"], cwd=work, check=True,
                            capture_output=True, text=True).stdout
rsa_public = subprocess.run(["ssh-keygen", "-e", "-m", "PEM", "-f", "k2.pub"], cwd=work, check=True,
                            capture_output=True, text=True).stdout
run("openssl", "genrsa", "-out", "small.pem", "1024")
small = subprocess.run(["openssl", "rsa", "-in", "small.pem", "-pubout"], cwd=work, check=True,
                       capture_output=True, text=True).stdout

up = iam.upload_ssh_public_key(UserName="coder", SSHPublicKeyBody=read("k0.pub"))["SSHPublicKey"]
md5 = subprocess.run(["ssh-keygen", "-l", "-E", "md5", "-f", "k0.pub"], cwd=work, check=True, capture_output=True,
                     text=True).stdout.split()[1]
assert "MD5:" + up["Fingerprint"] == md5, (up["Fingerprint"], md5)
assert up["SSHPublicKeyId"].startswith("APKA") and len(up["SSHPublicKeyId"]) == 20
assert up["Status"] == "Active" and up["UserName"] == "coder"
pem_up = iam.upload_ssh_public_key(UserName="coder", SSHPublicKeyBody=pem_public)["SSHPublicKey"]
iam.upload_ssh_public_key(UserName="coder", SSHPublicKeyBody=rsa_public)
got = iam.get_ssh_public_key(UserName="coder", SSHPublicKeyId=up["SSHPublicKeyId"], Encoding="SSH")["SSHPublicKey"]
assert got["SSHPublicKeyBody"] == " ".join(read("k0.pub").split()[:2]), got["SSHPublicKeyBody"]
as_pem = iam.get_ssh_public_key(UserName="coder", SSHPublicKeyId=pem_up["SSHPublicKeyId"],
                                Encoding="PEM")["SSHPublicKey"]["SSHPublicKeyBody"]
assert as_pem.strip() == pem_public.strip(), as_pem
as_ssh = iam.get_ssh_public_key(UserName="coder", SSHPublicKeyId=pem_up["SSHPublicKeyId"],
                                Encoding="SSH")["SSHPublicKey"]["SSHPublicKeyBody"]
assert as_ssh == " ".join(read("k1.pub").split()[:2])
expect(error(iam.upload_ssh_public_key, UserName="coder", SSHPublicKeyBody=" ".join(read("k0.pub").split()[:2] + ["other"])),
       "DuplicateSSHPublicKey", 400)
expect(error(iam.upload_ssh_public_key, UserName="coder", SSHPublicKeyBody=read("ed.pub")), "InvalidPublicKey", 400)
expect(error(iam.upload_ssh_public_key, UserName="coder", SSHPublicKeyBody=small), "InvalidPublicKey", 400)
expect(error(iam.upload_ssh_public_key, UserName="coder", SSHPublicKeyBody="ssh-rsa AAAAnotbase64!"),
       "InvalidPublicKey", 400)
expect(error(iam.upload_ssh_public_key, UserName="coder", SSHPublicKeyBody="hello there"),
       "UnrecognizedPublicKeyEncoding", 400)
expect(error(iam.upload_ssh_public_key, UserName="nobody", SSHPublicKeyBody=read("k3.pub")), "NoSuchEntity", 404)
iam.upload_ssh_public_key(UserName="coder", SSHPublicKeyBody=read("k3.pub"))
iam.upload_ssh_public_key(UserName="coder", SSHPublicKeyBody=read("k4.pub"))
expect(error(iam.upload_ssh_public_key, UserName="coder", SSHPublicKeyBody=read("k5.pub")), "LimitExceeded", 409)
pages = list(iam.get_paginator("list_ssh_public_keys").paginate(UserName="coder", PaginationConfig={"PageSize": 2}))
listed = [k["SSHPublicKeyId"] for p in pages for k in p["SSHPublicKeys"]]
assert len(pages) == 3 and len(listed) == 5 and len(set(listed)) == 5, pages
iam.update_ssh_public_key(UserName="coder", SSHPublicKeyId=up["SSHPublicKeyId"], Status="Inactive")
assert iam.get_ssh_public_key(UserName="coder", SSHPublicKeyId=up["SSHPublicKeyId"],
                              Encoding="SSH")["SSHPublicKey"]["Status"] == "Inactive"
expect(error(iam.delete_user, UserName="coder"), "DeleteConflict", 409)
iam.delete_ssh_public_key(UserName="coder", SSHPublicKeyId=up["SSHPublicKeyId"])
expect(error(iam.get_ssh_public_key, UserName="coder", SSHPublicKeyId=up["SSHPublicKeyId"], Encoding="SSH"),
       "NoSuchEntity", 404)
expect(error(iam.delete_ssh_public_key, UserName="coder", SSHPublicKeyId=up["SSHPublicKeyId"]), "NoSuchEntity", 404)

# Signing certificates: X.509, two per user, one certificate once per account, the root user's own without a name
for name in ("s1", "s2", "s3"):
    run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".crt",
        "-days", "30", "-subj", "/CN=" + name)
iam.create_user(UserName="signer")
cert = iam.upload_signing_certificate(UserName="signer", CertificateBody=read("s1.crt"))["Certificate"]
assert cert["Status"] == "Active" and cert["UserName"] == "signer" and len(cert["CertificateId"]) >= 24
expect(error(iam.upload_signing_certificate, UserName="coder", CertificateBody=read("s1.crt")),
       "DuplicateCertificate", 409)
expect(error(iam.upload_signing_certificate, UserName="signer", CertificateBody="not a certificate"),
       "MalformedCertificate", 400)
iam.upload_signing_certificate(UserName="signer", CertificateBody=read("s2.crt"))
expect(error(iam.upload_signing_certificate, UserName="signer", CertificateBody=read("s3.crt")), "LimitExceeded", 409)
listed = [c for p in iam.get_paginator("list_signing_certificates").paginate(
    UserName="signer", PaginationConfig={"PageSize": 1}) for c in p["Certificates"]]
assert len(listed) == 2, listed
iam.update_signing_certificate(UserName="signer", CertificateId=cert["CertificateId"], Status="Inactive")
assert {c["CertificateId"]: c["Status"] for c in listed} and [c["Status"] for c in iam.list_signing_certificates(
    UserName="signer")["Certificates"] if c["CertificateId"] == cert["CertificateId"]] == ["Inactive"]
expect(error(iam.update_signing_certificate, UserName="signer", CertificateId="A" * 32, Status="Active"),
       "NoSuchEntity", 404)
root_cert = iam.upload_signing_certificate(CertificateBody=read("s3.crt"))["Certificate"]
assert root_cert["UserName"] == account, root_cert
assert iam.get_account_summary()["SummaryMap"]["AccountSigningCertificatesPresent"] == 1
iam.delete_signing_certificate(CertificateId=root_cert["CertificateId"])
iam.delete_signing_certificate(UserName="signer", CertificateId=cert["CertificateId"])
expect(error(iam.delete_signing_certificate, UserName="signer", CertificateId=cert["CertificateId"]),
       "NoSuchEntity", 404)

# Server certificates: certificate, chain and key checked together (RSA PKCS#8 and PKCS#1, EC SEC1)
run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "60",
    "-subj", "/CN=test-ca")
run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "web.key", "-out", "web.csr", "-subj", "/CN=web")
run("openssl", "x509", "-req", "-in", "web.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out",
    "web.crt", "-days", "30")
run("openssl", "rsa", "-in", "web.key", "-traditional", "-out", "web-pkcs1.key")
run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
    "ec.key", "-out", "ec.crt", "-days", "30", "-subj", "/CN=ec")
run("openssl", "ec", "-in", "ec.key", "-out", "ec-sec1.key")
not_after = subprocess.run(["openssl", "x509", "-in", "web.crt", "-noout", "-enddate"], cwd=work, check=True,
                           capture_output=True, text=True).stdout.strip()
meta = iam.upload_server_certificate(ServerCertificateName="web", Path="/cloudfront/", CertificateBody=read("web.crt"),
                                     PrivateKey=read("web.key"), CertificateChain=read("ca.crt"),
                                     Tags=[{"Key": "env", "Value": "test"}])
assert meta["ServerCertificateMetadata"]["Arn"] == "arn:aws:iam::%s:server-certificate/cloudfront/web" % account
assert meta["ServerCertificateMetadata"]["ServerCertificateId"].startswith("ASCA")
assert meta["Tags"] == [{"Key": "env", "Value": "test"}]
expiration = meta["ServerCertificateMetadata"]["Expiration"]
want = datetime.datetime.strptime(" ".join(not_after.split("=", 1)[1].split()[:4]), "%b %d %H:%M:%S %Y")
assert expiration == want.replace(tzinfo=datetime.timezone.utc), (expiration, not_after)
iam.upload_server_certificate(ServerCertificateName="web-pkcs1", CertificateBody=read("web.crt"),
                              PrivateKey=read("web-pkcs1.key"))
iam.upload_server_certificate(ServerCertificateName="ec", CertificateBody=read("ec.crt"), PrivateKey=read("ec-sec1.key"))
expect(error(iam.upload_server_certificate, ServerCertificateName="mismatch", CertificateBody=read("web.crt"),
             PrivateKey=read("ca.key")), "KeyPairMismatch", 400)
expect(error(iam.upload_server_certificate, ServerCertificateName="mismatch", CertificateBody=read("ec.crt"),
             PrivateKey=read("web.key")), "KeyPairMismatch", 400)
expect(error(iam.upload_server_certificate, ServerCertificateName="bad", CertificateBody="garbage",
             PrivateKey=read("web.key")), "MalformedCertificate", 400)
bad_key = error(iam.upload_server_certificate, ServerCertificateName="bad", CertificateBody=read("web.crt"),
                PrivateKey=read("web.key")[:200])
expect(bad_key, "MalformedCertificate", 400)
assert read("web.key")[40:120] not in bad_key[2]
expect(error(iam.upload_server_certificate, ServerCertificateName="web", CertificateBody=read("web.crt"),
             PrivateKey=read("web.key")), "EntityAlreadyExists", 409)
full = iam.get_server_certificate(ServerCertificateName="web")["ServerCertificate"]
assert full["CertificateBody"] == read("web.crt") and full["CertificateChain"] == read("ca.crt")
assert "PrivateKey" not in full and "PRIVATE" not in json.dumps(full, default=str)
for i in range(3):
    iam.upload_server_certificate(ServerCertificateName="extra%d" % i, Path="/extra/", CertificateBody=read("s%d.crt" % (i + 1)),
                                  PrivateKey=read("s%d.key" % (i + 1)))
everything = [m for p in iam.get_paginator("list_server_certificates").paginate(PaginationConfig={"PageSize": 2})
              for m in p["ServerCertificateMetadataList"]]
assert [m["ServerCertificateName"] for m in everything] == ["ec", "extra0", "extra1", "extra2", "web", "web-pkcs1"]
assert [m["ServerCertificateName"] for m in iam.list_server_certificates(PathPrefix="/extra/")[
    "ServerCertificateMetadataList"]] == ["extra0", "extra1", "extra2"]
iam.tag_server_certificate(ServerCertificateName="web", Tags=[{"Key": "b", "Value": "2"}, {"Key": "a", "Value": "1"}])
assert [t["Key"] for t in iam.list_server_certificate_tags(ServerCertificateName="web")["Tags"]] == ["a", "b", "env"]
iam.untag_server_certificate(ServerCertificateName="web", TagKeys=["a", "env"])
assert iam.list_server_certificate_tags(ServerCertificateName="web")["Tags"] == [{"Key": "b", "Value": "2"}]
iam.update_server_certificate(ServerCertificateName="web", NewServerCertificateName="web2", NewPath="/moved/")
expect(error(iam.get_server_certificate, ServerCertificateName="web"), "NoSuchEntity", 404)
assert iam.get_server_certificate(ServerCertificateName="web2")["ServerCertificate"]["ServerCertificateMetadata"][
    "Arn"].endswith(":server-certificate/moved/web2")
expect(error(iam.update_server_certificate, ServerCertificateName="web2", NewServerCertificateName="ec"),
       "EntityAlreadyExists", 409)
assert iam.get_account_summary()["SummaryMap"]["ServerCertificates"] == 6
iam.delete_server_certificate(ServerCertificateName="web2")
expect(error(iam.delete_server_certificate, ServerCertificateName="web2"), "NoSuchEntity", 404)

# Service-specific credentials: passwords and API keys shown once, two per user and service
iam.create_user(UserName="git")
git = iam.create_service_specific_credential(UserName="git", ServiceName="codecommit.amazonaws.com")[
    "ServiceSpecificCredential"]
assert git["ServiceUserName"] == "git-at-" + account and len(git["ServicePassword"]) == 44
assert git["ServiceSpecificCredentialId"].startswith("ACCA") and git["Status"] == "Active"
bedrock = iam.create_service_specific_credential(UserName="git", ServiceName="bedrock.amazonaws.com",
                                                 CredentialAgeDays=30)["ServiceSpecificCredential"]
assert bedrock["ServiceCredentialSecret"].startswith("ABSK") and "ServicePassword" not in bedrock
assert "ExpirationDate" in bedrock and "git" in bedrock["ServiceCredentialAlias"]
iam.create_service_specific_credential(UserName="git", ServiceName="codecommit.amazonaws.com")
expect(error(iam.create_service_specific_credential, UserName="git", ServiceName="codecommit.amazonaws.com"),
       "LimitExceeded", 409)
expect(error(iam.create_service_specific_credential, UserName="git", ServiceName="s3.amazonaws.com"),
       "NotSupportedService", 404)
expect(error(iam.create_service_specific_credential, UserName="git", ServiceName="cassandra.amazonaws.com",
             CredentialAgeDays=3), "InvalidInput", 400)
listed = iam.list_service_specific_credentials(UserName="git")["ServiceSpecificCredentials"]
assert len(listed) == 3 and all("ServicePassword" not in c and "ServiceCredentialSecret" not in c for c in listed)
assert len(iam.list_service_specific_credentials(UserName="git", ServiceName="bedrock.amazonaws.com")[
    "ServiceSpecificCredentials"]) == 1
assert len(iam.list_service_specific_credentials(AllUsers=True, ServiceName="codecommit.amazonaws.com")[
    "ServiceSpecificCredentials"]) == 2
first = iam.list_service_specific_credentials(UserName="git", MaxItems=2)
assert first["IsTruncated"] and len(first["ServiceSpecificCredentials"]) == 2
rest = iam.list_service_specific_credentials(UserName="git", Marker=first["Marker"])
assert not rest["IsTruncated"] and len(rest["ServiceSpecificCredentials"]) == 1
reset = iam.reset_service_specific_credential(UserName="git", ServiceSpecificCredentialId=git[
    "ServiceSpecificCredentialId"])["ServiceSpecificCredential"]
assert reset["ServicePassword"] != git["ServicePassword"] and reset["ServiceUserName"] == git["ServiceUserName"]
iam.update_service_specific_credential(UserName="git", ServiceSpecificCredentialId=git["ServiceSpecificCredentialId"],
                                       Status="Inactive")
assert [c["Status"] for c in iam.list_service_specific_credentials(UserName="git")["ServiceSpecificCredentials"]
        if c["ServiceSpecificCredentialId"] == git["ServiceSpecificCredentialId"]] == ["Inactive"]
iam.delete_service_specific_credential(UserName="git", ServiceSpecificCredentialId=git["ServiceSpecificCredentialId"])
expect(error(iam.delete_service_specific_credential, UserName="git",
             ServiceSpecificCredentialId=git["ServiceSpecificCredentialId"]), "NoSuchEntity", 404)
iam.update_user(UserName="git", NewUserName="git2")
assert {c["UserName"] for c in iam.list_service_specific_credentials(UserName="git2")["ServiceSpecificCredentials"]} \
    == {"git2"}

# STS preferences: stored per account and reported by GetAccountSummary
assert iam.get_account_summary()["SummaryMap"]["GlobalEndpointTokenVersion"] == 1
iam.set_security_token_service_preferences(GlobalEndpointTokenVersion="v2Token")
assert iam.get_account_summary()["SummaryMap"]["GlobalEndpointTokenVersion"] == 2
expect(error(iam.set_security_token_service_preferences, GlobalEndpointTokenVersion="v3Token"), "ValidationError",
       400)

# Organizations-root features: the management account only
org = client("organizations", root)
features = iam.list_organizations_features()
assert features["OrganizationId"] == org.describe_organization()["Organization"]["Id"]
assert features["EnabledFeatures"] == []
iam.enable_organizations_root_credentials_management()
assert iam.enable_organizations_root_sessions()["EnabledFeatures"] == ["RootCredentialsManagement", "RootSessions"]
assert iam.disable_organizations_root_sessions()["EnabledFeatures"] == ["RootCredentialsManagement"]
member = org.create_account(AccountName="member", Email="member@example.test")["CreateAccountStatus"]["AccountId"]
iam.create_user(UserName="operator")
iam.attach_user_policy(UserName="operator", PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")
op_key = iam.create_access_key(UserName="operator")["AccessKey"]
operator = {"aws_access_key_id": op_key["AccessKeyId"], "aws_secret_access_key": op_key["SecretAccessKey"]}
creds = client("sts", operator).assume_role(
    RoleArn="arn:aws:iam::%s:role/OrganizationAccountAccessRole" % member, RoleSessionName="admin")["Credentials"]
member_admin = client("iam", {"aws_access_key_id": creds["AccessKeyId"], "aws_secret_access_key": creds[
    "SecretAccessKey"], "aws_session_token": creds["SessionToken"]})
expect(error(member_admin.list_organizations_features), "AccountNotManagementOrDelegatedAdministratorException", 400)
expect(error(member_admin.enable_organizations_root_sessions), "CallerIsNotManagementAccountException", 400)
expect(error(member_admin.disable_organizations_root_credentials_management),
       "AccountNotManagementOrDelegatedAdministratorException", 400)
assert member_admin.get_account_summary()["SummaryMap"]["GlobalEndpointTokenVersion"] == 1

# Delegation requests: the management account as partner, the member account as customer
request_id = iam.create_delegation_request(
    OwnerAccountId=member, Description="read the logs", RequestorWorkflowId="wf-00001",
    NotificationChannel="arn:aws:sns:us-east-1:%s:partner" % account, SessionDuration=3600, OnlySendByOwner=True,
    Permissions={"PolicyTemplateArn": "arn:aws:iam::aws:policy-template/LogsReader",
                 "Parameters": [{"Name": "bucket", "Values": ["logs"], "Type": "string"}]})["DelegationRequestId"]
expect(error(iam.create_delegation_request, Description="again", RequestorWorkflowId="wf-00001",
             NotificationChannel="topic", SessionDuration=3600, Permissions={"PolicyTemplateArn": "a" * 20}),
       "EntityAlreadyExists", 409)
got = member_admin.get_delegation_request(DelegationRequestId=request_id)["DelegationRequest"]
assert got["State"] == "UNASSIGNED" and got["RequestorId"] == account and got["OwnerAccountId"] == member
assert got["Permissions"]["Parameters"] == [{"Name": "bucket", "Values": ["logs"], "Type": "string"}]
assert member_admin.list_delegation_requests()["DelegationRequests"] == []
expect(error(member_admin.accept_delegation_request, DelegationRequestId=request_id), "InvalidInput", 400)
member_admin.associate_delegation_request(DelegationRequestId=request_id)
owned = member_admin.list_delegation_requests()["DelegationRequests"]
assert [r["DelegationRequestId"] for r in owned] == [request_id] and owned[0]["State"] == "ASSIGNED"
assert owned[0]["OwnerId"] == "arn:aws:sts::%s:assumed-role/OrganizationAccountAccessRole/admin" % member
expect(error(iam.accept_delegation_request, DelegationRequestId=request_id), "InvalidInput", 400)
member_admin.update_delegation_request(DelegationRequestId=request_id, Notes="please approve")
assert member_admin.get_delegation_request(DelegationRequestId=request_id)["DelegationRequest"]["State"] \
    == "PENDING_APPROVAL"
expect(error(member_admin.send_delegation_token, DelegationRequestId=request_id), "InvalidInput", 400)
member_admin.accept_delegation_request(DelegationRequestId=request_id)
member_admin.send_delegation_token(DelegationRequestId=request_id)
final = iam.get_delegation_request(DelegationRequestId=request_id, DelegationPermissionCheck=True)
assert final["DelegationRequest"]["State"] == "FINALIZED" and final["PermissionCheckResult"] == "UNSURE"
expect(error(member_admin.reject_delegation_request, DelegationRequestId=request_id), "InvalidInput", 400)
summary = member_admin.get_human_readable_summary(EntityArn="arn:aws:iam::%s:delegation-request/%s" % (
    account, request_id))
assert summary["SummaryState"] == "AVAILABLE" and "read the logs" in summary["SummaryContent"]
other = iam.create_delegation_request(Description="x", RequestorWorkflowId="wf-00002", NotificationChannel="topic",
                                      SessionDuration=900, Permissions={"PolicyTemplateArn": "a" * 20})[
    "DelegationRequestId"]
member_admin.associate_delegation_request(DelegationRequestId=other)
member_admin.reject_delegation_request(DelegationRequestId=other, Notes="no thanks")
rejected = iam.get_delegation_request(DelegationRequestId=other)["DelegationRequest"]
assert rejected["State"] == "REJECTED" and rejected["RejectionReason"] == "no thanks"
expect(error(member_admin.accept_delegation_request, DelegationRequestId=other), "InvalidInput", 400)
expect(error(iam.get_delegation_request, DelegationRequestId="x" * 20), "NoSuchEntity", 404)

expected = {"UploadSSHPublicKey", "GetSSHPublicKey", "ListSSHPublicKeys", "UploadSigningCertificate",
            "ListSigningCertificates", "UploadServerCertificate", "GetServerCertificate", "ListServerCertificates",
            "ListServerCertificateTags", "CreateServiceSpecificCredential", "ListServiceSpecificCredentials",
            "ResetServiceSpecificCredential", "ListOrganizationsFeatures", "EnableOrganizationsRootSessions",
            "DisableOrganizationsRootSessions", "EnableOrganizationsRootCredentialsManagement",
            "CreateDelegationRequest", "GetDelegationRequest", "ListDelegationRequests", "GetHumanReadableSummary"}
assert expected <= checked, expected - checked
print("OK")
