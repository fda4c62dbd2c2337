package dev.lanyard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.ResponseFormat;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

class QueryBenchmarkTest {
    private final QueryBenchmark benchmark = new QueryBenchmark();

    @BeforeEach
    void setUp() {
        benchmark.setUp();
    }

    @Test
    void bodyDecodesToTheAssumeRoleParameters() {
        QueryParameters parameters = benchmark.decodeAssumeRole();

        assertThat(parameters.required("Action")).isEqualTo("AssumeRole");
        assertThat(parameters.required("RoleArn")).isEqualTo(Sessions.ROLE_ARN);
        assertThat(parameters.integer("DurationSeconds")).contains(3600);
        assertThat(parameters.structList("PolicyArns")).extracting(m -> m.get("arn"))
                .containsExactlyElementsOf(AssumeRoleWire.POLICY_ARNS);
        assertThat(parameters.structList("Tags")).hasSize(10)
                .contains(Map.of("Key", "Owner", "Value", "alice@example.com"));
        assertThat(parameters.list("TransitiveTagKeys")).containsExactly("Project", "Team");
        assertThat(parameters.names()).hasSize(30);
    }

    /** The body is encoded as botocore encodes it: RFC 3986 unreserved characters only, spaces as %20. */
    @Test
    void bodyUsesBotocoresPercentEncoding() {
        String body = AssumeRoleWire.requestBody();

        assertThat(body).startsWith("Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012"
                + "%3Arole%2Fci%2Fdeploy-role&RoleSessionName=bench-session&PolicyArns.member.1.arn=");
        assertThat(body).contains("&Tags.member.5.Value=alice%40example.com&").doesNotContain("+");
        assertThat(benchmark.assumeRoleBody()).hasSizeBetween(900, 1200);
    }

    @Test
    void decodeAndReadRuns() {
        benchmark.decodeAndReadAssumeRole(new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous."));
    }

    @Test
    void xmlEnvelopeCarriesTheCredentials() {
        String xml = new String(benchmark.assumeRoleResponseXml(), StandardCharsets.UTF_8);

        assertThat(xml).startsWith("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<AssumeRoleResult><Credentials><AccessKeyId>ASIA");
        assertThat(xml).contains("<SessionToken>" + BotocoreRequests.SESSION_TOKEN + "</SessionToken>")
                .contains("<Expiration>2025-11-23T13:00:00Z</Expiration>")
                .endsWith("<RequestId>" + AssumeRoleWire.REQUEST_ID + "</RequestId></ResponseMetadata>"
                        + "</AssumeRoleResponse>");
    }

    @Test
    void jsonEnvelopeCarriesTheCredentials() {
        String json = new String(benchmark.encode(ResponseFormat.JSON), StandardCharsets.UTF_8);

        assertThat(json).startsWith("{\"AssumeRoleResponse\":{\"AssumeRoleResult\":{")
                .contains("\"SessionToken\":\"" + BotocoreRequests.SESSION_TOKEN + "\"")
                .contains("\"RequestId\":\"" + AssumeRoleWire.REQUEST_ID + "\"");
    }
}
