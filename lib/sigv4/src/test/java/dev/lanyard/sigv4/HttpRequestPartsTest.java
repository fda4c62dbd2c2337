package dev.lanyard.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpRequestPartsTest {

    @Test
    void looksUpHeadersCaseInsensitively() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("X-Amz-Date", List.of("20261123T190005Z"));
        headers.put("my-header", List.of("a", "b"));
        headers.put("My-Header", List.of("c"));
        HttpRequestParts request = new HttpRequestParts("GET", "/", "", headers);
        assertThat(request.header("x-amz-date")).contains("20261123T190005Z");
        assertThat(request.headerValues("MY-HEADER")).containsExactly("a", "b", "c");
        assertThat(request.header("absent")).isEmpty();
        assertThat(request.headerValues("absent")).isEmpty();
        assertThat(request.headers()).containsOnlyKeys("X-Amz-Date", "my-header");
    }

    @Test
    void isImmutableAndComparesBodiesByContent() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", new java.util.ArrayList<>(List.of("h")));
        HttpRequestParts request = new HttpRequestParts("POST", "/", "", headers, new byte[] {1, 2});
        headers.get("Host").add("other");
        assertThat(request.headerValues("host")).containsExactly("h");
        assertThatThrownBy(() -> request.headers().put("x", List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThat(request).isEqualTo(new HttpRequestParts("POST", "/", "", Map.of("host", List.of("h")),
                new byte[] {1, 2}));
        assertThat(request.hashCode()).isEqualTo(new HttpRequestParts("POST", "/", "", Map.of("HOST", List.of("h")),
                new byte[] {1, 2}).hashCode());
    }

    @Test
    void withHeadersReplacesAnyCase() {
        HttpRequestParts request = new HttpRequestParts("GET", "/", "", Map.of("x-amz-date", List.of("old")));
        assertThat(request.withHeaders(Map.of("X-Amz-Date", "new")).headerValues("X-AMZ-DATE")).containsExactly("new");
    }

    @Test
    void rejectsNulls() {
        assertThatThrownBy(() -> new HttpRequestParts(null, "/", "", Map.of()))
                .isInstanceOf(NullPointerException.class).hasMessage("method is null");
        assertThatThrownBy(() -> new HttpRequestParts("GET", "/", "", Map.of(), null))
                .isInstanceOf(NullPointerException.class).hasMessage("body is null");
    }
}
