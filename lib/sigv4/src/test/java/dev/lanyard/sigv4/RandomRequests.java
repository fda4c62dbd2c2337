package dev.lanyard.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded generator of awkward but valid requests: odd paths, encodings, repeated headers, whitespace, bodies. */
final class RandomRequests {
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE"};
    private static final String[] ATOMS = {"a", "Z", "0", "-", "_", ".", "~", " ", "+", "=", "&", "/", "%", "?", "ሴ",
        "é", "😀", "..", ":", "@", "*", "'", "\""};
    private static final String[] HEADER_NAMES = {"X-Custom", "x-amz-target", "Content-Type", "x-k8s-aws-id",
        "X-Vault-AWS-IAM-Server-ID", "Accept"};

    private final SplittableRandom random;

    RandomRequests(long seed) {
        this.random = new SplittableRandom(seed);
    }

    boolean nextBoolean() {
        return random.nextBoolean();
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    String text(int maxAtoms) {
        StringBuilder out = new StringBuilder();
        int n = random.nextInt(maxAtoms + 1);
        for (int i = 0; i < n; i++) {
            out.append(ATOMS[random.nextInt(ATOMS.length)]);
        }
        return out.toString();
    }

    /** A raw path as a client might put it on the wire: segments, dots, doubled slashes, escapes. */
    String path() {
        StringBuilder out = new StringBuilder("/");
        int segments = random.nextInt(5);
        for (int i = 0; i < segments; i++) {
            String segment = switch (random.nextInt(5)) {
                case 0 -> ".";
                case 1 -> "..";
                case 2 -> "";
                default -> escape(text(4).replace("/", "").replace("?", ""), false);
            };
            out.append(segment).append(random.nextBoolean() ? "/" : "");
        }
        return out.toString();
    }

    /** A raw query whose components are escaped in one of several equivalent styles. */
    String query() {
        List<String> pairs = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String name = "p" + text(2);
            pairs.add(escape(name, true) + (random.nextInt(4) == 0 ? "" : "=" + escape(text(5), true)));
        }
        return String.join("&", pairs);
    }

    Map<String, List<String>> headers(String host) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of(host));
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String name = HEADER_NAMES[random.nextInt(HEADER_NAMES.length)];
            List<String> values = new ArrayList<>(headers.getOrDefault(name, List.of()));
            values.add((random.nextBoolean() ? "  " : "") + text(4).replace("\"", "") + "v"
                    + (random.nextBoolean() ? " \t " : ""));
            headers.put(name, values);
        }
        return headers;
    }

    byte[] body() {
        return random.nextInt(3) == 0 ? new byte[0] : text(12).getBytes(StandardCharsets.UTF_8);
    }

    HttpRequestParts request() {
        return new HttpRequestParts(METHODS[random.nextInt(METHODS.length)], path(), query(),
                headers("host-" + random.nextInt(100) + ".example.test"), body());
    }

    /** Unreserved characters stay or get escaped; others are escaped with either hex case; space may become '+'. */
    private String escape(String text, boolean query) {
        StringBuilder out = new StringBuilder();
        HexFormat hex = random.nextBoolean() ? HexFormat.of().withUpperCase() : HexFormat.of();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~';
            if (unreserved && (!query || random.nextInt(4) != 0)) {
                out.append((char) c);
            } else if (query && c == ' ' && random.nextBoolean()) {
                out.append('+');
            } else if (!query && c < 0x80 && c != '%' && c != '/' && c != '?' && random.nextBoolean()) {
                out.append((char) c);
            } else {
                out.append('%').append(hex.toHexDigits((byte) c));
            }
        }
        return out.toString();
    }
}
