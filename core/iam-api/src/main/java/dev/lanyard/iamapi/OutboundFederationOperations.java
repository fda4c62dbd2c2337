package dev.lanyard.iamapi;

import dev.lanyard.authz.Caller;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.OutboundFederation;
import dev.lanyard.iam.model.OutboundSigningKeys;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.query.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** Enable, disable and describe outbound web identity federation (Lanyard as an OIDC issuer). */
final class OutboundFederationOperations {
    private final IamContext ctx;
    private final Function<String, String> issuerForAccount;
    private final Supplier<String> newSigningKeys;

    OutboundFederationOperations(IamContext ctx, Function<String, String> issuerForAccount,
            Supplier<String> newSigningKeys) {
        this.ctx = ctx;
        this.issuerForAccount = issuerForAccount;
        this.newSigningKeys = newSigningKeys;
    }

    void register(Map<String, Operation> ops) {
        ops.put("EnableOutboundWebIdentityFederation", this::enable);
        ops.put("DisableOutboundWebIdentityFederation", this::disable);
        ops.put("GetOutboundWebIdentityFederationInfo", this::info);
    }

    private Optional<Struct> enable(OperationCall call) {
        Caller caller = call.requireCaller();
        ctx.authorize(call, "*");
        String keys = newSigningKeys.get();
        ctx.store().update(snapshot -> {
            if (snapshot.outboundFederationEnabled(caller.account())) {
                throw IamErrors.outboundFederationAlreadyEnabled();
            }
            List<EntityChange> changes = new ArrayList<>();
            changes.add(EntityChange.upsert(new OutboundFederation(caller.account(), true)));
            if (snapshot.outboundSigningKeys().isEmpty()) {
                changes.add(EntityChange.upsert(new OutboundSigningKeys(keys)));
            }
            return new Mutation<>(changes, true);
        });
        return Optional.of(Struct.builder()
                .put("IssuerIdentifier", issuerForAccount.apply(caller.account().value())).build());
    }

    private Optional<Struct> disable(OperationCall call) {
        Caller caller = call.requireCaller();
        ctx.authorize(call, "*");
        ctx.store().update(snapshot -> {
            if (!snapshot.outboundFederationEnabled(caller.account())) {
                throw IamErrors.outboundFederationNotEnabled();
            }
            return Mutation.of(false, EntityChange.upsert(new OutboundFederation(caller.account(), false)));
        });
        return Optional.empty();
    }

    private Optional<Struct> info(OperationCall call) {
        Caller caller = call.requireCaller();
        ctx.authorize(call, "*");
        boolean enabled = ctx.store().snapshot().outboundFederationEnabled(caller.account());
        if (!enabled) {
            throw IamErrors.outboundFederationNotEnabled();
        }
        return Optional.of(Struct.builder()
                .put("IssuerIdentifier", issuerForAccount.apply(caller.account().value()))
                .put("JwtVendingEnabled", true).build());
    }
}
