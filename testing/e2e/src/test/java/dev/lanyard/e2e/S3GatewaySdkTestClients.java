package dev.lanyard.e2e;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.model.Credentials;

/** An SDK for Java v2 S3Client pointed at a fixture's gateway, path-style, without retries. */
final class S3GatewaySdkTestClients {
    private S3GatewaySdkTestClients() {}

    static S3Client s3(GatewayFixture gateway, Credentials credentials) {
        return S3Client.builder().endpointOverride(URI.create(gateway.s3Endpoint())).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(Clients.session(
                        credentials)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }
}
