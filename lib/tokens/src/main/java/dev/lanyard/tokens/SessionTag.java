package dev.lanyard.tokens;

import static java.util.Objects.requireNonNull;

/** A session tag, which becomes a principal tag ({@code aws:PrincipalTag/KEY}) of the session. */
public record SessionTag(String key, String value) {
    public SessionTag {
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
    }
}
