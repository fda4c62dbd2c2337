package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.model.Credentials;

/** Everything the server logs during a run with successes and refusals, at every level, holds no secret. */
class NoSecretsInLogsTest {
    private static final List<String> SERVER_LOGGERS = List.of("dev.lanyard", "io.helidon", "org.flywaydb", "org.h2");

    @Test
    void logsNeverContainSecrets() throws Exception {
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            private final SimpleFormatter formatter = new SimpleFormatter();

            @Override
            public void publish(LogRecord record) {
                String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
                // Only the server's side: the clients in this JVM (the SDK, the JDK's HTTP client) log their own.
                if (SERVER_LOGGERS.stream().noneMatch(logger::startsWith)) {
                    return;
                }
                synchronized (lines) {
                    lines.add(formatter.format(record));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        Level previous = root.getLevel();
        root.addHandler(capture);
        root.setLevel(Level.ALL);
        List<String> secrets = new ArrayList<>();
        try (TestServer server = TestServer.start()) {
            secrets.add(server.rootCredentials().get(1));
            secrets.add(Files.readString(server.dataDirectory.resolve("master.key")).trim());
            var iam = Clients.iam(server, Clients.root(server));
            iam.createUser(r -> r.userName("logged"));
            iam.putUserPolicy(r -> r.userName("logged").policyName("p").policyDocument("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}"));
            AccessKey key = iam.createAccessKey(r -> r.userName("logged")).accessKey();
            secrets.add(key.secretAccessKey());
            iam.createRole(r -> r.roleName("logged-role").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + server.accountId()
                    + "\"},\"Action\":\"sts:AssumeRole\"}]}"));
            AwsCredentials user = Clients.basic(key.accessKeyId(), key.secretAccessKey());
            Credentials session = Clients.sts(server, user).assumeRole(r -> r
                    .roleArn("arn:aws:iam::" + server.accountId() + ":role/logged-role").roleSessionName("s1"))
                    .credentials();
            secrets.add(session.secretAccessKey());
            secrets.add(session.sessionToken());
            catchThrowable(() -> Clients.iam(server, Clients.session(session)).listUsers());
            catchThrowable(() -> Clients.sts(server, Clients.basic(key.accessKeyId(), key.secretAccessKey() + "x"))
                    .getCallerIdentity());
            catchThrowable(() -> Clients.sts(server, software.amazon.awssdk.auth.credentials.AwsSessionCredentials
                    .create(session.accessKeyId(), session.secretAccessKey(), session.sessionToken() + "A"))
                    .getCallerIdentity());
            // Server certificate private keys and service-specific passwords are secrets too, refused or accepted
            OpensslMaterial material = OpensslMaterial.generate();
            secrets.addAll(OpensslMaterial.base64Lines(material.privateKey()));
            secrets.addAll(OpensslMaterial.base64Lines(material.otherPrivateKey()));
            iam.uploadServerCertificate(r -> r.serverCertificateName("logged").certificateBody(material.certificate())
                    .privateKey(material.privateKey()));
            catchThrowable(() -> iam.uploadServerCertificate(r -> r.serverCertificateName("mismatch")
                    .certificateBody(material.certificate()).privateKey(material.otherPrivateKey())));
            catchThrowable(() -> iam.uploadServerCertificate(r -> r.serverCertificateName("broken")
                    .certificateBody(material.certificate()).privateKey(material.otherPrivateKey().substring(0, 300))));
            var credential = iam.createServiceSpecificCredential(r -> r.userName("logged")
                    .serviceName("codecommit.amazonaws.com")).serviceSpecificCredential();
            secrets.add(credential.servicePassword());
            secrets.add(iam.resetServiceSpecificCredential(r -> r.userName("logged")
                    .serviceSpecificCredentialId(credential.serviceSpecificCredentialId()))
                    .serviceSpecificCredential().servicePassword());
        } finally {
            root.removeHandler(capture);
            root.setLevel(previous);
        }
        String all = String.join("\n", lines);
        assertThat(lines).isNotEmpty();
        assertThat(all).contains("outcome=AccessDenied").contains("outcome=SignatureDoesNotMatch");
        for (String secret : secrets) {
            assertThat(all).doesNotContain(secret);
        }
    }
}
