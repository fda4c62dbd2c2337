package dev.lanyard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CeilingServerTest {
    private static WebServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = CeilingServer.start(0);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static URI root() {
        return URI.create("http://127.0.0.1:" + server.port() + "/?Action=GetCallerIdentity&Version=2011-06-15");
    }

    @Test
    void getAnswersTheFixedXmlBody() throws Exception {
        HttpResponse<byte[]> response = CLIENT.send(HttpRequest.newBuilder(root()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/xml");
        assertThat(response.body()).isEqualTo(CeilingServer.BODY);
    }

    @Test
    void postAnswersTheSameBody() throws Exception {
        HttpResponse<byte[]> response = CLIENT.send(HttpRequest.newBuilder(root())
                .POST(HttpRequest.BodyPublishers.ofString("Action=GetCallerIdentity&Version=2011-06-15")).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(CeilingServer.BODY);
    }

    /** About the size of Lanyard's own GetCallerIdentity answer, so the two runs write the same bytes. */
    @Test
    void bodyIsAboutThreeHundredFiftyBytes() {
        assertThat(CeilingServer.BODY.length).isBetween(340, 360);
    }
}
