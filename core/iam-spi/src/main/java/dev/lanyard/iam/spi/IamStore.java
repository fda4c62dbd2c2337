package dev.lanyard.iam.spi;

import static java.util.Objects.requireNonNull;

import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.IamSnapshot;
import java.util.List;
import java.util.function.Function;

/**
 * The IAM state port. Reads come from an in-memory snapshot and never touch the database; writes are atomic change
 * sets computed from the latest snapshot.
 *
 * <p>Security guarantees: secret material in entities (access key secrets) is encrypted at rest by implementations
 * and never written in the clear.
 */
public interface IamStore extends AutoCloseable {
    /** The current read model. Cheap: returns an immutable object. */
    IamSnapshot snapshot();

    /**
     * Computes a change set from the latest snapshot and applies it atomically. Implementations serialize writers and
     * re-run {@code mutation} when another writer got in first, so the function must be free of side effects. An
     * exception thrown by the function aborts the update and propagates.
     */
    <R> R update(Function<IamSnapshot, Mutation<R>> mutation);

    @Override
    void close();

    /** The changes to apply and what the operation returns once they are durable. */
    record Mutation<R>(List<EntityChange> changes, R result) {
        public Mutation {
            changes = List.copyOf(changes);
            requireNonNull(result, "result is null");
        }

        public static <R> Mutation<R> of(R result, EntityChange... changes) {
            return new Mutation<>(List.of(changes), result);
        }
    }
}
