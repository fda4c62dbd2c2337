package dev.lanyard.authorizeapi;

import static java.util.Objects.requireNonNull;

import dev.lanyard.authorizeapi.ServiceCatalogue.DeclaredService;
import dev.lanyard.authz.AccessControl;
import dev.lanyard.authz.AccessRequest;
import dev.lanyard.authz.Caller;
import dev.lanyard.authz.RequestEnvironment;
import dev.lanyard.aws.AwsErrors;
import dev.lanyard.aws.AwsException;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.pipeline.CredentialsRejectedException;
import dev.lanyard.pipeline.Regions;
import dev.lanyard.pipeline.RequestAuthenticator;
import dev.lanyard.pipeline.RequestAuthenticator.Authenticated;
import dev.lanyard.sigv4.HttpRequestParts;
import dev.lanyard.sigv4.PresignedLifetime;
import dev.lanyard.sigv4.SigV4Verifier;
import dev.lanyard.sigv4.SignedRequest;
import java.time.InstantSource;

/**
 * The verdict on a request a service received, whichever door the question came through: authenticated by the
 * service's own signing name and regions through the one authentication every front end shares, then decided by the
 * one Authorizer. Any failure is a refusal, never an allow.
 */
final class ClientDecisions {
    private final RequestAuthenticator authenticator;
    private final SigV4Verifier verifier;
    private final AccessControl access;
    private final Regions regions;
    private final InstantSource clock;

    ClientDecisions(RequestAuthenticator authenticator, SigV4Verifier verifier, AccessControl access, Regions regions,
            InstantSource clock) {
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.verifier = requireNonNull(verifier, "verifier is null");
        this.access = requireNonNull(access, "access is null");
        this.regions = requireNonNull(regions, "regions is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** What the service received: the request (its body standing as {@code payloadHash}) and from where. */
    record Received(HttpRequestParts request, String payloadHash, String sourceIp, boolean secureTransport) {
        Received {
            requireNonNull(request, "request is null");
            requireNonNull(payloadHash, "payloadHash is null");
            requireNonNull(sourceIp, "sourceIp is null");
        }
    }

    /** A door's limit on the request's caller, checked once it is authenticated and before any policy is evaluated. */
    @FunctionalInterface
    interface Admission {
        /** @throws AwsException when the caller may not be answered now (a throttle) */
        void admit(Caller caller);

        Admission ANYONE = caller -> { };
    }

    Verdict decide(IamSnapshot snapshot, Question question, Received received, String requestId) {
        return decide(snapshot, question, received, requestId, Admission.ANYONE);
    }

    Verdict decide(IamSnapshot snapshot, Question question, Received received, String requestId,
            Admission admission) {
        Authenticated client;
        try {
            client = authenticate(question.service(), received);
            admission.admit(client.caller());
        } catch (AwsException e) {
            return Verdict.unauthenticated(e);
        }
        RequestEnvironment env = new RequestEnvironment(clock.instant(), received.sourceIp(),
                received.secureTransport(), client.signed().region(), received.request().header("User-Agent"),
                requestId);
        AccessRequest request = question.request();
        AccessControl.Answer answer = access.answer(snapshot, client.caller(), env, request);
        return Verdict.decided(client.caller(), answer.decision(), answer.denial());
    }

    private Authenticated authenticate(DeclaredService service, Received received) {
        HttpRequestParts parts = received.request();
        SignedRequest signed = SignedRequest.parse(parts).orElseThrow(AwsErrors::missingAuthenticationToken);
        if (!signed.service().equals(service.signingName())) {
            throw AwsErrors.serviceOutOfScope(service.signingName(), false, "signed for '" + signed.service() + "'");
        }
        boolean servedRegion = service.regions().map(r -> r.contains(signed.region()))
                .orElseGet(() -> regions.serves(signed.region()));
        if (!servedRegion) {
            throw AwsErrors.regionOutOfScope(signed.region(), false, "");
        }
        try {
            return authenticator.authenticate(signed, secret -> verifier.verifyHashed(signed, parts,
                    received.payloadHash(), secret, PresignedLifetime.EXPIRES));
        } catch (CredentialsRejectedException e) {
            throw e.rejection().queryError(e.getMessage());
        }
    }
}
