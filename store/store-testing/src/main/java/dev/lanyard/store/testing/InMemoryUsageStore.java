package dev.lanyard.store.testing;

import dev.lanyard.iam.spi.UsageStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Last-used facts in memory, keeping the later of what is stored and what is saved, as the JDBC store does. */
public final class InMemoryUsageStore implements UsageStore {
    private final Map<Subject, LastUsed> facts = new ConcurrentHashMap<>();

    @Override
    public Map<Subject, LastUsed> loadLastUsed() {
        return new HashMap<>(facts);
    }

    /** Every fact: one process's memory has no other node to catch up with (reading a fact twice is harmless). */
    @Override
    public Map<Subject, LastUsed> loadSavedSince(Instant since) {
        return loadLastUsed();
    }

    @Override
    public void saveLastUsed(Map<Subject, LastUsed> batch) {
        batch.forEach((subject, used) -> facts.merge(subject, used, LastUsed::later));
    }
}
