package dev.lanyard.iamapi;

import dev.lanyard.authz.Caller;
import dev.lanyard.authz.Validators;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.SecretText;
import dev.lanyard.iam.model.ServerCertificate;
import dev.lanyard.iam.model.Tag;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Server certificates: a PEM certificate, its optional chain and its private key, checked to belong together. The
 * private key is a secret: encrypted at rest, never returned, never part of a message.
 */
final class ServerCertificateOperations {
    static final int MAX_PER_ACCOUNT = 20;
    private final IamContext ctx;

    ServerCertificateOperations(IamContext ctx) {
        this.ctx = ctx;
    }

    void register(Map<String, Operation> ops) {
        ops.put("UploadServerCertificate", this::upload);
        ops.put("GetServerCertificate", this::get);
        ops.put("ListServerCertificates", this::list);
        ops.put("UpdateServerCertificate", this::update);
        ops.put("DeleteServerCertificate", this::delete);
        new EntityTags<>(ctx, "ServerCertificate", TagKeys.CASE_INSENSITIVE, EntityTags.Order.BY_KEY, call -> {
            String name = name(call.parameters());
            return authorized(call, name).orElseThrow(() -> IamErrors.noSuchServerCertificate(name));
        }, (view, found) -> require(view, found.name())).register(ops);
    }

    private static String name(QueryParameters p) {
        return IamParams.name(p, "ServerCertificateName", "serverCertificateName", 128);
    }

    private static String arn(Caller caller, String path, String name) {
        return caller.partition().iam(caller.account(), "server-certificate" + path + name).toString();
    }

    static ServerCertificate require(AccountView view, String name) {
        return view.serverCertificate(name).orElseThrow(() -> IamErrors.noSuchServerCertificate(name));
    }

    /** Authorizes on the certificate's ARN (its path included when it exists) with its tags. */
    private Optional<ServerCertificate> authorized(OperationCall call, String name) {
        Optional<ServerCertificate> existing = ctx.view(call).serverCertificate(name);
        ctx.authorize(call, existing.map(ServerCertificate::arn).orElse(arn(call.requireCaller(), "/", name)));
        return existing;
    }

    private Optional<Struct> upload(OperationCall call) {
        QueryParameters p = call.parameters();
        String name = name(p);
        String path = IamParams.path(p, "Path");
        String body = Validators.policyText("certificateBody", p.required("CertificateBody"), 16384);
        String privateKey = Validators.policyText("privateKey", p.required("PrivateKey"), 16384);
        Optional<String> chain = p.get("CertificateChain")
                .map(c -> Validators.policyText("certificateChain", c, 2097152));
        List<Tag> tags = TagKeys.CASE_INSENSITIVE.parse(p);
        Instant now = call.environment().time();
        ctx.authorize(call, arn(call.requireCaller(), path, name));
        X509Certificate certificate = PemCertificates.certificate(body);
        PrivateKey key = PemCertificates.privateKey(privateKey);
        chain.ifPresent(PemCertificates::chain);
        PemCertificates.requireMatch(certificate, key);
        Instant expiration = certificate.getNotAfter().toInstant();
        if (now.isAfter(expiration)) {
            throw IamErrors.malformedCertificate("The certificate has expired.");
        }
        ServerCertificate created = ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            if (view.serverCertificate(name).isPresent()) {
                throw IamErrors.alreadyExists("The Server Certificate with name " + name);
            }
            if (view.serverCertificates().size() >= MAX_PER_ACCOUNT) {
                throw IamErrors.limitExceeded("Cannot exceed quota for ServerCertificatesPerAccount: "
                        + MAX_PER_ACCOUNT);
            }
            ServerCertificate stored = new ServerCertificate(view.account(),
                    UserCredentials.id(ctx.random(), "ASCA", 17), name, path, body, chain, SecretText.of(privateKey),
                    now, expiration, tags);
            return Mutation.of(stored, EntityChange.upsert(stored));
        });
        Struct.Builder result = Struct.builder().put("ServerCertificateMetadata", metadata(created));
        if (!created.tags().isEmpty()) {
            result.put("Tags", IamShapes.tags(created.tags()));
        }
        return Optional.of(result.build());
    }

    private Optional<Struct> get(OperationCall call) {
        String name = name(call.parameters());
        ServerCertificate certificate = authorized(call, name)
                .orElseThrow(() -> IamErrors.noSuchServerCertificate(name));
        Struct.Builder shape = Struct.builder()
                .put("ServerCertificateMetadata", metadata(certificate))
                .put("CertificateBody", certificate.body())
                .putIfPresent("CertificateChain", certificate.chain())
                .put("Tags", IamShapes.tags(certificate.tags()));
        return Optional.of(Struct.builder().put("ServerCertificate", shape.build()).build());
    }

    private Optional<Struct> list(OperationCall call) {
        Optional<String> prefix = IamParams.pathPrefix(call.parameters());
        ctx.authorize(call, "*");
        List<ServerCertificate> certificates = ctx.view(call).serverCertificates().stream()
                .filter(c -> prefix.map(pp -> c.path().startsWith(pp)).orElse(true)).toList();
        Struct.Builder result = Struct.builder();
        Pagination.page(call.parameters(), certificates, c -> c.name().toLowerCase(Locale.ROOT),
                "ServerCertificateMetadataList", ServerCertificateOperations::metadata, result);
        return Optional.of(result.build());
    }

    private Optional<Struct> update(OperationCall call) {
        QueryParameters p = call.parameters();
        String name = name(p);
        Optional<String> newName = IamParams.optionalName(p, "NewServerCertificateName", "newServerCertificateName",
                128);
        Optional<String> newPath = p.get("NewPath").map(v -> IamParams.checkPath("NewPath", v));
        Optional<ServerCertificate> existing = authorized(call, name);
        // As AWS documents: the caller needs permission on the new name (and path) as well as the old.
        ctx.authorize(call, arn(call.requireCaller(), newPath.orElse(existing.map(ServerCertificate::path).orElse("/")),
                newName.orElse(name)));
        ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            ServerCertificate certificate = require(view, name);
            String target = newName.orElse(certificate.name());
            if (!target.equalsIgnoreCase(certificate.name()) && view.serverCertificate(target).isPresent()) {
                throw IamErrors.alreadyExists("The Server Certificate with name " + target);
            }
            ServerCertificate renamed = certificate.withNameAndPath(target, newPath.orElse(certificate.path()));
            return new Mutation<>(List.of(EntityChange.remove(certificate), EntityChange.upsert(renamed)), renamed);
        });
        return Optional.empty();
    }

    private Optional<Struct> delete(OperationCall call) {
        String name = name(call.parameters());
        authorized(call, name);
        ctx.store().update(snapshot -> {
            ServerCertificate certificate = require(ctx.view(snapshot, call), name);
            return Mutation.of(certificate, EntityChange.remove(certificate));
        });
        return Optional.empty();
    }

    private static Struct metadata(ServerCertificate certificate) {
        return Struct.builder()
                .put("Path", certificate.path())
                .put("ServerCertificateName", certificate.name())
                .put("ServerCertificateId", certificate.id())
                .put("Arn", certificate.arn())
                .put("UploadDate", certificate.uploadDate())
                .put("Expiration", certificate.expiration())
                .build();
    }
}
