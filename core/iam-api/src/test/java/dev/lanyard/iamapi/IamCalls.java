package dev.lanyard.iamapi;

import dev.lanyard.authz.AccessControl;
import dev.lanyard.authz.AuthorizationMessages;
import dev.lanyard.authz.Caller;
import dev.lanyard.authz.PolicyGatherer;
import dev.lanyard.authz.RequestEnvironment;
import dev.lanyard.iam.model.AwsManagedPolicies;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.iam.spi.ReportStore;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import dev.lanyard.query.Value;
import dev.lanyard.store.testing.InMemoryReportStore;
import dev.lanyard.store.testing.InMemoryUsageStore;
import dev.lanyard.tokens.MasterKey;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The IAM operations as the Query API calls them, for tests of the operations: the real registry over a store, a call
 * decoded from its query string with a signed caller (from {@link SignedCallers}), and the text at a path of the answer.
 */
final class IamCalls {
    private IamCalls() {}

    /** The registry over {@code store}, usage and reports kept in memory, "now" for usage being {@code now}. */
    static Map<String, Operation> operations(IamStore store, SecureRandom random, Instant now) {
        return operations(store, random, new UsageTracker(new InMemoryUsageStore(), () -> now),
                new InMemoryReportStore());
    }

    static Map<String, Operation> operations(IamStore store, SecureRandom random, UsageTracker usage,
            ReportStore reports) {
        return IamOperations.create(new IamContext(store,
                new AccessControl(new PolicyGatherer(new AwsManagedPolicies()),
                        new AuthorizationMessages(MasterKey.generate(random))),
                new AwsManagedPolicies(), random, false, null, usage, reports));
    }

    /** {@code action} with its parameters (name, value, ...) by {@code caller} at {@code when}; an empty answer if none. */
    static Struct call(Map<String, Operation> operations, Caller caller, Instant when, String action,
            String... parameters) {
        StringBuilder query = new StringBuilder("Action=").append(action).append("&Version=2010-05-08");
        for (int i = 0; i < parameters.length; i += 2) {
            query.append('&').append(parameters[i]).append('=')
                    .append(URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
        }
        QueryParameters params = QueryParameters.decode(query.toString(), new byte[0]);
        RequestEnvironment env = new RequestEnvironment(when, "192.0.2.1", true, "us-east-1", Optional.empty(), "r");
        return operations.get(action).handle(new OperationCall(action, Optional.of(caller), env, params))
                .orElse(Struct.builder().build());
    }

    /** The text at {@code path} (member names, outermost first). */
    static String text(Struct struct, String... path) {
        Value value = struct;
        for (String name : path) {
            value = ((Struct) value).fields().get(name);
        }
        return ((Value.Text) value).value();
    }
}
