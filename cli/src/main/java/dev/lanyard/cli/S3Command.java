package dev.lanyard.cli;

import dev.lanyard.aws.AccountId;
import dev.lanyard.iam.model.S3Bucket;
import dev.lanyard.server.BucketRegistry;
import dev.lanyard.server.DatabaseSettings;
import dev.lanyard.server.LanyardConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lanyard s3}: the S3 gateway's bucket registry. {@code map-bucket} gives a bucket the backend already holds to
 * the account that owns it, so the gateway serves it; {@code buckets} lists the registry.
 */
@Command(name = "s3", mixinStandardHelpOptions = true,
        description = "Manage the S3 gateway's bucket registry (owners of existing buckets).",
        subcommands = {S3Command.MapBucket.class, S3Command.Buckets.class})
final class S3Command implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Where the store is: the same options as {@code serve}. */
    static final class StoreOptions {
        @Option(names = "--data-dir", description = "Data directory (default ${DEFAULT-VALUE}).",
                defaultValue = "lanyard-data")
        Path dataDirectory;

        @Option(names = "--database-url", description = "PostgreSQL JDBC URL of a shared store (credentials from"
                + " LANYARD_DB_USER and LANYARD_DB_PASSWORD; the master key from LANYARD_MASTER_KEY).")
        Optional<String> databaseUrl;

        BucketRegistry open() {
            if (databaseUrl.isEmpty() && !Files.isDirectory(dataDirectory)) {
                throw new IllegalArgumentException("no Lanyard data directory at " + dataDirectory.toAbsolutePath());
            }
            Optional<DatabaseSettings> database = databaseUrl.map(url -> new DatabaseSettings(url,
                    Optional.ofNullable(System.getenv("LANYARD_DB_USER")).orElse("lanyard"),
                    Optional.ofNullable(System.getenv("LANYARD_DB_PASSWORD")).orElse("")));
            LanyardConfig config = LanyardConfig.defaults(dataDirectory.toAbsolutePath())
                    .withMasterKey(Optional.ofNullable(System.getenv("LANYARD_MASTER_KEY"))).withDatabase(database);
            return BucketRegistry.open(config, Clock.systemUTC(), new SecureRandom());
        }
    }

    @Command(name = "map-bucket", mixinStandardHelpOptions = true,
            description = "Record ACCOUNT as the owner of an existing backend bucket. With the embedded store, stop"
                    + " the server first.")
    static final class MapBucket implements Callable<Integer> {
        @Mixin
        StoreOptions store = new StoreOptions();

        @Option(names = "--bucket", required = true, description = "The bucket's name.")
        String bucket;

        @Option(names = "--account", required = true, description = "The 12-digit account that owns it.")
        String account;

        @Override
        public Integer call() {
            try (BucketRegistry registry = store.open()) {
                S3Bucket mapped = registry.map(bucket, AccountId.of(account), Clock.systemUTC().instant());
                System.out.println("bucket " + mapped.name() + " is owned by account " + mapped.owner().value());
                return 0;
            }
        }
    }

    @Command(name = "buckets", mixinStandardHelpOptions = true, description = "List the registry: bucket, owner,"
            + " whether it has a bucket policy.")
    static final class Buckets implements Callable<Integer> {
        @Mixin
        StoreOptions store = new StoreOptions();

        @Override
        public Integer call() {
            try (BucketRegistry registry = store.open()) {
                for (S3Bucket bucket : registry.buckets()) {
                    System.out.println(bucket.name() + "\t" + bucket.owner().value() + "\t"
                            + (bucket.policy().isPresent() ? "policy" : "-"));
                }
                return 0;
            }
        }
    }
}
