package dev.lanyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Lanyard behind nginx with its default proxy_pass, which speaks HTTP/1.0 to the upstream: the AWS CLI and the SDK for
 * Java v2 work through it. The only setting the deployment needs is to pass the client's Host on, which SigV4 signs.
 */
class NginxProxyTest {

    @Test
    void clientsWorkThroughNginxDefaultProxyPass() throws Exception {
        try (TestServer server = TestServer.start(); Nginx nginx = Nginx.start(port -> """
                server {
                    listen 127.0.0.1:%d;
                    location / {
                        proxy_pass http://127.0.0.1:%d;
                        proxy_set_header Host $http_host;
                    }
                }
                """.formatted(port, server.port()))) {
            String endpoint = "http://127.0.0.1:" + nginx.port;
            List<String> root = server.rootCredentials();
            ExternalProcess.Result identity = ExternalProcess.run(List.of("aws", "--output", "json", "sts",
                    "get-caller-identity"), Map.of("AWS_ACCESS_KEY_ID", root.get(0),
                    "AWS_SECRET_ACCESS_KEY", root.get(1), "AWS_DEFAULT_REGION", "us-east-1",
                    "AWS_ENDPOINT_URL", endpoint));
            assertThat(identity.exitCode()).as(identity.stderr() + nginx.log()).isZero();
            assertThat(new ObjectMapper().readTree(identity.stdout()).get("Account").asText())
                    .isEqualTo(server.accountId());

            IamClient iam = Clients.iam(endpoint, Clients.root(server));
            iam.createUser(r -> r.userName("behind-nginx"));
            assertThat(iam.getUser(r -> r.userName("behind-nginx")).user().arn()).endsWith(":user/behind-nginx");
            // Every call nginx passed on was answered 200 (a 505 would mean its HTTP/1.0 was refused).
            assertThat(nginx.statuses()).as(nginx.log()).isNotEmpty().containsOnly("200");
        }
    }
}
