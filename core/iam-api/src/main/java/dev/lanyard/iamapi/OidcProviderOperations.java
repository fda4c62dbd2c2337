package dev.lanyard.iamapi;

import dev.lanyard.authz.Caller;
import dev.lanyard.authz.Validators;
import dev.lanyard.aws.AwsErrors;
import dev.lanyard.aws.AwsException;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.OidcProvider;
import dev.lanyard.iam.model.Tag;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import dev.lanyard.query.ValidationErrors;
import dev.lanyard.query.Value;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** IAM OpenID Connect providers: the issuers whose tokens AssumeRoleWithWebIdentity accepts. */
final class OidcProviderOperations {
    static final int MAX_PROVIDERS = 100;
    static final int MAX_CLIENT_IDS = 100;
    private final IamContext ctx;

    OidcProviderOperations(IamContext ctx) {
        this.ctx = ctx;
    }

    void register(Map<String, Operation> ops) {
        ops.put("CreateOpenIDConnectProvider", this::create);
        ops.put("GetOpenIDConnectProvider", this::get);
        ops.put("ListOpenIDConnectProviders", this::list);
        ops.put("DeleteOpenIDConnectProvider", this::delete);
        ops.put("AddClientIDToOpenIDConnectProvider", this::addClientId);
        ops.put("RemoveClientIDFromOpenIDConnectProvider", this::removeClientId);
        ops.put("UpdateOpenIDConnectProviderThumbprint", this::updateThumbprints);
        new EntityTags<>(ctx, "OpenIDConnectProvider", TagKeys.CASE_SENSITIVE, EntityTags.Order.AS_ADDED,
                this::authorized, OidcProviderOperations::current).register(ops);
    }

