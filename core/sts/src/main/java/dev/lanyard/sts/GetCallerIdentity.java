package dev.lanyard.sts;

import dev.lanyard.authz.Caller;
import dev.lanyard.authz.Operation;
import dev.lanyard.authz.OperationCall;
import dev.lanyard.query.Struct;
import java.util.Optional;

/** sts:GetCallerIdentity — needs no permission and cannot be denied. */
public final class GetCallerIdentity implements Operation {
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
