package dev.lanyard.sts;

import static java.util.Objects.requireNonNull;

import dev.lanyard.authz.AccessControl;
import dev.lanyard.authz.AccessRequest;
import dev.lanyard.authz.Caller;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.Partition;
import dev.lanyard.iam.model.Account;
import dev.lanyard.iam.model.DelegationRequest;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.EntityKey;
import dev.lanyard.iam.model.EntityType;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.TradeInTokens;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.query.Struct;
import dev.lanyard.tokens.SessionClaims;
import dev.lanyard.tokens.SessionKind;
import dev.lanyard.tokens.SessionOrigin;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * sts:GetDelegatedAccessToken — the partner of a finalized delegation request trades its trade-in token, once, for a
 * session in the customer's (owner) account: the owner account's root user capped by the request's permission policy
 * as a session policy, until the window SendDelegationToken opened closes (its SessionDuration). See ADR 0018.
 */
public final class GetDelegatedAccessToken implements Operation {
    private static final String ACTION = "sts:GetDelegatedAccessToken";

    private final IamStore store;
    private final AccessControl access;
    private final CredentialIssuer issuer;

    public GetDelegatedAccessToken(IamStore store, AccessControl access, CredentialIssuer issuer) {
        this.store = requireNonNull(store, "store is null");
        this.access = requireNonNull(access, "access is null");
        this.issuer = requireNonNull(issuer, "issuer is null");
    }

    @Override
    public Optional<Struct> handle(OperationCall call) {
        TradeInTokens.Presented presented = TradeInTokens.parse(call.parameters().required("TradeInToken"))
                .orElseThrow(GetDelegatedAccessToken::invalid);
        Caller caller = call.requireCaller();
        access.require(store.snapshot(), caller, call.environment(), new AccessRequest(ACTION, "*",
                Optional.of(caller.account()), ContextKeys.empty(), Optional.empty(), false));
        Instant now = call.environment().time();
        DelegationRequest request = store.update(snapshot -> {
            DelegationRequest redeemed = redeemable(snapshot, presented, caller, now).redeemed(now);
            return Mutation.of(redeemed, EntityChange.upsert(redeemed));
        });
        AccountId owner = request.ownerAccount().orElseThrow();
        CredentialIssuer.Issued issued = issuer.issue(call.environment(), store.snapshot(), owner,
                secret -> SessionClaims.builder()
                        .kind(SessionKind.ROOT_SESSION).origin(SessionOrigin.GET_DELEGATED_ACCESS_TOKEN).account(owner)
                        .secretAccessKey(secret).principalArn(caller.partition().root(owner).toString())
                        .principalId(owner.value())
                        .issuedAt(now).expiresAt(request.expirationTime())
                        .sessionPolicyArns(List.of(permissionPolicy(request, caller.partition()))).build());
        // PackedPolicySize: AWS documents it as not populated for this operation.
        return Optional.of(Struct.builder()
                .put("Credentials", issued.credentials().toStruct())
                .put("AssumedPrincipal", caller.partition().root(owner).toString())
                .build());
    }

    /**
     * The request the token was minted for, if the caller's account requested it and the token is unused and inside
     * its window. An unknown request and a wrong secret give the same answer as a malformed token.
     */
    private DelegationRequest redeemable(IamSnapshot snapshot, TradeInTokens.Presented presented, Caller caller,
            Instant now) {
        DelegationRequest request = snapshot.get(EntityKey.of(EntityType.DELEGATION_REQUEST, "global",
                        presented.requestId())).map(DelegationRequest.class::cast)
                .filter(r -> r.tradeIn().map(t -> t.token().equals(presented.token())).orElse(false))
                .orElseThrow(GetDelegatedAccessToken::invalid);
        if (!request.requestor().equals(caller.account())) {
            throw access.refuse(caller, ACTION, request.arn(caller.partition()), "",
                    "the trade-in token belongs to the partner account that created the delegation request, "
                            + request.requestor().value());
        }
        if (request.tradeIn().orElseThrow().redeemedAt().isPresent()) {
            throw StsErrors.tradeInTokenUsed();
        }
        if (!now.isBefore(request.expirationTime())) {
            throw StsErrors.tradeInTokenExpired();
        }
        // A closed owner account lends no root session, as AssumeRole finds no role in it (AccessDenied): AWS
        // documents no error of its own for this; the token stays unexchanged.
        AccountId owner = request.ownerAccount().orElseThrow();
        if (!snapshot.account(owner).map(Account::active).orElse(false)) {
            throw access.refuse(caller, ACTION, request.arn(caller.partition()), "",
                    "the owner account " + owner.value() + " is closed");
        }
        return request;
    }

    /**
     * The policy that caps the session, resolved in the owner account like any session policy ARN (an AWS managed
     * policy, or one of the owner's). Without a template the request's own ARN stands in: it names no policy, so the
     * session allows nothing.
     */
    private static String permissionPolicy(DelegationRequest request, Partition partition) {
        return request.permissions().policyTemplateArn().orElse(request.arn(partition));
    }

    private static AwsException invalid() {
        return StsErrors.tradeInTokenInvalid();
    }
}
