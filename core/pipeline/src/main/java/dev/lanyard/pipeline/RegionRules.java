package dev.lanyard.pipeline;

import dev.lanyard.authz.Caller;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
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
            throw new AwsException(ErrorCode.REGION_DISABLED, "STS is not activated in this region for account:"
                    + caller.account().value() + ". Your account administrator can activate STS in this region"
                    + " using the IAM Console.", "enabled regions: " + regions.names());
        }
        requireTokenValidIn(regions, caller, signedRegion);
    }

    /** A v1 session token in a region not enabled by default is refused as an invalid token. */
    public static void requireTokenValidIn(Regions regions, Caller caller, String signedRegion) {
        boolean v1Token = caller.session().map(SessionClaims::v1Token).orElse(false);
        if (v1Token && !regions.enabledByDefault(signedRegion)) {
            throw new AwsException(ErrorCode.INVALID_CLIENT_TOKEN_ID,
                    "The security token included in the request is invalid.", "a v1 session token of the global"
                            + " endpoint is valid only in regions enabled by default, not in " + signedRegion);
        }
    }
}
