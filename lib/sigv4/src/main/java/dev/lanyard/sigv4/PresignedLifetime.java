package dev.lanyard.sigv4;

/**
 * How long a presigned request stays valid after its {@code X-Amz-Date}. Either way it is refused before
 * {@code X-Amz-Date} minus the skew window, and never accepted after {@code X-Amz-Date} plus the skew window.
 */
public enum PresignedLifetime {
    /**
     * Until {@code X-Amz-Date + X-Amz-Expires} when that comes before the end of the skew window (then
     * {@code RequestExpired}); a request without {@code X-Amz-Expires} gets the window.
     */
    EXPIRES,
    /**
     * The skew window whatever {@code X-Amz-Expires} says: what STS does for a presigned {@code GetCallerIdentity},
     * which identity proofs rely on (EKS tokens say {@code X-Amz-Expires=60} and are reused for 14 minutes).
     */
    SKEW_WINDOW
}
