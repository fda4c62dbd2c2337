package dev.lanyard.sts;

import static java.util.Objects.requireNonNull;

import dev.lanyard.authz.AccessControl;
import dev.lanyard.authz.AccessRequest;
import dev.lanyard.authz.Caller;
import dev.lanyard.authz.Validators;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.query.Struct;
import java.util.Optional;

/**
 * sts:DecodeAuthorizationMessage — only principals allowed the action, in the account the message was made for, may
 * read why a request was refused.
 */
public final class DecodeAuthorizationMessage implements Operation {
    private final IamStore store;
    private final AccessControl access;

    public DecodeAuthorizationMessage(IamStore store, AccessControl access) {
        this.store = requireNonNull(store, "store is null");
        this.access = requireNonNull(access, "access is null");
    }

    @Override
    public Optional<Struct> handle(OperationCall call) {
        String encoded = Validators.length("encodedMessage", call.parameters().required("EncodedMessage"), 1, 10240);
        Caller caller = call.requireCaller();
        access.require(store.snapshot(), caller, call.environment(),
                AccessRequest.of("sts:DecodeAuthorizationMessage", "*", caller.account()));
        // A message made for another account is as invalid here as a forged one: it never says whose it was.
        return Optional.of(Struct.builder().put("DecodedMessage", access.messages().decode(caller.account(), encoded))
                .build());
    }
}
