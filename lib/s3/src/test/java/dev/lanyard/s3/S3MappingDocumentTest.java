package dev.lanyard.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/s3-mapping.md says what the code does: one row per operation, and every action the classifier asks for in
 * {@link S3MappingTest}'s requests is in the IAM action(s) column of that operation's row (and every action of a row
 * is asked for by some request).
 */
class S3MappingDocumentTest {
    private static final Pattern ACTION = Pattern.compile("`(s3:[A-Za-z]+)`");

    @Test
    void theTableMatchesTheClassifier() throws IOException {
        Map<String, Set<String>> documented = documentedActions();
        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(S3Operation.values()).map(S3Operation::awsName).toList());

        Map<String, Set<String>> classified = new HashMap<>();
        S3MappingTest.rows().forEach(row -> {
            S3Classification classification = Requests.CLASSIFIER.classify(
                    Requests.request(row.method(), row.target(), row.headers()), Requests.OWNERS);
            if (row.body() != null) {
                classification = classification.withBody(row.body().getBytes(UTF_8));
            }
            Set<String> actions = classified.computeIfAbsent(row.operation().awsName(), k -> new HashSet<>());
            S3MappingTest.authorizations(classification.required()).forEach(a -> actions.add(a.action()));
        });
        classified.forEach((operation, actions) ->
                assertThat(documented.get(operation)).as(operation).containsAll(actions));
        documented.forEach((operation, actions) -> assertThat(classified.get(operation)).as(operation)
                .containsExactlyInAnyOrderElementsOf(actions));
    }

    /** Operation name to the actions of its row's third column. */
    private static Map<String, Set<String>> documentedActions() throws IOException {
        Path document = Path.of(System.getProperty("lanyard.repo.dir"), "docs", "s3-mapping.md");
        Map<String, Set<String>> actions = new HashMap<>();
        for (String line : Files.readAllLines(document, UTF_8)) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            String operation = cells[1].trim().replace("`", "");
            Set<String> rowActions = new LinkedHashSet<>();
            Matcher matcher = ACTION.matcher(cells[3]);
            while (matcher.find()) {
                rowActions.add(matcher.group(1));
            }
            assertThat(actions.put(operation, rowActions)).as("a second row for " + operation).isNull();
        }
        return actions;
    }
}
