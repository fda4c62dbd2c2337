package dev.lanyard.iamapi;

import dev.lanyard.authz.Caller;
import dev.lanyard.authz.Validators;
import dev.lanyard.aws.AwsException;
import dev.lanyard.iam.model.AccessKey;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.SigningCertificate;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import dev.lanyard.query.ValidationErrors;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * X.509 signing certificates of IAM users, or of the root user when no user is named and the caller is root: two per
 * user, and one certificate at most once in an account.
 */
final class SigningCertificateOperations {
    static final int MAX_PER_USER = 2;
    private final IamContext ctx;

    SigningCertificateOperations(IamContext ctx) {
        this.ctx = ctx;
    }

    void register(Map<String, Operation> ops) {
        ops.put("UploadSigningCertificate", this::upload);
        ops.put("ListSigningCertificates", this::list);
        ops.put("UpdateSigningCertificate", this::update);
        ops.put("DeleteSigningCertificate", this::delete);
    }

    /** The named user, else the calling user, else (for root) the root user itself. */
    private static Optional<String> owner(OperationCall call) {
        Optional<String> named = IamParams.optionalName(call.parameters(), "UserName", "userName", 128);
        if (named.isPresent() || !(call.requireCaller() instanceof Caller.Root)) {
            return Optional.of(UserCredentials.userOrCaller(call, named));
        }
        return Optional.empty();
    }

    private void authorize(OperationCall call, Optional<String> owner) {
        Caller caller = call.requireCaller();
        AccountView view = ctx.view(call);
        ctx.authorize(call, owner.map(n -> UserCredentials.userArn(caller, view, n))
                .orElse(caller.partition().root(caller.account()).toString()));
    }

    private static String certificateId(QueryParameters p) {
        String id = p.required("CertificateId");
        Validators.length("certificateId", id, 24, 128);
        if (!Validators.allMatch(id, "")) {
            throw ValidationErrors.single("certificateId", id, ValidationErrors.pattern("[\\w]+"));
        }
        return id;
    }

    private Optional<Struct> upload(OperationCall call) {
        String body = Validators.policyText("certificateBody", call.parameters().required("CertificateBody"), 16384);
        Optional<String> owner = owner(call);
        authorize(call, owner);
        Instant now = call.environment().time();
        SigningCertificate created = ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            Optional<String> canonical = owner.map(n -> UserOperations.requireUser(view, n).name());
            byte[] der = der(parsed(body), now);
            if (view.allSigningCertificates().stream().anyMatch(c -> Arrays.equals(der(c.body()), der))) {
                throw IamErrors.duplicateCertificate();
            }
            if (view.signingCertificates(canonical).size() >= MAX_PER_USER) {
                throw IamErrors.limitExceeded("Cannot exceed quota for CertificatesPerUser: " + MAX_PER_USER);
            }
            SigningCertificate certificate = new SigningCertificate(view.account(),
                    UserCredentials.id(ctx.random(), "", 32), canonical, body, AccessKey.Status.Active, now);
            return Mutation.of(certificate, EntityChange.upsert(certificate));
        });
        return Optional.of(Struct.builder().put("Certificate", shape(created)).build());
    }

    /** The body's one certificate; AWS's answer to anything else names the body (a certificate is public). */
    private static X509Certificate parsed(String body) {
        try {
            return PemCertificates.certificate(body);
        } catch (AwsException e) {
            throw IamErrors.malformedCertificate("Certificate " + body + " is malformed.");
        }
    }

    /** The DER of a certificate IAM accepts: one X.509 certificate, valid now (InvalidCertificate otherwise). */
    private static byte[] der(X509Certificate certificate, Instant now) {
        if (now.isAfter(certificate.getNotAfter().toInstant()) || now.isBefore(certificate.getNotBefore().toInstant())) {
            throw IamErrors.certificateNotValidNow();
        }
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw IamErrors.malformedCertificate(
                    "Unable to parse certificate. Please ensure the certificate is in PEM format.");
        }
    }

    private static byte[] der(String storedBody) {
        try {
            return PemCertificates.certificate(storedBody).getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private SigningCertificate requireCertificate(AccountView view, Optional<String> owner, String id) {
        owner.ifPresent(n -> UserOperations.requireUser(view, n));
        return view.signingCertificate(id)
                .filter(c -> owner.isEmpty() ? c.userName().isEmpty()
                        : c.userName().map(n -> n.equalsIgnoreCase(owner.get())).orElse(false))
                .orElseThrow(() -> IamErrors.noSuchSigningCertificate(id));
    }

    private Optional<Struct> list(OperationCall call) {
        Optional<String> owner = owner(call);
        authorize(call, owner);
        AccountView view = ctx.view(call);
        owner.ifPresent(n -> UserOperations.requireUser(view, n));
        List<SigningCertificate> certificates = view.signingCertificates(owner).stream()
                .sorted(Comparator.comparing(SigningCertificate::id)).toList();
        Struct.Builder result = Struct.builder();
        Pagination.page(call.parameters(), certificates, SigningCertificate::id, "Certificates",
                SigningCertificateOperations::shape, result);
        return Optional.of(result.build());
    }

    private Optional<Struct> update(OperationCall call) {
        String id = certificateId(call.parameters());
        AccessKey.Status status = UserCredentials.status(call);
        Optional<String> owner = owner(call);
        authorize(call, owner);
        ctx.store().update(snapshot -> {
            SigningCertificate certificate = requireCertificate(ctx.view(snapshot, call), owner, id).withStatus(status);
            return Mutation.of(certificate, EntityChange.upsert(certificate));
        });
        return Optional.empty();
    }

    private Optional<Struct> delete(OperationCall call) {
        String id = certificateId(call.parameters());
        Optional<String> owner = owner(call);
        authorize(call, owner);
        ctx.store().update(snapshot -> {
            SigningCertificate certificate = requireCertificate(ctx.view(snapshot, call), owner, id);
            return Mutation.of(certificate, EntityChange.remove(certificate));
        });
        return Optional.empty();
    }

    private static Struct shape(SigningCertificate certificate) {
        return Struct.builder()
                .put("UserName", certificate.userName().orElse(certificate.account().value()))
                .put("CertificateId", certificate.id())
                .put("CertificateBody", certificate.body())
                .put("Status", certificate.status().name())
                .put("UploadDate", certificate.uploadDate())
                .build();
    }
}
