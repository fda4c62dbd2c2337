package dev.lanyard.e2e;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;
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
        return OrganizationsClient.builder()
                .endpointOverride(URI.create(server.endpoint()))
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
