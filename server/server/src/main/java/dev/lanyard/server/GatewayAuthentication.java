package dev.lanyard.server;

import dev.lanyard.pipeline.RegionRules;
import dev.lanyard.pipeline.Regions;
import dev.lanyard.pipeline.RequestAuthenticator;
import dev.lanyard.s3gateway.S3CallerAuthenticator;

/**
 * The S3 gateway's seam to the one authentication every front end shares; a refused credential comes with its
 * reason, which the gateway counts and words as S3 does.
 */
final class GatewayAuthentication {
    private GatewayAuthentication() {}

    static S3CallerAuthenticator of(RequestAuthenticator authenticator, Regions regions) {
        return (signed, check) -> {
            RequestAuthenticator.Authenticated authenticated = authenticator.authenticate(signed, check::verify);
            // S3, like STS, takes a v1 (global endpoint) session token only in regions enabled by default.
            RegionRules.requireTokenValidIn(regions, authenticated.caller(), signed.region());
            return new S3CallerAuthenticator.Authenticated(authenticated.caller(), authenticated.signature());
        };
    }
}
