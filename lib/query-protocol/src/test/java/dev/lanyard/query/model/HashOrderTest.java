package dev.lanyard.query.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class HashOrderTest {

    /** The written-out order is the JDK HashMap's, for member lists of every size the models have. */
    @Test
    void matchesTheIterationOrderOfAHashMap() {
        Random random = new Random(16);
        for (int round = 0; round < 2_000; round++) {
            int size = 1 + random.nextInt(40);
            List<String> names = new ArrayList<>();
            Map<String, Boolean> map = new HashMap<>();
            while (names.size() < size) {
                String name = randomName(random);
                if (map.putIfAbsent(name, true) == null) {
                    names.add(name);
                }
            }
            assertThat(HashOrder.of(names, Function.identity())).isEqualTo(new ArrayList<>(map.keySet()));
        }
    }

    private static String randomName(Random random) {
        StringBuilder name = new StringBuilder();
        int length = 1 + random.nextInt(24);
        for (int i = 0; i < length; i++) {
            name.append((char) ('a' + random.nextInt(26)));
        }
        return name.toString();
    }
}
