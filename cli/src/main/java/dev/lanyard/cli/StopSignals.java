package dev.lanyard.cli;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT, taken over from the JVM so that {@code serve} stops in order and exits with 0. Left to the JVM,
 * they start its shutdown at once: every shutdown hook runs in parallel (java.util.logging's reset among them, which
 * silences whatever the stop would log) and the process ends with 143, which systemd counts as a failure. The first
 * signal asks for an orderly stop; a second one ends the process at once, as a second Ctrl-C does elsewhere.
 */
final class StopSignals {
    private static final List<String> NAMES = List.of("TERM", "INT");
    private final AtomicReference<String> received = new AtomicReference<>();
    private final CountDownLatch first = new CountDownLatch(1);

    private StopSignals() {}

    /**
     * Handles both signals from now on. One the JVM keeps for itself (it was started with {@code -Xrs}) stays with
     * the JVM: the shutdown hook then stops the server, with the JVM's exit status.
     */
    static StopSignals install() {
        StopSignals signals = new StopSignals();
        for (String name : NAMES) {
            try {
                Signal.handle(new Signal(name), signals::onSignal);
            } catch (IllegalArgumentException e) {
                System.err.println("lanyard: SIG" + name + " stays with the JVM: " + e.getMessage());
            }
        }
        return signals;
    }

    private void onSignal(Signal signal) {
        String name = "SIG" + signal.getName();
        if (received.compareAndSet(null, name)) {
            first.countDown();
        } else {
            System.err.println("lanyard: " + name + " again: exiting without waiting for the stop to finish");
            Runtime.getRuntime().halt(128 + signal.getNumber());
        }
    }

    /** Blocks until the first signal arrives; returns its name ({@code SIGTERM}, {@code SIGINT}). */
    String await() throws InterruptedException {
        first.await();
        return received.get();
    }
}
