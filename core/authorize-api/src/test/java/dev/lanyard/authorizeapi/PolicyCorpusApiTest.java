package dev.lanyard.authorizeapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.authorizeapi.CorpusWorld.NotApplicable;
import dev.lanyard.authorizeapi.CorpusWorld.Realized;
import dev.lanyard.pipeline.HttpReply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestFactory;

/**
 * One corpus, every front end: each case of the policy corpus that a custom service's request can carry runs through
 * {@code POST /authorize/v1} (real keys, sealed session tokens, signatures of the client's request and of the
 * service's call, the operator's catalogue declaring the case's action) and must get the corpus's decision and
 * deciding statements. Which cases cannot apply, and why, is computed per case by {@link CorpusWorld} (a caller with
 * nothing to sign with, a trust policy, a condition key only Lanyard or an AWS service sets, ...), and
 * {@link #whatDoesNotApplyAndWhy} prints the tally; the tally's floor keeps a regression from quietly turning cases
 * into "not applicable".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyCorpusApiTest {
    /** Cases that ran through the API when this test was written: fewer means the translation lost some. */
    private static final int MINIMUM_APPLICABLE = 250;
    private final CorpusWorld world = new CorpusWorld();

    @TestFactory
    Stream<DynamicNode> corpus() {
        return CorpusCase.files().stream().map(this::file);
    }

    private DynamicContainer file(Path file) {
        List<DynamicTest> tests = new ArrayList<>();
        for (CorpusCase corpusCase : CorpusCase.read(file)) {
            Optional<Realized> realized = realize(corpusCase);
            realized.ifPresent(r -> tests.add(DynamicTest.dynamicTest(corpusCase.name(), () -> run(corpusCase, r))));
        }
        return DynamicContainer.dynamicContainer(file.getFileName().toString(), tests);
    }

    private Optional<Realized> realize(CorpusCase corpusCase) {
        try {
            return Optional.of(world.realize(corpusCase));
        } catch (NotApplicable e) {
            return Optional.empty();
        }
    }

    private static void run(CorpusCase corpusCase, Realized realized) {
        HttpReply reply = realized.ask();
        String body = new String(reply.body(), StandardCharsets.UTF_8);
        String description = corpusCase + "\nsource: " + corpusCase.node().path("source").asText() + "\nverdict: "
                + body;
        assertThat(reply.status()).as(description).isEqualTo(200);
        JsonNode verdict = AuthorizeWorld.json(reply);
        assertThat(verdict.get("Decision").textValue()).as(description).isEqualTo(switch (corpusCase.expect()) {
            case "ALLOWED" -> "Allowed";
            case "EXPLICIT_DENY" -> "ExplicitDeny";
            case "IMPLICIT_DENY" -> "ImplicitDeny";
            default -> throw new IllegalStateException(corpusCase.expect());
        });
        assertThat(verdict.get("Allowed").booleanValue()).as(description)
                .isEqualTo(corpusCase.expect().equals("ALLOWED"));
        corpusCase.deciding().ifPresent(expected -> assertThat(CorpusWorld.labels(verdict.path(
                "DecidingStatements"), realized.policyNames())).as(description).isEqualTo(expected));
    }

    @Test
    void whatDoesNotApplyAndWhy() {
        Map<CorpusWorld.Reason, List<String>> skipped = new EnumMap<>(CorpusWorld.Reason.class);
        int applicable = 0;
        int all = 0;
        for (Path file : CorpusCase.files()) {
            for (CorpusCase corpusCase : CorpusCase.read(file)) {
                all++;
                try {
                    world.realize(corpusCase);
                    applicable++;
                } catch (NotApplicable e) {
                    skipped.computeIfAbsent(e.reason, r -> new ArrayList<>()).add(corpusCase + " (" + e.getMessage()
                            + ")");
                }
            }
        }
        StringBuilder report = new StringBuilder("policy corpus through the authorization API: " + applicable + " of "
                + all + " cases apply\n");
        skipped.forEach((reason, cases) -> {
            report.append(cases.size()).append(" not applicable: ").append(reason.why).append('\n');
            cases.forEach(c -> report.append("    ").append(c).append('\n'));
        });
        System.out.println(report);
        assertThat(applicable).as(report.toString()).isGreaterThanOrEqualTo(MINIMUM_APPLICABLE);
    }
}
