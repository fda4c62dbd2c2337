package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/** Where a multi-node deployment keeps its shared state: a PostgreSQL JDBC URL and its credentials. */
public record DatabaseSettings(String jdbcUrl, String user, String password) {
    /** PgJDBC's {@code password} and {@code sslpassword} URL parameters. */
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)([?&](?:ssl)?password=)[^&]*");

    public DatabaseSettings {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("only PostgreSQL JDBC URLs are supported: " + redacted(jdbcUrl));
        }
    }

    /** The password, and any password the JDBC URL carries as a parameter, print as [REDACTED]. */
    @Override
    public String toString() {
        return "DatabaseSettings[" + redacted(jdbcUrl) + ", user " + user + ", password [REDACTED]]";
    }

    private static String redacted(String jdbcUrl) {
        return URL_PASSWORD.matcher(jdbcUrl).replaceAll("$1[REDACTED]");
    }
}