    /**
     * https://host[/path] without query, fragment or user info; http and a port only for loopback when configured. Anything else
     * is AWS's ValidationError "Invalid Open ID Connect Provider URL" (recorded for a URL without a scheme).
     */
    private String url(String text) {
        Validators.length("url", text, 1, 255);
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw invalidUrl();
        }
        // a loopback issuer (tests, development) may be plain http and have a port, over https too
        boolean loopback = ctx.allowHttpLoopbackIssuers()
                && ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()));
        if (!"https".equals(uri.getScheme()) && !(loopback && "http".equals(uri.getScheme()))) {
            throw invalidUrl();
        }
        if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null || (uri.getPort() >= 0 && !loopback)) {
            throw invalidUrl();
        }
        return text;
    }

    private static AwsException invalidUrl() {
        return AwsErrors.validation("Invalid Open ID Connect Provider URL");
    }

    private static List<String> thumbprints(QueryParameters p) {
        List<String> prints = p.list("ThumbprintList");
        if (prints.size() > 5) {
            // AWS's code and wording (seen in reported CreateOpenIDConnectProvider errors), though five are allowed.
            throw IamErrors.invalidInput("Thumbprint list must contain fewer than 5 entries.");
        }
        for (String print : prints) {
            if (!print.matches("[0-9A-Fa-f]{40}")) {
                throw ValidationErrors.single("thumbprintList", print,
                        "Member must have length greater than or equal to 40");
            }
        }
        return prints.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
    }

    private static List<String> clientIds(QueryParameters p) {
        List<String> ids = p.list("ClientIDList");
        if (ids.stream().distinct().count() > MAX_CLIENT_IDS) {
            throw tooManyClientIds();
        }
        ids.forEach(id -> Validators.length("clientIDList", id, 1, 255));
        return ids.stream().distinct().toList();
    }

    private static AwsException tooManyClientIds() {
        return IamErrors.limitExceeded("Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: " + MAX_CLIENT_IDS);
    }

    private Optional<Struct> create(OperationCall call) {
        QueryParameters p = call.parameters();
        String url = url(p.required("Url"));
        List<String> clientIds = clientIds(p);
        List<String> prints = thumbprints(p);
        List<Tag> tags = TagKeys.CASE_SENSITIVE.parse(p);
        Caller caller = call.requireCaller();
        OidcProvider candidate = new OidcProvider(caller.account(), url, clientIds, prints, call.environment().time(),
                tags);
        ctx.authorize(call, candidate.arn());
        ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            if (view.oidcProvider(candidate.arn()).isPresent()) {
                throw IamErrors.alreadyExists("Provider with url " + url);
            }
            if (view.oidcProviders().size() >= MAX_PROVIDERS) {
                throw IamErrors.limitExceeded("Cannot exceed quota for OpenIdConnectProvidersPerAccount: "
                        + MAX_PROVIDERS);
            }
            return Mutation.of(candidate, EntityChange.upsert(candidate));
        });
        Struct.Builder result = Struct.builder().put("OpenIDConnectProviderArn", candidate.arn());
        if (!tags.isEmpty()) {
            result.put("Tags", IamShapes.tags(tags));
        }
        return Optional.of(result.build());
    }

    private OidcProvider authorized(OperationCall call) {
        String arn = Validators.length("openIDConnectProviderArn", call.parameters()
                .required("OpenIDConnectProviderArn"), 20, 2048);
        ctx.authorize(call, arn);
        return ctx.view(call).oidcProvider(arn).orElseThrow(() -> IamErrors.noSuchOidcProvider(arn));
    }

    private static OidcProvider current(AccountView view, OidcProvider provider) {
        return view.oidcProvider(provider.arn())
                .orElseThrow(() -> IamErrors.noSuchOidcProvider(provider.arn()));
    }

    private Optional<Struct> get(OperationCall call) {
        OidcProvider provider = authorized(call);
        Struct.Builder result = Struct.builder()
                .put("Url", provider.hostAndPath())
                .put("ClientIDList", Value.ListOf.ofTexts(provider.clientIds()))
                .put("ThumbprintList", Value.ListOf.ofTexts(provider.thumbprints()))
                .put("CreateDate", provider.createDate());
        if (!provider.tags().isEmpty()) {
            result.put("Tags", IamShapes.tags(provider.tags()));
        }
        return Optional.of(result.build());
    }

    private Optional<Struct> list(OperationCall call) {
        ctx.authorize(call, "*");
        List<Value> arns = ctx.view(call).oidcProviders().stream()
                .<Value>map(p -> Struct.builder().put("Arn", p.arn()).build()).toList();
        return Optional.of(Struct.builder().put("OpenIDConnectProviderList", new Value.ListOf(arns)).build());
    }

    private Optional<Struct> delete(OperationCall call) {
        String arn = Validators.length("openIDConnectProviderArn", call.parameters()
                .required("OpenIDConnectProviderArn"), 20, 2048);
        ctx.authorize(call, arn);
        ctx.store().update(snapshot -> ctx.view(snapshot, call).oidcProvider(arn)
                .map(p -> Mutation.of(arn, EntityChange.remove(p)))
                .orElseThrow(() -> IamErrors.noSuchOidcProviderToTag(arn)));
        return Optional.empty();
    }

    private Optional<Struct> addClientId(OperationCall call) {
        OidcProvider found = authorized(call);
        String clientId = Validators.length("clientID", call.parameters().required("ClientID"), 1, 255);
        ctx.store().update(snapshot -> {
            OidcProvider provider = current(ctx.view(snapshot, call), found);
            if (provider.clientIds().contains(clientId)) {
                return Mutation.of(provider);
            }
            if (provider.clientIds().size() >= MAX_CLIENT_IDS) {
                throw tooManyClientIds();
            }
            List<String> ids = new ArrayList<>(provider.clientIds());
            ids.add(clientId);
            OidcProvider updated = provider.withClientIds(ids);
            return Mutation.of(updated, EntityChange.upsert(updated));
        });
        return Optional.empty();
    }

    private Optional<Struct> removeClientId(OperationCall call) {
        OidcProvider found = authorized(call);
        String clientId = Validators.length("clientID", call.parameters().required("ClientID"), 1, 255);
        ctx.store().update(snapshot -> {
            OidcProvider provider = current(ctx.view(snapshot, call), found);
            OidcProvider updated = provider.withClientIds(provider.clientIds().stream()
                    .filter(id -> !id.equals(clientId)).toList());
            return Mutation.of(updated, EntityChange.upsert(updated));
        });
        return Optional.empty();
    }

    private Optional<Struct> updateThumbprints(OperationCall call) {
        OidcProvider found = authorized(call);
        List<String> prints = thumbprints(call.parameters());
        ctx.store().update(snapshot -> {
            OidcProvider updated = current(ctx.view(snapshot, call), found).withThumbprints(prints);
            return Mutation.of(updated, EntityChange.upsert(updated));
        });
        return Optional.empty();
    }
}
