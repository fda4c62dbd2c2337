package dev.lanyard.e2e;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.auth.spi.scheme.AuthSchemeOption;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.auth.scheme.IamAuthSchemeProvider;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.scheme.StsAuthSchemeProvider;
import software.amazon.awssdk.services.sts.model.Credentials;

/** AWS SDK for Java v2 clients pointed at the test server, exactly as a user would configure them. */
final class Clients {
    private Clients() {}

    static AwsCredentials basic(String id, String secret) {
        return AwsBasicCredentials.create(id, secret);
    }

    static AwsCredentials session(Credentials c) {
        return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }

    static StsClient sts(TestServer server, AwsCredentials credentials) {
        return sts(server.endpoint(), credentials);
    }

    static StsClient sts(String endpoint, AwsCredentials credentials) {
        return StsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /**
     * Signs at {@code clock}'s time (a server on a {@link MutableClock} checks signatures against its own time) and
     * never retries, so a test sees each answer, Throttling included, as it came.
     */
    static StsClient sts(TestServer server, AwsCredentials credentials, Clock clock) {
        return StsClient.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .authSchemeProvider(params -> signingAt(clock,
                        StsAuthSchemeProvider.defaultProvider().resolveAuthScheme(params)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** As {@link #sts(TestServer, AwsCredentials, Clock)}, for IAM. */
    static IamClient iam(TestServer server, AwsCredentials credentials, Clock clock) {
        return IamClient.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .authSchemeProvider(params -> signingAt(clock,
                        IamAuthSchemeProvider.defaultProvider().resolveAuthScheme(params)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static List<AuthSchemeOption> signingAt(Clock clock, List<AuthSchemeOption> options) {
        return options.stream().map(o -> o.toBuilder().putSignerProperty(HttpSigner.SIGNING_CLOCK, clock).build())
                .toList();
    }

    static IamClient iam(TestServer server, AwsCredentials credentials) {
        return iam(server.endpoint(), credentials);
    }

    static IamClient iam(String endpoint, AwsCredentials credentials) {
        return IamClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    static OrganizationsClient organizations(TestServer server, AwsCredentials credentials) {
        return organizations(server.endpoint(), credentials);
    }

    static OrganizationsClient organizations(String endpoint, AwsCredentials credentials) {
        return OrganizationsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    static AwsCredentials root(TestServer server) {
        var creds = server.rootCredentials();
        return basic(creds.get(0), creds.get(1));
    }
}
