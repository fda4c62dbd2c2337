package dev.lanyard.store.jdbc;

import dev.lanyard.tokens.MasterKey;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.h2.jdbcx.JdbcDataSource;

/** The zero-setup default: an H2 database file in the data directory, in PostgreSQL mode so one schema serves both. */
public final class EmbeddedDatabase {
    private EmbeddedDatabase() {}

    public static JdbcIamStore open(Path directory, MasterKey masterKey) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + directory.resolve("lanyard").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        dataSource.setUser("lanyard");
        dataSource.setPassword("");
        Connection keepOpen;
        try {
            // One connection held for the store's lifetime keeps the database open between transactions.
            keepOpen = dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the embedded database in " + directory + ": "
                    + e.getMessage(), e);
        }
        return JdbcIamStore.open(dataSource, masterKey, keepOpen);
    }
}
