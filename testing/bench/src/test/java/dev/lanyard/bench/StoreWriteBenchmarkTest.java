package dev.lanyard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoreWriteBenchmarkTest {
    @Test
    void eachOperationIsAnAcknowledgedWriteOfAUserInTheRing() throws Exception {
        StoreWriteBenchmark benchmark = new StoreWriteBenchmark();
        benchmark.open();
        try {
            assertThat(benchmark.putUser()).isEqualTo("user-1");
            assertThat(benchmark.putUser()).isEqualTo("user-2");
            assertThat(benchmark.storedUsers()).isEqualTo(2);
        } finally {
            benchmark.close();
        }
    }
}
