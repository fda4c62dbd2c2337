package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service catalogue the authorization API cannot mean stops the packaged {@code lanyard serve} before it opens
 * anything: a non-zero exit, the option and the file in the message, the field at fault named, and no data
 * directory made (the catalogue is read with the other settings, before the store).
 */
class ServiceCatalogueStartupTest {
    private static final Path JAR = Path.of(System.getProperty("lanyard.repo.dir"), "cli", "target", "lanyard.jar");
    private static final String GOOD_SERVICE = """
            "Account": "111122223333",
            "ResourceTypes": {"order": "arn:${Partition}:orders:${Region}:${Account}:order/${OrderId}"},
            "ConditionKeys": {"orders:Channel": "String"},
            """;

    @TempDir
    Path dir;

    /** Runs serve with {@code catalogue} and returns its output, having checked that it failed on its own. */
    private String refused(String catalogueText) throws IOException, InterruptedException {
        Path catalogue = dir.resolve("services.json");
        Files.writeString(catalogue, catalogueText, StandardCharsets.UTF_8);
        return refusedWith(catalogue);
    }

    private String refusedWith(Path catalogue) throws IOException, InterruptedException {
        Path dataDir = dir.resolve("data");
        Path log = dir.resolve("serve.log");
        // port 0: were the catalogue accepted, the server would start rather than collide with anyone
        Process process = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-jar", JAR.toString(),
                "serve", "--port", "0", "--data-dir", dataDir.toString(), "--service-catalogue",
                catalogue.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("serve stopped by itself: %s",
                    Files.exists(log) ? Files.readString(log) : "").isTrue();
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isNotZero();
        assertThat(output).as("no server started").doesNotContain("Listening").doesNotContain("export AWS_");
        assertThat(dataDir).as("nothing opened before the catalogue was read").doesNotExist();
        assertThat(output).contains("--service-catalogue").contains(catalogue.toString());
        return output;
    }

    @Test
    void aMissingFile() throws Exception {
        assertThat(refusedWith(dir.resolve("nowhere.json"))).contains("does not exist");
    }

    @Test
    void malformedJson() throws Exception {
        assertThat(refused("{\"Services\": {\"orders\": {\"Account\": \"111122223333\",}}")).contains(
                "not valid JSON");
    }

    @Test
    void yamlIsNotACatalogue() throws Exception {
        assertThat(refused("Services:\n  orders:\n    Account: '111122223333'\n")).contains("not valid JSON");
    }

    @Test
    void anActionDeclaredTwice() throws Exception {
        assertThat(refused("{\"Services\": {\"orders\": {" + GOOD_SERVICE + """
                "Actions": {"GetOrder": {}, "getorder": {}}}}}""")).contains("Services.orders.Actions.getorder")
                .contains("declared twice");
        assertThat(refused("{\"Services\": {\"orders\": {" + GOOD_SERVICE + """
                "Actions": {"GetOrder": {}, "GetOrder": {}}}}}""")).contains("Duplicate field 'GetOrder'");
    }

    @Test
    void aResourceTypeWhoseArnFormatIsNotAnArn() throws Exception {
        assertThat(refused("""
                {"Services": {"orders": {"Account": "111122223333",
                  "ResourceTypes": {"order": "orders:${Region}:order/${OrderId}"},
                  "Actions": {"GetOrder": {"ResourceTypes": ["order"]}}}}}""")).contains(
                "Services.orders.ResourceTypes.order").contains("is not an ARN format of service orders");
    }

    @Test
    void aConditionKeyOfAnUnknownType() throws Exception {
        assertThat(refused("""
                {"Services": {"orders": {"Account": "111122223333",
                  "ConditionKeys": {"orders:Channel": "Text"},
                  "Actions": {"ListOrders": {"ConditionKeys": ["orders:Channel"]}}}}}""")).contains(
                "Services.orders.ConditionKeys.orders:Channel").contains("types: String, ARN, Numeric");
    }
}
