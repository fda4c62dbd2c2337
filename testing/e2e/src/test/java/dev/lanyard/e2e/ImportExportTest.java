package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.cli.LanyardCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;

/** `aws iam get-account-authorization-details` from one account, `lanyard import` into another. */
class ImportExportTest {
    @Test
    void exportedDetailsImportIntoAnotherLanyard(@TempDir Path dir) throws Exception {
        Path exported = dir.resolve("details.json");
        String sourceAccount;
        try (TestServer source = TestServer.start()) {
            sourceAccount = source.accountId();
            IamClient iam = Clients.iam(source, Clients.root(source));
            String policyArn = iam.createPolicy(r -> r.policyName("shared").path("/team/").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                            + "\"Resource\":\"arn:aws:iam::" + sourceAccount + ":role/app\"}]}")).policy().arn();
            iam.createGroup(r -> r.groupName("devs"));
            iam.attachGroupPolicy(r -> r.groupName("devs").policyArn(policyArn));
            iam.putGroupPolicy(r -> r.groupName("devs").policyName("read").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:Get*\","
                            + "\"Resource\":\"*\"}]}"));
            iam.createUser(r -> r.userName("ana").tags(t -> t.key("team").value("core")));
            iam.addUserToGroup(r -> r.groupName("devs").userName("ana"));
            iam.attachUserPolicy(r -> r.userName("ana").policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));
            iam.createRole(r -> r.roleName("app").description("the app").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:"
                            + "iam::" + sourceAccount + ":user/ana\"},\"Action\":\"sts:AssumeRole\"}]}"));
            iam.attachRolePolicy(r -> r.roleName("app").policyArn(policyArn));
            // Roles trusting each other: the import must create both before either trust policy can be saved.
            iam.createRole(r -> r.roleName("ping").assumeRolePolicyDocument(trusting(sourceAccount)));
            iam.createRole(r -> r.roleName("pong").assumeRolePolicyDocument(
                    trusting("arn:aws:iam::" + sourceAccount + ":role/ping")));
            iam.updateAssumeRolePolicy(r -> r.roleName("ping").policyDocument(
                    trusting("arn:aws:iam::" + sourceAccount + ":role/pong")));
            iam.putRolePermissionsBoundary(r -> r.roleName("app").permissionsBoundary(policyArn));
            ExternalProcess.Result result = ExternalProcess.run(List.of("aws", "--output", "json", "iam",
                    "get-account-authorization-details"), Map.of("AWS_CONFIG_FILE", source.configFile().toString(),
                    "AWS_SHARED_CREDENTIALS_FILE", source.credentialsFile().toString(), "AWS_PROFILE", "lanyard"));
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            Files.writeString(exported, result.stdout());
        }
        try (TestServer target = TestServer.start()) {
            String account = target.accountId();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream previous = System.out;
            int exit;
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                exit = LanyardCommand.commandLine().execute("import", exported.toString(), "--data-dir",
                        target.dataDirectory.toString());
            } finally {
                System.setOut(previous);
            }
            assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("0 problems").contains("from " + sourceAccount);

            IamClient iam = Clients.iam(target, Clients.root(target));
            String policyArn = "arn:aws:iam::" + account + ":policy/team/shared";
            assertThat(iam.listGroupsForUser(r -> r.userName("ana")).groups()).extracting(g -> g.groupName())
                    .containsExactly("devs");
            assertThat(iam.listUserTags(r -> r.userName("ana")).tags()).extracting(t -> t.value())
                    .containsExactly("core");
            assertThat(iam.listAttachedGroupPolicies(r -> r.groupName("devs")).attachedPolicies())
                    .extracting(AttachedPolicy::policyArn).containsExactly(policyArn);
            var role = iam.getRole(r -> r.roleName("app")).role();
            assertThat(URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8))
                    .contains("arn:aws:iam::" + account + ":user/ana").doesNotContain(sourceAccount);
            assertThat(role.permissionsBoundary().permissionsBoundaryArn()).isEqualTo(policyArn);
            assertThat(URLDecoder.decode(iam.getRole(r -> r.roleName("ping")).role().assumeRolePolicyDocument(),
                    StandardCharsets.UTF_8)).isEqualTo(trusting("arn:aws:iam::" + account + ":role/pong"));
            String document = iam.getPolicyVersion(r -> r.policyArn(policyArn).versionId("v1")).policyVersion()
                    .document();
            assertThat(URLDecoder.decode(document, StandardCharsets.UTF_8)).contains(account + ":role/app");
        }
    }

    private static String trusting(String principal) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + principal + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    }
}
