package dev.lanyard.server;

import dev.lanyard.iam.model.DelegationRequest;
import dev.lanyard.iam.model.EntityKey;
import dev.lanyard.iam.model.EntityType;
import dev.lanyard.iam.model.IamSnapshot;

/**
 * What AWS sends to a partner's notification channel (an SNS topic) when the customer calls SendDelegationToken:
 * Lanyard has no SNS, so the operator fetches the trade-in token over the administration socket and hands it to the
 * partner named by the request's channel (ADR 0018).
 */
final class TradeInTokenDelivery {
    static final String COMMAND = "delegation-token ";

    private TradeInTokenDelivery() {}

    /** The token and the channel to deliver it to, one line each; refused unless it is minted and unused. */
    static String deliver(IamSnapshot snapshot, String requestId) {
        DelegationRequest request = snapshot.get(EntityKey.of(EntityType.DELEGATION_REQUEST, "global", requestId))
                .map(DelegationRequest.class::cast)
                .orElseThrow(() -> new IllegalArgumentException("no delegation request " + requestId));
        DelegationRequest.TradeIn tradeIn = request.tradeIn().orElseThrow(() -> new IllegalArgumentException(
                "delegation request " + requestId + " is " + request.state() + ": its owner has not sent its token"
                        + " (SendDelegationToken)"));
        if (tradeIn.redeemedAt().isPresent()) {
            throw new IllegalArgumentException("the trade-in token of delegation request " + requestId
                    + " was exchanged at " + tradeIn.redeemedAt().get());
        }
        return tradeIn.token().reveal() + "\n" + "notification channel: " + request.notificationChannel() + "\n";
    }
}
