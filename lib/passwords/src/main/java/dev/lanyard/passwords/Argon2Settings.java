package dev.lanyard.passwords;

/**
 * Argon2id cost parameters (RFC 9106).
 *
 * @param memoryKiB memory per hash, in KiB
 * @param iterations passes over that memory
 * @param parallelism lanes
 */
public record Argon2Settings(int memoryKiB, int iterations, int parallelism) {
    /**
     * OWASP's Password Storage Cheat Sheet's first Argon2id configuration: 19 MiB, 2 passes, 1 lane. IAM passwords
     * are set and changed rarely and never checked on a hot path, so the cost is paid by writes only; 19 MiB keeps a
     * burst of concurrent changes within a small server's memory (see {@link PasswordHasher}'s concurrency bound)
     * while each guess still costs an attacker 19 MiB of memory traffic, which is what defeats GPUs and ASICs.
     */
    public static final Argon2Settings DEFAULT = new Argon2Settings(19 * 1024, 2, 1);

    public Argon2Settings {
        if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1 || parallelism > 16) {
            throw new IllegalArgumentException("invalid Argon2id parameters m=" + memoryKiB + ", t=" + iterations
                    + ", p=" + parallelism);
        }
    }
}
