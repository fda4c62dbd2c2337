package dev.lanyard.tokens.internal;

import static org.assertj.core.api.Assertions.assertThat;

import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

class CipherPoolTest {
    @Test
    void givesBackWhatWasReturnedAndMakesNewOnesWhenEmpty() {
        CipherPool pool = new CipherPool(2);
        Cipher first = pool.take();
        Cipher second = pool.take();
        assertThat(first).isNotSameAs(second);
        pool.give(first);
        assertThat(pool.take()).isSameAs(first);
        assertThat(pool.take()).isNotSameAs(first).isNotSameAs(second);
    }

    @Test
    void neverHoldsMoreThanItsSize() {
        CipherPool pool = new CipherPool(2);
        Cipher a = pool.take();
        Cipher b = pool.take();
        Cipher c = pool.take();
        pool.give(a);
        pool.give(b);
        pool.give(c);
        Cipher x = pool.take();
        Cipher y = pool.take();
        assertThat(pool.take()).isNotIn(a, b, c);
        assertThat(x).isNotSameAs(y).isIn(a, b);
        assertThat(y).isIn(a, b);
    }
}
