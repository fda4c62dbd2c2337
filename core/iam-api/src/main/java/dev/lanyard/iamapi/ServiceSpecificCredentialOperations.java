package dev.lanyard.iamapi;

import dev.lanyard.authz.Validators;
import dev.lanyard.iam.model.AccessKey;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.SecretText;
import dev.lanyard.iam.model.ServiceSpecificCredential;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import dev.lanyard.query.Value;
import dev.lanyard.query.ValidationErrors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Service-specific credentials: two per user and service. CodeCommit and Keyspaces get a user name and password;
 * Bedrock and CloudWatch Logs get an API key (an alias and a secret) that may expire. The password or secret is shown
 * by Create and Reset only.
 */
final class ServiceSpecificCredentialOperations {
    static final int MAX_PER_USER_AND_SERVICE = 2;

    /** The services AWS issues these credentials for, and whether each issues an API key (else a password). */
    private static final Map<String, Boolean> SERVICES = Map.of(
            "codecommit.amazonaws.com", false,
            "cassandra.amazonaws.com", false,
            "bedrock.amazonaws.com", true,
            "logs.amazonaws.com", true);

    private final IamContext ctx;

    ServiceSpecificCredentialOperations(IamContext ctx) {
        this.ctx = ctx;
    }

    void register(Map<String, Operation> ops) {
        ops.put("CreateServiceSpecificCredential", this::create);
        ops.put("ListServiceSpecificCredentials", this::list);
        ops.put("ResetServiceSpecificCredential", this::reset);
        ops.put("UpdateServiceSpecificCredential", this::update);
        ops.put("DeleteServiceSpecificCredential", this::delete);
    }

    private static String service(String name) {
        if (!SERVICES.containsKey(name)) {
            throw IamErrors.notSupportedService(name);
        }
        return name;
    }

    private static boolean apiKey(String service) {
        return SERVICES.get(service);
    }

    private static String credentialId(QueryParameters p) {
        String id = p.required("ServiceSpecificCredentialId");
        Validators.length("serviceSpecificCredentialId", id, 20, 128);
        if (!Validators.allMatch(id, "")) {
            throw ValidationErrors.single("serviceSpecificCredentialId", id, ValidationErrors.pattern("[\\w]+"));
        }
        return id;
    }

    private String authorize(OperationCall call, Optional<String> named) {
        String name = UserCredentials.userOrCaller(call, named);
        ctx.authorize(call, UserCredentials.userArn(call.requireCaller(), ctx.view(call), name));
        return name;
    }

