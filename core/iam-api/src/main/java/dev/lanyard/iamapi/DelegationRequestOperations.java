package dev.lanyard.iamapi;

import dev.lanyard.authz.Caller;
import dev.lanyard.authz.Validators;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.AwsErrors;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.DelegationRequest;
import dev.lanyard.iam.model.DelegationRequest.State;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.TradeInTokens;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import dev.lanyard.query.Value;
import dev.lanyard.query.ValidationErrors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Delegation requests, the state machine AWS documents: a partner creates a request (UNASSIGNED), optionally for one
 * owner account; an identity of that account associates itself (ASSIGNED), may forward it with notes
 * (PENDING_APPROVAL), then accepts (ACCEPTED) or rejects it (REJECTED, possible until the token is sent); sending the
 * delegation token finalizes it (FINALIZED). A request not finished in time is EXPIRED.
 */
final class DelegationRequestOperations {
    /** How long a request waits in each open state, and how long a rejected one stays visible (AWS: 7 days). */
    static final Duration OPEN_FOR = Duration.ofDays(7);
    private static final Set<State> OWNED_OPEN = EnumSet.of(State.ASSIGNED, State.PENDING_APPROVAL);
    private static final Pattern REDIRECT = Pattern.compile(
            "^http(s?)://[a-zA-Z0-9._/-]*(\\?[a-zA-Z0-9._=&-]*)?(#[a-zA-Z0-9._/-]*)?$");
    private static final Pattern CHANNEL = Pattern.compile("^[a-zA-Z0-9:_.-]+$");
    private static final Pattern TEXT = Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*");
    private final IamContext ctx;

    DelegationRequestOperations(IamContext ctx) {
        this.ctx = ctx;
    }

    void register(Map<String, Operation> ops) {
        ops.put("CreateDelegationRequest", this::create);
        ops.put("GetDelegationRequest", this::get);
        ops.put("ListDelegationRequests", this::list);
        ops.put("AssociateDelegationRequest", this::associate);
        ops.put("UpdateDelegationRequest", this::update);
        ops.put("AcceptDelegationRequest", this::accept);
        ops.put("RejectDelegationRequest", this::reject);
        ops.put("SendDelegationToken", this::sendToken);
        ops.put("GetHumanReadableSummary", this::summary);
    }

    private static String text(String member, String value, int min, int max, Pattern pattern, String patternText) {
        Validators.length(member, value, min, max);
        if (!pattern.matcher(value).matches()) {
            throw ValidationErrors.single(member, value, ValidationErrors.pattern(patternText));
        }
        return value;
    }

    private static Optional<String> notes(QueryParameters p) {
        return p.get("Notes").map(n -> text("notes", n, 0, 500, TEXT,
                "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*"));
    }

    private static String requestId(QueryParameters p) {
        String id = p.required("DelegationRequestId");
        Validators.length("delegationRequestId", id, 16, 128);
        if (!Validators.allMatch(id, "-")) {
            throw ValidationErrors.single("delegationRequestId", id, ValidationErrors.pattern("[\\w-]+"));
        }
        return id;
    }

    /** The resource IAM authorizes on: the request as the calling account names it. */
    private static String resource(Caller caller, String id) {
        return caller.partition().iam(caller.account(), "delegation-request/" + id).toString();
    }

