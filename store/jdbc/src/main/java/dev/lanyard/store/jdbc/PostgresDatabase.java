package dev.lanyard.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.lanyard.tokens.MasterKey;
import dev.lanyard.tokens.MasterKeyring;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/** The store on PostgreSQL for several nodes: pooled connections that fail fast when the database is away. */
public final class PostgresDatabase {
    private PostgresDatabase() {}

    public static JdbcIamStore open(String jdbcUrl, String user, String password, MasterKey masterKey,
            InstantSource clock) {
        return open(jdbcUrl, user, password, masterKey, JdbcIamStore.DEFAULT_WRITE_TIMEOUT, clock);
    }

    /**
     * Opens the store; a write waits at most {@code writeTimeout} for the row lock that serializes writers across
     * nodes. A commit is durable when PostgreSQL returns it (its defaults, fsync and synchronous_commit on, are
     * assumed; a server that turns them off gives up this guarantee).
     */
    public static JdbcIamStore open(String jdbcUrl, String user, String password, MasterKey masterKey,
            Duration writeTimeout, InstantSource clock) {
        return open(jdbcUrl, user, password, MasterKeyring.of(masterKey), "node", writeTimeout, clock);
    }

    /**
     * The same with a keyring; {@code nodeName} names this node in the registry of master keys that a rotation
     * checks (see {@link MasterKeyRotation}).
     */
    public static JdbcIamStore open(String jdbcUrl, String user, String password, MasterKeyring keys,
            String nodeName, Duration writeTimeout, InstantSource clock) {
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
        // a row lock held too long (another node's write stuck) fails this write with 503 instead of hanging it
        config.addDataSourceProperty("options", "-c lock_timeout=" + writeTimeout.toMillis());
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot reach the database at " + jdbcUrl + " (" + rootMessage(e)
                    + "): a node that has never loaded its IAM model from the database does not serve", e);
        }
        try {
            NodeKeys membership = new NodeKeys(nodeName + "@" + ProcessHandle.current().pid() + "/"
                    + clock.instant().toEpochMilli(), nodeName);
            return JdbcIamStore.open(dataSource, keys, Optional.of(membership), GroupCommit.Sync.ON_COMMIT,
                    writeTimeout, clock, dataSource);
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
