package dev.lanyard.iamapi.organizations;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.authz.AccessControl;
import dev.lanyard.authz.AccessRequest;
import dev.lanyard.authz.Caller;
import dev.lanyard.aws.AccountId;
import dev.lanyard.iam.model.Account;
import dev.lanyard.iam.model.CreateAccountStatus;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.Organization;
import dev.lanyard.iam.model.Tag;
import dev.lanyard.iam.spi.IamStore;
import dev.lanyard.pipeline.JsonOperation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Organizations subset that creates and describes accounts (JSON protocol, {@code X-Amz-Target}), as operations
 * the pipeline dispatches like the Query ones. Only callers from the management account may use it; accounts are
 * created synchronously.
 */
public final class OrganizationsOperations {
    public static final String TARGET_PREFIX = "AWSOrganizationsV20161128.";
    private static final int DEFAULT_PAGE = 20;

    private final IamStore store;
    private final AccessControl access;
    private final AccountFactory accounts;
    private final ObjectMapper json = new ObjectMapper();

    private OrganizationsOperations(IamStore store, AccessControl access, AccountFactory accounts) {
        this.store = requireNonNull(store, "store is null");
        this.access = requireNonNull(access, "access is null");
        this.accounts = requireNonNull(accounts, "accounts is null");
    }

    /** Every Organizations operation, by wire name, each behind the checks they share. */
    public static Map<String, JsonOperation> create(IamStore store, AccessControl access, AccountFactory accounts) {
        OrganizationsOperations operations = new OrganizationsOperations(store, access, accounts);
        Map<String, JsonOperation> all = new LinkedHashMap<>();
        for (OrganizationsOperation operation : OrganizationsOperation.values()) {
            all.put(operation.name(), operations.guarded(operation, operations.body(operation)));
        }
        return Map.copyOf(all);
    }

    /** What an operation does once the checks passed. */
    @FunctionalInterface
    private interface Body {
        ObjectNode apply(JsonNode input, Organization org, Instant now);
    }

    private Body body(OrganizationsOperation operation) {
        return switch (operation) {
            case CreateAccount -> (input, org, now) -> createAccount(input, org, now);
            case DescribeCreateAccountStatus -> (input, org, now) -> describeCreateAccountStatus(input);
            case ListCreateAccountStatus -> (input, org, now) -> listCreateAccountStatus(input);
            case DescribeAccount -> (input, org, now) -> describeAccount(input, org);
            case ListAccounts -> (input, org, now) -> listAccounts(input, org);
            case DescribeOrganization -> (input, org, now) -> describeOrganization(org);
            case ListRoots -> (input, org, now) -> listRoots(input, org);
            case CloseAccount -> (input, org, now) -> closeAccount(input, org);
            case TagResource -> (input, org, now) -> tagResource(input);
            case UntagResource -> (input, org, now) -> untagResource(input);
            case ListTagsForResource -> (input, org, now) -> listTags(input);
        };
    }

    /**
     * Only callers from the management account of an organization may call Organizations, and only when their
     * policies allow {@code organizations:<operation>}.
     */
    private JsonOperation guarded(OrganizationsOperation operation, Body body) {
        return call -> {
            Caller caller = call.caller();
            IamSnapshot snapshot = store.snapshot();
            Organization org = snapshot.organization().orElseThrow(
                    OrganizationsErrors::notInUse);
            if (!caller.account().equals(org.managementAccount())) {
                throw OrganizationsErrors.accessDenied();
            }
            access.require(snapshot, caller, call.environment(), AccessRequest.of("organizations:"
                    + operation.name(), "*", caller.account()));
            return body.apply(call.input(), org, call.environment().time());
        };
    }

    private ObjectNode createAccount(JsonNode input, Organization org, Instant now) {
        String email = required(input, "Email", 6, 64);
        String name = required(input, "AccountName", 1, 50);
        String roleName = optional(input, "RoleName").orElse(AccountFactory.DEFAULT_ROLE_NAME);
        CreateAccountStatus status = accounts.createMemberAccount(org, email, name, roleName, now,
                access.partition());
        ObjectNode out = json.createObjectNode();
        out.set("CreateAccountStatus", statusNode(status));
        return out;
    }

