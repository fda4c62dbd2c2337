package dev.lanyard.bench;

/** JVM options shared by the benchmark forks. */
final class Jvm {
    /** JMH 1.37 calls sun.misc.Unsafe, which JDK 24+ warns about on every fork; the warning says nothing about us. */
    static final String QUIET_UNSAFE = "--sun-misc-unsafe-memory-access=allow";

    private Jvm() {}
}
