package dev.lanyard.sts;

import dev.lanyard.authz.Caller;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.pipeline.Signing;
import dev.lanyard.query.Struct;
import java.util.Optional;

/** sts:GetCallerIdentity — needs no permission and cannot be denied. */
public final class GetCallerIdentity implements Operation {
    /** Presigned, the identity proof of Vault's AWS auth and aws-iam-authenticator. */
    @Override
    public Signing signing() {
        return Signing.SIGNED_IDENTITY_PROOF;
    }

    @Override
    public Optional<Struct> handle(OperationCall call) {
        Caller caller = call.requireCaller();
        return Optional.of(Struct.builder()
                .put("UserId", caller.userId())
                .put("Account", caller.account().value())
                .put("Arn", caller.arn())
                .build());
    }
}
