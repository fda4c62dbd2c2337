package dev.lanyard.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RandomUuidTest {
    @Test
    void isAVersion4UuidInTheRfcVariant() {
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 1000; i++) {
            UUID uuid = RandomUuid.generate(random);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(UUID.fromString(uuid.toString())).isEqualTo(uuid);
        }
    }

    @Test
    void keepsTheOther122BitsRandom() {
        SplittableRandom random = new SplittableRandom(122);
        Set<UUID> seen = new HashSet<>();
        long highOr = 0;
        long lowOr = 0;
        for (int i = 0; i < 1000; i++) {
            UUID uuid = RandomUuid.generate(random);
            seen.add(uuid);
            highOr |= uuid.getMostSignificantBits();
            lowOr |= uuid.getLeastSignificantBits();
        }
        assertThat(seen).hasSize(1000);
        assertThat(highOr).isEqualTo(~0xB000L);
        assertThat(lowOr).isEqualTo(0xBFFFFFFFFFFFFFFFL);
    }

    @Test
    void theSameSeedGivesTheSameUuid() {
        assertThat(RandomUuid.generate(new SplittableRandom(7))).isEqualTo(RandomUuid.generate(new SplittableRandom(7)));
    }
}
