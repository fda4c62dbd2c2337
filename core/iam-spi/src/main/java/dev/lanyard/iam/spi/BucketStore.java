package dev.lanyard.iam.spi;

import dev.lanyard.iam.model.S3Bucket;
import java.util.List;
import java.util.Optional;

/**
 * The S3 gateway's bucket registry: which account owns each bucket, and its bucket policy. Reads come from memory and
 * never touch the database (the gateway asks on every request); writes are durable when they return, and fail with a
 * 503-class {@code AwsException} when the store cannot take them.
 */
public interface BucketStore {
    /** The bucket of that name, if the registry has it. */
    Optional<S3Bucket> bucket(String name);

    /** Every registered bucket, by name. */
    List<S3Bucket> buckets();

    /**
     * Registers the bucket unless one of that name is registered already; returns the registered one either way, so
     * the caller tells "created" from "already there" by comparing owners and creation times.
     */
    S3Bucket createIfAbsent(S3Bucket bucket);

    /** Registers the bucket or replaces the one of that name (owner and policy). */
    void put(S3Bucket bucket);

    /** Forgets the bucket; nothing happens when it is not registered. */
    void remove(String name);
}
