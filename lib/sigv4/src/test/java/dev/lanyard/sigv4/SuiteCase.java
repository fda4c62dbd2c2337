package dev.lanyard.sigv4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.aws.SecretAccessKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** One folder of the AWS SigV4 test suite (awslabs/aws-c-auth tests/aws-signing-test-suite/v4). */
record SuiteCase(String id, Path dir, JsonNode context) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** All cases; fails (never skips) when the shared test data is missing. */
    static List<SuiteCase> all() {
        String shared = System.getProperty("lanyard.shared.dir");
        if (shared == null) {
            throw new IllegalStateException("system property lanyard.shared.dir is not set (the parent pom sets it)");
        }
        Path root = Path.of(shared, "testdata", "aws-sigv4-test-suite", "v4");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("SigV4 test suite not found at " + root);
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).sorted().map(SuiteCase::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SuiteCase load(Path dir) {
        try {
            return new SuiteCase(dir.getFileName().toString(), dir,
                    JSON.readTree(Files.readString(dir.resolve("context.json"))));
        } catch (IOException e) {
            throw new UncheckedIOException(dir.toString(), e);
        }
    }

    String file(String name) {
        try {
            return new String(Files.readAllBytes(dir.resolve(name)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(dir.resolve(name).toString(), e);
        }
    }

    RawHttp request() {
        return RawHttp.parse(file("request.txt"));
    }

    String accessKeyId() {
        return context.path("credentials").path("access_key_id").asText();
    }

    SecretAccessKey secret() {
        return SecretAccessKey.of(context.path("credentials").path("secret_access_key").asText());
    }

    Optional<String> token() {
        JsonNode token = context.path("credentials").path("token");
        return token.isMissingNode() ? Optional.empty() : Optional.of(token.asText());
    }

    String region() {
        return context.path("region").asText();
    }

    String service() {
        return context.path("service").asText();
    }

    Instant timestamp() {
        return Instant.parse(context.path("timestamp").asText());
    }

    Duration expires() {
        return Duration.ofSeconds(context.path("expiration_in_seconds").asLong());
    }

    boolean normalize() {
        return context.path("normalize").asBoolean(true);
    }

    boolean signBody() {
        return context.path("sign_body").asBoolean(false);
    }

    boolean omitSessionToken() {
        return context.path("omit_session_token").asBoolean(false);
    }

    /** The suite signs every header of request.txt; we ask for that through extraSignedHeaders. */
    SigningOptions options() {
        return SigningOptions.defaults()
                .withExtraSignedHeaders(request().headers().keySet().toArray(String[]::new))
                .withNormalizePath(normalize())
                .withContentSha256Header(signBody())
                .withSessionTokenSigned(!omitSessionToken());
    }

    SigV4Signer signer() {
        return new SigV4Signer(accessKeyId(), secret(), token());
    }

    @Override
    public String toString() {
        return id;
    }
}
