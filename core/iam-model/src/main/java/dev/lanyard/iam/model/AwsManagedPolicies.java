package dev.lanyard.iam.model;

import dev.lanyard.policy.PolicyKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS managed policies users expect to find, limited to the services Lanyard serves (IAM, STS, Organizations).
 * They are built in, identical in every account, and never stored.
 */
public final class AwsManagedPolicies {
    private static final Instant CREATED = Instant.parse("2015-02-06T18:39:46Z");
    private final Map<String, ManagedPolicy> byArn;

    public AwsManagedPolicies() {
        byArn = Map.of(
                arn("AdministratorAccess"), policy("AdministratorAccess", "ANPAIWMBCKSKIEE64ZLYK", """
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"""),
                arn("IAMFullAccess"), policy("IAMFullAccess", "ANPAI7XKCFMBPM3QQRRVQ", """
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:*",\
                        "organizations:DescribeAccount","organizations:DescribeOrganization",\
                        "organizations:ListAccounts"],"Resource":"*"}]}"""),
                arn("IAMReadOnlyAccess"), policy("IAMReadOnlyAccess", "ANPAJKSO7NDY4T57MWDSQ", """
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:GenerateCredentialReport",\
                        "iam:GenerateServiceLastAccessedDetails","iam:Get*","iam:List*","iam:SimulateCustomPolicy",\
                        "iam:SimulatePrincipalPolicy"],"Resource":"*"}]}"""),
                arn("ReadOnlyAccess"), policy("ReadOnlyAccess", "ANPAILL3HVNFSB6DCOWYQ", """
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:Get*","iam:List*",\
                        "iam:Generate*","iam:Simulate*","sts:GetAccessKeyInfo","sts:GetCallerIdentity",\
                        "organizations:Describe*","organizations:List*"],"Resource":"*"}]}"""));
    }

    public static String arn(String name) {
        return "arn:aws:iam::aws:policy/" + name;
    }

    public Optional<ManagedPolicy> lookup(String arn) {
        return Optional.ofNullable(byArn.get(arn));
    }

    public List<ManagedPolicy> all() {
        return byArn.values().stream().sorted(java.util.Comparator.comparing(ManagedPolicy::name)).toList();
    }

    private static ManagedPolicy policy(String name, String id, String document) {
        StoredPolicy stored = StoredPolicy.parse(document, PolicyKind.MANAGED);
        return new ManagedPolicy(ManagedPolicy.AWS_OWNER, id, name, "/", Optional.empty(), CREATED, CREATED, "v1",
                List.of(new ManagedPolicy.PolicyVersion("v1", stored, CREATED)), List.of());
    }
}
