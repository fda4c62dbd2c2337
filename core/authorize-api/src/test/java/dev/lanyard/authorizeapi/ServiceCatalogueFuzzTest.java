package dev.lanyard.authorizeapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lanyard.aws.Partition;

/**
 * Arbitrary service catalogues (the operator's {@code --service-catalogue} file): the parser either gives a catalogue
 * whose every service answers for its own prefix or refuses with the IllegalArgumentException that stops
 * {@code serve} with a message, never anything else. In {@code mvn test} only the seeds run; {@code JAZZER_FUZZ=1}
 * fuzzes.
 */
class ServiceCatalogueFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void readsAnyCatalogueSafely(FuzzedDataProvider data) {
        String json = data.consumeRemainingAsString();
        try {
            ServiceCatalogue catalogue = ServiceCatalogue.parse(json);
            for (String prefix : catalogue.prefixes()) {
                ServiceCatalogue.DeclaredService service = catalogue.service(prefix).orElseThrow();
                assertThat(service.prefix()).isEqualTo(prefix);
                assertThat(service.arn(Partition.AWS)).endsWith(":service/" + prefix);
            }
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
