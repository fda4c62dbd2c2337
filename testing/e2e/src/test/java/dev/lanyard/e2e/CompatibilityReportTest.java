package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/compatibility.md lists every STS and IAM operation of the AWS model (from the installed botocore) and whether
 * Lanyard implements it. The test probes a running server for each operation, so the document cannot drift: run with
 * -Dlanyard.writeCompatibility=true to rewrite it.
 */
class CompatibilityReportTest {
    private static final String KNOWN_DIFFERENCES = "\n## Known differences";
    private static final Path DOC = Path.of(System.getProperty("lanyard.repo.dir"), "docs", "compatibility.md");

    private static List<String> operations(String service, String version) {
        ExternalProcess.Result result = ExternalProcess.run(List.of("python3", "-c",
                "import botocore.session,sys\n"
                        + "m=botocore.session.get_session().get_service_model('" + service + "')\n"
                        + "print('\\n'.join(sorted(m.operation_names)))"), Map.of());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result.stdout().lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void documentMatchesWhatTheServerServes() throws Exception {
        try (TestServer server = TestServer.start()) {
            RawHttpClient raw = new RawHttpClient(server);
            StringBuilder doc = new StringBuilder();
            doc.append("# AWS operations and what Lanyard implements\n\n")
                    .append("Generated from the AWS service models in botocore and checked against a running server by\n")
                    .append("`CompatibilityReportTest` (a test fails when this file and the server disagree).\n");
            for (String[] service : new String[][] {{"sts", "2011-06-15"}, {"iam", "2010-05-08"}}) {
                List<String> ops = operations(service[0], service[1]);
                StringBuilder rows = new StringBuilder();
                int implemented = 0;
                for (String op : ops) {
                    var response = raw.signedPost("Action=" + op + "&Version=" + service[1], Instant.now());
                    boolean served = !response.body().contains("<Code>InvalidAction</Code>");
                    implemented += served ? 1 : 0;
                    rows.append("| ").append(op).append(" | ").append(served ? "yes" : "no").append(" |\n");
                }
                doc.append("\n## ").append(service[0].toUpperCase()).append(" (").append(implemented).append(" of ")
                        .append(ops.size()).append(")\n\n| operation | implemented |\n|---|---|\n").append(rows);
            }
            String expected = doc.toString();
            // The hand-written section on known differences follows the generated tables and is kept as it is.
            String current = Files.readString(DOC, StandardCharsets.UTF_8);
            int notes = current.indexOf(KNOWN_DIFFERENCES);
            String tail = notes < 0 ? "" : current.substring(notes);
            if (Boolean.getBoolean("lanyard.writeCompatibility")) {
                Files.writeString(DOC, expected + tail, StandardCharsets.UTF_8);
                current = expected + tail;
                notes = tail.isEmpty() ? -1 : expected.length();
            }
            assertThat(notes < 0 ? current : current.substring(0, notes)).as("docs/compatibility.md is stale: rerun"
                    + " with -Dlanyard.writeCompatibility=true").isEqualTo(expected);
        }
    }
}
