package dev.lanyard.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The regions this Lanyard serves, and which endpoint a request was sent to. Lanyard listens on one address, so the
 * region a request is signed for (its SigV4 credential scope) is the endpoint it stands for, as when an SDK is pointed
 * at a custom endpoint: {@code aws-global} is STS's global endpoint ({@code sts.amazonaws.com}), every other region the
 * regional endpoint {@code sts.REGION.amazonaws.com}. {@code us-east-1} counts as regional, since SDKs sign it for
 * {@code sts.us-east-1.amazonaws.com} by default and for the global endpoint only when configured for it.
 *
 * <p>Served are: the configured (home) region, {@code us-east-1}, {@code aws-global} (the AWS SDK for Java v2 signs
 * with it when a client built with {@code Region.AWS_GLOBAL} is pointed at a custom endpoint; it stands for
 * {@code us-east-1}), and the regions the operator enabled. A global-endpoint (v1) session token is valid only in
 * {@linkplain #enabledByDefault regions enabled by default}: AWS's, and the home region.
 */
public record Regions(String home, Set<String> names) {
    public static final String GLOBAL_ENDPOINT_REGION = "us-east-1";
    public static final String SDK_GLOBAL_PSEUDO_REGION = "aws-global";
    /** AWS's commercial regions enabled by default (those launched before 20 March 2019); later ones are opt-in. */
    public static final Set<String> AWS_ENABLED_BY_DEFAULT = Set.of("us-east-1", "us-east-2", "us-west-1",
            "us-west-2", "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1",
            "ap-southeast-2", "ca-central-1", "eu-central-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-north-1",
            "sa-east-1");
    private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2,}(-[a-z]+)+-\\d{1,2}");

    public Regions {
        requireNonNull(home, "home is null");
        names = Set.copyOf(requireNonNull(names, "names is null"));
        if (home.isBlank() || names.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("regions must be non-blank names: " + home + ", " + names);
        }
        if (!names.contains(home)) {
            throw new IllegalArgumentException("the home region " + home + " must be served: " + names);
        }
    }

    /** The configured region and the two global ones. */
    public static Regions of(String configuredRegion) {
        return of(configuredRegion, Set.of());
    }

    /** The configured region, the two global ones and the regions the operator enabled besides. */
    public static Regions of(String configuredRegion, Collection<String> enabled) {
        Set<String> names = new LinkedHashSet<>();
        names.add(configuredRegion);
        names.add(GLOBAL_ENDPOINT_REGION);
        names.add(SDK_GLOBAL_PSEUDO_REGION);
        for (String region : enabled) {
            if (!isRegionName(region)) {
                throw new IllegalArgumentException("an enabled region must be a region name such as eu-west-2, not '"
                        + region + "'");
            }
            names.add(region);
        }
        return new Regions(configuredRegion, names);
    }

    public boolean serves(String region) {
        return names.contains(region);
    }

    /** A well-formed region name ({@code eu-west-1}, {@code ap-southeast-5}), served here or not. */
    public static boolean isRegionName(String region) {
        return REGION_NAME.matcher(region).matches();
    }

    /** Whether a request signed for this region was sent to the global endpoint. */
    public boolean globalEndpoint(String signedRegion) {
        return signedRegion.equals(SDK_GLOBAL_PSEUDO_REGION);
    }

    /** Where a v1 (global-endpoint) session token is valid. */
    public boolean enabledByDefault(String signedRegion) {
        return AWS_ENABLED_BY_DEFAULT.contains(signedRegion) || signedRegion.equals(home)
                || signedRegion.equals(SDK_GLOBAL_PSEUDO_REGION);
    }

    /** The region a request is made in (aws:RequestedRegion): a served one, with the SDK's global alias resolved. */
    public String requested(String served) {
        return served.equals(SDK_GLOBAL_PSEUDO_REGION) ? GLOBAL_ENDPOINT_REGION : served;
    }
}
