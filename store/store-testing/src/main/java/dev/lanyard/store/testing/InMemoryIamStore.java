package dev.lanyard.store.testing;

import static java.util.Objects.requireNonNull;

import dev.lanyard.iam.model.IamEntity;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.spi.IamStore;
import java.util.Collection;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * An {@link IamStore} held in memory, for fast tests of core without a database: it passes {@link IamStoreContract}
 * (reopening gives an empty store, as for any store without durability). Writers serialize on a lock, so a mutation
 * runs once and sees the latest snapshot; readers never wait. Nothing is at rest, so nothing is encrypted.
 */
public final class InMemoryIamStore implements IamStore {
    private final ReentrantLock writer = new ReentrantLock();
    private volatile IamSnapshot current;

    private InMemoryIamStore(IamSnapshot initial) {
        this.current = requireNonNull(initial, "initial is null");
    }

    public static InMemoryIamStore empty() {
        return new InMemoryIamStore(IamSnapshot.empty());
    }

    /** A store that starts with {@code entities}, as if one change set had written them. */
    public static InMemoryIamStore of(Collection<? extends IamEntity> entities) {
        return new InMemoryIamStore(IamSnapshot.of(1, entities));
    }

    @Override
    public IamSnapshot snapshot() {
        return current;
    }

    @Override
    public <R> R update(Function<IamSnapshot, Mutation<R>> mutation) {
        requireNonNull(mutation, "mutation is null");
        writer.lock();
        try {
            IamSnapshot base = current;
            Mutation<R> result = mutation.apply(base);
            if (!result.changes().isEmpty()) {
                current = base.apply(base.version() + 1, result.changes());
            }
            return result.result();
        } finally {
            writer.unlock();
        }
    }

    @Override
    public void close() {
        // nothing to release
    }
}
