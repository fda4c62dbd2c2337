package dev.lanyard.sts;

import static java.util.Objects.requireNonNull;

import dev.lanyard.authz.AccessControl;
import dev.lanyard.authz.AccessRequest;
import dev.lanyard.authz.Caller;
import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.AwsErrors;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.query.Struct;
import dev.lanyard.query.ValidationErrors;
import java.util.Optional;

/** sts:GetAccessKeyInfo — the account is decoded from the key id itself; no lookup, no key state revealed. */
public final class GetAccessKeyInfo implements Operation {
    private final IamStore store;
    private final AccessControl access;

    public GetAccessKeyInfo(IamStore store, AccessControl access) {
        this.store = requireNonNull(store, "store is null");
        this.access = requireNonNull(access, "access is null");
    }

    @Override
    public Optional<Struct> handle(OperationCall call) {
        String text = call.parameters().required("AccessKeyId");
        AccessKeyId keyId = AccessKeyId.parse(text).orElseThrow(() -> ValidationErrors.single("accessKeyId", text,
                text.length() < 16 ? ValidationErrors.lengthAtLeast(16)
                        : text.length() > 128 ? ValidationErrors.lengthAtMost(128)
                        : ValidationErrors.pattern("[\\w]*")));
        Caller caller = call.requireCaller();
        access.require(store.snapshot(), caller, call.environment(),
                AccessRequest.of("sts:GetAccessKeyInfo", "*", caller.account()));
        AccountId account = keyId.accountId().orElseThrow(() -> AwsErrors.validation(
                "The access key ID " + text + " is not in a format Lanyard can decode."));
        return Optional.of(Struct.builder().put("Account", account.value()).build());
    }
}