    private ObjectNode describeCreateAccountStatus(JsonNode input) {
        String id = required(input, "CreateAccountRequestId", 8, 64);
        CreateAccountStatus status = store.snapshot().createAccountStatuses().stream()
                .filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(OrganizationsErrors::createAccountStatusNotFound);
        ObjectNode out = json.createObjectNode();
        out.set("CreateAccountStatus", statusNode(status));
        return out;
    }

    private ObjectNode listCreateAccountStatus(JsonNode input) {
        List<String> states = new ArrayList<>();
        input.path("States").forEach(s -> states.add(s.asText()));
        List<CreateAccountStatus> statuses = store.snapshot().createAccountStatuses().stream()
                .filter(s -> states.isEmpty() || states.contains(s.state())).toList();
        ObjectNode out = json.createObjectNode();
        page(input, statuses, out.putArray("CreateAccountStatuses"), out, this::statusNode);
        return out;
    }

    /**
     * Organizations' NextToken / MaxResults paging, the same for every list: at most MaxResults (1 to 20, default
     * 20) items, and a NextToken when more follow; a token this server did not write is refused.
     */
    private static <T> void page(JsonNode input, List<T> all, ArrayNode list, ObjectNode out,
            Function<T, JsonNode> render) {
        int max = input.has("MaxResults") ? input.get("MaxResults").asInt(0) : DEFAULT_PAGE;
        if (max < 1 || max > 20) {
            throw OrganizationsErrors.patternMismatch();
        }
        int start = optional(input, "NextToken").map(OrganizationsOperations::pageStart).orElse(0);
        int end = Math.min(all.size(), start + max);
        for (int i = Math.min(start, all.size()); i < end; i++) {
            list.add(render.apply(all.get(i)));
        }
        if (end < all.size()) {
            out.put("NextToken", Integer.toString(end));
        }
    }

    private ObjectNode describeAccount(JsonNode input, Organization org) {
        String id = required(input, "AccountId", 12, 12);
        Account account = (AccountId.isValid(id) ? store.snapshot().account(AccountId.of(id)) : Optional.<Account>empty())
                .orElseThrow(OrganizationsErrors::accountNotFound);
        ObjectNode out = json.createObjectNode();
        out.set("Account", accountNode(account, org));
        return out;
    }

    private ObjectNode listAccounts(JsonNode input, Organization org) {
        ObjectNode out = json.createObjectNode();
        page(input, store.snapshot().accounts(), out.putArray("Accounts"), out, a -> accountNode(a, org));
        return out;
    }

    private static int pageStart(String token) {
        try {
            int start = Integer.parseInt(token);
            if (start < 0) {
                throw new NumberFormatException(token);
            }
            return start;
        } catch (NumberFormatException e) {
            throw OrganizationsErrors.invalidNextToken();
        }
    }

    private Account requireAccount(String id) {
        return (AccountId.isValid(id) ? store.snapshot().account(AccountId.of(id)) : Optional.<Account>empty())
                .orElseThrow(OrganizationsErrors::accountNotFound);
    }

    /** Closing is immediate here (AWS passes through PENDING_CLOSURE); a closed account's principals stop working. */
    private ObjectNode closeAccount(JsonNode input, Organization org) {
        String id = required(input, "AccountId", 12, 12);
        store.update(snapshot -> {
            Account account = requireAccount(id);
            if (account.management()) {
                throw OrganizationsErrors.cannotCloseManagementAccount();
            }
            if (!account.active()) {
                throw OrganizationsErrors.accountAlreadyClosed();
            }
            Account closed = account.withStatus(Account.AccountStatus.SUSPENDED);
            return IamStore.Mutation.of(closed, EntityChange.upsert(closed));
        });
        return json.createObjectNode();
    }

    private ObjectNode tagResource(JsonNode input) {
        String id = required(input, "ResourceId", 12, 12);
        List<Tag> added = new ArrayList<>();
        for (JsonNode tag : input.path("Tags")) {
            added.add(new Tag(tag.path("Key").asText(), tag.path("Value").asText()));
        }
        store.update(snapshot -> {
            Account account = requireAccount(id);
            List<Tag> tags = new ArrayList<>(account.tags().stream()
                    .filter(t -> added.stream().noneMatch(a -> a.key().equals(t.key()))).toList());
            tags.addAll(added);
            if (tags.size() > 50) {
                throw OrganizationsErrors.tooManyTags();
            }
            Account tagged = account.withTags(tags);
            return IamStore.Mutation.of(tagged, EntityChange.upsert(tagged));
        });
        return json.createObjectNode();
    }

