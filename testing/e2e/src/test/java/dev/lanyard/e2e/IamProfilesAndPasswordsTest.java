package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * boto3 checks the AWS managed policy catalogue, instance profiles, login profiles, the password policy,
 * ChangePassword and service-linked roles: happy paths, AWS's errors and its paginators (the script asserts).
 */
class IamProfilesAndPasswordsTest {
    @Test
    void throughBoto3() throws Exception {
        try (TestServer server = TestServer.start()) {
            Path script = Path.of(IamProfilesAndPasswordsTest.class.getResource("/iam_profiles_passwords.py").toURI());
            var creds = server.rootCredentials();
            ExternalProcess.Result result = ExternalProcess.run(List.of("python3", script.toString(), server.endpoint(),
                    creds.get(0), creds.get(1), server.accountId()), Map.of());
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stdout()).contains("OK");
        }
    }
}
