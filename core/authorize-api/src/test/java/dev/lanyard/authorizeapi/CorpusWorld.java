package dev.lanyard.authorizeapi;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.authz.AccessControl;
import dev.lanyard.authz.AccessRequest;
import dev.lanyard.authz.AuthorizationMessages;
import dev.lanyard.authz.Caller;
import dev.lanyard.authz.PolicyGatherer;
import dev.lanyard.authz.RequestContextFactory;
import dev.lanyard.authz.RequestEnvironment;
import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.Partition;
import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.iam.model.AccessKey;
import dev.lanyard.iam.model.Account;
import dev.lanyard.iam.model.AwsManagedPolicies;
import dev.lanyard.iam.model.IamEntity;
import dev.lanyard.iam.model.InlinePolicy;
import dev.lanyard.iam.model.ManagedPolicy;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.model.StoredPolicy;
import dev.lanyard.iam.model.Tag;
import dev.lanyard.iam.model.User;
import dev.lanyard.iam.spi.AuditSink;
import dev.lanyard.pipeline.HttpExchange;
import dev.lanyard.pipeline.HttpReply;
import dev.lanyard.pipeline.Regions;
import dev.lanyard.pipeline.RequestAuthenticator;
import dev.lanyard.pipeline.Throttles;
import dev.lanyard.policy.ContextKeys;
import dev.lanyard.policy.PolicyKind;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.PresignedLifetime;
import dev.lanyard.sigv4.SigV4Signer;
import dev.lanyard.sigv4.SigV4Verifier;
import dev.lanyard.sigv4.SignedRequest;
import dev.lanyard.store.testing.InMemoryIamStore;
import dev.lanyard.tokens.MasterKey;
import dev.lanyard.tokens.SessionClaims;
import dev.lanyard.tokens.SessionKind;
import dev.lanyard.tokens.SessionOrigin;
import dev.lanyard.tokens.SessionTokenCodec;
import dev.lanyard.tokens.TokenKeyset;
import java.net.InetAddress;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes a corpus case real for the authorization API: the case's caller as an IAM user, role session, federated user
 * or root with real keys and sealed tokens in an in-memory store, its identity policies inline on the caller, its
 * boundary a managed policy, its session policies in the session, a catalogue declaring the case's action, resource
 * and condition keys, and the service's signed call about the client's signed request. A case that cannot be made
 * real without changing what is decided is {@link NotApplicable}, with the reason computed from the case.
 */
