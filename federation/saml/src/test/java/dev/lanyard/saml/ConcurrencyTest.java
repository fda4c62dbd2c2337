package dev.lanyard.saml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One verifier shared by many virtual threads, as the server uses it: every answer is right. */
class ConcurrencyTest {
    @TempDir
    static Path directory;

    @Test
    void sharedVerifierUnderConcurrentLoad() throws Exception {
        Harness harness = new Harness(directory);
        String good = XmlSec1.base64(harness.signed(new ResponseBuilder()));
        String bad = XmlSec1.base64(harness.signed(new ResponseBuilder()).replace("alice@example.com", "eve@x.com"));
        XmlSecSamlVerifier verifier = Harness.verifier();
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                boolean valid = i % 2 == 0;
                results.add(executor.submit(() -> accepted(verifier, valid ? good : bad, harness) == valid));
            }
        }
        for (Future<Boolean> result : results) {
            assertThat(result.get()).isTrue();
        }
    }

    private static boolean accepted(XmlSecSamlVerifier verifier, String base64, Harness harness) {
        try {
            return verifier.verify(base64, harness.trust()).nameId().equals("alice@example.com");
        } catch (dev.lanyard.aws.AwsException refused) {
            return false;
        }
    }
}
