package dev.lanyard.authorizeapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.authorizeapi.CorpusWorld.NotApplicable;
import dev.lanyard.authorizeapi.CorpusWorld.Realized;
import dev.lanyard.authorizer.AuthorizationDecision;
import dev.lanyard.authorizer.AuthorizationQuestion;
import dev.lanyard.authorizer.LanyardAuthorizer;
import dev.lanyard.pipeline.HttpReply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
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
 * into "not applicable". Every case that runs through the API also runs, in the same test, through the
 * {@code lanyard-authorizer} library ({@link LibraryFrontEnd}: the library signs its own call and parses the answer)
 * and must get the same verdict there, from Lanyard and again from the library's cache.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyCorpusApiTest {
    /** Cases that ran through the API when this test was written: fewer means the translation lost some. */
    private static final int MINIMUM_APPLICABLE = 250;
    /** Of those, the cases nginx carried when the nginx front end was added. */
    private static final int MINIMUM_THROUGH_NGINX = 200;
    private final CorpusWorld world = new CorpusWorld();
    private final LibraryFrontEnd library = new LibraryFrontEnd();

    @AfterAll
    void stopLibraryFrontEnd() {
        library.close();
    }

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

    private void run(CorpusCase corpusCase, Realized realized) {
        throughTheApi(corpusCase, realized);
        throughTheLibrary(corpusCase, realized);
        realized.askThroughNginx().ifPresent(reply -> throughNginx(corpusCase, realized, reply));
    }

    /** nginx acts on the status (200, 403); its body carries the same verdict as the API's. */
    private static void throughNginx(CorpusCase corpusCase, Realized realized, HttpReply reply) {
        String description = corpusCase + " through nginx\nsource: " + corpusCase.node().path("source").asText()
                + "\nverdict: " + new String(reply.body(), StandardCharsets.UTF_8);
        assertThat(reply.status()).as(description).isEqualTo(corpusCase.expect().equals("ALLOWED") ? 200 : 403);
        JsonNode verdict = AuthorizeWorld.json(reply);
        assertThat(verdict.get("Decision").textValue()).as(description).isEqualTo(decision(corpusCase));
        corpusCase.deciding().ifPresent(expected -> assertThat(CorpusWorld.labels(verdict.path(
                "DecidingStatements"), realized.policyNames())).as(description).isEqualTo(expected));
    }

    private static void throughTheApi(CorpusCase corpusCase, Realized realized) {
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

    /** The library asks Lanyard once, then answers the same question from its cache with the same verdict. */
    private void throughTheLibrary(CorpusCase corpusCase, Realized realized) {
        LanyardAuthorizer authorizer = library.authorizer(realized, 16);
        AuthorizationQuestion question = LibraryFrontEnd.question(realized);
        int before = library.calls();
        AuthorizationDecision asked = authorizer.authorize(question);
        AuthorizationDecision cached = authorizer.authorize(question);
        String description = corpusCase + " through the library\nsource: " + corpusCase.node().path("source").asText()
                + "\nverdict: " + asked;
        assertThat(library.calls() - before).as(description).isEqualTo(1);
        assertThat(asked.error().isPresent()).as(description).isEqualTo(!corpusCase.expect().equals("ALLOWED"));
        assertThat(asked.decision()).as(description).isEqualTo(decision(corpusCase));
        assertThat(asked.allowed()).as(description).isEqualTo(corpusCase.expect().equals("ALLOWED"));
        corpusCase.deciding().ifPresent(expected -> assertThat(labels(asked, realized)).as(description)
                .isEqualTo(expected));
        assertThat(cached).as(description).isEqualTo(asked);
    }

    private static String decision(CorpusCase corpusCase) {
        return switch (corpusCase.expect()) {
            case "ALLOWED" -> "Allowed";
            case "EXPLICIT_DENY" -> "ExplicitDeny";
            case "IMPLICIT_DENY" -> "ImplicitDeny";
            default -> throw new IllegalStateException(corpusCase.expect());
        };
    }

    /** The library's deciding statements in the corpus's labels, named as {@link CorpusWorld#labels} names them. */
    private static Set<String> labels(AuthorizationDecision decision, Realized realized) {
        Set<String> labels = new LinkedHashSet<>();
        decision.decidingStatements().forEach(s -> labels.add(realized.policyNames().getOrDefault(s.policyName(),
                s.policyName()) + "#" + s.sid().orElse(Integer.toString(s.statementIndex()))));
        return labels;
    }

    /**
     * The cache must not hide a wrong decision: a question that differs from a cached one in any single part the
     * verdict depends on is asked of Lanyard again, and gets Lanyard's answer to it, not the cached one.
     */
    @Test
    void theLibrarysCacheIsKeyedByTheWholeQuestion() {
        Realized realized = firstAllowedWithContextAndResourcePolicy();
        AuthorizationQuestion question = LibraryFrontEnd.question(realized);
        LanyardAuthorizer cached = library.authorizer(realized, 64);
        assertThat(cached.authorize(question).allowed()).isTrue();
        Map<String, List<String>> otherHeaders = new java.util.LinkedHashMap<>(question.headers());
        otherHeaders.put("X-Amz-Date", List.of("20261201T100001Z"));
        Map<String, AuthorizationQuestion> variants = new java.util.LinkedHashMap<>();
        variants.put("Method", with(question, "POST", question.rawPath(), question.rawQuery(), question.headers(),
                question.bodySha256()));
        variants.put("Path", with(question, question.method(), question.rawPath() + "x", question.rawQuery(),
                question.headers(), question.bodySha256()));
        variants.put("Query", with(question, question.method(), question.rawPath(), "a=b", question.headers(),
                question.bodySha256()));
        variants.put("Headers", with(question, question.method(), question.rawPath(), question.rawQuery(),
                otherHeaders, question.bodySha256()));
        variants.put("PayloadHash", with(question, question.method(), question.rawPath(), question.rawQuery(),
                question.headers(), "0".repeat(64)));
        variants.put("Action", new AuthorizationQuestion(question.method(), question.rawPath(), question.rawQuery(),
                question.headers(), question.bodySha256(), question.action() + "x", question.resource(),
                question.resourcePolicy(), question.context(), question.sourceIp(), question.secureTransport()));
        variants.put("Resource", new AuthorizationQuestion(question.method(), question.rawPath(),
                question.rawQuery(), question.headers(), question.bodySha256(), question.action(),
                question.resource() + "x", question.resourcePolicy(), question.context(), question.sourceIp(),
                question.secureTransport()));
        variants.put("ResourcePolicy", question.withResourcePolicy("{\"Version\":\"2012-10-17\",\"Statement\":"
                + "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}}"));
        variants.put("Context", question.withContext(Map.of()));
        variants.put("SourceIp", new AuthorizationQuestion(question.method(), question.rawPath(),
                question.rawQuery(), question.headers(), question.bodySha256(), question.action(),
                question.resource(), question.resourcePolicy(), question.context(), "203.0.113.250",
                question.secureTransport()));
        variants.put("SecureTransport", new AuthorizationQuestion(question.method(), question.rawPath(),
                question.rawQuery(), question.headers(), question.bodySha256(), question.action(),
                question.resource(), question.resourcePolicy(), question.context(), question.sourceIp(),
                !question.secureTransport()));
        LanyardAuthorizer uncached = library.authorizer(realized, 0);
        variants.forEach((part, variant) -> {
            int before = library.calls();
            Object answer = answer(cached, variant);
            assertThat(library.calls() - before).as("a question with another " + part + " reached Lanyard")
                    .isEqualTo(1);
            assertThat(answer).as(part).isEqualTo(answer(uncached, variant));
        });
        int before = library.calls();
        assertThat(cached.authorize(question).allowed()).isTrue();
        assertThat(library.calls()).as("the first question again, from the cache").isEqualTo(before);
    }

    /**
     * A verdict, or the refusal of the service's call, compared without the request ID and the error's message (its
     * encoded authorization message is encrypted afresh every time).
     */
    private static Object answer(LanyardAuthorizer authorizer, AuthorizationQuestion question) {
        try {
            AuthorizationDecision d = authorizer.authorize(question);
            return List.of(d.allowed(), d.decision(), d.decidingStatements(), d.error().map(e -> e.code() + " "
                    + e.httpStatus()), d.principal());
        } catch (dev.lanyard.authorizer.AuthorizationApiException e) {
            return e.getMessage();
        }
    }

    private static AuthorizationQuestion with(AuthorizationQuestion q, String method, String path, String query,
            Map<String, List<String>> headers, String payloadHash) {
        return new AuthorizationQuestion(method, path, query, headers, payloadHash, q.action(), q.resource(),
                q.resourcePolicy(), q.context(), q.sourceIp(), q.secureTransport());
    }

    /** The first allowed case whose question carries both a resource policy and condition keys. */
    private Realized firstAllowedWithContextAndResourcePolicy() {
        for (Path file : CorpusCase.files()) {
            for (CorpusCase corpusCase : CorpusCase.read(file)) {
                Optional<Realized> realized = realize(corpusCase);
                if (corpusCase.expect().equals("ALLOWED") && realized.isPresent()) {
                    AuthorizationQuestion question = LibraryFrontEnd.question(realized.get());
                    if (question.resourcePolicy().isPresent() && !question.context().isEmpty()) {
                        return realized.get();
                    }
                }
            }
        }
        throw new IllegalStateException("no allowed corpus case with a resource policy and condition keys");
    }

    @Test
    void whatDoesNotApplyAndWhy() {
        Map<CorpusWorld.Reason, List<String>> skipped = new EnumMap<>(CorpusWorld.Reason.class);
        int applicable = 0;
        int throughNginx = 0;
        int all = 0;
        for (Path file : CorpusCase.files()) {
            for (CorpusCase corpusCase : CorpusCase.read(file)) {
                all++;
                try {
                    throughNginx += world.realize(corpusCase).nginxSubrequest().isPresent() ? 1 : 0;
                    applicable++;
                } catch (NotApplicable e) {
                    skipped.computeIfAbsent(e.reason, r -> new ArrayList<>()).add(corpusCase + " (" + e.getMessage()
                            + ")");
                }
            }
        }
        StringBuilder report = new StringBuilder("policy corpus through the authorization API: " + applicable + " of "
                + all + " cases apply, " + throughNginx + " of them through nginx too (the others carry a resource"
                + " policy or condition keys of the service's, which nginx's routes do not)\n");
        skipped.forEach((reason, cases) -> {
            report.append(cases.size()).append(" not applicable: ").append(reason.why).append('\n');
            cases.forEach(c -> report.append("    ").append(c).append('\n'));
        });
        System.out.println(report);
        assertThat(applicable).as(report.toString()).isGreaterThanOrEqualTo(MINIMUM_APPLICABLE);
        assertThat(throughNginx).as(report.toString()).isGreaterThanOrEqualTo(MINIMUM_THROUGH_NGINX);
    }
}
