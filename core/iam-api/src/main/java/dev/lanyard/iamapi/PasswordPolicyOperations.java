package dev.lanyard.iamapi;

import dev.lanyard.authz.Caller;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.PasswordPolicy;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import dev.lanyard.query.ValidationErrors;
import java.util.Map;
import java.util.Optional;

/** The account password policy: set whole by UpdateAccountPasswordPolicy, read and deleted as AWS does. */
final class PasswordPolicyOperations {
    static final int DEFAULT_MINIMUM_LENGTH = 6;
    private final IamContext ctx;

    PasswordPolicyOperations(IamContext ctx) {
        this.ctx = ctx;
    }

    void register(Map<String, Operation> ops) {
        ops.put("GetAccountPasswordPolicy", this::get);
        ops.put("UpdateAccountPasswordPolicy", this::update);
        ops.put("DeleteAccountPasswordPolicy", this::delete);
    }

    /** The password policy is account-wide: its actions take no resource ARN. */
    private static final String ACCOUNT_WIDE = "*";

    /** Every IAM user may read the policy when it lets users change their passwords (IAMUserChangePassword). */
    private Optional<Struct> get(OperationCall call) {
        Optional<PasswordPolicy> policy = ctx.view(call).passwordPolicy();
        ctx.authorizeSelfService(call, ACCOUNT_WIDE,
                call.requireCaller() instanceof Caller.IamUser
                        && policy.map(PasswordPolicy::allowUsersToChangePassword).orElse(false));
        PasswordPolicy p = policy.orElseThrow(() -> IamErrors.noSuchPasswordPolicy(
                call.requireCaller().account().value()));
        Struct.Builder b = Struct.builder()
                .put("MinimumPasswordLength", p.minimumPasswordLength())
                .put("RequireSymbols", p.requireSymbols())
                .put("RequireNumbers", p.requireNumbers())
                .put("RequireUppercaseCharacters", p.requireUppercaseCharacters())
                .put("RequireLowercaseCharacters", p.requireLowercaseCharacters())
                .put("AllowUsersToChangePassword", p.allowUsersToChangePassword())
                .put("ExpirePasswords", p.maxPasswordAge().isPresent());
        p.maxPasswordAge().ifPresent(v -> b.put("MaxPasswordAge", v));
        p.passwordReusePrevention().ifPresent(v -> b.put("PasswordReusePrevention", v));
        p.hardExpiry().ifPresent(v -> b.put("HardExpiry", v));
        return Optional.of(Struct.builder().put("PasswordPolicy", b.build()).build());
    }

    /** Replaces the whole policy: a parameter left out takes its default, as AWS documents. */
    private Optional<Struct> update(OperationCall call) {
        QueryParameters p = call.parameters();
        ValidationErrors.Collector errors = ValidationErrors.collector();
        Optional<Integer> minimum = bounded(p, "MinimumPasswordLength", "minimumPasswordLength", 6, 128, errors);
        Optional<Integer> reuse = bounded(p, "PasswordReusePrevention", "passwordReusePrevention", 1, 24, errors);
        Optional<Integer> maxAge = bounded(p, "MaxPasswordAge", "maxPasswordAge", 1, 1095, errors);
        errors.throwIfAny();
        ctx.authorize(call, ACCOUNT_WIDE);
        Caller caller = call.requireCaller();
        PasswordPolicy policy = new PasswordPolicy(caller.account(), minimum.orElse(DEFAULT_MINIMUM_LENGTH),
                p.bool("RequireSymbols").orElse(false), p.bool("RequireNumbers").orElse(false),
                p.bool("RequireUppercaseCharacters").orElse(false), p.bool("RequireLowercaseCharacters").orElse(false),
                p.bool("AllowUsersToChangePassword").orElse(false), maxAge, reuse, p.bool("HardExpiry"));
        ctx.store().update(snapshot -> Mutation.of(policy, EntityChange.upsert(policy)));
        return Optional.empty();
    }

    /** AWS leaves the value out of these messages: "Value at 'x' failed to satisfy constraint: ...". */
    private static Optional<Integer> bounded(QueryParameters p, String param, String member, int min, int max,
            ValidationErrors.Collector errors) {
        Optional<Integer> value = p.integer(param);
        value.ifPresent(v -> {
            if (v < min) {
                errors.addWithoutValue(member, ValidationErrors.valueAtLeast(min));
            } else if (v > max) {
                errors.addWithoutValue(member, ValidationErrors.valueAtMost(max));
            }
        });
        return value;
    }

    private Optional<Struct> delete(OperationCall call) {
        ctx.authorize(call, ACCOUNT_WIDE);
        ctx.store().update(snapshot -> {
            PasswordPolicy policy = ctx.view(snapshot, call).passwordPolicy().orElseThrow(
                    IamErrors::noSuchAccountPasswordPolicy);
            return Mutation.of(policy, EntityChange.remove(policy));
        });
        return Optional.empty();
    }
}
