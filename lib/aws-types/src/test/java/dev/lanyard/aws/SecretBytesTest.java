package dev.lanyard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SecretBytesTest {
    @Test
    void equalityIsByContent() {
        SecretBytes a = SecretBytes.copyOf(new byte[] {1, 2, 3});
        SecretBytes same = SecretBytes.copyOf(new byte[] {1, 2, 3});
        assertThat(a).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(a).isNotEqualTo(SecretBytes.copyOf(new byte[] {1, 2, 4}));
        assertThat(a).isNotEqualTo(SecretBytes.copyOf(new byte[] {1, 2}));
    }

    @Test
    void copiesInAndOut() {
        byte[] source = {1, 2, 3};
        SecretBytes secret = SecretBytes.copyOf(source);
        source[0] = 9;
        byte[] revealed = secret.reveal();
        revealed[1] = 9;
        assertThat(secret.reveal()).containsExactly(1, 2, 3);
        assertThat(secret.length()).isEqualTo(3);
    }

    @Test
    void randomHasTheRequestedLength() {
        SecretBytes secret = SecretBytes.random(32, new SecureRandom());
        assertThat(secret.length()).isEqualTo(32);
        assertThat(secret).isNotEqualTo(SecretBytes.random(32, new SecureRandom()));
        assertThatThrownBy(() -> SecretBytes.random(0, new SecureRandom())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretBytes.copyOf(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverPrintsTheBytes() {
        assertThat(SecretBytes.copyOf(new byte[] {65, 66}).toString()).isEqualTo("[REDACTED]");
    }
}
