package dev.lanyard.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.lanyard.tokens.MasterKey;
import java.time.Duration;

/** The store on PostgreSQL for several nodes: pooled connections that fail fast when the database is away. */
public final class PostgresDatabase {
    private PostgresDatabase() {}

    public static JdbcIamStore open(String jdbcUrl, String user, String password, MasterKey masterKey) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        // Writes must fail fast while the database is unreachable; reads never come here.
        config.setConnectionTimeout(Duration.ofSeconds(2).toMillis());
        config.setValidationTimeout(Duration.ofSeconds(1).toMillis());
        config.setInitializationFailTimeout(Duration.ofSeconds(5).toMillis());
        config.setPoolName("lanyard-store");
        config.addDataSourceProperty("connectTimeout", "2");
        config.addDataSourceProperty("socketTimeout", "10");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot reach the database at " + jdbcUrl + " (" + rootMessage(e)
                    + "): a node that has never loaded its IAM model from the database does not serve", e);
        }
        try {
            return JdbcIamStore.open(dataSource, masterKey, dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
