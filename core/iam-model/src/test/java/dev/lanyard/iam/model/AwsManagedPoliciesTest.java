package dev.lanyard.iam.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.aws.Partition;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The catalogue in the jar says what AWS published, policy by policy, and every document parses. */
class AwsManagedPoliciesTest {
    private static final Path PUBLISHED = Path.of(System.getProperty("lanyard.shared.dir"), "testdata",
            "aws-managed-policies", "aws-managed-policies.json.gz");
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode published() throws Exception {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(PUBLISHED))) {
            return json.readTree(in).path("policies");
        }
    }

    @Test
    void everyPublishedPolicyIsInTheCatalogueAsAwsHasIt() throws Exception {
        AwsManagedPolicies catalogue = new AwsManagedPolicies(Partition.AWS);
        JsonNode published = published();
        assertThat(catalogue.entries()).hasSize(published.size()).hasSize(1452);
        for (JsonNode p : published) {
            String arn = p.path("Arn").asText();
            AwsManagedPolicies.Entry e = catalogue.entry(arn).orElseThrow(() -> new AssertionError("missing " + arn));
            assertThat(e.arn()).isEqualTo(arn);
            assertThat(e.name()).isEqualTo(p.path("PolicyName").asText());
            assertThat(e.policyId()).isEqualTo(p.path("PolicyId").asText());
            assertThat(e.path()).isEqualTo(p.path("Path").asText());
            assertThat(e.defaultVersionId()).isEqualTo(p.path("DefaultVersionId").asText());
            assertThat(e.createDate()).isEqualTo(instant(p.path("CreateDate").asText()));
            assertThat(e.updateDate()).isEqualTo(instant(p.path("UpdateDate").asText()));
            assertThat(e.versionDate()).isEqualTo(instant(p.path("DocumentCreateDate").asText()));
            assertThat(e.attachable()).isEqualTo(p.path("IsAttachable").asBoolean());
            assertThat(json.readTree(e.document())).as(arn).isEqualTo(p.path("Document"));
        }
    }

    @Test
    void anotherPartitionNamesEveryPolicyInItAndKnowsNoneByAwssArn() {
        AwsManagedPolicies lanyard = new AwsManagedPolicies(Partition.of("lanyard"));
        String readOnly = "arn:lanyard:iam::aws:policy/ReadOnlyAccess";
        assertThat(lanyard.entries()).hasSize(1452).allSatisfy(e -> assertThat(e.arn())
                .isEqualTo("arn:lanyard:iam::aws:policy" + e.path() + e.name()));
        assertThat(lanyard.arn("/ReadOnlyAccess")).isEqualTo(readOnly);
        assertThat(lanyard.entry(readOnly)).map(AwsManagedPolicies.Entry::name).contains("ReadOnlyAccess");
        assertThat(lanyard.lookup(readOnly)).map(p -> p.arn(lanyard.partition()).toString()).contains(readOnly);
        assertThat(lanyard.entry("arn:aws:iam::aws:policy/ReadOnlyAccess")).isEmpty();
        assertThat(new AwsManagedPolicies(Partition.AWS).entry(readOnly)).isEmpty();
    }

    private static Instant instant(String text) {
        return java.time.OffsetDateTime.parse(text).toInstant();
    }

    /** The engine evaluates exactly these documents, so each must parse as a managed policy. */
    @Test
    void everyDocumentParsesAndIsTheDefaultVersion() {
        AwsManagedPolicies catalogue = new AwsManagedPolicies(Partition.AWS);
        List<String> failures = new ArrayList<>();
        for (AwsManagedPolicies.Entry e : catalogue.entries()) {
            try {
                ManagedPolicy policy = catalogue.lookup(e.arn()).orElseThrow();
                assertThat(policy.defaultVersion().versionId()).isEqualTo(e.defaultVersionId());
                assertThat(policy.defaultVersion().policy().text()).isEqualTo(e.document());
                assertThat(policy.arn().toString()).isEqualTo(e.arn());
                assertThat(policy.awsManaged()).isTrue();
            } catch (RuntimeException ex) {
                failures.add(e.arn() + ": " + ex.getMessage());
            }
        }
        assertThat(failures).isEmpty();
    }

    /** ListPolicies shows AWS managed policies in creation order (AWS's answers list AdministratorAccess first). */
    @Test
    void listedInCreationOrder() {
        List<AwsManagedPolicies.Entry> entries = new AwsManagedPolicies(Partition.AWS).entries();
        assertThat(entries).isSortedAccordingTo(Comparator.comparing(AwsManagedPolicies.Entry::createDate)
                .thenComparing(AwsManagedPolicies.Entry::policyId));
        assertThat(entries.subList(0, 4)).extracting(AwsManagedPolicies.Entry::name).containsExactly(
                "AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess", "AWSCloudFormationReadOnlyAccess");
    }

    @Test
    void pathsResolveAndOtherArnsDoNot() {
        AwsManagedPolicies catalogue = new AwsManagedPolicies(Partition.AWS);
        assertThat(catalogue.lookup("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")).isPresent();
        assertThat(catalogue.lookup("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess")).isPresent();
        assertThat(catalogue.lookup("arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy"))
                .isPresent();
        assertThat(catalogue.lookup("arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole")).isEmpty();
        assertThat(catalogue.lookup("arn:aws:iam::123456789012:policy/AdministratorAccess")).isEmpty();
        assertThat(catalogue.entry("arn:aws:iam::aws:policy/service-role/AWSConfigRole").orElseThrow().attachable())
                .isFalse();
    }

    @Test
    void readsNothingUntilAPolicyIsNamed() {
        int[] opened = {0};
        AwsManagedPolicies catalogue = new AwsManagedPolicies(Partition.AWS, () -> {
            opened[0]++;
            return new ByteArrayInputStream(gzip("# header\nX\tANPAX\t/\tv1\t2020-01-01T00:00:00Z\t"
                    + "2020-01-01T00:00:00Z\t2020-01-01T00:00:00Z\ttrue\t{\"Version\":\"2012-10-17\",\"Statement\":"
                    + "[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}\n"));
        });
        assertThat(opened[0]).isZero();
        assertThat(catalogue.lookup("arn:aws:iam::aws:policy/X")).isPresent();
        assertThat(catalogue.entries()).hasSize(1);
        assertThat(opened[0]).isEqualTo(1);
    }

    private static byte[] gzip(String text) {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
                gz.write(text.getBytes(StandardCharsets.UTF_8));
            }
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
