package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

/** One step of an atomic change set. */
public sealed interface EntityChange {
    record Upsert(IamEntity entity) implements EntityChange {
        public Upsert {
            requireNonNull(entity, "entity is null");
        }
    }

    record Remove(EntityKey key) implements EntityChange {
        public Remove {
            requireNonNull(key, "key is null");
        }
    }

    static EntityChange upsert(IamEntity entity) {
        return new Upsert(entity);
    }

    static EntityChange remove(IamEntity entity) {
        return new Remove(entity.key());
    }
}
