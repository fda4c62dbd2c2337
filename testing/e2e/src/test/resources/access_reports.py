"""boto3 against Lanyard for the credential report, PasswordLastUsed and service last-accessed data (a user's, and
the organization's), read after real traffic. argv = endpoint, root key id, root secret, account. Prints the user's
ARN, then OK; or fails with the first difference."""
import csv
import io
import json
import sys
import time

import boto3
import botocore.exceptions

endpoint, key_id, secret, account = sys.argv[1:5]
COLUMNS = ["user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed",
           "password_next_rotation", "mfa_active", "access_key_1_active", "access_key_1_last_rotated",
           "access_key_1_last_used_date", "access_key_1_last_used_region", "access_key_1_last_used_service",
           "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
           "access_key_2_last_used_region", "access_key_2_last_used_service", "cert_1_active", "cert_1_last_rotated",
           "cert_2_active", "cert_2_last_rotated"]
POLICY = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["iam:List*", "iam:GetUser", "sts:GetCallerIdentity", "s3:GetObject"],
     "Resource": "*"}]})


def client(service, key, sec):
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=key,
                        aws_secret_access_key=sec)


def expect_error(call, code, status, **kwargs):
    try:
        call(**kwargs)
    except botocore.exceptions.ClientError as e:
        got = (e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"])
        assert got == (code, status), "%s: %s, expected %s" % (call.__name__, got, (code, status))
        return
    raise AssertionError("%s succeeded: %s" % (call.__name__, kwargs))


def until(call, done, **kwargs):
    """Polls a report job, as clients do, a bounded number of times."""
    for _ in range(50):
        answer = call(**kwargs)
        if done(answer):
            return answer
        time.sleep(0.2)
    raise AssertionError("%s never finished" % call.__name__)


root = client("iam", key_id, secret)
root.create_user(UserName="reporter")
root.put_user_policy(UserName="reporter", PolicyName="work", PolicyDocument=POLICY)
root.create_login_profile(UserName="reporter", Password="Sturdy-Pass-1!")
root.update_account_password_policy(AllowUsersToChangePassword=True)
key = root.create_access_key(UserName="reporter")["AccessKey"]
assert "PasswordLastUsed" not in root.get_user(UserName="reporter")["User"]

# real traffic: the user's key with STS and IAM, a password change (where Lanyard checks a password)
client("sts", key["AccessKeyId"], key["SecretAccessKey"]).get_caller_identity()
own = client("iam", key["AccessKeyId"], key["SecretAccessKey"])
own.list_users()
own.change_password(OldPassword="Sturdy-Pass-1!", NewPassword="Sturdy-Pass-2!")
user = root.get_user(UserName="reporter")["User"]
assert "PasswordLastUsed" in user, user
listed = [u for u in root.list_users()["Users"] if u["UserName"] == "reporter"][0]
assert listed["PasswordLastUsed"] == user["PasswordLastUsed"], listed

# the credential report
expect_error(root.get_credential_report, "ReportNotPresent", 410)
first = root.generate_credential_report()
assert first["State"] == "STARTED", first
until(root.generate_credential_report, lambda a: a["State"] == "COMPLETE")
report = root.get_credential_report()
assert report["ReportFormat"] == "text/csv", report["ReportFormat"]
text = report["Content"].decode("utf-8")
assert next(csv.reader(io.StringIO(text))) == COLUMNS, text.splitlines()[0]
rows = {r["user"]: r for r in csv.DictReader(io.StringIO(text))}
assert list(rows)[0] == "<root_account>", list(rows)
top = rows["<root_account>"]
assert top["arn"] == "arn:aws:iam::%s:root" % account, top
assert (top["password_enabled"], top["password_last_changed"]) == ("not_supported", "not_supported"), top
assert (top["access_key_1_active"], top["access_key_1_last_used_service"]) == ("true", "iam"), top
row = rows["reporter"]
assert row["arn"] == user["Arn"], row
assert row["password_enabled"] == "true", row
assert row["password_last_used"] == user["PasswordLastUsed"].strftime("%Y-%m-%dT%H:%M:%S+00:00"), row
assert row["password_next_rotation"] == "N/A", row
assert row["mfa_active"] == "false", row
assert row["access_key_1_active"] == "true", row
assert (row["access_key_1_last_used_region"], row["access_key_1_last_used_service"]) == ("us-east-1", "iam"), row
assert row["access_key_1_last_used_date"] >= row["access_key_1_last_rotated"], row
assert [row[c] for c in COLUMNS[13:]] == ["false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "false", "N/A"], row

# service last-accessed data of the user
job = root.generate_service_last_accessed_details(Arn=user["Arn"], Granularity="ACTION_LEVEL")["JobId"]
details = until(root.get_service_last_accessed_details, lambda a: a["JobStatus"] != "IN_PROGRESS", JobId=job)
assert (details["JobStatus"], details["JobType"]) == ("COMPLETED", "ACTION_LEVEL"), details
services = {s["ServiceNamespace"]: s for s in details["ServicesLastAccessed"]}
assert sorted(services) == ["iam", "s3", "sts"], services
used = services["iam"]
assert used["ServiceName"] == "AWS Identity and Access Management", used
assert (used["LastAuthenticatedEntity"], used["LastAuthenticatedRegion"]) == (user["Arn"], "us-east-1"), used
assert used["TotalAuthenticatedEntities"] == 1, used
actions = {a["ActionName"] for a in used["TrackedActionsLastAccessed"]}
assert {"ListUsers", "ChangePassword"} <= actions, actions
assert "LastAuthenticated" not in services["s3"] and services["s3"]["TotalAuthenticatedEntities"] == 0, services
entities = root.get_service_last_accessed_details_with_entities(JobId=job, ServiceNamespace="sts")
assert [e["EntityInfo"]["Name"] for e in entities["EntityDetailsList"]] == ["reporter"], entities
assert "LastAuthenticated" in entities["EntityDetailsList"][0], entities
granting = root.list_policies_granting_service_access(Arn=user["Arn"], ServiceNamespaces=["s3", "ec2"])
assert granting["PoliciesGrantingServiceAccess"] == [
    {"ServiceNamespace": "s3", "Policies": [{"PolicyName": "work", "PolicyType": "INLINE", "EntityType": "USER",
                                              "EntityName": "reporter"}]},
    {"ServiceNamespace": "ec2", "Policies": []}], granting
expect_error(root.get_service_last_accessed_details, "NoSuchEntity", 404,
             JobId="00000000-0000-4000-8000-000000000000")
expect_error(root.generate_service_last_accessed_details, "NoSuchEntity", 404,
             Arn="arn:aws:iam::%s:user/nobody" % account)
expect_error(own.generate_credential_report, "AccessDenied", 403)

# the organization's
organizations = client("organizations", key_id, secret)
path = "%s/%s" % (organizations.describe_organization()["Organization"]["Id"],
                  organizations.list_roots()["Roots"][0]["Id"])
job = root.generate_organizations_access_report(EntityPath=path)["JobId"]
access = until(root.get_organizations_access_report, lambda a: a["JobStatus"] != "IN_PROGRESS", JobId=job)
by_service = {d["ServiceNamespace"]: d for d in access["AccessDetails"]}
assert by_service["iam"]["EntityPath"] == path + "/" + account, by_service["iam"]
assert by_service["iam"]["TotalAuthenticatedEntities"] == 1, by_service["iam"]
assert access["NumberOfServicesNotAccessed"] == access["NumberOfServicesAccessible"] - 3, access
expect_error(root.generate_organizations_access_report, "InvalidInput", 400, EntityPath=path + "/000000000000")

print(user["Arn"])
print("OK")
