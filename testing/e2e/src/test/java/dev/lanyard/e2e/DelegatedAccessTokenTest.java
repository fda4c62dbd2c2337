package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetDelegatedAccessTokenResponse;

/**
 * A delegation request from request to session, with the AWS SDK for Java v2: the partner (the management account)
 * asks a member account for IAMReadOnlyAccess, the member's administrator accepts and sends the token, the operator
 * hands it over ({@code lanyard delegation-token}), and the partner trades it, once, for a session in the member
 * account that can read IAM and nothing more, until the window SendDelegationToken opened closes. Every refusal:
 * malformed or forged token, another account's caller, a caller without the permission, a second exchange, an
 * expired token.
 */
class DelegatedAccessTokenTest {
    private static final String READ_ONLY = "arn:aws:iam::aws:policy/IAMReadOnlyAccess";
    private static final String ADMIN = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"*\",\"Resource\":\"*\"}]}";
    private static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private static TestServer server;
    private static String partnerAccount;
    private static String customerAccount;
    private static IamClient partnerIam;
    private static StsClient partnerSts;
    private static IamClient customerIam;
    private static StsClient customerSts;

    @BeforeAll
    static void start() {
        server = TestServer.start(CLOCK);
        partnerAccount = server.accountId();
        AwsCredentials root = Clients.root(server);
        var org = Clients.organizations(server, root);
        var status = org.createAccount(r -> r.accountName("customer").email("customer@example.test"))
                .createAccountStatus();
        customerAccount = org.describeCreateAccountStatus(r -> r.createAccountRequestId(status.id()))
                .createAccountStatus().accountId();
        partnerIam = Clients.iam(server, root, CLOCK);
        partnerSts = Clients.sts(server, root, CLOCK);
        AwsCredentials operator = user("operator", ADMIN);
        Credentials admin = Clients.sts(server, operator, CLOCK).assumeRole(r -> r.roleArn("arn:aws:iam::"
                + customerAccount + ":role/OrganizationAccountAccessRole").roleSessionName("customer-admin"))
                .credentials();
        customerIam = Clients.iam(server, Clients.session(admin), CLOCK);
        customerSts = Clients.sts(server, Clients.session(admin), CLOCK);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void thePartnerTradesTheTokenOnceForASessionCappedByThePermissionPolicy() {
        String id = request("workflow-full", 900);
        assertThat(CliRunner.run("delegation-token", id, "--data-dir", server.dataDirectory.toString()).exitCode())
                .as("no token before SendDelegationToken").isNotZero();
        Instant sent = CLOCK.instant();
        String token = accept(id);

        refused(() -> partnerSts.getDelegatedAccessToken(r -> r.tradeInToken("not-a-token")),
                "InvalidParameterValue", 400);
        refused(() -> partnerSts.getDelegatedAccessToken(r -> r.tradeInToken(id + ".")),
                "InvalidParameterValue", 400);
        String forged = id + "." + "A".repeat(43);
        refused(() -> partnerSts.getDelegatedAccessToken(r -> r.tradeInToken(forged)), "InvalidParameterValue", 400);
        refused(() -> customerSts.getDelegatedAccessToken(r -> r.tradeInToken(token)), "AccessDenied", 403);
        StsClient unpermitted = Clients.sts(server, user("no-permission", "{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:Get*\",\"Resource\":\"*\"}]}"), CLOCK);
        refused(() -> unpermitted.getDelegatedAccessToken(r -> r.tradeInToken(token)), "AccessDenied", 403);

        GetDelegatedAccessTokenResponse traded = partnerSts.getDelegatedAccessToken(r -> r.tradeInToken(token));
        assertThat(traded.assumedPrincipal()).isEqualTo("arn:aws:iam::" + customerAccount + ":root");
        assertThat(traded.credentials().expiration()).isEqualTo(sent.plusSeconds(900));
        assertThat(traded.packedPolicySize()).isNull();
        var delegated = Clients.session(traded.credentials());
        assertThat(Clients.sts(server, delegated, CLOCK).getCallerIdentity().arn())
                .isEqualTo("arn:aws:iam::" + customerAccount + ":root");
        IamClient delegatedIam = Clients.iam(server, delegated, CLOCK);
        assertThat(delegatedIam.listRoles().roles()).extracting(r -> r.roleName())
                .contains("OrganizationAccountAccessRole");
        refused(() -> delegatedIam.createUser(r -> r.userName("intruder")), "AccessDenied", 403);

        refused(() -> partnerSts.getDelegatedAccessToken(r -> r.tradeInToken(token)),
                "ExpiredTradeInTokenException", 400);
        assertThat(CliRunner.run("delegation-token", id, "--data-dir", server.dataDirectory.toString()).exitCode())
                .as("an exchanged token is not handed out again").isNotZero();
    }

    @Test
    void theTokenAndItsSessionEndWhenTheWindowCloses() {
        String traded = request("workflow-short-traded", 300, "arn:aws:iam::aws:policy/AdministratorAccess");
        String unused = request("workflow-short-unused", 300);
        Credentials session = partnerSts.getDelegatedAccessToken(r -> r.tradeInToken(accept(traded))).credentials();
        // Even an administrator's template neither mints credentials that outlive the window nor touches the root
        // user's own credentials.
        IamClient administrator = Clients.iam(server, Clients.session(session), CLOCK);
        administrator.createUser(r -> r.userName("made-by-partner"));
        refused(administrator::createAccessKey, "AccessDenied", 403);
        StsClient delegatedSts = Clients.sts(server, Clients.session(session), CLOCK);
        assertThat(delegatedSts.getCallerIdentity().account()).isEqualTo(customerAccount);
        refused(() -> delegatedSts.getSessionToken(r -> r.durationSeconds(3600)), "AccessDenied", 403);
        refused(() -> delegatedSts.getFederationToken(r -> r.name("longer")), "AccessDenied", 403);
        String token = accept(unused);
        CLOCK.advance(Duration.ofSeconds(301));
        refused(() -> partnerSts.getDelegatedAccessToken(r -> r.tradeInToken(token)),
                "ExpiredTradeInTokenException", 400);
        refused(() -> Clients.sts(server, Clients.session(session), CLOCK).getCallerIdentity(), "ExpiredToken", 403);
    }

    /** A closed owner account lends no session; the refusal leaves the token unexchanged. */
    @Test
    void aClosedOwnerAccountLendsNoSession() {
        AwsCredentials root = Clients.root(server);
        var org = Clients.organizations(server, root);
        var status = org.createAccount(r -> r.accountName("closing").email("closing@example.test"))
                .createAccountStatus();
        String closing = org.describeCreateAccountStatus(r -> r.createAccountRequestId(status.id()))
                .createAccountStatus().accountId();
        Credentials admin = Clients.sts(server, user("closing-operator", ADMIN), CLOCK).assumeRole(r -> r
                .roleArn("arn:aws:iam::" + closing + ":role/OrganizationAccountAccessRole")
                .roleSessionName("closing-admin")).credentials();
        IamClient closingIam = Clients.iam(server, Clients.session(admin), CLOCK);
        String id = partnerIam.createDelegationRequest(r -> r.ownerAccountId(closing).description("read IAM")
                .requestorWorkflowId("workflow-closing").sessionDuration(900)
                .notificationChannel("arn:aws:sns:us-east-1:" + partnerAccount + ":partner")
                .permissions(p -> p.policyTemplateArn(READ_ONLY))).delegationRequestId();
        closingIam.associateDelegationRequest(r -> r.delegationRequestId(id));
        closingIam.acceptDelegationRequest(r -> r.delegationRequestId(id));
        closingIam.sendDelegationToken(r -> r.delegationRequestId(id));
        CliRunner.Result delivered = CliRunner.run("delegation-token", id, "--data-dir",
                server.dataDirectory.toString());
        assertThat(delivered.exitCode()).isZero();
        String token = delivered.output().split("\n")[0];
        org.closeAccount(r -> r.accountId(closing));

        refused(() -> partnerSts.getDelegatedAccessToken(r -> r.tradeInToken(token)), "AccessDenied", 403);
        assertThat(CliRunner.run("delegation-token", id, "--data-dir", server.dataDirectory.toString()).exitCode())
                .as("the refused exchange did not use the token up").isZero();
    }

    /** A request by the partner for the customer account, associated by the customer's administrator. */
    private static String request(String workflow, int seconds) {
        return request(workflow, seconds, READ_ONLY);
    }

    private static String request(String workflow, int seconds, String permissionPolicy) {
        String id = partnerIam.createDelegationRequest(r -> r.ownerAccountId(customerAccount)
                .description("read IAM").requestorWorkflowId(workflow).sessionDuration(seconds)
                .notificationChannel("arn:aws:sns:us-east-1:" + partnerAccount + ":partner")
                .permissions(p -> p.policyTemplateArn(permissionPolicy))).delegationRequestId();
        customerIam.associateDelegationRequest(r -> r.delegationRequestId(id));
        return id;
    }

    /** Accepted and sent by the customer; the token as the operator hands it to the partner. */
    private static String accept(String id) {
        customerIam.acceptDelegationRequest(r -> r.delegationRequestId(id));
        customerIam.sendDelegationToken(r -> r.delegationRequestId(id));
        CliRunner.Result delivered = CliRunner.run("delegation-token", id, "--data-dir",
                server.dataDirectory.toString());
        assertThat(delivered.exitCode()).isZero();
        String[] lines = delivered.output().split("\n");
        assertThat(lines[1]).isEqualTo("notification channel: arn:aws:sns:us-east-1:" + partnerAccount + ":partner");
        return lines[0];
    }

    private static AwsCredentials user(String name, String policy) {
        partnerIam.createUser(r -> r.userName(name));
        partnerIam.putUserPolicy(r -> r.userName(name).policyName("p").policyDocument(policy));
        AccessKey key = partnerIam.createAccessKey(r -> r.userName(name)).accessKey();
        return Clients.basic(key.accessKeyId(), key.secretAccessKey());
    }

    private static void refused(ThrowingCallable call, String code, int status) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(status);
        });
    }
}