final class CorpusWorld {
    static final AccountId MAIN = AccountId.of("111122223333");
    static final AccountId OTHER = AccountId.of("444455556666");
    static final String LANYARD_REGION = "us-east-1";
    /** The client's request line is {@code GET /corpus}; nginx's subrequests come from this address. */
    private static final String CLIENT_PATH = "/corpus";
    private static final String NGINX_ADDRESS = "127.0.0.1";
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String SOURCE_IP = "198.51.100.7";
    /** What the deciding statements call a session's inline policy. */
    private static final String INLINE_SESSION_POLICY_NAME = "session-policy";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ASK = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lanyard:Authorize",
             "Resource":"arn:aws:lanyard::111122223333:service/*"}]}""";
    private static final String TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"}]}""";

    /** Why a case does not apply to a custom service's request; the detail names what in the case. */
    static final class NotApplicable extends Exception {
        private static final long serialVersionUID = 1L;
        final Reason reason;

        NotApplicable(Reason reason, String detail) {
            super(reason.why + ": " + detail);
            this.reason = reason;
        }
    }

    enum Reason {
        CALLER_SIGNS_NOTHING("the caller holds no Lanyard credentials to sign with (anonymous, an identity provider's"
                + " user before STS, an AWS service principal); the API answers Unauthenticated for any unsigned"
                + " request"),
        TRUST_POLICY("the case decides a role's trust policy: sts:AssumeRole* decide it, never a service"),
        NO_SESSION_FOR_SESSION_POLICIES("session policies need a session, and the case's caller has none"),
        ROOT_WITH_IDENTITY_POLICIES("a root user has no identity policies to attach"),
        KEY_LANYARD_SETS("a policy reads a condition key Lanyard sets itself from the caller or the request, and the"
                + " case gives it another value (or none)"),
        KEY_NO_SERVICE_SUPPLIES("the case gives a condition key a custom service cannot supply (only its own keys"
                + " and the tag keys; the others are set by AWS services or STS)"),
        RESOURCE_ACCOUNT("the case puts the resource in an account its ARN does not name; the API reads the"
                + " account from the ARN"),
        RENAMING_CHANGES_MATCHES("renaming Lanyard's own prefix for a custom service changes what a pattern"
                + " matches"),
        CATALOGUE_CANNOT_DECLARE("the operator's catalogue cannot declare the case's action or resource"),
        POLICY_NOT_ATTACHABLE("a policy of the case is not valid where the API's world must attach it");

        final String why;

        Reason(String why) {
            this.why = why;
        }
    }

    /**
     * One case made real: the endpoint and the service's call about the client's request, the service's own key (a
     * front end that signs for itself, like the library, signs with it) and the case's instant.
     */
    record Realized(AuthorizeEndpoint endpoint, HttpExchange call, Map<String, String> policyNames,
            AccessKey serviceKey, Instant now, Optional<HttpExchange> nginxSubrequest) {
        HttpReply ask() {
            return endpoint.handle(call);
        }

        /** nginx's auth_request subrequest about the same client request, when nginx can carry the case. */
        Optional<HttpReply> askThroughNginx() {
            return nginxSubrequest.map(endpoint::handle);
        }
    }

    private final SecureRandom random = seeded();
    private final AccessControl access = new AccessControl(new PolicyGatherer(new AwsManagedPolicies(Partition.AWS)),
            new AuthorizationMessages(MasterKey.generate(random)));
    private final AtomicLong requests = new AtomicLong();

    /** The caller a case names, as IAM would hold it. */
    private record Who(String type, AccountId account, String arn, String id, Optional<String> sessionName,
            Optional<String> parentArn) {
    }

    Realized realize(CorpusCase c) throws NotApplicable {
        if (c.resourcePolicy().map(p -> p.path("source").asText().equals("TRUST")).orElse(false)
                || c.request().path("resourcePolicyRequired").asBoolean(false)) {
            throw new NotApplicable(Reason.TRUST_POLICY, "resource policy of source TRUST");
        }
        if (!c.action().contains(":")) {
            throw new NotApplicable(Reason.CATALOGUE_CANNOT_DECLARE, "action '" + c.action() + "' names no service");
        }
        Who who = who(c.caller());
        if (c.request().path("principalIsRoot").asBoolean(who.type.equals("root")) != who.type.equals("root")) {
            throw new NotApplicable(Reason.CALLER_SIGNS_NOTHING, "principalIsRoot does not match the caller");
        }
        Optional<String> renamingChanges = c.renamingKeepsMatches();
        if (renamingChanges.isPresent()) {
            throw new NotApplicable(Reason.RENAMING_CHANGES_MATCHES, renamingChanges.get());
        }
        Map<String, List<String>> context = c.context();
        Instant now = now(context);
        String region = single(context, "aws:RequestedRegion").orElse(LANYARD_REGION);
        String sourceIp = single(context, "aws:SourceIp").filter(CorpusWorld::isAddress).orElse(SOURCE_IP);
        boolean secure = single(context, "aws:SecureTransport").map(Boolean::parseBoolean).orElse(false);

        Map<String, String> names = new LinkedHashMap<>();
        List<IamEntity> entities = new ArrayList<>(List.of(account(MAIN), account(OTHER)));
        SplittableRandom ids = new SplittableRandom(c.name().hashCode());
        User service = new User(MAIN, "AIDACORPUSSERVICE", "corpus-service", "/", T0, Optional.empty(), List.of(),
                List.of(inline("ask", ASK, PolicyKind.INLINE)), List.of());
        AccessKey serviceKey = new AccessKey(AccessKeyId.generateLongTerm(MAIN, ids), MAIN,
                Optional.of(service.name()), SecretAccessKey.generate(ids), AccessKey.Status.Active, T0);
        entities.add(service);
        entities.add(serviceKey);

        List<Tag> tags = new ArrayList<>();
        context.forEach((key, values) -> {
            if (key.toLowerCase(Locale.ROOT).startsWith("aws:principaltag/") && values.size() == 1) {
                tags.add(new Tag(key.substring("aws:PrincipalTag/".length()), values.getFirst()));
            }
        });
        List<InlinePolicy> identity = new ArrayList<>();
        for (JsonNode spec : c.identity()) {
            String name = spec.get("name").asText();
            identity.add(inline(name, c.policyText(spec), PolicyKind.INLINE));
            names.put(name, name);
        }
        Optional<String> boundaryArn = Optional.empty();
        if (c.boundary().isPresent()) {
            ManagedPolicy boundary = managed(who.account, c.boundary().get().get("name").asText(),
                    c.policyText(c.boundary().get()));
            entities.add(boundary);
            boundaryArn = Optional.of(boundary.arn().toString());
            names.put(boundaryArn.get(), boundary.name());
        }
        Optional<String> inlineSession = Optional.empty();
        List<String> sessionArns = new ArrayList<>();
        List<JsonNode> sessionPolicies = c.sessionPolicies();
        boolean federatedWithoutPolicy = c.session().isTextual();
        if (!sessionPolicies.isEmpty() || federatedWithoutPolicy) {
            if (who.type.equals("user") || who.type.equals("root")) {
                throw new NotApplicable(Reason.NO_SESSION_FOR_SESSION_POLICIES, "caller " + c.caller());
            }
            for (int i = 0; i < sessionPolicies.size(); i++) {
                JsonNode spec = sessionPolicies.get(i);
                if (i == 0) {
                    inlineSession = Optional.of(c.policyText(spec));
                    names.put(INLINE_SESSION_POLICY_NAME, spec.get("name").asText());
                } else {
                    ManagedPolicy policy = managed(who.account, spec.get("name").asText(), c.policyText(spec));
                    entities.add(policy);
                    sessionArns.add(policy.arn().toString());
                    names.put(policy.arn().toString(), policy.name());
                }
            }
        }
        if (who.type.equals("root") && !identity.isEmpty()) {
            throw new NotApplicable(Reason.ROOT_WITH_IDENTITY_POLICIES, c.identity().toString());
        }

        AccessKeyId clientKeyId;
        SecretAccessKey clientSecret = SecretAccessKey.generate(ids);
        Optional<SessionClaims> claims = Optional.empty();
        switch (who.type) {
            case "user" -> {
                entities.add(user(who, identity, boundaryArn, tags));
                clientKeyId = AccessKeyId.generateLongTerm(who.account, ids);
                entities.add(new AccessKey(clientKeyId, who.account, Optional.of(name(who.arn)), clientSecret,
                        AccessKey.Status.Active, T0));
            }
            case "root" -> {
                clientKeyId = AccessKeyId.generateLongTerm(who.account, ids);
                entities.add(new AccessKey(clientKeyId, who.account, Optional.empty(), clientSecret,
                        AccessKey.Status.Active, T0));
            }
            case "role-session" -> {
                Role role = new Role(who.account, who.id, name(who.arn), path(who.arn), StoredPolicy.parse(
                        TRUST.formatted(who.account.value()), PolicyKind.TRUST), Optional.empty(),
                        Duration.ofHours(12), T0, boundaryArn, tags, identity, List.of());
                entities.add(role);
                clientKeyId = AccessKeyId.generateTemporary(who.account, ids);
                Optional<Instant> mfa = single(context, "aws:MultiFactorAuthPresent").filter("true"::equals)
                        .map(x -> now);
                claims = Optional.of(SessionClaims.builder().kind(SessionKind.ASSUMED_ROLE)
                        .origin(SessionOrigin.ASSUME_ROLE).account(who.account).secretAccessKey(clientSecret)
                        .principalArn(who.arn).principalId(who.id).sessionName(who.sessionName.orElseThrow())
                        .issuedAt(now.minusSeconds(60)).expiresAt(now.plus(Duration.ofHours(1)))
                        .mfaAuthenticatedAt(mfa).inlineSessionPolicy(inlineSession).sessionPolicyArns(sessionArns)
                        .build());
            }
            case "federated-user" -> {
                String parentArn = who.parentArn.orElseThrow();
                User parent = user(new Who("user", who.account, parentArn, parentId(parentArn), Optional.empty(),
                        Optional.empty()), identity, boundaryArn, tags);
                entities.add(parent);
                clientKeyId = AccessKeyId.generateTemporary(who.account, ids);
                String sessionName = name(who.arn);
                claims = Optional.of(SessionClaims.builder().kind(SessionKind.FEDERATED_USER)
                        .origin(SessionOrigin.GET_FEDERATION_TOKEN).account(who.account).secretAccessKey(clientSecret)
                        .principalArn(who.arn).principalId(who.account.value() + ":" + sessionName)
                        .sessionName(sessionName).parentUserArn(Optional.of(parentArn))
                        .parentUserId(Optional.of(parent.userId())).issuedAt(now.minusSeconds(60))
                        .expiresAt(now.plus(Duration.ofHours(1))).inlineSessionPolicy(inlineSession)
                        .sessionPolicyArns(sessionArns).build());
            }
            default -> throw new IllegalStateException(who.type);
        }
        InMemoryIamStore store;
        try {
            store = InMemoryIamStore.of(entities);
        } catch (IllegalArgumentException e) {
            throw new NotApplicable(Reason.POLICY_NOT_ATTACHABLE, e.getMessage());
        }
        InstantSource clock = InstantSource.fixed(now);
        TokenKeyset keyset = TokenKeyset.generate(InstantSource.fixed(now.minus(Duration.ofDays(1))), random);
        SessionTokenCodec codec = new SessionTokenCodec(() -> keyset, random);
        Optional<String> token = claims.map(cl -> codec.seal(cl, clientKeyId));
        RequestAuthenticator authenticator = new RequestAuthenticator(store, codec, clock, Partition.AWS, () -> false);
        SigV4Verifier verifier = new SigV4Verifier(clock);

        // the catalogue: one service, the case's action, its resource as a type, the keys the case supplies
        Map<String, List<String>> supplied = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        context.forEach((key, values) -> {
            if (suppliable(c, c.renameKey(key))) {
                supplied.put(c.renameKey(key), values);
            }
        });
        ServiceCatalogue catalogue = catalogue(c, region, supplied);
        DeclaredServiceRequest declared = new DeclaredServiceRequest(catalogue, c.renamedAction());

        HttpRequestParts clientRequest = sign(new SigV4Signer(clientKeyId.value(), clientSecret, token),
                c.servicePrefix(), region, now, "corpus.example.test", "GET", CLIENT_PATH, new byte[0]);
        Question question;
        try {
            question = Question.of(declared.service(), c.renamedAction(), c.renamedResource(),
                    c.resourcePolicy().map(c::policyText), supplied);
        } catch (dev.lanyard.aws.AwsException e) {
            throw new NotApplicable(Reason.CATALOGUE_CANNOT_DECLARE, e.getMessage());
        }
        c.resourcePolicy().ifPresent(p -> names.put(Question.RESOURCE_POLICY_NAME, p.get("name").asText()));
        checkResourceAccount(c, who, question.request());
        Caller caller = authenticator.authenticate(SignedRequest.parse(clientRequest).orElseThrow(),
                secret -> verifier.verifyHashed(SignedRequest.parse(clientRequest).orElseThrow(), clientRequest,
                        AuthorizeWorld.sha256(new byte[0]), secret, PresignedLifetime.EXPIRES)).caller();
        ContextKeys lanyardKeys = RequestContextFactory.keys(caller, new RequestEnvironment(now, sourceIp, secure,
                region, Optional.empty(), "corpus"), question.request());
        checkKeysRead(c, context, supplied, lanyardKeys);

        AuthorizeEndpoint endpoint = new AuthorizeEndpoint(store, authenticator, verifier, access, catalogue,
                Regions.of(LANYARD_REGION), clock, AuditSink.NONE, 256 * 1024,
                () -> "corpus-" + requests.incrementAndGet(), Throttles.off());
        ObjectNode body = JSON.createObjectNode();
        ObjectNode parts = body.putObject("Request");
        parts.put("Method", "GET").put("Path", "/corpus").put("Query", "");
        ObjectNode headers = parts.putObject("Headers");
        clientRequest.headers().forEach((name, values) -> values.forEach(v -> headers.withArray(name).add(v)));
        parts.put("PayloadHash", AuthorizeWorld.sha256(new byte[0]));
        body.put("Action", c.renamedAction()).put("Resource", c.renamedResource()).put("SourceIp", sourceIp)
                .put("SecureTransport", secure);
        c.resourcePolicy().ifPresent(p -> body.put("ResourcePolicy", c.policyText(p)));
        if (!supplied.isEmpty()) {
            ObjectNode given = body.putObject("Context");
            supplied.forEach((key, values) -> {
                if (c.multivalued(originalKey(context, key, c))) {
                    values.forEach(v -> given.withArray(key).add(v));
                } else {
                    given.put(key, values.getFirst());
                }
            });
        }
        byte[] bytes = body.toString().getBytes(UTF_8);
        HttpRequestParts call = sign(new SigV4Signer(serviceKey.id().value(), serviceKey.secret(), Optional.empty()),
                AuthorizeEndpoint.SIGNING_NAME, LANYARD_REGION, now, "127.0.0.1:8955", "POST", AuthorizeEndpoint.PATH,
                bytes);
        return new Realized(endpoint, new HttpExchange("POST", AuthorizeEndpoint.PATH, "", call.headers(), bytes,
                "10.0.0.5", true), names, serviceKey, now, throughNginx(c, supplied)
                ? Optional.of(nginxSubrequest(c, clientRequest, sourceIp, secure)) : Optional.empty());
    }

    /**
     * Whether nginx can carry the case: its routes name an action and a resource over the request line, and nothing
     * else (no resource policy, no condition keys of the service's), and a resource holding a route's variable
     * syntax would be read as one.
     */
    static boolean throughNginx(CorpusCase c, Map<String, List<String>> supplied) {
        return c.resourcePolicy().isEmpty() && supplied.isEmpty() && !c.renamedResource().contains("{");
    }

    /** The subrequest deploy/nginx-auth-request.conf makes nginx send about {@code request} (no body). */
    private static HttpExchange nginxSubrequest(CorpusCase c, HttpRequestParts request, String sourceIp,
            boolean secure) {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.put("Host", List.of("127.0.0.1:8955"));
        headers.put("X-Original-Method", List.of(request.method()));
        headers.put("X-Original-URI", List.of(request.rawPath()));
        headers.put("X-Original-Host", List.of(request.header("Host").orElseThrow()));
        headers.put("X-Original-Remote-Addr", List.of(sourceIp));
        headers.put("X-Original-Body", List.of("/"));
        headers.put("X-Original-Scheme", List.of(secure ? "https" : "http"));
        return new HttpExchange("GET", AuthorizeEndpoint.PATH + "/nginx/" + c.servicePrefix(), "", headers,
                new byte[0], NGINX_ADDRESS, false);
    }

    private record DeclaredServiceRequest(ServiceCatalogue catalogue, String action) {
        ServiceCatalogue.DeclaredService service() {
            return Question.service(catalogue, action);
        }
    }

    /** Every key a policy reads has, through the API, the value the case gave it (or is absent in both). */
    private static void checkKeysRead(CorpusCase c, Map<String, List<String>> context,
            Map<String, List<String>> supplied, ContextKeys lanyardKeys) throws NotApplicable {
        for (String key : c.keysRead()) {
            String renamed = c.renameKey(key);
            Optional<List<String>> throughApi = supplied.containsKey(renamed)
                    ? Optional.of(supplied.get(renamed)) : lanyardKeys.values(renamed);
            Optional<List<String>> inCase = Optional.ofNullable(context.get(originalKey(context, key, c)));
            if (throughApi.isEmpty() && inCase.isPresent()) {
                throw new NotApplicable(Reason.KEY_NO_SERVICE_SUPPLIES, key);
            }
            if (!throughApi.equals(inCase)) {
                throw new NotApplicable(Reason.KEY_LANYARD_SETS, key + ": the case gives " + inCase.map(
                        Object::toString).orElse("none") + ", Lanyard " + throughApi.map(Object::toString)
                        .orElse("none"));
            }
        }
    }

    private static String originalKey(Map<String, List<String>> context, String key, CorpusCase c) {
        return context.keySet().stream().filter(k -> k.equalsIgnoreCase(key) || c.renameKey(k).equalsIgnoreCase(key))
                .findFirst().orElse(key);
    }

    /** The API reads the resource's account from its ARN, the corpus from the case (else the caller's). */
    private static void checkResourceAccount(CorpusCase c, Who who, AccessRequest request) throws NotApplicable {
        Optional<String> inCase = Optional.ofNullable(c.request().get("resourceAccount")).map(JsonNode::asText);
        String corpus = inCase.orElse(who.account.value());
        String api = request.resourceAccount().map(AccountId::value).orElse(who.account.value());
        if (!corpus.equals(api)) {
            throw new NotApplicable(Reason.RESOURCE_ACCOUNT, "the case says " + corpus + ", the ARN " + api);
        }
    }

    /** The service's own keys and the tag keys: what a catalogue may declare. */
    private static boolean suppliable(CorpusCase c, String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.startsWith(c.servicePrefix() + ":") || lower.startsWith("aws:requesttag/")
                || lower.startsWith("aws:resourcetag/") || lower.equals("aws:tagkeys");
    }

    private static ServiceCatalogue catalogue(CorpusCase c, String region, Map<String, List<String>> supplied)
            throws NotApplicable {
        ObjectNode service = JSON.createObjectNode().put("Account", MAIN.value());
        service.putArray("Regions").add(region);
        String action = c.renamedAction().substring(c.servicePrefix().length() + 1);
        ObjectNode declared = service.putObject("Actions").putObject(action);
        if (!c.renamedResource().equals("*")) {
            service.putObject("ResourceTypes").put("resource", c.renamedResource());
            declared.putArray("ResourceTypes").add("resource");
        }
        if (!supplied.isEmpty()) {
            ObjectNode keys = service.putObject("ConditionKeys");
            supplied.forEach((key, values) -> {
                String pattern = pattern(key);
                keys.put(pattern, values.size() > 1 || c.multivalued(originalKey(c.context(), key, c))
                        ? "ArrayOfString" : "String");
                if (!declared.has("ConditionKeys") || !declared.get("ConditionKeys").toString()
                        .contains("\"" + pattern + "\"")) {
                    declared.withArray("ConditionKeys").add(pattern);
                }
            });
        }
        if (throughNginx(c, supplied)) {
            service.putArray("Routes").addObject().put("Method", "GET").put("Path", CLIENT_PATH)
                    .put("Action", action).put("Resource", c.renamedResource());
            service.putArray("TrustedProxies").add(NGINX_ADDRESS);
        }
        ObjectNode root = JSON.createObjectNode();
        root.putObject("Services").set(c.servicePrefix(), service);
        try {
            return ServiceCatalogue.parse(root.toString());
        } catch (IllegalArgumentException e) {
            throw new NotApplicable(Reason.CATALOGUE_CANNOT_DECLARE, e.getMessage());
        }
    }

    private static String pattern(String key) {
        for (String tagKey : List.of("aws:RequestTag/", "aws:ResourceTag/")) {
            if (key.toLowerCase(Locale.ROOT).startsWith(tagKey.toLowerCase(Locale.ROOT))) {
                return tagKey + "${TagKey}";
            }
        }
        return key.equalsIgnoreCase("aws:TagKeys") ? "aws:TagKeys" : key;
    }

    private static HttpRequestParts sign(SigV4Signer signer, String service, String region, Instant at, String host,
            String method, String path, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of(host));
        if (method.equals("POST")) {
            headers.put("Content-Type", List.of("application/json"));
        }
        signer.signHeaders(new HttpRequestParts(method, path, "", headers, body), region, service, at)
                .forEach((name, value) -> headers.put(name, List.of(value)));
        return new HttpRequestParts(method, path, "", headers, body);
    }

    private static Who who(JsonNode caller) throws NotApplicable {
        if (caller.isTextual()) {
            return switch (caller.asText()) {
                case "user" -> user(MAIN, "arn:aws:iam::111122223333:user/Alice", "AIDACKCEVSQ6C2EXAMPLE");
                case "role-session" -> session(MAIN, "arn:aws:iam::111122223333:role/Deploy", "AROADBQP57FF2AEXAMPLE",
                        "arn:aws:sts::111122223333:assumed-role/Deploy/ci");
                case "federated-user" -> new Who("federated-user", MAIN,
                        "arn:aws:sts::111122223333:federated-user/Bob", "", Optional.empty(),
                        Optional.of("arn:aws:iam::111122223333:user/Alice"));
                case "root" -> root(MAIN);
                case "other-user" -> user(OTHER, "arn:aws:iam::444455556666:user/Carol", "AIDAOTHERCAROLEXAMPLE");
                case "other-role-session" -> session(OTHER, "arn:aws:iam::444455556666:role/Partner",
                        "AROAOTHERPARTNEREXAMP", "arn:aws:sts::444455556666:assumed-role/Partner/s1");
                case "other-root" -> root(OTHER);
                default -> throw new NotApplicable(Reason.CALLER_SIGNS_NOTHING, caller.asText());
            };
        }
        String type = caller.path("type").asText();
        return switch (type) {
            case "user" -> user(account(caller, "arn"), caller.get("arn").asText(), caller.get("id").asText());
            case "role-session" -> session(account(caller, "roleArn"), caller.get("roleArn").asText(),
                    caller.get("roleId").asText(), caller.get("sessionArn").asText());
            case "federated-user" -> new Who(type, account(caller, "sessionArn"), caller.get("sessionArn").asText(), "",
                    Optional.empty(), Optional.of(caller.get("parentUserArn").asText()));
            case "root" -> root(AccountId.of(caller.get("account").asText()));
            default -> throw new NotApplicable(Reason.CALLER_SIGNS_NOTHING, caller.toString());
        };
    }

    private static AccountId account(JsonNode caller, String arnField) {
        return AccountId.of(caller.has("account") ? caller.get("account").asText()
                : caller.get(arnField).asText().split(":", 6)[4]);
    }

    private static Who user(AccountId account, String arn, String id) {
        return new Who("user", account, arn, id, Optional.empty(), Optional.empty());
    }

    private static Who session(AccountId account, String roleArn, String roleId, String sessionArn) {
        return new Who("role-session", account, roleArn, roleId, Optional.of(name(sessionArn)), Optional.empty());
    }

    private static Who root(AccountId account) {
        return new Who("root", account, "arn:aws:iam::" + account.value() + ":root", account.value(),
                Optional.empty(), Optional.empty());
    }

    private static String parentId(String parentArn) {
        return parentArn.equals("arn:aws:iam::111122223333:user/Alice") ? "AIDACKCEVSQ6C2EXAMPLE"
                : "AIDA" + Integer.toHexString(parentArn.hashCode()).toUpperCase(Locale.ROOT);
    }

    private static User user(Who who, List<InlinePolicy> identity, Optional<String> boundaryArn, List<Tag> tags) {
        return new User(who.account, who.id, name(who.arn), path(who.arn), T0, boundaryArn, tags, identity,
                List.of());
    }

    /** The last segment of an entity ARN's resource ({@code user/path/Name} is Name). */
    private static String name(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    /** {@code /path/} of {@code user/path/Name}, {@code /} without one. */
    private static String path(String arn) {
        String resource = arn.split(":", 6)[5];
        int first = resource.indexOf('/');
        int last = resource.lastIndexOf('/');
        return first == last ? "/" : resource.substring(first, last + 1);
    }

    private static InlinePolicy inline(String name, String text, PolicyKind kind) throws NotApplicable {
        try {
            return new InlinePolicy(name, StoredPolicy.parse(text, kind));
        } catch (IllegalArgumentException e) {
            throw new NotApplicable(Reason.POLICY_NOT_ATTACHABLE, name + ": " + e.getMessage());
        }
    }

    private static ManagedPolicy managed(AccountId account, String name, String text) throws NotApplicable {
        try {
            return new ManagedPolicy(account.value(), "ANPA" + Integer.toHexString(name.hashCode())
                    .toUpperCase(Locale.ROOT), name, "/", Optional.empty(), T0, T0, "v1", List.of(
                    new ManagedPolicy.PolicyVersion("v1", StoredPolicy.parse(text, PolicyKind.MANAGED), T0)),
                    List.of());
        } catch (IllegalArgumentException e) {
            throw new NotApplicable(Reason.POLICY_NOT_ATTACHABLE, name + ": " + e.getMessage());
        }
    }

    private static Account account(AccountId id) {
        return new Account(id, "corpus-" + id.value(), id.value() + "@example.test", Account.AccountStatus.ACTIVE, T0,
                id.equals(MAIN));
    }

    /** The case's time (aws:CurrentTime or aws:EpochTime), else a fixed instant. */
    private static Instant now(Map<String, List<String>> context) {
        try {
            Optional<String> current = single(context, "aws:CurrentTime");
            if (current.isPresent()) {
                return Instant.parse(current.get());
            }
            Optional<String> epoch = single(context, "aws:EpochTime");
            if (epoch.isPresent()) {
                return Instant.ofEpochSecond(Long.parseLong(epoch.get()));
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            return T0;
        }
        return T0;
    }

    private static Optional<String> single(Map<String, List<String>> context, String key) {
        return context.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key) && e.getValue().size() == 1)
                .map(e -> e.getValue().getFirst()).findFirst();
    }

    private static boolean isAddress(String text) {
        if (!text.matches("[0-9a-fA-F.:]{2,45}")) {
            return false;
        }
        try {
            InetAddress.ofLiteral(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static SecureRandom seeded() {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(14);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<String> labels(JsonNode deciding, Map<String, String> names) {
        Set<String> labels = new java.util.LinkedHashSet<>();
        deciding.forEach(statement -> {
            String sid = statement.path("Sid").asText("");
            String name = names.getOrDefault(statement.get("PolicyName").asText(),
                    statement.get("PolicyName").asText());
            labels.add(name + "#" + (sid.isEmpty() ? statement.get("StatementIndex").asText() : sid));
        });
        return labels;
    }
}
