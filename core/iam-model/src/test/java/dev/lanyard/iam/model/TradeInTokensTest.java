package dev.lanyard.iam.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.aws.AccountId;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The trade-in token's form: what mint gives, parse takes back, and nothing else. */
class TradeInTokensTest {
    private static final String ID = "dr0123456789abcdefghij";

    @Test
    void aMintedTokenNamesItsRequestAndParsesBack() {
        SecretText token = TradeInTokens.mint(ID, new SecureRandom());
        assertThat(token.reveal()).startsWith(ID + ".").hasSize(ID.length() + 1 + 43);
        TradeInTokens.Presented presented = TradeInTokens.parse(token.reveal()).orElseThrow();
        assertThat(presented.requestId()).isEqualTo(ID);
        assertThat(presented.token()).isEqualTo(token);
        assertThat(TradeInTokens.mint(ID, new SecureRandom())).as("256 random bits each").isNotEqualTo(token);
        assertThat(token.toString()).doesNotContain(ID);
    }

    @Test
    void anythingElseIsMalformed() {
        String secret = "A".repeat(43);
        for (String malformed : new String[] {"", ID, ID + ".", ID + "." + secret + "A", ID + "." + "A".repeat(42),
                ID + "." + "A".repeat(42) + "=", "short." + secret, ID + "." + secret + "\n", ID + ".." + secret,
                ID + "/x." + secret, "x".repeat(129) + "." + secret}) {
            assertThat(TradeInTokens.parse(malformed)).as(malformed).isEmpty();
        }
    }

    @Test
    void aRedeemedTokenKeepsItsSecretAndRecordsWhen() {
        DelegationRequest finalized = new DelegationRequest(ID, AccountId.of("111122223333"), "p",
                Optional.empty(), Optional.empty(), "d", Optional.empty(),
                new DelegationRequest.Permissions(Optional.of("arn:aws:iam::aws:policy/ReadOnlyAccess"),
                        List.of()), "wf-1", Optional.empty(), "topic", 900, false,
                DelegationRequest.State.ACCEPTED, Optional.empty(), Optional.empty(),
                Optional.empty(), Instant.EPOCH, Instant.EPOCH,
                Instant.EPOCH.plusSeconds(60), Optional.empty())
                .finalized(Optional.empty(), SecretText.of("t"), Instant.EPOCH.plusSeconds(10),
                        Instant.EPOCH.plusSeconds(910));
        assertThat(finalized.state()).isEqualTo(DelegationRequest.State.FINALIZED);
        assertThat(finalized.tradeIn().orElseThrow().redeemedAt()).isEmpty();
        DelegationRequest redeemed = finalized.redeemed(Instant.EPOCH.plusSeconds(20));
        assertThat(redeemed.tradeIn().orElseThrow().token()).isEqualTo(SecretText.of("t"));
        assertThat(redeemed.tradeIn().orElseThrow().redeemedAt()).contains(Instant.EPOCH.plusSeconds(20));
        assertThat(redeemed.expirationTime()).isEqualTo(Instant.EPOCH.plusSeconds(910));
    }
}