    /** A password of 32 random bytes in Base64 (44 characters), or an API key's secret naming its alias. */
    private String newSecret(boolean apiKey, String alias) {
        byte[] random = new byte[32];
        ctx.random().nextBytes(random);
        String secret = Base64.getEncoder().encodeToString(random);
        if (!apiKey) {
            return secret;
        }
        return "ABSK" + Base64.getEncoder().encodeToString((alias + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private Optional<Struct> create(OperationCall call) {
        QueryParameters p = call.parameters();
        String name = IamParams.name(p, "UserName", "userName", 64);
        String service = service(p.required("ServiceName"));
        Optional<Integer> ageDays = Validators.range("credentialAgeDays", p.integer("CredentialAgeDays"), 1, 36600);
        if (ageDays.isPresent() && !apiKey(service)) {
            throw IamErrors.invalidInput("CredentialAgeDays is supported only for Bedrock and CloudWatch Logs API keys.");
        }
        authorize(call, Optional.of(name));
        Instant now = call.environment().time();
        ServiceSpecificCredential created = ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            String owner = UserOperations.requireUser(view, name).name();
            long existing = view.serviceSpecificCredentials().stream()
                    .filter(c -> c.userName().equalsIgnoreCase(owner) && c.serviceName().equals(service)).count();
            if (existing >= MAX_PER_USER_AND_SERVICE) {
                throw IamErrors.limitExceeded("Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: "
                        + MAX_PER_USER_AND_SERVICE);
            }
            String serviceUserName = apiKey(service)
                    ? owner + "+" + now.getEpochSecond() + "-at-" + view.account().value()
                    : owner + "-at-" + view.account().value();
            ServiceSpecificCredential credential = new ServiceSpecificCredential(view.account(),
                    UserCredentials.id(ctx.random(), "ACCA", 17), owner, service, serviceUserName,
                    SecretText.of(newSecret(apiKey(service), serviceUserName)), AccessKey.Status.Active, now,
                    ageDays.map(d -> now.plus(Duration.ofDays(d))));
            return Mutation.of(credential, EntityChange.upsert(credential));
        });
        return Optional.of(Struct.builder().put("ServiceSpecificCredential", full(created, now)).build());
    }

    private Optional<Struct> list(OperationCall call) {
        QueryParameters p = call.parameters();
        Optional<String> named = IamParams.optionalName(p, "UserName", "userName", 64);
        Optional<String> service = p.get("ServiceName").map(ServiceSpecificCredentialOperations::service);
        boolean allUsers = p.bool("AllUsers").orElse(false);
        if (allUsers && named.isPresent()) {
            throw IamErrors.invalidInput("AllUsers cannot be specified together with UserName.");
        }
        AccountView view = ctx.view(call);
        Optional<String> user;
        if (allUsers) {
            ctx.authorize(call, "*");
            user = Optional.empty();
        } else {
            user = Optional.of(authorize(call, named));
            UserOperations.requireUser(view, user.get());
        }
        Instant now = call.environment().time();
        List<ServiceSpecificCredential> credentials = view.serviceSpecificCredentials().stream()
                .filter(c -> user.map(u -> c.userName().equalsIgnoreCase(u)).orElse(true))
                .filter(c -> service.map(c.serviceName()::equals).orElse(true))
                .sorted(Comparator.comparing(ServiceSpecificCredential::id)).toList();
        Pagination.Page<ServiceSpecificCredential> page = Pagination.of(p, credentials, ServiceSpecificCredential::id);
        Struct.Builder result = Struct.builder()
                .put("ServiceSpecificCredentials", new Value.ListOf(page.items().stream()
                        .<Value>map(c -> metadata(c, now)).toList()))
                .putIfPresent("Marker", page.marker())
                .put("IsTruncated", page.truncated());
        return Optional.of(result.build());
    }

    private ServiceSpecificCredential require(AccountView view, String userName, String id) {
        UserOperations.requireUser(view, userName);
        return view.serviceSpecificCredential(id).filter(c -> c.userName().equalsIgnoreCase(userName))
                .orElseThrow(() -> IamErrors.noSuchServiceSpecificCredential(id, userName));
    }

    private Optional<Struct> reset(OperationCall call) {
        String id = credentialId(call.parameters());
        String name = authorize(call, IamParams.optionalName(call.parameters(), "UserName", "userName", 64));
        Instant now = call.environment().time();
        ServiceSpecificCredential reset = ctx.store().update(snapshot -> {
            ServiceSpecificCredential credential = require(ctx.view(snapshot, call), name, id);
            ServiceSpecificCredential renewed = credential.withSecret(SecretText.of(
                    newSecret(apiKey(credential.serviceName()), credential.serviceUserName())));
            return Mutation.of(renewed, EntityChange.upsert(renewed));
        });
        return Optional.of(Struct.builder().put("ServiceSpecificCredential", full(reset, now)).build());
    }

    private Optional<Struct> update(OperationCall call) {
        String id = credentialId(call.parameters());
        AccessKey.Status status = UserCredentials.status(call);
        String name = authorize(call, IamParams.optionalName(call.parameters(), "UserName", "userName", 64));
        ctx.store().update(snapshot -> {
            ServiceSpecificCredential credential = require(ctx.view(snapshot, call), name, id).withStatus(status);
            return Mutation.of(credential, EntityChange.upsert(credential));
        });
        return Optional.empty();
    }

    private Optional<Struct> delete(OperationCall call) {
        String id = credentialId(call.parameters());
        String name = authorize(call, IamParams.optionalName(call.parameters(), "UserName", "userName", 64));
        ctx.store().update(snapshot -> {
            ServiceSpecificCredential credential = require(ctx.view(snapshot, call), name, id);
            return Mutation.of(credential, EntityChange.remove(credential));
        });
        return Optional.empty();
    }

    /** Active or Inactive as set, Expired once an API key's expiration date has passed. */
    private static String status(ServiceSpecificCredential credential, Instant now) {
        boolean expired = credential.expirationDate().map(now::isAfter).orElse(false);
        return expired ? "Expired" : credential.status().name();
    }

    /** The ServiceSpecificCredential shape, with the secret: only Create and Reset answer with it. */
    private static Struct full(ServiceSpecificCredential c, Instant now) {
        boolean apiKey = apiKey(c.serviceName());
        Struct.Builder b = Struct.builder()
                .put("CreateDate", c.createDate())
                .putValueIfPresent("ExpirationDate", c.expirationDate().map(Value.Timestamp::new))
                .put("ServiceName", c.serviceName());
        if (apiKey) {
            b.put("ServiceCredentialAlias", c.serviceUserName()).put("ServiceCredentialSecret", c.secret().reveal());
        } else {
            b.put("ServiceUserName", c.serviceUserName()).put("ServicePassword", c.secret().reveal());
        }
        return b.put("ServiceSpecificCredentialId", c.id())
                .put("UserName", c.userName())
                .put("Status", status(c, now))
                .build();
    }

    private static Struct metadata(ServiceSpecificCredential c, Instant now) {
        boolean apiKey = apiKey(c.serviceName());
        Struct.Builder b = Struct.builder()
                .put("UserName", c.userName())
                .put("Status", status(c, now));
        if (apiKey) {
            b.put("ServiceCredentialAlias", c.serviceUserName());
        } else {
            b.put("ServiceUserName", c.serviceUserName());
        }
        return b.put("CreateDate", c.createDate())
                .putValueIfPresent("ExpirationDate", c.expirationDate().map(Value.Timestamp::new))
                .put("ServiceSpecificCredentialId", c.id())
                .put("ServiceName", c.serviceName())
                .build();
    }
}
