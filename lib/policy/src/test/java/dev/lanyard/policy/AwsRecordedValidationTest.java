package dev.lanyard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every AWS-recorded policy validation case (shared/testdata/aws-recorded/iam-policy-validation.json):
 * rejected documents must produce AWS's exact message, accepted ones must parse.
 */
class AwsRecordedValidationTest {
    private static final String CORPUS = "testdata/aws-recorded/iam-policy-validation.json";

    static Stream<Arguments> cases() throws IOException {
        String sharedDir = System.getProperty("lanyard.shared.dir");
        assertThat(sharedDir).as("system property lanyard.shared.dir").isNotNull();
        Path file = Path.of(sharedDir).resolve(CORPUS);
        assertThat(file).as("AWS-recorded corpus").exists();
        JsonNode root = new ObjectMapper().readTree(Files.readString(file));
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode entry : root) {
            JsonNode message = entry.path("expect").path("message");
            cases.add(Arguments.of(entry.get("id").asText(), kindFor(entry.get("api").asText()),
                    entry.get("document").asText(), message.isNull() ? null : message.asText()));
        }
        assertThat(cases).hasSize(140);
        return cases.stream();
    }

    private static PolicyKind kindFor(String api) {
        return switch (api) {
            case "CreatePolicy" -> PolicyKind.MANAGED;
            case "CreateRole", "UpdateAssumeRolePolicy" -> PolicyKind.TRUST;
            case "PutUserPolicy", "PutRolePolicy", "PutGroupPolicy" -> PolicyKind.INLINE;
            default -> throw new IllegalArgumentException("unexpected api " + api);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesAws(String id, PolicyKind kind, String document, String expectedMessage) {
        ParseResult result = PolicyParser.parse(document, kind);
        if (expectedMessage == null) {
            assertThat(result).as(id).isInstanceOf(ParseResult.Valid.class);
        } else {
            assertThat(result).as(id).isEqualTo(new ParseResult.Invalid(expectedMessage));
        }
    }
}
