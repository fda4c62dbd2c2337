package dev.lanyard.iam.spi;

import java.util.Optional;

/** Holds the token keyset, encrypted under the master key, shared by every node. */
public interface KeysetStore {
    Optional<byte[]> loadKeyset();

    /** Replaces the keyset if the stored bytes are still {@code expected} (empty: none stored yet). */
    boolean compareAndSetKeyset(Optional<byte[]> expected, byte[] replacement);
}
