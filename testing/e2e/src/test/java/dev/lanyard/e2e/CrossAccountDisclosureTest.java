package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * What a caller of member account B can learn about account A through STS: a refused AssumeRole answers the same for
 * A's role and for a role A does not have, and carries nothing of A's; an authorization message made for A cannot be
 * decoded in B.
 */
class CrossAccountDisclosureTest {
    private static final Pattern ENCODED = Pattern.compile(" Encoded authorization failure message: ([A-Za-z0-9_-]+)");
    private static final String SECRET = "isosecret";
    private static TestServer server;
    private static IamClient rootIam;
    private static String accountA;
    private static String accountB;
    private static AwsCredentials adminOfB;
    private static StsClient stsOfB;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        rootIam = Clients.iam(server, Clients.root(server));
        accountA = server.accountId();
        accountB = Clients.organizations(server, Clients.root(server))
                .createAccount(r -> r.accountName("B").email("b@example.test")).createAccountStatus().accountId();
        rootIam.createRole(r -> r.roleName("private").maxSessionDuration(3600).tags(t -> t.key(SECRET + "-team")
                .value(SECRET + "-payments")).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                        + "[{\"Sid\":\"IsoSecretTrust\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                        + accountA + ":root\"},\"Action\":\"sts:AssumeRole\"}]}"));
        AwsCredentials operator = admin(rootIam, "operator");
        var session = Clients.sts(server, operator).assumeRole(r -> r.roleArn("arn:aws:iam::" + accountB
                + ":role/OrganizationAccountAccessRole").roleSessionName("setup")).credentials();
        // A long-term administrator of B: its AssumeRole calls are not chained, so DurationSeconds is not capped.
        adminOfB = admin(Clients.iam(server, Clients.session(session)), "b-admin");
        stsOfB = Clients.sts(server, adminOfB);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static AwsCredentials admin(IamClient iam, String name) {
        iam.createUser(r -> r.userName(name));
        iam.attachUserPolicy(r -> r.userName(name).policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
        AccessKey key = iam.createAccessKey(r -> r.userName(name)).accessKey();
        return Clients.basic(key.accessKeyId(), key.secretAccessKey());
    }

    private record Refusal(int status, String code, String sentence, int encodedLength, String encoded) {}

    private static Refusal refusal(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            String message = e.awsErrorDetails().errorMessage();
            Matcher m = ENCODED.matcher(message);
            String encoded = m.find() ? m.group(1) : "";
            return new Refusal(e.statusCode(), e.awsErrorDetails().errorCode(), m.replaceAll(""), encoded.length(),
                    encoded);
        }
        throw new AssertionError("the call succeeded");
    }

    private static Refusal assumeFromB(String roleName, Consumer<AssumeRoleRequest.Builder> extra) {
        return refusal(() -> stsOfB.assumeRole(r -> {
            r.roleArn("arn:aws:iam::" + accountA + ":role/" + roleName).roleSessionName("probe");
            extra.accept(r);
        }));
    }

    @Test
    void aRefusedCrossAccountAssumeRoleDoesNotTellWhetherTheRoleExists() {
        for (Consumer<AssumeRoleRequest.Builder> variant : java.util.List.<Consumer<AssumeRoleRequest.Builder>>of(
                r -> { },
                r -> r.durationSeconds(43200),
                r -> r.tags(t -> t.key("k").value("v")),
                r -> r.sourceIdentity("probe"))) {
            Refusal existing = assumeFromB("private", variant);
            Refusal missing = assumeFromB("privatx", variant);
            assertThat(existing.code()).isEqualTo("AccessDenied");
            assertThat(existing.status()).isEqualTo(403);
            assertThat(missing.sentence().replace("privatx", "private")).isEqualTo(existing.sentence());
            assertThat(missing.status()).isEqualTo(existing.status());
            assertThat(missing.code()).isEqualTo(existing.code());
            assertThat(missing.encodedLength()).isEqualTo(existing.encodedLength());
            String decoded = stsOfB.decodeAuthorizationMessage(r -> r.encodedMessage(existing.encoded()))
                    .decodedMessage();
            assertThat(decoded.toLowerCase()).doesNotContain(SECRET).doesNotContain("resourcetag");
        }
    }

    @Test
    void anAuthorizationMessageDecodesOnlyInTheAccountItWasMadeFor() {
        rootIam.createUser(r -> r.userName("weak"));
        AccessKey key = rootIam.createAccessKey(r -> r.userName("weak")).accessKey();
        IamClient weak = Clients.iam(server, Clients.basic(key.accessKeyId(), key.secretAccessKey()));
        String encoded = refusal(weak::listUsers).encoded();
        assertThat(encoded).isNotEmpty();

        String decodedInA = Clients.sts(server, Clients.root(server))
                .decodeAuthorizationMessage(r -> r.encodedMessage(encoded)).decodedMessage();
        assertThat(decodedInA).contains("arn:aws:iam::" + accountA + ":user/weak");

        Refusal inB = refusal(() -> stsOfB.decodeAuthorizationMessage(r -> r.encodedMessage(encoded)));
        String forged = encoded.substring(0, encoded.length() - 2) + (encoded.endsWith("AA") ? "BB" : "AA");
        Refusal forgedInB = refusal(() -> stsOfB.decodeAuthorizationMessage(r -> r.encodedMessage(forged)));
        assertThat(inB.code()).isEqualTo("InvalidAuthorizationMessageException");
        assertThat(inB).isEqualTo(forgedInB);
        assertThat(inB.sentence()).doesNotContain(accountA);
    }

    @Test
    void theRolesLimitsAreCheckedOnlyForTrustedCallers() {
        String roleArn = "arn:aws:iam::" + accountA + ":role/private";
        AwsCredentials trusted = admin(rootIam, "trusted");
        assertThatThrownBy(() -> Clients.sts(server, trusted).assumeRole(r -> r.roleArn(roleArn)
                .roleSessionName("long").durationSeconds(7200)))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains("MaxSessionDuration"));
        assertThat(assumeFromB("private", r -> r.durationSeconds(7200)).code()).isEqualTo("AccessDenied");
    }
}
