package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.cli.LanyardCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lanyard policy lint} and {@code lanyard policy simulate}: offline, with the server's validator and engine. */
class PolicyCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run lanyard(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream previousOut = System.out;
        PrintStream previousErr = System.err;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = LanyardCommand.commandLine().execute(args);
        } finally {
            System.setOut(previousOut);
            System.setErr(previousErr);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String file(String name, String text) throws IOException {
        Path path = dir.resolve(name);
        Files.writeString(path, text);
        return path.toString();
    }

    private static String allow(String action, String resource) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Grant\",\"Effect\":\"Allow\",\"Action\":\""
                + action + "\",\"Resource\":\"" + resource + "\"}]}";
    }

    @Test
    void lintAcceptsValidDocumentsAndGivesIamsMessagesForTheRest() throws IOException {
        String good = file("good.json", allow("s3:GetObject", "arn:aws:s3:::b/*"));
        String principal = file("principal.json", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}");
        String big = file("big.json", allow("s3:GetObject", "arn:aws:s3:::" + "b".repeat(6200)));
        Run run = lanyard("policy", "lint", good, principal, big);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains(good + ": OK (managed, 1 statements, ")
                .contains(principal + ": MalformedPolicyDocument: Policy document should not specify a principal.")
                .contains(big + ": LimitExceeded: Cannot exceed quota for PolicySize: 6144");
        assertThat(lanyard("policy", "lint", "--kind", "role-inline", big).exit()).isZero();
        assertThat(lanyard("policy", "lint", "--kind", "user-inline", big).out())
                .contains(big + ": LimitExceeded: Maximum policy size of 2048 bytes exceeded for user NAME");
        assertThat(lanyard("policy", "lint", "--kind", "session", big).out())
                .contains(big + ": PackedPolicyTooLarge: Packed policy consumes 309% of allotted space");

        String trust = file("trust.json", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"s3:GetObject\"}]}");
        assertThat(lanyard("policy", "lint", "--kind", "trust", trust).out())
                .contains("MalformedPolicyDocument: AssumeRole policy may only specify STS AssumeRole actions.");
    }

    @Test
    void simulateDecidesWithBoundariesConditionsAndResourcePolicies() throws IOException {
        String identity = file("identity.json", "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"Read\",\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\","
                + "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}},"
                + "{\"Sid\":\"NoSecrets\",\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::secrets/*\"}]}");
        String boundary = file("boundary.json", allow("s3:GetObject", "*"));
        Run run = lanyard("policy", "simulate", "--policy", identity, "--boundary", boundary,
                "--action", "s3:GetObject", "--action", "s3:GetBucketPolicy",
                "--resource", "arn:aws:s3:::data/a", "--resource", "arn:aws:s3:::secrets/k",
                "--context", "aws:SourceIp=10.1.2.3", "--explain");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("allowed\ts3:GetObject\tarn:aws:s3:::data/a\n  identity.json statement 0 (Read) at line 1")
                .contains("explicitDeny\ts3:GetObject\tarn:aws:s3:::secrets/k\n  identity.json statement 1 "
                        + "(NoSecrets)")
                .contains("implicitDeny\ts3:GetBucketPolicy\tarn:aws:s3:::data/a")
                .contains("  | decision: ");
        assertThat(lanyard("policy", "simulate", "--policy", identity, "--action", "s3:GetObject",
                "--context", "aws:SourceIp=192.0.2.1").out()).startsWith("implicitDeny\ts3:GetObject\t*");

        String nothing = file("nothing.json", allow("s3:ListBucket", "*"));
        String bucket = file("bucket.json", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Share\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:role/app\"},"
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::shared/*\"}]}");
        String session = "arn:aws:sts::111122223333:assumed-role/app/worker";
        assertThat(lanyard("policy", "simulate", "--policy", nothing, "--resource-policy", bucket,
                "--caller-arn", session, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::shared/x").out())
                .startsWith("allowed\ts3:GetObject\tarn:aws:s3:::shared/x\n  bucket.json statement 0 (Share)");
        assertThat(lanyard("policy", "simulate", "--policy", nothing, "--resource-policy", bucket,
                "--caller-arn", session, "--resource-account", "444455556666", "--action", "s3:GetObject",
                "--resource", "arn:aws:s3:::shared/x").out()).startsWith("implicitDeny");

        Run bad = lanyard("policy", "simulate", "--policy", bucket, "--action", "s3:GetObject");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("bucket.json: Policy document should not specify a principal.");
    }
}
