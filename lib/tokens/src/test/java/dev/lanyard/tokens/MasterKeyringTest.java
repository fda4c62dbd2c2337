package dev.lanyard.tokens;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class MasterKeyringTest {
    private static final byte[] AAD = "mfa-seed:arn:aws:iam::123456789012:mfa/phone".getBytes(UTF_8);

    private final SecureRandom rnd = TestFixtures.seededRandom(22);
    private final MasterKey old = MasterKey.generate(rnd);
    private final MasterKey next = MasterKey.generate(rnd);

    @Test
    void sealsUnderItsSealingKeyAndOpensUnderAnyKeyItHolds() throws SealedDataException {
        byte[] underOld = old.encrypt("a".getBytes(UTF_8), AAD);
        MasterKeyring ring = MasterKeyring.of(List.of(old, next)).sealingWith(next.id());
        byte[] underNext = ring.encrypt("b".getBytes(UTF_8), AAD);
        assertThat(MasterKey.sealedBy(underNext)).contains(next.id());
        assertThat(ring.decrypt(underOld, AAD)).isEqualTo("a".getBytes(UTF_8));
        assertThat(ring.decrypt(underNext, AAD)).isEqualTo("b".getBytes(UTF_8));
        assertThatThrownBy(() -> old.decrypt(underNext, AAD)).isInstanceOf(SealedDataException.class);
    }

    @Test
    void aKeyItDoesNotHoldIsNamedInTheRefusal() {
        byte[] underNext = next.encrypt("b".getBytes(UTF_8), AAD);
        assertThatThrownBy(() -> MasterKeyring.of(old).decrypt(underNext, AAD))
                .isInstanceOf(SealedDataException.class)
                .hasMessageContaining(next.id().value()).hasMessageContaining(old.id().value());
    }

    @Test
    void dataSealedBeforeKeysHadIdsOpensUnderWhicheverKeySealedIt() throws Exception {
        byte[] legacy = MasterKeyTest.legacySeal(next, "c".getBytes(UTF_8), AAD);
        assertThat(MasterKeyring.of(List.of(old, next)).decrypt(legacy, AAD)).isEqualTo("c".getBytes(UTF_8));
        assertThatThrownBy(() -> MasterKeyring.of(old).decrypt(legacy, AAD)).isInstanceOf(SealedDataException.class);
    }

    @Test
    void textFormRoundTripsWithTheSealingKeyFirst() {
        MasterKeyring ring = MasterKeyring.of(List.of(old, next)).sealingWith(next.id());
        MasterKeyring read = MasterKeyring.fromBase64List(ring.toBase64Lines(), rnd);
        assertThat(read.ids()).containsExactly(next.id(), old.id());
        assertThat(read.sealing().id()).isEqualTo(next.id());
        assertThat(MasterKeyring.fromBase64List(" " + old.toBase64() + " ,\n" + next.toBase64() + "\n", rnd).ids())
                .containsExactly(old.id(), next.id());
    }

    @Test
    void refusesNoKeysDuplicatesAndBadKeysWithoutQuotingThem() {
        assertThatThrownBy(() -> MasterKeyring.fromBase64List(" \n", rnd)).hasMessage("no master key given");
        assertThatThrownBy(() -> MasterKeyring.fromBase64List(old.toBase64() + "," + old.toBase64(), rnd))
                .hasMessageContaining("given twice");
        assertThatThrownBy(() -> MasterKeyring.fromBase64List(old.toBase64() + ",AAAA", rnd))
                .hasMessageStartingWith("master key 2:").hasMessageNotContaining("AAAA");
    }

    @Test
    void theSealingKeyCannotBeDroppedAndOthersCan() {
        MasterKeyring ring = MasterKeyring.of(old).with(next);
        assertThat(ring.sealing()).isSameAs(old);
        assertThatThrownBy(() -> ring.without(old.id())).hasMessageContaining("seals");
        assertThat(ring.sealingWith(next.id()).without(old.id()).ids()).containsExactly(next.id());
        assertThatThrownBy(() -> MasterKeyring.of(old).sealingWith(next.id()))
                .hasMessageContaining(next.id().value());
    }

    @Test
    void printsKeyIdsOnly() {
        MasterKeyring ring = MasterKeyring.of(List.of(old, next));
        assertThat(ring.toString()).contains(old.id().value(), next.id().value())
                .doesNotContain(old.toBase64(), next.toBase64());
    }
}
