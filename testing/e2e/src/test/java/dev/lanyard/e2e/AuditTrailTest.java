package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.CreateUserResponse;
import software.amazon.awssdk.services.organizations.model.CreateAccountStatus;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlResponse;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.GetSessionTokenResponse;

/**
 * The audit trail a run writes, compared field by field with CloudTrail's documented records (IAM User Guide,
 * "Logging IAM and AWS STS API calls with AWS CloudTrail"; CloudTrail User Guide, "userIdentity element") for
 * CreateUser, AssumeRole, AssumeRoleWithWebIdentity, AssumeRoleWithSAML, GetSessionToken, an AccessDenied call and a
 * cross-account AssumeRole; every line scanned for the secrets the run issued; {@code lanyard audit} answering the
 * forensic questions.
 */
class AuditTrailTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    private static final String RESPONSE_DATE = "[A-Z][a-z]{2} \\d{1,2}, \\d{4}, \\d{1,2}:\\d{2}:\\d{2} [AP]M";

    private static TestServer server;
    private static IamClient rootIam;
    private static String account;
    private static final List<String> secrets = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = TestServer.start();
        rootIam = Clients.iam(server, Clients.root(server));
        account = server.accountId();
        secrets.add(server.rootCredentials().get(1));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void recordsMatchCloudTrailsDocumentedRecords(@TempDir Path dir) throws Exception {
        Instant started = Instant.now().minusSeconds(1);
        // CreateUser by the account root
        CreateUserResponse created = rootIam.createUser(r -> r.userName("alice"));
        JsonNode createUser = record(created.responseMetadata().requestId());
        assertCommon(createUser, "iam.amazonaws.com", "CreateUser", false);
        assertThat(createUser.path("userIdentity").toString()).isEqualTo(JSON.createObjectNode()
                .put("type", "Root").put("principalId", account).put("arn", "arn:aws:iam::" + account + ":root")
                .put("accountId", account).put("accessKeyId", server.rootCredentials().get(0)).toString());
        assertThat(createUser.path("requestParameters").toString()).isEqualTo("{\"userName\":\"alice\"}");
        JsonNode user = createUser.at("/responseElements/user");
        assertThat(user.path("userName").asText()).isEqualTo("alice");
        assertThat(user.path("userId").asText()).isEqualTo(created.user().userId());
        assertThat(user.path("arn").asText()).isEqualTo(created.user().arn());
        assertThat(user.path("path").asText()).isEqualTo("/");
        assertThat(user.path("createDate").asText()).matches(RESPONSE_DATE);

        rootIam.putUserPolicy(r -> r.userName("alice").policyName("assume").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"sts:AssumeRole\",\"sts:SetSourceIdentity\"],"
                        + "\"Resource\":\"*\"}]}"));
        var keyResponse = rootIam.createAccessKey(r -> r.userName("alice"));
        AccessKey key = keyResponse.accessKey();
        secrets.add(key.secretAccessKey());
        JsonNode createKey = record(keyResponse.responseMetadata().requestId());
        assertThat(createKey.at("/responseElements/accessKey/accessKeyId").asText()).isEqualTo(key.accessKeyId());
        assertThat(createKey.at("/responseElements/accessKey").has("secretAccessKey")).isFalse();
        AwsCredentials alice = Clients.basic(key.accessKeyId(), key.secretAccessKey());

        // AssumeRole by an IAM user, with a source identity
        String roleArn = rootIam.createRole(r -> r.roleName("auditors").assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + account
                        + "\"},\"Action\":[\"sts:AssumeRole\",\"sts:SetSourceIdentity\"]}]}")).role().arn();
        String roleId = rootIam.getRole(r -> r.roleName("auditors")).role().roleId();
        AssumeRoleResponse assumed = Clients.sts(server, alice).assumeRole(r -> r.roleArn(roleArn)
                .roleSessionName("s1").sourceIdentity("alice-src").durationSeconds(900));
        secrets.add(assumed.credentials().secretAccessKey());
        secrets.add(assumed.credentials().sessionToken());
        JsonNode assumeRole = record(assumed.responseMetadata().requestId());
        assertCommon(assumeRole, "sts.amazonaws.com", "AssumeRole", false);
        assertThat(assumeRole.path("userIdentity").toString()).isEqualTo(JSON.createObjectNode()
                .put("type", "IAMUser").put("principalId", created.user().userId()).put("arn", created.user().arn())
                .put("accountId", account).put("accessKeyId", key.accessKeyId()).put("userName", "alice")
                .toString());
        assertThat(assumeRole.path("requestParameters")).isEqualTo(JSON.createObjectNode().put("roleArn", roleArn)
                .put("roleSessionName", "s1").put("durationSeconds", 900).put("sourceIdentity", "alice-src"));
        JsonNode response = assumeRole.path("responseElements");
        assertThat(response.at("/credentials/accessKeyId").asText()).isEqualTo(assumed.credentials().accessKeyId());
        assertThat(response.at("/credentials/expiration").asText()).matches(RESPONSE_DATE);
        assertThat(response.path("credentials").has("sessionToken")).isFalse();
        assertThat(response.path("credentials").has("secretAccessKey")).isFalse();
        assertThat(response.at("/assumedRoleUser/assumedRoleId").asText()).isEqualTo(roleId + ":s1");
        assertThat(response.at("/assumedRoleUser/arn").asText())
                .isEqualTo("arn:aws:sts::" + account + ":assumed-role/auditors/s1");
        assertThat(response.path("sourceIdentity").asText()).isEqualTo("alice-src");
        assertThat(assumeRole.path("resources").toString()).isEqualTo("[{\"accountId\":\"" + account
                + "\",\"type\":\"AWS::IAM::Role\",\"ARN\":\"" + roleArn + "\"}]");
        assertThat(assumeRole.has("sharedEventID")).isFalse();

        // A call with the session: userIdentity with its session context
        var session = Clients.sts(server, Clients.session(assumed.credentials()));
        var identity = session.getCallerIdentity();
        JsonNode whoami = record(identity.responseMetadata().requestId());
        assertCommon(whoami, "sts.amazonaws.com", "GetCallerIdentity", true);
        JsonNode sessionIdentity = whoami.path("userIdentity");
        assertThat(sessionIdentity.path("type").asText()).isEqualTo("AssumedRole");
        assertThat(sessionIdentity.path("principalId").asText()).isEqualTo(roleId + ":s1");
        assertThat(sessionIdentity.path("arn").asText()).isEqualTo(identity.arn());
        assertThat(sessionIdentity.path("accessKeyId").asText()).isEqualTo(assumed.credentials().accessKeyId());
        assertThat(sessionIdentity.at("/sessionContext/sessionIssuer").toString()).isEqualTo(JSON.createObjectNode()
                .put("type", "Role").put("principalId", roleId).put("arn", roleArn).put("accountId", account)
                .put("userName", "auditors").toString());
        assertThat(sessionIdentity.at("/sessionContext/attributes/mfaAuthenticated").asText()).isEqualTo("false");
        assertThat(sessionIdentity.at("/sessionContext/attributes/creationDate").asText())
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(sessionIdentity.at("/sessionContext/sourceIdentity").asText()).isEqualTo("alice-src");
        assertThat(whoami.path("responseElements").isNull()).isTrue();

        // AccessDenied, with the deciding statements
        AwsServiceException denied = catchThrowableOfType(AwsServiceException.class,
                () -> Clients.iam(server, Clients.session(assumed.credentials())).listUsers());
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        JsonNode refusal = record(denied.requestId());
        assertCommon(refusal, "iam.amazonaws.com", "ListUsers", true);
        assertThat(refusal.path("errorCode").asText()).isEqualTo("AccessDenied");
        assertThat(refusal.path("errorMessage").asText()).isEqualTo(denied.awsErrorDetails().errorMessage());
        assertThat(refusal.at("/additionalEventData/lanyardDecidingStatements").asText()).isNotEmpty();
        assertThat(refusal.path("responseElements").isNull()).isTrue();

        // GetSessionToken
        GetSessionTokenResponse sessionToken = Clients.sts(server, alice).getSessionToken();
        secrets.add(sessionToken.credentials().secretAccessKey());
        secrets.add(sessionToken.credentials().sessionToken());
        JsonNode getSessionToken = record(sessionToken.responseMetadata().requestId());
        assertCommon(getSessionToken, "sts.amazonaws.com", "GetSessionToken", false);
        assertThat(getSessionToken.at("/userIdentity/type").asText()).isEqualTo("IAMUser");
        assertThat(getSessionToken.at("/responseElements/credentials").toString()).isEqualTo(JSON.createObjectNode()
                .put("accessKeyId", sessionToken.credentials().accessKeyId())
                .put("expiration", getSessionToken.at("/responseElements/credentials/expiration").asText())
                .toString());
        assertThat(getSessionToken.path("requestParameters").isNull()).isTrue();

        webIdentity();
        saml(dir);
        crossAccount();
        trailHoldsNoSecretAndIsTheOwners();
        forensicQuestions(roleArn, assumed, started);
    }

    private void webIdentity() throws Exception {
        try (TestIdentityProvider idp = new TestIdentityProvider()) {
            String providerArn = rootIam.createOpenIDConnectProvider(r -> r.url(idp.issuer)
                    .clientIDList("audit-app")).openIDConnectProviderArn();
            String roleArn = rootIam.createRole(r -> r.roleName("web").assumeRolePolicyDocument("{\"Version\":"
                    + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                    + providerArn + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\"}]}")).role().arn();
            String token = idp.token("carol", "audit-app");
            secrets.add(token);
            AssumeRoleWithWebIdentityResponse assumed = anonymous().assumeRoleWithWebIdentity(r -> r.roleArn(roleArn)
                    .roleSessionName("web-1").webIdentityToken(token));
            secrets.add(assumed.credentials().secretAccessKey());
            secrets.add(assumed.credentials().sessionToken());
            JsonNode record = record(assumed.responseMetadata().requestId());
            assertCommon(record, "sts.amazonaws.com", "AssumeRoleWithWebIdentity", false);
            assertThat(record.path("userIdentity").toString()).isEqualTo(JSON.createObjectNode()
                    .put("type", "WebIdentityUser").put("principalId", idp.hostAndPath() + ":audit-app:carol")
                    .put("userName", "carol").put("identityProvider", idp.hostAndPath()).toString());
            assertThat(record.path("requestParameters")).isEqualTo(JSON.createObjectNode().put("roleArn", roleArn)
                    .put("roleSessionName", "web-1"));
            JsonNode response = record.path("responseElements");
            assertThat(response.path("subjectFromWebIdentityToken").asText()).isEqualTo("carol");
            assertThat(response.path("provider").asText()).isEqualTo(providerArn);
            assertThat(response.path("audience").asText()).isEqualTo("audit-app");
            assertThat(response.at("/credentials/accessKeyId").asText()).isEqualTo(assumed.credentials().accessKeyId());
            assertThat(response.path("credentials").has("sessionToken")).isFalse();
            assertThat(response.at("/assumedRoleUser/arn").asText()).isEqualTo(assumed.assumedRoleUser().arn());
            assertThat(record.path("recipientAccountId").asText()).isEqualTo(account);
            assertThat(record.at("/resources/0/ARN").asText()).isEqualTo(roleArn);

            // the session's later calls carry the provider and the claims
            var whoami = Clients.sts(server, Clients.session(assumed.credentials())).getCallerIdentity();
            JsonNode federation = record(whoami.responseMetadata().requestId())
                    .at("/userIdentity/sessionContext/webIdFederationData");
            assertThat(federation.path("federatedProvider").asText()).isEqualTo(providerArn);
            assertThat(federation.at("/attributes/" + idp.hostAndPath().replace("/", "~1") + ":sub").asText())
                    .isEqualTo("carol");
        }
    }

    private void saml(Path dir) throws Exception {
        SamlFixture idp = new SamlFixture(dir);
        String providerArn = rootIam.createSAMLProvider(r -> r.name("AuditCorp").samlMetadataDocument(idp.metadata()))
                .samlProviderArn();
        String roleArn = rootIam.createRole(r -> r.roleName("sso").assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                        + providerArn + "\"},\"Action\":\"sts:AssumeRoleWithSAML\"}]}")).role().arn();
        String assertion = idp.signedResponse(roleArn, providerArn, "dave-0004", "dave@example.test");
        secrets.add(assertion);
        AssumeRoleWithSamlResponse assumed = anonymous().assumeRoleWithSAML(r -> r.roleArn(roleArn)
                .principalArn(providerArn).samlAssertion(assertion));
        secrets.add(assumed.credentials().secretAccessKey());
        secrets.add(assumed.credentials().sessionToken());
        JsonNode record = record(assumed.responseMetadata().requestId());
        assertCommon(record, "sts.amazonaws.com", "AssumeRoleWithSAML", false);
        assertThat(record.path("userIdentity").toString()).isEqualTo(JSON.createObjectNode()
                .put("type", "SAMLUser").put("principalId", assumed.nameQualifier() + ":dave-0004")
                .put("userName", "dave-0004").put("identityProvider", assumed.nameQualifier()).toString());
        assertThat(record.path("requestParameters")).isEqualTo(JSON.createObjectNode().put("roleArn", roleArn)
                .put("principalArn", providerArn));
        JsonNode response = record.path("responseElements");
        assertThat(response.path("subject").asText()).isEqualTo("dave-0004");
        assertThat(response.path("subjectType").asText()).isEqualTo("persistent");
        assertThat(response.path("issuer").asText()).isEqualTo(SamlFixture.ENTITY_ID);
        assertThat(response.path("audience").asText()).isEqualTo("https://signin.aws.amazon.com/saml");
        assertThat(response.path("nameQualifier").asText()).isEqualTo(assumed.nameQualifier());
        assertThat(response.at("/credentials/accessKeyId").asText()).isEqualTo(assumed.credentials().accessKeyId());
        assertThat(response.path("credentials").has("sessionToken")).isFalse();
        assertThat(record.path("resources").toString()).isEqualTo("[{\"accountId\":\"" + account
                + "\",\"type\":\"AWS::IAM::Role\",\"ARN\":\"" + roleArn + "\"},{\"accountId\":\"" + account
                + "\",\"type\":\"AWS::IAM::SAMLProvider\",\"ARN\":\"" + providerArn + "\"}]");
    }

    private void crossAccount() {
        var org = Clients.organizations(server, Clients.root(server));
        CreateAccountStatus status = org.createAccount(r -> r.accountName("audited").email("audited@example.test"))
                .createAccountStatus();
        JsonNode createAccount = awaitRecords(all -> all.stream().anyMatch(r -> r.path("eventName").asText()
                .equals("CreateAccount"))).stream().filter(r -> r.path("eventName").asText().equals("CreateAccount"))
                .findFirst().orElseThrow();
        assertCommon(createAccount, "organizations.amazonaws.com", "CreateAccount", false);
        assertThat(createAccount.path("requestParameters")).isEqualTo(JSON.createObjectNode()
                .put("accountName", "audited").put("email", "audited@example.test"));
        String member = org.describeCreateAccountStatus(r -> r.createAccountRequestId(status.id()))
                .createAccountStatus().accountId();
        rootIam.createUser(r -> r.userName("ops"));
        rootIam.attachUserPolicy(r -> r.userName("ops").policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
        AccessKey key = rootIam.createAccessKey(r -> r.userName("ops")).accessKey();
        secrets.add(key.secretAccessKey());
        String opsId = rootIam.getUser(r -> r.userName("ops")).user().userId();
        String roleArn = "arn:aws:iam::" + member + ":role/OrganizationAccountAccessRole";
        AssumeRoleResponse assumed = Clients.sts(server, Clients.basic(key.accessKeyId(), key.secretAccessKey()))
                .assumeRole(r -> r.roleArn(roleArn).roleSessionName("ops"));
        secrets.add(assumed.credentials().secretAccessKey());
        secrets.add(assumed.credentials().sessionToken());
        Predicate<JsonNode> ofAssumed = r -> r.path("requestID").asText().equals(assumed.responseMetadata()
                .requestId());
        List<JsonNode> both = awaitRecords(all -> all.stream().filter(ofAssumed).count() >= 2).stream()
                .filter(ofAssumed).toList();
        assertThat(both).hasSize(2);
        JsonNode callers = both.stream().filter(r -> r.path("recipientAccountId").asText().equals(account))
                .findFirst().orElseThrow();
        JsonNode owners = both.stream().filter(r -> r.path("recipientAccountId").asText().equals(member))
                .findFirst().orElseThrow();
        assertCommon(callers, "sts.amazonaws.com", "AssumeRole", false);
        assertCommon(owners, "sts.amazonaws.com", "AssumeRole", false);
        assertThat(callers.path("sharedEventID").asText()).matches(UUID)
                .isEqualTo(owners.path("sharedEventID").asText());
        assertThat(callers.path("eventID").asText()).isNotEqualTo(owners.path("eventID").asText());
        assertThat(callers.at("/userIdentity/type").asText()).isEqualTo("IAMUser");
        assertThat(owners.path("userIdentity").toString()).isEqualTo(JSON.createObjectNode()
                .put("type", "AWSAccount").put("principalId", opsId).put("accountId", account).toString());
        assertThat(owners.path("requestParameters")).isEqualTo(callers.path("requestParameters"));
        assertThat(owners.path("responseElements")).isEqualTo(callers.path("responseElements"));
    }

    private void trailHoldsNoSecretAndIsTheOwners() throws IOException {
        Path directory = server.dataDirectory.resolve("audit");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
                lines.addAll(Files.readAllLines(file));
            }
        }
        assertThat(lines).hasSizeGreaterThan(20);
        for (String line : lines) {
            JsonNode record = JSON.readTree(line);
            assertThat(record.path("eventID").asText()).matches(UUID);
            for (String secret : secrets) {
                assertThat(line).doesNotContain(secret);
            }
        }
        assertThat(secrets).hasSizeGreaterThan(12);
    }

    private void forensicQuestions(String roleArn, AssumeRoleResponse assumed, Instant started) {
        String dataDir = server.dataDirectory.toString();
        String sessionKey = assumed.credentials().accessKeyId();
        CliRunner.Result key = CliRunner.run("audit", "key", sessionKey, "--data-dir", dataDir);
        assertThat(key.exitCode()).as(key.output()).isZero();
        assertThat(key.output()).contains(sessionKey + " issued by AssumeRole").contains("role:            " + roleArn)
                .contains("session name:    s1").contains("source identity: alice-src")
                .contains("to:              arn:aws:iam::" + account + ":user/alice")
                .contains("issued by:       " + roleArn);

        CliRunner.Result activity = CliRunner.run("audit", "activity", "--key", sessionKey, "--data-dir", dataDir);
        assertThat(activity.exitCode()).as(activity.output()).isZero();
        assertThat(activity.output()).contains("sts:GetCallerIdentity  OK").contains("iam:ListUsers  AccessDenied")
                .contains("2 call(s)");
        CliRunner.Result byRole = CliRunner.run("audit", "activity", "--principal", roleArn, "--data-dir", dataDir);
        assertThat(byRole.output()).contains("iam:ListUsers  AccessDenied");

        CliRunner.Result who = CliRunner.run("audit", "assumed", "--role", roleArn, "--from", started.toString(),
                "--to", Instant.now().plusSeconds(1).toString(), "--data-dir", dataDir);
        assertThat(who.exitCode()).as(who.output()).isZero();
        assertThat(who.output()).contains("OK  arn:aws:iam::" + account + ":user/alice  session s1")
                .contains("source identity alice-src").contains("key " + sessionKey).contains("1 attempt(s)");
        CliRunner.Result before = CliRunner.run("audit", "assumed", "--role", roleArn, "--to",
                started.minusSeconds(3600).toString(), "--data-dir", dataDir);
        assertThat(before.output()).contains("0 attempt(s)");
        CliRunner.Result unknown = CliRunner.run("audit", "key", "ASIAZZZZZZZZZZZZZZZZ", "--data-dir", dataDir);
        assertThat(unknown.exitCode()).isEqualTo(1);
    }

    private static void assertCommon(JsonNode record, String source, String name, boolean readOnly) {
        assertThat(record.path("eventVersion").asText()).isEqualTo("1.08");
        assertThat(record.path("eventSource").asText()).isEqualTo(source);
        assertThat(record.path("eventName").asText()).isEqualTo(name);
        assertThat(record.path("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(record.path("sourceIPAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(record.path("userAgent").asText()).contains("aws-sdk-java");
        assertThat(record.path("eventTime").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(record.path("eventID").asText()).matches(UUID);
        assertThat(record.path("requestID").asText()).isNotEmpty();
        assertThat(record.path("readOnly").asBoolean()).isEqualTo(readOnly);
        assertThat(record.path("eventType").asText()).isEqualTo("AwsApiCall");
        assertThat(record.path("eventCategory").asText()).isEqualTo("Management");
        assertThat(record.path("managementEvent").asBoolean()).isTrue();
        assertThat(record.has("recipientAccountId")).isTrue();
        assertThat(record.has("tlsDetails")).isFalse();
        assertThat(record.has("requestParameters")).isTrue();
        assertThat(record.has("responseElements")).isTrue();
    }

    private static StsClient anonymous() {
        return StsClient.builder().endpointOverride(java.net.URI.create(server.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static JsonNode record(String requestId) {
        List<JsonNode> found = awaitRecords(all -> all.stream().anyMatch(r -> r.path("requestID").asText()
                .equals(requestId))).stream().filter(r -> r.path("requestID").asText().equals(requestId)).toList();
        assertThat(found).as("records of request %s", requestId).hasSize(1);
        return found.getFirst();
    }

    /** The trail once it holds what {@code complete} waits for: the server writes records a few ms after the answer. */
    private static List<JsonNode> awaitRecords(Predicate<List<JsonNode>> complete) {
        Instant deadline = Instant.now().plusSeconds(10);
        List<JsonNode> records = records();
        while (!complete.test(records) && Instant.now().isBefore(deadline)) {
            sleep(10);
            records = records();
        }
        return records;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> records() {
        List<JsonNode> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(server.dataDirectory.resolve("audit"))) {
            for (Path file : files.sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    records.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }
}
