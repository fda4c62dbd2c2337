package dev.lanyard.oidc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class UrlPolicyTest {
    @ParameterizedTest
    @CsvSource({
        "https://idp.example, false, ",
        "https://idp.example/tenant/v2.0, false, ",
        "http://idp.example, true, plain http is refused for non-loopback host idp.example",
        "http://127.0.0.1:8080, false, plain http to loopback 127.0.0.1 needs allowInsecureLoopback",
        "http://127.0.0.1:8080, true, ",
        "http://127.9.8.7, true, ",
        "http://localhost:1, true, ",
        "http://[::1]:1, true, ",
        "http://128.0.0.1, true, plain http is refused for non-loopback host 128.0.0.1",
        "http://127.0.0.1.evil.example, true, plain http is refused for non-loopback host 127.0.0.1.evil.example",
        "http://localhost.evil.example, true, plain http is refused for non-loopback host localhost.evil.example",
        "ws://idp.example, true, scheme ws is not https",
        "https://user@idp.example, false, URL carries user info: idp.example",
        "/relative, true, not an absolute URL with a host: /relative",
    })
    void policy(String url, boolean allowLoopback, String violation) {
        assertThat(new UrlPolicy(allowLoopback).violation(URI.create(url)).orElse(null)).isEqualTo(violation);
    }

    @ParameterizedTest
    @CsvSource({"https://idp.example, https://idp.example/.well-known/openid-configuration",
        "https://idp.example/, https://idp.example/.well-known/openid-configuration",
        "https://idp.example/tenant, https://idp.example/tenant/.well-known/openid-configuration"})
    void discoveryLocation(String issuer, String expected) {
        assertThat(UrlPolicy.discoveryUri(URI.create(issuer))).hasToString(expected);
    }

    static Stream<String> randomHosts() {
        SplittableRandom random = new SplittableRandom(20261124);
        return IntStream.range(0, 500).mapToObj(i -> {
            int first = random.nextInt(4) == 0 ? 127 : random.nextInt(300);
            return first + "." + random.nextInt(300) + "." + random.nextInt(300) + "." + random.nextInt(300)
                    + (random.nextInt(10) == 0 ? ".1" : "");
        });
    }

    /** The hand-written IPv4 check agrees with the JDK's parser on literal dotted quads. */
    @ParameterizedTest
    @MethodSource("randomHosts")
    void loopbackIpv4MatchesTheJdk(String host) throws Exception {
        boolean validQuad = host.chars().filter(c -> c == '.').count() == 3
                && Stream.of(host.split("\\.")).allMatch(part -> Integer.parseInt(part) <= 255);
        boolean expected = validQuad && InetAddress.getByName(host).isLoopbackAddress();

        assertThat(UrlPolicy.isLoopbackHost(host)).isEqualTo(expected);
    }
}
