package dev.lanyard.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The user and password with which every command opens the shared PostgreSQL store. The user is a setting like any
 * other ({@code --database-user}, {@code LANYARD_DATABASE_USER}, {@code database-user:}); the password comes from a
 * file ({@code --database-password-file}, layered alike) and never as a flag's or the configuration file's value,
 * where it would show in {@code ps} and in copies of the file. {@code LANYARD_DB_USER} and {@code LANYARD_DB_PASSWORD},
 * the first releases' variables, still serve when nothing else sets them.
 */
final class DatabaseLogin {
    static final String USER_VARIABLE = "LANYARD_DB_USER";
    static final String PASSWORD_VARIABLE = "LANYARD_DB_PASSWORD";
    static final String DEFAULT_USER = "lanyard";

    private DatabaseLogin() {}

    static String user(Optional<String> setting, Map<String, String> environment) {
        return setting.or(() -> Optional.ofNullable(environment.get(USER_VARIABLE))).orElse(DEFAULT_USER);
    }

    static String password(Optional<Path> file, Map<String, String> environment) {
        return file.map(DatabaseLogin::read)
                .orElseGet(() -> Optional.ofNullable(environment.get(PASSWORD_VARIABLE)).orElse(""));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the database password file " + file, e);
        }
    }
}