    private ObjectNode untagResource(JsonNode input) {
        String id = required(input, "ResourceId", 12, 12);
        List<String> keys = new ArrayList<>();
        input.path("TagKeys").forEach(k -> keys.add(k.asText()));
        store.update(snapshot -> {
            Account account = requireAccount(id);
            Account untagged = account.withTags(account.tags().stream().filter(t -> !keys.contains(t.key())).toList());
            return IamStore.Mutation.of(untagged, EntityChange.upsert(untagged));
        });
        return json.createObjectNode();
    }

    private ObjectNode listTags(JsonNode input) {
        Account account = requireAccount(required(input, "ResourceId", 12, 12));
        ObjectNode out = json.createObjectNode();
        page(input, account.tags(), out.putArray("Tags"), out,
                t -> json.createObjectNode().put("Key", t.key()).put("Value", t.value()));
        return out;
    }

    private ObjectNode describeOrganization(Organization org) {
        ObjectNode out = json.createObjectNode();
        ObjectNode o = out.putObject("Organization");
        o.put("Id", org.id()).put("Arn", org.arn(access.partition())).put("FeatureSet", "ALL")
                .put("MasterAccountArn", accountArn(org, org.managementAccount()))
                .put("MasterAccountId", org.managementAccount().value())
                .put("MasterAccountEmail", org.managementEmail());
        o.putArray("AvailablePolicyTypes");
        return out;
    }

    /**
     * The organization's one root: its ID is part of every entity path (GenerateOrganizationsAccessReport). Lanyard
     * has no policy types to enable, so the list of them is empty.
     */
    private ObjectNode listRoots(JsonNode input, Organization org) {
        ObjectNode out = json.createObjectNode();
        page(input, List.of(org), out.putArray("Roots"), out, o -> {
            ObjectNode root = json.createObjectNode();
            root.put("Id", o.rootId()).put("Arn", access.partition().arn("organizations", "",
                    o.managementAccount().value(), "root/" + o.id() + "/" + o.rootId()).toString()).put("Name", "Root");
            root.putArray("PolicyTypes");
            return root;
        });
        return out;
    }

    private ObjectNode statusNode(CreateAccountStatus status) {
        ObjectNode n = json.createObjectNode();
        n.put("Id", status.id()).put("AccountName", status.accountName()).put("State", status.state())
                .put("RequestedTimestamp", epoch(status.requestedAt()))
                .put("CompletedTimestamp", epoch(status.completedAt()));
        status.accountId().ifPresent(a -> n.put("AccountId", a.value()));
        status.failureReason().ifPresent(r -> n.put("FailureReason", r));
        return n;
    }

    private ObjectNode accountNode(Account account, Organization org) {
        ObjectNode n = json.createObjectNode();
        n.put("Id", account.id().value()).put("Arn", accountArn(org, account.id())).put("Email", account.email())
                .put("Name", account.name()).put("Status", account.status().name())
                .put("State", account.active() ? "ACTIVE" : "CLOSED")
                .put("JoinedMethod", account.management() ? "INVITED" : "CREATED")
                .put("JoinedTimestamp", epoch(account.createdAt()));
        return n;
    }

    private String accountArn(Organization org, AccountId account) {
        return access.partition().arn("organizations", "", org.managementAccount().value(), "account/" + org.id() + "/"
                + account.value()).toString();
    }

    private static double epoch(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }

    private static String required(JsonNode input, String field, int min, int max) {
        JsonNode value = input.get(field);
        if (value == null || !value.isTextual()) {
            throw OrganizationsErrors.missingValue(field);
        }
        String text = value.asText();
        if (text.length() < min || text.length() > max) {
            throw OrganizationsErrors.lengthOutOfRange(field, min, max);
        }
        return text;
    }

    private static Optional<String> optional(JsonNode input, String field) {
        JsonNode value = input.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }
}
