package dev.lanyard.query.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The order AWS lists several validation failures in: the iteration order of a {@code java.util.HashMap} keyed by
 * the members' names (lower camel case), filled in the model's member order. Two recorded IAM answers show it
 * (CreateOpenIDConnectProvider: clientIDList, thumbprintList, url; UpdateAccountPasswordPolicy:
 * minimumPasswordLength, passwordReusePrevention, maxPasswordAge), and neither model nor alphabetical order gives
 * both. Written out here rather than read from a HashMap, whose order is not part of its contract.
 */
final class HashOrder {
    private static final int INITIAL_CAPACITY = 16;

    private HashOrder() {}

    static <T> List<T> of(List<T> items, Function<T, String> key) {
        int capacity = INITIAL_CAPACITY;
        while (items.size() > capacity * 3 / 4) {
            capacity *= 2;
        }
        int mask = capacity - 1;
        List<T> ordered = new ArrayList<>(items);
        // A stable sort keeps the insertion order within a bucket, as HashMap's bucket chains do.
        ordered.sort(Comparator.comparingInt(item -> bucket(key.apply(item), mask)));
        return ordered;
    }

    static int bucket(String key, int mask) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & mask;
    }
}
