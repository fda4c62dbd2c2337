package dev.lanyard.pipeline;

import dev.lanyard.authz.Caller;
import dev.lanyard.aws.AwsErrors;
import dev.lanyard.tokens.SessionClaims;

/**
 * What an authenticated caller may do in the region its request is signed for: STS in a region this Lanyard does not
 * serve answers {@code RegionDisabledException}, as STS does in a region deactivated for the account; a v1 session
 * token of the global endpoint works only in regions enabled by default, at STS and IAM as at the S3 gateway.
 */
public final class RegionRules {
    private RegionRules() {}

    static void check(Regions regions, Caller caller, String signedRegion) {
        if (!regions.serves(signedRegion)) {
            throw PipelineErrors.regionDisabled(caller.account().value(), "enabled regions: " + regions.names());
        }
        requireTokenValidIn(regions, caller, signedRegion);
    }

    /** A v1 session token in a region not enabled by default is refused as an invalid token. */
    public static void requireTokenValidIn(Regions regions, Caller caller, String signedRegion) {
        boolean v1Token = caller.session().map(SessionClaims::v1Token).orElse(false);
        if (v1Token && !regions.enabledByDefault(signedRegion)) {
            throw AwsErrors.invalidClientTokenId("a v1 session token of the global endpoint is valid only in regions"
                    + " enabled by default, not in " + signedRegion);
        }
    }
}
