package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * Limits on what one IAM entity holds (client IDs, SAML private keys, tags), each at the limit and one past it, with
 * the code, HTTP status and message IAM answers. Account-wide counts are in {@link AccountQuotaTest}; the cheap
 * per-entity limits go through the AWS CLI in {@code iam_limits.sh}.
 */
class EntityLimitTest {
    private static final String TAG_LIMIT = "The number of tags has reached the maximum limit.";
    private static final String THUMBPRINT = "0".repeat(40);
    private static final String DOCUMENT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"iam:GetUser\",\"Resource\":\"*\"}]}";
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static TestServer server;
    private static IamClient iam;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        iam = Clients.iam(server, Clients.root(server));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anOpenIdConnectProviderHoldsAHundredClientIds() {
        List<String> hundred = IntStream.range(0, 100).mapToObj(i -> "client-" + i).toList();
        iam.createOpenIDConnectProvider(r -> r.url("https://full.example.test").clientIDList(hundred)
                .thumbprintList(THUMBPRINT));
        List<String> tooMany = IntStream.range(0, 101).mapToObj(i -> "client-" + i).toList();
        refused(() -> iam.createOpenIDConnectProvider(r -> r.url("https://over.example.test").clientIDList(tooMany)
                .thumbprintList(THUMBPRINT)), "Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100");

        String arn = iam.createOpenIDConnectProvider(r -> r.url("https://grown.example.test")
                .clientIDList(hundred.subList(0, 99)).thumbprintList(THUMBPRINT)).openIDConnectProviderArn();
        iam.addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("client-99"));
        iam.addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("client-0"));
        refused(() -> iam.addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("one-more")),
                "Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100");
        assertThat(iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)).clientIDList()).hasSize(100);
    }

    /** Five thumbprints fit; a sixth is InvalidInput, not LimitExceeded, in AWS's (off-by-one) wording. */
    @Test
    void anOpenIdConnectProviderHoldsFiveThumbprints() {
        List<String> five = IntStream.range(0, 5).mapToObj(i -> String.valueOf(i).repeat(40)).toList();
        String arn = iam.createOpenIDConnectProvider(r -> r.url("https://prints.example.test").clientIDList("c")
                .thumbprintList(five)).openIDConnectProviderArn();
        List<String> six = IntStream.range(0, 6).mapToObj(i -> String.valueOf(i).repeat(40)).toList();
        ThrowingCallable create = () -> iam.createOpenIDConnectProvider(r -> r.url("https://six.example.test")
                .clientIDList("c").thumbprintList(six));
        ThrowingCallable update = () -> iam.updateOpenIDConnectProviderThumbprint(r -> r.openIDConnectProviderArn(arn)
                .thumbprintList(six));
        for (ThrowingCallable call : List.of(create, update)) {
            assertThatThrownBy(call).isInstanceOfSatisfying(AwsServiceException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInput");
                assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Thumbprint list must contain fewer than 5 entries.");
            });
        }
        assertThat(iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)).thumbprintList()).hasSize(5);
    }

    @Test
    void aSamlProviderHoldsTenPrivateKeys(@TempDir Path dir) throws Exception {
        String metadata = new SamlFixture(dir).metadata();
        String firstKey = privateKeyPem();
        String arn = iam.createSAMLProvider(r -> r.name("keyring").samlMetadataDocument(metadata)
                .addPrivateKey(firstKey)).samlProviderArn();
        for (int i = 1; i < 10; i++) {
            String pem = privateKeyPem();
            iam.updateSAMLProvider(r -> r.samlProviderArn(arn).addPrivateKey(pem));
        }
        assertThat(iam.getSAMLProvider(r -> r.samlProviderArn(arn)).privateKeyList()).hasSize(10);
        String eleventh = privateKeyPem();
        refused(() -> iam.updateSAMLProvider(r -> r.samlProviderArn(arn).addPrivateKey(eleventh)),
                "Cannot exceed quota for PrivateKeysPerSamlProvider: 10");
        assertThat(iam.getSAMLProvider(r -> r.samlProviderArn(arn)).privateKeyList()).hasSize(10);
    }

    @Test
    void rolesHoldFiftyTags() {
        iam.createRole(r -> r.roleName("tagged").assumeRolePolicyDocument(TRUST).tags(tags("k", 49)));
        fiftyThenRefuse(t -> iam.tagRole(r -> r.roleName("tagged").tags(t)));
        assertThat(iam.listRoleTags(r -> r.roleName("tagged")).tags()).hasSize(50);
    }

    @Test
    void managedPoliciesHoldFiftyTags() {
        String arn = iam.createPolicy(r -> r.policyName("tagged").policyDocument(DOCUMENT).tags(tags("k", 49)))
                .policy().arn();
        fiftyThenRefuse(t -> iam.tagPolicy(r -> r.policyArn(arn).tags(t)));
        assertThat(iam.listPolicyTags(r -> r.policyArn(arn)).tags()).hasSize(50);
    }

    @Test
    void openIdConnectProvidersHoldFiftyTags() {
        String arn = iam.createOpenIDConnectProvider(r -> r.url("https://tagged.example.test").clientIDList("c")
                .thumbprintList(THUMBPRINT).tags(tags("k", 49))).openIDConnectProviderArn();
        fiftyThenRefuse(t -> iam.tagOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).tags(t)));
        assertThat(iam.listOpenIDConnectProviderTags(r -> r.openIDConnectProviderArn(arn)).tags()).hasSize(50);
    }

    @Test
    void samlProvidersHoldFiftyTags(@TempDir Path dir) throws Exception {
        String metadata = new SamlFixture(dir).metadata();
        String arn = iam.createSAMLProvider(r -> r.name("tagged").samlMetadataDocument(metadata).tags(tags("k", 49)))
                .samlProviderArn();
        fiftyThenRefuse(t -> iam.tagSAMLProvider(r -> r.samlProviderArn(arn).tags(t)));
        assertThat(iam.listSAMLProviderTags(r -> r.samlProviderArn(arn)).tags()).hasSize(50);
    }

    @Test
    void mfaDevicesHoldFiftyTags() {
        String serial = iam.createVirtualMFADevice(r -> r.virtualMFADeviceName("tagged").tags(tags("k", 49)))
                .virtualMFADevice().serialNumber();
        fiftyThenRefuse(t -> iam.tagMFADevice(r -> r.serialNumber(serial).tags(t)));
        assertThat(iam.listMFADeviceTags(r -> r.serialNumber(serial)).tags()).hasSize(50);
    }

    /**
     * The model's tag list holds at most 50, so more in one request is a ValidationError, not LimitExceeded; IAM names
     * the member without repeating the value (AWS's recorded answer to CreateRole and TagRole with 51 tags).
     */
    @Test
    void moreThanFiftyTagsInOneRequestFailValidation() {
        assertThatThrownBy(() -> iam.createUser(r -> r.userName("over-tagged").tags(tags("k", 51))))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value at"
                            + " 'tags' failed to satisfy constraint: Member must have length less than or equal to 50");
                });
        iam.createUser(r -> r.userName("fully-tagged").tags(tags("k", 50)));
        assertThat(iam.listUserTags(r -> r.userName("fully-tagged")).tags()).hasSize(50);
    }

    /**
     * With 49 tags on the entity: the 50th fits, a new value for an existing key still fits at 50, and a 51st key is
     * refused with LimitExceeded and leaves the tags as they were.
     */
    private static void fiftyThenRefuse(Consumer<Tag[]> tag) {
        tag.accept(tags("fiftieth", 1));
        tag.accept(new Tag[] {Tag.builder().key("k0").value("changed").build()});
        refused(() -> tag.accept(tags("fifty-first", 1)), TAG_LIMIT);
    }

    private static Tag[] tags(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> Tag.builder().key(prefix + i).value("v").build())
                .toArray(Tag[]::new);
    }

    private static void refused(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(409);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("LimitExceeded");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    private static String privateKeyPem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8);
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }
}
