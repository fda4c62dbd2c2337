package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * boto3 drives SSH public keys, signing and server certificates (made by ssh-keygen and openssl), service-specific
 * credentials, STS preferences, the Organizations-root features and delegation requests: happy paths, errors, limits,
 * paginators, and every answer's XML checked against the botocore model's member order and required members.
 */
class IamCredentialsBoto3Test {
    @Test
    void credentialsAndCertificatesThroughBoto3() throws Exception {
        try (TestServer server = TestServer.start()) {
            Path script = Path.of(IamCredentialsBoto3Test.class.getResource("/iam_credentials.py").toURI());
            var creds = server.rootCredentials();
            ExternalProcess.Result result = ExternalProcess.run(List.of("python3", script.toString(),
                    server.endpoint(), creds.get(0), creds.get(1), server.accountId()), Map.of());
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stdout()).contains("OK");
        }
    }
}