    private Optional<Struct> create(OperationCall call) {
        QueryParameters p = call.parameters();
        Caller caller = call.requireCaller();
        Optional<AccountId> owner = p.get("OwnerAccountId").map(a -> {
            if (!a.matches("\\d{12}")) {
                throw ValidationErrors.single("ownerAccountId", a, ValidationErrors.pattern("\\d{12}"));
            }
            return AccountId.of(a);
        });
        String description = text("description", p.required("Description"), 0, 1000, TEXT,
                "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*");
        Optional<String> message = p.get("RequestMessage").map(m -> text("requestMessage", m, 0, 200, TEXT,
                "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*"));
        String workflowId = text("requestorWorkflowId", p.required("RequestorWorkflowId"), 5, 400, TEXT,
                "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]+");
        Optional<String> redirect = p.get("RedirectUrl").map(u -> text("redirectUrl", u, 1, 255, REDIRECT,
                REDIRECT.pattern()));
        String channel = text("notificationChannel", p.required("NotificationChannel"), 2, 400, CHANNEL,
                CHANNEL.pattern());
        int duration = Validators.range("sessionDuration", Optional.of(p.integer("SessionDuration")
                .orElseThrow(() -> AwsErrors.missingParameter("SessionDuration"))), 300, 43200).orElseThrow();
        boolean onlyOwner = p.bool("OnlySendByOwner").orElse(false);
        DelegationRequest.Permissions permissions = permissions(p);
        ctx.authorize(call, "*");
        Instant now = call.environment().time();
        DelegationRequest created = ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            boolean taken = view.delegationRequests().stream().anyMatch(r -> r.requestor().equals(caller.account())
                    && r.requestorWorkflowId().equals(workflowId));
            if (taken) {
                throw IamErrors.alreadyExists("A delegation request with this RequestorWorkflowId");
            }
            String name = snapshot.account(caller.account()).map(a -> a.name()).orElse(caller.account().value());
            DelegationRequest request = new DelegationRequest(
                    UserCredentials.id(ctx.random(), "DR", 24).toLowerCase(Locale.ROOT),
                    caller.account(), name.length() > 30 ? name.substring(0, 30) : name, owner, Optional.empty(),
                    description, message, permissions, workflowId, redirect, channel, duration, onlyOwner,
                    State.UNASSIGNED, Optional.empty(), Optional.empty(), Optional.empty(), now, now,
                    now.plus(OPEN_FOR), Optional.empty());
            return Mutation.of(request, EntityChange.upsert(request));
        });
        return Optional.of(Struct.builder().put("DelegationRequestId", created.id()).build());
    }

    private static DelegationRequest.Permissions permissions(QueryParameters p) {
        Map<String, String> top = p.struct("Permissions");
        Optional<String> template = Optional.ofNullable(top.get("PolicyTemplateArn"))
                .map(a -> Validators.length("permissions.policyTemplateArn", a, 20, 2048));
        List<Map<String, String>> raw = p.structList("Permissions.Parameters");
        if (raw.size() > 50) {
            throw ValidationErrors.single("permissions.parameters", raw.toString(), ValidationErrors.lengthAtMost(50));
        }
        List<DelegationRequest.PolicyParameter> parameters = new ArrayList<>();
        for (Map<String, String> fields : raw) {
            String name = Validators.length("permissions.parameters.member.name", fields.getOrDefault("Name", ""),
                    5, 256);
            String type = fields.getOrDefault("Type", "string");
            if (!type.equals("string") && !type.equals("stringList")) {
                throw ValidationErrors.single("permissions.parameters.member.type", type,
                        "Member must satisfy enum value set: [string, stringList]");
            }
            TreeMap<Integer, String> values = new TreeMap<>();
            fields.forEach((k, v) -> {
                if (k.startsWith("Values.member.")) {
                    values.put(Integer.parseInt(k.substring("Values.member.".length())), v);
                }
            });
            parameters.add(new DelegationRequest.PolicyParameter(name, List.copyOf(values.values()), type));
        }
        if (template.isEmpty() && parameters.isEmpty()) {
            throw IamErrors.invalidInput("Permissions must name a PolicyTemplateArn.");
        }
        return new DelegationRequest.Permissions(template, parameters);
    }

    private Optional<Struct> get(OperationCall call) {
        String id = requestId(call.parameters());
        boolean check = call.parameters().bool("DelegationPermissionCheck").orElse(false);
        ctx.authorize(call, resource(call.requireCaller(), id));
        DelegationRequest request = ctx.view(call).delegationRequest(id)
                .orElseThrow(IamErrors::noSuchDelegationRequest);
        Struct.Builder result = Struct.builder().put("DelegationRequest", shape(request, call.environment().time()));
        if (check) {
            // Lanyard holds no AWS policy templates, so it cannot say whether the caller's permissions cover them.
            result.put("PermissionCheckStatus", "COMPLETE").put("PermissionCheckResult", "UNSURE");
        }
        return Optional.of(result.build());
    }

    private Optional<Struct> list(OperationCall call) {
        QueryParameters p = call.parameters();
        Optional<String> ownerId = p.get("OwnerId").map(o -> text("ownerId", o, 20, 2048,
                Pattern.compile("^[a-zA-Z0-9:/+=,.@_-]+$"), "^[a-zA-Z0-9:/+=,.@_-]+$"));
        ctx.authorize(call, "*");
        Instant now = call.environment().time();
        List<DelegationRequest> requests = ctx.view(call).delegationRequests().stream()
                .filter(r -> ownerId.map(o -> r.ownerId().equals(Optional.of(o))).orElse(true))
                .sorted(Comparator.comparing(DelegationRequest::id)).toList();
        Pagination.Page<DelegationRequest> page = Pagination.of(p, requests, DelegationRequest::id);
        return Optional.of(Struct.builder()
                .put("DelegationRequests", new Value.ListOf(page.items().stream()
                        .<Value>map(r -> shape(r, now)).toList()))
                .putIfPresent("Marker", page.marker())
                .put("isTruncated", page.truncated())
                .build());
    }

    /** One transition: the request must be visible, of the owner account where required, and in an allowed state. */
    private DelegationRequest transition(OperationCall call, String verb, boolean ownerOnly, Set<State> from,
            TransitionStep step) {
        String id = requestId(call.parameters());
        Caller caller = call.requireCaller();
        ctx.authorize(call, resource(caller, id));
        Instant now = call.environment().time();
        return ctx.store().update(snapshot -> {
            DelegationRequest request = ctx.view(snapshot, call).delegationRequest(id)
                    .orElseThrow(IamErrors::noSuchDelegationRequest);
            if (ownerOnly && !request.ownerAccount().equals(Optional.of(caller.account()))) {
                throw IamErrors.invalidInput("Only an identity of the delegation request's owner account can " + verb
                        + " it.");
            }
            State state = request.stateAt(now);
            if (!from.contains(state)) {
                throw IamErrors.invalidInput("The delegation request is " + state + " and cannot be " + verb
                        + "ed.");
            }
            DelegationRequest next = step.apply(request, caller, now);
            return Mutation.of(next, EntityChange.upsert(next));
        });
    }

    @FunctionalInterface
    private interface TransitionStep {
        DelegationRequest apply(DelegationRequest request, Caller caller, Instant now);
    }

    private Optional<Struct> associate(OperationCall call) {
        transition(call, "associat", false, EnumSet.of(State.UNASSIGNED), (request, caller, now) -> {
            if (request.ownerAccount().map(a -> !a.equals(caller.account())).orElse(false)) {
                throw IamErrors.noSuchDelegationRequest();
            }
            return request.associated(caller.account(), caller.arn(), now);
        });
        return Optional.empty();
    }

    private Optional<Struct> update(OperationCall call) {
        Optional<String> notes = notes(call.parameters());
        transition(call, "updat", true, OWNED_OPEN, (request, caller, now) -> request.transitioned(
                State.PENDING_APPROVAL, request.approverId(), notes.or(request::notes), request.rejectionReason(),
                now, request.expirationTime()));
        return Optional.empty();
    }

    private Optional<Struct> accept(OperationCall call) {
        transition(call, "accept", true, OWNED_OPEN, (request, caller, now) -> request.transitioned(State.ACCEPTED,
                Optional.of(caller.arn()), request.notes(), request.rejectionReason(), now,
                request.expirationTime()));
        return Optional.empty();
    }

    private Optional<Struct> reject(OperationCall call) {
        Optional<String> notes = notes(call.parameters());
        transition(call, "reject", true, EnumSet.of(State.ASSIGNED, State.PENDING_APPROVAL, State.ACCEPTED),
                (request, caller, now) -> request.transitioned(State.REJECTED, request.approverId(), request.notes(),
                        notes, now, now.plus(OPEN_FOR)));
        return Optional.empty();
    }

    private Optional<Struct> sendToken(OperationCall call) {
        transition(call, "send the token of", true, EnumSet.of(State.ACCEPTED), (request, caller, now) -> {
            if (request.onlySendByOwner() && !request.ownerId().equals(Optional.of(caller.arn()))) {
                throw IamErrors.invalidInput("Only the owner of this delegation request can send its token.");
            }
            // The session's window opens now (AWS: "starts when the customer calls the SendDelegationToken API"), and
            // the trade-in token is good until it closes.
            return request.finalized(request.approverId(), TradeInTokens.mint(request.id(), ctx.random()), now,
                    now.plusSeconds(request.sessionDuration()));
        });
        return Optional.empty();
    }

    /** A plain summary built from the request itself (AWS writes its summary with a language model). */
    private Optional<Struct> summary(OperationCall call) {
        String arn = Validators.length("entityArn", call.parameters().required("EntityArn"), 20, 2048);
        String locale = call.parameters().get("Locale").map(l -> Validators.length("locale", l, 2, 12)).orElse("en");
        int at = arn.indexOf(":delegation-request/");
        if (!arn.startsWith("arn:") || at < 0) {
            throw IamErrors.invalidInput("Only delegation-request entities can be summarized.");
        }
        String id = arn.substring(at + ":delegation-request/".length());
        ctx.authorize(call, resource(call.requireCaller(), id));
        DelegationRequest request = ctx.view(call).delegationRequest(id)
                .orElseThrow(IamErrors::noSuchDelegationRequest);
        if (!locale.equals("en") && !locale.startsWith("en_") && !locale.startsWith("en-")) {
            return Optional.of(Struct.builder().put("Locale", locale).put("SummaryState", "NOT_SUPPORTED").build());
        }
        String summary = request.requestorName() + " (account " + request.requestor().value() + ") requests access"
                + request.ownerAccount().map(a -> " to account " + a.value()).orElse("")
                + " for " + request.sessionDuration() + " seconds"
                + request.permissions().policyTemplateArn().map(t -> " with the permissions of " + t).orElse("")
                + ". Description: " + request.description();
        return Optional.of(Struct.builder()
                .put("SummaryContent", summary.length() > 10000 ? summary.substring(0, 10000) : summary)
                .put("Locale", locale)
                .put("SummaryState", "AVAILABLE")
                .build());
    }

    private static Struct shape(DelegationRequest r, Instant now) {
        Struct.Builder permissions = Struct.builder()
                .putIfPresent("PolicyTemplateArn", r.permissions().policyTemplateArn());
        if (!r.permissions().parameters().isEmpty()) {
            permissions.put("Parameters", new Value.ListOf(r.permissions().parameters().stream()
                    .<Value>map(p -> Struct.builder().put("Name", p.name())
                            .put("Values", new Value.ListOf(p.values().stream().<Value>map(Value.Text::new).toList()))
                            .put("Type", p.type()).build()).toList()));
        }
        return Struct.builder()
                .put("DelegationRequestId", r.id())
                .putIfPresent("OwnerAccountId", r.ownerAccount().map(AccountId::value))
                .put("Description", r.description())
                .putIfPresent("RequestMessage", r.requestMessage())
                .put("Permissions", permissions.build())
                .putIfPresent("OwnerId", r.ownerId())
                .putIfPresent("ApproverId", r.approverId())
                .put("State", r.stateAt(now).name())
                .put("ExpirationTime", r.expirationTime())
                .put("RequestorId", r.requestor().value())
                .put("RequestorName", r.requestorName())
                .put("CreateDate", r.createDate())
                .put("SessionDuration", r.sessionDuration())
                .putIfPresent("RedirectUrl", r.redirectUrl())
                .putIfPresent("Notes", r.notes())
                .putIfPresent("RejectionReason", r.rejectionReason())
                .put("OnlySendByOwner", r.onlySendByOwner())
                .put("UpdatedTime", r.updatedTime())
                .build();
    }
}
