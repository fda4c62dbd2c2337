package dev.lanyard.server;

import static java.util.Objects.requireNonNull;

/** Where a multi-node deployment keeps its shared state: a PostgreSQL JDBC URL and its credentials. */
public record DatabaseSettings(String jdbcUrl, String user, String password) {
    public DatabaseSettings {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("only PostgreSQL JDBC URLs are supported: " + jdbcUrl);
        }
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + jdbcUrl + ", user " + user + ", password [REDACTED]]";
    }
}
