package dev.lanyard.iam.model;

import static java.util.Objects.requireNonNull;

import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Partition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A partner's request for temporary access to a customer's account. The partner (requestor) creates it, optionally for
 * one owner account; an identity of that account associates itself as owner, may forward it for approval, and accepts
 * or rejects it; once accepted, sending the delegation token finalizes it and mints the trade-in token the partner
 * exchanges, once, at STS GetDelegatedAccessToken. Requests are one namespace across accounts: {@link AccountView}
 * decides which account may see one.
 */
public record DelegationRequest(String id, AccountId requestor, String requestorName, Optional<AccountId> ownerAccount,
        Optional<String> ownerId, String description, Optional<String> requestMessage, Permissions permissions,
        String requestorWorkflowId, Optional<String> redirectUrl, String notificationChannel, int sessionDuration,
        boolean onlySendByOwner, State state, Optional<String> approverId, Optional<String> notes,
        Optional<String> rejectionReason, Instant createDate, Instant updatedTime, Instant expirationTime,
        Optional<TradeIn> tradeIn) implements IamEntity {

    /** The states of IAM's stateType, in the order a request passes them. */
    public enum State { UNASSIGNED, ASSIGNED, PENDING_APPROVAL, FINALIZED, ACCEPTED, REJECTED, EXPIRED }

    /** One PolicyParameter: a name, its values, and whether it is a string or a string list. */
    public record PolicyParameter(String name, List<String> values, String type) {
        public PolicyParameter {
            requireNonNull(name, "name is null");
            values = List.copyOf(values);
            requireNonNull(type, "type is null");
        }
    }

    /** DelegationPermission: a policy template and the values of its parameters. */
    public record Permissions(Optional<String> policyTemplateArn, List<PolicyParameter> parameters) {
        public Permissions {
            requireNonNull(policyTemplateArn, "policyTemplateArn is null");
            parameters = List.copyOf(parameters);
        }
    }

    /**
     * The trade-in token SendDelegationToken minted (a secret, sealed at rest) and when it was exchanged: a token is
     * good for one GetDelegatedAccessToken.
     */
    public record TradeIn(SecretText token, Optional<Instant> redeemedAt) {
        public TradeIn {
            requireNonNull(token, "token is null");
            requireNonNull(redeemedAt, "redeemedAt is null");
        }
    }

    public DelegationRequest {
        requireNonNull(id, "id is null");
        requireNonNull(requestor, "requestor is null");
        requireNonNull(requestorName, "requestorName is null");
        requireNonNull(ownerAccount, "ownerAccount is null");
        requireNonNull(ownerId, "ownerId is null");
        requireNonNull(description, "description is null");
        requireNonNull(requestMessage, "requestMessage is null");
        requireNonNull(permissions, "permissions is null");
        requireNonNull(requestorWorkflowId, "requestorWorkflowId is null");
        requireNonNull(redirectUrl, "redirectUrl is null");
        requireNonNull(notificationChannel, "notificationChannel is null");
        requireNonNull(state, "state is null");
        requireNonNull(approverId, "approverId is null");
        requireNonNull(notes, "notes is null");
        requireNonNull(rejectionReason, "rejectionReason is null");
        requireNonNull(createDate, "createDate is null");
        requireNonNull(updatedTime, "updatedTime is null");
        requireNonNull(expirationTime, "expirationTime is null");
        requireNonNull(tradeIn, "tradeIn is null");
    }

    /** The state at a moment: a request past its expiration time is EXPIRED, whatever was stored. */
    public State stateAt(Instant now) {
        return now.isBefore(expirationTime) ? state : State.EXPIRED;
    }

    /** In AWS's own partition; {@link #arn(Partition)} names the served one. */
    public String arn() {
        return arn(Partition.AWS);
    }

    public String arn(Partition partition) {
        return partition.iam(requestor, "delegation-request/" + id).toString();
    }

    public DelegationRequest associated(AccountId account, String owner, Instant at) {
        return new DelegationRequest(id, requestor, requestorName, Optional.of(account), Optional.of(owner),
                description, requestMessage, permissions, requestorWorkflowId, redirectUrl, notificationChannel,
                sessionDuration, onlySendByOwner, State.ASSIGNED, approverId, notes, rejectionReason, createDate, at,
                expirationTime, tradeIn);
    }

    public DelegationRequest transitioned(State next, Optional<String> approver, Optional<String> newNotes,
            Optional<String> reason, Instant at, Instant expiresAt) {
        return new DelegationRequest(id, requestor, requestorName, ownerAccount, ownerId, description, requestMessage,
                permissions, requestorWorkflowId, redirectUrl, notificationChannel, sessionDuration, onlySendByOwner,
                next, approver, newNotes, reason, createDate, at, expiresAt, tradeIn);
    }

    /** Finalized with the trade-in token SendDelegationToken minted. */
    public DelegationRequest finalized(Optional<String> approver, SecretText token, Instant at, Instant expiresAt) {
        return new DelegationRequest(id, requestor, requestorName, ownerAccount, ownerId, description, requestMessage,
                permissions, requestorWorkflowId, redirectUrl, notificationChannel, sessionDuration, onlySendByOwner,
                State.FINALIZED, approver, notes, rejectionReason, createDate, at, expiresAt,
                Optional.of(new TradeIn(token, Optional.empty())));
    }

    /** Its trade-in token exchanged at {@code at}: never again. */
    public DelegationRequest redeemed(Instant at) {
        TradeIn spent = tradeIn.map(t -> new TradeIn(t.token(), Optional.of(at)))
                .orElseThrow(() -> new IllegalStateException("delegation request " + id + " has no trade-in token"));
        return new DelegationRequest(id, requestor, requestorName, ownerAccount, ownerId, description, requestMessage,
                permissions, requestorWorkflowId, redirectUrl, notificationChannel, sessionDuration, onlySendByOwner,
                state, approverId, notes, rejectionReason, createDate, updatedTime, expirationTime, Optional.of(spent));
    }

    @Override
    public EntityKey key() {
        return EntityKey.of(EntityType.DELEGATION_REQUEST, "global", id);
    }
}
